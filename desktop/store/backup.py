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

from desktop.store.db import Store, StoreError, reason
from desktop.store.migrations import LATEST

_STAMP = "%Y%m%d-%H%M%S"
_APP_TABLES = {"kursist", "setting"}


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
        ok = src.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        version = src.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        src.close()
        raise StoreError(f"{name} er ikke en database fra DU-indberetning.") from None
    problem = None
    if not ok:
        problem = f"{name} er beskadiget og kan ikke bruges til gendannelse."
    elif version > LATEST:
        problem = (f"{name} er lavet af en nyere version af programmet og kan ikke gendannes "
                   "med denne.")
    elif version < 1 or not _APP_TABLES <= tables:
        problem = f"{name} er ikke en database fra DU-indberetning."
    if problem:
        src.close()
        raise StoreError(problem)
    return src


def restore_from(store: Store, backup_file: Path | str, now: datetime | None = None) -> Path:
    """Replace the store's content with backup_file's, keeping the store open.

    The current content is first saved beside the database as
    `<name>.før-gendannelse-<stamp>.sqlite`; that path is returned.
    """
    backup_file = Path(backup_file)
    if backup_file.resolve() == store.path.resolve():
        raise StoreError("Det er den database, der er åben nu; vælg en sikkerhedskopi.")
    src = _open_checked(backup_file)
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
