"""The export log: every file the app has written, so the clerk can see what was last sent.

A row is written after the file has been renamed into place, in its own transaction: a crash
in between leaves a complete file that the log does not mention, never a logged file that is
missing or half-written.
"""

from __future__ import annotations

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

    @property
    def local_time(self) -> datetime:
        return self.tidspunkt.astimezone()


_COLS = "tidspunkt, ukode, iperiode, kcprnr, filnavn, sha256, antal_kursister, tvunget"


def record(c: sqlite3.Connection, e: ExportEntry) -> None:
    """Log one export; the caller holds the transaction."""
    c.execute(f"INSERT INTO eksport ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              (e.tidspunkt.astimezone(timezone.utc).isoformat(timespec="seconds"), e.ukode,
               e.iperiode, e.kcprnr, e.filnavn, e.sha256, e.antal_kursister, int(e.tvunget)))


def last(c: sqlite3.Connection, ukode: str | None, iperiode: str,
         kcprnr: str | None = None) -> ExportEntry | None:
    """The latest export of the quarter (kcprnr None) or of one kursist's file in it."""
    row = c.execute(f"SELECT {_COLS} FROM eksport WHERE iperiode = ?2 AND kcprnr IS ?3 "
                    "AND (?1 IS NULL OR ukode = ?1) ORDER BY tidspunkt DESC, id DESC LIMIT 1",
                    (ukode, iperiode, kcprnr)).fetchone()
    if row is None:
        return None
    return ExportEntry(datetime.fromisoformat(row[0]), *row[1:7], bool(row[7]))
