"""The window beside other writers, and when writing fails: driven as a user does (cells,
the Edit menu, the command line in a real second process), asserting what the user is told
and what the database holds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from desktop.commands import Trace  # noqa: E402
from desktop.domain.quarter import Quarter  # noqa: E402
from desktop.format.writer import document_bytes  # noqa: E402
from desktop.domain.records import make  # noqa: E402
from desktop.operations import import_files  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.placement_dialogs import CloseDialog, RestartDialog  # noqa: E402
from desktop.workspace import FieldRef, Workspace  # noqa: E402
from helpers import UKODE, sample_files, write_files  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIRST, LAST = Quarter(2023, 1), Quarter(2023, 4)


def by_kursist(db: Path) -> dict[str, list]:
    """Every row of the database, grouped by the CPR number of the kursist it belongs to."""
    c = sqlite3.connect(db)
    try:
        out: dict[str, list] = {}
        queries = {
            "kursist": "SELECT k.kcprnr, k.* FROM kursist k",
            "stamdata": "SELECT k.kcprnr, s.* FROM stamdata s JOIN kursist k ON k.id = s.kursist_id",
            "henvisning": "SELECT k.kcprnr, t.* FROM henvisning t JOIN kursist k ON k.id = t.kursist_id",
            "proeve": "SELECT k.kcprnr, t.* FROM proeve t JOIN kursist k ON k.id = t.kursist_id",
            "modul": "SELECT k.kcprnr, t.* FROM modul t JOIN kursist k ON k.id = t.kursist_id",
            "undervisning": "SELECT k.kcprnr, u.* FROM undervisning u JOIN modul m ON "
                            "m.id = u.modul_id JOIN kursist k ON k.id = m.kursist_id",
        }
        for table, sql in queries.items():
            for cpr, *row in c.execute(sql):
                out.setdefault(cpr, []).append((table, *row))
        return {cpr: sorted(rows, key=repr) for cpr, rows in out.items()}
    finally:
        c.close()


def others(state: dict, cpr: str) -> dict:
    return {k: v for k, v in state.items() if k != cpr}


@pytest.fixture(scope="module")
def quarters(tmp_path_factory):
    """A few hundred kursister over four quarters, as files."""
    folder = tmp_path_factory.mktemp("quarters")
    files = sample_files(n=300, first=FIRST, last=LAST, seed=5)
    return files, write_files(folder, files)


@pytest.fixture
def window(qtbot, tmp_path, quarters):
    _, paths = quarters
    store = Store(tmp_path / "du.sqlite")
    assert import_files(store, paths).stored
    w = MainWindow(Workspace(store))
    qtbot.addWidget(w)
    w.show()
    w.checker.wait()
    qtbot.waitUntil(lambda: "fejl" in w.totals.text() or "error" in w.totals.text())
    yield w
    w.checker.wait()
    w.close()
    store.close()


def open_kursist_with_referral(window, qtbot, avoid: str | None = None) -> str:
    """The first kursist in the list with a henvisning in the quarter (other than `avoid`);
    their CPR."""
    for row in range(window.proxy.rowCount()):
        window.list.setCurrentIndex(window.proxy.index(row, 0))
        if window.editor.henv.model.rowCount() and window.editor.sheet.cpr != avoid:
            return window.editor.sheet.cpr
    raise AssertionError("no kursist with a henvisning")


def edit_cell(section, row, tag, text):
    model = section.model
    assert model.setData(model.index(row, model.column_of(tag)), text, Qt.EditRole)


def cell(section, row, tag):
    model = section.model
    return model.data(model.index(row, model.column_of(tag)), Qt.EditRole)


def other_kommune(value: str | None) -> str:
    return "851" if value != "851" else "101"


def said(window) -> str:
    return window.statusBar().currentMessage() + " " + window.editor.notice.text()


# --- two processes, one database -------------------------------------------------------------

def corrected_file(files, quarter: Quarter, folder: Path) -> Path:
    """The quarter's file as the other system now sends it: one more henvisning, for the first
    kursist in the file (so the new row is early in the file's order)."""
    kursister = files[quarter.iperiode]
    first = kursister[0]
    first.children.append(make("henvisning", hhenvisdato=quarter.start.isoformat(),
                               hhenviskat="1", hkomkode="101"))
    path = folder / f"DU_{UKODE}_{quarter.iperiode}.xml"
    path.write_bytes(document_bytes(kursister, "LUDUS 4.2"))
    first.children.pop()
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_a_reimport_from_the_command_line_never_makes_undo_or_an_edit_land_on_another_kursist(
        window, qtbot, quarters, tmp_path):
    files, _ = quarters
    db = window.ws.path
    # Not the kursist who gets the new record: the records after it are the ones whose ids a
    # delete-and-insert import used to shift onto the kursist before them.
    cpr = open_kursist_with_referral(window, qtbot,
                                     avoid=files[window.quarter.iperiode][0]["kcprnr"])
    henv = window.editor.henv
    typed = other_kommune(cell(henv, 0, "hkomkode"))
    edit_cell(henv, 0, "hkomkode", typed)
    assert cell(henv, 0, "hkomkode") == typed

    result = cli("import", str(corrected_file(files, window.quarter, tmp_path)), "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    imported = by_kursist(db)

    window.undo_action.trigger()  # Ctrl+Z (Rediger → Fortryd)
    assert "genindlæst" in said(window)
    assert window.editor.sheet.cpr == cpr  # the user is where they were
    after_undo = by_kursist(db)
    assert others(after_undo, cpr) == others(imported, cpr)

    henv = window.editor.henv
    again = other_kommune(cell(henv, 0, "hkomkode"))
    edit_cell(henv, 0, "hkomkode", again)
    after_edit = by_kursist(db)
    assert others(after_edit, cpr) == others(imported, cpr)
    mine = [r for r in after_edit[cpr] if r[0] == "henvisning"]
    assert again in [r[-1] for r in mine]  # the edit landed on the kursist on screen


def test_a_second_store_writing_between_the_windows_commands(window, qtbot):
    db = window.ws.path
    cpr = open_kursist_with_referral(window, qtbot)
    henv = window.editor.henv
    rid = henv.model.row_id(0)
    edit_cell(henv, 0, "hkomkode", other_kommune(cell(henv, 0, "hkomkode")))
    with Store(db) as elsewhere:  # another window on the same database changes the same field
        Workspace(elsewhere).set_value(FieldRef("henvisning", rid, "hkomkode"), "147",
                                       window.quarter)
    before = by_kursist(db)
    window.undo_action.trigger()
    assert "genindlæst" in said(window)
    assert by_kursist(db) == before  # the undo did not write over the other window's value
    assert cell(window.editor.henv, 0, "hkomkode") == "147"  # the view shows what is stored
    edit_cell(window.editor.henv, 0, "hkomkode", "851")
    after = by_kursist(db)
    assert others(after, cpr) == others(before, cpr)
    assert cell(window.editor.henv, 0, "hkomkode") == "851"


def test_the_window_notices_another_program_while_idle_and_keeps_the_users_place(window, qtbot):
    cpr = open_kursist_with_referral(window, qtbot)
    henv = window.editor.henv
    rid = henv.model.row_id(0)
    column = henv.model.column_of("hkomkode")
    henv.table.setCurrentIndex(henv.model.index(0, column))  # the clerk is in that cell
    henv.table.setFocus()
    c = sqlite3.connect(window.ws.path)
    c.execute("UPDATE henvisning SET hkomkode = '147' WHERE id = ?", (rid,))
    c.commit()
    c.close()
    qtbot.waitUntil(lambda: cell(window.editor.henv, 0, "hkomkode") == "147",
                    timeout=3 * window.WATCH_MS)
    assert "genindlæst" in said(window)
    assert window.editor.sheet.cpr == cpr and window.quarter == LAST
    here = window.editor.henv.table.currentIndex()
    assert (window.editor.henv.model.row_id(here.row()), here.column()) == (rid, column)


# --- failures told as they are ---------------------------------------------------------------

def test_a_held_write_lock_is_reported_as_not_saved_and_undo_still_works(window, qtbot):
    open_kursist_with_referral(window, qtbot)
    henv = window.editor.henv
    first = cell(henv, 0, "hkomkode")
    edit_cell(henv, 0, "hkomkode", other_kommune(first))  # an edit to undo later
    stored = cell(henv, 0, "hkomkode")
    window.runner.patience_ms = 300
    waited = []
    window.runner.waiting.connect(waited.append)
    lock = sqlite3.connect(window.ws.path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        edit_cell(henv, 0, "hkomkode", "147")
        assert waited, "the user is told that the program waits"
        message = said(window)
        assert "ikke gemt" in message and "bruges af et andet program" in message
        assert "er gemt" not in message.replace("ikke gemt", "")
        assert cell(window.editor.henv, 0, "hkomkode") == stored  # the stored value again
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    window.undo_action.trigger()
    assert cell(window.editor.henv, 0, "hkomkode") == first


@contextmanager
def small_disk(folder: Path):
    """A 4 MB tmpfs at folder, if this machine lets the test mount one."""
    folder.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_reported_as_not_saved_and_undo_works_once_there_is_room(
        qtbot, tmp_path, quarters):
    with small_disk(tmp_path / "disk") as disk:
        files, _ = quarters
        paths = write_files(disk, {LAST.iperiode: files[LAST.iperiode][:40]})
        store = Store(disk / "du.sqlite")
        try:
            assert import_files(store, paths).stored
            for p in paths:
                p.unlink()
            w = MainWindow(Workspace(store))
            qtbot.addWidget(w)
            w.show()
            w.checker.wait()
            open_kursist_with_referral(w, qtbot)
            henv = w.editor.henv
            first = cell(henv, 0, "hkomkode")
            edit_cell(henv, 0, "hkomkode", other_kommune(first))
            stored = cell(henv, 0, "hkomkode")
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write needs room
            filler = disk / "fyld"
            with open(filler, "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
                except OSError:
                    pass
            edit_cell(henv, 0, "hkomkode", "147")
            message = said(w)
            assert "ikke gemt" in message and "disken er fuld" in message
            assert cell(w.editor.henv, 0, "hkomkode") == stored
            filler.unlink()
            w.undo_action.trigger()
            assert cell(w.editor.henv, 0, "hkomkode") == first
            w.checker.wait()
            w.close()
        finally:
            store.close()


def test_a_check_that_fails_is_shown_as_failed_not_as_no_errors(window, qtbot, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the check broke")
    monkeypatch.setattr("desktop.ui.quarter_checks.check_quarter", broken)
    window.checker.check(window.quarter, window.ws.ukode, window.ws.settings)
    qtbot.waitUntil(lambda: "Kontrollen kunne ikke gennemføres" in window.totals.text())
    assert "0 fejl" not in window.totals.text()
    assert window.retry_button.isVisible()
    monkeypatch.undo()
    qtbot.mouseClick(window.retry_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "fejl ·" in window.totals.text())
    assert not window.retry_button.isVisible()


# --- one command per user action -------------------------------------------------------------

@contextmanager
def traced(window):
    trace = Trace()
    window.ws.store.conn.set_trace_callback(trace)
    try:
        yield trace
    finally:
        window.ws.store.conn.set_trace_callback(None)


def open_kursist_with_months(window) -> None:
    for row in range(window.proxy.rowCount()):
        window.list.setCurrentIndex(window.proxy.index(row, 0))
        if window.editor.und.model.rowCount():
            return
    raise AssertionError("no kursist with teaching")


def test_afslut_is_one_transaction_and_one_undo_step(window, qtbot, monkeypatch):
    open_kursist_with_months(window)
    mid = window.editor.mod.model.row_id(window.editor.mod.current_row())
    before = by_kursist(window.ws.path)
    monkeypatch.setattr(CloseDialog, "exec", lambda self: True)
    monkeypatch.setattr(CloseDialog, "values", lambda self: {
        "uslutdato": window.quarter.end.isoformat(), "umodtestdato": None,
        "uophoersaarsag": "8"})
    with traced(window) as trace:
        window.editor._close_placement()
    assert trace.transactions == 1
    rows = {r.id: r.record for r in window.editor.sheet.moduler}
    assert rows[mid]["uophoersaarsag"] == "8"
    assert window.undo.count() == 1
    window.undo_action.trigger()
    assert by_kursist(window.ws.path) == before


def test_an_edit_with_its_automatic_fill_is_one_transaction_and_one_undo_step(window, qtbot):
    open_kursist_with_months(window)
    und = window.editor.und
    edit_cell(und, 0, "unfagskema", "")
    cleared = by_kursist(window.ws.path)
    steps = window.undo.count()
    with traced(window) as trace:
        edit_cell(und, 0, "unkatkonf", "7")
    assert trace.transactions == 1
    assert cell(window.editor.und, 0, "unfagskema") not in ("", None)  # filled in
    assert window.undo.count() == steps + 1
    window.undo_action.trigger()
    assert by_kursist(window.ws.path) == cleared


def test_delete_and_restart_are_undone_and_redone_with_the_old_ids(window, qtbot, monkeypatch):
    open_kursist_with_months(window)
    editor = window.editor
    db = window.ws.path
    start = by_kursist(db)
    mid = editor.mod.model.row_id(editor.mod.current_row())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    editor._delete(editor.mod, "modul")
    assert mid not in [r.id for r in editor.sheet.moduler]
    deleted = by_kursist(db)
    window.undo_action.trigger()
    assert by_kursist(db) == start
    assert mid in [r.id for r in editor.sheet.moduler]
    window.redo_action.trigger()
    assert by_kursist(db) == deleted
    window.undo_action.trigger()

    row = [r.id for r in editor.sheet.moduler].index(mid)
    editor.mod.table.selectRow(row)
    monkeypatch.setattr(RestartDialog, "exec", lambda self: True)
    monkeypatch.setattr(RestartDialog, "values", lambda self: (
        window.quarter.start.isoformat(), "7", window.quarter.end.isoformat()))
    with traced(window) as trace:
        editor._restart_placement()
    assert trace.transactions == 1
    restarted = by_kursist(db)
    assert restarted != start
    window.undo_action.trigger()
    assert by_kursist(db) == start
    window.redo_action.trigger()
    assert by_kursist(db) == restarted
