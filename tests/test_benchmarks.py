"""The benchmark command still runs and prints every figure (a tiny, quick run: the full run is
slow and stays outside the test suite; docs/benchmarks.md holds its table)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from data import database  # noqa: E402
from run import PROCESS_ROWS, ROWS  # noqa: E402

from desktop.store import Store  # noqa: E402


def test_quick_run_prints_every_figure(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick",
                           "--cache", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for label, _, _ in ROWS:
        row = next((line for line in out.splitlines() if line.startswith(f"| {label} |")), None)
        assert row is not None, f"no row '{label}' in:\n{out}"
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 6 and all(cells[1:5]), row  # four databases, each with a figure
    for heading in ("CPU:", "RAM:", "OS:", "Python:", "PySide6:", "lxml:", "SQLite:",
                    "How export time grows:", "Targets:", "in memory (no store)"):
        assert heading in out
    assert out.count("export ×") == 4  # 200 → 400 at 1 and 2 years, 1 → 2 years at each size
    process = out.split("At the process level", 1)[1]
    for label, *_ in PROCESS_ROWS:  # the command line's figures, each beside lxml's
        start = label.split("{", 1)[0]
        row = next((line for line in process.splitlines() if line.startswith(f"| {start}")), None)
        assert row is not None, f"no row '{label}' in:\n{out}"
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 5 and all(cells[1:4]) and cells[3].endswith("×"), row
    assert "300-kursist quarter" in out and "600 kursister" in out
    assert out.count("met: ") + out.count("MISSED: ") == 10 + len(PROCESS_ROWS)  # grid: 2


def test_generated_store_holds_exactly_the_kursister_asked_for(tmp_path):
    path = database(150, 2, seed=3, cache=tmp_path, log=lambda *a: None)
    assert database(150, 2, seed=3, cache=tmp_path, log=lambda *a: None) == path  # cached
    with Store(path, create=False) as store:
        c = store.conn
        assert c.execute("SELECT COUNT(*) FROM kursist").fetchone()[0] == 150
        quarters = [r[0] for r in c.execute("SELECT DISTINCT iperiode FROM stamdata ORDER BY 1")]
        assert quarters == ["20231", "20232", "20233", "20234",
                            "20241", "20242", "20243", "20244"]
        # The window opens in steady state: kursister already part-way through a course.
        early = c.execute("SELECT COUNT(*) FROM modul WHERE ustartdato < '2023-01-01'").fetchone()[0]
        assert early > 0
