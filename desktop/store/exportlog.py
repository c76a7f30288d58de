"""The export log: every file the app has written, so the clerk can see what was last sent.

A row is written after the file has been renamed into place, in its own transaction: a crash
in between leaves a complete file that the log does not mention, never a logged file that is
missing or half-written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class ExportEntry:
    tidspunkt: datetime  # aware, UTC
    ukode: str
    iperiode: str
    kcprnr: str | None  # None: the whole quarter
    filnavn: str  # the full path as written
    sha256: str
    antal_kursister: int
    tvunget: bool  # exported despite type A errors
    udeladt: tuple[str, ...] = ()  # CPRs left out of the file: they fail modulus 11

    @property
    def local_time(self) -> datetime:
        return self.tidspunkt.astimezone()


_COLS = "tidspunkt, ukode, iperiode, kcprnr, filnavn, sha256, antal_kursister, tvunget"


# Who was left out is a small JSON list kept in the setting table under the log row's id, so
# that the log needs no schema migration for it: `eksport.udeladt.<id>`.
_LEFT_OUT = "eksport.udeladt.{}"


def record(c: sqlite3.Connection, e: ExportEntry) -> None:
    """Log one export; the caller holds the transaction."""
    rowid = c.execute(
        f"INSERT INTO eksport ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (e.tidspunkt.astimezone(timezone.utc).isoformat(timespec="seconds"), e.ukode,
         e.iperiode, e.kcprnr, e.filnavn, e.sha256, e.antal_kursister, int(e.tvunget))).lastrowid
    if e.udeladt:
        c.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                  (_LEFT_OUT.format(rowid), json.dumps(list(e.udeladt))))


def _entry(c: sqlite3.Connection, row) -> ExportEntry:
    left = c.execute("SELECT value FROM setting WHERE key = ?",
                     (_LEFT_OUT.format(row[0]),)).fetchone()
    return ExportEntry(datetime.fromisoformat(row[1]), *row[2:8], bool(row[8]),
                       tuple(json.loads(left[0])) if left else ())


def last(c: sqlite3.Connection, ukode: str | None, iperiode: str,
         kcprnr: str | None = None) -> ExportEntry | None:
    """The latest export of the quarter (kcprnr None) or of one kursist's file in it."""
    row = c.execute(f"SELECT id, {_COLS} FROM eksport WHERE iperiode = ?2 AND kcprnr IS ?3 "
                    "AND (?1 IS NULL OR ukode = ?1) ORDER BY tidspunkt DESC, id DESC LIMIT 1",
                    (ukode, iperiode, kcprnr)).fetchone()
    return None if row is None else _entry(c, row)


def newest_after(c: sqlite3.Connection, ukode: str | None, iperiode: str) -> ExportEntry | None:
    """The latest whole-quarter export of the newest quarter after this one, if any."""
    row = c.execute(f"SELECT id, {_COLS} FROM eksport WHERE iperiode > ?2 AND kcprnr IS NULL "
                    "AND (?1 IS NULL OR ukode = ?1) ORDER BY iperiode DESC, tidspunkt DESC, "
                    "id DESC LIMIT 1", (ukode, iperiode)).fetchone()
    return None if row is None else _entry(c, row)
