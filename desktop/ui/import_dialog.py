"""Import (Filer → Indlæs filer …): pick v1.8 files, see what they hold and what is wrong,
then store them all or nothing, as the core does."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout)

from desktop.format.reader import UnreadableFile
from desktop.operations import FileCheck, ImportResult, import_files, validate_file
from desktop.store import StoreError
from desktop.ui.findings_model import FINDING_ROLE, FindingsModel
from desktop.workspace import Workspace

log = logging.getLogger(__name__)
RED, GREEN = "#b3261e", "#1e6b2e"
_COUNTED = (("kursister", "kursist", "kursister"), ("henvisning", "henvisning", "henvisninger"),
            ("modul", "modulplacering", "modulplaceringer"),
            ("undervisning", "undervisningspost", "undervisningsposter"),
            ("proeve", "prøve", "prøver"))


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class ImportFindingsModel(FindingsModel):
    """FindingsModel plus the file and line: with several files the CPR alone does not say
    where to look."""
    HEADERS = FindingsModel.HEADERS + ("Fil", "Linje")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._files: dict[int, str] = {}  # by id(): equal findings may come from two files

    def set_checks(self, checks: list[FileCheck]) -> None:
        self._files = {id(f): c.path.name for c in checks for f in c.findings}
        self.set_findings([f for c in checks for f in c.findings])

    def data(self, index, role=Qt.DisplayRole):
        extra = index.isValid() and index.column() >= len(FindingsModel.HEADERS)
        if not extra:
            return super().data(index, role)
        if role != Qt.DisplayRole:
            return None
        f = super().data(index.siblingAtColumn(0), FINDING_ROLE)
        if f is None:
            return None
        if index.column() == len(FindingsModel.HEADERS):
            return self._files.get(id(f), "")
        return str(f.line) if f.line else ""


class ImportDialog(QDialog):
    imported = Signal()  # after a successful store; the window reloads its lists

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.paths: list[Path] = []
        self.checks: list[FileCheck] = []
        self.unreadable: dict[Path, str] = {}
        self.setWindowTitle("Indlæs filer")
        self.resize(900, 520)
        self.choose_button = QPushButton("Vælg filer …", self)
        self.choose_button.clicked.connect(self.choose_files)
        self.summary = QLabel("Vælg en eller flere indberetningsfiler (v1.8).", self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        self.model = ImportFindingsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        # The message takes the spare width, so the file and line stay in view; the full
        # message is in the tooltip.
        header.setSectionResizeMode(len(FindingsModel.HEADERS) - 1, QHeaderView.Stretch)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, parent=self)
        self.import_button = self.buttons.addButton("Indlæs", QDialogButtonBox.AcceptRole)
        self.import_button.setEnabled(False)
        # accepted is left unconnected: the dialog stays open so the user sees the counts.
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explanation)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)

    def choose_files(self) -> None:
        folder = self.ws.store.setting("import_dir") or str(Path.home())
        names, _ = QFileDialog.getOpenFileNames(self, "Vælg indberetningsfiler", folder,
                                                "XML-filer (*.xml)")
        if not names:
            return
        self.ws.set_setting("import_dir", str(Path(names[0]).parent))
        self.load(names)

    def load(self, names: list[str | Path]) -> None:
        """Validate each file once; nothing is stored until "Indlæs"."""
        self.paths = [Path(n) for n in names]
        self.checks, self.unreadable = [], {}
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            for path in self.paths:
                try:
                    self.checks.append(validate_file(path, self.ws.settings))
                except UnreadableFile as exc:
                    self.unreadable[path] = str(exc)
                except Exception:  # a bug must not show a traceback; the log keeps it
                    log.exception("validating %s", path)
                    self.unreadable[path] = (f"Filen {path.name} kunne ikke kontrolleres på "
                                             "grund af en programfejl.")
        finally:
            QApplication.restoreOverrideCursor()
        self.model.set_checks(self.checks)
        self.result.clear()
        self._show_summary()

    def _show_summary(self) -> None:
        checks = {c.path: c for c in self.checks}
        lines = [self._file_line(p, checks.get(p)) for p in self.paths]
        self.summary.setText("<br>".join(lines))
        x = sum(f.rule == "X" for c in self.checks for f in c.findings)
        a = sum(f.is_error and f.rule != "X" for c in self.checks for f in c.findings)
        if self.unreadable:
            files = _n(len(self.unreadable), "fil", "filer")
            text = (f"<b style='color:{RED}'>{files} kan ikke læses.</b> Intet bliver indlæst; "
                    "vælg kun indberetningsfiler i format v1.8.")
        elif x:
            text = (f"<b style='color:{RED}'>{x} fejl af type X</b> ville få filen afvist. Intet "
                    "bliver indlæst, heller ikke fra de andre filer: ret fejlene i det system, "
                    "der har dannet filen, og vælg den igen.")
        elif a:
            text = (f"{a} fejl af type A følger med ind og kan rettes her bagefter. Findes en "
                    "kursist allerede, erstattes data for filens kvartal.")
        else:
            text = (f"<b style='color:{GREEN}'>Filerne kan indlæses.</b> Findes en kursist "
                    "allerede, erstattes data for filens kvartal.")
        self.explanation.setText(text)
        self.import_button.setEnabled(bool(self.checks) and not self.unreadable and x == 0)

    def _file_line(self, path: Path, check: FileCheck | None) -> str:
        name = f"<b>{escape(path.name)}</b>"
        if check is None:
            return f"{name}: <span style='color:{RED}'>{escape(self.unreadable[path])}</span>"
        errors = sum(f.is_error for f in check.findings)
        ks = check.parsed.kursister
        ukoder = sorted({k["ukode"] or "" for k in ks})
        text = (f"{name}: {_n(len(ks), 'kursist', 'kursister')}"
                + (f" (udbyder {escape(', '.join(ukoder))})" if ukoder else "")
                + f" · {_n(errors, 'fejl', 'fejl')}"
                + f" · {_n(len(check.findings) - errors, 'advarsel', 'advarsler')}")
        notes = check.parsed.normalised_text()
        if notes:
            text += "<br>&nbsp;&nbsp;Tilrettet: " + escape("; ".join(notes)) + "."
        return text

    def run_import(self) -> None:
        if not self.import_button.isEnabled():
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            result = import_files(self.ws.store, self.paths)
        except (UnreadableFile, StoreError) as exc:  # e.g. the file was moved since the pick
            self._refused(f"Intet er indlæst: {exc}")
            return
        except Exception:
            log.exception("importing %s", self.paths)
            self._refused("Intet er indlæst på grund af en programfejl.")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._show_result(result)

    def _show_result(self, result: ImportResult) -> None:
        if not result.stored:  # a file changed on disk and now has an X finding
            self.checks = result.checks
            self.model.set_checks(self.checks)
            self._show_summary()
            self._refused("Intet er indlæst: filerne er ændret og har nu fejl af type X.")
            return
        counts = ", ".join(_n(result.counts[key], one, many) for key, one, many in _COUNTED
                           if result.counts[key] or key == "kursister")
        self.result.setText(f"<b style='color:{GREEN}'>Indlæst: {counts}.</b>")
        self.import_button.setEnabled(False)  # a second click would only store the same again
        self.imported.emit()

    def _refused(self, message: str) -> None:
        self.import_button.setEnabled(False)
        self.result.setText(f"<span style='color:{RED}'>{escape(message)}</span>")
