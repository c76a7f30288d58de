"""The quarter's Fejlrapport on screen, saved as PDF (A4) or as HTML to print or mail."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QTextBrowser,
                               QVBoxLayout)

from desktop import APP_NAME
from desktop.domain.quarter import Quarter
from desktop.format.reader import os_reason
from desktop.format.writer import write_atomic
from desktop.operations import check_quarter
from desktop.report import report_html
from desktop.workspace import Workspace


def suggested_name(ukode: str | None, iperiode: str, suffix: str) -> str:
    return f"Fejlrapport_{ukode or 'udbyder'}_{iperiode}{suffix}"


def pdf_bytes(html: str, title: str = "Fejlrapport") -> bytes:
    """The document laid out on A4 pages, rendered into memory so the file is written whole."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
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
        self.setWindowTitle(f"Fejlrapport {quarter}")
        self.resize(900, 640)
        _, findings = check_quarter(ws.store, quarter, ws.ukode)
        self.title = f"{quarter}, udbyder {ws.ukode or 'ikke angivet'}"
        self.html = report_html(findings, self.title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(self.html)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, parent=self)
        self.pdf_button = self.buttons.addButton("Gem som PDF …", QDialogButtonBox.ActionRole)
        self.html_button = self.buttons.addButton("Gem som HTML …", QDialogButtonBox.ActionRole)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.html_button.clicked.connect(self.save_html)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)

    def save_pdf(self) -> None:
        path = self._ask(".pdf", "PDF-filer (*.pdf)")
        if path:
            self._write(path, lambda: pdf_bytes(self.html, f"Fejlrapport – {self.title}"))

    def save_html(self) -> None:
        path = self._ask(".html", "HTML-filer (*.html *.htm)")
        if path:
            self._write(path, lambda: self.html.encode("utf-8"))

    def _ask(self, suffix: str, filter_: str) -> Path | None:
        folder = self.ws.store.setting("report_dir") or str(Path.home())
        name = suggested_name(self.ws.ukode, self.quarter.iperiode, suffix)
        chosen, _ = QFileDialog.getSaveFileName(self, "Gem fejlrapport", str(Path(folder) / name),
                                                filter_)
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
            self.result.setText(f"<span style='color:#b3261e'>Rapporten er ikke gemt: "
                                f"{escape(os_reason(exc))}.</span>")
            return
        self.ws.set_setting("report_dir", str(path.parent))
        self.result.setText(f"Gemt: <b>{escape(str(path))}</b>")
