"""Starting the app: Danish Qt texts, the store, the main window."""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer,
                            QTranslator, Signal)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__, logs
from desktop.resources import resource
from desktop.store import Store, StoreError
from desktop.store.db import Damaged, damaged_message
from desktop.workspace import Workspace


# Texts of Qt's own file dialog that qtbase_da lacks (it shows "Look in:" in a Danish dialog):
# named here so that lupdate keeps them in our .ts, whose translator is asked first.
QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
           QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def install_danish(app: QApplication) -> None:
    """Danish texts: Qt's own qtbase_da for standard buttons and dialogs ("Gem", "Annuller"),
    and ours, resources/translations/du_indberetning_da.qm (tools/update_translations.py makes
    it). Without our .qm the English source texts show. Installing twice changes nothing."""
    danish = QLocale(QLocale.Danish, QLocale.Denmark)
    QLocale.setDefault(danish)
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.TranslationsPath)),
                         ("du_indberetning", str(resource("translations")))):
        if app.findChild(QTranslator, name, Qt.FindDirectChildrenOnly):
            continue
        translator = QTranslator(app)
        translator.setObjectName(name)  # to find it again (the tests remove ours for a while)
        if translator.load(danish, name, "_", folder):  # e.g. du_indberetning_da.qm
            app.installTranslator(translator)
        else:
            translator.deleteLater()


def app_icon() -> QIcon:
    """The application icon in every rendered size (tools/make_icons.py makes them from the
    SVG); PNG needs no image-format plugin, so the frozen build stays lean."""
    icon = QIcon()
    for png in sorted(resource("icons").glob("du-indberetning-*.png")):
        icon.addFile(str(png))
    return icon


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    install_danish(app)
    return app


class ErrorReporter(QObject):
    """The app's last line: an exception nobody caught is logged with its traceback, and the
    user gets a short Danish message instead (one at a time, however many follow)."""

    report = Signal(str)  # the log file; queued to the GUI thread from any thread
    damaged = Signal(str)  # SQLite found the store damaged while it was in use

    def __init__(self, parent=None):
        super().__init__(parent)
        self.showing = False
        self.report.connect(self._show)
        self.damaged.connect(self._show_damaged)

    def _show_damaged(self, path: str) -> None:
        if self.showing:
            return
        self.showing = True
        try:
            QMessageBox.critical(None, APP_NAME, self.tr(
                "The database is damaged: a part of the file cannot be read. Nothing more is "
                "written to it. Close the program and start it again: it offers to restore an "
                "automatic backup.\n\nThe details are in the log file:\n{path}").format(path=path))
        finally:
            self.showing = False

    def excepthook(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        path = str(logs.unexpected((kind, value, tb)))
        if issubclass(kind, sqlite3.DatabaseError) and "malformed" in str(value):
            self.damaged.emit(path)  # not a program error: the file is damaged
            return
        self.report.emit(path)

    def _show(self, path: str) -> None:
        if self.showing:
            return
        self.showing = True
        try:
            QMessageBox.critical(None, APP_NAME, self.tr(
                "A program error occurred. What you have entered is saved; the last action may "
                "not have been completed.\n\nThe details are in the log file:\n{path}").format(
                path=path))
        finally:
            self.showing = False


def install_excepthook(app: QApplication) -> ErrorReporter:
    reporter = ErrorReporter(app)
    sys.excepthook = reporter.excepthook
    return reporter


FOREGROUND_CHECK_BYTES = 20_000_000  # quick_check: about 0.07 s on 20 MB (0.3 s on 100 MB)


def open_workspace(db: Path, demo: bool, demo_folder: Path | None = None) -> Workspace:
    """The store to work on; StoreError says why it cannot be opened. The demo's is built in
    demo_folder (a new temporary folder if None), which the caller removes at exit."""
    if demo:
        from desktop.demo import build_demo
        folder = demo_folder or Path(tempfile.mkdtemp(prefix="du-demo-"))
        store = Store(folder / "demo.sqlite")
        build_demo(store)
        return Workspace(store)
    # The window runs the store's quick_check in the background (desktop.ui.store_check); a
    # small store is checked before the window too, since that costs next to nothing.
    small = not db.exists() or db.stat().st_size < FOREGROUND_CHECK_BYTES
    return Workspace(Store(db, verify=small, auto_backups=True))


def choose_start(db: Path, problem: str):
    """The start dialog for a store that cannot be opened: a Workspace and a note for the
    status bar, or (None, None) to quit."""
    from desktop.ui.start_dialog import StartDialog
    dialog = StartDialog(db, problem)
    if dialog.exec() and dialog.workspace is not None:
        return dialog.workspace, dialog.note
    return None, None


class _CloseWhenShown(QObject):
    """Closes its window, as a user would, right after the window is first exposed (and so
    painted): the measure of a cold start, from source or frozen (installer/build.py)."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Expose and watched.isExposed():
            QTimer.singleShot(0, self.parent().close)
        return False


def run(db: Path, demo: bool = False, quit_when_shown: bool = False) -> int:
    logs.setup()
    app = application()
    install_excepthook(app)
    demo_folder = None
    if demo:  # fake CPR numbers: the folder goes when the app does (atexit: also on sys.exit)
        demo_folder = Path(tempfile.mkdtemp(prefix="du-demo-"))
        atexit.register(shutil.rmtree, demo_folder, True)
    note = None
    try:
        ws = open_workspace(db, demo, demo_folder)
    except Damaged:
        ws, note = choose_start(db, damaged_message(db, in_window=True))
        if ws is None:
            return 2
    except StoreError as exc:
        ws, note = choose_start(db, str(exc))
        if ws is None:
            return 2
    try:
        while True:
            status, damaged = _show(app, ws, note, demo, quit_when_shown)
            ws.close()
            if damaged is None:
                return status
            ws, note = choose_start(ws.path, damaged_message(ws.path, in_window=True))
            if ws is None:
                return 2
    finally:
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


def _show(app, ws: Workspace, note: str | None, demo: bool, quit_when_shown: bool):
    """The main window on ws until it closes: (exit status, the damage message if the
    store failed its check)."""
    from desktop.ui.main_window import MainWindow
    from desktop.ui.store_check import StoreCheck
    try:
        window = MainWindow(ws)
    except sqlite3.DatabaseError as exc:  # a large store's damage, met before its check
        if "malformed" not in str(exc):
            raise
        return 2, damaged_message(ws.path)
    window.show()
    check = StoreCheck(window, ws.path, daily=not demo)
    if note:
        window.statusBar().showMessage(note)
    if quit_when_shown:
        watcher = _CloseWhenShown(window)
        window.windowHandle().installEventFilter(watcher)
    if not ws.ukode and not quit_when_shown:  # a first start: the udbyderkode comes first
        QTimer.singleShot(0, window.open_settings)
    status = app.exec()
    check.wait()
    return status, check.damaged
