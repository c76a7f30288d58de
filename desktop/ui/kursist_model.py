"""The kursist list: a table model with named columns, and a proxy that searches and filters."""

from __future__ import annotations

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex,
                            QSortFilterProxyModel, Qt)

from desktop.domain.codes import code_list
from desktop.domain.cpr import format_cpr
from desktop.store.browse import KursistRow

ID_ROLE = Qt.UserRole + 1
FINDINGS_ROLE = Qt.UserRole + 2  # (errors, warnings) or None while not yet counted

COL_CPR, COL_KOEN, COL_NATION, COL_RECORDS, COL_ERRORS, COL_WARNINGS = range(6)


class KursistTableModel(QAbstractTableModel):
    # English source texts, translated when shown (see headerData).
    HEADERS = (QT_TRANSLATE_NOOP("KursistTableModel", "CPR number"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Gender"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Nation"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Records"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Errors"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Warn."))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[KursistRow] = []
        self._counts: dict[int, tuple[int, int]] = {}
        self._index: dict[int, int] = {}  # kursist id -> row
        self.masked = False

    def set_rows(self, rows: list[KursistRow]) -> None:
        self.beginResetModel()
        self._rows = rows  # counts stay until the next check replaces them: ids are stable
        self._index = {r.id: i for i, r in enumerate(rows)}
        self.endResetModel()

    def update_row(self, row: KursistRow) -> None:
        """One kursist changed: replace its row, or add it, without refilling the list."""
        i = self._index.get(row.id)
        if i is None:
            i = len(self._rows)
            self.beginInsertRows(QModelIndex(), i, i)
            self._rows.append(row)
            self._index[row.id] = i
            self.endInsertRows()
        else:
            self._rows[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.HEADERS) - 1))

    def set_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        self._counts.update(counts)
        if len(counts) == 1 and next(iter(counts)) in self._index:
            i = self._index[next(iter(counts))]
            self.dataChanged.emit(self.index(i, COL_ERRORS), self.index(i, COL_WARNINGS))
        elif self._rows:
            self.dataChanged.emit(self.index(0, COL_ERRORS),
                                  self.index(len(self._rows) - 1, COL_WARNINGS))

    def set_masked(self, masked: bool) -> None:
        self.masked = masked
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_CPR), self.index(len(self._rows) - 1, COL_CPR))

    def moving(self) -> int:
        """How many kursister in the list have movement in the quarter."""
        return sum(r.records > 0 for r in self._rows)

    def row_of(self, kid: int) -> int | None:
        return self._index.get(kid)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("KursistTableModel", self.HEADERS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        counts = self._counts.get(r.id)
        if role == ID_ROLE:
            return r.id
        if role == FINDINGS_ROLE:
            return counts
        if role == Qt.DisplayRole:
            if col == COL_CPR:
                return format_cpr(r.cpr, self.masked)
            if col == COL_KOEN:
                return r.kkoen or ""
            if col == COL_NATION:
                return r.knationskode or ""
            if col == COL_RECORDS:
                return r.records
            if col in (COL_ERRORS, COL_WARNINGS):
                return "" if counts is None else counts[col - COL_ERRORS]
        if role == Qt.UserRole:  # sort key
            if col == COL_CPR:
                return r.cpr
            if col in (COL_ERRORS, COL_WARNINGS):
                return -1 if counts is None else counts[col - COL_ERRORS]
            return self.data(index, Qt.DisplayRole)
        if role == Qt.ToolTipRole and col == COL_KOEN:
            return {"M": self.tr("Man"), "K": self.tr("Woman")}.get(r.kkoen or "", r.kkoen)
        if role == Qt.ToolTipRole and col == COL_WARNINGS:
            return self.tr("Warnings")
        if role == Qt.ToolTipRole and col == COL_NATION:
            return code_list("nationer").label(r.knationskode or "") or r.knationskode
        if role == Qt.TextAlignmentRole and col >= COL_RECORDS:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


SCOPE_QUARTER, SCOPE_ERRORS, SCOPE_ALL = range(3)


class KursistFilterProxy(QSortFilterProxyModel):
    """CPR search (digits only, so '010190-1234' and '0101901234' both find) and the scope."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._digits = ""
        self._scope = SCOPE_QUARTER
        self.setSortRole(Qt.UserRole)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._digits = "".join(ch for ch in text if ch.isdigit())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_scope(self, scope: int) -> None:
        self.beginFilterChange()
        self._scope = scope
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, COL_CPR, source_parent)
        if self._digits and self._digits not in model.data(index, Qt.UserRole):
            return False
        if self._scope == SCOPE_ERRORS:
            counts = model.data(index, FINDINGS_ROLE)
            return bool(counts and counts[0])
        if self._scope == SCOPE_QUARTER:
            return model.data(model.index(source_row, COL_RECORDS, source_parent)) > 0
        return True
