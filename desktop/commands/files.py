"""Commands that replace data wholesale: importing files and restoring a backup. They run in
one transaction each but are not undoable (the window clears its undo steps after them)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.commands.base import Changes, Command, Tx, changed, register
from desktop.settings import REGISTRY
from desktop.store import Store


@register
@dataclass(eq=False)
class ImportFiles(Command):
    """All files are checked first (before the transaction, no lock held); if any has an X
    finding nothing at all is stored. Otherwise all are stored in one transaction, in the
    order given. `result` is the operations.ImportResult."""
    paths: list[Path | str]
    adopt_ukode: bool = False  # the app's import: an empty database takes the files' provider
    result: object = None
    undoable = False
    label = "Indlæs filer"

    def prepare(self, store: Store) -> None:
        from desktop.operations import (ImportResult, file_ukoder, unique_files,  # noqa: I001
                                        validate_file)  # operations imports us
        from desktop.settings import check_settings
        from desktop.store import autobackup
        settings = check_settings(store.conn)
        unique, again = unique_files(self.paths)  # the same file given twice is read once
        checks = [validate_file(p, settings) for p in unique]
        self.result = ImportResult(checks, stored=False, duplicates=again,
                                   ukoder=file_ukoder(checks))
        if (store.auto_backups and not any(c.has_x for c in checks)
                and store.conn.execute("SELECT 1 FROM kursist LIMIT 1").fetchone()):
            self.result.backup_problem = autobackup.take_quietly(store, autobackup.BEFORE_IMPORT)

    def apply(self, tx: Tx) -> Changes:
        from desktop.operations import already_stored
        from desktop.store.importer import store_kursister
        if any(check.has_x for check in self.result.checks):
            return Changes()
        counts: Counter = Counter()
        quarters = set()
        for check in self.result.checks:
            self.result.replaced[check.path] = already_stored(tx.c, check.parsed.kursister)
            counts.update(store_kursister(tx.c, check.parsed.kursister))
            quarters |= {k["iperiode"] for k in check.parsed.kursister}
        self.result.stored, self.result.counts = True, counts
        if self.adopt_ukode and tx.values("setting", ("ukode",)) is None:
            # An empty database adopts the provider of what it imported.
            codes = [r[0] for r in tx.c.execute("SELECT DISTINCT ukode FROM kursist LIMIT 2")]
            if len(codes) == 1:
                tx.put("setting", ("ukode",), {"value": codes[0]})
        return changed(quarters=quarters, settings=("ukode",), roster=True, everything=True)


@register
@dataclass(eq=False)
class RestoreBackup(Command):
    """Replace the store's content with a backup's (through SQLite's backup API, one write
    transaction), keeping a copy of what it replaces; `safety` is that copy's path."""
    path: Path | str
    now: datetime | None = None
    safety: Path | None = None
    undoable = False
    label = "Gendan sikkerhedskopi"

    def execute(self, store: Store) -> Changes:
        from desktop.store.backup import restore_from
        self.safety = restore_from(store, self.path, self.now)
        self.images, self.changes = (), changed(settings=REGISTRY, roster=True, everything=True)
        return self.changes


@register
@dataclass(eq=False)
class SaveSettings(Command):
    """Settings by key (text as stored; None removes one), each checked against the registry
    (desktop.settings) before anything is written."""
    values: dict[str, str | None] = field(default_factory=dict)
    undoable = False  # Indstillinger is not an edit of the quarter's data
    label = "Gem indstillinger"

    def prepare(self, store: Store) -> None:
        from desktop.store import StoreError
        for key, text in self.values.items():
            problem = None if text is None else REGISTRY[key].problem(text)
            if problem:
                raise StoreError(problem)

    def apply(self, tx: Tx) -> Changes:
        before = len(tx.images)
        for key, text in self.values.items():
            tx.put("setting", (key,), None if text is None else {"value": text})
        return changed(settings={i.key[0] for i in tx.images[before:]})
