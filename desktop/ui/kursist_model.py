"""The kursist list: a table model with named columns, and a proxy that searches and filters."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QSortFilterProxyModel, Qt

from desktop.domain.codes import code_list
from desktop.domain.cpr import format_cpr
from desktop.store.browse import KursistRow
from desktop.ui.roles import ALIGNMENT, DISPLAY, TOOLTIP, USER
from desktop.ui.table_model import ListTableModel

ID_ROLE = USER + 1
FINDINGS_ROLE = USER + 2  # (errors, warnings) or None while not yet counted

COL_CPR, COL_KOEN, COL_NATION, COL_RECORDS, COL_ERRORS, COL_WARNINGS = range(6)
SCOPE_QUARTER, SCOPE_ERRORS, SCOPE_ALL, SCOPE_CONTINUING = range(4)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


class KursistTableModel(ListTableModel):
    CONTEXT = "KursistTableModel"
    # English source texts, translated when shown (see headerData).
    HEADERS = (QT_TRANSLATE_NOOP("KursistTableModel", "CPR number"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Gender"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Nation"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Records"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Errors"),
               QT_TRANSLATE_NOOP("KursistTableModel", "Warn."))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[KursistRow] = []  # everything loaded for the quarter
        self._all_index: dict[int, int] | None = None
        self._rows: list[KursistRow] = []  # what the search and the scope let through, sorted
        self._counts: dict[int, tuple[int, int]] = {}
        self._index: dict[int, int] | None = {}  # kursist id -> visible row; built when asked
        self._moving: int | None = None
        self._digits = ""
        self._scope = SCOPE_QUARTER
        self._continuing: frozenset[int] = frozenset()  # kursister going on from last quarter
        self._sort = (COL_CPR, Qt.AscendingOrder)
        self.masked = False  # CPR shown as DDMMYY-XXXX; the search still uses every digit

    # Filtering and sorting live here, over plain Python lists: per-row virtual calls from a
    # C++ proxy cost seconds on 100,000 kursister, a list comprehension milliseconds. One
    # comprehension per criterion, no method call per row: a keystroke in the search field
    # filters 100,000 rows.
    def set_rows(self, rows: list[KursistRow]) -> None:
        self._all = rows  # counts stay until the next check replaces them: ids are stable
        self._all_index: dict[int, int] | None = None  # id -> position in _all, when asked
        self._moving = None
        self._apply()

    def set_filter(self, digits: str | None = None, scope: int | None = None) -> None:
        narrower = (scope is None or scope == self._scope) and digits and self._digits in digits
        if digits is not None:
            self._digits = digits
        if scope is not None:
            self._scope = scope
        # Typing one more digit only narrows what is shown: filter the shown rows, not all.
        self._apply(self._rows if narrower else None)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self._sort = (column, order)
        self._apply()

    def set_continuing(self, kids) -> None:
        """The kursister with a placement continuing from the previous quarter."""
        self._continuing = frozenset(kids)
        if self._scope == SCOPE_CONTINUING:
            self._apply()

    def _filter(self, rows: list[KursistRow]) -> list[KursistRow]:
        digits = self._digits
        if digits:
            rows = [r for r in rows if digits in r.cpr]
        if self._scope == SCOPE_ERRORS:
            counts = self._counts
            return [r for r in rows if (c := counts.get(r.id)) and c[0]]
        if self._scope == SCOPE_CONTINUING:
            going_on = self._continuing
            return [r for r in rows if r.id in going_on]
        if self._scope != SCOPE_ALL:
            return [r for r in rows if r.records > 0]
        return list(rows)

    def _accepts(self, r: KursistRow) -> bool:
        return bool(self._filter([r]))

    def _key(self, column: int):
        counts = self._counts
        if column in (COL_ERRORS, COL_WARNINGS):
            return lambda r: counts.get(r.id, (-1, -1))[column - COL_ERRORS]
        return {COL_CPR: lambda r: r.cpr, COL_KOEN: lambda r: r.kkoen or "",
                COL_NATION: lambda r: r.knationskode or "",
                COL_RECORDS: lambda r: r.records}[column]

    def _apply(self, shown: list[KursistRow] | None = None) -> None:
        """Filter (the shown rows when the filter only narrows, which keeps their order)
        and sort."""
        column, order = self._sort
        rows = self._filter(self._all if shown is None else shown)
        if shown is None and (column != COL_CPR or order != Qt.AscendingOrder):
            rows.sort(key=self._key(column), reverse=order == Qt.DescendingOrder)
        self.beginResetModel()
        self._rows = rows
        self._index = None
        self.endResetModel()

    def update_row(self, row: KursistRow) -> None:
        """One kursist changed: replace its row, or add it, without refilling the list. Found
        through an index of the loaded rows: a paste changes 30 kursister of 100,000."""
        if self._all_index is None or len(self._all_index) != len(self._all):
            self._all_index = {r.id: i for i, r in enumerate(self._all)}
        at = self._all_index.get(row.id)
        before = self._all[at] if at is not None else None
        if at is not None:
            self._all[at] = row
        else:
            self._all_index[row.id] = len(self._all)
            self._all.append(row)
        if self._moving is not None:  # kept, not counted again over 100,000 rows
            self._moving += (row.records > 0) - (before is not None and before.records > 0)
        i = self.row_of(row.id)
        if i is None:
            if self._accepts(row):
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
        if self._scope == SCOPE_ERRORS or self._sort[0] in (COL_ERRORS, COL_WARNINGS):
            self._apply()
        elif len(counts) == 1 and (i := self.row_of(next(iter(counts)))) is not None:
            self.dataChanged.emit(self.index(i, COL_ERRORS), self.index(i, COL_WARNINGS))
        elif self._rows:
            self.dataChanged.emit(self.index(0, COL_ERRORS),
                                  self.index(len(self._rows) - 1, COL_WARNINGS))

    def set_masked(self, masked: bool) -> None:
        self.masked = masked
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_CPR), self.index(len(self._rows) - 1, COL_CPR))

    def moving(self) -> int:
        """How many kursister loaded for the quarter have movement in it."""
        if self._moving is None:
            self._moving = sum(1 for r in self._all if r.records > 0)
        return self._moving

    def row_of(self, kid: int) -> int | None:
        if self._index is None:
            self._index = {r.id: i for i, r in enumerate(self._rows)}
        return self._index.get(kid)

    def all_rows(self) -> list[KursistRow]:
        return list(self._all)

    def _items(self) -> list:
        return self._rows

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
        if role == DISPLAY:
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
        if role == USER:  # the raw value (the CPR without its dash)
            if col == COL_CPR:
                return r.cpr
            if col in (COL_ERRORS, COL_WARNINGS):
                return -1 if counts is None else counts[col - COL_ERRORS]
            return self.data(index, Qt.DisplayRole)
        if role == TOOLTIP and col == COL_KOEN:
            return {"M": self.tr("Man"), "K": self.tr("Woman")}.get(r.kkoen or "", r.kkoen)
        if role == TOOLTIP and col == COL_WARNINGS:
            return self.tr("Warnings")
        if role == TOOLTIP and col == COL_NATION:
            return code_list("nationer").label(r.knationskode or "") or r.knationskode
        if role == ALIGNMENT and col >= COL_RECORDS:
            return _RIGHT
        return None


class KursistFilterProxy(QSortFilterProxyModel):
    """The view's model. CPR search (digits only, so '010190-1234' and '0101901234' both find)
    and the scope are passed on to the source, which filters and sorts its own list fast."""

    def set_search(self, text: str) -> None:
        self.sourceModel().set_filter(digits="".join(ch for ch in text if ch.isdigit()))

    def set_scope(self, scope: int) -> None:
        self.sourceModel().set_filter(scope=scope)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
