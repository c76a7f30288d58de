"""Writing a file so that its final name only ever holds a complete file.

The content goes to a temporary file in the same folder (same file system, so the rename is
atomic), which is flushed to disk before it is renamed over the target; the folder is then
flushed too, so the rename itself survives a power cut before anything that refers to the
file (the export log) is committed. A process killed half-way leaves at most a hidden
`.<name>.<random>.tmp` beside the target: a new name each time, so it never clashes with a
later write, and never under the final name (beside a database copy, SQLite's own
`-journal`, `-wal` or `-shm` of that temporary name may remain too). The next write to the
same name sweeps such leftovers once they are old enough that no live write can own them.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from pathlib import Path
from typing import Callable

_NAME_MAX = 255  # bytes in one file name on every file system the users have
STALE_AFTER = 3600  # seconds; a leftover this old belongs to a write that was killed
_SQLITE_SIDE_FILES = ("", "-journal", "-wal", "-shm")


def replace_atomically(target: Path | str, fill: Callable[[Path], None]) -> Path:
    """Call fill(temporary path) to write the content, then move it to target.

    The temporary file is created empty and readable by its owner only; fill may write it
    itself or open it with another library (SQLite). Anything raised removes it again.
    """
    target = Path(target)
    _sweep_leftovers(target)
    fd, name = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        with open(tmp, "r+b") as f:  # write access: Windows flushes only such a handle
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        for leftover in _SQLITE_SIDE_FILES:  # SQLite's files beside a copy
            tmp.with_name(tmp.name + leftover).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def write_atomic(path: Path | str, data: bytes | list[bytes]) -> Path:
    """Bytes (an export, a PDF report), or the parts of them in order, under path, whole or
    not at all."""
    parts = [data] if isinstance(data, (bytes, bytearray)) else data

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            for part in parts:
                f.write(part)
    return replace_atomically(path, fill)


class PendingWrite:
    """A file written part by part to a temporary file beside target as the parts come, then
    moved to target whole by commit(), or removed by discard() (and on leaving a `with`): so a
    large export holds no copy of its file in memory, and one its checks refuse leaves no file.

    If the temporary file cannot be made, the parts are kept in memory and commit() writes
    them with write_atomic; if writing it fails, the error is kept and commit() raises it. Either
    way the failure surfaces where a write of the whole would have, after the checks' verdict.
    """

    def __init__(self, target: Path | str):
        self.target = Path(target)
        self._tmp: Path | None = None
        self._file = None
        self._parts: list[bytes] | None = None
        self._error: OSError | None = None
        try:
            _sweep_leftovers(self.target)
            fd, name = tempfile.mkstemp(prefix=_prefix(self.target), suffix=".tmp",
                                        dir=self.target.parent)
        except OSError:
            self._parts = []  # write_atomic tries again at commit() and says why
            return
        self._tmp = Path(name)
        self._file = os.fdopen(fd, "wb")

    def write(self, part: bytes) -> None:
        if self._parts is not None:
            self._parts.append(part)
        elif self._error is None:
            try:
                self._file.write(part)
            except OSError as exc:  # a full disk: the checks still speak first
                self._error = exc
                self.discard()

    def commit(self) -> Path:
        """fsync, rename over target, fsync the folder; raises the write's OSError if any."""
        if self._parts is not None:
            return write_atomic(self.target, self._parts)
        if self._error is not None:
            raise self._error
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None
            os.replace(self._tmp, self.target)
            self._tmp = None
        except BaseException:
            self.discard()
            raise
        _sync_folder(self.target.parent)
        return self.target

    def discard(self) -> None:
        """Remove the temporary file, if it is still there; nothing after commit()."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass  # the file goes anyway
            self._file = None
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None

    def __enter__(self) -> "PendingWrite":
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def _prefix(target: Path) -> str:
    """`.<name>.`, the name shortened so that the temporary name with SQLite's longest side
    file (`.<name>.<8 random>.tmp-journal`) still fits the file system's 255 bytes: any name
    that fits as the target also fits as its temporary file."""
    name = os.fsencode(target.name)
    room = _NAME_MAX - len(b"..") - 8 - len(b".tmp-journal")
    if len(name) > room:
        name = name[:room]
        while name and (name[-1] & 0xC0) == 0x80:  # never half a UTF-8 character
            name = name[:-1]
        if name and name[-1] >= 0xC0:
            name = name[:-1]
    return "." + os.fsdecode(name) + "."


def _sweep_leftovers(target: Path) -> None:
    """Remove the temporary files that killed writes to target left behind."""
    cutoff = time.time() - STALE_AFTER
    for tmp in target.parent.glob(f"{glob.escape(_prefix(target))}*.tmp"):
        try:
            if tmp.stat().st_mtime >= cutoff:
                continue
            for side in _SQLITE_SIDE_FILES:
                tmp.with_name(tmp.name + side).unlink(missing_ok=True)
        except OSError:
            pass  # another process swept it, or it is not ours to remove: leave it


def _sync_folder(folder: Path) -> None:
    """Make a rename in folder durable. POSIX only: Windows cannot open a folder for this,
    and NTFS journals the rename itself."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

