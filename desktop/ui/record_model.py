"""One table per record kind, its columns straight from the field catalogue.

Values are shown Danish-style (dates dd-mm-åååå, codes with their label) and edited as typed;
findings colour their cell and explain themselves in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from desktop.checks.findings import Finding
from desktop.domain.codes import code_list
from desktop.domain.dates import danish
from desktop.domain.fields import FIELDS, Field
from desktop.store.kursist import Row
from desktop.ui.roles import (
    ACCESSIBLE_DESCRIPTION,
    BACKGROUND,
    DECORATION,
    DISPLAY,
    EDIT,
    FINDING,
    TOOLTIP,
    USER,
)

ERROR_BG = QColor("#f9dedc")
WARNING_BG = QColor("#fff1c2")
FIELD_ROLE = USER + 1
ROW_ID_ROLE = USER + 2  # the record's id: the view keeps its current row across a reload


_MARKERS: dict[bool, QIcon] = {}


def marker(error: bool) -> QIcon:
    """A small filled dot: red for an error, amber for a warning."""
    if error not in _MARKERS:
        pixmap = QPixmap(10, 10)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setBrush(QColor("#b3261e") if error else QColor("#c98a00"))
        painter.setPen(Qt.NoPen)
        painter.drawEllipse(0, 0, 10, 10)
        painter.end()
        _MARKERS[error] = QIcon(pixmap)
    return _MARKERS[error]


def display(field: Field, value: str | None) -> str:
    if not value:
        return ""
    if field.is_date:
        return danish(value)
    if field.codes and field.codes not in ("nationer",):
        label = code_list(field.codes).label(value)
        return f"{value} – {label}" if label else value
    if field.codes == "nationer":
        label = code_list("nationer").label(value)
        return f"{value} {label}" if label else value
    return value


class RecordTableModel(QAbstractTableModel):
    """Rows of one kind; `edited(row id, tag, text)` asks the editor to store a typed value."""

    edited = Signal(object, str, str)

    def __init__(self, kind: str, tags: tuple[str, ...] | None = None, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.fields: list[Field] = [f for f in FIELDS[kind] if tags is None or f.tag in tags]
        self._rows: list[Row] = []
        self._ids: list[int | None] = []
        self._findings: dict[tuple[int, str | None], list[Finding]] = {}

    def set_rows(self, rows: list[Row], ids: list[int | None] | None = None) -> None:
        ids = ids if ids is not None else [r.id for r in rows]
        if ids == self._ids and rows:
            # The same records again (after an edit): new values, no reset, so the view keeps
            # its current cell and the keyboard focus.
            self._rows = rows
            self._findings = {}
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.fields) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self._ids = ids
        self._findings = {}
        self.endResetModel()

    def row_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def set_findings(self, per_row: dict[tuple[int, str | None], list[Finding]]) -> None:
        """The findings per (row, field). Only the cells whose findings changed are told: a
        re-check that finds what it found before then costs the view nothing, where any
        change makes the ResizeToContents header measure every cell again."""
        before, self._findings = self._findings, per_row
        cells = [(row, self.column_of(tag)) for row, tag in before.keys() | per_row.keys()
                 if before.get((row, tag)) != per_row.get((row, tag)) and tag
                 and 0 <= row < len(self._rows)]
        cells = [(row, column) for row, column in cells if column is not None]  # others unshown
        if cells:  # one signal over the cells that changed
            rows, columns = [r for r, _ in cells], [c for _, c in cells]
            self.dataChanged.emit(self.index(min(rows), min(columns)),
                                  self.index(max(rows), max(columns)))

    def column_of(self, tag: str) -> int | None:
        for i, f in enumerate(self.fields):
            if f.tag == tag:
                return i
        return None

    # Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not (0 <= section < len(self.fields)):
            return None
        f = self.fields[section]
        if role == DISPLAY:
            return f.label + ("" if f.nillable else " *")
        if role == TOOLTIP:
            if f.mandatory:
                return self.tr("{help}\n({name}, must be filled in)").format(help=f.help,
                                                                             name=f.name)
            return f"{f.help}\n({f.name})"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = self.fields[index.column()]
        if f.tag == "pkarakter" and 0 <= index.row() < len(self._rows):
            values = self._rows[index.row()].record.values
            if values.get("pstatus") != "4" and not values.get("pkarakter"):
                # a grade belongs to a completed test; a wrong one can still be cleared (W1)
                return Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        f = self.fields[index.column()]
        value = self._rows[index.row()].record.values.get(f.tag)
        found = self._findings.get((index.row(), f.tag), [])
        if role == DISPLAY:
            return display(f, value)
        if role == EDIT:
            return danish(value) if f.is_date else (value or "")
        if role == FIELD_ROLE:
            return f
        if role == ROW_ID_ROLE:
            return self.row_id(index.row())
        if role in (BACKGROUND, FINDING) and found:
            colour = ERROR_BG if any(x.is_error for x in found) else WARNING_BG
            return QBrush(colour) if role == BACKGROUND else colour
        if role == DECORATION and found:  # still visible when the row is selected
            return marker(any(x.is_error for x in found))
        if role == TOOLTIP:
            lines = [f"{x.rule}: {x.message}" for x in found]
            return "\n".join(lines) if lines else f.help
        if role == ACCESSIBLE_DESCRIPTION and found:
            return "; ".join(f"{x.rule}: {x.message}" for x in found)
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != EDIT or not index.isValid():
            return False
        f = self.fields[index.column()]
        text = "" if value is None else str(value)
        current = self.data(index, Qt.EditRole)
        if text == current:
            return False
        self.edited.emit(self.row_id(index.row()), f.tag, text)
        return True
