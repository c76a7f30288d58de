"""The kursist editor: stamdata, henvisninger, placements with their months, and prøver.

Each section is a catalogue-driven table. An edit is one command (one transaction, one undo
step, with the fills it causes); the window then refreshes the editor, the kursist is
re-checked and every finding is painted at its field.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QApplication, QLabel, QMessageBox, QScrollArea, QVBoxLayout,
                               QWidget)

from desktop.checks.findings import Finding
from desktop.domain.cpr import format_cpr
from desktop.domain.dates import parse_user_date
from desktop import commands
from desktop.domain.fields import FIELD_BY_TAG, KEYS, PLACEMENT_END
from desktop.domain.quarter import Quarter
from desktop.store.kursist import KursistSheet, Row
from desktop.ui.placement_dialogs import CloseDialog, RestartDialog
from desktop.ui.record_model import RecordTableModel
from desktop.ui.section import Section
from desktop.workspace import Workspace

log = logging.getLogger(__name__)


class KursistEditor(QScrollArea):
    def __init__(self, ws: Workspace, run, parent=None):
        """run(command) -> bool runs a user's command (the window's CommandRunner.run); the
        window refreshes the editor from what the command changed."""
        super().__init__(parent)
        self.ws, self.run = ws, run
        self.kid: int | None = None
        self.quarter: Quarter | None = None
        self.sheet: KursistSheet | None = None
        self.findings: list[Finding] = []
        self.masked = False  # CPR numbers as DDMMYY-XXXX (the window's View menu sets it)
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.RichText)
        layout.addWidget(self.heading)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b3261e")
        self.notice.setVisible(False)
        layout.addWidget(self.notice)

        self.stam = Section(self.tr("Personal data"),
                            RecordTableModel("kursist", ("kkoen", "knationskode")))
        self.henv = Section(self.tr("Referrals"), RecordTableModel("henvisning"))
        # Every button has an access key (Alt+letter); the Kursist menu has the same actions
        # with shortcuts (desktop/ui/kursist_menu.py).
        self.henv.add_button(self.tr("&New referral"), self.new_referral)
        self.henv.add_button(self.tr("Delete r&eferral"),
                             lambda: self._delete(self.henv, "henvisning"))
        self.mod = Section(self.tr("Module placements"), RecordTableModel("modul"))
        self.mod.add_button(self.tr("New &placement"), self.new_placement,
                            self.tr("New placement; the attempt number is filled in once the "
                                    "DU and the module are chosen."))
        self.mod.add_button(self.tr("&End …"), self.end_placement)
        self.mod.add_button(self.tr("Restart &module …"), self.restart_placement,
                            self.tr("End the placement with a reason for leaving and start "
                                    "attempt + 1."))
        self.mod.add_button(self.tr("Delete pla&cement"), lambda: self._delete(self.mod, "modul"))
        self.mod.add_button(self.tr("&Join hold …"), self.join_hold,
                            self.tr("A new placement on a hold's DU and module, its months "
                                    "from the hold's plan"))
        # Which hold the selected placement is on (a placement may be on none).
        self.hold_label = QLabel()
        self.mod.buttons.insertWidget(1, self.hold_label)
        self.und = Section(self.tr("Teaching in the quarter (for the selected placement)"),
                           RecordTableModel("undervisning"))
        # The columns typed every month first; the optional breakdown of the lessons after them.
        self.und.table.show_first(["unperiode", "unfagskema", "unfravaer", "unfagoevrig",
                                   "unlekmin"])
        self.und.table.freeze("unperiode")  # the month stays in view as the row is typed
        self.und.add_button(self.tr("Add the quarter's &months"), self.add_months)
        self.und.add_button(self.tr("Delete mon&th"),
                            lambda: self._delete(self.und, "undervisning"))
        self.pro = Section(self.tr("Exams"), RecordTableModel("proeve"))
        self.pro.add_button(self.tr("New e&xam"), self.new_exam)
        self.pro.add_button(self.tr("&Delete exam"), lambda: self._delete(self.pro, "proeve"))
        self.sections = {"kursist": self.stam, "henvisning": self.henv, "modul": self.mod,
                         "undervisning": self.und, "proeve": self.pro}
        for kind, section in self.sections.items():
            layout.addWidget(section)
            section.model.edited.connect(lambda rid, tag, text, kind=kind: self._edit(kind, rid, tag, text))
        layout.addStretch(1)
        self.setWidget(body)
        self.mod.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_months())
        self._last_table = None
        self.setFocusPolicy(Qt.NoFocus)  # not a Tab stop of its own: its tables and buttons are
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.setEnabled(False)
        self.heading.setText(
            "<i>" + self.tr("Choose a student in the list, or create a new one (Ctrl+N).") + "</i>")

    # Loading and painting ---------------------------------------------------------------
    def show_kursist(self, kid: int | None, q: Quarter) -> None:
        if (kid, q) != (self.kid, self.quarter):  # another kursist opens at its heading
            self.verticalScrollBar().setValue(0)
        self.kid, self.quarter = kid, q
        self.refresh()

    def refresh(self) -> None:
        if self.kid is None or self.quarter is None:
            self.sheet = None
            self.setEnabled(False)
            return
        self.setEnabled(True)
        q = self.quarter
        selected_modul = self.mod.current_row()
        self.sheet = sheet = self.ws.sheet(self.kid, q)
        for section in self.sections.values():
            section.table.delegate.iperiode = q.iperiode
        place = self.tr("{quarter} · provider {ukode}").format(quarter=q,
                                                               ukode=sheet.stamdata["ukode"])
        cpr = format_cpr(sheet.cpr, self.masked)
        self.heading.setText(f"<h2>CPR {cpr}</h2><span>{place}</span>")
        self.stam.model.set_rows([Row(self.kid, sheet.stamdata)])
        self.henv.model.set_rows(sheet.henvisninger)
        self.mod.model.set_rows(sheet.moduler)
        self.pro.model.set_rows(sheet.proever)
        if sheet.moduler:
            row = min(max(selected_modul, 0), len(sheet.moduler) - 1)
            self.mod.table.selectRow(row)
        self._show_months(paint=False)  # painted once below, with the fresh findings
        try:
            self.findings = self.ws.findings(self.kid, q)
        except Exception:  # a failed check is told, never shown as "no findings"
            log.exception("checking kursist %s in %s", self.kid, q.iperiode)
            self.findings = []
            self.show_notice(self.tr("The checks could not be completed for this student; "
                                     "see the log."))
        self._paint()

    def _current_modul(self) -> Row | None:
        row = self.mod.current_row()
        return self.sheet.moduler[row] if self.sheet and 0 <= row < len(self.sheet.moduler) else None

    def _show_months(self, paint: bool = True) -> None:
        m = self._current_modul()
        self._show_hold(m)
        self.und.model.set_rows(m.children if m else [])
        self.und.setEnabled(m is not None)
        if paint:
            self._paint()

    def _show_hold(self, m: Row | None) -> None:
        if m is None or self.quarter is None:
            self.hold_label.setText("")
            return
        name = self.ws.holds_of_placements([m.id], self.quarter).get(m.id)
        self.hold_label.setText(self.tr("Hold: <b>{name}</b>").format(name=escape(name)) if name
                                else self.tr("<i>On no hold</i>"))

    def join_hold(self) -> None:
        """'Meld på hold': a new placement on a hold, from a day (today, if in the quarter)."""
        from desktop.ui.hold_dialogs import JoinDialog
        if self.kid is None or self.quarter is None:
            return
        q = self.quarter
        today = dt.date.today()
        day = today if q.contains(today) else q.start
        choices = [h for h in self.ws.holds() if h.open_on(day)]
        dialog = JoinDialog(choices, day,
                            format_cpr(self.sheet.cpr, self.masked), self)
        if not dialog.exec():
            return
        hold_id, day = dialog.values()
        command = commands.JoinHold(hold_id, self.kid, day)
        if not self.run(command):
            return
        # The new placement chosen, its first month's Fravær open: the plan filled in the rest.
        row = next((i for i, m in enumerate(self.sheet.moduler) if m.id == command.modul_id),
                   None) if self.sheet else None
        if row is not None:
            self.mod.table.selectRow(row)
            self._show_months()
            if self.und.model.rowCount():
                self.window().activateWindow()  # the keyboard back from the dialog
                self.und.table.setFocus()
                self._edit_cell(self.und, 0, "unfravaer")

    def _paint(self) -> None:
        if self.sheet is None:
            return
        m = self._current_modul()
        # Each finding names its record by kind and id (RecordRef): the row it is painted in.
        rows = {"kursist": {self.kid: 0},
                "henvisning": {r.id: i for i, r in enumerate(self.sheet.henvisninger)},
                "modul": {r.id: i for i, r in enumerate(self.sheet.moduler)},
                "undervisning": {u.id: i for i, u in enumerate(m.children)} if m else {},
                "proeve": {r.id: i for i, r in enumerate(self.sheet.proever)}}
        for kind, section in self.sections.items():
            per_cell: dict = {}
            shown: list[Finding] = []
            for f in self.findings:
                if f.ref is None or f.ref.kind != kind or f.ref.id not in rows[kind]:
                    continue
                per_cell.setdefault((rows[kind][f.ref.id], f.field), []).append(f)
                shown.append(f)
            section.model.set_findings(per_cell)
            section.show_findings(shown, self.masked)

    def focus_finding(self, f: Finding) -> None:
        """Select the record and field a finding is about, and put the cursor there."""
        if f.ref is None or self.sheet is None:
            return
        kind, rid = f.ref.kind, f.ref.id
        if kind == "undervisning":
            for i, m in enumerate(self.sheet.moduler):
                if any(u.id == rid for u in m.children):
                    self.mod.table.selectRow(i)
        section = self.sections.get(kind)
        if section is None:
            return
        model = section.model
        for row in range(model.rowCount()):
            if kind == "kursist" or model.row_id(row) == rid:
                column = model.column_of(f.field) if f.field else 0
                section.table.setCurrentIndex(model.index(row, column or 0))
                section.table.setFocus()
                self.ensureWidgetVisible(section.table)
                # its messages under the table too, once they are laid out (just shown)
                QTimer.singleShot(0, self, lambda: self._messages_in_view(section))
                return

    def _messages_in_view(self, section: Section) -> None:
        if section.messages.isHidden():
            return
        self.widget().layout().activate()
        self.ensureWidgetVisible(section.messages, 0, 6)
        self.ensureWidgetVisible(section.table, 0, 0)  # and the table still, if both do not fit

    # Where the user is, kept across a reload ---------------------------------------------
    def place(self) -> tuple[str, int | None, int] | None:
        """The section, record id and column of the cell the user is in (or last was in)."""
        for kind, section in self.sections.items():
            table = section.table
            if table.hasFocus() or table.isAncestorOf(self.focusWidget() or table):
                index = table.currentIndex()
                if index.isValid():
                    return kind, section.model.row_id(index.row()), index.column()
        return None

    def restore_place(self, place: tuple[str, int | None, int] | None) -> None:
        if place is None or self.sheet is None:
            return
        kind, rid, column = place
        if kind == "undervisning" and rid is not None:
            for i, m in enumerate(self.sheet.moduler):
                if any(u.id == rid for u in m.children):
                    self.mod.table.selectRow(i)
        section = self.sections[kind]
        for row in range(section.model.rowCount()):
            if section.model.row_id(row) == rid:
                section.table.setCurrentIndex(section.model.index(row, column))
                section.table.setFocus()
                return

    def focus_current_table(self) -> None:
        """F6 into the editor: the table last worked in, else Stamdata."""
        last = self._last_table
        usable = last is not None and last.isVisible() and last.isEnabled()
        table = last if usable else self.stam.table
        table.setFocus(Qt.OtherFocusReason)
        self.ensureWidgetVisible(table)

    def _focus_changed(self, _old, new) -> None:
        for section in self.sections.values():
            if new is section.table or (new is not None and section.table.isAncestorOf(new)):
                self._last_table = section.table

    def show_notice(self, text: str) -> None:
        """Why the last change was not saved (or that the view was reloaded), above the
        sections until the next change is stored."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # Editing: each user action is one command (desktop.commands) -------------------------
    def _seen(self, kind: str, row_id: int, tags) -> dict:
        """What the window shows in those fields of the record: what the command expects
        the database still to hold."""
        if self.sheet is None:
            return {}
        rows = [Row(self.kid, self.sheet.stamdata)] if kind == "kursist" else self.sheet.rows(kind)
        for r in rows:
            if r.id == row_id:
                return {t: r.record[t] for t in tags}
        return {}

    def _edit(self, kind: str, row_id: int | None, tag: str, text: str) -> None:
        if row_id is None or self.quarter is None or self.kid is None:
            return
        field = FIELD_BY_TAG[tag]
        value: str | None = text.strip() or None
        if field.is_date and value:
            try:
                value = parse_user_date(value)
            except ValueError as exc:
                if kind == "modul":
                    # A placement's dates decide which quarters show it, so an unreadable one
                    # would hide it: refused, with the reason under its table.
                    self.sections[kind].show_problem(str(exc))
                    return
                # kept as typed: the X finding at the field says what is wrong
        seen = self._seen(kind, row_id, (tag,))
        if seen.get(tag) == value:
            return
        self.run(commands.SetFields(kind, row_id, self.kid, self.quarter.iperiode,
                                    {tag: value}, seen))

    # The section actions (buttons and the Kursist menu) ---------------------------------
    def new_referral(self) -> None:
        self._add("henvisning")

    def new_placement(self) -> None:
        self._add("modul")

    def new_exam(self) -> None:
        self._add("proeve")

    def add_months(self) -> None:
        self._add_months()

    def end_placement(self) -> None:
        self._close_placement()

    def restart_placement(self) -> None:
        self._restart_placement()

    def _add(self, kind: str) -> None:
        if self.kid is None or self.quarter is None:
            return
        q = self.quarter
        today = dt.date.today()
        day = (today if q.contains(today) else q.start).isoformat()
        values = {"henvisning": {"hhenvisdato": day}, "modul": {"ustartdato": day},
                  "proeve": {"pdato": day, "pstatus": "1"}}[kind]
        command = commands.AddRecord(kind, self.kid, self.kid, q.iperiode, values)
        if not self.run(command):
            return
        section = self.sections[kind]
        row = next((r for r in range(section.model.rowCount())
                    if section.model.row_id(r) == command.ids[0]), None)
        if row is not None:  # the first cell that is not filled in already, open for typing
            self._edit_cell(section, row, {"henvisning": "hhenviskat", "modul": "uuddnr",
                                           "proeve": "ptype"}[kind])

    def _edit_cell(self, section: Section, row: int, tag: str) -> None:
        """Scroll a cell into view (the editor scrolls, its tables do not) and open it."""
        table = section.table
        index = section.model.index(row, section.model.column_of(tag) or 0)
        table.edit_new_row(index.row(), index.column())
        rect = table.visualRect(index)
        where = table.viewport().mapTo(self.widget(), rect.center())
        self.ensureVisible(where.x(), where.y(), rect.width() // 2 + 20, rect.height() + 20)

    def _add_months(self) -> None:
        m = self._current_modul()
        if m is None or self.quarter is None or self.kid is None:
            return
        have = {u.record["unperiode"] for u in m.children}
        rows = [{"unperiode": str(n)} for n in self.quarter.months if str(n) not in have]
        if rows and self.run(commands.AddRecords("undervisning", m.id, self.kid,
                                                 self.quarter.iperiode, rows)):
            shown = self.und.model.rows()
            first = next((i for i, u in enumerate(shown) if u.record["unperiode"] not in have),
                         None)
            if first is not None:  # the first new month, its Skemalagte open for typing
                self._edit_cell(self.und, first, "unfagskema")

    def _delete(self, section: Section, kind: str) -> None:
        row = section.current_row()
        record_id = section.model.row_id(row)
        if record_id is None or self.kid is None:
            return
        question = {
            "henvisning": self.tr("Do you want to delete the referral?"),
            "modul": self.tr("Do you want to delete the placement and its teaching?"),
            "undervisning": self.tr("Do you want to delete the month?"),
            "proeve": self.tr("Do you want to delete the exam?"),
        }[kind] + " " + self.tr("Edit → Undo (Ctrl+Z) brings it back.")
        answer = QMessageBox.question(self, self.tr("Delete"), question,
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        seen = self._seen(kind, record_id, KEYS[kind])
        self.run(commands.DeleteRecord(kind, record_id, self.kid, self.quarter.iperiode, seen))

    def _close_placement(self) -> None:
        m = self._current_modul()
        if m is None or self.kid is None:
            return
        dialog = CloseDialog(self)
        if dialog.exec():
            values = dialog.values()
            self.run(commands.ClosePlacement(
                m.id, self.kid, self.quarter.iperiode, values["uslutdato"],
                reason=values["uophoersaarsag"], test_date=values["umodtestdato"],
                seen={t: m.record[t] for t in PLACEMENT_END}))

    def _restart_placement(self) -> None:
        m = self._current_modul()
        if m is None or self.kid is None:
            return
        dialog = RestartDialog(self)
        if dialog.exec():
            end, ophoer, start = dialog.values()
            self.run(commands.RestartModule(m.id, self.kid, self.quarter.iperiode, end, ophoer,
                                            start, seen={t: m.record[t] for t in PLACEMENT_END}))
