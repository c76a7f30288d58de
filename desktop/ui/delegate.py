"""Editors for catalogue fields: code lists as drop-downs (with type-ahead for the long ones),
dates typed Danish-style, everything else as plain text.

Numbers get no input validator: it would describe the field a second time, and it refused
what it did not like in silence (Enter on 13 in a month did nothing). What is typed is stored,
and the catalogue's finding at the field says in Danish what is wrong, as for a date."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.domain.codes import LONG_LISTS, code_list, grade_scale
from desktop.ui.code_combo import COMMIT_KEYS, CodeCombo
from desktop.ui.date_field import DateLineEdit
from desktop.ui.finding_paint import FindingDelegate
from desktop.ui.record_model import FIELD_ROLE


class FieldDelegate(FindingDelegate):
    refused = Signal(str)  # typed text a code list has no entry for (the Danish message)

    def __init__(self, parent=None, iperiode: str = "20241"):
        super().__init__(parent)
        self.iperiode = iperiode

    def createEditor(self, parent, option, index):
        f = index.data(FIELD_ROLE)
        codes = None
        if f.tag == "pkarakter":
            codes = grade_scale(self.iperiode)  # the scale of the quarter
        elif f.codes:
            codes = code_list(f.codes)
        if codes is not None and f.codes in LONG_LISTS:
            combo = CodeCombo(parent)
            combo.add_codes(codes)
            combo.refused.connect(self.refused)
            return combo
        if codes is not None:
            combo = QComboBox(parent)
            if f.nillable:
                combo.addItem("", "")
            for code, label in codes:
                combo.addItem(f"{code} – {label}", code)
            return combo
        if f.is_date:
            edit = DateLineEdit(parent)
            # a day picked in the calendar is committed at once, like Enter
            edit.picked.connect(lambda: (self.commitData.emit(edit), self.closeEditor.emit(edit)))
            return edit
        return QLineEdit(parent)

    def updateEditorGeometry(self, editor, option, index) -> None:
        """A code list opens as wide as its entries need, over the cells to its right, up to
        the table's edge: in a narrow column it showed '1 – Henvist efter ir'."""
        super().updateEditorGeometry(editor, option, index)
        view = editor.parentWidget()
        if isinstance(editor, QComboBox) and view is not None:
            rect = option.rect
            room = view.width() - rect.left()
            width = min(max(rect.width(), editor.sizeHint().width()), room)
            editor.setGeometry(rect.left(), rect.top(), width, rect.height())

    def eventFilter(self, editor, event) -> bool:
        # Enter or Tab in a long code list takes the match first; text that matches nothing
        # keeps the cell open, with the message, instead of being stored.
        if (isinstance(editor, CodeCombo) and event.type() == QEvent.KeyPress
                and event.key() in COMMIT_KEYS and not editor.resolve()):
            return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index):
        value = index.data(Qt.EditRole) or ""
        if isinstance(editor, CodeCombo):
            i = editor.findData(value)
            if i >= 0:
                editor.setCurrentIndex(i)
            else:
                editor.setEditText(value)
            editor.select_all()  # typing replaces the value
        elif isinstance(editor, QComboBox):
            i = editor.findData(value)
            if i >= 0:
                editor.setCurrentIndex(i)
        else:
            editor.setText(value)

    def setModelData(self, editor, model, index):
        if isinstance(editor, CodeCombo):
            i = editor.match()
            if i is None:  # left by the mouse with text that matches nothing: kept as typed,
                text = editor.currentText().strip().split(" ")[0]  # and its finding says why
            else:
                text = "" if i < 0 else (editor.itemData(i) or "")
            model.setData(index, text, Qt.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or "", Qt.EditRole)
        else:
            model.setData(index, editor.text().strip(), Qt.EditRole)
