"""What the app's views ask for and change: one place between the windows and the store.

No Qt here, and the views never run SQL: they call this. Every change is a command
(desktop.commands), run in one transaction by `run`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop import commands
from desktop.checks import CheckSettings, Finding
from desktop.domain.cpr import cpr_problem
from desktop.domain.fields import TAGS
from desktop.domain.quarter import Quarter
from desktop.bulk import bulk
from desktop.settings import check_settings, value as setting_value
from desktop.store import Store
from desktop.store import backup, browse, exportlog, holds, kursist


@dataclass(frozen=True)
class FieldRef:
    """Where a value lives: a record kind, its row id (the kursist id for stamdata), a tag."""
    kind: str
    id: int
    tag: str


class Workspace:
    def __init__(self, store: Store):
        self.store = store
        self.reload()
        self.caught_up()

    def reload(self) -> None:
        """Read the settings again, e.g. after a restore from backup."""
        self.settings: CheckSettings = check_settings(self.store.conn)
        codes = browse.ukoder(self.store.conn)
        self.ukode: str | None = self.setting("ukode") or (codes[0] if codes else None)

    @property
    def path(self):
        """The database file."""
        return self.store.path

    @property
    def auto_backups(self) -> bool:
        """Whether the store takes automatic backups (so a worker's connection should too)."""
        return self.store.auto_backups

    def close(self) -> None:
        self.store.close()

    def backup_now(self, folder, now=None):
        """A copy of the database in folder (desktop.store.backup); its path."""
        return backup.backup_now(self.store, folder, now)

    # Reading ------------------------------------------------------------------------------
    def ukoder(self) -> list[str]:
        return browse.ukoder(self.store.conn)

    def quarters(self) -> list[str]:
        return browse.quarters(self.store.conn)

    @bulk()  # up to 100,000 rows at once
    def rows(self, q: Quarter, everyone: bool = False) -> list[browse.KursistRow]:
        return browse.kursist_rows(self.store.conn, q, self.ukode, everyone)

    def rows_reader(self, q: Quarter, everyone: bool = False):
        """rows() as a function for a worker thread: it reads on a connection of its own
        (SQLite connections stay with one thread), so the window need not wait for it."""
        path, ukode = self.path, self.ukode

        @bulk()
        def read() -> list[browse.KursistRow]:
            with Store(path, create=False, verify=False) as store:
                return browse.kursist_rows(store.conn, q, ukode, everyone)
        return read

    def first_rows(self, q: Quarter, limit: int,
                   everyone: bool = False) -> list[browse.KursistRow] | None:
        """The first rows of rows(), cheaply; None when there is no udbyderkode to walk."""
        if not self.ukode:
            return None
        return browse.first_rows(self.store.conn, q, self.ukode, limit, everyone)

    def row(self, kid: int, q: Quarter) -> browse.KursistRow | None:
        return browse.kursist_row(self.store.conn, kid, q)

    def sheet(self, kid: int, q: Quarter) -> kursist.KursistSheet:
        return kursist.load_sheet(self.store.conn, kid, q)

    def findings(self, kid: int, q: Quarter) -> list[Finding]:
        with self.store.reading() as c:
            return kursist.sheet_findings(c, kid, q, self.settings)

    def next_attempt(self, kid: int, uddnr: str, modul: str) -> int:
        return kursist.next_attempt(self.store.conn, kid, uddnr, modul)

    def last_export(self, q: Quarter, cpr: str | None = None) -> exportlog.ExportEntry | None:
        """The latest file written for the quarter (cpr None) or for one kursist in it."""
        return exportlog.last(self.store.conn, self.ukode, q.iperiode, cpr)

    def kursist_id(self, cpr: str) -> int | None:
        return browse.kursist_id(self.store.conn, self.ukode, cpr)

    # Holds ---------------------------------------------------------------------------------
    def holds(self) -> list[holds.Hold]:
        return holds.holds(self.store.conn, self.ukode)

    def hold(self, hold_id: int) -> holds.Hold | None:
        return holds.hold(self.store.conn, hold_id)

    def plan(self, hold_id: int) -> holds.Plan:
        return holds.plan(self.store.conn, hold_id)

    def hold_members(self, hold_id: int, day) -> list[holds.Member]:
        return holds.members(self.store.conn, hold_id, day)

    def holds_of_placements(self, modul_ids: list[int], q: Quarter) -> dict[int, str]:
        return holds.holds_of_placements(self.store.conn, modul_ids, q)

    def hold_on(self, modul_id: int) -> holds.Hold | None:
        return holds.hold_on(self.store.conn, modul_id)

    def grid(self, q: Quarter, hold_id: int | None) -> tuple[list[holds.GridRow], list[Finding]]:
        """A hold's quarter grid (hold_id None: the placements on no hold), with every
        finding of its kursister in the quarter, read in one consistent look."""
        with self.store.reading() as c:
            rows = holds.grid_rows(c, q, hold_id, self.ukode)
            kids = list(dict.fromkeys(r.kursist_id for r in rows))
            return rows, kursist.findings_of(c, kids, q, self.settings)

    def continuing(self, q: Quarter, untaught_only: bool = True) -> list[holds.Continuing]:
        """Placements running on from the previous quarter (without teaching here yet)."""
        return holds.continuing(self.store.conn, q, self.ukode, untaught_only)

    def continuing_count(self, q: Quarter) -> int:
        return holds.continuing_count(self.store.conn, q, self.ukode)

    def looks_finished(self, q: Quarter) -> list[holds.Continuing]:
        return holds.looks_finished(self.store.conn, q, self.ukode)

    def finished_placements(self, q: Quarter) -> list[holds.Finished]:
        """looks_finished() with the DU, module, hold and last month taught of each."""
        with self.store.reading() as c:
            return holds.finished_placements(c, q, self.ukode)

    # Changing: every change is a command (desktop.commands) ----------------------------------
    def run(self, command: commands.Command) -> commands.Changes:
        """Run a command in its one transaction; what it changed is returned."""
        return self._after(commands.run(self.store, command))

    def undo(self, command: commands.Command) -> commands.Changes:
        return self._after(commands.undo(self.store, command))

    def redo(self, command: commands.Command) -> commands.Changes:
        return self._after(commands.redo(self.store, command))

    def still_applies(self, command: commands.Command) -> bool:
        """Whether undo of the command can still run (its rows hold what it wrote)."""
        with self.store.reading() as c:
            return commands.still_applies(c, command)

    def _after(self, changes: commands.Changes) -> commands.Changes:
        if changes.settings or changes.everything:
            self.reload()
        return changes

    def data_version(self) -> int:
        """SQLite's PRAGMA data_version: changes when another connection (another window,
        the command line, a worker thread of this one) has committed to the database."""
        return self.store.data_version()

    def busy_timeout(self, ms: int) -> None:
        """How long the next write waits for another program's lock."""
        self.store.busy_timeout(ms)

    def others_wrote(self) -> bool:
        """Whether another connection has committed since caught_up() was last called."""
        return self.data_version() != self._seen_version

    def caught_up(self) -> None:
        """What the database holds now is what the views show: after a full reload, or after
        the app's own write on another connection (an import or export on a worker thread)."""
        self._seen_version = self.data_version()

    # Conveniences for scripts and tests: the command built from what is stored now.
    def value(self, ref: FieldRef, q: Quarter) -> str | None:
        if ref.kind == "kursist":
            return kursist.stamdata_as_of(self.store.conn, ref.id, q.iperiode).get(ref.tag)
        return kursist.field_value(self.store.conn, ref.kind, ref.id, ref.tag)

    def owner(self, kind: str, record_id: int) -> int | None:
        return commands.owner(self.store.conn, kind, record_id)

    def set_value(self, ref: FieldRef, value: str | None, q: Quarter) -> commands.Changes:
        if ref.tag not in TAGS[ref.kind]:
            raise ValueError(ref.tag)
        return self.run(commands.SetFields(ref.kind, ref.id, self.owner(ref.kind, ref.id),
                                           q.iperiode, {ref.tag: value},
                                           {ref.tag: self.value(ref, q)}))

    def add_record(self, kind: str, parent_id: int, q: Quarter,
                   values: dict[str, str | None] | None = None) -> int:
        return self.add_records(kind, parent_id, q, [values or {}])[0]

    def add_records(self, kind: str, parent_id: int, q: Quarter,
                    rows: list[dict[str, str | None]]) -> list[int]:
        """New records of one kind under one parent, in one transaction."""
        kid = self.owner("modul" if kind == "undervisning" else "kursist", parent_id)
        command = commands.AddRecords(kind, parent_id, kid, q.iperiode, [dict(r) for r in rows])
        self.run(command)
        return command.ids

    def delete_record(self, kind: str, record_id: int, q: Quarter | None = None) -> None:
        self.run(commands.DeleteRecord(kind, record_id, self.owner(kind, record_id),
                                       (q.iperiode if q else "")))

    def restart_placement(self, modul_id: int, end: str, ophoer: str, start: str) -> int:
        """'Genstart modul': close the placement with an ophørsårsag, open attempt + 1."""
        command = commands.RestartModule(modul_id, self.owner("modul", modul_id), "", end,
                                         ophoer, start)
        self.run(command)
        return command.new_id

    def create_kursist(self, cpr: str, q: Quarter, kkoen: str | None = None,
                       knationskode: str | None = None) -> int:
        command = commands.CreateKursist(self.ukode, cpr, q.iperiode, kkoen, knationskode,
                                         self.settings.a1_is_error)
        self.run(command)
        return command.id

    @property
    def cpr_masked(self) -> bool:
        """CPR numbers shown as DDMMYY-XXXX, for screen sharing (View menu)."""
        return self.setting("mask_cpr")

    def setting(self, key: str):
        """A setting's value, typed, as the registry (desktop.settings) declares it."""
        return setting_value(self.store.conn, key)

    def set_setting(self, key: str, value: str | None) -> commands.Changes:
        return self.run(commands.SaveSettings({key: value}))


__all__ = ["FieldRef", "Workspace", "cpr_problem"]
