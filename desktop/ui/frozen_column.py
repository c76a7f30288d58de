"""One column of a table that stays in view while the table scrolls sideways.

The months table is wider than the editor at 1366×768: typing in its last columns scrolled
Måned out of view, and the clerk no longer saw which month the row was. `FrozenColumn` is a
second view of the same model and selection, showing only that column, laid over the table's
left edge (as in Qt's "Frozen Column" example). It takes no focus and opens no editor: the
table under it keeps the keyboard, the cursor and the delegate, and `RecordTable.scrollTo`
keeps the current cell clear of it. It is shown only while the table is scrolled sideways
(unscrolled, the table's own column is in its place, with the cursor's frame when the cursor is
there). A click on it moves the table's cursor there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

from desktop.ui.finding_paint import FindingDelegate


class FrozenColumn(QTableView):
    def __init__(self, table: QTableView, column: int):
        super().__init__(table)
        self.table, self.column = table, column
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setItemDelegate(FindingDelegate(self))  # paints the findings as the table does
        self.setFocusPolicy(Qt.NoFocus)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(table.selectionBehavior())
        self.setSelectionMode(table.selectionMode())
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.setAccessibleName(table.accessibleName())
        model = table.model()
        model.modelReset.connect(self._show_only_the_column)
        model.layoutChanged.connect(self._show_only_the_column)
        table.horizontalHeader().sectionResized.connect(self._column_resized)
        table.verticalHeader().sectionResized.connect(
            lambda row, _old, new: self.setRowHeight(row, new))
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        table.horizontalScrollBar().valueChanged.connect(lambda value: self.setVisible(value > 0))
        self.clicked.connect(self._to_table)
        self.doubleClicked.connect(lambda index: (self._to_table(index), table.edit(index)))
        self._show_only_the_column()
        self.setVisible(False)
        self.raise_()

    def _show_only_the_column(self) -> None:
        for c in range(self.model().columnCount()):
            self.setColumnHidden(c, c != self.column)
        self.verticalHeader().setDefaultSectionSize(
            self.table.verticalHeader().defaultSectionSize())
        self.place()

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == self.column:
            self.setColumnWidth(column, new)
            self.place()

    def _to_table(self, index) -> None:
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.MouseFocusReason)

    def place(self) -> None:
        """Over the table's first column: its header and its rows, not the scroll bar."""
        t = self.table
        width = t.columnWidth(self.column)
        self.setColumnWidth(self.column, width)
        self.horizontalHeader().setFixedHeight(t.horizontalHeader().height())
        self.setGeometry(t.frameWidth() + (t.verticalHeader().width()
                                          if t.verticalHeader().isVisible() else 0),
                         t.frameWidth(), width,
                         t.horizontalHeader().height() + t.viewport().height())
        self.verticalScrollBar().setValue(t.verticalScrollBar().value())

    def covers(self) -> int:
        """How many pixels of the table's viewport, from its left edge, are under this view."""
        return self.width() if self.table.horizontalScrollBar().value() > 0 else 0
