"""Backups on demand and restoring one into the open store. No Qt here.

Everything goes through SQLite's backup API: a file copy of a live WAL database can miss what
is still in the -wal file, and restoring by replacing the file would pull it from under the
open connection.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop.store import identity
from desktop.store.db import Store, StoreError, reason
from desktop.store.migrations import LATEST, MIGRATIONS

_STAMP = "%Y%m%d-%H%M%S"


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime(_STAMP)


def _free(folder: Path, stem: str) -> Path:
    """`stem.sqlite`, or `stem-2.sqlite` … when two copies fall in the same second."""
    path, n = folder / f"{stem}.sqlite", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.sqlite"
    return path


def backup_now(store: Store, folder: Path | str, now: datetime | None = None) -> Path:
    """Write `<dbname>-YYYYMMDD-HHMMSS.sqlite` into folder and return its path."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"Mappen {folder} findes ikke.")
    try:
        return store.backup(_free(folder, f"{store.path.stem}-{_stamp(now)}"))
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"Sikkerhedskopien kunne ikke skrives til {folder}: "
                         f"{reason(exc)}.") from exc


def list_backups(folder: Path | str, db_name: str) -> list[Path]:
    """backup_now's copies of the database named db_name (e.g. Store.path.name), newest first."""
    pattern = re.compile(re.escape(Path(db_name).stem) + r"-(\d{8}-\d{6})(?:-(\d+))?\.sqlite")
    found = []
    for path in Path(folder).glob("*.sqlite"):
        m = pattern.fullmatch(path.name)
        if m:
            found.append(((m[1], int(m[2] or 1)), path))
    return [path for _, path in sorted(found, reverse=True)]


def _open_checked(backup_file: Path) -> sqlite3.Connection:
    """A read-only connection to backup_file, once it has proved to be a sound copy of ours."""
    name = backup_file.name
    if not backup_file.is_file():
        raise StoreError(f"Filen {backup_file} findes ikke.")
    uri = backup_file.resolve().as_uri() + "?mode=ro"
    if not backup_file.with_name(name + "-wal").exists():
        # Nothing beside it to read, so don't let SQLite leave -shm/-wal files in the folder.
        uri += "&immutable=1"
    src = sqlite3.connect(uri, uri=True)
    try:
        ours = identity.kind(src) == "ours"
        ok = src.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        version = src.execute("PRAGMA user_version").fetchone()[0]
        known = ok and ours and version <= LATEST and identity.known_layout(src)
    except sqlite3.DatabaseError:
        src.close()
        raise StoreError(f"{name} er ikke en database fra DU-indberetning.") from None
    problem = None
    if not ours:
        problem = f"{name} er ikke en database fra DU-indberetning."
    elif not ok:
        problem = f"{name} er beskadiget og kan ikke bruges til gendannelse."
    elif version > LATEST:
        problem = (f"{name} er lavet af en nyere version af programmet og kan ikke gendannes "
                   "med denne.")
    elif not known or not _migrates(src):
        problem = (f"{name} har ikke de tabeller, en database fra DU-indberetning har, og kan "
                   "ikke bruges til gendannelse.")
    if problem:
        src.close()
        raise StoreError(problem)
    return src


def _migrates(src: sqlite3.Connection) -> bool:
    """A copy of the backup, in memory, upgraded to this version: does it get this version's
    tables exactly, without an error?"""
    mem = sqlite3.connect(":memory:")
    try:
        src.backup(mem)
        version = mem.execute("PRAGMA user_version").fetchone()[0]
        with mem:
            for steps in MIGRATIONS[version:]:
                for statement in steps:
                    mem.execute(statement)
        return identity.layout(mem) == dict(identity._layout_of(LATEST))
    except sqlite3.Error:
        return False
    finally:
        mem.close()


def restore_from(store: Store, backup_file: Path | str, now: datetime | None = None) -> Path:
    """Replace the store's content with backup_file's, keeping the store open.

    The current content is first saved beside the database as
    `<name>.før-gendannelse-<stamp>.sqlite`; that path is returned.
    """
    backup_file = Path(backup_file)
    if backup_file.resolve() == store.path.resolve():
        raise StoreError("Det er den database, der er åben nu; vælg en sikkerhedskopi.")
    src = _open_checked(backup_file)
    if store.auto_backups:
        from desktop.store import autobackup
        problem = autobackup.take_quietly(store, autobackup.BEFORE_RESTORE)
        if problem:
            store.warnings.append(problem)
    try:
        safety = store.backup(_free(store.path.parent,
                                    f"{store.path.stem}.før-gendannelse-{_stamp(now)}"))
        # One write transaction on the live connection: it either gets all pages or none.
        src.backup(store.conn)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError("Gendannelsen mislykkedes; databasen er uændret: "
                         f"{reason(exc)}.") from exc
    finally:
        src.close()
    # An older copy is brought up to this version's schema, as on opening it.
    store.upgrade()
    return safety


def restore_in_place_of(db: Path | str, backup_file: Path | str,
                        now: datetime | None = None) -> Path | None:
    """For a store that cannot be opened (damaged, not ours, too new): put the backup's
    content at db's path. The file that was there is kept, renamed to
    `<name>.kunne-ikke-aabnes-<stamp><suffix>` (its -wal/-shm with it), never deleted; that
    path is returned (None if there was no file). The backup must pass the same checks as
    for restore_from."""
    db, backup_file = Path(db), Path(backup_file)
    src = _open_checked(backup_file)
    kept = None
    try:
        if db.exists():
            kept = _free(db.parent, f"{db.stem}.kunne-ikke-aabnes-{_stamp(now)}")
            kept = kept.with_suffix(db.suffix or ".sqlite")
            for side in ("-wal", "-shm"):
                side_file = db.with_name(db.name + side)
                if side_file.exists():
                    side_file.replace(kept.with_name(kept.name + side))
            db.replace(kept)

        def copy(tmp: Path) -> None:
            dest = sqlite3.connect(tmp)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()

        from desktop.atomic import replace_atomically
        replace_atomically(db, copy)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"Gendannelsen mislykkedes: {reason(exc)}.") from exc
    finally:
        src.close()
    return kept
