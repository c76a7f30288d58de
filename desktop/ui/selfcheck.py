"""The Qt half of `--self-test` (desktop/selftest.py): start Qt as the app does, check the
translators it installed, and show and close the real main window and the Help window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (QCoreApplication, QEventLoop, Qt, QTranslator, qInstallMessageHandler,
                            qVersion)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.errors import StepFailed
from desktop.store import Store
from desktop.ui.app import application
from desktop.workspace import Workspace

# A text of ours and one of Qt's own, with the Danish each must come out as.
KNOWN_TEXTS = (("MainWindow", "Students", "Kursister"),
               ("QPlatformTheme", "Cancel", "Annuller"))


def _quiet_offscreen(mode, context, message: str) -> None:
    # The offscreen platform warns that it cannot resize to hints; every other message shows.
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def start_qt() -> str:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(_quiet_offscreen)
    app = application()
    if app.windowIcon().isNull():
        raise StepFailed("programikonet kunne ikke indlæses fra resources/icons")
    return f"Qt {qVersion()}, platform {QGuiApplication.platformName()}, programikon indlæst"


def check_translations() -> str:
    app = QApplication.instance()
    installed = {t.objectName()
                 for t in app.findChildren(QTranslator, options=Qt.FindDirectChildrenOnly)}
    missing = [name for name in ("du_indberetning", "qtbase") if name not in installed]
    if missing:
        raise StepFailed("den danske oversættelse blev ikke indlæst: "
                          + ", ".join(f"{name}_da.qm" for name in missing))
    for context, source, danish in KNOWN_TEXTS:
        got = QCoreApplication.translate(context, source)
        if got != danish:
            raise StepFailed(f"»{source}« blev til »{got}«, ventede »{danish}«")
    return ("du_indberetning_da.qm og Qt's qtbase_da.qm indlæst; "
            + ", ".join(f"»{s}« → »{d}«" for _, s, d in KNOWN_TEXTS))


def _wait(app: QApplication, done, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        app.processEvents(QEventLoop.AllEvents, 50)
    return True


def _shown(app: QApplication, window, timeout: float) -> bool:
    return _wait(app, lambda: window.windowHandle() is not None
                 and window.windowHandle().isExposed(), timeout)


def show_and_close_main_window(store: Store, timeout: float = 60.0) -> str:
    """The window the user gets, on the given store: shown, its quarter checked, closed."""
    from desktop.ui.main_window import MainWindow
    app = QApplication.instance()
    window = MainWindow(Workspace(store))
    try:
        window.show()
        if not _shown(app, window, timeout):
            raise StepFailed("hovedvinduet blev ikke vist")
        if not _wait(app, lambda: "fejl" in window.totals.text(), timeout):
            raise StepFailed("kvartalets kontroller blev ikke færdige i vinduet")
        rows = window.proxy.rowCount()
        if rows == 0:
            raise StepFailed("kursistlisten i vinduet er tom")
        if window.list.accessibleName() != "Kursister":
            raise StepFailed("vinduet viser ikke de danske tekster")
        summary = (f"vist med {rows} kursister i listen og »{window.totals.text()}«, "
                   "og lukket igen")
    finally:
        window.close()
        window.checker.wait()
        window.deleteLater()
        app.processEvents()
    return summary


def show_and_close_guide(path: Path, timeout: float = 60.0) -> str:
    """The Help window (F1) on the guide: shown with its contents and every picture, closed."""
    from desktop.ui.help_window import HelpWindow
    app = QApplication.instance()
    window = HelpWindow(path=path)
    try:
        window.show()
        if not _shown(app, window, timeout):
            raise StepFailed("hjælpevinduet blev ikke vist")
        browser = window.browser
        broken = sorted(name for name, image in browser.images.items() if image.isNull())
        if broken:
            raise StepFailed("hjælpevinduet kan ikke vise " + ", ".join(broken))
        if not browser.headings:
            raise StepFailed("hjælpevinduet fandt ingen afsnit i vejledningen")
        summary = (f"vist i hjælpevinduet (F1) med {len(browser.headings)} afsnit og "
                   f"{len(browser.images)} billeder")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return summary
