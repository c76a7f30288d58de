"""Opening the store: pragmas, migrations with a backup first, and explicit transactions."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from desktop.atomic import replace_atomically
from desktop.errors import os_reason
from desktop.store.migrations import LATEST, MIGRATIONS


class StoreError(Exception):
    """A store problem with a Danish message for the user."""


# SQLite's and the OS's messages are English: what they mean, in Danish.
_SQLITE_REASONS = (("not a database", "filen er ikke en database, eller den er beskadiget"),
                   ("malformed", "filen er beskadiget"),
                   ("locked", "den er i brug af et andet program"),
                   ("busy", "den er i brug af et andet program"),
                   ("readonly", "der er ikke adgang til at skrive i den"),
                   ("full", "disken er fuld"),
                   ("unable to open", "filen kan ikke åbnes"))


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
    def __init__(self, path: Path | str, create: bool = True):
        self.path = Path(path)
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
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            self.upgrade()
        except BaseException as exc:
            if self.conn is not None:  # don't keep a half-opened file locked
                self.conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
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
