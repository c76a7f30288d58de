"""The kursist editor: stamdata, henvisninger, placements with their months, and prøver.

Each section is a catalogue-driven table. An edit is stored at once (one transaction, one undo
step); then the kursist is re-checked and every finding is painted at its field.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.checks.findings import Finding
from desktop.domain.cpr import format_cpr
from desktop.domain.dates import parse_user_date
from desktop.domain.fields import FIELD_BY_TAG
from desktop.domain.quarter import Quarter
from desktop.domain.records import record_label
from desktop.store.kursist import KursistSheet, Row
from desktop.ui.placement_dialogs import CloseDialog, RestartDialog
from desktop.ui.record_model import RecordTableModel
from desktop.ui.section import Section
from desktop.ui.undo import SetValue
from desktop.workspace import FieldRef, Workspace

_UNKAT = ("unkatkonf", "unkatstud", "unkatedb", "unkatproj", "unkateks", "unkatoevrig")


class KursistEditor(QScrollArea):
    changed = Signal()  # the store changed: lists and totals may need a refresh

    def __init__(self, ws: Workspace, undo: QUndoStack, parent=None):
        super().__init__(parent)
        self.ws, self.undo = ws, undo
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
        self.und = Section(self.tr("Teaching in the quarter (for the selected placement)"),
                           RecordTableModel("undervisning"))
        # The columns typed every month first; the optional breakdown of the lessons after them.
        self.und.table.show_first(["unperiode", "unfagskema", "unfravaer", "unfagoevrig",
                                   "unlekmin"])
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
        self.findings = self.ws.findings(self.kid, q)
        self._paint()

    def _current_modul(self) -> Row | None:
        row = self.mod.current_row()
        return self.sheet.moduler[row] if self.sheet and 0 <= row < len(self.sheet.moduler) else None

    def _show_months(self, paint: bool = True) -> None:
        m = self._current_modul()
        self.und.model.set_rows(m.children if m else [])
        self.und.setEnabled(m is not None)
        if paint:
            self._paint()

    def _paint(self) -> None:
        if self.sheet is None:
            return
        m = self._current_modul()
        labels = {
            "kursist": {"kursist": 0},
            "henvisning": {record_label("henvisning", r.record.key): i
                           for i, r in enumerate(self.sheet.henvisninger)},
            "modul": {record_label("modul", r.record.key): i for i, r in enumerate(self.sheet.moduler)},
            "undervisning": {record_label("undervisning", m.record.key + u.record.key): i
                             for i, u in enumerate(m.children)} if m else {},
            "proeve": {record_label("proeve", r.record.key): i for i, r in enumerate(self.sheet.proever)},
        }
        for kind, section in self.sections.items():
            per_cell: dict = {}
            shown: list[Finding] = []
            for f in self.findings:
                kind_of = f.record.split(" ")[0]
                if kind_of != kind or f.record not in labels[kind]:
                    continue
                per_cell.setdefault((labels[kind][f.record], f.field), []).append(f)
                shown.append(f)
            section.model.set_findings(per_cell)
            section.show_findings(shown, self.masked)

    def focus_finding(self, f: Finding) -> None:
        """Select the record and field a finding is about, and put the cursor there."""
        kind = f.record.split(" ")[0]
        if kind == "undervisning" and self.sheet:
            for i, m in enumerate(self.sheet.moduler):
                if f.record.startswith("undervisning " + "/".join(str(k) for k in m.record.key)):
                    self.mod.table.selectRow(i)
        section = self.sections.get(kind)
        if section is None:
            return
        model = section.model
        for row in range(model.rowCount()):
            r = model.rows()[row].record
            key = r.key
            if kind == "undervisning":
                m = self._current_modul()
                key = (m.record.key if m else ()) + key
            if record_label(kind, key) == f.record or kind == "kursist":
                column = model.column_of(f.field) if f.field else 0
                index = model.index(row, column or 0)
                section.table.setCurrentIndex(index)
                section.table.setFocus()
                self.ensureWidgetVisible(section.table)
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

    # Editing ----------------------------------------------------------------------------
    def _edit(self, kind: str, row_id: int | None, tag: str, text: str) -> None:
        if row_id is None or self.quarter is None:
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
        ref = FieldRef(kind, row_id, tag)
        old = self.ws.value(ref, self.quarter)
        if old == value:
            return
        self.undo.beginMacro(self.tr("Change {field}").format(field=field.label.lower()))
        self.undo.push(SetValue(self.ws, ref, old, value, self.quarter, self._stored))
        self._helpers(kind, row_id, tag)
        self.undo.endMacro()

    def _helpers(self, kind: str, row_id: int, tag: str) -> None:
        """Fill what follows from an edit, as part of the same undo step."""
        q = self.quarter
        if kind == "modul" and tag in ("uuddnr", "umodul"):
            ref = FieldRef("modul", row_id, "uforsoegnr")
            if not self.ws.value(ref, q):
                udd = self.ws.value(FieldRef("modul", row_id, "uuddnr"), q)
                mod = self.ws.value(FieldRef("modul", row_id, "umodul"), q)
                if udd and mod:
                    n = str(self.ws.next_attempt(self.kid, udd, mod))
                    self.undo.push(SetValue(self.ws, ref, None, n, q, self._stored))
        if kind == "undervisning" and tag in _UNKAT:
            ref = FieldRef("undervisning", row_id, "unfagskema")
            if not self.ws.value(ref, q):
                parts = {t: self.ws.value(FieldRef("undervisning", row_id, t), q) for t in _UNKAT}
                # only valid counts add up ('²' is a digit to str.isdigit, not to int)
                if all(FIELD_BY_TAG[t].problem(p) is None for t, p in parts.items()):
                    total = str(sum(int(p) for p in parts.values() if p))
                    self.undo.push(SetValue(self.ws, ref, None, total, q, self._stored))

    def _stored(self, *_) -> None:
        """After any change to the store: re-load, re-check, and tell the window."""
        self.refresh()
        self.changed.emit()

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
        self.ws.add_record(kind, self.kid, q, values)
        self._stored()
        section = self.sections[kind]
        last = section.model.rowCount() - 1
        if last >= 0:  # the first cell that is not filled in already, open for typing
            self._edit_cell(section, last, {"henvisning": "hhenviskat", "modul": "uuddnr",
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
        if m is None or self.quarter is None:
            return
        have = {u.record["unperiode"] for u in m.children}
        self.ws.add_records("undervisning", m.id, self.quarter,
                            [{"unperiode": str(n)} for n in self.quarter.months if str(n) not in have])
        self._stored()
        rows = self.und.model.rows()
        first = next((i for i, u in enumerate(rows) if u.record["unperiode"] not in have), None)
        if first is not None:
            self._edit_cell(self.und, first, "unfagskema")

    def _delete(self, section: Section, kind: str) -> None:
        row = section.current_row()
        record_id = section.model.row_id(row)
        if record_id is None:
            return
        question = {
            "henvisning": self.tr("Do you want to delete the referral? It cannot be undone."),
            "modul": self.tr("Do you want to delete the placement and its teaching? "
                             "It cannot be undone."),
            "undervisning": self.tr("Do you want to delete the month? It cannot be undone."),
            "proeve": self.tr("Do you want to delete the exam? It cannot be undone."),
        }[kind]
        answer = QMessageBox.question(self, self.tr("Delete"), question,
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        self.ws.delete_record(kind, record_id)
        self.undo.clear()  # earlier edits may refer to the deleted record
        self._stored()

    def _close_placement(self) -> None:
        m = self._current_modul()
        if m is None:
            return
        dialog = CloseDialog(self)
        if dialog.exec():
            q = self.quarter
            self.undo.beginMacro(self.tr("End placement"))
            for tag, value in dialog.values().items():
                ref = FieldRef("modul", m.id, tag)
                self.undo.push(SetValue(self.ws, ref, self.ws.value(ref, q), value, q, self._stored))
            self.undo.endMacro()

    def _restart_placement(self) -> None:
        m = self._current_modul()
        if m is None:
            return
        dialog = RestartDialog(self)
        if dialog.exec():
            end, ophoer, start = dialog.values()
            self.ws.restart_placement(m.id, end, ophoer, start)
            self.undo.clear()
            self._stored()
