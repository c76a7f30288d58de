"""Opening the store: pragmas, migrations with a backup first, and explicit transactions."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from desktop.atomic import replace_atomically
from desktop.errors import os_reason
from desktop.store import identity
from desktop.store.migrations import LATEST, MIGRATIONS


class StoreError(Exception):
    """A store problem with a Danish message for the user. status: the command line's exit
    status for it (2: the store cannot be used)."""
    status = 2


class NotOurs(StoreError):
    """The file is another program's (or no) database: it is left exactly as it was."""


class Damaged(StoreError):
    """The store failed SQLite's quick_check: nothing is read from it or written to it."""


class WriteFailed(StoreError):
    """A write was refused (the database is in use, the disk is full or read-only) and
    rolled back: nothing was written. The command line exits 1, as for any refusal."""
    status = 1


def not_ours_message(path: Path) -> str:
    return (f"{path.name} er ikke en database fra DU-indberetning. Programmet bruger den ikke "
            "og har ikke ændret den; vælg programmets egen databasefil.")


def damaged_message(path: Path, in_window: bool = False) -> str:
    """in_window: said in the start dialog, which offers the backups itself."""
    way_out = ("Vælg en sikkerhedskopi at gendanne fra herunder, eller åbn en anden database."
               if in_window else
               "Gendan den fra en sikkerhedskopi: start programmets vindue, som viser de "
               "automatiske sikkerhedskopier og gendanner den, du vælger.")
    return (f"Databasen {path.name} er beskadiget (SQLite's kontrol af filen fejler). Programmet "
            f"læser og skriver ikke i den, og intet er ændret. {way_out}")


def quick_check(conn: sqlite3.Connection) -> bool:
    """SQLite's quick_check: every page and record readable (0.3 s warm, 1 s cold on a
    100,000-kursist store of 100 MB; docs/benchmarks.md)."""
    try:
        return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False


# SQLite's and the OS's messages are English: what they mean, in Danish.
_SQLITE_REASONS = (("not a database", "filen er ikke en database, eller den er beskadiget"),
                   ("malformed", "filen er beskadiget"),
                   ("locked", "databasen bruges af et andet program"),
                   ("busy", "databasen bruges af et andet program"),
                   ("readonly", "der er ikke adgang til at skrive i databasen"),
                   ("full", "disken er fuld"),
                   ("unable to open", "filen kan ikke åbnes"))


_WRITE_REFUSALS = ("locked", "busy", "readonly", "full")


def refused_write(exc: BaseException) -> bool:
    """Is it the machine saying no (a lock, a full or read-only disk), not a fault?"""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM,
                             getattr(errno, "EDQUOT", -1))
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in _WRITE_REFUSALS)


def reason(exc: BaseException) -> str:
    """A Danish reason for a SQLite or file system error, for a StoreError's message."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    text = str(exc).lower()
    for english, danish in _SQLITE_REASONS:
        if english in text:
            return danish
    return "en fejl i SQLite"


def _create_private(path: Path) -> None:
    """Create the file readable by the owner only, where the OS allows it."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass


class Store:
    """verify: run quick_check before anything else (the window runs it in the background
    instead, and connections opened for one task after it are not checked again).
    auto_backups: take the automatic backups (desktop.store.autobackup) this store's work
    calls for; the command line and the window do, a test store does not."""

    def __init__(self, path: Path | str, create: bool = True, verify: bool = True,
                 auto_backups: bool = False):
        self.path = Path(path)
        self.auto_backups = auto_backups
        self.warnings: list[str] = []  # e.g. an automatic backup that could not be written
        if not self.path.exists():
            if not create:
                raise StoreError(f"Databasen {self.path} findes ikke.")
            if not self.path.parent.is_dir():
                raise StoreError(f"Mappen {self.path.parent} findes ikke; databasen kan ikke "
                                 "oprettes der.")
            _create_private(self.path)
        self.conn = None
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            # Nothing is written (not even the journal mode) before the file has proved ours.
            if identity.kind(self.conn) == "foreign":
                raise NotOurs(not_ours_message(self.path))
            if verify and not quick_check(self.conn):
                raise Damaged(damaged_message(self.path))
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            self.upgrade()
        except BaseException as exc:
            if self.conn is not None:  # don't keep a half-opened file locked
                self.conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                if "malformed" in str(exc):
                    raise Damaged(damaged_message(self.path)) from exc
                if refused_write(exc):
                    raise WriteFailed(f"Databasen {self.path.name} kan ikke åbnes: "
                                      f"{reason(exc)}.") from exc
                raise StoreError(f"Databasen {self.path.name} kan ikke åbnes: "
                                 f"{reason(exc)}.") from exc
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def data_version(self) -> int:
        """SQLite's PRAGMA data_version: it changes when another connection commits."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def busy_timeout(self, ms: int) -> None:
        """How long a write waits for another program's lock before it fails as busy."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE … COMMIT; anything raised rolls the whole write back."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            # A failed COMMIT (busy, disk full) leaves the transaction open, and some errors
            # (SQLITE_FULL) have already rolled it back: either way none is left open after.
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    @contextmanager
    def reading(self):
        """A consistent read: BEGIN (deferred) takes no write lock, so a background check and
        the editor's own transactions never wait for each other (WAL)."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def upgrade(self) -> None:
        """Bring the schema to this version's (a backup of an older file is kept beside it)."""
        current = self.version
        if current > LATEST:
            raise StoreError(f"Databasen {self.path.name} er lavet af en nyere version af "
                             "programmet og kan ikke åbnes med denne.")
        if current == LATEST:
            return
        if current > 0:
            self.backup(self.path.with_name(f"{self.path.name}.v{current}.bak"))
            if self.auto_backups:
                from desktop.store import autobackup
                problem = autobackup.take_quietly(self, autobackup.BEFORE_MIGRATION)
                if problem:
                    self.warnings.append(problem)
        # All steps in one transaction: a step that fails (or a crash) leaves the database at
        # its own version, as the backup beside it, never at a version in between. Foreign
        # keys are off meanwhile (SQLite ignores the pragma inside a transaction), so that a
        # step may rebuild a table without its DROP cascading; they are checked before COMMIT.
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction() as c:
                for number in range(current + 1, LATEST + 1):
                    for statement in MIGRATIONS[number - 1]:
                        c.execute(statement)
                if c.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise StoreError(f"Databasen {self.path.name} har rækker uden ejer og kan "
                                     "ikke opgraderes.")
                c.execute(f"PRAGMA user_version = {LATEST}")
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def backup(self, target: Path | str) -> Path:
        """A consistent, self-contained copy through SQLite's backup API, readable by the owner
        only. It is made under a temporary name and renamed into place, so a copy cut off
        half-way never lies under the target's name."""

        def copy(tmp: Path) -> None:
            dest = sqlite3.connect(tmp)
            try:
                self.conn.backup(dest)
                # The copy would inherit WAL mode, which leaves -wal/-shm files beside it when
                # opened and does not work on a network drive: make it one file.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()

        return replace_atomically(target, copy)

    # Settings -----------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
