"""Closing a placement (end date with ophørsårsag or modultest) and 'genstart modul'."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton

from desktop.ui.checked_dialog import CheckedDialog, code_combo
from desktop.ui.date_field import DateField


class CloseDialog(CheckedDialog):
    """End date, and either an ophørsårsag or the date of the passed module test (A5, W3)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("End placement"))
        self.end = DateField(self)
        self.passed = QRadioButton(self.tr("Passed module test"), self)
        self.stopped = QRadioButton(self.tr("Left without module test"), self)
        self.passed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.passed)
        group.addButton(self.stopped)
        self.test_date = DateField(self)
        self.reason = code_combo(self, "ophoersaarsag")
        self.form.addRow(self.tr("End date"), self.end)
        self.form.addRow(self.passed, self.test_date)
        self.form.addRow(self.stopped, self.reason)
        self.end.edit.textChanged.connect(lambda t: self.test_date.edit.setText(t))
        self.passed.toggled.connect(self._sync)
        self._sync()
        self._finish()

    def _sync(self) -> None:
        self.test_date.setEnabled(self.passed.isChecked())
        self.reason.setEnabled(not self.passed.isChecked())

    def _dates(self) -> list[DateField]:
        return [self.end] + ([self.test_date] if self.passed.isChecked() else [])

    def values(self) -> dict[str, str | None]:
        if self.passed.isChecked():
            return {"uslutdato": self.end.iso(), "umodtestdato": self.test_date.iso(),
                    "uophoersaarsag": None}
        return {"uslutdato": self.end.iso(), "uophoersaarsag": self.reason.currentData(),
                "umodtestdato": None}


class RestartDialog(CheckedDialog):
    """Close the placement with an ophørsårsag and open the same module as attempt + 1."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restart module"))
        self.end = DateField(self)
        self.reason = code_combo(self, "ophoersaarsag")
        self.reason.setCurrentIndex(self.reason.findData("7"))
        self.start = DateField(self)
        self.form.addRow(self.tr("End date of the old placement"), self.end)
        self.form.addRow(self.tr("Reason for leaving"), self.reason)
        self.form.addRow(self.tr("Start date of the new attempt"), self.start)
        self._finish()

    def _dates(self) -> list[DateField]:
        return [self.end, self.start]

    def values(self) -> tuple[str, str, str]:
        return self.end.iso(), self.reason.currentData(), self.start.iso()
