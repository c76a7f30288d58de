"""The keyboard never traps: keys pressed on the real window (offscreen), what has the focus
and what the database holds afterwards."""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QPushButton,
)

from desktop.sampledata import valid_cpr  # noqa: E402
from tests.helpers import assert_danish, demo_window  # noqa: E402

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "brugervejledning.md"


@pytest.fixture
def window(qtbot, tmp_path):
    with demo_window(qtbot, tmp_path) as w:
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        yield w


def focus():
    return QApplication.focusWidget()


def key(k, mods=Qt.NoModifier):
    assert focus() is not None, "nothing has the keyboard focus"
    QTest.keyClick(focus(), k, mods)
    QApplication.processEvents()
    QApplication.processEvents()


def type_text(text):
    for ch in text:
        assert focus() is not None, "nothing has the keyboard focus"
        QTest.keyClicks(focus(), ch)
        QApplication.processEvents()


def inside(table):
    f = focus()
    return f is table or (f is not None and table.isAncestorOf(f))


def stored(window, sql, *args):
    with sqlite3.connect(window.ws.store.path) as c:
        return c.execute(sql, args).fetchall()


def open_error(window, rule):
    """F8 until the quarter's finding of that rule has the cursor at its field."""
    for _ in range(len(window.quarter_findings.findings())):
        key(Qt.Key_F8)
        if f" · {rule}:" in window.statusBar().currentMessage():
            return
    raise AssertionError(f"F8 never reached {rule}")


def cell(table):
    index = table.currentIndex()
    return index.row(), table.model().fields[index.column()].tag


def test_tab_leaves_every_table_of_the_editor_in_both_directions(window):
    window.select_kursist(window.ws.kursist_id(window.quarter_findings.findings()[0].cpr))
    editor = window.editor
    for name, section in editor.sections.items():
        table = section.table
        model = table.model()
        if not model.rowCount():
            continue
        header = table.horizontalHeader()
        last_col = header.logicalIndex(header.count() - 1)
        first_col = header.logicalIndex(0)
        table.setFocus()
        table.setCurrentIndex(model.index(model.rowCount() - 1, last_col))
        key(Qt.Key_Tab)
        assert not inside(table), f"{name}: Tab after the last cell stays in the table"
        key(Qt.Key_Backtab)
        assert inside(table), f"{name}: Shift+Tab does not come back"
        assert table.currentIndex() == model.index(model.rowCount() - 1, last_col)
        table.setCurrentIndex(model.index(0, first_col))
        key(Qt.Key_Backtab)
        assert not inside(table), f"{name}: Shift+Tab before the first cell stays in the table"
        key(Qt.Key_Tab)
        assert inside(table) and table.currentIndex().column() == first_col
        if header.count() > 2:  # Tab inside walks the cells, Ctrl+Tab always leaves
            key(Qt.Key_Tab)
            assert inside(table) and table.currentIndex().column() == header.logicalIndex(1)
            key(Qt.Key_Tab, Qt.ControlModifier)
            assert not inside(table), f"{name}: Ctrl+Tab stays in the table"


def test_the_list_and_the_findings_are_one_tab_stop_each(window):
    window.list.setFocus()
    kid = window.editor.kid
    key(Qt.Key_Tab)
    assert not inside(window.list) and window.editor.kid == kid
    window.search.setFocus()
    key(Qt.Key_Backtab)  # never into the list, where it would open another kursist
    assert window.editor.kid == kid and not inside(window.list)
    key(Qt.Key_Tab)
    assert focus() is window.search and window.editor.kid == kid


def test_after_an_edit_the_focus_stays_and_moves_where_the_key_says(window):
    open_error(window, "A10")  # Fravær of a month: the months table
    table = window.editor.und.table
    row, tag = cell(table)
    assert inside(table) and tag == "unfravaer"
    type_text("2")
    key(Qt.Key_Return)
    assert focus() is table, "Enter lost the keyboard"
    assert cell(table) == (row + 1, "unfravaer")
    table.setCurrentIndex(table.model().index(0, table.model().column_of("unfagskema")))
    type_text("12")
    key(Qt.Key_Tab)
    assert focus() is table and cell(table) == (0, "unfravaer")
    type_text("3")
    key(Qt.Key_Return)  # after Tabs along a row, Enter goes on below where they began
    assert focus() is table and cell(table) == (1, "unfagskema")
    m = window.editor.sheet.moduler[window.editor.mod.current_row()]
    assert stored(window, "SELECT unfagskema, unfravaer FROM undervisning WHERE id = ?",
                  m.children[0].id) == [("12", "3")]


def current_id(section):
    return section.model.row_id(section.table.currentIndex().row())


def test_typing_into_a_cell_replaces_its_value(window):
    open_error(window, "A3")  # Bopælskommune 999
    table = window.editor.henv.table
    assert cell(table)[1] == "hkomkode"
    referral = current_id(window.editor.henv)
    type_text("751")
    key(Qt.Key_Return)
    assert stored(window, "SELECT hkomkode FROM henvisning WHERE id = ?", referral) == [("751",)]
    open_error(window, "A9")  # Skemalagte lektioner 30
    type_text("24")
    key(Qt.Key_Return)
    assert stored(window, "SELECT count(*) FROM undervisning WHERE unfagskema = '3024'") == [(0,)]
    assert not [f for f in window.quarter_findings.findings() if f.rule in ("A3", "A9")]


def test_type_ahead_in_a_code_cell_takes_the_match_and_refuses_text_that_matches_nothing(window):
    open_error(window, "A3")
    table = window.editor.henv.table
    referral = current_id(window.editor.henv)
    before = stored(window, "SELECT id, hkomkode FROM henvisning ORDER BY id")
    type_text("xyzq")
    key(Qt.Key_Return)
    assert table.state() == QAbstractItemView.EditingState, "the cell closed on a refused text"
    message = window.editor.henv.messages.text()
    assert "xyzq" in message
    assert_danish(re.sub("<[^>]+>", "", message))
    assert stored(window, "SELECT id, hkomkode FROM henvisning ORDER BY id") == before
    key(Qt.Key_Escape)
    type_text("kø")
    key(Qt.Key_Tab)  # takes København (101) and moves on
    assert stored(window, "SELECT hkomkode FROM henvisning WHERE id = ?", referral) == [("101",)]


def new_kursist(window, qtbot, steps):
    """Ctrl+N; the steps run inside the modal dialog once it has the keyboard."""
    def run():
        try:
            qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog)
                            and QApplication.activeModalWidget().isAncestorOf(focus()))
            steps(QApplication.activeModalWidget())
        finally:
            if QApplication.activeModalWidget() is not None:
                QApplication.activeModalWidget().reject()
    window._pending = run
    QTimer.singleShot(0, run)
    key(Qt.Key_N, Qt.ControlModifier)


def test_new_kursist_takes_the_nation_typed_with_enter_enter(window, qtbot):
    cpr = valid_cpr(random.Random(4), dt.date(1990, 2, 3))
    new_kursist(window, qtbot, lambda d: (type_text(cpr), key(Qt.Key_Tab), type_text("K"),
                                          key(Qt.Key_Tab), type_text("syr"),
                                          key(Qt.Key_Return), key(Qt.Key_Return)))
    assert stored(window, "SELECT knationskode FROM stamdata JOIN kursist ON id = kursist_id "
                          "WHERE kcprnr = ?", cpr) == [("SYR",)]
    # and the window goes straight on to the new kursist's referral, its first cell open
    assert window.editor.henv.table.state() == QAbstractItemView.EditingState
    assert inside(window.editor.henv.table)


def test_new_kursist_refuses_a_nation_that_matches_nothing(window, qtbot):
    cpr = valid_cpr(random.Random(5), dt.date(1990, 2, 3))
    seen = {}

    def steps(dialog):
        type_text(cpr)
        key(Qt.Key_Tab)
        key(Qt.Key_Tab)
        type_text("qqq")
        key(Qt.Key_Return)
        key(Qt.Key_Return)
        seen["open"] = dialog.isVisible()
        seen["message"] = dialog.nation_message.text() if dialog.nation_message.isVisible() else ""
        seen["focus"] = focus() is dialog.nation

    new_kursist(window, qtbot, steps)
    assert seen["open"] and seen["focus"]
    assert "qqq" in seen["message"]
    assert_danish(seen["message"])
    assert stored(window, "SELECT count(*) FROM kursist WHERE kcprnr = ?", cpr) == [(0,)]


def test_the_cpr_message_of_new_kursist_is_not_clipped(window, qtbot):
    seen = {}

    def steps(dialog):
        type_text("1204851234")  # fails modulus 11: the longest message
        label = dialog.cpr_message
        seen["fits"] = label.heightForWidth(label.width()) <= label.height()
        seen["text"] = label.text()

    new_kursist(window, qtbot, steps)
    assert "modulus 11" in seen["text"] and seen["fits"]


def in_search_field(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: focus() is not None and focus().window() is window)
    window.search.setFocus()
    assert focus() is window.search


def test_application_shortcuts_work_with_the_focus_in_the_search_field(window, qtbot, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    for k, attribute in ((Qt.Key_E, "_export_dialog"), (Qt.Key_I, "_import_dialog"),
                         (Qt.Key_R, "_report_dialog")):
        in_search_field(window, qtbot)
        key(k, Qt.ControlModifier)
        qtbot.waitUntil(lambda: getattr(window, attribute, None) is not None)
        getattr(window, attribute).close()
    in_search_field(window, qtbot)
    opened = []
    new_kursist(window, qtbot, lambda d: opened.append(d))
    assert opened
    in_search_field(window, qtbot)
    key(Qt.Key_F8)
    assert window.statusBar().currentMessage().startswith("1/")
    assert inside(window.editor)


def test_f6_moves_between_the_list_the_editor_and_the_findings(window):
    window.list.setFocus()
    key(Qt.Key_F6)
    assert inside(window.editor)
    key(Qt.Key_F6)
    assert inside(window.findings_tabs)
    key(Qt.Key_F6)
    assert inside(window.list)
    key(Qt.Key_F6, Qt.ShiftModifier)
    assert inside(window.findings_tabs)


def test_enter_in_the_findings_panel_opens_the_field(window):
    window.findings_tabs.setCurrentIndex(1)
    view = window.findings_tabs.currentWidget()
    view.setFocus()
    errors = [f for f in window.quarter_findings.findings() if f.is_error]
    key(Qt.Key_Down)
    key(Qt.Key_Return)
    f = errors[1]
    assert window.editor.sheet.cpr == f.cpr
    table = focus()
    assert table.model().fields[table.currentIndex().column()].tag == f.field


def test_f8_and_shift_f8_step_through_the_quarters_findings(window):
    findings = window.quarter_findings.findings()
    key(Qt.Key_F8)
    key(Qt.Key_F8)
    assert window.editor.sheet.cpr == findings[1].cpr
    key(Qt.Key_F8, Qt.ShiftModifier)
    assert window.editor.sheet.cpr == findings[0].cpr
    assert findings[0].message in window.statusBar().currentMessage()


def test_a_new_row_is_in_view_with_its_first_cell_open(window, qtbot):
    window.list.setFocus()
    key(Qt.Key_E, Qt.ControlModifier | Qt.ShiftModifier)  # Ny prøve
    table = window.editor.pro.table
    assert table.state() == QAbstractItemView.EditingState
    index = table.currentIndex()
    assert index.row() == table.model().rowCount() - 1
    editor = window.editor
    centre = table.viewport().mapTo(editor.viewport(), table.visualRect(index).center())
    assert editor.viewport().rect().contains(centre)


def test_the_months_table_shows_the_monthly_columns_first(window):
    table = window.editor.und.table
    header, model = table.horizontalHeader(), table.model()
    shown = [model.fields[header.logicalIndex(v)].tag for v in range(5)]
    assert shown == ["unperiode", "unfagskema", "unfravaer", "unfagoevrig", "unlekmin"]
    # and they fit in the window at 1366×768: Måned and Fravær stay in view
    assert header.sectionViewportPosition(model.column_of("unfravaer")) + \
        header.sectionSize(model.column_of("unfravaer")) <= table.viewport().width()


def test_every_button_has_an_access_key_and_no_two_in_the_window_share_one(window):
    letters = {}
    for button in window.findChildren(QPushButton):
        text = button.text()
        assert re.search(r"&\w", text), f"no access key: {text!r}"
        letter = re.search(r"&(\w)", text)[1].lower()
        assert letter not in letters, f"{text!r} and {letters[letter]!r} share Alt+{letter}"
        letters[letter] = text
    for menu in window.menuBar().actions():
        letter = re.search(r"&(\w)", menu.text())[1].lower()
        assert letter not in letters, f"the menu {menu.text()!r} and {letters[letter]!r}"


def test_the_guide_lists_every_shortcut_of_the_kursist_menu(window):
    guide = GUIDE.read_text(encoding="utf-8")
    chapter = guide[guide.index("## Tastaturgenveje"):]
    for action in window.kursist_menu.actions():
        if action.isSeparator() or action.shortcut().isEmpty():
            continue
        keys = action.shortcut().toString(QKeySequence.NativeText)
        assert keys in chapter, f"{keys} ({action.text()}) is not in the guide's keyboard chapter"


def test_the_guide_lists_every_shortcut_of_the_hold_menu(window):
    guide = GUIDE.read_text(encoding="utf-8")
    chapter = guide[guide.index("## Tastaturgenveje"):]
    menu, = [a.menu() for a in window.menuBar().actions() if a.text() == "H&old"]
    shortcuts = [a for a in menu.actions() if not a.shortcut().isEmpty()]
    assert window.hold_actions.finished_action in shortcuts
    for action in shortcuts:
        keys = action.shortcut().toString(QKeySequence.NativeText)
        assert keys in chapter, f"{keys} ({action.text()}) is not in the guide's keyboard chapter"


def dialogs(window):
    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.help_window import HelpWindow
    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.new_kursist import NewKursistDialog
    from desktop.ui.placement_dialogs import CloseDialog, RestartDialog
    from desktop.ui.report_dialog import ReportDialog
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.ui.start_dialog import StartDialog
    from desktop.store.holds import Finished
    from desktop.ui.finished_dialog import FinishedDialog
    from desktop.ui.hold_dialogs import EndHoldDialog
    ws, q = window.ws, window.quarter
    finished = [Finished(1, 1, "0101901378", "2", "3", "2026-01-05", None, (2026, 2))]
    return [FinishedDialog(finished, False, window), EndHoldDialog(ws.holds()[0], q.start, window),
            ExportDialog(ws, q, window.editor.sheet.cpr, window), ImportDialog(ws, window),
            ReportDialog(ws, q, window), SettingsDialog(ws, window), CloseDialog(window),
            RestartDialog(window), NewKursistDialog(window), HelpWindow(window),
            StartDialog(ws.path, "", window)]


def test_every_button_of_every_dialog_has_its_own_access_key(window):
    from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QRadioButton

    def standard(button) -> bool:  # OK / Annuller / Luk: Enter and Esc, as in every dialog
        box = button.parent()
        return isinstance(box, QDialogButtonBox) and \
            box.standardButton(button) != QDialogButtonBox.NoButton

    for dialog in dialogs(window):
        letters = {}
        buttons = [b for kind in (QPushButton, QRadioButton, QCheckBox)
                   for b in dialog.findChildren(kind)]
        for button in buttons:
            text = button.text()
            if not text.strip() or standard(button):
                continue
            found = re.search(r"&(\w)", text)
            assert found, f"{type(dialog).__name__}: no access key on {text!r}"
            letter = found[1].lower()
            assert letter not in letters, \
                f"{type(dialog).__name__}: {text!r} and {letters[letter]!r} share Alt+{letter}"
            letters[letter] = text
        dialog.close()


def test_ctrl_tab_commits_the_cell_being_edited_and_leaves_the_table(window):
    open_error(window, "A3")
    table = window.editor.henv.table
    referral = current_id(window.editor.henv)
    type_text("kø")
    assert table.state() == QAbstractItemView.EditingState
    key(Qt.Key_Tab, Qt.ControlModifier)
    assert not inside(table) and table.state() != QAbstractItemView.EditingState
    assert stored(window, "SELECT hkomkode FROM henvisning WHERE id = ?", referral) == [("101",)]


def test_a_new_quarter_keeps_the_keyboard_when_the_table_with_the_cursor_empties(window):
    open_error(window, "A10")  # the cursor in a month's Fravær
    type_text("4")
    key(Qt.Key_Return)
    key(Qt.Key_PageDown, Qt.ControlModifier)  # the next quarter: no months for this placement
    assert window.quarter.iperiode == "20264"
    assert focus() is window.list, "the keys pressed next would go nowhere"
    row = window.list.currentIndex().row()
    key(Qt.Key_Down)
    assert window.list.currentIndex().row() == row + 1


def test_a_new_kursist_s_row_counts_its_referral_s_errors_after_the_quarter_check(window, qtbot):
    """The quarter's check started with the new kursist (no referral yet) ends after the
    referral is added: its result must not put the row back at 0 errors."""
    cpr = valid_cpr(random.Random(4), dt.date(1990, 2, 3))
    new_kursist(window, qtbot, lambda d: (type_text(cpr), key(Qt.Key_Tab), type_text("K"),
                                          key(Qt.Key_Tab), type_text("syr"),
                                          key(Qt.Key_Return), key(Qt.Key_Return)))
    window.checker.wait()
    qtbot.wait(100)  # its result delivered
    kid = window.editor.kid
    errors = sum(f.is_error for f in window.editor.findings)
    assert errors == 2  # the referral's category and municipality are empty
    row = window.kursister.row_of(kid)
    assert window.kursister.index(row, 4).data() == errors
    shown = [f for f in window.quarter_findings.findings() if f.cpr == cpr]
    assert sorted(f.field for f in shown) == ["hhenviskat", "hkomkode"]


def access_letter(text: str) -> str | None:
    found = re.search(r"(?<!&)&(\w)", text)  # '&&' is a shown ampersand, not a letter
    return found[1].lower() if found else None


def menu_letters_checked(actions, where: str) -> int:
    """Every item of a menu level has its own access letter; the number of items checked."""
    letters: dict[str, str] = {}
    for action in actions:
        if action.isSeparator():
            continue
        letter = access_letter(action.text())
        assert letter, f"no access letter: {action.text()!r} in {where}"
        assert letter not in letters, \
            f"{action.text()!r} and {letters[letter]!r} share Alt+{letter} in {where}"
        letters[letter] = action.text()
    menus = [a.menu() for a in actions if a.menu() is not None]
    return len(letters) + sum(menu_letters_checked(m.actions(), m.title()) for m in menus)


def hold_window(window, qtbot):
    window.hold_actions.open_holds()
    holds = window.hold_actions.hold_window
    holds.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holds, timeout=2000)
    return holds


def test_every_menu_and_menu_item_has_an_access_letter_of_its_own(window, qtbot):
    assert menu_letters_checked(window.menuBar().actions(), "the menu bar") >= 36  # 6 + 30
    holds = hold_window(window, qtbot)
    bar = holds.layout().menuBar()
    assert menu_letters_checked(bar.actions(), "the hold window's menu bar") >= 13  # 2 + 11
    # the hold window's menus do not take a letter from its buttons
    buttons = {access_letter(b.text()) for b in holds.findChildren(QPushButton)}
    assert not buttons & {access_letter(a.text()) for a in bar.actions()}


def alt_opens_each_menu(bar, target, qtbot) -> int:
    titles = [a for a in bar.actions() if a.menu() is not None]
    for title in titles:
        letter = access_letter(title.text())
        QTest.keyClick(target, QKeySequence(letter.upper())[0].key(), Qt.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is title.menu(), timeout=2000)
        title.menu().close()
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=2000)
    return len(titles)


def test_alt_and_a_menu_s_letter_opens_that_menu(window, qtbot):
    assert alt_opens_each_menu(window.menuBar(), window, qtbot) == 6
    # and in the open menu the item's own letter chooses it: Alt+V, S masks the CPR numbers
    masked = window.mask_action.isChecked()
    QTest.keyClick(window, Qt.Key_V, Qt.AltModifier)
    view = QApplication.activePopupWidget()
    assert view is not None and window.mask_action in view.actions()
    QTest.keyClick(view, Qt.Key_S)
    qtbot.waitUntil(lambda: window.mask_action.isChecked() != masked, timeout=2000)
    assert QApplication.activePopupWidget() is None


def test_alt_opens_the_hold_window_s_menus_and_a_disabled_button_s_item_is_too(window, qtbot):
    holds = hold_window(window, qtbot)
    assert alt_opens_each_menu(holds.layout().menuBar(), holds, qtbot) == 2
    for row in range(holds.holds.count()):
        holds.holds.setCurrentRow(row)
        for button, action in holds.button_actions.items():
            assert action.isEnabled() == button.isEnabled(), action.text()
    assert not holds.button_actions[holds.shift_button].isEnabled()  # placements on no hold
    holds.close()
