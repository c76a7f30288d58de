"""App speed on a large database: list, search and the re-check after an edit.

    .venv/bin/python benchmarks/bench_gui.py --kursister 10000 --years 10 [--db PATH]

Builds (or reuses, with --db) a store with `--years` of history and about `--kursister`
kursister per quarter (10,000 a quarter over ten years is about 100,000 kursister), then
measures offscreen, best of --repeat:
  open      MainWindow on the store until the first page of the list is shown
  search    a CPR search typed into the list's filter
  recheck   the re-check after an edit: the kursist's findings, painted at their fields
  edit      the whole edit: stored durably (fsync), re-loaded, re-checked, list row updated
Each is printed against a baseline from the same run: plain SQLite fetching the same rows.
Targets (the app issue): open < 0.5 s, search < 50 ms, recheck < 16 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import best, build_store  # noqa: E402

from desktop.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--kursister", type=int, default=10000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", type=Path, help="reuse this store (built there if missing)")
    args = ap.parse_args()
    if args.db and args.db.exists():
        store = Store(args.db)
    else:
        folder = args.db.parent if args.db else Path(tempfile.mkdtemp(prefix="du-gui-"))
        store, _ = build_store(folder, args.kursister, args.years, 1)
        if args.db:
            store.close()
            (folder / "history.sqlite").rename(args.db)
            store = Store(args.db)
    total = store.conn.execute("SELECT COUNT(*) FROM kursist").fetchone()[0]

    from PySide6.QtCore import Qt

    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow
    from desktop.workspace import Workspace

    app = application()
    windows = []

    def open_window():
        w = MainWindow(Workspace(store))
        w.show()
        app.processEvents()
        assert w.proxy.rowCount() > 0
        windows.append(w)

    def baseline_rows():
        store.conn.execute("SELECT k.id, k.kcprnr FROM kursist k").fetchall()

    open_time = best(open_window, args.repeat)
    base_rows = best(baseline_rows, args.repeat)
    w = windows[-1]
    for other in windows[:-1]:
        other.checker.wait()
        other.close()
    w.checker.wait()
    app.processEvents()
    w.scope.setCurrentIndex(2)  # everyone: the largest list
    cpr = w.kursister.data(w.kursister.index(w.kursister.rowCount() // 2, 0), Qt.UserRole)

    def search():
        w.proxy.set_search(cpr[:6])
        w.proxy.set_search("")

    search_time = best(search, args.repeat) / 2
    w.scope.setCurrentIndex(0)
    editor = w.editor
    for row in range(w.proxy.rowCount()):  # a kursist with teaching in the quarter
        w.list.setCurrentIndex(w.proxy.index(row, 0))
        if editor.und.model.rowCount():
            break
    model = editor.und.model
    turn = [0]

    def recheck():
        turn[0] += 1
        index = model.index(0, model.column_of("unfagoevrig"))
        assert model.setData(index, str(turn[0] % 2 + 3), Qt.EditRole)

    edit_time = best(recheck, args.repeat * 4)

    def check_and_paint():
        editor.findings = w.ws.findings(editor.kid, editor.quarter)
        editor._paint()

    recheck_time = best(check_and_paint, args.repeat * 4)
    w.checker.wait()

    print(f"\nstore: {total} kursister; list rows in the quarter: {w.kursister.rowCount()}")
    print(f"{'measure':44} {'seconds':>9} {'target':>9}   baseline (plain SQLite, same rows)")
    print(f"{'open to the first page of the list':44} {open_time:9.3f} {'< 0.5':>9}   "
          f"{base_rows:.3f} s to fetch every kursist row")
    print(f"{'CPR search in the list':44} {search_time:9.4f} {'< 0.05':>9}")
    print(f"{'re-check of the kursist, painted at the fields':44} {recheck_time:9.4f} {'< 0.016':>9}")
    print(f"{'whole edit: durable write, reload, re-check, list':44} {edit_time:9.4f}")
    w.close()


if __name__ == "__main__":
    main()
