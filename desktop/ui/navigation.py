"""Moving around the main window by keyboard: F6 between its panes, F8 / Shift+F8 from finding
to finding of the quarter, and window shortcuts that work whatever widget has the focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from desktop.checks.findings import Finding


class ShortcutGuard(QObject):
    """A line edit claims some chords for itself through ShortcutOverride (Ctrl+E is 'end of
    line' on some platforms, Ctrl+I, Ctrl+R …): for the window's own shortcuts the window wins,
    wherever the focus is inside it. It watches each widget of the window that gets the focus
    (a filter on the whole application would see every paint event)."""

    def __init__(self, window: QWidget, actions):
        super().__init__(window)
        self.window = window
        self.actions = list(actions)
        self._watched: set[int] = set()
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        if new is not None and id(new) not in self._watched and new.window() is self.window:
            self._watched.add(id(new))
            new.installEventFilter(self)

    def _combos(self) -> set[int]:
        return {s[0].toCombined() for a in self.actions for s in a.shortcuts() if s.count()}

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.ShortcutOverride and isinstance(watched, QWidget) \
                and watched.window() is self.window:
            combo = QKeySequence(event.keyCombination())[0].toCombined()
            if combo in self._combos():
                event.ignore()  # not the widget's: the shortcut map gives it to the action
                return True
        return False


def focus_is_in(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def cycle_panes(panes: list[QWidget], forward: bool) -> None:
    """F6: the next pane (list, editor, findings) after the one with the focus; each pane is a
    widget or a callable that puts the focus where that pane wants it."""
    here = next((i for i, (area, _go) in enumerate(panes) if focus_is_in(area)), -1)
    step = 1 if forward else -1
    for n in range(1, len(panes) + 1):
        area, go = panes[(here + step * n) % len(panes)]
        if area.isVisible() and area.isEnabled():
            go()
            return


class FindingStepper:
    """F8 / Shift+F8: the quarter's findings one after another, errors first (the order of the
    findings panel). Remembers the last one shown, so that after it is fixed (and has left the
    list) the next F8 goes on from where it was."""

    def __init__(self, findings, show):
        self._findings = findings  # () -> the quarter's findings, in the panel's order
        self._show = show  # (finding, position) -> None
        self._last: Finding | None = None
        self._position = -1

    def step(self, forward: bool) -> Finding | None:
        findings = self._findings()
        if not findings:
            self._last, self._position = None, -1
            return None
        if self._last in findings:
            here = findings.index(self._last)
            position = here + (1 if forward else -1)
        elif self._position < 0:
            position = 0 if forward else len(findings) - 1
        else:  # the last one was fixed: the next one has moved into its place
            position = self._position if forward else self._position - 1
        position %= len(findings)
        self._last, self._position = findings[position], position
        self._show(findings[position], position)
        return findings[position]


def tab_order(*widgets: QWidget) -> None:
    for a, b in zip(widgets, widgets[1:]):
        QWidget.setTabOrder(a, b)

