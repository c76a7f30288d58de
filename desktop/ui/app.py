"""Starting the app: Danish Qt texts, the store, the main window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__
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
    app = application()
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
