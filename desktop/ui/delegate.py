"""Editors for catalogue fields: code lists as drop-downs (with type-ahead for the long ones),
dates typed Danish-style, everything else as plain text.

Numbers get no input validator: it would describe the field a second time, and it refused
what it did not like in silence (Enter on 13 in a month did nothing). What is typed is stored,
and the catalogue's finding at the field says in Danish what is wrong, as for a date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QStyledItemDelegate

from desktop.domain.codes import LONG_LISTS, code_list, grade_scale
from desktop.ui.date_field import DateLineEdit
from desktop.ui.record_model import FIELD_ROLE


class FieldDelegate(QStyledItemDelegate):
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
        if codes is not None:
            combo = QComboBox(parent)
            combo.setEditable(f.codes in LONG_LISTS)
            if f.nillable or f.codes in LONG_LISTS:
                combo.addItem("", "")
            for code, label in codes:
                combo.addItem(f"{code} – {label}" if f.codes not in LONG_LISTS else
                              f"{code} {label}", code)
            if combo.isEditable():
                completer = QCompleter(combo.model(), combo)
                completer.setFilterMode(Qt.MatchContains)
                completer.setCaseSensitivity(Qt.CaseInsensitive)
                combo.setCompleter(completer)
            return combo
        if f.is_date:
            edit = DateLineEdit(parent)
            # a day picked in the calendar is committed at once, like Enter
            edit.picked.connect(lambda: (self.commitData.emit(edit), self.closeEditor.emit(edit)))
            return edit
        return QLineEdit(parent)

    def setEditorData(self, editor, index):
        value = index.data(Qt.EditRole) or ""
        if isinstance(editor, QComboBox):
            i = editor.findData(value)
            if i >= 0:
                editor.setCurrentIndex(i)
            elif editor.isEditable():
                editor.setEditText(value)
        else:
            editor.setText(value)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            text = editor.currentText().strip()
            data = editor.currentData()
            if editor.isEditable() and (data is None or editor.itemText(editor.currentIndex()) != text):
                # typed by hand: take the code at its start ("101 København" or just "101")
                text = text.split(" ")[0] if text else ""
            else:
                text = data or ""
            model.setData(index, text, Qt.EditRole)
        else:
            model.setData(index, editor.text().strip(), Qt.EditRole)
