"""Render the README's and the user guide's screenshots from the demo database, on a real
(virtual) screen.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

Writes docs/screenshots/*.png: the README's three at the full 1366×768 screen
(main-window, editor-findings, export-dialog), and for docs/brugervejledning.md the dialogs
and parts of the window on their own, so each picture shows just what its text is about.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QRect, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QDockWidget  # noqa: E402

from desktop import APP_NAME  # noqa: E402
from desktop.config import DB_NAME  # noqa: E402
from desktop.demo import DEMO_UKODE, build_demo  # noqa: E402
from desktop.domain.quarter import Quarter  # noqa: E402
from desktop.format.writer import document_bytes  # noqa: E402
from desktop.sampledata import histories, quarter_files, valid_cpr  # noqa: E402
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


def save(pixmap, name: str) -> None:
    path = OUT / f"{name}.png"
    pixmap.save(str(path), "PNG", 0)  # quality 0: zlib's strongest compression, same pixels
    print(path)


def shoot(app, name: str) -> None:
    """The whole screen, as the README shows it."""
    settle(app)
    save(QGuiApplication.primaryScreen().grabWindow(0), name)


def shoot_widget(app, widget, name: str, rect: QRect | None = None) -> None:
    """One dialog or part of the window alone (without a window manager there is no frame)."""
    settle(app)
    save(widget.grab(rect) if rect is not None else widget.grab(), name)


def readme_shots(app, window) -> None:
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


def go_to(window, rule: str):
    f = next(f for f in window.quarter_findings.findings() if f.rule == rule)
    window._go_to_finding(window.quarter_findings.index(
        window.quarter_findings.findings().index(f), 0))
    return f


def first_start(app, tmp: Path) -> None:
    """A new, empty database: Indstillinger asks for the udbyderkode first."""
    from desktop.ui.settings_dialog import SettingsDialog
    folder = tmp / "ny" / APP_NAME
    folder.mkdir(parents=True)
    store = Store(folder / DB_NAME)
    dialog = SettingsDialog(Workspace(store))
    dialog.resize(640, dialog.sizeHint().height())
    dialog.open()
    shoot_widget(app, dialog, "settings-first-start")
    dialog.close()
    store.close()


def settings_backup(app, window, tmp: Path) -> None:
    from desktop.ui import settings_dialog
    folder = tmp / "Sikkerhedskopier"
    folder.mkdir()
    window.open_settings()
    dialog = window._settings_dialog
    dialog.resize(720, dialog.sizeHint().height())
    with mock.patch.object(settings_dialog.QFileDialog, "getExistingDirectory",
                           return_value=str(folder)):
        dialog.take_backup()
    shoot_widget(app, dialog, "settings-backup")
    dialog.close()


def new_kursist(app, window) -> None:
    from desktop.ui.new_kursist import NewKursistDialog
    dialog = NewKursistDialog(window, window.ws.settings.a1_is_error)
    dialog.resize(520, dialog.sizeHint().height())
    dialog.open()
    cpr = valid_cpr(random.Random(4), date(1994, 3, 14))
    dialog.cpr.setText(cpr)
    dialog.koen.setCurrentIndex(dialog.koen.findData("K"))
    dialog.nation.setCurrentIndex(dialog.nation.findData("UKR"))
    shoot_widget(app, dialog, "new-kursist")
    dialog.close()


def editor_part(app, window, first, last, name: str) -> None:
    """The editor's sections from `first` to `last`, as they stand in the window."""
    settle(app)  # the sections' heights follow their rows
    body = window.editor.widget()
    top = first.geometry().top()
    shoot_widget(app, body, name, QRect(0, top, body.width(), last.geometry().bottom() - top + 1))


def placements(app, window) -> None:
    editor = window.editor
    # a kursist with two placements: one ended by a passed module test, one still running
    for row in range(window.proxy.rowCount()):
        window.list.setCurrentIndex(window.proxy.index(row, 0))
        sheet = editor.sheet
        if (len(sheet.moduler) == 2 and sheet.moduler[0].record["umodtestdato"]
                and not sheet.moduler[1].record["uslutdato"] and not editor.findings
                and sheet.moduler[1].children):
            break
    editor.mod.table.selectRow(1)
    splitter = window.splitter
    sizes = splitter.sizes()
    splitter.setSizes([180, sum(sizes) - 180])  # room for more of the month's columns
    settle(app)
    editor.und.table.horizontalScrollBar().setValue(0)
    editor_part(app, window, editor.mod, editor.und, "placement")
    splitter.setSizes(sizes)

    from desktop.ui.placement_dialogs import CloseDialog
    dialog = CloseDialog(window)
    dialog.open()
    dialog.end.edit.setText(Quarter.parse(window.quarter.iperiode).end.strftime("%d-%m-%Y"))
    shoot_widget(app, dialog, "end-placement")
    dialog.close()


def holds(app, window) -> None:
    """The hold window on a hold's grid with a finding at its cell, the carry-forward notice of
    the next quarter, and the modulskift as it is shown before it runs."""
    actions = window.hold_actions
    actions.open_holds()
    hw = actions.hold_window
    hw.resize(1366, 740)
    hw.holds.setCurrentRow(1)  # Mandag-onsdag formiddag
    settle(app)
    model = hw.model
    column = model.layout.column_of("unfravaer", window.quarter.months[1])
    hw.grid.setCurrentIndex(model.index(2, column))
    hw.paste_block(2, column, "40")  # more absence than lessons: A10 at the cell
    hw.grid.setCurrentIndex(model.index(2, column))
    hw.grid.setFocus()
    shoot_widget(app, hw, "holds-grid")

    from desktop.domain.holds import STAY
    from desktop.ui.hold_dialogs import ModuleShiftDialog
    h = hw._hold()
    day = window.quarter.end
    dialog = ModuleShiftDialog(h, window.ws.hold_members(h.id, day), day, False, hw)
    dialog.choices[3].setCurrentIndex(dialog.choices[3].findData(STAY))
    dialog.resize(560, 520)
    dialog.open()
    shoot_widget(app, dialog, "module-shift")
    dialog.close()
    hw.close()
    window.runner.undo()  # the demo as it was

    box = window.quarter_box
    box.setCurrentIndex(box.findData(window.quarter.next().iperiode))
    settle(app, 500)
    top = window.hold_actions.bar.mapTo(window, window.hold_actions.bar.rect().topLeft())
    shoot_widget(app, window, "carry-forward",
                 QRect(0, 0, window.width(), top.y() + window.hold_actions.bar.height() + 150))
    box.setCurrentIndex(box.findData(window.quarter.previous().iperiode))
    settle(app)


def exams(app, window) -> None:
    go_to(window, "A12")
    editor_part(app, window, window.editor.pro, window.editor.pro, "exams")


def findings_panel(app, window) -> None:
    go_to(window, "A10")
    window.findings_tabs.setCurrentIndex(1)
    dock = window.findChild(QDockWidget, "findings")
    window.resizeDocks([dock], [300], Qt.Vertical)
    settle(app)
    window.findings_tabs.widget(1).resizeColumnsToContents()
    shoot_widget(app, dock, "findings-panel")
    window.resizeDocks([dock], [150], Qt.Vertical)


def kursist_menu(app, window) -> None:
    """The Kursist menu open, with its shortcuts (the guide's keyboard chapter)."""
    menu = window.kursist_menu
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    shoot_widget(app, menu, "kursist-menu")
    menu.close()


def error_report(app, window) -> None:
    window.report()
    dialog = window._report_dialog
    dialog.resize(820, 560)
    shoot_widget(app, dialog, "error-report")
    dialog.close()


def import_dialog(app, window, tmp: Path) -> None:
    """Two quarters' files from another system, one with a mistake the app will report."""
    from desktop.ui.import_dialog import ImportDialog
    folder = tmp / "Fra andet system"
    folder.mkdir()
    first, last = Quarter(2025, 4), Quarter(2026, 1)
    files = quarter_files(histories(12, first, last, seed=11), DEMO_UKODE, first, last)
    month = next(u for k in files[last.iperiode] for m in k.moduler for u in m.children)
    month.values.update(unfagskema="12", unfravaer="16")  # A10, typed the wrong way round
    paths = []
    for iperiode, kursister in files.items():
        path = folder / f"DU_{DEMO_UKODE}_{iperiode}.xml"
        path.write_bytes(document_bytes(kursister, "Andet system 2.1"))
        paths.append(path)
    dialog = ImportDialog(window.ws, window)
    dialog.resize(1200, 420)  # the message column is squeezed at the default 900
    dialog.open()
    dialog.load(paths)
    shoot_widget(app, dialog, "import-dialog")
    dialog.close()


def main() -> None:
    app = application()
    tmp = Path(tempfile.mkdtemp(prefix="du-shots-"))
    (tmp / APP_NAME).mkdir()
    store = Store(tmp / APP_NAME / DB_NAME)  # named as in a real installation
    build_demo(store)
    window = MainWindow(Workspace(store))
    window.showMaximized()
    window.checker.wait()
    settle(app, 600)
    readme_shots(app, window)

    first_start(app, tmp)
    new_kursist(app, window)
    placements(app, window)
    holds(app, window)
    exams(app, window)
    findings_panel(app, window)
    kursist_menu(app, window)
    error_report(app, window)
    import_dialog(app, window, tmp)
    settings_backup(app, window, tmp)
    window.close()
    window.checker.wait()


if __name__ == "__main__":
    main()
