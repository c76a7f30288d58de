"""Keystroke budgets: the real main window (offscreen), driven by key events only.

Every key goes to `QApplication.focusWidget()` through `Keys` (QTest.keyClick / keyClicks, one
event per character; a chord such as Ctrl+N is one). No setData, no private methods, no mouse.
Each test asserts its budget, checks the database afterwards, and prints the count; with
`KEYSTROKE_REPORT=file.jsonl` it also appends {task, budget, keys} there, which is what
`tools/keystroke_budgets.py` prints as the budget table.

To add a budget: a test that takes the `keys` fixture (and a window), drives it with
`keys.press` / `keys.type` (and `keys.in_dialog` for a modal dialog), checks the store, and
ends with `keys.within(task, budget)`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from desktop.sampledata import valid_cpr  # noqa: E402
from tests.helpers import demo_window  # noqa: E402

CTRL, SHIFT = Qt.ControlModifier, Qt.ShiftModifier


class Keys:
    """Presses keys on whatever widget has the keyboard focus, and counts them."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0

    def _target(self):
        widget = QApplication.focusWidget()
        assert widget is not None, f"no widget has the keyboard focus after {self.count} keys"
        return widget

    def _settle(self) -> None:
        QApplication.processEvents()
        QApplication.processEvents()  # the view commits an edit on its next event loop turn

    def press(self, key, modifiers=Qt.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self._target(), key, modifiers)
            self.count += 1
            self._settle()

    def type(self, text: str) -> None:
        for ch in text:
            QTest.keyClicks(self._target(), ch)
            self.count += 1
            self._settle()

    def in_dialog(self, steps) -> None:
        """For the key that opens a modal dialog: its event loop runs inside that key press,
        so the keys typed in the dialog are queued to run there. A failure inside closes the
        dialog (and is raised by pytest-qt afterwards) instead of leaving it waiting."""
        def run():
            try:
                self.qtbot.waitUntil(self._dialog_has_focus)  # shown, and the keyboard is in it
                steps()
            except BaseException:
                dialog = QApplication.activeModalWidget()
                if dialog is not None:
                    dialog.reject()
                raise
        self._pending = run  # kept: the timer holds no reference of its own
        QTimer.singleShot(0, run)

    @staticmethod
    def _dialog_has_focus() -> bool:
        dialog, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
        return dialog is not None and focus is not None and dialog.isAncestorOf(focus)

    def within(self, task: str, budget: int, per: int = 1) -> None:
        """Assert and report: `per` > 1 divides the count (a budget per finding)."""
        measured = self.count / per
        print(f"\n{task}: {self.count} keys" + (f" ({measured:g} per item)" if per > 1 else "")
              + f", budget {budget}")
        report = os.environ.get("KEYSTROKE_REPORT")
        if report:
            with open(report, "a", encoding="utf-8") as out:
                out.write(json.dumps({"task": task, "budget": budget, "keys": self.count,
                                      "per": per}, ensure_ascii=False) + "\n")
        assert measured <= budget, f"{task}: {measured:g} keys, budget {budget}"


@pytest.fixture
def window(qtbot, tmp_path):
    with demo_window(qtbot, tmp_path) as w:
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        yield w


@pytest.fixture
def keys(qtbot):
    return Keys(qtbot)


def rows(window, sql: str, *args) -> list[tuple]:
    """What the database holds, read by a connection of its own."""
    with sqlite3.connect(window.ws.store.path) as c:
        return c.execute(sql, args).fetchall()


def test_new_kursist_with_referral_placement_three_months_and_an_exam(window, keys, qtbot):
    cpr = valid_cpr(random.Random(10), dt.date(1991, 3, 14))

    def new_kursist_dialog():
        keys.type(cpr)
        keys.press(Qt.Key_Tab)
        keys.type("K")
        keys.press(Qt.Key_Tab)
        keys.type("syr")
        keys.press(Qt.Key_Return)  # takes the highlighted match (Syrien)
        keys.press(Qt.Key_Return)  # OK

    keys.in_dialog(new_kursist_dialog)
    keys.press(Qt.Key_N, CTRL)
    # Straight on to the referral: its category cell is open.
    keys.type("1")
    keys.press(Qt.Key_Tab)
    keys.type("101")
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_P, CTRL | SHIFT)  # Ny placering: DU, modul (the attempt fills itself in)
    keys.type("2")
    keys.press(Qt.Key_Tab)
    keys.type("1")
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_M, CTRL | SHIFT)  # the quarter's months: skemalagte, fravær, øvrige
    for skemalagte, fravaer in (("40", "2"), ("44", "0"), ("38", "5")):
        keys.type(skemalagte)
        keys.press(Qt.Key_Tab)
        keys.type(fravaer)
        keys.press(Qt.Key_Tab)
        keys.type("0")
        keys.press(Qt.Key_Return)
    keys.press(Qt.Key_E, CTRL | SHIFT)  # Ny prøve: type 3, registered (status 1 is filled in)
    keys.type("3")
    keys.press(Qt.Key_Return)

    (kid, koen, nation), = rows(window, "SELECT id, kkoen, knationskode FROM kursist "
                                        "JOIN stamdata ON kursist_id = id WHERE kcprnr = ?", cpr)
    assert (koen, nation) == ("K", "SYR")
    assert rows(window, "SELECT hhenviskat, hkomkode FROM henvisning WHERE kursist_id = ?",
                kid) == [("1", "101")]
    (modul_id, udd, mod, attempt), = rows(
        window, "SELECT id, uuddnr, umodul, uforsoegnr FROM modul WHERE kursist_id = ?", kid)
    assert (udd, mod, attempt) == ("2", "1", "1")
    assert sorted(rows(window, "SELECT unperiode, unfagskema, unfravaer, unfagoevrig "
                               "FROM undervisning WHERE modul_id = ?", modul_id)) == [
        ("7", "40", "2", "0"), ("8", "44", "0", "0"), ("9", "38", "5", "0")]
    assert rows(window, "SELECT ptype, pstatus FROM proeve WHERE kursist_id = ?",
                kid) == [("3", "1")]
    assert window.editor.findings == []  # nothing left to fix
    keys.within("the same without a hold: placement and three months typed by hand", 90)


def a_and_x(window):
    return [f for f in window.quarter_findings.findings() if f.is_error]


def test_demo_from_the_first_screen_to_the_field_of_each_error(window, keys, qtbot):
    todo = a_and_x(window)
    assert len(todo) >= 5
    for f in todo:
        keys.press(Qt.Key_F8)
        table = QApplication.focusWidget()
        assert window.editor.sheet.cpr == f.cpr
        assert table.model().fields[table.currentIndex().column()].tag == f.field
        assert f.rule in window.statusBar().currentMessage()
    keys.within("demo: from the first screen to the field of each A/X finding, in turn", 2,
                per=len(todo))


# The fix of each of the demo's errors, typed at the field F8 goes to.
FIXES = {
    "A3": [("type", "851"), ("press", Qt.Key_Return)],
    "A10": [("type", "2"), ("press", Qt.Key_Return)],
    "A9": [("type", "24"), ("press", Qt.Key_Return)],
    "X": [("type", "45"), ("press", Qt.Key_Return)],
    "A5": [("press", Qt.Key_Tab), ("type", "8"), ("press", Qt.Key_Return)],  # ophørsårsag
    "A12": [("type", "7"), ("press", Qt.Key_Return)],
}


def test_demo_fix_every_error_and_export(window, keys, qtbot, tmp_path, monkeypatch):
    out = tmp_path / "DU_101234_20263.xml"
    # The file dialog is the system's own; it answers with the suggested name.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    fixed = []
    while a_and_x(window):
        keys.press(Qt.Key_F8)
        rule = window.statusBar().currentMessage().split(" · ")[1].split(":")[0]
        assert rule in FIXES, window.statusBar().currentMessage()
        for how, what in FIXES[rule]:
            getattr(keys, how)(what)
        fixed.append(rule)
        assert len(fixed) <= len(FIXES), fixed
    keys.press(Qt.Key_E, CTRL)
    keys.press(Qt.Key_Return)  # Eksportér (the default button)
    qtbot.waitUntil(lambda: out.exists())
    window.checker.wait()
    assert sorted(fixed) == sorted(FIXES)
    assert rows(window, "SELECT count(*) FROM henvisning WHERE hkomkode = '999'") == [(0,)]
    assert rows(window, "SELECT count(*) FROM undervisning WHERE iperiode = '20263' "
                        "AND unlekmin IS NULL") == [(0,)]
    validated = subprocess.run([sys.executable, "-m", "desktop", "validate", str(out)],
                               capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert validated.returncode == 0, validated.stdout + validated.stderr  # no X, no A left
    keys.within("demo: fix every A/X finding and export the quarter, data typed included", 50)


def test_new_kursist_with_referral_joined_to_a_hold_three_months_and_an_exam(window, keys,
                                                                               qtbot):
    cpr = valid_cpr(random.Random(11), dt.date(1990, 5, 17))

    def new_kursist_dialog():
        keys.type(cpr)
        keys.press(Qt.Key_Tab)
        keys.type("M")
        keys.press(Qt.Key_Tab)
        keys.type("syr")
        keys.press(Qt.Key_Return)
        keys.press(Qt.Key_Return)

    def join_dialog():
        keys.type("M")  # the hold list finds "Mandag-onsdag formiddag"
        keys.press(Qt.Key_Return)  # OK: from the quarter's first day

    keys.in_dialog(new_kursist_dialog)
    keys.press(Qt.Key_N, CTRL)
    keys.type("1")
    keys.press(Qt.Key_Tab)
    keys.type("101")
    keys.press(Qt.Key_Return)
    keys.in_dialog(join_dialog)
    keys.press(Qt.Key_J, CTRL | SHIFT)  # Meld på hold: the months come from the hold's plan
    for fravaer in ("2", "0", "5"):  # the first month's Fravær is open; Enter goes down
        keys.type(fravaer)
        keys.press(Qt.Key_Return)
    keys.press(Qt.Key_E, CTRL | SHIFT)
    keys.type("3")
    keys.press(Qt.Key_Return)

    (kid,), = rows(window, "SELECT id FROM kursist WHERE kcprnr = ?", cpr)
    (modul_id, udd, mod, start), = rows(
        window, "SELECT id, uuddnr, umodul, ustartdato FROM modul WHERE kursist_id = ?", kid)
    assert (udd, mod, start) == ("2", "2", "2026-07-01")
    assert rows(window, "SELECT h.navn FROM hold_medlem m JOIN hold h ON h.id = m.hold_id "
                        "WHERE m.modul_id = ?", modul_id) == [("Mandag-onsdag formiddag",)]
    assert sorted(rows(window, "SELECT unperiode, unfagskema, unfravaer, unfagoevrig "
                               "FROM undervisning WHERE modul_id = ?", modul_id)) == [
        ("7", "28", "2", "4"), ("8", "32", "0", "4"), ("9", "32", "5", "4")]
    assert rows(window, "SELECT ptype, pstatus FROM proeve WHERE kursist_id = ?",
                kid) == [("3", "1")]
    assert window.editor.findings == []
    keys.within("new kursist with referral, joined to an existing hold, absence for the "
                "quarter's three months, one exam registration", 60)
