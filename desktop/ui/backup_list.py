"""The automatic backups of one database, newest first, with date, reason and kursister:
shown in the start dialog and in Indstillinger."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from desktop.store import autobackup

_WHY = {autobackup.DAILY: QT_TRANSLATE_NOOP("BackupList", "daily"),
        autobackup.BEFORE_IMPORT: QT_TRANSLATE_NOOP("BackupList", "before loading files"),
        autobackup.BEFORE_RESTORE: QT_TRANSLATE_NOOP("BackupList", "before a restore"),
        autobackup.BEFORE_MIGRATION: QT_TRANSLATE_NOOP("BackupList", "before an upgrade")}


def describe(b: autobackup.AutoBackup) -> str:
    n = b.kursister()
    if n is None:
        count = QCoreApplication.translate("BackupList", "cannot be read")
    elif n == 1:
        count = QCoreApplication.translate("BackupList", "1 student")
    else:
        count = QCoreApplication.translate("BackupList", "{n} students").format(n=n)
    why = QCoreApplication.translate("BackupList", _WHY[b.why])
    return f"{b.taken.strftime('%d-%m-%Y %H:%M')} · {why} · {count}"


class BackupList(QListWidget):
    def __init__(self, db: Path, parent=None):
        super().__init__(parent)
        self.db = Path(db)
        self.setWordWrap(True)  # the 'none yet' line wraps instead of running out of the box
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        self.backups = autobackup.listing(self.db)
        for b in self.backups:
            item = QListWidgetItem(describe(b), self)
            item.setData(Qt.UserRole, str(b.path))
        if self.backups:
            self.setCurrentRow(0)
        else:  # said in the list itself, so an empty box never looks broken
            item = QListWidgetItem(self.tr("None yet: the first is taken at the next start, "
                                           "or before the next import."), self)
            item.setFlags(Qt.NoItemFlags)

    def selected(self) -> Path | None:
        item = self.currentItem()
        data = item.data(Qt.UserRole) if item else None
        return Path(data) if data else None
