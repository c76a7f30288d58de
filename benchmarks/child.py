"""A child process that prints its own peak memory (VmHWM, in MB) when it is done.

    child.py imports DB IPERIODE OUT   imports the modules and opens the store: the baseline
    child.py export  DB IPERIODE OUT   the same, then exports the quarter (every check, the
                                       schema validation, the atomic write)
The difference between the two is what the export itself costs. The peak is read here, from
/proc, because the parent's view (ru_maxrss from wait4) counts the parent's own memory, which a
forked child holds until it runs exec.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.operations import export_quarter  # noqa: E402
from desktop.store import Store  # noqa: E402


def main(mode: str, db: str, iperiode: str, out: str) -> None:
    with Store(db, create=False) as store:
        if mode == "export":
            result = export_quarter(store, iperiode, out, force=True)
            if result.written is None:
                sys.exit(f"export refused: {result.refusal}")
    status = Path("/proc/self/status").read_text()
    peak_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
    print(peak_kb / 1024)


if __name__ == "__main__":
    main(*sys.argv[1:5])
