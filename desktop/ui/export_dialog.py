"""Export (Ctrl+E): the findings summary first, then the file, written atomically."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QRadioButton, QTableView,
                               QVBoxLayout)

from desktop.domain.cpr import format_cpr, mask_cprs
from desktop.domain.quarter import Quarter
from desktop.operations import UsageError, check_quarter, export_quarter
from desktop.store import StoreError
from desktop.ui.background import in_store, run_with_progress
from desktop.ui.findings_model import FindingsModel
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
        self.resize(1080, 520)
        self.whole = QRadioButton(self.tr("The whole quarter ({quarter})").format(quarter=quarter),
                                  self)
        self.one = QRadioButton(
            self.tr("Only the selected student ({cpr})").format(
                cpr=format_cpr(cpr, ws.cpr_masked)) if cpr else
            self.tr("Only the selected student (none selected)"), self)
        self.one.setEnabled(cpr is not None)
        self.whole.setChecked(True)
        self.last_export = QLabel(self)
        self.last_export.setTextFormat(Qt.PlainText)  # a file name is shown as it is
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = FindingsModel(self)
        self.model.masked = ws.cpr_masked
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(100)  # size from a sample, not every row
        self.table.horizontalHeader().setStretchLastSection(True)
        self.force = QCheckBox(self.tr("Export anyway, even though there are type A errors "
                                       "(the ministry will ask for a new report)"), self)
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
        layout.addWidget(self.last_export)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.force)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.open_folder)
        layout.addLayout(result_row)
        layout.addWidget(self.buttons)
        self.whole.toggled.connect(self.refresh)
        self.force.toggled.connect(self._update_button)
        self.refresh()

    def selected_cpr(self) -> str | None:
        return self.cpr if self.one.isChecked() else None

    def refresh(self) -> None:
        quarter, ukode, cpr = self.quarter, self.ws.ukode, self.selected_cpr()
        self._show_last_export()
        report, findings = run_with_progress(
            self, self.tr("Checking the quarter …"),
            in_store(self.ws.path, lambda store: check_quarter(store, quarter, ukode, cpr)))
        self.model.set_findings(findings)
        self.n = len(report.kursister)
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
        force = self.force.isChecked()
        try:
            result = run_with_progress(
                self, self.tr("Writing the file …"),
                in_store(self.ws.path, lambda store: export_quarter(
                    store, iperiode, path, ukode=ukode, cpr=cpr, force=force)))
        except (OSError, StoreError, UsageError) as exc:  # e.g. a folder without write access
            self._not_saved(str(exc))
            return
        if result.written:
            self.ws.caught_up()  # the log's row came from the worker's connection: ours
            self.written = result.written
            self.ws.set_setting("export_dir", str(result.written.parent))
            shown = str(result.written)  # a one-kursist file is named after its CPR
            self.result.setText(self.tr("Saved: <b>{path}</b> ({n} students).").format(
                path=escape(mask_cprs(shown) if self.ws.cpr_masked else shown),
                n=result.kursister))
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
