"""A date typed Danish-style, with a calendar pop-up and a real empty state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton,
                               QWidget, QWidgetAction)

from desktop.domain.dates import danish, parse_user_date


class DateField(QWidget):
    changed = Signal()
    picked = Signal()  # a day was chosen in the calendar

    def __init__(self, parent=None, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("dd-mm-yyyy (may be empty)") if optional else
                                     self.tr("dd-mm-yyyy"))
        self.edit.textChanged.connect(self.changed)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip(self.tr("Choose a date in the calendar"))
        self.calendar = QCalendarWidget()
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.InstantPopup)
        self.calendar.clicked.connect(self._picked)
        self._menu = menu
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def _picked(self, day: QDate) -> None:
        self.set_iso(day.toString("yyyy-MM-dd"))
        self._menu.close()
        self.edit.setFocus()
        self.picked.emit()

    def set_iso(self, iso: str | None) -> None:
        self.edit.setText(danish(iso))
        if iso:
            day = dt.date.fromisoformat(iso[:10])
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def iso(self) -> str | None:
        """The ISO date, None when empty; raises ValueError with a Danish message."""
        return parse_user_date(self.edit.text())

    def problem(self) -> str | None:
        try:
            value = self.iso()
        except ValueError as exc:
            return str(exc)
        if value is None and not self.optional:
            return self.tr("The date must be filled in.")
        return None


class DateLineEdit(QLineEdit):
    """The table cell's date editor: one line edit (so the view's own commit on Enter, Tab and
    focus loss applies), with a calendar behind a button inside it."""

    picked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd-mm-yyyy"))
        self.calendar = QCalendarWidget()
        self._menu = QMenu(self)  # a child of the editor, so opening it does not end the edit
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(self.calendar)
        self._menu.addAction(action)
        button = self.addAction(self.style().standardIcon(self.style().StandardPixmap.SP_FileDialogDetailedView),
                                QLineEdit.TrailingPosition)
        button.setToolTip(self.tr("Choose a date in the calendar (Alt+Down)"))
        button.triggered.connect(self.show_calendar)
        self.calendar.clicked.connect(self._picked)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt
        if event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        try:
            iso = parse_user_date(self.text())
        except ValueError:
            iso = None
        if iso:
            day = dt.date.fromisoformat(iso)
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def _picked(self, day: QDate) -> None:
        self.setText(day.toString("dd-MM-yyyy"))
        self._menu.close()
        self.picked.emit()
