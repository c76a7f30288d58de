"""The hold window on the demo, as the clerk uses it: the grid's cells, findings painted at
them, paste and copy as a spreadsheet does, Delete, Tab leaving the grid, the carry-forward
notice and the list's filter for continuing kursister."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from desktop.domain.holds import PASSED, RESTART, STAY
from desktop.domain.quarter import Quarter
from desktop.ui.hold_dialogs import ModuleShiftDialog
from desktop.ui.kursist_model import SCOPE_CONTINUING
from helpers import demo_window

Q3, Q4 = Quarter(2026, 3), Quarter(2026, 4)


def whole(c) -> dict:
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name != 'sqlite_sequence' ORDER BY name")]
    return {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


@pytest.fixture
def window(qtbot, tmp_path):
    with demo_window(qtbot, tmp_path) as w:
        yield w
        if w.hold_actions.hold_window is not None:
            w.hold_actions.hold_window.close()


@pytest.fixture
def holds(window):
    window.hold_actions.open_holds()
    return window.hold_actions.hold_window


def fravaer(grid, row, month):
    column = grid.model.layout.column_of("unfravaer", month)
    return grid.model.data(grid.model.index(row, column), Qt.DisplayRole)


def test_the_grid_shows_the_hold_its_members_and_their_absence(holds):
    assert holds.holds.count() == 4  # three holds and the placements on no hold
    assert holds.quarter == Q3
    assert holds.model.rowCount() == 8
    header = [holds.model.headerData(i, Qt.Horizontal) for i in range(holds.model.columnCount())]
    assert header[:5] == ["CPR-nummer", "Placering", "Fravær\njul.", "Fravær\naug.",
                          "Fravær\nsep."]
    assert header[-2:] == ["Fravær\ni alt", "Skemalagte\ni alt"]
    assert "8 placeringer" in holds.summary.text()
    assert holds.plan_model.rowCount() == 6  # the quarter's months and the next quarter's
    # Danish as the rest of the window: "à" minutes, the day as dd-mm-åååå
    assert "lektioner à 45 min. · startet 06-04-2026" in holds.heading.text()


def test_a_finding_is_painted_at_its_cell(holds, qtbot):
    grid = holds.grid
    grid.setCurrentIndex(holds.model.index(0, holds.model.layout.column_of("unfravaer", 8)))
    QGuiApplication.clipboard().setText("99")  # more absence than lessons: A10
    QTest.keyClick(grid, Qt.Key_V, Qt.ControlModifier)
    index = holds.model.index(0, holds.model.layout.column_of("unfravaer", 8))
    assert holds.model.data(index, Qt.DisplayRole) == "99"
    assert holds.model.data(index, Qt.BackgroundRole) is not None
    assert "A10" in holds.model.data(index, Qt.ToolTipRole)


def test_a_paste_with_a_value_that_does_not_fit_stores_nothing_and_says_where(window, holds):
    before = whole(window.ws.store.conn)
    grid = holds.grid
    grid.setCurrentIndex(holds.model.index(0, 2))
    QGuiApplication.clipboard().setText("1\t2\t3\r\n4\tfem\t6\r\n")
    QTest.keyClick(grid, Qt.Key_V, Qt.ControlModifier)
    assert whole(window.ws.store.conn) == before
    assert holds.message.isVisible()
    assert "Række 2 (Fravær aug.)" in holds.message.text() and "'fem'" in holds.message.text()
    assert "Intet er gemt" in holds.message.text()
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 3)


def test_a_block_larger_than_the_grid_is_refused(window, holds):
    before = whole(window.ws.store.conn)
    holds.grid.setCurrentIndex(holds.model.index(5, 2))
    QGuiApplication.clipboard().setText("1\n2\n3\n4\n")
    QTest.keyClick(holds.grid, Qt.Key_V, Qt.ControlModifier)
    assert whole(window.ws.store.conn) == before
    assert "4 rækker" in holds.message.text()


def test_paste_then_undo_is_one_step_and_copy_gives_the_block_back(window, holds):
    grid = holds.grid
    before = whole(window.ws.store.conn)
    grid.setCurrentIndex(holds.model.index(0, 2))
    block = "1\t2\t3\r\n4\t5\t6\r\n"
    QGuiApplication.clipboard().setText(block)
    QTest.keyClick(grid, Qt.Key_V, Qt.ControlModifier)
    assert [fravaer(holds, r, m) for r in (0, 1) for m in (7, 8, 9)] == list("123456")
    # copy out the same cells
    grid.selectionModel().clear()
    QGuiApplication.clipboard().clear()
    grid.setCurrentIndex(holds.model.index(0, 2))
    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    grid.selectionModel().select(QItemSelection(holds.model.index(0, 2), holds.model.index(1, 4)),
                                 QItemSelectionModel.ClearAndSelect)
    QTest.keyClick(grid, Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == block
    QTest.keyClick(grid, Qt.Key_Z, Qt.ControlModifier)
    assert whole(window.ws.store.conn) == before


def test_delete_clears_the_selected_cells_in_one_step(window, holds):
    grid = holds.grid
    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    grid.setCurrentIndex(holds.model.index(0, 2))
    grid.selectionModel().select(QItemSelection(holds.model.index(0, 2), holds.model.index(2, 2)),
                                 QItemSelectionModel.ClearAndSelect)
    before = whole(window.ws.store.conn)
    QTest.keyClick(grid, Qt.Key_Delete)
    assert [fravaer(holds, r, 7) for r in range(3)] == ["", "", ""]
    assert "X" in holds.model.data(holds.model.index(0, 2), Qt.ToolTipRole)  # must be filled
    QTest.keyClick(grid, Qt.Key_Z, Qt.ControlModifier)
    assert whole(window.ws.store.conn) == before


def test_typing_replaces_the_cell_and_enter_moves_down(window, holds, qtbot):
    grid = holds.grid
    grid.setFocus()
    grid.setCurrentIndex(holds.model.index(0, 2))
    old = fravaer(holds, 0, 7)
    QTest.keyClick(grid, "7")
    from PySide6.QtWidgets import QApplication
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: fravaer(holds, 0, 7) == "7")
    assert old != "7"
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 2)
    assert QApplication.focusWidget() is grid


def test_tab_moves_right_and_leaves_the_grid_after_its_last_cell(holds):
    from PySide6.QtWidgets import QApplication
    grid = holds.grid
    grid.setFocus()
    last = holds.model.rowCount() - 1
    cols = [i for i, c in enumerate(holds.model.layout.columns) if c.editable]
    grid.setCurrentIndex(holds.model.index(last, cols[-2]))
    QTest.keyClick(grid, Qt.Key_Tab)
    assert grid.currentIndex().column() == cols[-1] and QApplication.focusWidget() is grid
    QTest.keyClick(grid, Qt.Key_Tab)
    assert QApplication.focusWidget() is not grid
    grid.setFocus()
    grid.setCurrentIndex(holds.model.index(0, cols[0]))
    QTest.keyClick(grid, Qt.Key_Backtab)
    assert QApplication.focusWidget() is not grid


def test_the_next_quarter_offers_the_carry_forward_and_the_list_shows_who_continues(window):
    window.quarter_box.setCurrentIndex(window.quarter_box.findData(Q4.iperiode))
    QTest.qWait(10)
    notice = window.hold_actions.notice.text()
    assert window.hold_actions.bar.isVisible()
    assert "placeringer fortsætter fra 3. kvartal 2026" in notice
    n = int(notice.split("<b>")[1].split(" ")[0])
    # "I kvartalet" counts the continuing kursister before any teaching is made
    assert window.kursister.moving() >= 24 and window.proxy.rowCount() > 0
    window.scope.setCurrentIndex(SCOPE_CONTINUING)
    continuing = window.proxy.rowCount()
    assert 24 <= continuing <= n
    window.hold_actions.carry_forward()
    QTest.qWait(10)
    assert not window.hold_actions.bar.isVisible()
    made = window.ws.store.conn.execute(
        "SELECT COUNT(DISTINCT modul_id) FROM undervisning WHERE iperiode = ?",
        (Q4.iperiode,)).fetchone()[0]
    assert made == n
    assert window.proxy.rowCount() == continuing  # still who continues


def test_the_editor_shows_the_hold_of_a_placement(window):
    cpr, = window.ws.store.conn.execute(
        "SELECT k.kcprnr FROM hold_medlem hm JOIN modul m ON m.id = hm.modul_id JOIN kursist k "
        "ON k.id = m.kursist_id ORDER BY hm.id LIMIT 1").fetchone()
    window.select_kursist(window.ws.kursist_id(cpr))
    assert "Mandag-onsdag formiddag" in window.editor.hold_label.text()


def test_the_module_shift_is_shown_before_it_runs(window, qtbot):
    ws = window.ws
    h = next(h for h in ws.holds() if h.navn == "Tirsdag-torsdag aften")
    members = ws.hold_members(h.id, Q3.end)
    dialog = ModuleShiftDialog(h, members, Q3.end, False, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 8
    assert "8 afslutter placeringen med modultesten og starter på modul 4" in dialog.summary.text()
    dialog.choices[0].setCurrentIndex(dialog.choices[0].findData(STAY))
    dialog.choices[1].setCurrentIndex(dialog.choices[1].findData(RESTART))
    assert dialog.summary.text().startswith("6 afslutter")
    assert "1 bliver" in dialog.summary.text() and "1 genstarter" in dialog.summary.text()
    day, outcomes = dialog.values()
    assert day == Q3.end.isoformat()
    assert sorted(outcomes.values()) == sorted([STAY, RESTART] + [PASSED] * 6)


def test_tab_tab_enter_goes_on_at_the_next_row_where_the_tabs_began(window, holds, qtbot):
    from PySide6.QtWidgets import QApplication
    grid = holds.grid
    grid.setFocus()
    grid.setCurrentIndex(holds.model.index(0, 2))
    for key in ("1", Qt.Key_Tab, "2", Qt.Key_Tab, "3", Qt.Key_Return, "4"):
        QTest.keyClick(QApplication.focusWidget(), key)
        QApplication.processEvents()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: fravaer(holds, 1, 7) == "4")
    assert [fravaer(holds, 0, m) for m in (7, 8, 9)] == ["1", "2", "3"]
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (2, 2)


def focus():
    return QApplication.focusWidget()


def key(k, mods=Qt.NoModifier):
    assert focus() is not None, "nothing has the keyboard focus"
    QTest.keyClick(focus(), k, mods)
    QApplication.processEvents()


def in_dialog(window, qtbot, steps, opening_key):
    """The key that opens a modal dialog, and the keys pressed in it (its event loop runs
    inside that key press, or inside the click of a button's Alt+letter, which Qt animates
    for a moment); a failure inside closes the dialog instead of leaving it open."""
    done = []

    def run():
        dialog = QApplication.activeModalWidget()
        if not (isinstance(dialog, QDialog) and dialog.isAncestorOf(focus())):
            QTimer.singleShot(20, run)  # looked for again from the dialog's own event loop
            return
        try:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)  # a mnemonic is a shortcut of the active window
            steps(dialog)
            qtbot.waitUntil(lambda: not dialog.isVisible())
        finally:
            if QApplication.activeModalWidget() is not None:
                QApplication.activeModalWidget().reject()
            done.append(True)
    window._pending = run
    QTimer.singleShot(0, run)
    key(*opening_key)
    qtbot.waitUntil(lambda: bool(done))


def stopped_coming(ws, n=2) -> list[tuple[int, int]]:
    """n demo kursister with a placement taught in 2026Q1 only, still open: in 2026Q3 they
    have had a whole quarter without teaching."""
    kids = [r[0] for r in ws.store.conn.execute("SELECT id FROM kursist ORDER BY id LIMIT ?",
                                                (n,))]
    out = []
    for i, kid in enumerate(kids):
        mid = ws.add_record("modul", kid, Quarter(2026, 1), {
            "uuddnr": "1", "umodul": "6", "uforsoegnr": "1", "ustartdato": "2026-01-05"})
        ws.add_records("undervisning", mid, Quarter(2026, 1), [
            {"unperiode": str(m), "unfagskema": "12", "unfravaer": "0", "unfagoevrig": "0",
             "unlekmin": "45"} for m in range(1, 2 + i)])
        out.append((kid, mid))
    return out


def test_placements_that_look_finished_are_ended_from_the_notice_with_keys(window, qtbot):
    ws = window.ws
    (_, first), (_, second) = stopped_coming(ws)
    window.hold_actions.refresh()
    assert window.hold_actions.finished == 2
    assert "2 åbne placeringer ser afsluttede ud" in window.hold_actions.notice.text()
    assert window.hold_actions.bar.isVisible() and window.hold_actions.finished_button.isVisible()
    before = whole(ws.store.conn)
    shown = []

    def steps(dialog):
        shown.append([dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())])
        key(Qt.Key_Down)
        key(Qt.Key_Space)  # the second is left open
        key(Qt.Key_Return)  # OK: the ticked one ends at the end of January, reason 8

    window.activateWindow()
    window.list.setFocus()
    qtbot.waitUntil(lambda: focus() is window.list)
    in_dialog(window, qtbot, steps, (Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier))
    assert sorted(shown[0]) == ["februar 2026", "januar 2026"]
    ended = dict(ws.store.conn.execute(
        "SELECT id, uslutdato || ' ' || uophoersaarsag FROM modul WHERE id IN (?, ?)",
        (first, second)).fetchall())
    order = [f for f in (first, second) if ended[f]]
    assert len(order) == 1 and ended[order[0]] in ("2026-01-31 8", "2026-02-28 8")
    assert window.hold_actions.finished == 1
    key(Qt.Key_Z, Qt.ControlModifier)  # one undo step, the whole database as before
    assert whole(ws.store.conn) == before


def test_one_placement_that_looks_finished_is_opened_in_the_student_instead(window, qtbot):
    (kid, mid), = stopped_coming(window.ws, 1)
    window.hold_actions.refresh()
    before = whole(window.ws.store.conn)
    window.activateWindow()
    window.list.setFocus()
    qtbot.waitUntil(lambda: focus() is window.list)
    in_dialog(window, qtbot, lambda d: key(Qt.Key_K, Qt.AltModifier),  # Åbn &kursisten
              (Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier))
    assert window.editor.kid == kid
    table = window.editor.mod.table
    assert focus() is table
    assert window.editor.sheet.moduler[table.currentIndex().row()].id == mid
    assert whole(window.ws.store.conn) == before


def test_a_hold_with_members_is_not_ended_and_an_empty_one_is_and_is_not_offered(window, holds,
                                                                                qtbot):
    from desktop import commands
    holds.activateWindow()
    holds.holds.setFocus()
    qtbot.waitUntil(lambda: focus() is holds.holds)
    holds.holds.setCurrentRow(0)
    before = whole(window.ws.store.conn)
    in_dialog(window, qtbot, lambda d: key(Qt.Key_Return), (Qt.Key_A, Qt.AltModifier))
    assert whole(window.ws.store.conn) == before
    assert "kursister er stadig på holdet" in holds.message.text()
    assert "Udmeld dem eller flyt dem" in holds.message.text()
    window.runner.run(commands.CreateHold(window.ws.ukode, "Sommerholdet", "2", "1", "45",
                                          "2026-04-01"))
    empty = next(x for x in window.ws.holds() if x.navn == "Sommerholdet")
    holds.show_quarter(Q3, empty.id)
    qtbot.waitUntil(lambda: focus() is holds.holds)  # back in the list after the dialog

    def end_on(dialog):
        dialog.day.set_iso("2026-06-30")
        key(Qt.Key_Return)

    in_dialog(window, qtbot, end_on, (Qt.Key_A, Qt.AltModifier))
    assert window.ws.hold(empty.id).slutdato == "2026-06-30"
    assert not holds.end_button.isEnabled()
    assert "Sommerholdet" in holds.holds.currentItem().text()
    offered = []

    def look(dialog):
        offered.extend(dialog.hold.itemText(i) for i in range(dialog.hold.count()))
        key(Qt.Key_Escape)

    qtbot.waitUntil(lambda: focus() is holds.holds)
    in_dialog(window, qtbot, look, (Qt.Key_K, Qt.AltModifier))  # Meld &kursist på, from 1.7.
    assert offered and not [t for t in offered if "Sommerholdet" in t]


def test_tab_leaves_the_plan_after_its_last_cell_and_shift_tab_before_its_first(window, holds, qtbot):
    """The plan was a plain table, whose Tab went round its cells for ever."""
    holds.activateWindow()
    plan, model = holds.plan_view, holds.plan_model
    last_row, last_column = model.rowCount() - 1, model.columnCount() - 1
    plan.setFocus()
    plan.setCurrentIndex(model.index(last_row, last_column))
    QTest.keyClick(plan, Qt.Key_Tab)
    assert QGuiApplication.focusObject() is not plan
    plan.setFocus()
    plan.setCurrentIndex(model.index(0, 0))
    QTest.keyClick(plan, Qt.Key_Backtab)
    assert QGuiApplication.focusObject() is not plan
    plan.setFocus()
    QTest.keyClick(plan, Qt.Key_Tab)  # inside, Tab still walks the cells
    assert QGuiApplication.focusObject() is plan and plan.currentIndex() == model.index(0, 1)


def test_the_whole_plan_is_in_view_at_1366_by_768(holds, qtbot):
    qtbot.waitExposed(holds)
    assert holds.width() <= 1366 and holds.height() <= 768
    view, model = holds.plan_view, holds.plan_model
    QApplication.processEvents()
    header, months = view.horizontalHeader(), view.verticalHeader()
    last = model.columnCount() - 1
    assert model.headerData(last, Qt.Horizontal) == "Øvrige\nlektioner"
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= view.viewport().width()
    assert model.rowCount() == 6
    assert months.sectionViewportPosition(5) + months.sectionSize(5) <= view.viewport().height()
