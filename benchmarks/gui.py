"""The app's own figures on one database, measured on the real main window offscreen.

    gui.py DB REPEAT        (run by run.py in a child process; prints one JSON object)

  open      Store + Workspace + MainWindow until the first page of the kursist list is
            painted; against plain SQLite fetching the id and CPR number of every kursist on
            a new connection
  loaded    the same until the whole list is loaded behind that first page (the quarter's
            checks then start on their thread, as in the app)
  search    CPR digits typed into the list's search field, one keystroke at a time, then
            cleared, on the list of everyone in the database; the slowest keystroke, each the
            best of REPEAT rounds; against a plain Python substring scan of the same CPR numbers
  recheck   the kursist's findings after an edit, painted at their fields
  edit      a whole edit in the editor: stored durably, re-loaded, re-checked, list row updated
The edits go to a copy of the database, so the cached one stays as it was built.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt  # noqa: E402

from desktop.store import Store  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.kursist_model import SCOPE_ALL  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(source: str, repeat: int, work: Path) -> dict:
    db = str(work / "copy.sqlite")
    shutil.copyfile(source, db)
    app = application()
    windows: list[MainWindow] = []

    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    spy = FirstPaint()

    def open_window() -> float:
        """Seconds to the list's first paint; the whole open is timed by the caller."""
        painted.clear()
        started = time.perf_counter()
        # As the app opens a large store: its quick_check runs in the background (store_check).
        w = MainWindow(Workspace(Store(db, create=False, verify=False)))
        w.list.viewport().installEventFilter(spy)
        w.show()
        while not w.totals.text():  # set once the whole list is in
            # Idle between events, as the app's event loop is: a loop that spins here would
            # take the worker thread's turns at the GIL while it reads the whole list.
            app.processEvents(QEventLoop.AllEvents | QEventLoop.WaitForMoreEvents)
        assert w.proxy.rowCount() > 0 and painted
        windows.append(w)
        return painted[0] - started

    def baseline_open():
        conn = sqlite3.connect(db)
        conn.execute("SELECT id, kcprnr FROM kursist ORDER BY kcprnr").fetchall()
        conn.close()

    def close_all_but_last():
        for w in windows[:-1]:
            w.checker.wait()
            w.close()
            w.ws.store.close()
            w.deleteLater()
        del windows[:-1]
        app.processEvents()

    opened, loaded, base_open = [], [], []
    for _ in range(repeat):  # round-robin: background load hits both alike
        base_open.append(timed(baseline_open))
        started = time.perf_counter()
        opened.append(open_window())
        loaded.append(time.perf_counter() - started)
        close_all_but_last()

    w = windows[-1]
    w.checker.wait()
    w.scope.setCurrentIndex(SCOPE_ALL)  # read on a worker thread behind its first page
    w.finish_list()
    w.checker.wait()
    app.processEvents()
    everyone = w.proxy.rowCount()
    cprs = [r.cpr for r in w.kursister.all_rows()]
    target = sorted(cprs)[len(cprs) // 2]
    keystrokes = [target[:i] for i in range(1, 7)] + [""]

    def type_into_list(text):
        w.search.setText(text)
        app.processEvents()

    def scan(text):
        return [c for c in cprs if text in c]

    typed = [float("inf")] * len(keystrokes)
    scanned = [float("inf")] * len(keystrokes)
    for _ in range(repeat):
        for i, text in enumerate(keystrokes):
            scanned[i] = min(scanned[i], timed(lambda: scan(text)))
            typed[i] = min(typed[i], timed(lambda: type_into_list(text)))
    w.search.setText(target)
    app.processEvents()
    found = w.proxy.rowCount()
    w.search.setText("")
    w.scope.setCurrentIndex(0)  # the quarter: a kursist with teaching in it, first in the list
    w.checker.wait()
    editor = w.editor
    for row in range(w.proxy.rowCount()):
        w.list.setCurrentIndex(w.proxy.index(row, 0))
        if editor.und.model.rowCount():
            break
    model = editor.und.model

    def edit():  # "other lessons" flips between two values, never the one it holds
        index = model.index(0, model.column_of("unfagoevrig"))
        value = "4" if model.data(index, Qt.EditRole) == "3" else "3"
        assert model.setData(index, value, Qt.EditRole)

    def check_and_paint():
        editor.findings = w.ws.findings(editor.kid, editor.quarter)
        editor._paint()

    edits = min(timed(edit) for _ in range(repeat * 4))
    rechecks = min(timed(check_and_paint) for _ in range(repeat * 4))
    w.checker.wait()
    w.close()
    return {"open": min(opened), "loaded": min(loaded), "open_baseline": min(base_open),
            "everyone": everyone,
            "found": found, "search": max(typed), "search_baseline": max(scanned),
            "recheck": rechecks, "edit": edits}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="du-bench-gui-") as tmp:
        print(json.dumps(main(sys.argv[1], int(sys.argv[2]), Path(tmp))))
