"""Every speed and memory figure of DU-indberetning, each beside a baseline from the same run.

    .venv/bin/python benchmarks/run.py                     1k, 10k, 100k kursister; 1 and 10 years
    .venv/bin/python benchmarks/run.py --quick             a tiny run that only shows it works
    .venv/bin/python benchmarks/run.py --sizes 10000 --years 10 --repeat 9

For each database (N kursister in the store, see benchmarks/data.py; built once, then cached in
benchmarks/.cache/) the newest quarter is exported and measured:
  export     export_quarter: selection, the schema, every check, the atomic write
  import     that file imported into a new, empty store (parse, every check, store)
  baseline   plain lxml: parse + XSD-validate + serialize of the same file
  checks     every check for one kursist as the editor asks after an edit (from the store)
  memory     peak RSS of a child process that only exports, and of one that only imports
             the modules and opens the store
  open       the real main window, offscreen, until the first page of its list is painted,
             and until the whole list is loaded behind it
  search     CPR digits typed into the list's search field, on the list of every kursist
  edit       an edit in the editor, and the kursist's re-check painted at its fields
  grid       a 30-member hold's quarter grid opened, and a 90-cell block pasted into it
             (benchmarks/grid.py)
And once, at the process level (benchmarks/process.py): the command line's import and export
of a 10,000-kursist quarter, interpreter start included, beside lxml in a process of its own
(median of 3); and the peak memory of validate, import and export of a 61,000-kursist file.
Times are the best of --repeat rounds, run round-robin so background load hits a figure and
its baseline alike. The table is Markdown; docs/benchmarks.md holds a full run's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import machine  # noqa: E402
from data import CACHE, LAST, database  # noqa: E402
from process import measure_process  # noqa: E402

from desktop.checks import CheckSettings, check_kursist  # noqa: E402
from desktop.domain.records import make  # noqa: E402
from desktop.format.schema import schema  # noqa: E402
from desktop.operations import export_quarter, import_files  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.store.db import quick_check  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def round_robin(runs: dict, repeat: int, prepare: dict | None = None) -> dict[str, float]:
    """The best time of each, taken in turns so that load on the machine hits all alike.
    `prepare[name]`, untimed, makes what a run needs and is handed to it."""
    best = dict.fromkeys(runs, float("inf"))
    prepare = prepare or {}
    for _ in range(repeat):
        for name, fn in runs.items():
            made = prepare[name]() if name in prepare else None
            started = time.perf_counter()
            fn(made) if name in prepare else fn()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


@dataclass
class Figures:
    n: int
    years: int
    values: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        size = f"{self.n // 1000}k" if self.n >= 1000 and self.n % 1000 == 0 else str(self.n)
        return f"{size} · {self.years} y"


def measure_core(path: Path, repeat: int, work: Path) -> dict:
    """Export, import and the editor's checks, each with its baseline, in this process."""
    store = Store(path, create=False)
    out = work / "export.xml"
    first = export_quarter(store, LAST.iperiode, out, force=True)
    assert first.written, first.refusal
    data = out.read_bytes()
    xsd = schema()

    def baseline():
        doc = etree.fromstring(data)
        assert xsd.validate(doc)
        etree.tostring(doc, xml_declaration=True, encoding="ISO-8859-1")

    def export():
        assert export_quarter(store, LAST.iperiode, out, force=True).written

    def empty_store() -> Store:  # created (schema and all) before the clock starts
        for leftover in work.glob("fresh.sqlite*"):
            leftover.unlink()
        return Store(work / "fresh.sqlite")

    def import_fresh(empty: Store):
        with empty:
            assert import_files(empty, [out]).stored

    times = round_robin({"baseline": baseline, "export": export, "import": import_fresh}, repeat,
                        prepare={"import": empty_store})

    # The editor's re-check: the kursist of the quarter with the most records in it.
    kid = store.conn.execute(
        "SELECT m.kursist_id FROM undervisning u JOIN modul m ON m.id = u.modul_id "
        "WHERE u.iperiode = ? GROUP BY m.kursist_id ORDER BY COUNT(*) DESC, m.kursist_id "
        "LIMIT 1", (LAST.iperiode,)).fetchone()[0]
    ws = Workspace(store)
    checks = min(timed(lambda: ws.findings(kid, LAST)) for _ in range(repeat * 5))
    # The check of the store on opening (the window runs it in the background above
    # desktop.ui.app.FOREGROUND_CHECK_BYTES): warm, as on a second start.
    check = min(timed(lambda: quick_check(store.conn)) for _ in range(repeat))
    store.close()
    return {**times, "kursister_quarter": first.kursister, "file_mb": len(data) / 1e6,
            "findings": len(first.findings), "checks": checks, "quick_check": check,
            "store_mb": path.stat().st_size / 1e6}


def peak_rss_mb(args: list[str]) -> float:
    """Peak resident memory of a child process running benchmarks/child.py with `args`."""
    done = subprocess.run([sys.executable, str(HERE / "child.py"), *args],
                          capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"child.py {args[0]} failed:\n{done.stderr}")
    return float(done.stdout.split()[-1])


def measure_memory(path: Path, work: Path) -> dict:
    args = [str(path), LAST.iperiode, str(work / "child-export.xml")]
    return {"rss_export": peak_rss_mb(["export", *args]),
            "rss_imports": peak_rss_mb(["imports", *args])}


def measure_gui(path: Path, repeat: int) -> dict:
    done = subprocess.run([sys.executable, str(HERE / "gui.py"), str(path), str(repeat)],
                          capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if done.returncode:
        raise RuntimeError(f"gui.py failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_grid(path: Path, repeat: int) -> dict:
    done = subprocess.run([sys.executable, str(HERE / "grid.py"), str(path), str(repeat)],
                          capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if done.returncode:
        raise RuntimeError(f"grid.py failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fifty_record_kursist():
    """One kursist with about fifty records in a quarter: a heavy case for the checks."""
    moduler = []
    for i in range(12):
        start = f"2024-{1 + i % 3:02d}-01"
        moduler.append(make("modul", uuddnr=str(1 + i % 3), umodul=str(1 + i // 3 % 6),
                            uforsoegnr=str(1 + i // 9), ustartdato=start, children=[
                                make("undervisning", unperiode=str(m), unfagskema="40",
                                     unfravaer="2", unfagoevrig="1", unlekmin="45")
                                for m in (1, 2, 3)]))
    return make("kursist", iperiode="20241", ukode="123456", kcprnr="1503851012", kkoen="K",
                knationskode="SYR", children=[
                    make("henvisning", hhenvisdato="2024-01-05", hhenviskat="1", hkomkode="101"),
                    *moduler,
                    *[make("proeve", pdato=f"2024-03-{d:02d}", ptype="3", pstatus="4",
                           pkarakter="7", pselvstuderende="N") for d in range(1, 4)]])


def measure_pure_checks(repeat: int) -> tuple[int, float]:
    k = fifty_record_kursist()
    records = 1 + len(k.children) + sum(len(c.children) for c in k.children)
    settings, loops = CheckSettings(), 100
    check_kursist(k, settings)  # code lists and country data load on first use
    best = min(timed(lambda: [check_kursist(k, settings) for _ in range(loops)])
               for _ in range(repeat))
    return records, best / loops


# The table ----------------------------------------------------------------------------------
ROWS = [  # label, how to show one database's figures, target
    ("kursister in the database", lambda v, f: f"{f.n:,}", ""),
    (f"… of them in the exported quarter ({LAST.iperiode})",
     lambda v, f: f"{v['kursister_quarter']:,}", ""),
    ("quarter file (MB)", lambda v, f: f"{v['file_mb']:.1f}", ""),
    ("baseline: lxml parse + XSD-validate + serialize (s)", lambda v, f: f"{v['baseline']:.3f}", ""),
    ("export, every check included (s)", lambda v, f: f"{v['export']:.3f}", ""),
    ("export ÷ baseline", lambda v, f: f"{v['export'] / v['baseline']:.2f}×", "≤ 2×"),
    ("import into an empty store (s)", lambda v, f: f"{v['import']:.3f}", ""),
    ("import ÷ baseline", lambda v, f: f"{v['import'] / v['baseline']:.2f}×", "≤ 3×"),
    ("store file (MB)", lambda v, f: f"{v['store_mb']:.0f}", ""),
    ("store check on opening, quick_check, warm (s)", lambda v, f: f"{v['quick_check']:.3f}",
     "in the background above 20 MB"),
    ("checks for one kursist, from the store (ms)", lambda v, f: f"{v['checks'] * 1e3:.2f}",
     "< 5 ms"),
    ("peak memory, child that exports (MB)", lambda v, f: f"{v['rss_export']:.0f}",
     "< 300 MB at 10k, ≤ 400 MB at 100k · 1 y"),
    ("peak memory, child that only imports the modules (MB)",
     lambda v, f: f"{v['rss_imports']:.0f}", ""),
    ("open to the first list page (s)", lambda v, f: f"{v['open']:.3f}", "< 0.5 s at 100k"),
    ("… and to the whole list loaded behind it (s)", lambda v, f: f"{v['loaded']:.3f}", ""),
    ("baseline: plain SQLite fetch of every kursist (s)",
     lambda v, f: f"{v['open_baseline']:.3f}", ""),
    ("CPR search, slowest keystroke (ms)", lambda v, f: f"{v['search'] * 1e3:.1f}", "< 50 ms"),
    ("baseline: Python substring scan of the CPR numbers (ms)",
     lambda v, f: f"{v['search_baseline'] * 1e3:.1f}", ""),
    ("re-check after an edit, painted at the fields (ms)", lambda v, f: f"{v['recheck'] * 1e3:.1f}",
     "< 16 ms (app issue)"),
    ("whole edit: durable write, reload, re-check, list row (ms)",
     lambda v, f: f"{v['edit'] * 1e3:.1f}", ""),
    ("open a 30-member hold's quarter grid, findings painted (ms)",
     lambda v, f: f"{v['grid_open'] * 1e3:.1f}", "< 100 ms"),
    ("baseline: plain SQLite fetch of its 90 month rows (ms)",
     lambda v, f: f"{v['grid_baseline'] * 1e3:.1f}", ""),
    ("paste 90 cells: checked, one durable command, grid again (ms)",
     lambda v, f: f"{v['grid_paste'] * 1e3:.1f}", "< 100 ms"),
    ("baseline: 90 plain UPDATEs in one transaction (ms)",
     lambda v, f: f"{v['paste_baseline'] * 1e3:.1f}", ""),
]


# The process level: label, value key, baseline key, how to show a value, target, limit of
# the ratio (times) or of the value (MB).
PROCESS_ROWS = [
    ("import of the {proc_kursister:,}-kursist quarter into a store with its earlier quarters "
     "(s)", "proc_import", "proc_baseline", "{:.2f}", "≤ 3.5× baseline", ("ratio", 3.5)),
    ("export of that quarter from the store (s)", "proc_export", "proc_baseline", "{:.2f}",
     "≤ 2.5× baseline", ("ratio", 2.5)),
    ("peak memory, validate of the {big_file_mb:.0f} MB file of {big_kursisters:,} kursister (MB)",
     "mem_validate", "mem_lxml", "{:.0f}", "≤ 500 MB", ("value", 500)),
    ("peak memory, import of that file into an empty store (MB)", "mem_import", "mem_lxml",
     "{:.0f}", "≤ 500 MB", ("value", 500)),
    ("peak memory, export of that quarter from the store (MB)", "mem_export", "mem_lxml",
     "{:.0f}", "≤ 300 MB", ("value", 300)),
]


def process_table(v: dict) -> list[str]:
    names = {**v, "big_kursisters": v["big_kursister"]}
    lines = ["| figure, the command line in a process of its own | value | baseline | ÷ baseline "
             "| target |", "|---|---:|---:|---:|---|"]
    for label, key, base, fmt, target, _ in PROCESS_ROWS:
        lines.append(f"| {label.format(**names)} | {fmt.format(v[key])} | {fmt.format(v[base])} "
                     f"| {v[key] / v[base]:.2f}× | {target} |")
    return lines


def process_verdicts(v: dict) -> list[str]:
    lines = []
    for label, key, base, fmt, target, (kind, limit) in PROCESS_ROWS:
        value = v[key] / v[base] if kind == "ratio" else v[key]
        shown = f"{value:.2f}×" if kind == "ratio" else f"{value:.0f} MB"
        name = label.format(**{**v, "big_kursisters": v["big_kursister"]}).rsplit(" (", 1)[0]
        lines.append(f"- {'met' if value <= limit else 'MISSED'}: {name} {target}: {shown}")
    return lines


def table(figures: list[Figures]) -> list[str]:
    head = ["figure", *(f.label for f in figures), "target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * len(figures) + "---|"]
    for label, show, target in ROWS:
        lines.append("| " + " | ".join([label, *(show(f.values, f) for f in figures), target])
                     + " |")
    return lines


def growth(figures: list[Figures]) -> list[str]:
    """Export time from each size to the next, and from the fewest to the most years."""
    lines = []

    def ratio(a: Figures, b: Figures) -> str:
        va, vb = a.values, b.values
        return (f"export ×{vb['export'] / va['export']:.2f} (baseline "
                f"×{vb['baseline'] / va['baseline']:.2f}) for ×"
                f"{vb['kursister_quarter'] / va['kursister_quarter']:.2f} kursister in the quarter")

    by = {(f.n, f.years): f for f in figures}
    sizes = sorted({f.n for f in figures})
    years = sorted({f.years for f in figures})
    for y in years:
        for a, b in zip(sizes, sizes[1:]):
            lines.append(f"- {by[a, y].label} → {by[b, y].label}: {ratio(by[a, y], by[b, y])}")
    for n in sizes:
        for a, b in zip(years, years[1:]):
            lines.append(f"- {by[n, a].label} → {by[n, b].label}: {ratio(by[n, a], by[n, b])}")
    return lines


def verdicts(figures: list[Figures], pure_ms: float) -> list[str]:
    """Each target against the worst figure it applies to."""
    biggest = max(f.n for f in figures)
    memory_at = min((f.n for f in figures), key=lambda n: abs(n - 10000))
    one_year = [f for f in figures if f.n == biggest and f.years == 1] or [
        f for f in figures if f.n == biggest]
    checks = [
        ("export ≤ 2× baseline", "export", lambda v: v["export"] / v["baseline"], 2, "{:.2f}×",
         figures),
        ("import ≤ 3× baseline", "import", lambda v: v["import"] / v["baseline"], 3, "{:.2f}×",
         figures),
        ("checks for one kursist < 5 ms", "checks", lambda v: v["checks"] * 1e3, 5, "{:.2f} ms",
         figures),
        (f"open < 0.5 s at {biggest:,} kursister", "open", lambda v: v["open"], 0.5, "{:.3f} s",
         [f for f in figures if f.n == biggest]),
        ("CPR search < 50 ms", "search", lambda v: v["search"] * 1e3, 50, "{:.1f} ms", figures),
        ("a 30-member hold's grid opens < 100 ms", "grid", lambda v: v["grid_open"] * 1e3, 100,
         "{:.1f} ms", figures),
        ("a paste of 90 cells < 100 ms", "paste", lambda v: v["grid_paste"] * 1e3, 100,
         "{:.1f} ms", figures),
        (f"peak memory of export < 300 MB at {memory_at:,} kursister", "rss",
         lambda v: v["rss_export"], 300, "{:.0f} MB", [f for f in figures if f.n == memory_at]),
        (f"peak memory of export ≤ 400 MB at {biggest:,} kursister, fewest years", "rss",
         lambda v: v["rss_export"], 400, "{:.0f} MB", one_year),
    ]
    lines = []
    for name, _, value, limit, fmt, scope in checks:
        worst = max(scope, key=lambda f: value(f.values))
        v = value(worst.values)
        lines.append(f"- {'met' if v <= limit else 'MISSED'}: {name}: worst "
                     f"{fmt.format(v)} ({worst.label})")
    lines.append(f"- {'met' if pure_ms < 5 else 'MISSED'}: checks for one kursist of about fifty "
                 f"records, in memory, < 5 ms: {pure_ms:.2f} ms")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="kursister in each database, comma-separated (default 1000,10000,100000)")
    ap.add_argument("--years", default="1,10", help="years of history, comma-separated")
    ap.add_argument("--repeat", type=int, default=5, help="rounds; each figure is the best")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=CACHE, help="where built databases are kept")
    ap.add_argument("--process-kursister", type=int, default=10_000,
                    help="kursister in the quarter the command line imports and exports")
    ap.add_argument("--big-kursister", type=int, default=61_000,
                    help="kursister in the file whose peak memory is measured")
    ap.add_argument("--process-only", action="store_true",
                    help="only the command line's figures (no databases, no window)")
    ap.add_argument("--quick", action="store_true",
                    help="200 and 400 kursister, 1 and 2 years, one round: seconds, for the tests")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.years, args.repeat = "200,400", "1,2", 1
        args.process_kursister, args.big_kursister = 300, 600
    sizes = sorted(int(s) for s in args.sizes.split(","))
    years = sorted(int(y) for y in args.years.split(","))

    started = time.perf_counter()
    load_before = machine.load()
    figures = [] if args.process_only else [Figures(n, y) for n in sizes for y in years]
    with tempfile.TemporaryDirectory(prefix="du-bench-") as tmp:
        work = Path(tmp)
        for f in figures:
            cached = database(f.n, f.years, args.seed, args.cache, log=log)
            log(f"measuring {f.label} …")
            path = work / "store.sqlite"  # a copy: an export logs itself in the store
            shutil.copyfile(cached, path)
            f.values.update(measure_core(path, args.repeat, work))
            f.values.update(measure_memory(path, work))
            f.values.update(measure_gui(cached, args.repeat))  # edits a copy of its own
            f.values.update(measure_grid(cached, args.repeat))  # so does the grid
            for leftover in work.glob("store.sqlite*"):
                leftover.unlink()
        log("measuring the command line …")
        process = measure_process(args.process_kursister, args.big_kursister, args.seed,
                                  args.cache, work, log)
    records, pure = measure_pure_checks(args.repeat)

    command = " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"# DU-indberetning benchmarks, {dt.datetime.now():%Y-%m-%d %H:%M}")
    print()
    print(f"Command: `{command.strip()}` (best of {args.repeat} rounds, seed {args.seed})  ")
    for name, value in machine.describe():
        print(f"{name}: {value}  ")
    print(f"Load average (1, 5, 15 min): {load_before} at the start, {machine.load()} at the end; "
          f"{time.perf_counter() - started:.0f} s in all")
    print()
    if figures:
        print("\n".join(table(figures)))
        print()
    print(f"Checks for one kursist with {records} records, in memory (no store): "
          f"{pure * 1e3:.2f} ms")
    print()
    print("At the process level (median of 3; memory: each process's own peak):")
    print()
    print("\n".join(process_table(process)))
    print()
    if figures:
        print("How export time grows:")
        print("\n".join(growth(figures)))
        print()
    print("Targets:")
    if figures:
        print("\n".join(verdicts(figures, pure * 1e3)))
    print("\n".join(process_verdicts(process)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
