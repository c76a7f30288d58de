"""The figures as a user meets them: the command line in a process of its own, interpreter
start included, each beside plain lxml doing the same file in a process of its own.

  time     `du-indberetning import` of a quarter of QUARTER_KURSISTER kursister into a store
           that holds its three earlier quarters, and `export` of it from the store holding
           all four; the median of 3, round-robin with the baseline
  memory   the peak (each process's own VmHWM) of `validate`, `import` into an empty store and
           `export` of a BIG_KURSISTER-kursist quarter file, and of lxml's whole-tree parse +
           validate + serialize of that file
The scenarios are made from desktop.sampledata and cached like the databases (benchmarks/data.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from data import LEAD_IN, UKODE, _digest

from desktop.domain.quarter import Quarter
from desktop.format.writer import document_bytes
from desktop.sampledata import quarter_files, stream_histories
from desktop.store import Store
from desktop.store.importer import store_kursister

HERE = Path(__file__).resolve().parent
QUARTER = Quarter(2024, 4)
QUARTER_KURSISTER = 10_000
BIG_KURSISTER = 61_000


def _key(*parts) -> str:
    return hashlib.sha256(f"{_digest()} {parts}".encode()).hexdigest()[:10]


def history_scenario(n: int, seed: int, cache: Path, log) -> tuple[Path, Path]:
    """(a store holding the year's three earlier quarters, the last quarter's file of n
    kursister): every history with movement in the year until n of them move in QUARTER."""
    cache.mkdir(parents=True, exist_ok=True)
    name = f"process-{n}-seed{seed}-{_key(n, seed)}"
    store_path, file_path = cache / f"{name}.sqlite", cache / f"{name}.xml"
    if store_path.exists() and file_path.exists():
        return store_path, file_path
    log(f"building {name} (cached for later runs) …")
    first = Quarter(QUARTER.year, 1)
    picked, in_last = [], 0
    for h in stream_histories(first, QUARTER, seed, lead_in=LEAD_IN):
        picked.append(h)
        files = quarter_files([h], UKODE, first, QUARTER)
        in_last += QUARTER.iperiode in files
        if in_last == n:
            break
    files = quarter_files(picked, UKODE, first, QUARTER)
    tmp = store_path.with_name(store_path.name + ".building")
    for leftover in cache.glob(tmp.name + "*"):
        leftover.unlink()
    with Store(tmp) as store:
        store.set_setting("ukode", UKODE)
        with store.transaction() as c:
            for iperiode, kursister in files.items():
                if iperiode != QUARTER.iperiode:
                    store_kursister(c, kursister)
    file_path.write_bytes(document_bytes(files[QUARTER.iperiode]))
    os.replace(tmp, store_path)
    return store_path, file_path


def big_file(n: int, seed: int, cache: Path, log) -> Path:
    """A quarter file of n kursister, each with movement in QUARTER."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"big-{n}-seed{seed}-{_key('big', n, seed)}.xml"
    if path.exists():
        return path
    log(f"building {path.name} (cached for later runs) …")
    stream = stream_histories(QUARTER, QUARTER, seed, lead_in=LEAD_IN)
    histories = [next(stream) for _ in range(n)]
    kursister = quarter_files(histories, UKODE, QUARTER, QUARTER)[QUARTER.iperiode]
    tmp = path.with_name(path.name + ".building")
    tmp.write_bytes(document_bytes(kursister))
    os.replace(tmp, path)
    return path


def _run(args: list[str], peak_to: Path | None = None, ok: tuple[int, ...] = (0,)) -> float:
    """Seconds for `args` (peak.py's modes) in a new interpreter. `ok`: the exit statuses
    that are a result (validate says 1 when it finds an A error); any other is a failure."""
    out = peak_to or Path(os.devnull)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "peak.py"), str(out), *args],
                          capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode not in ok:
        raise RuntimeError(f"{args[:2]} failed ({done.returncode}):\n{done.stdout[-2000:]}"
                           f"\n{done.stderr[-2000:]}")
    return took


def _peak(args: list[str], work: Path, ok: tuple[int, ...] = (0,)) -> float:
    out = work / "peak.txt"
    _run(args, out, ok)
    return float(out.read_text())


def measure_process(n: int, big: int, seed: int, cache: Path, work: Path, log) -> dict:
    base, q4 = history_scenario(n, seed, cache, log)
    full = work / "proc-full.sqlite"  # the store with all four quarters, for the export
    shutil.copyfile(base, full)
    _run(["cli", "--db", str(full), "import", str(q4)])
    out = work / "proc-export.xml"

    def fresh() -> Path:
        path = work / "proc-import.sqlite"
        for leftover in work.glob("proc-import.sqlite*"):
            leftover.unlink()
        shutil.copyfile(base, path)
        return path

    runs = {"baseline": lambda: _run(["lxml", str(q4)]),
            "import": lambda: _run(["cli", "--db", str(fresh()), "import", str(q4)]),
            "export": lambda: _run(["cli", "--db", str(full), "export", "--quarter",
                                    QUARTER.iperiode, "--out", str(out), "--force"])}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(3):
        for name, fn in runs.items():
            times[name].append(fn())
    values = {f"proc_{name}": statistics.median(t) for name, t in times.items()}
    values["proc_kursister"] = n
    values["proc_file_mb"] = q4.stat().st_size / 1e6

    path = big_file(big, seed, cache, log)
    empty = work / "big.sqlite"
    for leftover in work.glob("big.sqlite*"):
        leftover.unlink()
    values.update(
        big_kursister=big, big_file_mb=path.stat().st_size / 1e6,
        mem_lxml=_peak(["lxml", str(path)], work),
        mem_validate=_peak(["cli", "validate", str(path)], work, ok=(0, 1)),
        mem_import=_peak(["cli", "--db", str(empty), "import", str(path)], work),
        mem_export=_peak(["cli", "--db", str(empty), "export", "--quarter", QUARTER.iperiode,
                          "--out", str(work / "big-export.xml"), "--force"], work))
    for leftover in work.glob("big*.sqlite*"):
        leftover.unlink()
    return values
