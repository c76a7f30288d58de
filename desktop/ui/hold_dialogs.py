"""Dialogs for holds: a new hold, joining one, changing hold, and the modulskift shown before
it runs. Each only collects what the command needs; the window runs it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.domain.codes import code_list
from desktop.domain.cpr import format_cpr
from desktop.domain.holds import OUTCOMES, PASSED, RESTART, STAY, Hold, next_module
from desktop.ui.checked_dialog import CheckedDialog, code_combo
from desktop.ui.date_field import DateField


def hold_combo(parent, choices: list[Hold]) -> QComboBox:
    combo = QComboBox(parent)
    for h in choices:
        combo.addItem(h.title, h.id)
    return combo


class NewHoldDialog(CheckedDialog):
    """Name, DU, module, lesson length, start date, and the plan's lessons per month (the
    same for every month to begin with; the plan table changes single months)."""

    PLAN_MONTHS = 6  # months planned from the start month

    def __init__(self, lesson_minutes: int, start: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New hold"))
        self.navn = QLineEdit(self)
        self.uuddnr = code_combo(self, "uuddnr")
        self.umodul = code_combo(self, "umodul")
        self.unlekmin = QSpinBox(self)
        self.unlekmin.setRange(15, 120)
        self.unlekmin.setValue(lesson_minutes)
        self.start = DateField(self)
        self.start.set_iso(start.isoformat())
        self.skema = QSpinBox(self)
        self.skema.setRange(0, 400)
        self.skema.setValue(24)
        self.oevrig = QSpinBox(self)
        self.oevrig.setRange(0, 400)
        self.form.addRow(self.tr("&Name"), self.navn)
        self.form.addRow(self.tr("&Danish education"), self.uuddnr)
        self.form.addRow(self.tr("&Module"), self.umodul)
        self.form.addRow(self.tr("&Lesson length (min.)"), self.unlekmin)
        self.form.addRow(self.tr("&Start date"), self.start)
        self.form.addRow(self.tr("S&cheduled lessons per month"), self.skema)
        self.form.addRow(self.tr("&Other lessons per month"), self.oevrig)
        self._finish()

    def problem(self):
        if not self.navn.text().strip():
            return self.tr("The hold needs a name."), self.navn
        if p := self.start.problem():
            return p, self.start
        if not self.start.iso():
            return self.tr("Give the hold's start date."), self.start
        return None

    def plan(self) -> dict:
        day = dt.date.fromisoformat(self.start.iso())
        y, m = day.year, day.month
        out = {}
        for _ in range(self.PLAN_MONTHS):
            out[(y, m)] = {"unfagskema": str(self.skema.value()),
                           "unfagoevrig": str(self.oevrig.value())}
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def values(self) -> dict:
        return {"navn": self.navn.text().strip(), "uuddnr": self.uuddnr.currentData(),
                "umodul": self.umodul.currentData(), "unlekmin": str(self.unlekmin.value()),
                "startdato": self.start.iso(), "plan": self.plan()}


class JoinDialog(CheckedDialog):
    """'Meld på hold': which hold, from which day."""

    def __init__(self, choices: list[Hold], day: dt.date, who: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Join a hold"))
        self.form.addRow(QLabel(who))
        self.hold = hold_combo(self, choices)
        self.day = DateField(self)
        self.day.set_iso(day.isoformat())
        self.form.addRow(self.tr("&Hold"), self.hold)
        self.form.addRow(self.tr("&From"), self.day)
        self._finish()
        self.hold.setFocus()  # type the hold's first letter, Enter: joined

    def problem(self):
        if self.hold.currentIndex() < 0:
            return self.tr("There is no hold to join yet: create one under Holds."), self.hold
        if p := self.day.problem() or (None if self.day.iso() else self.tr("Give the date.")):
            return p, self.day
        return None

    def values(self) -> tuple[int, str]:
        return self.hold.currentData(), self.day.iso()


class CprJoinDialog(JoinDialog):
    """Joining from the hold's window: the kursist by CPR number."""

    def __init__(self, choices: list[Hold], day: dt.date, find_kursist, parent=None):
        super().__init__(choices, day, "", parent)
        self.find_kursist = find_kursist
        self.cpr = QLineEdit(self)
        self.cpr.setPlaceholderText(self.tr("DDMMYY-XXXX"))
        self.form.insertRow(0, self.tr("&CPR number"), self.cpr)
        self.cpr.setFocus()

    def problem(self):
        digits = "".join(ch for ch in self.cpr.text() if ch.isdigit())
        if self.find_kursist(digits) is None:
            return self.tr("No student has that CPR number; create the student first "
                           "(Ctrl+N in the main window)."), self.cpr
        return super().problem()

    def kursist(self) -> int:
        return self.find_kursist("".join(ch for ch in self.cpr.text() if ch.isdigit()))


class LeaveDialog(CheckedDialog):
    """End a placement on its hold: the day, and a passed module test or a reason."""

    def __init__(self, day: dt.date, who: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Leave the hold"))
        self.form.addRow(QLabel(who))
        self.day = DateField(self)
        self.day.set_iso(day.isoformat())
        self.how = QComboBox(self)
        self.how.addItem(self.tr("Passed module test"), None)
        for code, label in code_list("ophoersaarsag"):
            self.how.addItem(f"{code} – {label}", code)
        self.form.addRow(self.tr("&End date"), self.day)
        self.form.addRow(self.tr("&How"), self.how)
        self._finish()

    def problem(self):
        if p := self.day.problem() or (None if self.day.iso() else self.tr("Give the date.")):
            return p, self.day
        return None

    def values(self) -> tuple[str, str | None, bool]:
        reason = self.how.currentData()
        return self.day.iso(), reason, reason is None


class ChangeHoldDialog(JoinDialog):
    def __init__(self, choices: list[Hold], day: dt.date, who: str, parent=None):
        super().__init__(choices, day, who, parent)
        self.setWindowTitle(self.tr("Change hold"))


class EndHoldDialog(CheckedDialog):
    """'Afslut hold': the day the hold stops."""

    def __init__(self, hold: Hold, day: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("End hold"))
        self.form.addRow(QLabel(self.tr("{hold} stops. Students still on it after the day "
                                        "must leave it or change hold first.").format(
                                            hold=hold.title)))
        self.day = DateField(self)
        self.day.set_iso(day.isoformat())
        self.form.addRow(self.tr("&End date"), self.day)
        self._finish()
        self.day.setFocus()

    def problem(self):
        if p := self.day.problem() or (None if self.day.iso() else self.tr("Give the date.")):
            return p, self.day
        return None

    def values(self) -> str:
        return self.day.iso()


_OUTCOME_TEXT = {  # English source texts, translated when shown
    PASSED: QT_TRANSLATE_NOOP("ModuleShiftDialog", "Passed: next module on the hold"),
    STAY: QT_TRANSLATE_NOOP("ModuleShiftDialog", "Stays on the module"),
    RESTART: QT_TRANSLATE_NOOP("ModuleShiftDialog", "Restarts the module (new attempt)")}


class ModuleShiftDialog(CheckedDialog):
    """The modulskift as it will run: the day, each member with what happens to them, and a
    summary; OK runs it as one command."""

    def __init__(self, hold: Hold, members: list, day: dt.date, masked: bool, parent=None):
        super().__init__(parent)
        self.hold, self.members = hold, members
        nxt = next_module(hold.umodul)
        self.setWindowTitle(self.tr("Module shift"))
        self.form.addRow(QLabel(self.tr("{hold} moves on from module {old} to module {new}.")
                                .format(hold=hold.navn, old=hold.umodul, new=nxt)))
        self.day = DateField(self)
        self.day.set_iso(day.isoformat())
        self.form.addRow(self.tr("&Date of the module test"), self.day)
        self.table = QTableWidget(len(members), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("CPR number"), self.tr("Outcome")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.choices: list[QComboBox] = []
        for i, m in enumerate(members):
            item = QTableWidgetItem(format_cpr(m.cpr, masked))
            item.setFlags(Qt.ItemIsEnabled)
            self.table.setItem(i, 0, item)
            combo = QComboBox(self.table)
            for outcome in OUTCOMES:
                combo.addItem(self.tr(_OUTCOME_TEXT[outcome]), outcome)
            combo.currentIndexChanged.connect(self._summarize)
            self.table.setCellWidget(i, 1, combo)
            self.choices.append(combo)
        self.form.addRow(self.table)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.form.addRow(self.summary)
        self._finish()
        self._summarize()

    def _summarize(self) -> None:
        counts = {o: 0 for o in OUTCOMES}
        for combo in self.choices:
            counts[combo.currentData()] += 1
        self.summary.setText(self.tr(
            "{passed} close their placement with the module test and start module {new} on the "
            "hold; {stay} stay on their module; {restart} restart it as a new attempt.").format(
            passed=counts[PASSED], stay=counts[STAY], restart=counts[RESTART],
            new=next_module(self.hold.umodul)))

    def problem(self):
        if p := self.day.problem() or (None if self.day.iso() else self.tr("Give the date.")):
            return p, self.day
        return None

    def values(self) -> tuple[str, dict[int, str]]:
        return self.day.iso(), {m.modul_id: combo.currentData()
                                for m, combo in zip(self.members, self.choices)}

