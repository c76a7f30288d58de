"""A long code list (nation, kommune) as an editable drop-down with type-ahead.

Typing filters the list (anywhere in "code label", any case). Enter or Tab takes the match:
the entry the user moved to with the arrows, else the code typed in full, else the first entry
that contains the text. Text that matches nothing is refused out loud (`refused` carries the
Danish message, also shown as a tooltip at the field): it is never turned into an empty value
and never silently dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QToolTip

COMMIT_KEYS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab)


class CodeCombo(QComboBox):
    refused = Signal(str)  # the Danish message for text that matches no entry

    def __init__(self, parent=None, forward_enter: bool = True):
        super().__init__(parent)
        # forward_enter: Enter in the open list also reaches the widget's owner (a table cell
        # commits at once); in a form it only takes the match, the next Enter is the form's.
        self.forward_enter = forward_enter
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)  # typed text never becomes a new entry
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.setCompleter(completer)
        # Installed after the completer's own filter, so it sees the popup's keys first.
        self._popup_keys = _PopupKeys(self)
        completer.popup().installEventFilter(self._popup_keys)
        self.lineEdit().textEdited.connect(lambda _text: QTimer.singleShot(0, self._mark_match))

    def add_codes(self, codes, empty: bool = True) -> None:
        if empty:
            self.addItem("", "")
        for code, label in codes:
            self.addItem(f"{code} {label}", code)

    def select_all(self) -> None:
        """So that typing replaces the value, as in a spreadsheet cell."""
        self.lineEdit().selectAll()

    # Matching -----------------------------------------------------------------------------
    def match(self) -> int | None:
        """The entry the typed text stands for; -1 for empty text; None when nothing matches."""
        text = self.currentText().strip()
        if not text:
            return -1
        exact = self.findText(text, Qt.MatchFixedString)
        if exact >= 0:
            return exact
        needle = text.casefold()
        first_word = needle.split(" ")[0]
        for i in range(self.count()):
            if str(self.itemData(i) or "").casefold() == first_word:
                return i
        for i in range(self.count()):
            if needle in self.itemText(i).casefold():
                return i
        return None

    def resolve(self) -> bool:
        """Take the match as the value; False (and the message) when the text matches nothing."""
        i = self.match()
        if i is None:
            message = self.tr("“{text}” is not in the list. Type part of a code or a name, "
                              "and choose with the arrow keys.")
            message = message.format(text=self.currentText().strip())
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
            self.refused.emit(message)
            return False
        if i == -1:
            self.setCurrentIndex(self.findData("") if self.findData("") >= 0 else -1)
            if self.currentIndex() == -1:
                self.setEditText("")
        else:
            self.setCurrentIndex(i)
            self.setEditText(self.itemText(i))
        return True

    def value(self) -> str | None:
        """The chosen code ('' for empty), after resolve()."""
        i = self.currentIndex()
        if i >= 0 and self.itemText(i) == self.currentText():
            return self.itemData(i) or ""
        return None if self.currentText().strip() else ""

    def _mark_match(self) -> None:
        """Show which entry Enter will take, as the user types (without replacing the text)."""
        completer = self.completer()
        popup = completer.popup()
        i = self.match()
        if i is None or i < 0 or not popup.isVisible():
            return
        text = self.itemText(i)
        model = completer.completionModel()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data() == text:
                popup.selectionModel().setCurrentIndex(index, QItemSelectionModel.NoUpdate)
                popup.scrollTo(index)
                return

    def keyPressEvent(self, event) -> None:
        # Keys sent to the field itself while the list is open (the popup usually gets them
        # first, see _PopupKeys): the same rule, so both paths count the same keys.
        if (event.key() in (Qt.Key_Return, Qt.Key_Enter) and not self.forward_enter
                and self.completer().popup().isVisible()):
            self._take_popup_choice()
            self.resolve()
            event.accept()
            return
        super().keyPressEvent(event)

    def _take_popup_choice(self) -> None:
        popup = self.completer().popup()
        current = popup.currentIndex()
        popup.hide()
        if current.isValid():
            i = self.findText(current.data(), Qt.MatchFixedString)
            if i >= 0:
                self.setCurrentIndex(i)
                self.setEditText(self.itemText(i))


class _PopupKeys(QObject):
    """Enter and Tab in the open type-ahead list: take the marked entry, then pass Tab (and in a
    table cell Enter) on to the field, so that the form or the table moves on."""

    def __init__(self, combo: CodeCombo):
        super().__init__(combo)
        self.combo = combo

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.KeyPress or event.key() not in COMMIT_KEYS:
            return False
        combo = self.combo
        combo._take_popup_choice()
        if event.key() in (Qt.Key_Tab, Qt.Key_Backtab) or combo.forward_enter:
            QApplication.sendEvent(combo, QKeyEvent(QEvent.KeyPress, event.key(), event.modifiers(),
                                                    event.text()))
        else:
            combo.resolve()
        return True
