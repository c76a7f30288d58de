"""The work that tests/test_crash_safety.py kills, and the child process that does it.

A seeded sequence of steps covers every write path, each a command (desktop.commands) as the
window runs it: importing one file and a set of files, field values and stamdata, new records
one and several at a time, deletes of records and of whole kursister, ending ("afslut") and
restarting placements, the automatic fills (the attempt number once DU and module are typed,
UnFagSkema from the UnKat parts, UnLekMin, the modultest date), new kursister, settings,
exports of a quarter and of one kursist with their log, backups and restores. Step k depends
only on the seed, k and the state after step k-1, so replaying the sequence on a copy of the
starting database passes through exactly the states the child passes through.

`work` and `upgrade` are what the child process runs. It is forked from a server process
that has imported the app's non-Qt layers and nothing else, so a new child is ready in
milliseconds; Snapshot and Inspector are what the test compares after each kill. Nothing
here imports Qt, and the child checks that nothing did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import sqlite3
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from desktop import commands
from desktop.domain.quarter import Quarter
from desktop.operations import export_quarter
from desktop.sampledata import KOMMUNER, NATIONS, valid_cpr
from desktop.store import Store, StoreError
from desktop.store.backup import backup_now, list_backups
from desktop.workspace import FieldRef, Workspace

T0 = dt.datetime(2026, 1, 5, 8, 0)  # the clock of step k is T0 + k minutes
# What an interrupted atomic write leaves: the temporary file, and beside a database copy
# SQLite's own journal, or -wal/-shm while the copy is switched out of WAL mode.
TEMP = re.compile(r"\..+\.tmp(-journal|-wal|-shm)?")


@dataclass(frozen=True)
class Place:
    """One copy of the world: the database and the folders the steps write into."""
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "du.sqlite"

    @property
    def exports(self) -> Path:
        return self.root / "eksport"

    @property
    def backups(self) -> Path:
        return self.root / "kopier"


# Plausible values a clerk types, so that exports keep passing the schema (type A errors
# are exported with force, as a clerk may).
FIELD_VALUES = {
    "henvisning": {"hhenviskat": ["1", "2", "3", "6"], "hkomkode": KOMMUNER},
    "modul": {"uophoersaarsag": ["7", "8"], "ustartdato": ["2023-08-14", "2024-01-08"]},
    "undervisning": {"unfagskema": ["12", "20", "36"], "unfravaer": ["0", "2", "5"],
                     "unfagoevrig": ["0", "3"], "unlekmin": ["45", "50", "60"]},
    "proeve": {"pkarakter": ["12", "10", "7", "4", "02"], "pselvstuderende": ["J", "N"]},
}
SETTINGS = {"lesson_minutes": ["45", "50", "60"], "a1_error": ["0", "1"],
            "export_dir": ["/srv/eksport", "C:\\Eksport"]}


class World:
    """A place opened as the app opens it, and the steps that change it."""

    def __init__(self, place: Place, inputs: list[Path]):
        self.place, self.inputs = place, inputs
        self.quarters = sorted(Quarter.parse(p.stem.rsplit("_", 1)[1]) for p in inputs)
        self.store = Store(place.db, create=False)
        self.ws = Workspace(self.store)

    def close(self) -> None:
        self.store.close()

    def step(self, k: int, seed: int) -> None:
        r = random.Random(f"{seed}:{k}")
        try:
            STEPS[kind_of(k, seed)](self, r, k)
        except StoreError:  # refused with a message (e.g. a CPR the settings reject)
            pass

    def pick(self, r: random.Random, sql: str, params=()) -> tuple | None:
        rows = self.store.conn.execute(sql, params).fetchall()
        return r.choice(rows) if rows else None

    def day_in(self, r: random.Random, q: Quarter) -> str:
        return (q.start + dt.timedelta(days=r.randrange((q.end - q.start).days))).isoformat()


def _import_one(w: World, r, k) -> None:
    w.ws.run(commands.ImportFiles([r.choice(w.inputs)]))


def _import_set(w: World, r, k) -> None:
    w.ws.run(commands.ImportFiles(r.sample(w.inputs, r.randint(2, 3))))


def _other(r, choices, current) -> str:
    """A value other than the current one, so that every step really writes."""
    return r.choice([c for c in choices if c != current])


def _set_stamdata(w: World, r, k) -> None:
    row = w.pick(r, "SELECT id FROM kursist ORDER BY id")
    if row:
        tag, q = r.choice(["kkoen", "knationskode"]), r.choice(w.quarters)
        kid = row[0]
        old = w.ws.value(FieldRef("kursist", kid, tag), q)
        new = _other(r, "MK" if tag == "kkoen" else NATIONS, old)
        w.ws.run(commands.SetFields("kursist", kid, kid, q.iperiode, {tag: new}, {tag: old}))


def _set_field(w: World, r, k) -> None:
    kind = r.choice(sorted(FIELD_VALUES))
    row = w.pick(r, f"SELECT id FROM {kind} ORDER BY id")
    if row:
        tag, q = r.choice(sorted(FIELD_VALUES[kind])), r.choice(w.quarters)
        old = w.ws.value(FieldRef(kind, row[0], tag), q)
        new = _other(r, FIELD_VALUES[kind][tag], old)
        w.ws.run(commands.SetFields(kind, row[0], w.ws.owner(kind, row[0]), q.iperiode,
                                    {tag: new}, {tag: old}))


def _type_lesson_parts(w: World, r, k) -> None:
    """A month's lessons typed as parts over an emptied UnFagSkema, which is filled in as
    their sum in the same transaction (the automatic fill)."""
    row = w.pick(r, "SELECT id FROM undervisning ORDER BY id")
    if row:
        q = r.choice(w.quarters)
        values = {"unfagskema": None, "unkatkonf": str(r.randint(1, 9)),
                  "unkatstud": str(r.randint(0, 9))}
        w.ws.run(commands.SetFields("undervisning", row[0], w.ws.owner("undervisning", row[0]),
                                    q.iperiode, values))


def _choose_module(w: World, r, k) -> None:
    """A new placement gets its DU and module typed in: the attempt number follows."""
    row = w.pick(r, "SELECT id FROM modul WHERE uforsoegnr IS NULL ORDER BY id")
    if row is None:
        return
    kid = w.ws.owner("modul", row[0])
    w.ws.run(commands.SetFields("modul", row[0], kid, r.choice(w.quarters).iperiode,
                                {"uuddnr": "2", "umodul": str(r.randint(1, 6))}))


def _add_record(w: World, r, k) -> None:
    q = r.choice(w.quarters)
    kind = r.choice(["henvisning", "modul", "undervisning", "proeve"])
    if kind == "undervisning":
        parent = w.pick(r, "SELECT id FROM modul ORDER BY id")
        values = {"unperiode": str(r.choice(q.months)), "unfagskema": "20", "unfravaer": "2",
                  "unfagoevrig": "0"}
    else:
        parent = w.pick(r, "SELECT id FROM kursist ORDER BY id")
        values = {
            "henvisning": {"hhenvisdato": w.day_in(r, q), "hhenviskat": "1", "hkomkode": "101"},
            # now and then without DU and module: the next "choose a module" fills them in
            "modul": ({"ustartdato": w.day_in(r, q)} if r.random() < 0.3 else
                      {"uuddnr": "2", "umodul": str(r.randint(1, 6)), "ustartdato": w.day_in(r, q)}),
            "proeve": {"pdato": w.day_in(r, q), "ptype": "3", "pstatus": "4", "pkarakter": "7",
                       "pselvstuderende": "N"},
        }[kind]
    if parent:
        parent_kind = "modul" if kind == "undervisning" else "kursist"
        w.ws.run(commands.AddRecord(kind, parent[0], w.ws.owner(parent_kind, parent[0]),
                                    q.iperiode, values))


def _add_records(w: World, r, k) -> None:
    q = r.choice(w.quarters)
    parent = w.pick(r, "SELECT id FROM modul ORDER BY id")
    if parent:
        w.ws.run(commands.AddRecords("undervisning", parent[0], w.ws.owner("modul", parent[0]),
                                     q.iperiode, [
            {"unperiode": str(m), "unfagskema": str(r.randint(8, 40)), "unfravaer": "1",
             "unfagoevrig": "0"} for m in q.months]))


def _delete_record(w: World, r, k) -> None:
    kind = r.choice(["henvisning", "modul", "undervisning", "proeve"])
    row = w.pick(r, f"SELECT id FROM {kind} ORDER BY id")
    if row:
        w.ws.run(commands.DeleteRecord(kind, row[0], w.ws.owner(kind, row[0]), ""))


def _delete_kursist(w: World, r, k) -> None:
    row = w.pick(r, "SELECT id FROM kursist ORDER BY id")
    if row:
        w.ws.run(commands.DeleteRecord("kursist", row[0], row[0], ""))


def _open_placement(w: World, r):
    return (w.pick(r, "SELECT id, kursist_id FROM modul WHERE uslutdato IS NULL ORDER BY id")
            or w.pick(r, "SELECT id, kursist_id FROM modul ORDER BY id"))


def _close_placement(w: World, r, k) -> None:
    """'Afslut …': end date with a passed module test (its date filled in) or a reason."""
    row = _open_placement(w, r)
    if row:
        q = r.choice(w.quarters)
        end = (q.start + dt.timedelta(days=r.randint(20, 60))).isoformat()
        passed = r.random() < 0.5
        w.ws.run(commands.ClosePlacement(row[0], row[1], q.iperiode, end,
                                         reason=None if passed else r.choice(["7", "8"])))


def _restart_placement(w: World, r, k) -> None:
    row = _open_placement(w, r)
    if row:
        q = r.choice(w.quarters)
        end = q.start + dt.timedelta(days=r.randint(20, 60))
        w.ws.run(commands.RestartModule(row[0], row[1], q.iperiode, end.isoformat(),
                                        r.choice(["7", "8"]),
                                        (end + dt.timedelta(days=7)).isoformat()))


def _create_kursist(w: World, r, k) -> None:
    born = dt.date(r.randint(1960, 2004), r.randint(1, 12), r.randint(1, 28))
    w.ws.run(commands.CreateKursist(w.ws.ukode, valid_cpr(r, born), r.choice(w.quarters).iperiode,
                                    r.choice("MK"), r.choice(NATIONS), w.ws.settings.a1_is_error))


def _set_setting(w: World, r, k) -> None:
    key = r.choice(sorted(SETTINGS))
    w.ws.run(commands.SaveSettings({key: _other(r, SETTINGS[key], w.store.setting(key))}))


def _export(w: World, r, k, one: bool) -> None:
    q = r.choice(w.quarters)
    cpr = None
    if one:  # among a few kursister only, so that files are written over as well as new
        row = w.pick(r, "SELECT kcprnr FROM kursist k WHERE EXISTS (SELECT 1 FROM henvisning h "
                     "WHERE h.kursist_id = k.id AND h.iperiode = ?) ORDER BY id LIMIT 3",
                     (q.iperiode,))
        if row is None:
            return
        cpr = row[0]
    name = f"DU_{w.ws.ukode}_{q.iperiode}" + (f"_{cpr}" if cpr else "") + ".xml"
    export_quarter(w.store, q.iperiode, w.place.exports / name, ukode=w.ws.ukode, cpr=cpr,
                   force=True, now=(T0 + dt.timedelta(minutes=k)).replace(tzinfo=dt.timezone.utc))


def _export_quarter(w: World, r, k) -> None:
    _export(w, r, k, one=False)


def _export_kursist(w: World, r, k) -> None:
    _export(w, r, k, one=True)


def _backup(w: World, r, k) -> None:
    backup_now(w.store, w.place.backups, now=T0 + dt.timedelta(minutes=k))


def _restore(w: World, r, k) -> None:
    found = list_backups(w.place.backups, w.store.path.name)
    if found:
        w.ws.run(commands.RestoreBackup(r.choice(found[:3]), now=T0 + dt.timedelta(minutes=k)))


STEPS = {
    "import one file": _import_one, "import a set of files": _import_set,
    "set a field": _set_field, "set stamdata": _set_stamdata, "add a record": _add_record,
    "add records": _add_records, "delete a record": _delete_record,
    "delete a kursist": _delete_kursist, "restart a placement": _restart_placement,
    "close a placement": _close_placement, "choose a module": _choose_module,
    "type lesson parts": _type_lesson_parts,
    "create a kursist": _create_kursist, "change a setting": _set_setting,
    "export a quarter": _export_quarter, "export one kursist": _export_kursist,
    "back up": _backup, "restore a backup": _restore,
}
KINDS = sorted(STEPS)


def kind_of(k: int, seed: int) -> str:
    """Every kind once per block of len(KINDS) steps, in a seeded order."""
    block, i = divmod(k - 1, len(KINDS))
    return random.Random(f"{seed}:block:{block}").sample(KINDS, len(KINDS))[i]


# --- Looking at a place after a kill ----------------------------------------------------------

@dataclass
class Snapshot:
    integrity: list
    foreign_keys: list
    db: str  # hash of version, schema and every row
    counts: dict[str, int]
    exports: dict[str, str]  # final name -> sha256 of the bytes
    backups: dict[str, str]  # final name -> hash of the copy's content
    temps: list[str] = field(default_factory=list)  # leftovers of interrupted atomic writes

    @property
    def files(self) -> tuple:
        return self.exports, self.backups


def content_hash(c: sqlite3.Connection, root: Path) -> tuple[str, dict[str, int]]:
    """Version, schema and all rows, sorted; the place's own path is taken out of the
    export log's file names so that two places with the same history compare equal."""
    h = hashlib.sha256()
    prefix = str(root.resolve())
    h.update(repr(c.execute("PRAGMA user_version").fetchone()).encode())
    h.update(repr(sorted(c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")))
             .encode())
    counts = {}
    for (table,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                              "ORDER BY name").fetchall():
        rows = c.execute(f"SELECT * FROM {table}").fetchall()
        counts[table] = len(rows)
        rows = sorted(tuple(v.replace(prefix, "<root>") if isinstance(v, str) else v
                            for v in row) for row in rows)
        h.update(table.encode() + repr(rows).encode())
    return h.hexdigest(), counts


class Inspector:
    """Snapshots of a place; files that have not changed since the last look are not read
    again (a final name only ever changes by a rename, which gives a new inode)."""

    def __init__(self, place: Place):
        self.place = place
        self._seen: dict[tuple, str] = {}

    def _cached(self, path: Path, compute) -> str:
        st = path.stat()
        key = (path.name, st.st_ino, st.st_size, st.st_mtime_ns)
        if key not in self._seen:
            self._seen[key] = compute(path)
        return self._seen[key]

    def snapshot(self) -> Snapshot:
        c = sqlite3.connect(self.place.db)  # recovers the WAL after a crash, as the app would
        try:
            integrity = [r[0] for r in c.execute("PRAGMA integrity_check")]
            foreign = c.execute("PRAGMA foreign_key_check").fetchall()
            db, counts = content_hash(c, self.place.root)
        finally:
            c.close()
        temps = [p.name for folder in (self.place.root, self.place.exports, self.place.backups)
                 for p in folder.iterdir() if TEMP.fullmatch(p.name)]
        exports = {p.name: self._cached(p, lambda p: hashlib.sha256(p.read_bytes()).hexdigest())
                   for p in self.place.exports.iterdir() if not TEMP.fullmatch(p.name)}
        backups = {p.name: self._cached(p, self._backup_hash)
                   for p in self.place.backups.iterdir() if not TEMP.fullmatch(p.name)}
        # The copy a restore keeps of what it replaced: its name depends on how often the
        # step ran, so it is only checked to be whole.
        for p in self.place.root.glob(f"{self.place.db.stem}.før-gendannelse-*.sqlite"):
            digest = self._cached(p, self._backup_hash)
            if digest.startswith(("damaged", "unreadable")):
                integrity.append(digest)
        return Snapshot(integrity, foreign, db, counts, exports, backups, sorted(temps))

    def _backup_hash(self, path: Path) -> str:
        """A backup under its final name must be a whole, sound, self-contained database:
        read-only, so that a hot journal beside a half-written copy is an error, not rolled
        back quietly."""
        c = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            if c.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                return f"damaged {path.name}"
            return content_hash(c, self.place.root)[0]
        except sqlite3.DatabaseError as exc:
            return f"unreadable {path.name}: {exc}"
        finally:
            c.close()


def inputs_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("DU_*.xml"))


# --- The child -----------------------------------------------------------------------------------

def _no_qt() -> None:
    if "PySide6" in sys.modules:
        raise RuntimeError("the crash test's child must not import Qt")


def work(outbox, root: Path, inputs: Path, seed: int, done: int) -> None:
    """Steps done+1, done+2, … until killed, each announced before and after."""
    try:
        _no_qt()
        world = World(Place(root), inputs_in(inputs))
        k = done
        while True:
            k += 1
            outbox.send_bytes(f"begin {k}".encode())  # one write: in the pipe if killed
            world.step(k, seed)
            outbox.send_bytes(f"committed {k}".encode())
    except Exception:
        outbox.send_bytes(("error " + traceback.format_exc()).encode())


def upgrade(outbox, db: Path) -> None:
    """Open an old database, which migrates it, then wait to be killed."""
    try:
        _no_qt()
        outbox.send_bytes(b"begin 1")
        Store(db, create=False).close()
        outbox.send_bytes(b"committed 1")
        time.sleep(600)
    except Exception:
        outbox.send_bytes(("error " + traceback.format_exc()).encode())
