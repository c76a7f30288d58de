"""When the database cannot be opened (damaged, not one of ours, made by a newer version, in
use): say why, and offer the ways out: restore an automatic backup, open another database,
create a new one, or quit. Nothing is deleted: a file that is replaced is kept beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout)

from desktop import APP_NAME
from desktop.store import Store, StoreError
from desktop.store.backup import restore_in_place_of
from desktop.ui.backup_list import BackupList
from desktop.workspace import Workspace

_RED = "color: #b3261e"


class StartDialog(QDialog):
    def __init__(self, db: Path, problem: str, parent=None):
        super().__init__(parent)
        self.db = Path(db)
        self.workspace: Workspace | None = None
        self.note: str | None = None  # what happened, for the window's status bar
        self.setWindowTitle(self.tr("{app} – the database cannot be opened").format(app=APP_NAME))
        self.resize(640, 420)
        self.problem = QLabel(problem, self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(_RED)
        self.backups = BackupList(self.db, self)
        self.backups_label = QLabel(self)
        self.backups_label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore the selected backup"), self)
        self.open_button = QPushButton(self.tr("Open another database …"), self)
        self.new_button = QPushButton(self.tr("Create a new database …"), self)
        self.quit_button = QPushButton(self.tr("Quit"), self)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet(_RED)
        buttons = QHBoxLayout()
        for b in (self.restore_button, self.open_button, self.new_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addWidget(self.backups_label)
        layout.addWidget(self.backups, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button.clicked.connect(self.open_other)
        self.new_button.clicked.connect(self.create_new)
        self.quit_button.clicked.connect(self.reject)
        self._show_backups()

    def _show_backups(self) -> None:
        has = bool(self.backups.backups)
        self.backups_label.setText(
            self.tr("Automatic backups of {name}, newest first:").format(name=self.db.name)
            if has else
            self.tr("There are no automatic backups of {name}.").format(name=self.db.name))
        self.backups.setVisible(has)
        self.restore_button.setEnabled(has)
        (self.restore_button if has else self.open_button).setDefault(True)

    def _opened(self, path: Path, note: str | None = None) -> bool:
        try:
            store = Store(path, auto_backups=True)
        except StoreError as exc:
            self.result_label.setText(str(exc))
            return False
        self.workspace = Workspace(store)
        self.note = note
        self.accept()
        return True

    def restore_selected(self) -> None:
        backup = self.backups.selected()
        if backup is None:
            return
        try:
            kept = restore_in_place_of(self.db, backup)
        except StoreError as exc:
            self.result_label.setText(self.tr("Not restored: {reason}").format(reason=exc))
            return
        note = self.tr("Restored from the backup {backup}.").format(backup=backup.name)
        if kept:
            note += " " + self.tr("The file that could not be opened is kept as {path}.").format(
                path=kept)
        self._opened(self.db, note)

    def open_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a database"), str(self.db.parent),
            self.tr("Databases (*.sqlite *.db);;All files (*)"))
        if path:
            self._opened(Path(path))

    def create_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Create a new database"), str(self.db.parent / "ny-database.sqlite"),
            self.tr("Databases (*.sqlite)"), options=QFileDialog.DontConfirmOverwrite)
        if not path:
            return
        if Path(path).exists():
            self.result_label.setText(self.tr("{name} already exists; choose a new name for the "
                                              "new database.").format(name=Path(path).name))
            return
        self._opened(Path(path))
