"""Render the README's screenshots from the demo database, on a real (virtual) screen.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

Writes docs/screenshots/{main-window,editor-findings,export-dialog}.png at 1366×768.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from desktop.demo import build_demo  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app, ms: int = 300) -> None:
    end = QTimer()
    end.setSingleShot(True)
    end.start(ms)
    while end.isActive():
        app.processEvents()


def shoot(app, name: str) -> None:
    settle(app)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    app = application()
    store = Store(Path(tempfile.mkdtemp(prefix="du-shots-")) / "sprogcenter.sqlite")
    build_demo(store)
    window = MainWindow(Workspace(store))
    window.showMaximized()
    window.checker.wait()
    settle(app, 600)
    window.list.setCurrentIndex(window.proxy.index(2, 0))
    shoot(app, "main-window")

    errors = [f for f in window.quarter_findings.findings() if f.rule == "A10"]
    window.findings_tabs.setCurrentIndex(1)
    row = window.quarter_findings.findings().index(errors[0])
    window._go_to_finding(window.quarter_findings.index(row, 0))
    shoot(app, "editor-findings")

    window.export()
    shoot(app, "export-dialog")
    window._export_dialog.close()
    window.close()
    window.checker.wait()


if __name__ == "__main__":
    main()
