"""The UI speaks Danish through Qt Linguist: English source texts in desktop/ui, the Danish in
resources/translations/du_indberetning_da.ts (compiled to .qm), and Qt's own qtbase_da."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QCoreApplication, Qt, QTranslator  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

from desktop.demo import build_demo  # noqa: E402
from desktop.resources import resource  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.app import install_danish  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings_dialog import SettingsDialog  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TS = resource("translations", "du_indberetning_da.ts")
QM = resource("translations", "du_indberetning_da.qm")


def qt_tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name"), message.findtext("source"), message.find("translation"))
            for context in root.iter("context") for message in context.iter("message")]


def test_every_source_text_has_a_finished_danish_translation():
    found = messages(TS)
    assert len(found) > 100
    unfinished = [(c, s) for c, s, t in found
                  if t is None or t.get("type") in ("unfinished", "obsolete", "vanished")
                  or not (t.text or "").strip()]
    assert unfinished == []


def test_the_translations_keep_their_placeholders():
    for context, source, translation in messages(TS):
        wanted = sorted(part.split("}")[0] for part in source.split("{")[1:])
        got = sorted(part.split("}")[0] for part in translation.text.split("{")[1:])
        assert got == wanted, (context, source)


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    lrelease = qt_tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not found")
    out = tmp_path / "da.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), "run tools/update_translations.py"


def test_no_source_text_is_missing_from_the_ts(tmp_path):
    lupdate = qt_tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not found")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    subprocess.run([lupdate, "-silent", *sources, "-ts", str(fresh)], check=True)
    wanted = {(c, s) for c, s, _ in messages(fresh)}
    have = {(c, s) for c, s, _ in messages(TS)}
    assert wanted, "lupdate found no source texts"
    assert wanted - have == set(), "run tools/update_translations.py and translate the new texts"


@pytest.fixture
def demo_window(qtbot, tmp_path):
    """Builds the main window on the demo database when asked: after a translator change."""
    store = Store(tmp_path / "demo.sqlite")
    build_demo(store)
    windows = []

    def build():
        w = MainWindow(Workspace(store))
        windows.append(w)
        qtbot.addWidget(w)
        w.show()
        w.checker.wait()
        qtbot.waitUntil(lambda: w.totals.text().count("·") == 2)  # the quarter is checked
        return w
    yield build
    for w in windows:
        w.checker.wait()
    store.close()


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_with_the_translators_the_window_speaks_danish(qapp, demo_window):
    install_danish(qapp)  # already done for the session; a second call changes nothing
    assert sum(t.objectName() == "du_indberetning"
               for t in qapp.findChildren(QTranslator)) == 1
    w = demo_window()
    assert menu_titles(w) == ["&Filer", "&Rediger", "&Kursist", "&Vis", "H&old", "&Hjælp"]
    assert w.new_action.text() == "&Ny kursist"
    assert w.export_action.text() == "&Eksportér …"
    assert w.undo_action.text() == "&Fortryd"
    assert w.kursister.headerData(0, Qt.Horizontal) == "CPR-nummer"
    assert [w.scope.itemText(i) for i in range(w.scope.count())] == ["I kvartalet", "Med fejl",
                                                                     "Alle", "Fortsætter"]
    assert "71 kursister i" in w.totals.text() and "fejl" in w.totals.text()
    assert w.ukode_label.text() == "Udbyderkode: <b>101234</b>"
    # the translated templates are still filled in, and the module keeps working
    assert w.windowTitle() == "DU-indberetning – demo.sqlite"
    assert w.quarter_box.currentData() == "20263"
    assert w.proxy.rowCount() > 0


def test_qt_s_own_standard_buttons_speak_danish(qtbot, tmp_path):
    store = Store(tmp_path / "s.sqlite")
    try:
        dialog = SettingsDialog(Workspace(store))
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Indstillinger"
        assert dialog.buttons.button(QDialogButtonBox.Cancel).text() == "Annuller"
    finally:
        store.close()


def test_without_our_translator_the_english_source_texts_show(qapp, demo_window):
    ours = qapp.findChild(QTranslator, "du_indberetning", Qt.FindDirectChildrenOnly)
    assert ours is not None and ours.filePath() == str(QM)
    assert QCoreApplication.removeTranslator(ours)
    try:
        w = demo_window()
        assert menu_titles(w) == ["&File", "&Edit", "&Student", "&View", "H&old", "&Help"]
        assert w.new_action.text() == "&New student"
        assert w.export_action.text() == "&Export …"
        assert w.kursister.headerData(0, Qt.Horizontal) == "CPR number"
        assert "71 students in" in w.totals.text() and "errors" in w.totals.text()
        assert w.windowTitle() == "DU-indberetning – demo.sqlite"
        assert w.quarter_box.currentData() == "20263"
    finally:
        QCoreApplication.installTranslator(ours)
    assert QCoreApplication.translate("MainWindow", "&New student") == "&Ny kursist"


def test_qt_s_own_file_dialog_speaks_danish(qapp, qtbot):
    """qtbase_da lacks two of its labels ("Look in:", "Files of type:"); ours has them."""
    from PySide6.QtWidgets import QFileDialog, QLabel
    install_danish(qapp)
    dialog = QFileDialog(None, "Gem indberetningsfil")
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Kig i:"
    assert labels["fileTypeLabel"] == "Filer af &type:"
    assert labels["fileNameLabel"] == "&Filnavn:"
