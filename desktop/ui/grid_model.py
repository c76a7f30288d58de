"""The quarter grid of one hold (or of the placements on no hold): a row per placement, per
month its Fravær, Skemalagte and Øvrige, the totals, and the findings painted at their cells.

The model only shows; a typed value is asked for through `edited(cells)`, and the window runs
the command and loads the grid again.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.checks.findings import Finding
from desktop.domain.cpr import format_cpr
from desktop.domain.grid import GridLayout, active_months_of, cell_value, placement_text, total
from desktop.domain.quarter import Quarter
from desktop.domain.records import record_label
from desktop.ui.record_model import ERROR_BG, WARNING_BG, marker
from desktop.ui.roles import (
    ACCESSIBLE_DESCRIPTION,
    ALIGNMENT,
    BACKGROUND,
    DECORATION,
    DISPLAY,
    EDIT,
    FINDING,
    TOOLTIP,
)

INACTIVE_BG = QColor("#ececec")  # a month the placement does not run in
_INACTIVE = QBrush(INACTIVE_BG)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_SELECTABLE = Qt.ItemIsEnabled | Qt.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemIsEditable
_ROLES = frozenset({DISPLAY, EDIT, ALIGNMENT, BACKGROUND, DECORATION, TOOLTIP,
                    ACCESSIBLE_DESCRIPTION, FINDING})


class GridModel(QAbstractTableModel):
    edited = Signal(object)  # a list of (modul_id, month, tag, value) to store

    def __init__(self, parent=None):
        super().__init__(parent)
        self.quarter: Quarter | None = None
        self.layout: GridLayout | None = None
        self.rows: list = []
        self.masked = False
        self._findings: dict[tuple[int, int], list[Finding]] = {}
        self._active: list[frozenset[int]] = []

    def set_grid(self, q: Quarter, rows: list, findings: list[Finding]) -> None:
        """The grid after a change: the same placements are updated in place, so the cursor
        stays where it is; anything else is a new grid."""
        same = (q == self.quarter and [r.modul_id for r in rows]
                == [r.modul_id for r in self.rows])
        if same:
            self.rows = rows
            self._active = active_months_of(rows, q)
            self._findings = self._place(findings)
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.layout) - 1))
            return
        self.beginResetModel()
        self.quarter, self.layout, self.rows = q, GridLayout(q), rows
        self._active = active_months_of(rows, q)
        self._findings = self._place(findings)
        self.endResetModel()

    def _place(self, findings: list[Finding]) -> dict[tuple[int, int], list[Finding]]:
        """Each finding at its cell: a month's at the month's column of its field, a
        placement's at the placement."""
        where: dict[tuple[str, str], tuple[int, int | None]] = {}
        for r, row in enumerate(self.rows):
            where[(row.cpr, record_label("modul", row.key))] = (r, None)
            for month, (_, values) in row.months.items():
                label = record_label("undervisning", row.key + (values.get("unperiode"),))
                where[(row.cpr, label)] = (r, month)
        out: dict[tuple[int, int], list[Finding]] = {}
        for f in findings:
            spot = where.get((f.cpr, f.record))
            if spot is None:
                continue
            r, month = spot
            column = 1 if month is None else self.layout.column_of(f.field or "", month)
            if column is not None:
                out.setdefault((r, column), []).append(f)
        return out

    def findings_at(self, row: int, column: int) -> list[Finding]:
        return self._findings.get((row, column), [])

    def all_findings(self) -> list[tuple[int, int, Finding]]:
        return [(r, c, f) for (r, c), fs in sorted(self._findings.items()) for f in fs]

    # Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.layout is None else len(self.layout)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self.layout is None:
            return None
        if orientation == Qt.Horizontal and role == DISPLAY and 0 <= section < len(self.layout):
            text = self.layout.header(section)
            # two lines for a month's columns: narrow enough for the quarter to fit at 1366
            return text.replace(" ", "\n", 1) if section >= 2 else text
        if orientation == Qt.Vertical and role == DISPLAY:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        col = self.layout.columns[index.column()]
        if col.editable and col.month in self._active[index.row()]:
            return _EDITABLE
        return _SELECTABLE

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        if role not in _ROLES:
            return None
        row = self.rows[index.row()]
        col = self.layout.columns[index.column()]
        found = self._findings.get((index.row(), index.column()), ())
        active = col.month in self._active[index.row()]
        if role in (DISPLAY, EDIT):
            if col.kind == "cpr":
                return format_cpr(row.cpr, self.masked)
            if col.kind == "placement":
                return placement_text(row)
            if col.kind == "total":
                return str(total(row, col.tag))
            return cell_value(row, col) or ""
        if role == ALIGNMENT and index.column() > 1:
            return _RIGHT
        if role == FINDING and found:
            return ERROR_BG if any(f.is_error for f in found) else WARNING_BG
        if role == BACKGROUND:
            if found:
                return QBrush(ERROR_BG if any(f.is_error for f in found) else WARNING_BG)
            if col.editable and not active:
                return _INACTIVE
        if role == DECORATION and found:
            return marker(any(f.is_error for f in found))
        if role == TOOLTIP:
            if found:
                return "\n".join(f"{f.rule}: {f.message}" for f in found)
            if col.editable and not active:
                return self.tr("The placement does not run in this month.")
            if col.editable and col.month not in row.months:
                return self.tr("No month yet: a value typed here creates it.")
        if role == ACCESSIBLE_DESCRIPTION and found:
            return "; ".join(f"{f.rule}: {f.message}" for f in found)
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != EDIT or not index.isValid() or not (self.flags(index) & Qt.ItemIsEditable):
            return False
        text = "" if value is None else str(value).strip()
        if text == (self.data(index, EDIT) or ""):
            return False
        col = self.layout.columns[index.column()]
        row = self.rows[index.row()]
        self.edited.emit([(index.row(), index.column(), row.modul_id, col.month, col.tag,
                           text or None)])
        return True

