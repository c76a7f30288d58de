"""Privacy: private files, logs without CPR numbers, and CPR masking for screen sharing."""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
from pathlib import Path

import pytest

from desktop import cli, logs
from desktop.domain.cpr import format_cpr, mask_cprs
from desktop.store import Store
from desktop.store import db as dbmodule
from desktop.store.backup import backup_now, restore_from
from tests.helpers import UKODE, demo_window, sample_files, write_files

posix_only = pytest.mark.skipif(os.name != "posix", reason="owner-only modes are POSIX")
# Ten digits, with or without a dash or space after six: what must never reach a log.
CPR_IN_TEXT = re.compile(r"(?<!\d)\d{6}[- ]?\d{4}(?!\d)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The widest umask: the modes must come from the code, not from the user's umask."""
    old = os.umask(0)
    yield
    os.umask(old)


# --- files readable by the owner only ----------------------------------------------------------

@posix_only
def test_database_and_its_wal_files_are_private(tmp_path, open_umask):
    path = tmp_path / "du.sqlite"
    with Store(path) as store:
        store.set_setting("ukode", UKODE)  # a write: the -wal and -shm files exist now
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}


@posix_only
def test_migration_backup_is_private(tmp_path, open_umask, monkeypatch):
    path = tmp_path / "du.sqlite"
    Store(path).close()
    # A next schema version, so that opening the file migrates it and copies it aside first.
    monkeypatch.setattr(dbmodule, "MIGRATIONS", dbmodule.MIGRATIONS + [["CREATE TABLE extra (x)"]])
    monkeypatch.setattr(dbmodule, "LATEST", dbmodule.LATEST + 1)
    with Store(path) as store:
        assert store.version == dbmodule.LATEST
    backup = path.with_name(f"{path.name}.v{dbmodule.LATEST - 1}.bak")
    assert backup.exists() and mode(backup) == 0o600


@posix_only
def test_user_backups_and_the_copy_before_a_restore_are_private(tmp_path, open_umask):
    folder = tmp_path / "kopier"
    folder.mkdir()
    with Store(tmp_path / "du.sqlite") as store:
        store.set_setting("ukode", UKODE)
        copy = backup_now(store, folder)
        assert mode(copy) == 0o600
        safety = restore_from(store, copy)
        assert mode(safety) == 0o600
    assert not [p for p in folder.iterdir() if p != copy]  # no -wal/-shm left beside it


@posix_only
def test_exported_files_are_private(tmp_path, open_umask):
    """The quarter's file holds every CPR number too (as does the fejlrapport, written the
    same way)."""
    paths = write_files(tmp_path, sample_files(5))
    db = tmp_path / "du.sqlite"
    assert cli.main(["import", *map(str, paths), "--db", str(db)]) == 0
    out = tmp_path / "ud.xml"
    assert cli.main(["export", "--quarter", "20241", "--out", str(out), "--db", str(db),
                     "--force"]) == 0
    assert mode(out) == 0o600


@posix_only
def test_log_file_and_folder_are_private(tmp_path, open_umask):
    path = logs.setup(tmp_path / "log")
    logging.getLogger("desktop.test").error("noget gik galt")
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


@posix_only
def test_rotated_logs_stay_private(tmp_path, open_umask):
    handler = logs.PrivateFileHandler(tmp_path / "x.log", maxBytes=200, backupCount=2,
                                      encoding="utf-8", delay=True)
    log = logging.getLogger("desktop.rotation")
    log.addHandler(handler)
    try:
        for i in range(20):
            log.error("linje %d %s", i, "x" * 50)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.glob("x.log*"))
    assert len(files) == 3 and all(mode(f) == 0o600 for f in files)


# --- logs never hold a CPR number --------------------------------------------------------------

CPR = "0101901234"  # not a real person's: 01-01-1990, fails modulus 11


def test_mask_cprs_hides_every_cpr_like_number():
    assert mask_cprs(f"CPR {CPR}, 010190-1234 og 010190 1234") == (
        "CPR 010190-XXXX, 010190-XXXX og 010190-XXXX")
    assert mask_cprs(f"DU_123456_20241_{CPR}.xml") == "DU_123456_20241_010190-XXXX.xml"
    assert mask_cprs("udbyder 123456, kvartal 20241, 2024-01-15") == (
        "udbyder 123456, kvartal 20241, 2024-01-15")
    assert not CPR_IN_TEXT.search(mask_cprs(f"x{CPR}99y"))
    assert format_cpr(CPR, masked=True) == "010190-XXXX"


def test_the_filter_masks_message_arguments_and_exception_text():
    try:
        raise ValueError(f"kursist {CPR} findes ikke")
    except ValueError:
        record = logging.getLogger("t").makeRecord(
            "t", logging.ERROR, __file__, 1, "import af %s (%d)", (f"DU_{CPR}.xml", 3),
            sys.exc_info())
    logs.MaskCpr().filter(record)
    text = logging.Formatter().format(record)
    assert "010190-XXXX" in text and "Traceback" in text
    assert not CPR_IN_TEXT.search(text), text


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    """The log in a folder of this test's own (the command line sets the log up itself)."""
    monkeypatch.setenv("DU_INDBERETNING_LOG_DIR", str(tmp_path / "log"))
    path = logs.setup()
    yield path
    monkeypatch.undo()
    logs.setup()  # back to the session's folder


def _assert_no_cpr(path: Path) -> str:
    texts = [p.read_text(encoding="utf-8") for p in path.parent.glob(path.name + "*")]
    text = "\n".join(texts)
    assert not CPR_IN_TEXT.search(text), CPR_IN_TEXT.search(text)
    return text


def test_command_line_errors_are_logged_without_cpr(log_file, tmp_path, monkeypatch, capsys):
    files = sample_files(8)
    cprs = sorted({k["kcprnr"] for ks in files.values() for k in ks})
    paths = write_files(tmp_path, files)
    db = tmp_path / "du.sqlite"
    named = tmp_path / f"DU_{UKODE}_20231_{cprs[0]}.xml"
    named.write_bytes(paths[0].read_bytes())
    assert cli.main(["import", *map(str, paths), "--db", str(db)]) == 0
    assert cli.main(["validate", str(named)]) in (0, 1)
    assert cli.main(["export", "--quarter", "20231", "--cpr", cprs[0], "--out",
                     str(tmp_path / f"DU_{UKODE}_20231_{cprs[0]}.xml"), "--db", str(db)]) in (0, 1)

    def broken(path, settings=None):  # a bug whose message holds a CPR number
        raise RuntimeError(f"kursist {cprs[1]} i {Path(path).name} gik galt")
    monkeypatch.setattr(cli, "validate_file", broken)
    capsys.readouterr()
    assert cli.main(["validate", str(named)]) == 2
    err = capsys.readouterr().err
    assert "Programfejl" in err and str(log_file) in err and "Traceback" not in err
    text = _assert_no_cpr(log_file)
    assert "RuntimeError" in text and "Traceback" in text
    assert f"kursist {cprs[1][:6]}-XXXX" in text


@pytest.mark.usefixtures("qapp")
def test_gui_errors_are_logged_without_cpr_and_shown_in_danish(log_file, qtbot, tmp_path,
                                                                 monkeypatch):
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.ui.app import ErrorReporter
    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.quarter_checks import QuarterChecker
    from desktop.domain.quarter import Quarter
    from desktop.checks import CheckSettings
    from desktop.workspace import Workspace

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text: shown.append(text)))
    reporter = ErrorReporter(QApplication.instance())
    try:
        raise KeyError(f"{CPR} mangler")
    except KeyError:
        reporter.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(shown))
    assert "programfejl" in shown[0] and str(log_file) in shown[0]

    # A file check that fails on a worker thread, for a file named after a kursist.
    with Store(tmp_path / "du.sqlite") as store:
        ws = Workspace(store)
        dialog = ImportDialog(ws)
        qtbot.addWidget(dialog)
        import desktop.ui.import_dialog as module

        def broken(path, settings=None):
            raise ValueError(f"uventet i {Path(path).name}")
        monkeypatch.setattr(module, "validate_file", broken)
        dialog.load([tmp_path / f"DU_{UKODE}_20241_{CPR}.xml"])
        assert "programfejl" in dialog.summary.text()
    # The background check of a quarter, on a database named after a kursist that is gone.
    checker = QuarterChecker(tmp_path / f"{CPR}.sqlite")
    with qtbot.waitSignal(checker.failed, timeout=10_000):
        checker.check(Quarter(2024, 1), UKODE, CheckSettings())
    checker.wait()
    text = _assert_no_cpr(log_file)
    assert text.count("Traceback") >= 3, text
    assert "010190-XXXX" in text


# --- masking the CPR numbers on screen ---------------------------------------------------------

@pytest.fixture
def window(qtbot, tmp_path):
    pytest.importorskip("PySide6.QtWidgets")
    with demo_window(qtbot, tmp_path) as w:
        yield w


def _shown_cprs(window) -> list[str]:
    model = window.proxy
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_mask_toggle_hides_cpr_in_list_editor_and_findings_and_search_still_works(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    action = window.mask_action
    assert action.text() == "&Skjul CPR-numre" and action.shortcut() == QKeySequence("Ctrl+M")
    assert action.isCheckable() and not action.isChecked()
    assert any(a.text() == "&Vis" and action in a.menu().actions()
               for a in window.menuBar().actions())
    full = window.kursister.index(0, 0).data(Qt.UserRole)
    window.list.setCurrentIndex(window.proxy.index(0, 0))
    assert format_cpr(full) in window.editor.heading.text()

    qtbot.keyClick(window, Qt.Key_M, Qt.ControlModifier)
    assert action.isChecked()
    shown = _shown_cprs(window)
    assert shown and all(re.fullmatch(r"\d{6}-XXXX", s) for s in shown), shown
    assert format_cpr(full, masked=True) in window.editor.heading.text()
    assert full[6:] not in window.editor.heading.text()
    findings = window.quarter_findings
    cpr_column = [findings.index(r, 2).data() for r in range(findings.rowCount())]
    assert cpr_column and all(c.endswith("-XXXX") for c in cpr_column if c)
    texts = " ".join(findings.index(r, 5).data() for r in range(findings.rowCount()))
    assert not CPR_IN_TEXT.search(texts)
    editor_texts = " ".join(s.messages.text() for s in window.editor.sections.values())
    assert full not in editor_texts

    # The search still takes the whole number, with or without the dash.
    qtbot.keyClicks(window.search, format_cpr(full))
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, 0).data() == format_cpr(full, masked=True)
    window.search.clear()

    action.trigger()
    assert not action.isChecked() and format_cpr(full) in _shown_cprs(window)


def test_masking_is_remembered_in_the_database(window, qtbot):
    from desktop.ui.main_window import MainWindow
    window.mask_action.trigger()
    assert window.ws.cpr_masked
    again = MainWindow(window.ws)
    qtbot.addWidget(again)
    assert again.mask_action.isChecked()
    assert all(s.endswith("-XXXX") for s in _shown_cprs(again))
    again.checker.wait()


def test_export_dialog_masks_the_selected_kursist(window, qtbot):
    from desktop.ui.export_dialog import ExportDialog
    window.list.setCurrentIndex(window.proxy.index(0, 0))
    cpr = window.editor.sheet.cpr
    window.mask_action.trigger()
    dialog = ExportDialog(window.ws, window.quarter, cpr, window)
    qtbot.addWidget(dialog)
    assert format_cpr(cpr, masked=True) in dialog.one.text() and cpr[6:] not in dialog.one.text()
