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

