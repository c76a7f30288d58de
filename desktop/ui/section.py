"""A titled record table with its buttons and the short messages of its findings."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.checks.findings import Finding
from desktop.domain.cpr import mask_cprs
from desktop.ui.delegate import FieldDelegate
from desktop.ui.frozen_column import FrozenColumn
from desktop.ui.record_model import ROW_ID_ROLE, RecordTableModel
from desktop.ui.table_keys import KeyTable


class RecordTable(KeyTable):
    def __init__(self, model: RecordTableModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.restore_key_role = ROW_ID_ROLE
        self.delegate = FieldDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        # Typing starts an edit, as in a spreadsheet; moving the cursor never does.
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed |
                             QAbstractItemView.AnyKeyPressed | QAbstractItemView.SelectedClicked)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.frozen: FrozenColumn | None = None

    def freeze(self, tag: str) -> None:
        """Keep this column in view at the left edge however far the table scrolls sideways
        (it should be shown first: see `show_first`)."""
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)  # scrollTo below
        self.frozen = FrozenColumn(self, self.model().column_of(tag))

    def scrollTo(self, index, hint=QAbstractItemView.EnsureVisible) -> None:
        """In view, and not under the frozen column."""
        super().scrollTo(index, hint)
        frozen = self.frozen
        if frozen is None or not index.isValid() or index.column() == frozen.column:
            return
        hidden = frozen.covers() - self.visualRect(index).left()
        if hidden > 0:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - hidden)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if getattr(self, "frozen", None) is not None:
            self.frozen.place()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.frozen is not None:
            self.frozen.place()

    def show_first(self, tags: list[str]) -> None:
        """Show these columns first, in this order (the view only: the model keeps the
        catalogue's order); Tab follows what is shown."""
        header = self.horizontalHeader()
        for position, tag in enumerate(tags):
            column = self.model().column_of(tag)
            if column is not None:
                header.moveSection(header.visualIndex(column), position)

    def fit_height(self) -> None:
        rows = max(self.model().rowCount(), 1)
        height = self.horizontalHeader().height() + rows * self.verticalHeader().defaultSectionSize()
        if self.horizontalScrollBar().maximum() > 0:
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)


class Section(QWidget):
    def __init__(self, title: str, model: RecordTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.title = QLabel(f"<b>{title}</b>")
        self.table = RecordTable(model, self)
        self.table.setAccessibleName(title)
        self.table.delegate.refused.connect(self.show_problem)
        self.messages = QLabel()
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.RichText)
        self.messages.setVisible(False)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addLayout(self.buttons, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addLayout(head)
        layout.addWidget(self.table)
        layout.addWidget(self.messages)

    def add_button(self, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def show_findings(self, findings: list[Finding], masked: bool = False) -> None:
        """The short messages under the table; the cells themselves are coloured."""
        self.table.fit_height()
        if not findings:
            self.messages.setVisible(False)
            return
        lines = []
        for f in findings:
            colour = "#b3261e" if f.is_error else "#8a5a00"
            # the message may quote what was typed: shown as text, never as markup
            message = mask_cprs(f.message) if masked else f.message
            lines.append(f"<span style='color:{colour}'>● <b>{f.rule}</b></span> "
                         f"{escape(message, quote=False)}")
        self.messages.setText("<br>".join(lines))
        self.messages.setVisible(True)

    def show_problem(self, text: str) -> None:
        """Why an edit was not stored; the next findings replace it."""
        self.messages.setText(f"<span style='color:#b3261e'>● {escape(text, quote=False)}</span>")
        self.messages.setVisible(True)

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1
