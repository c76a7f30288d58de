"""The open store's quick_check, on a worker thread (0.3–1 s on 100,000 kursister: too long
to hold up the first window), then the day's automatic backup. Until the check has passed,
import, export and Indstillinger (backup, restore) are held back; a store that fails it is
never exported or backed up: the window closes, and the start dialog offers a way out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox

from desktop import APP_NAME
from desktop.store import Store, StoreError, autobackup
from desktop.store.db import damaged_message, quick_check, reason


class _Check(QThread):
    def __init__(self, path: Path, daily: bool):
        super().__init__()
        self.path, self.daily = path, daily
        self.ok, self.backup_problem = False, None

    def run(self) -> None:
        try:
            conn = sqlite3.connect(self.path)
            try:
                self.ok = quick_check(conn)
            finally:
                conn.close()
        except sqlite3.Error:  # a check that cannot run is a failed check
            self.ok = False
        if self.ok and self.daily:
            try:
                with Store(self.path, create=False, verify=False, auto_backups=True) as store:
                    self.backup_problem = autobackup.daily(store)
            except (StoreError, sqlite3.Error, OSError) as exc:
                self.backup_problem = ("Den daglige sikkerhedskopi kunne ikke tages: "
                                       f"{reason(exc)}. Arbejdet fortsætter uden den.")


class StoreCheck(QObject):
    passed = Signal()
    failed = Signal(str)  # the Danish message

    def __init__(self, window, path: Path, daily: bool = True):
        super().__init__(window)
        self.window, self.path = window, Path(path)
        self.damaged: str | None = None
        self.held = [a for a in (window.import_action, window.export_action,
                                 window.settings_action) if a.isEnabled()]
        for action in self.held:
            action.setEnabled(False)
        self.thread = _Check(self.path, daily)
        self.thread.finished.connect(self._done)
        self.thread.start()

    def wait(self) -> None:
        self.thread.wait()

    def _done(self) -> None:
        if not self.thread.ok:
            self.damaged = damaged_message(self.path)
            self.failed.emit(self.damaged)
            QMessageBox.critical(self.window, APP_NAME, self.damaged)
            self.window.close()
            return
        for action in self.held:
            action.setEnabled(True)
        if self.thread.backup_problem:
            self.window.statusBar().showMessage(self.thread.backup_problem)
        self.passed.emit()
