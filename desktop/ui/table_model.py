"""A flat table over a Python list, with column headers translated when shown."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from desktop.ui.roles import DISPLAY, HORIZONTAL


class ListTableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()  # English source texts (QT_TRANSLATE_NOOP in CONTEXT)
    CONTEXT = ""

    def _items(self) -> list:
        raise NotImplementedError

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == HORIZONTAL and role == DISPLAY and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None
