"""Write transactions and SQL statements per user action, on the real window offscreen.

    .venv/bin/python benchmarks/transactions.py

Each action is done as the clerk does it (a typed cell, the placement dialogs answered, the
delete question answered yes, Ctrl+Z) on the demo database; the window's own connection is
traced with sqlite3's set_trace_callback from the action until the window has refreshed.
A write transaction is a BEGIN IMMEDIATE; the statements include every read of the refresh.
The numbers depend only on the code, not on the machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from desktop.demo import build_demo  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui import placement_dialogs  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402


def main() -> None:
    app = application()
    folder = Path(tempfile.mkdtemp(prefix="du-transactions-"))
    store = Store(folder / "demo.sqlite")
    build_demo(store)
    w = MainWindow(Workspace(store))
    w.show()
    w.checker.wait()
    app.processEvents()
    for row in range(w.proxy.rowCount()):  # a kursist with teaching in the quarter
        w.list.setCurrentIndex(w.proxy.index(row, 0))
        if w.editor.und.model.rowCount() and w.editor.henv.model.rowCount():
            break
    editor = w.editor
    q = w.quarter
    statements: list[str] = []

    def measure(name, action):
        statements.clear()
        store.conn.set_trace_callback(statements.append)
        try:
            action()
            app.processEvents()
        finally:
            store.conn.set_trace_callback(None)
        writes = sum(s.lstrip().upper().startswith("BEGIN IMMEDIATE") for s in statements)
        print(f"{name:44} {writes:>12} {len(statements):>11}")

    def edit(section, tag, text):
        model = section.model
        model.setData(model.index(0, model.column_of(tag)), text, Qt.EditRole)

    placement_dialogs.CloseDialog.exec = lambda self: True
    placement_dialogs.CloseDialog.values = lambda self: {
        "uslutdato": q.end.isoformat(), "umodtestdato": q.end.isoformat(), "uophoersaarsag": None}
    placement_dialogs.RestartDialog.exec = lambda self: True
    placement_dialogs.RestartDialog.values = lambda self: (q.start.isoformat(), "7",
                                                           q.end.isoformat())
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.Yes)

    print(f"{'user action':44} {'write trans.':>12} {'statements':>11}")
    measure("type a value (Bopælskommune)", lambda: edit(editor.henv, "hkomkode", "851"))
    measure("Ctrl+Z of it", w.undo_action.trigger)
    edit(editor.und, "unfagskema", "")
    measure("type an UnKat part (UnFagSkema filled in)", lambda: edit(editor.und, "unkatkonf", "5"))
    editor.und.table.selectRow(0)
    measure("Slet (a month)", lambda: editor._delete(editor.und, "undervisning"))
    measure("Ctrl+Z of it", w.undo_action.trigger)
    measure("Afslut … (end with a passed module test)", editor._close_placement)
    measure("Ctrl+Z of it", w.undo_action.trigger)
    measure("Genstart modul …", editor._restart_placement)
    measure("Ctrl+Z of it", w.undo_action.trigger)
    measure("Ny placering", lambda: editor._add("modul"))
    w.checker.wait()
    w.close()
    store.close()


if __name__ == "__main__":
    main()
