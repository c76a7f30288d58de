"""Import dialog and Fejlrapport, driven like a user would: real files, real database, the
file dialogs answered by monkeypatching their static calls."""

import re
import subprocess
import sys

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402

from desktop.checks.findings import ERROR, WARNING, Finding  # noqa: E402
from desktop.demo import DEMO_UKODE, LAST, build_demo  # noqa: E402
from desktop.domain.fields import FIELD_BY_TAG  # noqa: E402
from desktop.domain.quarter import Quarter  # noqa: E402
from desktop.format.reader import UnreadableFile, read_file  # noqa: E402
from desktop.format.writer import document_bytes  # noqa: E402
from desktop.report import report_html  # noqa: E402
from desktop.sampledata import histories, quarter_files  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.import_dialog import ImportDialog  # noqa: E402
from desktop.ui.report_dialog import ReportDialog  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

UKODE = "123456"
QUARTER = Quarter(2024, 2)
TABLES = ("kursist", "stamdata", "henvisning", "modul", "undervisning", "proeve")


def clean_bytes(n: int = 6) -> bytes:
    """A file with no findings at all (45-minute lessons, as the default settings expect)."""
    ks = quarter_files(histories(n, QUARTER, QUARTER, seed=7), UKODE, QUARTER, QUARTER)
    ks = ks[QUARTER.iperiode]
    for k in ks:
        for m in k.moduler:
            for u in m.undervisning:
                u.values["unlekmin"] = "45"
    return document_bytes(ks)


def x_bytes() -> bytes:
    """The clean file with a mandatory field left out: an X finding."""
    text = clean_bytes().decode("iso-8859-1")
    broken = re.sub(r"\s*<kkoen>.</kkoen>", "", text, count=1)
    assert broken != text
    return broken.encode("iso-8859-1")


def row_counts(store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def ws(tmp_path, monkeypatch):
    # The files here are for 123456, the demo database is 101234's: the dialog asks first
    # (tests/test_edges.py checks the question); here the clerk answers yes.
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    store = Store(tmp_path / "demo.sqlite")
    build_demo(store)
    yield Workspace(store)
    store.close()


def pick(monkeypatch, paths):
    asked = {}

    def fake(parent, caption, folder, filter_):
        asked.update(folder=folder, filter=filter_)
        return [str(p) for p in paths], filter_

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake))
    return asked


def save_as(monkeypatch, path):
    asked = {}

    def fake(parent, caption, suggested, filter_):
        asked.update(suggested=suggested, filter=filter_)
        return str(path), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def import_dialog(ws, qtbot):
    dialog = ImportDialog(ws)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


# --- import -----------------------------------------------------------------------------------

def test_clean_file_shows_its_counts_and_indlaes_stores_it(ws, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "DU_123456_20242.xml"
    path.write_bytes(clean_bytes())
    asked = pick(monkeypatch, [path])
    before = row_counts(ws.store)
    dialog = import_dialog(ws, qtbot)
    assert not dialog.import_button.isEnabled()

    dialog.choose_button.click()
    assert asked["filter"] == "XML-filer (*.xml)"
    assert "DU_123456_20242.xml" in dialog.summary.text()
    assert "6 kursister" in dialog.summary.text() and "0 fejl" in dialog.summary.text()
    assert "kan indlæses" in dialog.explanation.text()
    assert dialog.model.rowCount() == 0
    assert row_counts(ws.store) == before, "picking a file stores nothing"

    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.import_button.click()
    assert "Indlæst: 6 kursister" in dialog.result.text()
    after = row_counts(ws.store)
    assert after["kursist"] == before["kursist"] + 6
    assert all(after[t] >= before[t] for t in TABLES) and after != before
    assert not dialog.import_button.isEnabled(), "a second click would store the same again"
    assert ws.store.setting("import_dir") == str(tmp_path)
    assert dialog.isVisible(), "the counts stay on screen"


def test_x_error_disables_indlaes_and_stores_nothing(ws, qtbot, tmp_path, monkeypatch):
    good, bad = tmp_path / "god.xml", tmp_path / "fejl.xml"
    good.write_bytes(clean_bytes())
    bad.write_bytes(x_bytes())
    pick(monkeypatch, [good, bad])
    before = row_counts(ws.store)
    dialog = import_dialog(ws, qtbot)
    dialog.choose_button.click()

    assert not dialog.import_button.isEnabled()
    assert "Intet bliver indlæst" in dialog.explanation.text()
    assert "1 fejl" in dialog.summary.text()
    rules = {dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())}
    assert "X" in rules
    first_x = next(r for r in range(dialog.model.rowCount())
                   if dialog.model.index(r, 1).data() == "X")
    assert dialog.model.index(first_x, 6).data() == "fejl.xml"
    assert dialog.model.index(first_x, 7).data().isdigit()
    dialog.run_import()  # even called directly, a disabled import does nothing
    assert row_counts(ws.store) == before


def test_import_findings_model_passes_qtmodeltester(ws, qtbot, tmp_path, qtmodeltester):
    bad = tmp_path / "fejl.xml"
    bad.write_bytes(x_bytes())
    dialog = import_dialog(ws, qtbot)
    dialog.load([bad])
    assert dialog.model.rowCount() > 0
    qtmodeltester.check(dialog.model)


def test_unreadable_file_shows_its_danish_message(ws, qtbot, tmp_path, monkeypatch):
    page = tmp_path / "side.xml"
    page.write_bytes(b"<!DOCTYPE html><html><body><p>Log ind<br></body></html>")
    with pytest.raises(UnreadableFile) as info:
        read_file(page)
    pick(monkeypatch, [page])
    dialog = import_dialog(ws, qtbot)
    dialog.choose_button.click()
    assert str(info.value) in dialog.summary.text().replace("&quot;", '"')
    assert "kan ikke læses" in dialog.explanation.text()
    assert not dialog.import_button.isEnabled()
    assert "Traceback" not in dialog.summary.text() + dialog.explanation.text()


def test_cancelling_the_file_dialog_changes_nothing(ws, qtbot, monkeypatch):
    pick(monkeypatch, [])
    dialog = import_dialog(ws, qtbot)
    text = dialog.summary.text()
    dialog.choose_button.click()
    assert dialog.summary.text() == text and not dialog.import_button.isEnabled()
    assert ws.store.setting("import_dir") is None


# --- report -----------------------------------------------------------------------------------

def finding(cpr, severity, rule, message, field=None, record="kursist"):
    return Finding(rule, severity, cpr, record, field, message)


def test_report_groups_by_kursist_errors_first_and_escapes():
    only_warning, with_error = "0101901234", "0202801234"
    html = report_html([
        finding(only_warning, WARNING, "W1", "Bare en advarsel"),
        finding(with_error, WARNING, "W2", "Advarsel først i listen"),
        finding(with_error, ERROR, "A10", "For meget <script>alert(1)</script> & mere",
                field="unfravaer", record="undervisning 1/2/1/3"),
    ], "2026 3. kvartal, udbyder <101234>")

    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; mere" in html
    assert "&lt;101234&gt;" in html
    assert html.index("CPR 020280-1234") < html.index("CPR 010190-1234"), "errors first"
    assert html.index("A10") < html.index("W2"), "errors before warnings within a kursist"
    assert "Fejl" in html and "Advarsel" in html
    assert "2 kursister med fejl eller advarsler · 1 fejl · 2 advarsler" in html
    # The field's Danish label is shown, not its XML tag.
    assert f"<td>{FIELD_BY_TAG['unfravaer'].label}</td>" in html and "unfravaer" not in html


def test_report_without_findings_says_so():
    assert "Ingen fejl eller advarsler" in report_html([], "2026 3. kvartal")


def test_report_module_does_not_import_qt():
    code = ("import sys, desktop.report; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture
def report(ws, qtbot):
    dialog = ReportDialog(ws, LAST)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_report_dialog_shows_the_quarters_findings(report):
    text = report.browser.toPlainText()
    assert "Fejlrapport" in text and DEMO_UKODE in text and str(LAST) in text
    assert "A10" in text and "Fejl" in text


def test_report_dialog_saves_pdf(report, tmp_path, monkeypatch):
    target = tmp_path / "rapport.pdf"
    asked = save_as(monkeypatch, target)
    report.pdf_button.click()
    assert asked["suggested"].endswith(f"Fejlrapport_{DEMO_UKODE}_{LAST.iperiode}.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert "Gemt" in report.result.text()


def test_report_dialog_saves_html_with_suffix_added(report, tmp_path, monkeypatch):
    asked = save_as(monkeypatch, tmp_path / "rapport")
    report.html_button.click()
    assert asked["suggested"].endswith(f"Fejlrapport_{DEMO_UKODE}_{LAST.iperiode}.html")
    saved = (tmp_path / "rapport.html").read_bytes().decode("utf-8")
    assert saved == report.html and 'charset="utf-8"' in saved


def test_report_dialog_unwritable_folder_is_a_danish_message(report, tmp_path, monkeypatch):
    save_as(monkeypatch, tmp_path / "findes-ikke" / "rapport.html")
    report.html_button.click()
    assert "ikke gemt" in report.result.text() and "findes ikke" in report.result.text()
