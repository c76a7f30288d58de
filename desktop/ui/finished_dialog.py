"""The placements that look finished (no teaching for a whole quarter), listed for closing:
the clerk ticks the ones to end, chooses the end date and the ophørsårsag once, and OK ends
them all in one command; or opens one kursist to decide there. Only collects; the caller runs
the command."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.domain.cpr import format_cpr
from desktop.domain.holds import month_name
from desktop.store.holds import Finished
from desktop.ui.checked_dialog import CheckedDialog, code_combo
from desktop.ui.date_field import DateField

UNKNOWN_REASON = "8"  # Andet/ukendt: a kursist who stopped coming seldom said why


class FinishedTable(QTableWidget):
    """Space ticks or unticks the current row, wherever in the row the cursor is."""

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Space and self.currentRow() >= 0:
            item = self.item(self.currentRow(), 0)
            item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)
            return
        super().keyPressEvent(event)


class FinishedDialog(CheckedDialog):
    OPEN = 2  # exec()'s result when the clerk chose to open the current row's kursist

    def __init__(self, listed: list[Finished], masked: bool, parent=None):
        super().__init__(parent)
        self.listed = listed
        self.setWindowTitle(self.tr("Placements without teaching"))
        intro = QLabel(self.tr(
            "These open placements have had no teaching for a whole quarter. Unless they are "
            "ended, they give B3. Space ticks or unticks a placement; OK ends the ticked ones."))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.table = FinishedTable(len(listed), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("CPR number"), self.tr("Danish education "
                                              "and module"), self.tr("Hold"),
                                              self.tr("Last month taught")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the date, not along the row
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, f in enumerate(listed):
            cpr = QTableWidgetItem(format_cpr(f.cpr, masked))
            cpr.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            cpr.setCheckState(Qt.Checked)
            self.table.setItem(i, 0, cpr)
            for col, text in ((1, self.tr("DU{du} module {modul}").format(du=f.uuddnr or "?",
                                                                          modul=f.umodul or "?")),
                              (2, f.hold or self.tr("no hold")),
                              (3, self._month(f))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                self.table.setItem(i, col, item)
        if listed:
            self.table.setCurrentCell(0, 0)
        placements = QLabel(self.tr("&Placements"))
        placements.setBuddy(self.table)
        self.form.addRow(placements)
        self.form.addRow(self.table)
        choose = QHBoxLayout()
        for text, state in ((self.tr("Tick &all"), Qt.Checked),
                            (self.tr("Tick &none"), Qt.Unchecked)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, s=state: self._tick_all(s))
            choose.addWidget(button)
        self.open_button = QPushButton(self.tr("Open the &student"), self)
        self.open_button.setToolTip(self.tr("Closes this list and opens the student of the "
                                            "current row, to decide there"))
        self.open_button.clicked.connect(lambda: self.done(self.OPEN))
        choose.addStretch(1)
        choose.addWidget(self.open_button)
        self.form.addRow(choose)

        self.own = QRadioButton(self.tr("&Last day of the last month taught (each its own)"), self)
        self.same = QRadioButton(self.tr("The same &date for all:"), self)
        self.own.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.own)
        group.addButton(self.same)
        self.day = DateField(self)
        self.form.addRow(self.tr("End date"), self.own)
        self.form.addRow(self.same, self.day)
        self.same.toggled.connect(self._sync)
        self.reason = code_combo(self, "ophoersaarsag")
        self.reason.setCurrentIndex(self.reason.findData(UNKNOWN_REASON))
        self.form.addRow(self.tr("&Reason for leaving"), self.reason)
        self._sync()
        self._finish()
        self.table.setFocus()

    def _month(self, f: Finished) -> str:
        if f.last_taught is None:
            return self.tr("never (ends on its start date)")
        y, m = f.last_taught
        return f"{month_name(m)} {y}"

    def _sync(self) -> None:
        self.day.setEnabled(self.same.isChecked())

    def _tick_all(self, state) -> None:
        for i in range(self.table.rowCount()):
            self.table.item(i, 0).setCheckState(state)

    def ticked(self) -> list[Finished]:
        return [f for i, f in enumerate(self.listed)
                if self.table.item(i, 0).checkState() == Qt.Checked]

    def current(self) -> Finished | None:
        row = self.table.currentRow()
        return self.listed[row] if 0 <= row < len(self.listed) else None

    def _dates(self) -> list[DateField]:
        return [self.day] if self.same.isChecked() else []

    def problem(self):
        if not self.ticked():
            return self.tr("Tick the placements to end (Space)."), self.table
        if self.same.isChecked() and not self.day.iso():
            return self.tr("Give the date."), self.day
        return super().problem()

    def values(self) -> tuple[list[tuple[int, int, str]], str]:
        """(placement, kursist, end date) of each ticked placement, and the ophørsårsag."""
        day = self.day.iso() if self.same.isChecked() else None
        return ([(f.modul_id, f.kursist_id, day or f.default_end) for f in self.ticked()],
                self.reason.currentData())
