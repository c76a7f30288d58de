"""The desktop app, driven like a user would: offscreen, real window, real database."""

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from desktop.commands import Changes  # noqa: E402
from desktop.demo import build_demo  # noqa: E402
from desktop.domain.quarter import Quarter  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.findings_model import FindingsModel  # noqa: E402
from desktop.ui.kursist_model import KursistTableModel  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.record_model import RecordTableModel  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402
from tests.helpers import demo_window  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    with demo_window(qtbot, tmp_path) as w:
        yield w


def open_kursist_with(window, qtbot, rule):
    f = next(f for f in window.quarter_findings.findings() if f.rule == rule)
    window._go_to_finding(window.quarter_findings.index(
        window.quarter_findings.findings().index(f), 0))
    qtbot.waitUntil(lambda: window.editor.sheet is not None and window.editor.sheet.cpr == f.cpr)
    return f


def edit_cell(section, row, tag, text):
    model = section.model
    assert model.setData(model.index(row, model.column_of(tag)), text, Qt.EditRole)


def test_title_quarter_and_provider_are_always_visible(window):
    assert window.windowTitle() == "DU-indberetning – demo.sqlite"
    assert window.quarter_box.currentData() == "20263"
    assert "101234" in window.ukode_label.text()
    assert "71 kursister" in window.totals.text()  # 47 of the sample, 24 on holds


def test_cpr_search_filters_the_list_instantly(window, qtbot):
    cpr = window.kursister.data(window.kursister.index(5, 0), Qt.UserRole)
    qtbot.keyClicks(window.search, cpr[:6] + "-" + cpr[6:])
    assert window.proxy.rowCount() == 1
    window.search.clear()
    assert window.proxy.rowCount() == 71


def test_filter_med_fejl_shows_only_kursister_with_errors(window):
    window.scope.setCurrentIndex(1)
    window.checker.wait()
    errors = {f.cpr for f in window.quarter_findings.findings() if f.is_error}
    assert window.proxy.rowCount() == len(errors) > 0


def test_a_bad_value_shows_at_the_field_and_goes_when_fixed(window, qtbot):
    f = open_kursist_with(window, qtbot, "A10")
    section = window.editor.und
    row = next(i for i, r in enumerate(section.model.rows()) if r.record["unfravaer"] == "48")
    index = section.model.index(row, section.model.column_of("unfravaer"))
    assert section.model.data(index, Qt.BackgroundRole) is not None
    assert "A10" in section.messages.text()
    edit_cell(section, row, "unfravaer", "2")
    assert section.model.data(index, Qt.BackgroundRole) is None
    assert "A10" not in section.messages.text() or not section.messages.isVisible()
    assert f.rule not in {x.rule for x in window.editor.findings}


def test_a_typed_date_is_read_danish_style_and_a_broken_one_is_kept_with_an_x(window, qtbot):
    open_kursist_with(window, qtbot, "A3")
    section = window.editor.henv
    edit_cell(section, 0, "hhenvisdato", "15.08.26")
    assert section.model.rows()[0].record["hhenvisdato"] == "2026-08-15"
    edit_cell(section, 0, "hhenvisdato", "31-02-2026")
    assert section.model.rows()[0].record["hhenvisdato"] == "31-02-2026"  # nothing lost
    assert any(x.rule == "X" and x.field == "hhenvisdato" for x in window.editor.findings)


def test_undo_and_redo_an_edit(window, qtbot):
    open_kursist_with(window, qtbot, "A3")
    section = window.editor.henv
    edit_cell(section, 0, "hkomkode", "851")
    assert section.model.rows()[0].record["hkomkode"] == "851"
    assert not any(x.rule == "A3" for x in window.editor.findings)
    window.undo_action.trigger()
    assert section.model.rows()[0].record["hkomkode"] == "999"
    window.redo_action.trigger()
    assert section.model.rows()[0].record["hkomkode"] == "851"


def test_new_placement_gets_the_next_attempt_number(window, qtbot):
    open_kursist_with(window, qtbot, "A10")
    editor = window.editor
    before = len(editor.sheet.moduler)
    existing = editor.sheet.moduler[0].record
    editor._add("modul")
    assert len(editor.sheet.moduler) == before + 1
    new = next(i for i, m in enumerate(editor.sheet.moduler) if not m.record["uuddnr"])
    edit_cell(editor.mod, new, "uuddnr", existing["uuddnr"])
    new = next(i for i, m in enumerate(editor.sheet.moduler) if m.record["umodul"] is None)
    edit_cell(editor.mod, new, "umodul", existing["umodul"])
    attempts = sorted(int(m.record["uforsoegnr"]) for m in editor.sheet.moduler
                      if (m.record["uuddnr"], m.record["umodul"]) ==
                      (existing["uuddnr"], existing["umodul"]))
    assert attempts == list(range(1, len(attempts) + 1)) and len(attempts) >= 2


def test_deleting_asks_first(window, qtbot, monkeypatch):
    open_kursist_with(window, qtbot, "A3")
    section = window.editor.henv
    section.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    window.editor._delete(section, "henvisning")
    assert section.model.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    window.editor._delete(section, "henvisning")
    assert section.model.rowCount() == 0


@pytest.mark.parametrize("make", [
    lambda: KursistTableModel(),
    lambda: FindingsModel(),
    lambda: RecordTableModel("modul"),
])
def test_models_pass_qtmodeltester(qtmodeltester, window, make):
    model = make()
    if isinstance(model, KursistTableModel):
        model.set_rows(window.ws.rows(window.quarter))
    elif isinstance(model, FindingsModel):
        model.set_findings(window.quarter_findings.findings())
    else:
        window.list.setCurrentIndex(window.proxy.index(0, 0))
        model.set_rows(window.editor.sheet.moduler)
    qtmodeltester.check(model, force_py=True)


def test_the_qt_binding_keeps_python_reference_counts_on_signal_emit():
    """PySide6 6.12.0 drops a reference to True on every emit; a long session then crashes."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal()

    e = Emitter()
    before = sys.getrefcount(True)
    for _ in range(1000):
        e.ping.emit()
    assert sys.getrefcount(True) >= before - 5


FIXES = {  # rule -> (editor section, field, value a clerk would type)
    "A10": ("und", "unfravaer", "2"),
    "A9": ("und", "unfagskema", "24"),
    "X": ("und", "unlekmin", "45"),
    "A3": ("henv", "hkomkode", "851"),
    "A5": ("mod", "uophoersaarsag", "8"),
    "A12": ("pro", "pkarakter", "7"),
    "B2": ("stam", "knationskode", "SRB"),
}


def test_end_to_end_demo_fix_every_error_export_and_validate(window, qtbot, tmp_path, monkeypatch):
    import subprocess
    import sys

    from PySide6.QtWidgets import QFileDialog

    for _ in range(20):
        window.checker.wait()
        qtbot.wait(100)  # let the finished check's queued signal arrive
        todo = [f for f in window.quarter_findings.findings() if f.is_error or f.rule == "B2"]
        if not todo:
            break
        f = open_kursist_with(window, qtbot, todo[0].rule)
        section_name, tag, value = FIXES[f.rule]
        window.editor.focus_finding(f)
        section = getattr(window.editor, section_name)
        row = section.table.currentIndex().row()
        edit_cell(section, max(row, 0), tag, value)
    assert not [f for f in window.quarter_findings.findings() if f.is_error]

    out = tmp_path / "DU_101234_20263.xml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.export()
    dialog = window._export_dialog
    assert dialog.export_button.isEnabled()
    dialog.export_button.click()
    assert out.exists() and "Gemt" in dialog.result.text()
    result = subprocess.run([sys.executable, "-m", "desktop", "validate", str(out)],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    dialog.close()


def test_export_dialog_suggests_the_ministry_file_name(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    seen = {}

    def fake(parent, caption, start, filters):
        seen["start"] = start
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    window.list.setCurrentIndex(window.proxy.index(0, 0))
    window.export()
    window._export_dialog.one.setChecked(True)
    window._export_dialog.force.setChecked(True)
    if window._export_dialog.export_button.isEnabled():
        window._export_dialog.export_button.click()
        assert seen["start"].endswith(f"DU_101234_20263_{window.editor.sheet.cpr}.xml")
    window._export_dialog.whole.setChecked(True)
    assert not window._export_dialog.export_button.isEnabled()  # the demo has an X error
    window._export_dialog.close()


def test_import_and_report_are_reachable_from_the_window(window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    window.import_action.trigger()
    assert window._import_dialog.isVisible()
    window._import_dialog.close()
    window.report_action.trigger()
    assert window._report_dialog.isVisible()
    window._report_dialog.close()
    assert window.import_action.shortcut().toString() == "Ctrl+I"


def test_settings_change_the_checks_at_once(window, qtbot):
    window.settings_action.trigger()
    dialog = window._settings_dialog
    assert dialog.isVisible()
    window.ws.set_setting("lesson_minutes", "50")
    dialog.changed.emit(Changes(settings=frozenset({"lesson_minutes"})))
    window.checker.wait()
    qtbot.wait(100)
    assert window.ws.settings.lesson_minutes == 50
    dialog.close()


@pytest.mark.parametrize("rule, section_name, tag, fix_tag, fixed", [
    ("B2", "stam", "knationskode", "knationskode", "SRB"),
    ("A3", "henv", "hkomkode", "hkomkode", "851"),
    ("A5", "mod", "uslutdato", "uophoersaarsag", "8"),
    ("A10", "und", "unfravaer", "unfravaer", "2"),
    ("A12", "pro", "pkarakter", "pkarakter", "7"),
])
def test_each_record_form_shows_a_finding_at_its_field_until_it_is_fixed(
        window, qtbot, rule, section_name, tag, fix_tag, fixed):
    f = open_kursist_with(window, qtbot, rule)
    window.editor.focus_finding(f)
    section = getattr(window.editor, section_name)
    index = section.table.currentIndex()
    assert index.isValid() and section.model.fields[index.column()].tag == tag
    assert section.model.data(index, Qt.DecorationRole) is not None
    assert rule in section.messages.text() and section.messages.isVisible()
    edit_cell(section, index.row(), fix_tag, fixed)
    index = section.model.index(index.row(), section.model.column_of(tag))
    assert section.model.data(index, Qt.DecorationRole) is None
    assert rule not in {x.rule for x in window.editor.findings}


def test_grade_can_only_be_chosen_for_a_completed_test(window, qtbot):
    open_kursist_with(window, qtbot, "A12")
    model = window.editor.pro.model
    col = model.column_of("pkarakter")
    for row, r in enumerate(model.rows()):
        editable = bool(model.flags(model.index(row, col)) & Qt.ItemIsEditable)
        assert editable == (r.record["pstatus"] == "4" or bool(r.record["pkarakter"]))


def test_dates_are_typed_in_the_cell_editor_danish_style(window, qtbot):
    from desktop.ui.date_field import DateLineEdit
    open_kursist_with(window, qtbot, "A3")
    table = window.editor.henv.table
    index = table.model().index(0, table.model().column_of("hhenvisdato"))
    table.setCurrentIndex(index)
    table.setFocus()
    table.edit(index)
    editor = table.findChild(DateLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "1.9.2026")
    qtbot.keyClick(editor, Qt.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: window.editor.henv.model.rows()[0].record["hhenvisdato"] == "2026-09-01")


def test_a_day_picked_in_the_calendar_is_stored(window, qtbot):
    from PySide6.QtCore import QDate

    from desktop.ui.date_field import DateLineEdit
    open_kursist_with(window, qtbot, "A3")
    table = window.editor.henv.table
    index = table.model().index(0, table.model().column_of("hhenvisdato"))
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.findChild(DateLineEdit)
    editor.show_calendar()
    editor.calendar.clicked.emit(QDate(2026, 8, 3))
    assert window.editor.henv.model.rows()[0].record["hhenvisdato"] == "2026-08-03"


def test_the_list_proxy_passes_qtmodeltester(window, qtmodeltester):
    window.proxy.set_search("0")
    qtmodeltester.check(window.proxy, force_py=True)


def test_a_mistyped_year_stays_in_view_with_its_finding(window, qtbot):
    """The record does not jump to another quarter: the clerk sees A3 at the field."""
    open_kursist_with(window, qtbot, "A3")
    section = window.editor.henv
    edit_cell(section, 0, "hkomkode", "851")
    edit_cell(section, 0, "hhenvisdato", "18-07-2027")
    assert section.model.rowCount() == 1
    assert any(f.rule == "A3" and f.field == "hhenvisdato" for f in window.editor.findings)


def test_a_large_list_opens_on_its_first_page_and_then_loads_whole(qtbot, tmp_path, monkeypatch):
    store = Store(tmp_path / "demo.sqlite")
    build_demo(store)
    monkeypatch.setattr(MainWindow, "FIRST_PAGE", 10)
    ws = Workspace(store)
    whole = ws.rows(Quarter.parse(ws.quarters()[0]))
    assert len(whole) > 10
    w = MainWindow(Workspace(store))
    qtbot.addWidget(w)
    shown = [w.kursister.data(w.kursister.index(i, 0), Qt.UserRole)
             for i in range(w.kursister.rowCount())]
    assert shown == [r.cpr for r in whole[:10]]  # the first page, as the whole list begins
    w.show()
    qtbot.waitUntil(lambda: w.kursister.rowCount() == len(whole))
    qtbot.waitUntil(lambda: "fejl" in w.totals.text())  # then the quarter's checks
    assert f"{len(whole)} kursister" in w.totals.text()
    w.checker.wait()
    store.close()


@pytest.mark.parametrize("trigger", ["alle", "after_import"])
def test_the_whole_list_is_read_off_the_gui_thread_and_keeps_the_users_place(
        qtbot, tmp_path, monkeypatch, trigger):
    """'Alle' and the list after an import are read on a worker thread behind their first
    page: the window handles events while the read is held up, then swaps the rows in with
    the same kursist selected and the same search text."""
    import threading

    from PySide6.QtCore import QTimer

    from desktop.store import browse
    from desktop.ui.kursist_model import ID_ROLE, SCOPE_ALL

    store = Store(tmp_path / "demo.sqlite")
    build_demo(store)
    monkeypatch.setattr(MainWindow, "FIRST_PAGE", 3)
    w = MainWindow(Workspace(store))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "fejl" in w.totals.text())
    w.checker.wait()
    # The user's place: a kursist beyond the first page, found by part of its CPR number.
    target = w.kursister.all_rows()[-1]
    w.search.setText(target.cpr[:6])
    w.select_kursist(target.id)
    assert w.editor.kid == target.id

    gate, readers = threading.Event(), []
    real = browse.kursist_rows

    def held_up(*args, **kwargs):
        readers.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(20)
        return real(*args, **kwargs)
    monkeypatch.setattr(browse, "kursist_rows", held_up)

    if trigger == "alle":
        w.scope.setCurrentIndex(SCOPE_ALL)
    else:
        w.apply_changes(Changes(everything=True))  # what an import reports
    assert w.kursister.rowCount() <= 3  # the first page, at once
    qtbot.waitUntil(lambda: bool(readers))  # the window goes on painting and handling timers …
    ticks = []
    QTimer.singleShot(20, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks))  # … while the read is held up on its thread
    assert w.list_loader.pending()
    assert readers and all(t is not threading.main_thread() for t in readers)
    gate.set()
    qtbot.waitUntil(lambda: not w.list_loader.pending())

    everyone = trigger == "alle"
    whole = real(store.conn, w.quarter, w.ws.ukode, everyone)
    assert [r.id for r in w.kursister.all_rows()] == [r.id for r in whole]
    assert w.search.text() == target.cpr[:6]
    assert w.list.currentIndex().data(ID_ROLE) == target.id
    assert w.editor.kid == target.id
    assert all(t is not threading.main_thread() for t in readers)
    w.close()
    store.close()
