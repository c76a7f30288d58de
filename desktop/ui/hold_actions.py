"""The main window's part in holds: the Hold menu, the notice that placements continue from
the previous quarter (with the one action that makes their months) and that others look
finished (with the list that ends them), and the kursist list's filter for continuing
kursister. Kept here so the main window only installs it."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QMenu, QPushButton,
                               QSizePolicy, QToolBar, QWidget)

from desktop import commands
from desktop.ui.kursist_model import SCOPE_CONTINUING


class HoldActions(QObject):
    counted = Signal()  # the notice's counts are new

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.hold_window = None

        self.open_action = self._action(self.tr("&Holds and the quarter's teaching …"), "Ctrl+H",
                                        self.open_holds)
        self.carry_action = self._action(
            self.tr("&Create the months of continuing placements"), "Ctrl+Shift+F",
            self.carry_forward, self.tr("The quarter's months for every placement that "
                                        "continues from the previous quarter"))
        self.finished_action = self._action(
            self.tr("&End placements without teaching …"), "Ctrl+Shift+L", self.close_finished,
            self.tr("The open placements that had no teaching for a whole quarter (else B3)"))
        self.join_action = window.kursist_actions["join_hold"]  # Ctrl+Shift+J, Kursist menu
        menu = QMenu(self.tr("H&old"), window)
        existing = window.menuBar().actions()
        if existing:  # before Help, which stays last
            window.menuBar().insertMenu(existing[-1], menu)
        else:
            window.menuBar().addMenu(menu)
        for a in (self.open_action, self.join_action, self.carry_action, self.finished_action):
            menu.addAction(a)
        # The quarter from the keyboard: the next one is where the carry-forward is offered.
        self.next_action = self._action(self.tr("Ne&xt quarter"), "Ctrl+PgDown",
                                        lambda: self._step_quarter(-1))
        self.previous_action = self._action(self.tr("&Previous quarter"), "Ctrl+PgUp",
                                            lambda: self._step_quarter(+1))
        menu.addSeparator()
        menu.addAction(self.next_action)
        menu.addAction(self.previous_action)

        # The notice above the list and the editor.
        self.notice = QLabel(window)
        self.notice.setWordWrap(False)  # one line: a wrapping label makes the tool bar tall
        self.carry_button = QPushButton(self.tr("Create &their months (Ctrl+Shift+F)"), window)
        self.carry_button.clicked.connect(self.carry_forward)
        self.show_button = QPushButton(self.tr("&Show them"), window)
        self.show_button.clicked.connect(
            lambda: window.scope.setCurrentIndex(SCOPE_CONTINUING))
        self.finished_button = QPushButton(self.tr("&Handle them … (Ctrl+Shift+L)"), window)
        self.finished_button.clicked.connect(lambda: self.close_finished())
        self.bar = QWidget(window)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.notice, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.carry_button)
        row.addWidget(self.finished_button)
        self.bar.setStyleSheet("background: #fff6d6")
        self.bar.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)  # one line high
        # The notice is a bar of its own under the tool bar: the list and the editor stay
        # where they are (and in the tab order).
        self.notice_bar = QToolBar(self.tr("Continuing placements"), window)
        self.notice_bar.setObjectName("continuing")
        self.notice_bar.setMovable(False)
        self.notice_bar.addWidget(self.bar)
        window.addToolBarBreak()
        window.addToolBar(self.notice_bar)
        self.bar.setVisible(True)
        self.notice_bar.setVisible(False)

        window.scope.addItem(self.tr("Continuing"))
        window.scope.currentIndexChanged.connect(self._scope)
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(1500)
        self._recount.timeout.connect(self.refresh)
        window.runner.changed.connect(self._later)
        window.quarter_box.currentIndexChanged.connect(self._soon)
        self.waiting = self.finished = 0
        self.refresh()

    def _action(self, text, shortcut, slot, tip=""):
        a = QAction(text, self.w)
        a.setShortcut(QKeySequence(shortcut))
        a.setToolTip(f"{tip or text.replace('&', '')} ({QKeySequence(shortcut).toString()})")
        a.triggered.connect(slot)
        self.w.addAction(a)
        return a

    def _step_quarter(self, step: int) -> None:
        box = self.w.quarter_box  # newest first
        i = box.currentIndex() + step
        if 0 <= i < box.count():
            box.setCurrentIndex(i)

    def _soon(self, *_) -> None:
        QTimer.singleShot(0, self, self.refresh)  # after the window has followed the change

    def _later(self, *_) -> None:
        """After a command: counted again once editing pauses. On a large store the count
        reads the previous quarter's months (220,000 rows at 100,000 kursister, 0.2 s), too
        slow for every typed value."""
        self._recount.start()

    def refresh(self) -> None:
        q = self.w.quarter
        ws = self.w.ws
        try:
            self.waiting = ws.continuing_count(q)
            self.finished = len(ws.looks_finished(q))
        except sqlite3.ProgrammingError:  # the store was closed before the recount ran
            return
        if self.w.scope.currentIndex() == SCOPE_CONTINUING:
            self._fill_continuing()
        parts = []
        if self.waiting:
            parts.append(self.tr(
                "<b>{n} placements continue from {quarter}</b> and have no teaching in this "
                "quarter yet.").format(n=self.waiting, quarter=self._quarter_name(q.previous())))
        if self.finished:
            parts.append(self.tr("<b>{n} open placements look finished</b>: no teaching for a "
                                 "whole quarter.").format(n=self.finished))
        self.notice.setText(" ".join(parts))
        for widget in (self.show_button, self.carry_button):
            widget.setVisible(bool(self.waiting))
        self.finished_button.setVisible(bool(self.finished))
        self.notice_bar.setVisible(bool(parts))
        self.carry_action.setEnabled(bool(self.waiting))
        self.finished_action.setEnabled(bool(self.finished))
        self.counted.emit()

    def _fill_continuing(self) -> None:
        """The list's Continuing filter: worked out when it is chosen."""
        going_on = self.w.ws.continuing(self.w.quarter, untaught_only=False)
        self.w.kursister.set_continuing(c.kursist_id for c in going_on)

    def _scope(self, scope: int) -> None:
        if scope == SCOPE_CONTINUING:
            self._fill_continuing()

    def _quarter_name(self, q) -> str:
        return self.tr("quarter {q} {year}").format(q=q.q, year=q.year)

    def carry_forward(self) -> None:
        """The months made, and the grid of the first hold they were made for opened at its
        first Fravær cell: absence is what is left to type."""
        command = commands.CarryForward(self.w.quarter.iperiode, self.w.ws.ukode)
        if self.w.runner.run(command):
            self.w.statusBar().showMessage(self.tr(
                "The quarter's months were created for {n} placements; type their absence in "
                "the grid or in each student's teaching.").format(n=command.count))
            self.refresh()
            self.open_holds(command.hold_ids)
            self.hold_window.go_to_first_absence()

    def open_holds(self, among: list | None = None) -> None:
        """The hold window for the quarter; `among`: the hold to show is the first of these
        (None: the placements on no hold) in the window's list."""
        from desktop.ui.hold_window import HoldWindow
        if self.hold_window is None:
            self.hold_window = HoldWindow(self.w)
        self.hold_window.show_quarter(self.w.quarter, self.hold_window.first_of(among))
        self.hold_window.show()
        self.hold_window.raise_()
        self.hold_window.activateWindow()
        self.hold_window.grid.setFocus()

    def show_placement(self, f) -> None:
        """The kursist in the main window, the keyboard in their placements at that one."""
        self.w.select_kursist(f.kursist_id)
        self.w.raise_()
        self.w.activateWindow()
        editor = self.w.editor
        rows = [i for i, m in enumerate(editor.sheet.moduler if editor.sheet else [])
                if m.id == f.modul_id]
        if rows:
            editor.mod.table.setFocus()
            editor.mod.table.selectRow(rows[0])
        else:
            self.w.list.setFocus()

    def close_finished(self, parent=None) -> None:
        """The placements that look finished, listed: OK ends the ticked ones in one command;
        'Open the student' shows one in the main window instead."""
        from desktop.ui.finished_dialog import FinishedDialog
        listed = self.w.ws.finished_placements(self.w.quarter)
        if not listed:
            self.w.statusBar().showMessage(self.tr(
                "No open placement has gone a whole quarter without teaching."))
            return
        owner = parent or self.w
        was = QApplication.focusWidget()
        dialog = FinishedDialog(listed, self.w.mask_action.isChecked(), owner)
        result = dialog.exec()
        owner.activateWindow()  # the keyboard back where it was when the dialog opened
        if was is not None:
            was.setFocus()
        if result == FinishedDialog.OPEN and dialog.current() is not None:
            self.show_placement(dialog.current())
            return
        if result != FinishedDialog.Accepted:
            return
        ends, reason = dialog.values()
        command = commands.ClosePlacements(ends, reason)
        if self.w.runner.run(command):
            self.w.statusBar().showMessage(self.tr(
                "{n} placements were ended (Ctrl+Z undoes it).").format(n=len(ends)))
            self.refresh()
