"""Starting the app: Danish Qt texts, the store, the main window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__
from desktop.store import Store, StoreError
from desktop.workspace import Workspace


def install_danish(app: QApplication) -> None:
    """Qt's own Danish texts for standard buttons and dialogs ("Gem", "Annuller")."""
    QLocale.setDefault(QLocale(QLocale.Danish, QLocale.Denmark))
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    if translator.load(QLocale(QLocale.Danish, QLocale.Denmark), "qtbase", "_", path):
        app.installTranslator(translator)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
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


def run(db: Path, demo: bool = False) -> int:
    app = application()
    try:
        ws = open_workspace(db, demo)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    from desktop.ui.main_window import MainWindow
    window = MainWindow(ws)
    window.show()
    return app.exec()
