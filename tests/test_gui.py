"""The desktop app, driven like a user would: offscreen, real window, real database."""

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from desktop.demo import build_demo  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.findings_model import FindingsModel  # noqa: E402
from desktop.ui.kursist_model import KursistTableModel  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.record_model import RecordTableModel  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    store = Store(tmp_path / "demo.sqlite")
    build_demo(store)
    w = MainWindow(Workspace(store))
    qtbot.addWidget(w)
    w.show()
    w.checker.wait()
    qtbot.waitUntil(lambda: "fejl" in w.totals.text())
    yield w
    w.checker.wait()
    store.close()


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
    assert "47 kursister" in window.totals.text()


def test_cpr_search_filters_the_list_instantly(window, qtbot):
    cpr = window.kursister.data(window.kursister.index(5, 0), Qt.UserRole)
    qtbot.keyClicks(window.search, cpr[:6] + "-" + cpr[6:])
    assert window.proxy.rowCount() == 1
    window.search.clear()
    assert window.proxy.rowCount() == 47


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
