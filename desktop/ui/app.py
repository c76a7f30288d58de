"""Starting the app: Danish Qt texts, the store, the main window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__, logs
from desktop.resources import resource
from desktop.store import Store, StoreError
from desktop.workspace import Workspace


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

    def __init__(self, parent=None):
        super().__init__(parent)
        self.showing = False
        self.report.connect(self._show)

    def excepthook(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        self.report.emit(str(logs.unexpected((kind, value, tb))))

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


def open_workspace(db: Path, demo: bool) -> Workspace:
    if demo:
        from desktop.demo import build_demo
        db = Path(tempfile.mkdtemp(prefix="du-demo-")) / "demo.sqlite"
        store = Store(db)
        build_demo(store)
        return Workspace(store)
    return Workspace(Store(db))


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
    try:
        ws = open_workspace(db, demo)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    from desktop.ui.main_window import MainWindow
    window = MainWindow(ws)
    window.show()
    if quit_when_shown:
        watcher = _CloseWhenShown(window)
        window.windowHandle().installEventFilter(watcher)
    if not ws.ukode and not quit_when_shown:  # a first start: the udbyderkode comes first
        QTimer.singleShot(0, window.open_settings)
    return app.exec()
