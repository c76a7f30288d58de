"""Export (Ctrl+E): the findings summary first, then the file, written atomically."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from desktop.domain.cpr import format_cpr, mask_cprs
from desktop.domain.quarter import Quarter
from desktop.operations import UsageError, check_quarter, export_quarter, newer_export_notice
from desktop.store import StoreError
from desktop.ui.background import in_store, run_with_progress
from desktop.ui.findings_model import FindingsModel
from desktop.ui.table_keys import KeyTable
from desktop.workspace import Workspace

RED, GREEN = "#b3261e", "#1e6b2e"


def suggested_name(ukode: str | None, iperiode: str, cpr: str | None = None) -> str:
    ukode = ukode or QCoreApplication.translate("ExportDialog", "provider")
    return f"DU_{ukode}_{iperiode}" + (f"_{cpr}" if cpr else "") + ".xml"


class ExportDialog(QDialog):
    def __init__(self, ws: Workspace, quarter: Quarter, cpr: str | None, parent=None):
        super().__init__(parent)
        self.ws, self.quarter, self.cpr = ws, quarter, cpr
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export {quarter}").format(quarter=quarter))
        # wide enough for a message on one line at 1366×768 (a longer one ends in '…'; its
        # tooltip has it whole): wrapped, its second line was cut off by the row
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1340, screen.width() - 20), min(560, screen.height() - 40))
        self.whole = QRadioButton(self.tr("The whole quarter ({quarter})").format(quarter=quarter),
                                  self)
        self.one = QRadioButton(
            self.tr("Only the selected student ({cpr})").format(
                cpr=format_cpr(cpr, ws.cpr_masked)) if cpr else
            self.tr("Only the selected student (none selected)"), self)
        self.one.setEnabled(cpr is not None)
        self.whole.setChecked(True)
        # Anbefaling 7 of the 2009 report is a proposal, not a rule of the receiving side.
        self.one_note = QLabel(self.tr(
            "A file with one student is for receivers that accept a re-report of a single "
            "student (the working group's Anbefaling 7). Otherwise the whole quarter is "
            "uploaded again."), self)
        self.one_note.setWordWrap(True)
        self.one.setToolTip(self.one_note.text())
        self.newer = QLabel(self)  # a newer quarter is already exported (the v1.8 notat, Side 5)
        self.newer.setWordWrap(True)
        self.newer.setTextFormat(Qt.PlainText)
        self.last_export = QLabel(self)
        self.last_export.setTextFormat(Qt.PlainText)  # a file name is shown as it is
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = FindingsModel(self)
        self.model.masked = ws.cpr_masked
        self.table = KeyTable(self, one_stop=True)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(100)  # size from a sample, not every row
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.force = QCheckBox(self.tr("Export anyway, even though there are type A errors "
                                       "(the ministry will ask for a new report)"), self)
        # The 2004 notat: a kursist without a lawful CPR number is left out of the report.
        self.leave_out = QCheckBox(self)
        self.leave_out_who = QLabel(self)
        self.leave_out_who.setWordWrap(True)
        self.leave_out_who.setTextFormat(Qt.PlainText)
        self.invalid: list[str] = []
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("Open the folder"), self)
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._open_folder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, parent=self)
        self.export_button = self.buttons.addButton(self.tr("Export …"),
                                                    QDialogButtonBox.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.run_export)
        scope = QHBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.one)
        scope.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(scope)
        layout.addWidget(self.one_note)
        layout.addWidget(self.last_export)
        layout.addWidget(self.newer)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.leave_out)
        layout.addWidget(self.leave_out_who)
        layout.addWidget(self.force)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.open_folder)
        layout.addLayout(result_row)
        layout.addWidget(self.buttons)
        self.whole.toggled.connect(self.refresh)
        self.force.toggled.connect(self._update_button)
        self.leave_out.toggled.connect(self._show_findings)
        self.refresh()

    def selected_cpr(self) -> str | None:
        return self.cpr if self.one.isChecked() else None

    def refresh(self) -> None:
        quarter, ukode, cpr = self.quarter, self.ws.ukode, self.selected_cpr()
        self.one_note.setVisible(cpr is not None)
        self._show_last_export()
        report, findings, notice = run_with_progress(
            self, self.tr("Checking the quarter …"),
            in_store(self.ws.path, lambda store: (
                *check_quarter(store, quarter, ukode, cpr),
                None if cpr else newer_export_notice(store, quarter, ukode))))
        self.newer.setText(notice or "")
        self.newer.setStyleSheet(f"color: {RED}")
        self.newer.setVisible(bool(notice))
        self.all_findings, self.all_n = findings, len(report.kursister)
        # The same kursister export_quarter(leave_out=True) leaves out: A1 is said of a
        # well-formed CPR that fails modulus 11, and of nothing else.
        self.invalid = sorted({f.cpr for f in findings if f.rule == "A1"})
        self.leave_out.setText(self.tr(
            "&Leave out the students whose CPR number fails the modulus 11 check ({n})").format(
            n=len(self.invalid)))
        self.leave_out.setVisible(bool(self.invalid))
        self._show_findings()

    def left_out(self) -> list[str]:
        """The CPR numbers the export will leave out, as chosen."""
        return self.invalid if self.invalid and self.leave_out.isChecked() else []

    def _show_findings(self) -> None:
        gone = set(self.left_out())
        findings = [f for f in self.all_findings if f.cpr not in gone]
        self.model.set_findings(findings)
        self.n = self.all_n - len(gone)
        who = ", ".join(format_cpr(c, self.ws.cpr_masked) for c in self.invalid)
        self.leave_out_who.setText(
            (self.tr("Left out of the file: {who}.") if gone else
             self.tr("Without a valid CPR number: {who}.")).format(who=who))
        self.leave_out_who.setVisible(bool(self.invalid))
        self.x = sum(f.rule == "X" for f in findings)
        self.a = sum(f.is_error and f.rule != "X" for f in findings)
        warnings = sum(not f.is_error for f in findings)
        if self.n == 0:
            text = self.tr("There are no students with activity to report.")
        elif self.x:
            text = self.tr("<b style='color:{red}'>{x} errors would get the file rejected on "
                           "upload (type X).</b> Correct them before exporting.")
            if self.a:
                text += " " + self.tr("In addition, {a} type A errors must be corrected.")
        elif self.a:
            text = self.tr("<b style='color:{red}'>{a} type A errors</b> must be corrected "
                           "before the ministry approves the quarter.")
        else:
            text = self.tr("<b style='color:{green}'>No errors.</b> The file can be reported.")
        text += "<br>" + self.tr("{n} students · {warnings} warnings.")
        text = text.format(red=RED, green=GREEN, x=self.x, a=self.a, n=self.n, warnings=warnings)
        self.summary.setText(text)
        self.force.setVisible(self.a > 0 and self.x == 0)
        self._update_button()

    def _show_last_export(self) -> None:
        """What was last written for this quarter, or for the selected kursist in it."""
        entry = self.ws.last_export(self.quarter, self.selected_cpr())
        if entry is None:
            self.last_export.setText(self.tr("Not exported before."))
            return
        text = (self.tr("Last exported: {time} – {file} ({n} students, despite type A errors)")
                if entry.tvunget else self.tr("Last exported: {time} – {file} ({n} students)"))
        if entry.udeladt:
            text += " " + self.tr("– left out: {who}").format(
                who=", ".join(format_cpr(c, self.ws.cpr_masked) for c in entry.udeladt))
        self.last_export.setText(text.format(time=entry.local_time.strftime("%d-%m-%Y %H:%M"),
                                             file=Path(entry.filnavn).name,
                                             n=entry.antal_kursister))

    def _update_button(self) -> None:
        self.export_button.setEnabled(self.n > 0 and self.x == 0 and
                                      (self.a == 0 or self.force.isChecked()))

    def run_export(self) -> None:
        folder = self.ws.setting("export_dir") or str(Path.home())
        name = suggested_name(self.ws.ukode, self.quarter.iperiode, self.selected_cpr())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report file"),
                                              str(Path(folder) / name),
                                              self.tr("XML files (*.xml)"))
        if not path:
            return
        iperiode, ukode, cpr = self.quarter.iperiode, self.ws.ukode, self.selected_cpr()
        force, leave_out = self.force.isChecked(), bool(self.left_out())
        try:
            result = run_with_progress(
                self, self.tr("Writing the file …"),
                in_store(self.ws.path, lambda store: export_quarter(
                    store, iperiode, path, ukode=ukode, cpr=cpr, force=force,
                    leave_out=leave_out)))
        except (OSError, StoreError, UsageError) as exc:  # e.g. a folder without write access
            self._not_saved(str(exc))
            return
        if result.written:
            self.ws.caught_up()  # the log's row came from the worker's connection: ours
            self.written = result.written
            self.ws.set_setting("export_dir", str(result.written.parent))
            shown = str(result.written)  # a one-kursist file is named after its CPR
            text = self.tr("Saved: <b>{path}</b> ({n} students).").format(
                path=escape(mask_cprs(shown) if self.ws.cpr_masked else shown),
                n=result.kursister)
            if result.left_out:
                text += " " + self.tr("Left out: {who}.").format(who=escape(", ".join(
                    format_cpr(c, self.ws.cpr_masked) for c in result.left_out)))
            self.result.setText(text)
            self.open_folder.setVisible(True)
            self._show_last_export()
        else:
            self._not_saved(result.refusal)

    def _not_saved(self, reason: str) -> None:
        self.result.setText(f"<span style='color:{RED}'>"
                            + self.tr("Not saved: {reason}").format(reason=escape(reason))
                            + "</span>")

    def _open_folder(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))
