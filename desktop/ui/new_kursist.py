"""A new kursist: the CPR number is checked (date, modulus 11) before anything else is asked.
The window goes on from here straight to the kursist's first referral (MainWindow.new_kursist)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from desktop.domain.codes import code_list
from desktop.ui.code_combo import CodeCombo
from desktop.workspace import cpr_problem


class NewKursistDialog(QDialog):
    def __init__(self, parent=None, mod11_is_error: bool = True):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New student"))
        self.setMinimumWidth(520)  # the CPR check's longest message fits on two lines
        self.mod11_is_error = mod11_is_error
        form = QFormLayout(self)
        self.cpr = QLineEdit(self)
        self.cpr.setPlaceholderText(self.tr("DDMMYY-XXXX"))
        self.cpr.setInputMask("999999-9999;_")
        self.cpr_message = QLabel()
        self.cpr_message.setWordWrap(True)
        # room for the longest message (two lines at this width), so nothing is cut or jumps
        self.cpr_message.setMinimumHeight(2 * self.cpr_message.fontMetrics().lineSpacing() + 4)
        self.koen = QComboBox(self)
        for code, label in code_list("kkoen"):
            self.koen.addItem(label, code)
        # Enter in the open list takes the match; the next Enter is the dialog's OK.
        self.nation = CodeCombo(self, forward_enter=False)
        self.nation.add_codes(code_list("nationer"), empty=False)
        self.nation.setCurrentIndex(-1)
        self.nation_message = QLabel()
        self.nation_message.setWordWrap(True)
        self.nation_message.setStyleSheet("color: #b3261e")
        self.nation_message.setVisible(False)
        self.nation.refused.connect(self._nation_refused)
        self.nation.lineEdit().textEdited.connect(lambda _t: self.nation_message.setVisible(False))
        cpr_label = QLabel(self.tr("&CPR number"))
        cpr_label.setBuddy(self.cpr)
        koen_label = QLabel(self.tr("&Gender"))
        koen_label.setBuddy(self.koen)
        nation_label = QLabel(self.tr("&Nationality"))
        nation_label.setBuddy(self.nation)
        form.addRow(cpr_label, self.cpr)
        form.addRow(self.cpr_message)
        form.addRow(koen_label, self.koen)
        form.addRow(nation_label, self.nation)
        form.addRow(self.nation_message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.cpr.textChanged.connect(self._check)
        self._check()

    def _nation_refused(self, message: str) -> None:
        self.nation_message.setText(message)
        self.nation_message.setVisible(True)
        self.nation.setFocus()

    def accept(self) -> None:
        # Typed text that names no nation is refused here, never stored as an empty nation.
        if self.nation.currentText().strip() and not self.nation.resolve():
            return
        super().accept()

    def cpr_digits(self) -> str:
        return "".join(ch for ch in self.cpr.text() if ch.isdigit())

    def _check(self) -> None:
        digits = self.cpr_digits()
        problem = cpr_problem(digits, self.mod11_is_error) if len(digits) == 10 else None
        ok = len(digits) == 10 and problem is None
        self.cpr_message.setText(problem or ("" if len(digits) < 10 else
                                             self.tr("The CPR number is valid.")))
        self.cpr_message.setStyleSheet("color: #b3261e" if problem else "color: #1e6b2e")
        self.koen.setEnabled(ok)
        self.nation.setEnabled(ok)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)

    def values(self) -> tuple[str, str | None, str | None]:
        return self.cpr_digits(), self.koen.currentData(), self.nation.value() or None
