"""Writing a file so that its final name only ever holds a complete file.

The content goes to a temporary file in the same folder (same file system, so the rename is
atomic), which is flushed to disk before it is renamed over the target; the folder is then
flushed too, so the rename itself survives a power cut before anything that refers to the
file (the export log) is committed. A process killed half-way leaves at most a hidden
`.<name>.<random>.tmp` beside the target: a new name each time, so it never clashes with a
later write, and never under the final name (beside a database copy, SQLite's own
`-journal`, `-wal` or `-shm` of that temporary name may remain too).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def replace_atomically(target: Path | str, fill: Callable[[Path], None]) -> Path:
    """Call fill(temporary path) to write the content, then move it to target.

    The temporary file is created empty and readable by its owner only; fill may write it
    itself or open it with another library (SQLite). Anything raised removes it again.
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        with open(tmp, "r+b") as f:  # write access: Windows flushes only such a handle
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        for leftover in ("", "-journal", "-wal", "-shm"):  # SQLite's files beside a copy
            tmp.with_name(tmp.name + leftover).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


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
