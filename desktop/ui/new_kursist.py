"""A new kursist: the CPR number is checked (date, modulus 11) before anything else is asked."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit
from PySide6.QtCore import Qt

from desktop.domain.codes import code_list
from desktop.workspace import cpr_problem


class NewKursistDialog(QDialog):
    def __init__(self, parent=None, mod11_is_error: bool = True):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New student"))
        self.mod11_is_error = mod11_is_error
        form = QFormLayout(self)
        self.cpr = QLineEdit(self)
        self.cpr.setPlaceholderText(self.tr("DDMMYY-XXXX"))
        self.cpr.setInputMask("999999-9999;_")
        self.cpr_message = QLabel()
        self.cpr_message.setWordWrap(True)
        self.koen = QComboBox(self)
        for code, label in code_list("kkoen"):
            self.koen.addItem(label, code)
        self.nation = QComboBox(self)
        self.nation.setEditable(True)
        for code, label in code_list("nationer"):
            self.nation.addItem(f"{code} {label}", code)
        completer = QCompleter(self.nation.model(), self.nation)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.nation.setCompleter(completer)
        self.nation.setCurrentIndex(-1)
        form.addRow(self.tr("CPR number"), self.cpr)
        form.addRow(self.cpr_message)
        form.addRow(self.tr("Gender"), self.koen)
        form.addRow(self.tr("Nationality"), self.nation)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.cpr.textChanged.connect(self._check)
        self._check()

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
        text = self.nation.currentText().strip()
        nation = self.nation.currentData() if self.nation.currentIndex() >= 0 and \
            self.nation.itemText(self.nation.currentIndex()) == text else (text.split(" ")[0] or None)
        return self.cpr_digits(), self.koen.currentData(), nation
