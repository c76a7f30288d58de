"""The machinery every command shares: Changes, the row journal, the checks, running one.

See the package docstring (desktop/commands/__init__.py) for the contract.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from desktop.store import Store, StoreError
from desktop.store.db import reason

STALE = "Kursisten er ændret uden for vinduet; visningen er genindlæst."


class Stale(StoreError):
    """The rows no longer hold what the command last saw (another window or program wrote
    them): nothing was written."""

    def __init__(self, message: str = STALE):
        super().__init__(message)


class NotSaved(StoreError):
    """SQLite could not write (busy beyond the timeout, disk full, read-only): nothing was
    written. `reason` is the Danish why; `busy` says whether waiting longer may help."""
    status = 1  # the command line's: refused, nothing written

    def __init__(self, exc: BaseException):
        self.reason = reason(exc)
        self.busy = isinstance(exc, sqlite3.OperationalError) and any(
            word in str(exc).lower() for word in ("locked", "busy"))
        super().__init__(f"Ændringen er ikke gemt: {self.reason}.")


@dataclass(frozen=True)
class Changes:
    """What a command changed, for the views to refresh exactly that."""
    kursister: frozenset[int] = frozenset()  # kursist ids whose records changed
    quarters: frozenset[str] = frozenset()  # iperioder whose file may now differ
    settings: frozenset[str] = frozenset()  # setting keys
    roster: bool = False  # kursister were added or removed
    everything: bool = False  # anything may have changed (import, restore): reload all
    holds: bool = False  # a hold, its plan or its members changed

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.kursister | other.kursister, self.quarters | other.quarters,
                       self.settings | other.settings, self.roster or other.roster,
                       self.everything or other.everything, self.holds or other.holds)

    def __bool__(self) -> bool:
        return bool(self.kursister or self.quarters or self.settings or self.roster
                    or self.everything or self.holds)


def changed(kids=(), quarters=(), settings=(), roster=False, everything=False,
            holds=False) -> Changes:
    return Changes(frozenset(kids), frozenset(q for q in quarters if q), frozenset(settings),
                   roster, everything, holds)


# Every table a command may write, and the columns that name a row of it.
ROW_KEYS = {"kursist": ("id",), "stamdata": ("kursist_id", "iperiode"),
            "henvisning": ("id",), "modul": ("id",), "undervisning": ("id",),
            "proeve": ("id",), "modul_rapport": ("modul_id", "iperiode"), "setting": ("key",),
            "hold": ("id",), "hold_plan": ("hold_id", "aar", "maaned"), "hold_medlem": ("id",)}
_COLUMNS: dict[tuple[int, str], tuple[str, ...]] = {}


def columns(c: sqlite3.Connection, table: str) -> tuple[str, ...]:
    key = (id(c), table)
    if key not in _COLUMNS:
        _COLUMNS[key] = tuple(r[1] for r in c.execute(f"PRAGMA table_info({table})"))
    return _COLUMNS[key]


@dataclass(frozen=True)
class Image:
    """One row before and after a command (None: the row is absent), every column."""
    table: str
    key: tuple
    before: tuple | None
    after: tuple | None

    def reversed(self) -> "Image":
        return Image(self.table, self.key, self.after, self.before)


class Tx:
    """A command's write access inside its transaction. Every write goes through `put`, which
    records the row's image before and after: the journal that undo and redo replay."""

    def __init__(self, c: sqlite3.Connection):
        self.c = c
        self.images: list[Image] = []

    def row(self, table: str, key: tuple) -> tuple | None:
        where = " AND ".join(f"{k} = ?" for k in ROW_KEYS[table])
        return self.c.execute(f"SELECT * FROM {table} WHERE {where}", key).fetchone()

    def values(self, table: str, key: tuple) -> dict | None:
        row = self.row(table, key)
        return None if row is None else dict(zip(columns(self.c, table), row))

    def put(self, table: str, key: tuple, after: dict | None) -> None:
        """Make the row hold `after` (every column but the key may be given; missing ones stay
        as they are, or NULL for a new row), or remove it (None)."""
        before = self.row(table, key)
        cols = columns(self.c, table)
        if after is None:
            new = None
        else:
            old = dict(zip(cols, before)) if before else {}
            merged = {**old, **after, **dict(zip(ROW_KEYS[table], key))}
            new = tuple(merged.get(col) for col in cols)
        if new == before:
            return
        image = Image(table, key, before, new)
        _write(self.c, image)
        self.images.append(image)

    def insert(self, table: str, values: dict) -> int:
        """A new row in an id table; returns its id (never one used before: AUTOINCREMENT)."""
        cols = [k for k in values if k != "id"]
        rid = self.c.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                             f"({', '.join('?' * len(cols))})", [values[k] for k in cols]).lastrowid
        self.images.append(Image(table, (rid,), None, self.row(table, (rid,))))
        return rid

    def delete_tree(self, kind: str, rid: int) -> None:
        """A record and everything that belongs to it, each row journaled (children first, so
        that undo puts the parent back before them, with every old id)."""
        if kind == "kursist":
            for table in ("henvisning", "proeve"):
                for (child,) in self.c.execute(f"SELECT id FROM {table} WHERE kursist_id = ? "
                                               "ORDER BY id", (rid,)).fetchall():
                    self.put(table, (child,), None)
            for (mid,) in self.c.execute("SELECT id FROM modul WHERE kursist_id = ? ORDER BY id",
                                         (rid,)).fetchall():
                self.delete_tree("modul", mid)
            for (q,) in self.c.execute("SELECT iperiode FROM stamdata WHERE kursist_id = ? "
                                       "ORDER BY iperiode", (rid,)).fetchall():
                self.put("stamdata", (rid, q), None)
        elif kind == "modul":
            for (child,) in self.c.execute("SELECT id FROM undervisning WHERE modul_id = ? "
                                           "ORDER BY id", (rid,)).fetchall():
                self.put("undervisning", (child,), None)
            for (q,) in self.c.execute("SELECT iperiode FROM modul_rapport WHERE modul_id = ? "
                                       "ORDER BY iperiode", (rid,)).fetchall():
                self.put("modul_rapport", (rid, q), None)
        self.put(kind, (rid,), None)


def _write(c: sqlite3.Connection, image: Image) -> None:
    """Make the row what the image says it is after."""
    table, key_cols = image.table, ROW_KEYS[image.table]
    where = " AND ".join(f"{k} = ?" for k in key_cols)
    if image.after is None:
        c.execute(f"DELETE FROM {table} WHERE {where}", image.key)
        return
    cols = columns(c, table)
    if image.before is None:
        c.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                  image.after)
    else:
        sets = ", ".join(f"{col} = ?" for col in cols)
        c.execute(f"UPDATE {table} SET {sets} WHERE {where}", (*image.after, *image.key))


def replay(c: sqlite3.Connection, images, message: str = STALE) -> None:
    """Write the images in order, each only if its row still holds exactly its `before`:
    otherwise Stale, and the caller's transaction rolls everything back."""
    tx = Tx(c)
    for image in images:
        if tx.row(image.table, image.key) != image.before:
            raise Stale(message)
        _write(c, image)


def owner(c: sqlite3.Connection, kind: str, rid: int) -> int | None:
    """The kursist a record belongs to (None: there is no such record)."""
    if kind == "kursist":
        row = c.execute("SELECT id FROM kursist WHERE id = ?", (rid,)).fetchone()
    elif kind == "undervisning":
        row = c.execute("SELECT m.kursist_id FROM undervisning u JOIN modul m ON m.id = u.modul_id "
                        "WHERE u.id = ?", (rid,)).fetchone()
    else:
        row = c.execute(f"SELECT kursist_id FROM {kind} WHERE id = ?", (rid,)).fetchone()
    return row[0] if row else None


def expect(tx: Tx, kind: str, rid: int, kid: int, seen: dict | None = None) -> dict:
    """The optimistic check: the record still exists, still belongs to kursist kid, and still
    holds what the command last saw (`seen`, as the window showed it). Returns its values."""
    if owner(tx.c, kind, rid) != kid:
        raise Stale()
    values = tx.values(kind, (rid,))
    for tag, shown in (seen or {}).items():
        if values.get(tag) != clean(shown):
            raise Stale()
    return values


def clean(v: str | None) -> str | None:
    """Stored as a file would carry it: surrounding spaces dropped, an empty field as NULL."""
    if v is None:
        return None
    v = str(v).strip()
    return v or None


class Command:
    """One thing a user does. Subclasses set `label` and write `apply`; see the package
    docstring for the contract."""

    label = "Ændring"  # Danish; the Edit menu says "Fortryd <label>"
    undoable = True  # goes on the window's undo stack

    images: tuple[Image, ...] | None = None  # the journal, once applied
    changes: Changes = Changes()

    def prepare(self, store: Store) -> None:
        """Work before the transaction that needs no lock (reading files)."""

    def apply(self, tx: Tx) -> Changes:
        """The forward work, inside the transaction, every write through tx."""
        raise NotImplementedError

    def execute(self, store: Store) -> Changes:
        """Run once: one BEGIN IMMEDIATE … COMMIT around apply(); a second run is a redo."""
        if self.images is not None:
            return redo(store, self)
        self.prepare(store)
        with writing(store) as c:
            tx = Tx(c)
            changes = self.apply(tx)
        self.images, self.changes = tuple(tx.images), changes
        return changes


class writing:
    """store.transaction(), with SQLite's and the OS's errors as NotSaved (Stale and other
    StoreErrors pass as they are)."""

    def __init__(self, store: Store):
        self.store = store
        self._tx = None

    def __enter__(self) -> sqlite3.Connection:
        self._tx = self.store.transaction()
        try:
            return self._tx.__enter__()
        except (sqlite3.Error, OSError) as exc:
            raise NotSaved(exc) from exc

    def __exit__(self, kind, exc, tb) -> bool:
        try:
            self._tx.__exit__(kind, exc, tb)
        except (sqlite3.Error, OSError) as error:
            raise NotSaved(error) from error
        return False


def run(store: Store, command: Command) -> Changes:
    """Apply a command (or redo it, once it has run)."""
    return command.execute(store)


def undo(store: Store, command: Command) -> Changes:
    """Put back what the command changed, in one transaction, if every row it wrote still
    holds what it wrote; else Stale and nothing is written."""
    if command.images is None or not command.undoable:
        raise ValueError(f"{type(command).__name__} cannot be undone")
    with writing(store) as c:
        replay(c, [i.reversed() for i in reversed(command.images)])
    return command.changes


def redo(store: Store, command: Command) -> Changes:
    """Write the command's journal again (same rows, same ids), if every row still holds
    what it held before the command."""
    with writing(store) as c:
        replay(c, command.images)
    return command.changes


def still_applies(c: sqlite3.Connection, command: Command) -> bool:
    """Whether the rows hold what the command wrote (so that undo can run)."""
    if command.images is None:
        return False
    tx = Tx(c)
    last: dict[tuple, tuple | None] = {}
    for image in command.images:
        last[image.table, image.key] = image.after
    return all(tx.row(table, key) == after for (table, key), after in last.items())


REGISTRY: dict[str, type[Command]] = {}


def register(cls: type[Command]) -> type[Command]:
    """Class decorator: every command is known by name (tests/test_commands.py asserts that
    each registered command has its test case)."""
    REGISTRY[cls.__name__] = cls
    return cls


@dataclass
class Trace:
    """Counts the transactions and statements on a connection (for tests and benchmarks)."""
    statements: list[str] = field(default_factory=list)

    def __call__(self, sql: str) -> None:
        self.statements.append(sql)

    @property
    def transactions(self) -> int:
        """Write transactions (a read's deferred BEGIN is not one)."""
        return sum(s.strip().upper().startswith("BEGIN IMMEDIATE") for s in self.statements)
