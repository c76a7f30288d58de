"""Import (Filer → Indlæs filer …): pick v1.8 files, see what they hold and what is wrong,
then store them all or nothing, as the core does."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop.format.reader import UnreadableFile
from desktop import commands
from desktop.domain.quarter import Quarter
from desktop.operations import FileCheck, ImportResult, file_ukoder, unique_files, validate_file
from desktop.store import StoreError
from desktop.ui.background import in_store, run_with_progress
from desktop.ui.findings_model import FINDING_ROLE, FindingsModel
from desktop.ui.roles import DISPLAY
from desktop.ui.table_keys import KeyTable
from desktop.workspace import Workspace

log = logging.getLogger(__name__)
RED, GREEN = "#b3261e", "#1e6b2e"
# What an import stored: key, then the count's singular and plural source texts.
_COUNTED = (("kursister", QT_TRANSLATE_NOOP("ImportDialog", "{n} student"),
             QT_TRANSLATE_NOOP("ImportDialog", "{n} students")),
            ("henvisning", QT_TRANSLATE_NOOP("ImportDialog", "{n} referral"),
             QT_TRANSLATE_NOOP("ImportDialog", "{n} referrals")),
            ("modul", QT_TRANSLATE_NOOP("ImportDialog", "{n} module placement"),
             QT_TRANSLATE_NOOP("ImportDialog", "{n} module placements")),
            ("undervisning", QT_TRANSLATE_NOOP("ImportDialog", "{n} teaching record"),
             QT_TRANSLATE_NOOP("ImportDialog", "{n} teaching records")),
            ("proeve", QT_TRANSLATE_NOOP("ImportDialog", "{n} exam"),
             QT_TRANSLATE_NOOP("ImportDialog", "{n} exams")))


def _n(n: int, one: str, many: str) -> str:
    """A count: the singular or plural source text (marked with QT_TRANSLATE_NOOP in the
    "ImportDialog" context), translated, with {n} filled in."""
    return QCoreApplication.translate("ImportDialog", one if n == 1 else many).format(n=n)


class ImportFindingsModel(FindingsModel):
    """FindingsModel plus the file and line: with several files the CPR alone does not say
    where to look."""
    HEADERS = FindingsModel.HEADERS + (QT_TRANSLATE_NOOP("ImportFindingsModel", "File"),
                                      QT_TRANSLATE_NOOP("ImportFindingsModel", "Line"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._files: dict[int, str] = {}  # by id(): equal findings may come from two files

    def set_checks(self, checks: list[FileCheck]) -> None:
        self._files = {id(f): c.path.name for c in checks for f in c.findings}
        self.set_findings([f for c in checks for f in c.findings])

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (orientation == Qt.Horizontal and role == DISPLAY
                and len(FindingsModel.HEADERS) <= section < len(self.HEADERS)):
            return QCoreApplication.translate("ImportFindingsModel", self.HEADERS[section])
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.DisplayRole):
        extra = index.isValid() and index.column() >= len(FindingsModel.HEADERS)
        if not extra:
            return super().data(index, role)
        if role != DISPLAY:
            return None
        f = super().data(index.siblingAtColumn(0), FINDING_ROLE)
        if f is None:
            return None
        if index.column() == len(FindingsModel.HEADERS):
            return self._files.get(id(f), "")
        return str(f.line) if f.line else ""


class ImportDialog(QDialog):
    imported = Signal(object)  # Changes, after a successful store; the window reloads

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.paths: list[Path] = []
        self.checks: list[FileCheck] = []
        self.unreadable: dict[Path, str] = {}
        self.setWindowTitle(self.tr("Load files"))
        self.resize(900, 520)
        self.choose_button = QPushButton(self.tr("Choose files …"), self)
        self.choose_button.clicked.connect(self.choose_files)
        self.summary = QLabel(self.tr("Choose one or more report files (v1.8)."), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        self.model = ImportFindingsModel(self)
        self.model.masked = ws.cpr_masked
        self.table = KeyTable(self, one_stop=True)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setResizeContentsPrecision(100)  # size from a sample, not every row
        # The message takes the spare width, so the file and line stay in view; the full
        # message is in the tooltip.
        header.setSectionResizeMode(len(FindingsModel.HEADERS) - 1, QHeaderView.Stretch)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, parent=self)
        self.import_button = self.buttons.addButton(self.tr("Load"), QDialogButtonBox.AcceptRole)
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
        folder = self.ws.setting("import_dir") or str(Path.home())
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose report files"), folder,
                                                self.tr("XML files (*.xml)"))
        if not names:
            return
        self.ws.set_setting("import_dir", str(Path(names[0]).parent))
        self.load(names)

    def load(self, names: list[str | Path]) -> None:
        """Validate each file once; nothing is stored until "Indlæs"."""
        self.paths, _ = unique_files(names)  # the same file chosen twice is read once
        self.checks, self.unreadable = [], {}
        settings = self.ws.settings

        def check_all():  # on a worker thread: no database, only the files
            checks, unreadable = [], {}
            for path in self.paths:
                try:
                    checks.append(validate_file(path, settings))
                except UnreadableFile as exc:
                    unreadable[path] = str(exc)
                except Exception:  # a bug must not show a traceback; the log keeps it
                    log.exception("validating %s", path)
                    unreadable[path] = None
            return checks, unreadable

        self.checks, unreadable = run_with_progress(self, self.tr("Checking the files …"),
                                                    check_all)
        for path, message in unreadable.items():
            self.unreadable[path] = message or self.tr(
                "The file {name} could not be checked because of a program error."
            ).format(name=path.name)
        self.model.set_checks(self.checks)
        self.result.clear()
        self._show_summary()

    def _show_summary(self) -> None:
        checks = {c.path: c for c in self.checks}
        lines = [self._file_line(p, checks.get(p)) for p in self.paths]
        self.summary.setText("<br>".join(lines))
        x = sum(f.rule == "X" for c in self.checks for f in c.findings)
        a = sum(f.is_error and f.rule != "X" for c in self.checks for f in c.findings)
        files = _n(len(self.unreadable), QT_TRANSLATE_NOOP("ImportDialog", "{n} file"),
                   QT_TRANSLATE_NOOP("ImportDialog", "{n} files"))
        if self.unreadable:
            text = self.tr("<b style='color:{red}'>{files} cannot be read.</b> Nothing is loaded; "
                           "choose only report files in format v1.8.")
        elif x:
            text = self.tr("<b style='color:{red}'>{x} type X errors</b> would get the file "
                           "rejected. Nothing is loaded, not even from the other files: correct "
                           "the errors in the system that created the file, and choose it again.")
        elif a:
            text = self.tr("{a} type A errors come along and can be corrected here afterwards. "
                           "If a student already exists, the data for the file's quarter is "
                           "replaced.")
        else:
            text = self.tr("<b style='color:{green}'>The files can be loaded.</b> If a student "
                           "already exists, the data for the file's quarter is replaced.")
        self.explanation.setText(text.format(red=RED, green=GREEN, files=files, x=x, a=a))
        self.import_button.setEnabled(bool(self.checks) and not self.unreadable and x == 0)

    def _file_line(self, path: Path, check: FileCheck | None) -> str:
        name = f"<b>{escape(path.name)}</b>"
        if check is None:
            return f"{name}: <span style='color:{RED}'>{escape(self.unreadable[path])}</span>"
        errors = sum(f.is_error for f in check.findings)
        ks = check.parsed.kursister
        ukoder = sorted({k["ukode"] or "" for k in ks})
        warnings = len(check.findings) - errors
        text = (f"{name}: " + _n(len(ks), QT_TRANSLATE_NOOP("ImportDialog", "{n} student"),
                                 QT_TRANSLATE_NOOP("ImportDialog", "{n} students"))
                + (" (" + self.tr("provider {ukode}").format(ukode=escape(", ".join(ukoder))) + ")"
                   if ukoder else "")
                + " · " + _n(errors, QT_TRANSLATE_NOOP("ImportDialog", "{n} error"),
                             QT_TRANSLATE_NOOP("ImportDialog", "{n} errors"))
                + " · " + _n(warnings, QT_TRANSLATE_NOOP("ImportDialog", "{n} warning"),
                             QT_TRANSLATE_NOOP("ImportDialog", "{n} warnings")))
        notes = check.parsed.normalised_text()
        if notes:
            text += "<br>&nbsp;&nbsp;" + self.tr("Adjusted: {notes}.").format(
                notes=escape("; ".join(notes)))
        return text

    def other_ukoder(self) -> list[str]:
        """The files' udbyderkoder that are not the database's."""
        if not self.ws.ukode:
            return []
        return [u for u in file_ukoder(self.checks) if u != self.ws.ukode]

    def confirm_other_ukode(self) -> bool:
        other = self.other_ukoder()
        if not other:
            return True
        answer = QMessageBox.question(
            self, self.tr("Another provider code"),
            self.tr("The files are for provider code {other}, but this database is set up "
                    "for {ukode}. Load them anyway?").format(other=", ".join(other),
                                                            ukode=self.ws.ukode),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def run_import(self) -> None:
        if not self.import_button.isEnabled():
            return
        if not self.confirm_other_ukode():
            self.result.setText(self.tr("Nothing was loaded."))
            return
        command = commands.ImportFiles(list(self.paths), adopt_ukode=True)
        backups = self.ws.auto_backups
        try:
            self.changes = run_with_progress(
                self, self.tr("Loading the files …"),
                in_store(self.ws.path, lambda store: commands.run(store, command),
                         auto_backups=backups))
            result = command.result
        except (UnreadableFile, StoreError) as exc:  # e.g. the file was moved since the pick
            self._refused(self.tr("Nothing was loaded: {reason}").format(reason=exc))
            return
        except Exception:
            log.exception("importing %s", self.paths)
            self._refused(self.tr("Nothing was loaded because of a program error."))
            return
        self._show_result(result)

    def _show_result(self, result: ImportResult) -> None:
        if not result.stored:  # a file changed on disk and now has an X finding
            self.checks = result.checks
            self.model.set_checks(self.checks)
            self._show_summary()
            self._refused(self.tr("Nothing was loaded: the files have changed and now have type X "
                                   "errors."))
            return
        counts = ", ".join(_n(result.counts[key], one, many) for key, one, many in _COUNTED
                           if result.counts[key] or key == "kursister")
        text = self.tr("<b style='color:{green}'>Loaded: {counts}.</b>").format(
            green=GREEN, counts=counts)
        for path in result.duplicates:
            text += "<br>" + self.tr("{name} was chosen more than once; it is loaded once.").format(
                name=escape(path.name))
        for path, n in result.replaced.items():
            if n:
                text += "<br>" + self.tr("{name} replaced {quarter} for {students} already in the "
                                         "database.").format(
                    name=escape(path.name), quarter=escape(str(self._quarter_of(path, result))),
                    students=_n(n, QT_TRANSLATE_NOOP("ImportDialog", "{n} student"),
                                QT_TRANSLATE_NOOP("ImportDialog", "{n} students")))
        if result.backup_problem:
            text += f"<br><span style='color:{RED}'>{escape(result.backup_problem)}</span>"
        self.result.setText(text)
        self.import_button.setEnabled(False)  # a second click would only store the same again
        self.imported.emit(self.changes)

    @staticmethod
    def _quarter_of(path: Path, result: ImportResult):
        check = next(c for c in result.checks if c.path == path)
        return Quarter.parse(check.parsed.kursister[0]["iperiode"])

    def _refused(self, message: str) -> None:
        self.import_button.setEnabled(False)
        self.result.setText(f"<span style='color:{RED}'>{escape(message)}</span>")
