"""Indstillinger: udbyderkode, lesson length, how strict A1 is, and backups of the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QRadioButton, QSpinBox, QVBoxLayout)

from desktop import commands
from desktop.settings import REGISTRY
from desktop.store import StoreError
from desktop.ui.backup_list import BackupList
from desktop.workspace import Workspace

_RED = "color: #b3261e"


def ukode_problem(text: str) -> str | None:
    if REGISTRY["ukode"].problem(text) is None:
        return None
    return QCoreApplication.translate("SettingsDialog",
                                      "The provider code is six digits from 100000 to 999999.")


class SettingsDialog(QDialog):
    changed = Signal(object)  # Changes: settings were saved, or a backup restored
    restored = Signal(str)  # the store's content was replaced; the path of the safety copy

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Settings"))
        self.ukode = QComboBox(self)
        self.ukode.setEditable(True)
        self.ukode.setInsertPolicy(QComboBox.NoInsert)
        digits = QRegularExpression(r"[0-9]{0,6}")
        self.ukode.setValidator(QRegularExpressionValidator(digits, self))
        self.ukode_error = QLabel(self)
        self.ukode_error.setStyleSheet(_RED)
        self.lesson = QSpinBox(self)
        lesson = REGISTRY["lesson_minutes"]
        self.lesson.setRange(lesson.minimum, lesson.maximum)
        self.lesson.setSuffix(" " + self.tr("min"))
        self.a1_error = QRadioButton(self.tr("Error (A1)"), self)
        self.a1_warning = QRadioButton(self.tr("Warning"), self)
        group = QButtonGroup(self)
        group.addButton(self.a1_error)
        group.addButton(self.a1_warning)
        a1_row = QHBoxLayout()
        a1_row.addWidget(self.a1_error)
        a1_row.addWidget(self.a1_warning)
        a1_row.addStretch(1)
        a1_help = QLabel(self.tr("Since 1 October 2007, CPR numbers without modulus 11 "
                                 "have been issued."), self)
        a1_help.setWordWrap(True)
        self.location = QLineEdit(str(ws.path), self)
        self.location.setReadOnly(True)
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.restore_button = QPushButton(self.tr("Restore from backup …"), self)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.restore_button)
        backup_row.addStretch(1)
        self.backup_result = QLabel(self)
        self.backup_result.setWordWrap(True)
        # The automatic backups (desktop.store.autobackup), newest first.
        self.auto_backups = BackupList(ws.path, self)
        self.auto_backups.setMaximumHeight(110)
        self.restore_auto_button = QPushButton(self.tr("Restore the selected backup"), self)
        self.restore_auto_button.setEnabled(bool(self.auto_backups.backups))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)

        form = QFormLayout()
        form.addRow(self.tr("Provider code"), self.ukode)
        form.addRow("", self.ukode_error)
        form.addRow(self.tr("Lesson length"), self.lesson)
        form.addRow(self.tr("CPR without modulus 11"), a1_row)
        form.addRow("", a1_help)
        form.addRow(self.tr("Database"), self.location)
        form.addRow("", backup_row)
        form.addRow("", self.backup_result)
        form.addRow(self.tr("Automatic backups"), self.auto_backups)
        form.addRow("", self.restore_auto_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.ukode.editTextChanged.connect(self._validate)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.take_backup)
        self.restore_button.clicked.connect(lambda: self.restore())
        self.restore_auto_button.clicked.connect(
            lambda: self.restore(self.auto_backups.selected()))
        self._load()

    def _load(self) -> None:
        """Fill the fields from the store (again after a restore, so OK keeps what came back)."""
        codes = self.ws.ukoder()
        current = self.ws.setting("ukode") or (codes[0] if codes else "")
        self.ukode.clear()
        self.ukode.addItems(codes)
        self.ukode.setEditText(current)
        self.lesson.setValue(self.ws.setting("lesson_minutes"))
        (self.a1_error if self.ws.setting("a1_error") else self.a1_warning).setChecked(True)
        self._validate()

    def _validate(self) -> None:
        problem = ukode_problem(self.ukode.currentText().strip())
        self.ukode_error.setText(problem or "")
        self.ukode_error.setVisible(problem is not None)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(problem is None)

    def values(self) -> dict[str, str]:
        return {"ukode": self.ukode.currentText().strip(),
                "lesson_minutes": str(self.lesson.value()),
                "a1_error": "1" if self.a1_error.isChecked() else "0"}

    def _save(self) -> None:
        if ukode_problem(self.values()["ukode"]):
            return
        try:
            changes = self.ws.run(commands.SaveSettings(self.values()))
        except StoreError as exc:  # not saved: said in the dialog, which stays open
            self._show(str(exc), error=True)
            return
        self.changed.emit(changes)
        self.accept()

    # Backups -------------------------------------------------------------------------------
    def _start_folder(self) -> str:
        return self.ws.setting("backup_dir") or str(self.ws.path.parent)

    def _show(self, text: str, error: bool = False) -> None:
        self.backup_result.setStyleSheet(_RED if error else "")
        self.backup_result.setText(text)

    def take_backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the backup"),
                                                  self._start_folder())
        if not folder:
            return
        try:
            written = self.ws.backup_now(folder)
        except StoreError as exc:
            self._show(str(exc), error=True)
            return
        self.ws.set_setting("backup_dir", str(Path(folder)))
        self._show(self.tr("Backup saved: {path}").format(path=written))

    def restore(self, path: Path | None = None) -> None:
        """Restore path (an automatic backup), or a backup the clerk picks."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a backup"), self._start_folder(),
                self.tr("Databases (*.sqlite *.db);;All files (*)"))
        if not path:
            return
        answer = QMessageBox.question(
            self, self.tr("Restore from backup"),
            self.tr("All content in the database is replaced with the backup\n{path}\n\n"
                    "The current database is first saved alongside it. Do you want to "
                    "continue?").format(path=path),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        command = commands.RestoreBackup(path)
        try:
            changes = self.ws.run(command)
        except StoreError as exc:
            self._show(self.tr("Not restored: {reason}").format(reason=exc), error=True)
            return
        self._load()
        self.auto_backups.refresh()
        self.restore_auto_button.setEnabled(bool(self.auto_backups.backups))
        self._show(self.tr("Restored. The previous database is saved as: {path}").format(
            path=command.safety))
        self.restored.emit(str(command.safety))
        self.changed.emit(changes)
