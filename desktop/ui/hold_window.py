"""Holds and the quarter's teaching in one grid: the list of holds (and the placements on no
hold), the chosen hold's plan, and its quarter grid, where absence is typed or pasted like in
a spreadsheet. Every change is a command run by the main window's runner, so it is one
transaction and one undo step, shared with the main window's undo (Ctrl+Z here too).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenuBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import commands
from desktop.domain.dates import danish
from desktop.domain.fields import FIELD_BY_TAG
from desktop.domain.grid import Refusal, cells_for_block, is_active
from desktop.domain.holds import PLAN_TAGS, month_name, parse_block, plan_problem
from desktop.domain.quarter import Quarter
from desktop.ui.grid_model import GridModel
from desktop.ui.grid_view import GridView
from desktop.ui.hold_dialogs import (
    ChangeHoldDialog,
    CprJoinDialog,
    EndHoldDialog,
    LeaveDialog,
    ModuleShiftDialog,
    NewHoldDialog,
)
from desktop.ui.roles import DISPLAY, EDIT, TOOLTIP
from desktop.ui.table_keys import KeyTable

NO_HOLD = -1  # the list's entry for the placements on no hold


def _today_in(q: Quarter) -> dt.date:
    today = dt.date.today()
    return today if q.contains(today) else q.start


class PlanModel(QAbstractTableModel):
    """A hold's plan for the months of the quarter and the next: a row per month."""
    edited = Signal(object, str, object)  # (year, month), tag, value

    def __init__(self, parent=None):
        super().__init__(parent)
        self.months: list[tuple[int, int]] = []
        self.plan = None

    def set_plan(self, q: Quarter | None, plan) -> None:
        self.beginResetModel()
        self.plan = plan
        self.months = ([] if q is None or plan is None else
                       [(q.year, m) for m in q.months] + [(q.next().year, m) for m in q.next().months])
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.months)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(PLAN_TAGS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != DISPLAY:
            return None
        if orientation == Qt.Horizontal:  # on two lines, as the grid's: the plan fits 1366 px
            return FIELD_BY_TAG[PLAN_TAGS[section]].label.replace(" ", "\n", 1)
        y, m = self.months[section]
        return f"{month_name(m)} {y}"

    def flags(self, index):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        month = self.months[index.row()]
        values = self.plan.of(month) or {}
        if role in (DISPLAY, EDIT):
            return values.get(PLAN_TAGS[index.column()]) or ""
        if role == TOOLTIP:
            return FIELD_BY_TAG[PLAN_TAGS[index.column()]].help
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != EDIT or not index.isValid():
            return False
        text = str(value or "").strip()
        if text == self.data(index, EDIT):
            return False
        self.edited.emit(self.months[index.row()], PLAN_TAGS[index.column()], text or None)
        return True


class HoldWindow(QWidget):
    def __init__(self, main):
        super().__init__(main, Qt.Window)
        self.main, self.ws, self.runner = main, main.ws, main.runner
        self.setWindowTitle(self.tr("Holds and the quarter's teaching"))
        self.quarter: Quarter = main.quarter
        self.hold_id: int | None = None

        self.holds = QListWidget(self)
        self.holds.setAccessibleName(self.tr("Holds"))
        self.holds.currentItemChanged.connect(lambda *_: self._hold_chosen())
        new_hold = QPushButton(self.tr("&New hold …"), self)
        new_hold.clicked.connect(self.new_hold)
        self.shift_button = QPushButton(self.tr("&Module shift …"), self)
        self.shift_button.clicked.connect(self.module_shift)
        self.end_button = QPushButton(self.tr("&End hold …"), self)
        self.end_button.clicked.connect(self.end_hold)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("<b>Holds</b>")))
        lv.addWidget(self.holds, 1)
        lv.addWidget(new_hold)
        lv.addWidget(self.shift_button)
        lv.addWidget(self.end_button)

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.RichText)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.carry_button = QPushButton(self.tr("Create the quarter's &months"), self)
        self.carry_button.setToolTip(self.tr("For every placement that continues from the "
                                             "previous quarter (Ctrl+Shift+F)"))
        self.carry_button.clicked.connect(self.carry_forward)
        self.finished_button = QPushButton(self.tr("&Handle them …"), self)
        self.finished_button.setToolTip(self.tr("The placements that look finished, to end "
                                                "(Ctrl+Shift+L)"))
        self.finished_button.clicked.connect(self.close_finished)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.carry_button)
        notice_row.addWidget(self.finished_button)

        self.plan_model = PlanModel(self)
        self.plan_model.edited.connect(self._plan_edited)
        # a KeyTable: a plain QTableView's Tab went round its cells for ever (it wraps)
        self.plan_view = KeyTable(self)
        self.plan_view.setModel(self.plan_model)
        self.plan_view.setAccessibleName(self.tr("The hold's plan"))
        self.plan_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.plan_view.setEditTriggers(QAbstractItemView.AnyKeyPressed |
                                       QAbstractItemView.EditKeyPressed |
                                       QAbstractItemView.DoubleClicked)
        self.plan_view.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)

        self.model = GridModel(self)
        self.model.edited.connect(self._cells_typed)
        self.grid = GridView(self)
        self.grid.setModel(self.model)
        self.grid.setAccessibleName(self.tr("The quarter's teaching"))
        self.grid.paste.connect(self.paste_block)
        self.grid.clear.connect(self.clear_cells)
        self.grid.editor_closed.connect(self._editor_closed)
        self._pending = False
        main.hold_actions.counted.connect(self._notice)
        self.summary = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e")
        self.message.setVisible(False)
        self.join_button = QPushButton(self.tr("&Join student …"), self)
        self.join_button.clicked.connect(self.join)
        self.leave_button = QPushButton(self.tr("&Leave …"), self)
        self.leave_button.clicked.connect(self.leave)
        self.change_button = QPushButton(self.tr("C&hange hold …"), self)
        self.change_button.clicked.connect(self.change_hold)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.join_button, self.leave_button, self.change_button):
            buttons.addWidget(b)

        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.heading)
        rv.addLayout(notice_row)
        self.plan_label = QLabel(self.tr("<b>Plan</b> (scheduled and other lessons per month)"))
        rv.addWidget(self.plan_label)
        rv.addWidget(self.plan_view)
        rv.addWidget(QLabel(self.tr("<b>The quarter's teaching</b> (type or paste absence; "
                                    "Enter moves down, Tab right)")))
        rv.addWidget(self.grid, 1)
        rv.addWidget(self.message)
        rv.addLayout(buttons)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([290, 1050])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._build_menus(layout, new_hold)
        self.runner.changed.connect(self._changed)
        self.resize(1366, 720)

    def _build_menus(self, layout: QVBoxLayout, new_hold: QPushButton) -> None:
        """A menu bar of the window's own, so Alt+letter opens the menus as in the main window;
        a button's item clicks that button, so it is refused while the button is disabled."""
        bar = QMenuBar(self)
        layout.setMenuBar(bar)
        hold = bar.addMenu(self.tr("Ho&ld"))  # Alt+H is the Skift hold button's
        edit = bar.addMenu(self.tr("&Edit"))

        def add(menu, text, keys, slot):
            a = QAction(text, self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.triggered.connect(slot)
            self.addAction(a)
            menu.addAction(a)
            return a

        self.button_actions = {}
        for button, text in ((new_hold, self.tr("&New hold …")),
                             (self.shift_button, self.tr("&Module shift …")),
                             (self.end_button, self.tr("&End hold …")), (None, None),
                             (self.join_button, self.tr("&Join student …")),
                             (self.leave_button, self.tr("&Leave …")),
                             (self.change_button, self.tr("C&hange hold …")), (None, None)):
            if button is None:
                hold.addSeparator()
                continue
            self.button_actions[button] = add(hold, text, (), button.click)
        add(hold, self.tr("Create the quarter's &months"), ("Ctrl+Shift+F",), self.carry_forward)
        add(hold, self.tr("End &placements without teaching …"), ("Ctrl+Shift+L",),
            self.close_finished)
        hold.addSeparator()
        add(hold, self.tr("&Close"), ("Ctrl+W",), self.close)
        add(edit, self.tr("&Undo"), ("Ctrl+Z",), self.runner.undo)
        add(edit, self.tr("&Redo"), ("Ctrl+Y", "Ctrl+Shift+Z"), self.runner.redo)

    # Showing ----------------------------------------------------------------------------
    def show_quarter(self, q: Quarter, hold_id: int | None = None) -> None:
        self.quarter = q
        if hold_id is not None:
            self.hold_id = hold_id
        self._fill_holds()
        self.refresh()

    def first_of(self, among: list | None) -> int | None:
        """Of some holds (None: the placements on no hold), the one first in the list."""
        if not among:
            return None
        for h in self.ws.holds():
            if h.id in among:
                return h.id
        return NO_HOLD if None in among else None

    def go_to_first_absence(self) -> None:
        """The cursor in the grid's first Fravær cell, ready for typing or pasting."""
        self.grid.setFocus()
        columns = self.model.layout.columns if self.model.layout else []
        first = next((i for i, c in enumerate(columns) if c.editable), None)
        if self.model.rows and first is not None:  # the columns begin with the first Fravær
            self.grid.setCurrentIndex(self.model.index(0, first))

    def _fill_holds(self) -> None:
        self.holds.blockSignals(True)
        self.holds.clear()
        chosen = 0
        for i, h in enumerate(self.ws.holds()):
            text = h.title + (self.tr(" – ended") if h.slutdato else "")
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, h.id)
            self.holds.addItem(item)
            if h.id == self.hold_id:
                chosen = i
        item = QListWidgetItem(self.tr("Placements on no hold"))
        item.setData(Qt.UserRole, NO_HOLD)
        self.holds.addItem(item)
        if self.hold_id == NO_HOLD:
            chosen = self.holds.count() - 1
        self.holds.setCurrentRow(chosen)
        self.hold_id = self.holds.currentItem().data(Qt.UserRole)
        self.holds.blockSignals(False)

    def _hold_chosen(self) -> None:
        item = self.holds.currentItem()
        if item is not None:
            self.hold_id = item.data(Qt.UserRole)
            self.refresh()

    def _hold(self):
        return None if self.hold_id in (None, NO_HOLD) else self.ws.hold(self.hold_id)

    def refresh(self, keep=None) -> None:
        q = self.quarter
        current = keep or (self.grid.currentIndex().row(), self.grid.currentIndex().column())
        h = self._hold()
        if h is None:
            self.heading.setText(self.tr("<h3>Placements on no hold · {quarter}</h3>").format(
                quarter=q))
        else:
            end = self.tr(", ended {day}").format(day=danish(h.slutdato)) if h.slutdato else ""
            self.heading.setText(self.tr(
                "<h3>{name} · {quarter}</h3>DU{du} module {modul} · lessons of {minutes} min. "
                "· started {start}{end}").format(name=h.navn, quarter=q, du=h.uuddnr,
                                                 modul=h.umodul, minutes=h.unlekmin,
                                                 start=danish(h.startdato), end=end))
        self.plan_model.set_plan(q if h else None, self.ws.plan(h.id) if h else None)
        self._fit_plan_height()
        self.plan_view.setVisible(h is not None)
        self.plan_label.setVisible(h is not None)
        for b in (self.shift_button, self.change_button):
            b.setEnabled(h is not None)
        self.end_button.setEnabled(h is not None and not h.slutdato)
        for button, action in self.button_actions.items():
            action.setEnabled(button.isEnabled())
        rows, findings = self.ws.grid(q, None if h is None else h.id)
        self.model.masked = self.main.mask_action.isChecked()
        fresh = self.model.quarter != q or [r.modul_id for r in rows] != \
            [r.modul_id for r in self.model.rows]
        self.model.set_grid(q, rows, findings)
        if fresh:
            self.grid.fit_columns()
        errors = sum(f.is_error for _, _, f in self.model.all_findings())
        self.summary.setText(self.tr("{n} placements · {errors} errors at their cells").format(
            n=len(rows), errors=errors))
        self._notice()
        r, c = current
        if rows:
            r = min(max(r, 0), len(rows) - 1)
            c = max(c, 2)
            self.grid.setCurrentIndex(self.model.index(r, c))

    def _fit_plan_height(self) -> None:
        """All six months in view without a scroll bar, and room for the horizontal one that
        a narrow window needs; the grid below takes the rest."""
        view = self.plan_view
        view.setFixedHeight(view.horizontalHeader().sizeHint().height()
                            + view.verticalHeader().length() + 2 * view.frameWidth()
                            + view.horizontalScrollBar().sizeHint().height())

    def _notice(self) -> None:
        """The main window's counts of placements continuing without teaching and of those
        that look finished (worked out there once per quarter and after editing pauses)."""
        q, counts = self.quarter, self.main.hold_actions
        parts = []
        if counts.waiting:
            parts.append(self.tr("{n} placements continue from {quarter} without teaching in "
                                 "this quarter yet.").format(n=counts.waiting,
                                                             quarter=q.previous()))
        if counts.finished:
            parts.append(self.tr("{n} open placements had no teaching for a whole quarter and "
                                 "look finished: end them (else B3).").format(n=counts.finished))
        self.notice.setText(" ".join(parts))
        self.notice.setVisible(bool(parts))
        self.carry_button.setVisible(bool(counts.waiting))
        self.finished_button.setVisible(bool(counts.finished))

    def _changed(self, changes) -> None:
        if not self.isVisible():
            return
        if self.grid.state() == QAbstractItemView.EditingState:
            # a cell is being typed into (the user typed on before the last value was
            # stored): the grid follows once that editor has closed
            self._pending = True
            return
        self.show_quarter(self.main.quarter)

    def _editor_closed(self) -> None:
        if self._pending:
            self._pending = False
            QTimer.singleShot(0, self, lambda: self._changed(None))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # Commands ---------------------------------------------------------------------------
    def _run(self, command) -> bool:
        self.show_message("")
        failures: list[str] = []

        def told(text: str) -> None:
            failures.append(text)

        self.runner.failed.connect(told)
        self.runner.stale.connect(told)
        try:
            ok = self.runner.run(command)
        finally:
            self.runner.failed.disconnect(told)
            self.runner.stale.disconnect(told)
        if failures:
            self.show_message(failures[-1])
            self.refresh()
        return ok

    def _store_cells(self, found: list, label: str | None = None) -> bool:
        rows = self.model.rows
        cells = [commands.Cell(mid, month, tag, value) for _, _, mid, month, tag, value in found]
        seen = [rows[r].months.get(month, (None, {}))[1].get(tag)
                for r, _, _, month, tag, _ in found]
        command = commands.SetCells(self.quarter.iperiode, cells, seen,
                                    self.ws.settings.lesson_minutes)
        if label:
            command.label = label
        return self._run(command)

    def _refuse(self, refusal: Refusal) -> None:
        """A value that does not fit: the cursor at its cell, the reason under the grid."""
        self.grid.setCurrentIndex(self.model.index(refusal.row, refusal.column))
        self.show_message(self.tr("Row {n} ({header}): {message} Nothing was stored.").format(
            n=refusal.row + 1, header=self.model.layout.header(refusal.column),
            message=refusal.message))

    def _cells_typed(self, found: list) -> None:
        """A value typed into a cell: stored once the editor has closed and the cursor has
        moved on (Enter, Tab), so reloading the grid never pulls the cell from under it."""
        r, c, _, _, tag, value = found[0]
        problem = FIELD_BY_TAG[tag].problem(value) if value else None
        if problem:
            QTimer.singleShot(0, self, lambda: self._refuse(Refusal(r, c, problem)))
            return
        QTimer.singleShot(0, self, lambda: self._store_cells(found))

    def paste_block(self, row: int, column: int, text: str) -> None:
        found = cells_for_block(self.model.rows, self.model.layout, row, column,
                                parse_block(text))
        if isinstance(found, Refusal):
            self._refuse(found)
            return
        if found:
            self._store_cells(found, self.tr("Paste {n} cells").format(n=len(found)))

    def clear_cells(self, cells: list) -> None:
        rows, layout = self.model.rows, self.model.layout
        found = []
        for r, c in cells:
            col = layout.columns[c]
            row = rows[r]
            if col.month in row.months and is_active(row, self.quarter, col.month) and \
                    row.months[col.month][1].get(col.tag) is not None:
                found.append((r, c, row.modul_id, col.month, col.tag, None))
        if found:
            self._store_cells(found, self.tr("Clear {n} cells").format(n=len(found)))

    def _plan_edited(self, month, tag: str, value) -> None:
        h = self._hold()
        if h is None:
            return
        merged = {**(self.ws.plan(h.id).of(month) or {}), tag: value}
        if problem := (FIELD_BY_TAG[tag].problem(value) if value else None) or plan_problem(merged):
            self.show_message(problem)
            return
        self._run(commands.SetPlan(h.id, {month: {tag: value}}))

    def carry_forward(self) -> None:
        command = commands.CarryForward(self.quarter.iperiode, self.ws.ukode)
        if self._run(command):
            self.main.statusBar().showMessage(
                self.tr("The quarter's months were created for {n} placements.").format(
                    n=command.count))
            if self.hold_id not in command.hold_ids:
                self.show_quarter(self.quarter, self.first_of(command.hold_ids))
            self.go_to_first_absence()

    def close_finished(self) -> None:
        self.main.hold_actions.close_finished(self)

    def end_hold(self) -> None:
        """'Afslut hold': refused while members are still on it after the day (the command
        says who); the clerk udmelds or moves them first."""
        h = self._hold()
        if h is None or h.slutdato:
            return
        dialog = EndHoldDialog(h, _today_in(self.quarter), self)
        accepted = dialog.exec()
        self.activateWindow()  # the keyboard back in the list of holds
        self.holds.setFocus()
        if accepted and self._run(commands.EndHold(h.id, dialog.values())):
            self.show_quarter(self.quarter, h.id)

    def new_hold(self) -> None:
        dialog = NewHoldDialog(self.ws.settings.lesson_minutes, _today_in(self.quarter), self)
        if not dialog.exec():
            return
        v = dialog.values()
        command = commands.CreateHold(self.ws.ukode, v["navn"], v["uuddnr"], v["umodul"],
                                      v["unlekmin"], v["startdato"], v["plan"])
        if self._run(command):
            self.show_quarter(self.quarter, command.id)

    def _current_row(self):
        index = self.grid.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and self.model.rows else None

    def join(self) -> None:
        day = _today_in(self.quarter)
        open_holds = [h for h in self.ws.holds() if h.open_on(day)]
        dialog = CprJoinDialog(open_holds, day, self.ws.kursist_id, self)
        if self.hold_id not in (None, NO_HOLD):
            dialog.hold.setCurrentIndex(max(dialog.hold.findData(self.hold_id), 0))
        if dialog.exec():
            hold_id, day = dialog.values()
            self._run(commands.JoinHold(hold_id, dialog.kursist(), day))

    def leave(self) -> None:
        row = self._current_row()
        if row is None:
            return
        dialog = LeaveDialog(_today_in(self.quarter), row.cpr, self)
        if dialog.exec():
            day, reason, passed = dialog.values()
            self._run(commands.LeaveHold(row.modul_id, row.kursist_id, day, reason, passed))

    def change_hold(self) -> None:
        row, h = self._current_row(), self._hold()
        if row is None or h is None:
            return
        day = _today_in(self.quarter)
        choices = [x for x in self.ws.holds() if x.id != h.id and x.open_on(day)
                   and (x.uuddnr, x.umodul) == (row.uuddnr, row.umodul)]
        dialog = ChangeHoldDialog(choices, day, row.cpr, self)
        if dialog.exec():
            hold_id, day = dialog.values()
            self._run(commands.ChangeHold(row.modul_id, row.kursist_id, hold_id, day))

    def module_shift(self) -> None:
        h = self._hold()
        if h is None:
            return
        day = _today_in(self.quarter)
        members = self.ws.hold_members(h.id, day)
        dialog = ModuleShiftDialog(h, members, day, self.model.masked, self)
        if dialog.exec():
            chosen, outcomes = dialog.values()
            if chosen != day.isoformat():  # the members on the day chosen
                members = self.ws.hold_members(h.id, dt.date.fromisoformat(chosen))
                outcomes = {m.modul_id: outcomes.get(m.modul_id, "passed") for m in members}
            self._run(commands.ModuleShift(h.id, chosen, outcomes))
