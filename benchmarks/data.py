"""The benchmark databases: N kursister with 1 or 10 years of history, built once and cached.

"N kursister" means N rows in the store's kursist table: N people, each with movement in at
least one quarter of the store (desktop.sampledata.stream_histories keeps exactly those). The
quarter measured is the newest, LAST; how many of the N are in it depends on the years of
history and is printed beside every figure.

The generator starts its referrals LEAD_IN before the first quarter, so the store opens on a
centre in steady state, as a real one that started using the app would: kursister part-way
through their courses, not an empty school filling up.

Built databases are cached under benchmarks/.cache/ (gitignored), keyed by size, years, seed
and a digest of the code that shapes them, so a change to the generator or the store builds
afresh instead of measuring stale data.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from pathlib import Path

from desktop import sampledata
from desktop.domain.quarter import Quarter
from desktop.sampledata import quarter_files, stream_histories
from desktop.store import Store
from desktop.store import importer, migrations
from desktop.store.importer import store_kursister

UKODE = "123456"
LAST = Quarter(2024, 4)
LEAD_IN = 3 * 365  # days: longer than nearly every course, so the window opens in steady state
BATCH = 5000  # histories per transaction: bounded memory however large the store
CACHE = Path(__file__).resolve().parent / ".cache"


def window(years: int) -> tuple[Quarter, Quarter]:
    """The store's quarters: `years` whole years ending with LAST."""
    return Quarter(LAST.year - years + 1, 1), LAST


def _digest() -> str:
    """The code that decides what a cached database holds."""
    h = hashlib.sha256()
    for module in (sampledata, importer, migrations):
        h.update(Path(module.__file__).read_bytes())
    h.update(f"{UKODE} {LAST} {LEAD_IN} {BATCH}".encode())
    return h.hexdigest()[:10]


def database(n: int, years: int, seed: int = 1, cache: Path = CACHE, log=print) -> Path:
    """The path of a store with exactly n kursister over `years` years; built if not cached."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"du-{n}-kursister-{years}y-seed{seed}-{_digest()}.sqlite"
    if path.exists():
        return path
    tmp = path.with_name(path.name + ".building")
    for leftover in cache.glob(tmp.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    log(f"building {path.name} (cached for later runs) …")
    first, last = window(years)
    stream = stream_histories(first, last, seed, lead_in=LEAD_IN)
    with Store(tmp) as store:
        store.set_setting("ukode", UKODE)
        for start in range(0, n, BATCH):
            batch = list(itertools.islice(stream, min(BATCH, n - start)))
            # One batch's kursister, quarter by quarter as a user would import the files.
            with store.transaction() as c:
                for kursister in quarter_files(batch, UKODE, first, last).values():
                    store_kursister(c, kursister)
        stored = store.conn.execute("SELECT COUNT(*) FROM kursist").fetchone()[0]
    if stored != n:
        raise RuntimeError(f"generated {stored} kursister, not {n}")
    os.replace(tmp, path)
    log(f"built in {time.perf_counter() - started:.0f} s")
    return path
