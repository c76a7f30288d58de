"""The quarter grid's table, with the keys of a spreadsheet: typing replaces the cell, Enter
stores it and moves down (from the last row to the top of the next column; after Tabs, to the
next row where the Tabs began), Tab moves right (from the row's end to the next row), arrows
move, F2 edits, Delete clears the selected cells,
Ctrl+C copies them and Ctrl+V pastes a block at the current cell, as tab-separated text.

The view asks; the window stores: `paste(row, column, text)` and `clear(cells)`.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from desktop.domain.cpr import format_cpr
from desktop.domain.grid import block_of
from desktop.domain.holds import format_block
from desktop.ui.finding_paint import FindingDelegate


class GridView(QTableView):
    paste = Signal(int, int, str)  # row, column, the clipboard's text
    clear = Signal(list)  # [(row, column)] of the editable cells to empty
    editor_closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.AnyKeyPressed | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.DoubleClicked)
        self.setTabKeyNavigation(True)
        self.setItemDelegate(FindingDelegate(self))  # a finding stays visible in the selection
        self.setAlternatingRowColors(True)
        # measured once per new grid (fit_columns), not on every change: ResizeToContents
        # would measure every cell again after each typed value
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.verticalHeader().setDefaultSectionSize(24)
        self.masked = False
        self._tab_origin: int | None = None  # where a run of Tabs began, for Enter

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()

    # Moving -------------------------------------------------------------------------------
    def _editable(self, row: int, column: int) -> bool:
        model = self.model()
        return bool(model.flags(model.index(row, column)) & Qt.ItemIsEditable)

    def _value_columns(self) -> list[int]:
        layout = self.model().layout
        return [i for i, c in enumerate(layout.columns) if c.editable] if layout else []

    def _go(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
            self.scrollTo(index)

    def step(self, key: str) -> bool:
        """Move as the key says; False at the grid's end (the key then leaves the table)."""
        current = self.currentIndex()
        rows, cols = self.model().rowCount(), self._value_columns()
        if not current.isValid() or not cols or rows == 0:
            return False
        r, c = current.row(), current.column()
        if key == "down":
            origin, self._tab_origin = self._tab_origin, None
            if origin is not None and r + 1 < rows:  # Tab, Tab, Enter: the next row's start
                self._go(r + 1, origin)
                return True
            if r + 1 < rows:
                self._go(r + 1, c)
                return True
            later = [x for x in cols if x > c]
            if later:  # typing a column top to bottom goes on at the next column's top
                self._go(0, later[0])
                return True
            return False
        if key == "right":
            later = [x for x in cols if x > c]
            if self._tab_origin is None:
                self._tab_origin = c
            if later:
                self._go(r, later[0])
                return True
            if r + 1 < rows:
                self._go(r + 1, cols[0])
                return True
            return False
        if key == "left":
            earlier = [x for x in cols if x < c]
            if earlier:
                self._go(r, earlier[-1])
                return True
            if r > 0:
                self._go(r - 1, cols[-1])
                return True
            return False
        return False

    def closeEditor(self, editor, hint) -> None:
        """Enter and Tab store the value and move, like a spreadsheet; the cell moved to is
        not opened, so typing there replaces its value."""
        moves = {QAbstractItemDelegate.SubmitModelCache: "down",
                 QAbstractItemDelegate.EditNextItem: "right",
                 QAbstractItemDelegate.EditPreviousItem: "left"}
        move = moves.get(hint)
        super().closeEditor(editor, QAbstractItemDelegate.NoHint)
        if move:
            self.setFocus()
            self.step(move)
        self.editor_closed.emit()

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if event.matches(QKeySequence.Paste):
            current = self.currentIndex()
            if current.isValid():
                self.paste.emit(current.row(), current.column(),
                                QGuiApplication.clipboard().text())
            return
        if event.matches(QKeySequence.Copy):
            self.copy_selection()
            return
        if key in (Qt.Key_Delete, Qt.Key_Backspace) and self.state() != QAbstractItemView.EditingState:
            cells = [(i.row(), i.column()) for i in self.selectedIndexes()
                     if self._editable(i.row(), i.column())]
            if cells:
                self.clear.emit(sorted(cells))
            return
        if key in (Qt.Key_Return, Qt.Key_Enter) and not mods:
            # While editing, the delegate stores the value and closeEditor moves (Qt passes
            # the key on from the editor as well: moving here too would skip a row).
            if self.state() != QAbstractItemView.EditingState:
                self.step("down")
            return
        if key in (Qt.Key_Tab, Qt.Key_Backtab) and mods & Qt.ControlModifier:
            QWidget.focusNextPrevChild(self, not (mods & Qt.ShiftModifier))  # always leaves
            return
        if key in (Qt.Key_Up, Qt.Key_Down, Qt.Key_Left, Qt.Key_Right, Qt.Key_Home, Qt.Key_End,
                   Qt.Key_PageUp, Qt.Key_PageDown):
            self._tab_origin = None
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab and Shift+Tab move cell to cell, and leave the grid after its last cell or
        before its first."""
        if self.step("right" if forward else "left"):
            return True
        return QWidget.focusNextPrevChild(self, forward)

    # Copy out -----------------------------------------------------------------------------
    def copy_selection(self) -> None:
        indexes = self.selectedIndexes() or ([self.currentIndex()]
                                             if self.currentIndex().isValid() else [])
        if not indexes:
            return
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        model = self.model()
        block = block_of(model.rows, model.layout, min(rows), min(cols), max(rows), max(cols),
                         shown_cpr=lambda cpr: format_cpr(cpr, model.masked))
        QGuiApplication.clipboard().setText(format_block(block))
