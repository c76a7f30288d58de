"""A table view that works like a spreadsheet and never traps the keyboard.

Use `KeyTable` wherever a `QTableView` would do (or subclass it):

    table = KeyTable(parent)                    # editable: Tab walks the cells, then leaves
    table.setModel(model)
    table.restore_key_role = MY_ID_ROLE         # optional: the current cell follows its row
                                                # (by that role's value) across a model reset
    lst = KeyTable(parent, one_stop=True)       # a list: one Tab stop, arrows move in it
    KeyTable(parent, restore=False)             # the owner puts the cursor back itself

What it does:

- Tab / Shift+Tab move cell to cell (Qt's `tabKeyNavigation`) and leave the table after its
  last / before its first cell, to the next / previous widget in the focus chain. Ctrl+Tab and
  Ctrl+Shift+Tab always leave, also from a cell being edited (which is committed first).
  Tabbed into, the cursor starts at the first (Shift+Tab: last) cell of the current row.
  `one_stop=True` makes the table a single stop (Tab leaves at once).
- Typing into a cell replaces its value (the editor opens with its text selected, code lists
  included); F2 edits in place.
- A committed edit keeps the keyboard in the table and moves where the key says: Enter (or
  Return) down, Tab right, Shift+Tab left, at the edge out of the table as above. After Tabs
  along a row, Enter goes one row down to the column where they began (type a row, Enter, type
  the next). Enter on a cell that is not being edited moves down too; in a non-editable table
  it emits `activated` as before (`enter_moves_down=False` forces that).
- Delete clears the current cell of an editable table (`model.setData(index, "")`).
- When the model is reset (a reload), the current cell and the keyboard focus come back: to the
  row with the same `restore_key_role` value if one is set, else to the same row and column
  (`restore=False`: only the focus comes back, e.g. where the current row opens something).
- `edit_new_row(row, column)` scrolls a new row into view and opens its cell for typing.

Models that want the view to keep its place should still prefer `dataChanged` to a reset for
an edit; the restore is the safety net for reloads that must reset.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QTableView,
                               QWidget)

_COMMIT_DOWN = QAbstractItemDelegate.EndEditHint.SubmitModelCache
_NEXT = QAbstractItemDelegate.EndEditHint.EditNextItem
_PREVIOUS = QAbstractItemDelegate.EndEditHint.EditPreviousItem
_NO_HINT = QAbstractItemDelegate.EndEditHint.NoHint


class KeyTable(QTableView):
    def __init__(self, parent=None, one_stop: bool = False, enter_moves_down: bool | None = None,
                 restore: bool = True):
        super().__init__(parent)
        self.one_stop = one_stop
        self.restore = restore
        self.setTabKeyNavigation(not one_stop)
        self._enter_moves_down = enter_moves_down
        self.restore_key_role: int | None = None
        self._saved: tuple | None = None  # (key or row, column, had focus) across a reset
        self._run_start: tuple[int, int] | None = None  # (row, column) where Tabs along a row began

    # The model ----------------------------------------------------------------------------
    def setModel(self, model) -> None:
        old = self.model()
        if old is not None:
            for signal, slot in ((old.modelAboutToBeReset, self._before_reset),
                                 (old.modelReset, self._after_reset)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        super().setModel(model)
        if model is not None:
            model.modelAboutToBeReset.connect(self._before_reset)
            model.modelReset.connect(self._after_reset)

    def _before_reset(self) -> None:
        current = self.currentIndex()
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is self or self.isAncestorOf(focus))
        if not current.isValid() or not self.restore:
            self._saved = (had_focus,)
            return
        key = current.siblingAtColumn(0).data(self.restore_key_role) \
            if self.restore_key_role is not None else None
        self._saved = (key, current.row(), current.column(), had_focus)

    def _after_reset(self) -> None:
        saved, self._saved = self._saved, None
        if not saved or len(saved) < 4:
            if saved and saved[-1]:
                self.setFocus(Qt.OtherFocusReason)
            return
        key, row, column, had_focus = saved
        model = self.model()
        if key is not None:
            row = next((r for r in range(model.rowCount())
                        if model.index(r, 0).data(self.restore_key_role) == key), None)
        elif row is not None and model.rowCount():
            row = min(row, model.rowCount() - 1)
        if row is not None and 0 <= row < model.rowCount() and model.columnCount():
            index = model.index(row, min(column, model.columnCount() - 1))
            self.selectionModel().setCurrentIndex(index, self._select_flags())
        if had_focus:
            self.setFocus(Qt.OtherFocusReason)

    def _select_flags(self):
        if self.selectionMode() == QAbstractItemView.NoSelection:
            return QItemSelectionModel.NoUpdate
        flags = QItemSelectionModel.ClearAndSelect
        if self.selectionBehavior() == QAbstractItemView.SelectRows:
            flags |= QItemSelectionModel.Rows
        return flags

    # Where the cursor is ------------------------------------------------------------------
    def _visible_columns(self) -> list[int]:
        header = self.horizontalHeader()
        return [header.logicalIndex(v) for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))]

    def _at_edge(self, forward: bool) -> bool:
        """True when Tab (forward) or Shift+Tab would leave the table rather than move."""
        model = self.model()
        current = self.currentIndex()
        columns = self._visible_columns()
        if model is None or not current.isValid() or not columns or model.rowCount() == 0:
            return True
        if forward:
            return current.row() >= model.rowCount() - 1 and current.column() == columns[-1]
        return current.row() <= 0 and current.column() == columns[0]

    def _editable(self) -> bool:
        return self.editTriggers() != QAbstractItemView.NoEditTriggers

    def _moves_down_on_enter(self) -> bool:
        return self._editable() if self._enter_moves_down is None else self._enter_moves_down

    def move_to(self, row: int, column: int) -> bool:
        model = self.model()
        if model is None or not (0 <= row < model.rowCount() and 0 <= column < model.columnCount()):
            return False
        index = model.index(row, column)
        self.selectionModel().setCurrentIndex(index, self._select_flags())
        self.scrollTo(index)
        return True

    # Leaving ------------------------------------------------------------------------------
    def leave(self, forward: bool) -> bool:
        """Give the focus to the next (previous) widget of the window's focus chain."""
        navigation = self.tabKeyNavigation()
        self.setTabKeyNavigation(False)  # else Qt's focusNextPrevChild only moves the cursor
        try:
            return super().focusNextPrevChild(forward)
        finally:
            self.setTabKeyNavigation(navigation)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self.one_stop or self._at_edge(forward):
            return self.leave(forward)
        if not self.tabKeyNavigation():
            return super().focusNextPrevChild(forward)
        self._tab(forward)
        return True

    def _tab(self, forward: bool) -> None:
        if self._at_edge(forward):
            self.leave(forward)
            return
        current = self.currentIndex()
        index = self.moveCursor(QAbstractItemView.MoveNext if forward else
                                QAbstractItemView.MovePrevious, Qt.NoModifier)
        if not index.isValid():
            return
        if index.row() == current.row():
            if self._run_start is None or self._run_start[0] != current.row():
                self._run_start = (current.row(), current.column())
        else:
            self._run_start = None
        self.move_to(index.row(), index.column())

    def _down(self) -> None:
        """Enter: the next row, in the column where the Tabs along this row began (as in a
        spreadsheet: type a row with Tab, Enter goes to the start of the next one)."""
        current = self.currentIndex()
        if not current.isValid():
            return
        column = current.column()
        if self._run_start is not None and self._run_start[0] == current.row():
            column = self._run_start[1]
        self._run_start = None
        self.move_to(current.row() + 1, column)

    def focusInEvent(self, event) -> None:
        """Tabbed into: the first cell of the current row (Shift+Tab: the last), so that the
        Tabs that follow walk the cells instead of leaving at once."""
        super().focusInEvent(event)
        model = self.model()
        columns = self._visible_columns()
        if self.one_stop or model is None or not model.rowCount() or not columns:
            return
        reason = event.reason()
        if reason not in (Qt.TabFocusReason, Qt.BacktabFocusReason):
            return
        current = self.currentIndex()
        forward = reason == Qt.TabFocusReason
        row = current.row() if current.isValid() else (0 if forward else model.rowCount() - 1)
        self.move_to(row, columns[0] if forward else columns[-1])

    # Keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key_Tab, Qt.Key_Backtab) and mods & Qt.ControlModifier:
            self.leave(key == Qt.Key_Tab and not mods & Qt.ShiftModifier)
            return
        editing = self.state() == QAbstractItemView.EditingState
        if key in (Qt.Key_Return, Qt.Key_Enter) and not editing and self._moves_down_on_enter() \
                and not mods & (Qt.ControlModifier | Qt.AltModifier):
            self._down()
            return
        if key == Qt.Key_Delete and not editing and self._editable() and not mods:
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemIsEditable and index.data(Qt.EditRole):
                self.model().setData(index, "", Qt.EditRole)
            return
        super().keyPressEvent(event)

    def edit(self, index, trigger=None, event=None):
        if trigger is None:  # the public edit(index): Qt calls back with a trigger
            return super().edit(index)
        opened = super().edit(index, trigger, event)
        editor = self.indexWidget(index) if opened else None
        if editor is not None:
            editor.installEventFilter(self)  # after the delegate's: sees Ctrl+Tab first
        return opened

    def eventFilter(self, watched, event) -> bool:
        """Ctrl+Tab in a cell being edited: commit it, and leave the table."""
        if (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Tab, Qt.Key_Backtab)
                and event.modifiers() & Qt.ControlModifier and isinstance(watched, QWidget)
                and self.state() == QAbstractItemView.EditingState):
            forward = event.key() == Qt.Key_Tab and not event.modifiers() & Qt.ShiftModifier
            resolve = getattr(watched, "resolve", None)  # a code list takes its match first
            if resolve is not None and not resolve():
                return True
            self.commitData(watched)
            self.closeEditor(watched, _NO_HINT)
            self.setFocus(Qt.OtherFocusReason)
            self.leave(forward)
            return True
        return super().eventFilter(watched, event)

    def closeEditor(self, editor, hint) -> None:
        """A committed edit keeps the keyboard here and moves where its key said."""
        moves = hint in (_NEXT, _PREVIOUS, _COMMIT_DOWN)
        super().closeEditor(editor, _NO_HINT if hint in (_NEXT, _PREVIOUS) else hint)
        if not moves:
            return
        focus = QApplication.focusWidget()
        if not (focus is self or (focus is not None and self.isAncestorOf(focus))):
            self.setFocus(Qt.OtherFocusReason)  # a reload under the editor moved it away
        if hint == _COMMIT_DOWN:
            self._down()
        else:
            self._tab(hint == _NEXT)

    def edit_new_row(self, row: int, column: int = 0) -> None:
        """A row just added: scroll it into view and open the cell for typing."""
        if self.move_to(row, column):
            self.setFocus(Qt.OtherFocusReason)
            self.edit(self.currentIndex())
