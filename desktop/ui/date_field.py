"""A date typed Danish-style, with a calendar pop-up and a real empty state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from desktop.domain.dates import danish, parse_user_date


class DateField(QWidget):
    changed = Signal()

    def __init__(self, parent=None, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("dd-mm-åååå" + (" (kan være tom)" if optional else ""))
        self.edit.textChanged.connect(self.changed)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip("Vælg dato i kalender")
        self.calendar = QCalendarWidget()
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.InstantPopup)
        self.calendar.clicked.connect(lambda d: (self.set_iso(d.toString("yyyy-MM-dd")), menu.close()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

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
            return "Datoen skal udfyldes."
        return None
