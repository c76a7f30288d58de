"""Shared test helpers: sample quarter files on disk and a canonical view of records."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

from desktop.domain.quarter import Quarter
from desktop.domain.records import Record
from desktop.format.writer import document_bytes
from desktop.sampledata import histories, quarter_files

UKODE = "123456"
DATA = Path(__file__).parent / "data"
# Schema versions kept as real databases (SQL text made by tools/make_store_dump.py).
KEPT = sorted(int(m[1]) for p in DATA.glob("store_v*/store.sql")
              if (m := re.fullmatch(r"store_v(\d+)", p.parent.name)))


def build(version: int, db: Path) -> Path:
    """The kept database of that schema version as a real SQLite file."""
    c = sqlite3.connect(db)
    try:
        c.executescript((DATA / f"store_v{version}" / "store.sql").read_text(encoding="utf-8"))
    finally:
        c.close()
    return db


def sample_files(n: int = 60, first=Quarter(2023, 1), last=Quarter(2024, 2), seed: int = 7):
    return quarter_files(histories(n, first, last, seed=seed), UKODE, first, last)


def write_files(folder: Path, files: dict[str, list[Record]], produktkode="LUDUS 4.2") -> list[Path]:
    paths = []
    for iperiode, kursister in files.items():
        path = folder / f"DU_{UKODE}_{iperiode}.xml"
        path.write_bytes(document_bytes(kursister, produktkode))
        paths.append(path)
    return paths


def canon(r: Record) -> str:
    """Records compared by value: order of children and None vs '' aside."""
    return repr((r.kind, sorted((k, v or "") for k, v in r.values.items()),
                 sorted(canon(c) for c in r.children)))


def canon_all(kursister: list[Record]) -> list[str]:
    return sorted(canon(k) for k in kursister)


def dump(store) -> list:
    """Every row of every table (replaced rows' ids aside), for 'the store is unchanged' comparisons."""
    c = store.conn
    # sqlite_sequence aside: it counts ids ever used, e.g. by the export log.
    tables = [r[0] for r in c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence' "
        "ORDER BY name")]
    out = []
    for t in tables:
        # Rows that are replaced get new surrogate ids; compare them by content.
        cols = [r[1] for r in c.execute(f"PRAGMA table_info({t})") if r[1] != "id" or t == "modul"]
        rows = c.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()
        out.append((t, sorted(rows, key=repr)))
    return out


def examples(n: int) -> int:
    """A hypothesis test's example count: n in CI, ten times more under HYPOTHESIS_PROFILE=fuzz."""
    return n * 10 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else n


# Words any of the app's Danish sentences has, and what only an English or raw error would say.
_DANISH = re.compile(r"\b(ikke|kan|er|og|eller|i|på|til|skal|må|har|en|et|af|med|der|det|som|om|"
                     r"ved|før|efter|over|under|uden|end|ligger|mangler|findes|højst|tom|fejl|"
                     r"ukendt|bruger|ingen|indeholder|fil\w*|kursist\w*|kvartal\w*)\b|[æøåÆØÅ]",
                     re.IGNORECASE)
_ENGLISH = re.compile(r"Traceback|Error\b|Exception|errno|\bline \d|\bfile\b|expected|invalid|"
                      r"not allowed|cannot|can't|No such|Permission denied|NoneType|codec|"
                      r"Extra content|Document|Start tag|\{http", re.IGNORECASE)


def assert_danish(message: str) -> None:
    """A message meant for the user: Danish, and no English error text or traceback in it
    (quoted values and file names aside: they are the user's own)."""
    assert message and message.strip(), "empty message"
    text = re.sub(r"'.*'|\S+\.(xml|XML|sqlite|zip|txt)\b|/\S*", "", message, flags=re.DOTALL)
    assert _DANISH.search(text), message
    assert not _ENGLISH.search(text), message


class Hang(Exception):
    pass


@contextmanager
def within(seconds: float):
    """Fail with Hang if the block takes longer than seconds (SIGALRM; where there is none,
    the time is checked afterwards)."""
    if not hasattr(signal, "setitimer") or sys.platform == "win32":
        import time
        start = time.monotonic()
        yield
        if time.monotonic() - start > seconds:
            raise Hang(f"took more than {seconds} s")
        return

    def alarm(signum, frame):
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def demo_window(qtbot, folder: Path):
    """The real main window, shown, on a demo database in folder, with the quarter's checks
    done; closes the store afterwards. Qt is imported here, so Qt-free tests can use this file."""
    from desktop.demo import build_demo
    from desktop.store import Store
    from desktop.ui.main_window import MainWindow
    from desktop.workspace import Workspace

    store = Store(Path(folder) / "demo.sqlite")
    try:
        build_demo(store)
        w = MainWindow(Workspace(store))
        qtbot.addWidget(w)
        w.show()
        w.checker.wait()
        qtbot.waitUntil(lambda: "fejl" in w.totals.text())
        yield w
        w.checker.wait()
    finally:
        store.close()
