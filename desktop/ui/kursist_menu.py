"""The Kursist menu: the editor's section actions and the keyboard's ways around the window,
each with its shortcut. The one place these are built; the user guide's keyboard chapter lists
the same keys (tests/test_keyboard.py checks that every shortcut is there)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def build_kursist_menu(window) -> dict[str, QAction]:
    """Adds the menu to the window's menu bar and returns its actions by name. The shortcuts
    are window-wide: they work in the search field and in a cell being edited too."""
    return KursistMenu(window).actions


class KursistMenu(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.actions = self._build(window)

    def _build(self, window) -> dict[str, QAction]:
        editor = window.editor
        menu = window.menuBar().addMenu(self.tr("&Student"))
        actions: dict[str, QAction] = {}

        def add(name: str, text: str, keys: str, slot) -> None:
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            window.addAction(action)
            menu.addAction(action)
            actions[name] = action

        menu.addAction(window.new_action)  # Ctrl+N, also in Filer
        menu.addSeparator()
        add("new_referral", self.tr("New r&eferral"), "Ctrl+Shift+H", editor.new_referral)
        add("new_placement", self.tr("New &placement"), "Ctrl+Shift+P", editor.new_placement)
        add("add_months", self.tr("Add the quarter's &months"), "Ctrl+Shift+M",
            editor.add_months)
        add("end_placement", self.tr("En&d placement …"), "Ctrl+Shift+A",
            editor.end_placement)
        add("restart_placement", self.tr("Re&start module …"), "Ctrl+Shift+G",
            editor.restart_placement)
        add("new_exam", self.tr("New e&xam"), "Ctrl+Shift+E", editor.new_exam)
        add("join_hold", self.tr("&Join hold …"), "Ctrl+Shift+J", editor.join_hold)
        menu.addSeparator()
        add("next_finding", self.tr("Next error or &warning"), "F8",
            lambda: window.step_finding(True))
        add("previous_finding", self.tr("Pre&vious error or warning"), "Shift+F8",
            lambda: window.step_finding(False))
        add("next_pane", self.tr("Next p&ane (list, student, errors)"), "F6",
            lambda: window.cycle_panes(True))
        add("previous_pane", self.tr("Previ&ous pane"), "Shift+F6",
            lambda: window.cycle_panes(False))
        window.kursist_menu = menu
        return actions
