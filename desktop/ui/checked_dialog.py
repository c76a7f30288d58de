"""The shape of the small dialogs that collect what a command needs: a form, a Danish error line
under it, OK/Annuller, and OK refused at the first field with a problem."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from desktop.domain.codes import code_list


class CheckedDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def _finish(self) -> None:
        """Call last in a subclass's __init__: the error line and the buttons go under the form."""
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def _dates(self) -> list:
        """The dialog's DateFields, checked in order by the default problem()."""
        return []

    def problem(self) -> tuple[str, object] | None:
        """What stops OK, and the widget to put the cursor in; None when all is well."""
        for field in self._dates():
            text = field.problem()
            if text:
                return text, field
        return None

    def _accept(self) -> None:
        found = self.problem()
        if found:
            text, widget = found
            self.error.setText(text)
            widget.setFocus()
            return
        self.accept()


def code_combo(parent, list_name: str) -> QComboBox:
    """A combo of one code list, showing "code – label" and holding the code."""
    combo = QComboBox(parent)
    for code, label in code_list(list_name):
        combo.addItem(f"{code} – {label}", code)
    return combo
