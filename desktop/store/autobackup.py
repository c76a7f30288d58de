"""Automatic backups: at the first start of each day, and before every import, restore and
migration. No Qt here.

Each store has a folder of its own under the backup folder (config.default_backup_dir), named
after the database and its path, so two databases of the same name never mix. A copy is
taken through the backup API under a temporary name and renamed (Store.backup), readable by
the owner only. Kept: every copy from today, the newest of each of the last 7 days with a
copy, and the newest of each of the last 8 weeks with one. A copy that cannot be written (a
full disk) is reported and never stops the work it came before.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.config import default_backup_dir
from desktop.store.db import Store, StoreError, reason

DAILY, BEFORE_IMPORT, BEFORE_RESTORE, BEFORE_MIGRATION = (
    "dagligt", "foer-indlaesning", "foer-gendannelse", "foer-opgradering")
WHY_TEXT = {DAILY: "daglig", BEFORE_IMPORT: "før indlæsning", BEFORE_RESTORE: "før gendannelse",
            BEFORE_MIGRATION: "før opgradering"}
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"(\d{8}-\d{6})-(" + "|".join(WHY_TEXT) + r")(?:-(\d+))?\.sqlite")
KEEP_DAYS, KEEP_WEEKS = 7, 8


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    taken: datetime  # local time, from the name
    why: str  # one of WHY_TEXT

    def kursister(self) -> int | None:
        """How many kursister the copy holds; None if it cannot be read."""
        try:
            c = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
            try:
                return c.execute("SELECT COUNT(*) FROM kursist").fetchone()[0]
            finally:
                c.close()
        except sqlite3.Error:
            return None


def folder_for(db: Path | str, root: Path | None = None) -> Path:
    db = Path(db)
    key = os.fsencode(str(db.resolve()))
    return (root or default_backup_dir()) / f"{db.stem}-{hashlib.sha256(key).hexdigest()[:8]}"


def listing(db: Path | str, root: Path | None = None) -> list[AutoBackup]:
    """The store's automatic backups, newest first."""
    folder = folder_for(db, root)
    found = []
    try:
        names = list(folder.iterdir())
    except OSError:
        return []
    for path in names:
        m = _NAME.fullmatch(path.name)
        if m:
            taken = datetime.strptime(m[1], _STAMP)
            found.append(((taken, int(m[3] or 1)), AutoBackup(path, taken, m[2])))
    return [b for _, b in sorted(found, key=lambda t: t[0], reverse=True)]


def take(store: Store, why: str, root: Path | None = None, now: datetime | None = None) -> Path:
    """One automatic backup of the store; StoreError with a Danish reason if it fails."""
    now = now or datetime.now()
    folder = folder_for(store.path, root)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target, n = folder / f"{now.strftime(_STAMP)}-{why}.sqlite", 1
        while target.exists():
            n += 1
            target = folder / f"{now.strftime(_STAMP)}-{why}-{n}.sqlite"
        written = store.backup(target)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"Den automatiske sikkerhedskopi ({WHY_TEXT[why]}) kunne ikke skrives "
                         f"til {folder}: {reason(exc)}.") from exc
    prune(store.path, root, now)
    return written


def take_quietly(store: Store, why: str, root: Path | None = None,
                 now: datetime | None = None) -> str | None:
    """take(), but a failure is returned as the Danish message to show, never raised."""
    try:
        take(store, why, root, now)
    except StoreError as exc:
        return f"{exc} Arbejdet fortsætter uden den."
    return None


def daily(store: Store, root: Path | None = None, now: datetime | None = None) -> str | None:
    """The day's first backup, unless one was taken today. Returns a problem, or None."""
    now = now or datetime.now()
    if any(b.taken.date() == now.date() for b in listing(store.path, root)):
        return None
    if store.conn.execute("SELECT 1 FROM kursist LIMIT 1").fetchone() is None:
        return None  # an empty store: nothing to keep
    return take_quietly(store, DAILY, root, now)


def prune(db: Path, root: Path | None = None, now: datetime | None = None) -> None:
    today = (now or datetime.now()).date()
    backups = listing(db, root)  # newest first
    keep, days, weeks = set(), [], []
    for b in backups:
        day, week = b.taken.date(), b.taken.isocalendar()[:2]
        if day == today:
            keep.add(b.path)
        if day not in days and len(days) < KEEP_DAYS:
            days.append(day)
            keep.add(b.path)
        if week not in weeks and len(weeks) < KEEP_WEEKS:
            weeks.append(week)
            keep.add(b.path)
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
            except OSError:
                pass  # removed meanwhile, or not ours to remove: it stays
