"""Backups, restoring one into the open store, and the Indstillinger dialog."""

import re
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from desktop.demo import build_demo
from desktop.store import Store, StoreError
from desktop.store.backup import backup_now, list_backups, restore_from
from desktop.store.migrations import LATEST
from desktop.store.writes import kursist_id
from desktop.ui.settings_dialog import SettingsDialog
from desktop.workspace import Workspace
from tests.helpers import dump


@pytest.fixture
def demo(store):
    build_demo(store, n=12)
    return store


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "kopier"
    path.mkdir()
    return path


def content(path):
    with Store(path, create=False) as s:
        return dump(s)


def safety_copies(store):
    return sorted(store.path.parent.glob("*før-gendannelse*"))


def test_backup_now_writes_a_sound_copy_with_the_same_rows(demo, folder):
    path = backup_now(demo, folder)
    assert path.parent == folder
    assert re.fullmatch(r"test-\d{8}-\d{6}\.sqlite", path.name)
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    c.close()
    assert content(path) == dump(demo)
    assert list(folder.iterdir()) == [path]  # one file, no -wal/-shm beside it


def test_backups_are_listed_newest_first(demo, folder):
    (folder / "noget-andet.sqlite").write_text("")
    old = backup_now(demo, folder, now=datetime(2026, 1, 5, 8, 0, 0))
    new = backup_now(demo, folder, now=datetime(2026, 3, 1, 9, 30, 0))
    same_second = backup_now(demo, folder, now=datetime(2026, 3, 1, 9, 30, 0))
    assert same_second != new
    assert list_backups(folder, demo.path.name) == [same_second, new, old]


def test_restore_brings_the_backed_up_content_back_and_keeps_a_safety_copy(demo, folder):
    before = dump(demo)
    backup = backup_now(demo, folder)
    with demo.transaction() as c:
        c.execute("DELETE FROM kursist WHERE id IN (SELECT id FROM kursist LIMIT 3)")
    demo.set_setting("lesson_minutes", "60")
    changed = dump(demo)
    assert changed != before

    safety = restore_from(demo, backup)

    assert dump(demo) == before
    assert demo.setting("lesson_minutes") is None
    assert safety.parent == demo.path.parent
    assert re.fullmatch(r"test\.før-gendannelse-\d{8}-\d{6}\.sqlite", safety.name)
    assert content(safety) == changed
    # The store stayed open and is still itself: WAL, foreign keys, writable.
    assert demo.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert demo.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    demo.set_setting("lesson_minutes", "50")
    assert demo.setting("lesson_minutes") == "50"


def too_new(folder, store):
    path = backup_now(store, folder)
    with sqlite3.connect(path) as c:
        c.execute(f"PRAGMA user_version = {LATEST + 1}")
    c.close()
    return path


def not_a_database(folder, store):
    path = folder / "indberetning.sqlite"
    path.write_bytes(b"<DU>ikke en database</DU>" * 200)
    return path


def someone_elses_database(folder, store):
    path = folder / "andet.sqlite"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE t (x)")
        c.execute("PRAGMA user_version = 1")
    c.close()
    return path


@pytest.mark.parametrize("make, message", [
    (not_a_database, "ikke en database fra DU-indberetning"),
    (someone_elses_database, "ikke en database fra DU-indberetning"),
    (too_new, "nyere version"),
])
def test_a_file_that_is_not_a_usable_backup_is_refused_and_nothing_changes(demo, folder, make,
                                                                           message):
    path = make(folder, demo)
    before = dump(demo)
    with pytest.raises(StoreError, match=message):
        restore_from(demo, path)
    assert dump(demo) == before
    assert safety_copies(demo) == []


def test_the_open_database_itself_is_not_a_backup(demo):
    with pytest.raises(StoreError, match="åben nu"):
        restore_from(demo, demo.path)


def test_a_missing_backup_folder_is_a_danish_error(demo, tmp_path):
    with pytest.raises(StoreError, match="findes ikke"):
        backup_now(demo, tmp_path / "ingen")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_backups_and_safety_copies_are_readable_by_the_owner_only(demo, folder):
    backup = backup_now(demo, folder)
    safety = restore_from(demo, backup)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(safety.stat().st_mode) == 0o600


def test_backup_module_does_not_import_qt():
    code = ("import sys, desktop.store.backup; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# The dialog ---------------------------------------------------------------------------------

@pytest.fixture
def dialog(qtbot, demo):
    d = SettingsDialog(Workspace(demo))
    qtbot.addWidget(d)
    d.open()
    return d


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.Ok)


def type_ukode(dialog, qtbot, text):
    dialog.ukode.clearEditText()
    qtbot.keyClicks(dialog.ukode.lineEdit(), text)


def test_the_dialog_shows_the_current_settings(dialog):
    assert dialog.ukode.currentText() == dialog.ws.ukode
    assert dialog.lesson.value() == 45
    assert dialog.a1_error.isChecked()
    assert dialog.location.text() == str(dialog.ws.store.path)
    assert dialog.location.isReadOnly()
    assert ok_button(dialog).isEnabled()


@pytest.mark.parametrize("text", ["12345", "012345", ""])
def test_an_invalid_udbyderkode_is_explained_at_the_field_and_blocks_ok(dialog, qtbot, text):
    type_ukode(dialog, qtbot, text)
    assert dialog.ukode_error.isVisibleTo(dialog)
    assert "seks cifre" in dialog.ukode_error.text()
    assert not ok_button(dialog).isEnabled()


def test_letters_cannot_be_typed_into_the_udbyderkode(dialog, qtbot):
    type_ukode(dialog, qtbot, "12a34b56")
    assert dialog.ukode.currentText() == "123456"


def test_a_valid_udbyderkode_is_saved(dialog, qtbot):
    type_ukode(dialog, qtbot, "12345")
    type_ukode(dialog, qtbot, "654321")
    assert not dialog.ukode_error.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    assert dialog.ws.store.setting("ukode") == "654321"
    assert dialog.ws.ukode == "654321"
    assert dialog.result() == dialog.DialogCode.Accepted


def test_several_udbyderkoder_in_the_database_are_offered(qtbot, demo):
    ukode = demo.setting("ukode")
    with demo.transaction() as c:
        kursist_id(c, "654321", "0101901234")
    d = SettingsDialog(Workspace(demo))
    qtbot.addWidget(d)
    assert d.ukode.isEditable()
    assert sorted(d.ukode.itemText(i) for i in range(d.ukode.count())) == sorted([ukode, "654321"])
    assert d.ukode.currentText() == ukode


def test_lesson_length_and_the_a1_choice_are_saved(dialog, qtbot):
    dialog.lesson.setValue(60)
    qtbot.mouseClick(dialog.a1_warning, Qt.LeftButton)
    qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    store = dialog.ws.store
    assert store.setting("lesson_minutes") == "60"
    assert store.setting("a1_error") == "0"
    assert dialog.ws.settings.lesson_minutes == 60
    assert dialog.ws.settings.a1_is_error is False


def test_cancel_saves_nothing(dialog, qtbot):
    dialog.lesson.setValue(90)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)
    assert dialog.ws.store.setting("lesson_minutes") is None


def test_the_backup_button_writes_into_the_chosen_folder_and_remembers_it(dialog, qtbot, folder,
                                                                          monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(dialog.backup_button, Qt.LeftButton)
    [written] = list_backups(folder, dialog.ws.store.path.name)
    assert str(written) in dialog.backup_result.text()
    assert dialog.ws.store.setting("backup_dir") == str(folder)


def test_choosing_no_folder_writes_nothing(dialog, qtbot, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    qtbot.mouseClick(dialog.backup_button, Qt.LeftButton)
    assert dialog.backup_result.text() == ""
    assert dialog.ws.store.setting("backup_dir") is None


def test_restore_asks_first_then_brings_the_backup_back(dialog, qtbot, folder, monkeypatch):
    store = dialog.ws.store
    backup = backup_now(store, folder)
    before = dump(store)
    store.set_setting("lesson_minutes", "90")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert store.setting("lesson_minutes") == "90"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    with qtbot.waitSignal(dialog.restored) as signal:
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert dump(store) == before
    [safety] = safety_copies(store)
    assert signal.args == [str(safety)]
    assert str(safety) in dialog.backup_result.text()
    assert dialog.lesson.value() == 45  # the form shows what came back


def test_a_refused_restore_is_explained_in_the_dialog(dialog, qtbot, folder, monkeypatch):
    path = not_a_database(folder, dialog.ws.store)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    with qtbot.assertNotEmitted(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert "Ikke gendannet" in dialog.backup_result.text()
    assert "ikke en database" in dialog.backup_result.text()
