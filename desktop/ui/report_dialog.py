"""The quarter's Fejlrapport on screen, saved as PDF (A4) or as HTML to print or mail."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QTextBrowser,
                               QVBoxLayout)

from desktop import APP_NAME
from desktop.domain.quarter import Quarter
from desktop.errors import os_reason
from desktop.atomic import write_atomic
from desktop.operations import check_quarter
from desktop.ui.background import in_store, run_with_progress
from desktop.report import report_html
from desktop.workspace import Workspace


def suggested_name(ukode: str | None, iperiode: str, suffix: str) -> str:
    return QCoreApplication.translate("ReportDialog", "ErrorReport_{ukode}_{iperiode}").format(
        ukode=ukode or QCoreApplication.translate("ReportDialog", "provider"),
        iperiode=iperiode) + suffix


def pdf_bytes(html: str, title: str | None = None) -> bytes:
    """The document laid out on A4 pages, rendered into memory so the file is written whole."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title or QCoreApplication.translate("ReportDialog", "Error report"))
    writer.setCreator(APP_NAME)
    doc = QTextDocument()
    doc.setHtml(html)
    doc.print_(writer)  # ends its own painter, which completes the PDF in the buffer
    buffer.close()
    return bytes(data)


class ReportDialog(QDialog):
    def __init__(self, ws: Workspace, quarter: Quarter, parent=None):
        super().__init__(parent)
        self.ws, self.quarter = ws, quarter
        self.setWindowTitle(self.tr("Error report {quarter}").format(quarter=quarter))
        self.resize(900, 640)
        ukode = ws.ukode
        _, findings = run_with_progress(
            parent, self.tr("Checking the quarter …"),
            in_store(ws.path, lambda store: check_quarter(store, quarter, ukode)))
        self.title = self.tr("{quarter}, provider {ukode}").format(
            quarter=quarter, ukode=ws.ukode or self.tr("not set"))
        self.html = report_html(findings, self.title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(self.html)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, parent=self)
        self.pdf_button = self.buttons.addButton(self.tr("Save as PDF …"),
                                                 QDialogButtonBox.ActionRole)
        self.html_button = self.buttons.addButton(self.tr("Save as HTML …"),
                                                  QDialogButtonBox.ActionRole)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.html_button.clicked.connect(self.save_html)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)

    def save_pdf(self) -> None:
        path = self._ask(".pdf", self.tr("PDF files (*.pdf)"))
        if path:
            title = self.tr("Error report – {title}").format(title=self.title)
            self._write(path, lambda: pdf_bytes(self.html, title))

    def save_html(self) -> None:
        path = self._ask(".html", self.tr("HTML files (*.html *.htm)"))
        if path:
            self._write(path, lambda: self.html.encode("utf-8"))

    def _ask(self, suffix: str, filter_: str) -> Path | None:
        folder = self.ws.setting("report_dir") or str(Path.home())
        name = suggested_name(self.ws.ukode, self.quarter.iperiode, suffix)
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save error report"),
                                                str(Path(folder) / name), filter_)
        if not chosen:
            return None
        path = Path(chosen)
        # Qt's own (non-native) dialog does not add the suffix for a bare name.
        known = (suffix, ".htm") if suffix == ".html" else (suffix,)
        return path if path.suffix.lower() in known else path.with_name(path.name + suffix)

    def _write(self, path: Path, data) -> None:
        try:
            write_atomic(path, data())
        except OSError as exc:
            self.result.setText("<span style='color:#b3261e'>"
                                + self.tr("The report was not saved: {reason}.").format(
                                    reason=escape(os_reason(exc)))
                                + "</span>")
            return
        self.ws.set_setting("report_dir", str(path.parent))
        self.result.setText(self.tr("Saved: <b>{path}</b>").format(path=escape(str(path))))
