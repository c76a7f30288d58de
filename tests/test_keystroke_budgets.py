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
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from desktop.commands.base import Tx  # noqa: E402
from desktop.domain.quarter import Quarter  # noqa: E402
from desktop.sampledata import histories, valid_cpr  # noqa: E402
from desktop.store import Store, holds  # noqa: E402
from desktop.store.writes import kursist_id, put_stamdata  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402
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


# A provider with one 20-member hold, taught in 3rd quarter 2026, going on into the 4th ------
HOLD_UKODE = "104321"
Q3, Q4 = Quarter(2026, 3), Quarter(2026, 4)
MEMBERS = 20
FIGURES = [[str((r + m) % 6) for m in range(3)] for r in range(MEMBERS)]


def hold_store(path) -> Store:
    """One hold of 20 members, taught in 3rd quarter 2026 (absence typed), open into the 4th."""
    store = Store(path)
    with store.transaction() as c:
        tx = Tx(c)
        hold_id = holds.create_hold(tx, HOLD_UKODE, "Mandagsholdet", "2", "3", "45",
                                    "2026-07-01")
        for m in range(7, 13):
            holds.set_plan_month(tx, hold_id, (2026, m), {"unfagskema": "24", "unfagoevrig": "2"})
        for h in histories(MEMBERS, Q3, Q3, seed=5):
            kid = kursist_id(c, HOLD_UKODE, h.cpr)
            put_stamdata(c, kid, Q3.iperiode, h.koen, h.nation)
            holds.join(tx, hold_id, kid, dt.date(2026, 7, 6))
        grid = holds.grid_rows(c, Q3, hold_id, HOLD_UKODE)
        holds.set_cells(tx, Q3, [holds.Cell(r.modul_id, m, "unfravaer", "1")
                                 for r in grid for m in Q3.months], 45)
        c.execute("INSERT INTO setting (key, value) VALUES ('ukode', ?)", (HOLD_UKODE,))
    return store


@pytest.fixture
def hold_window(qtbot, tmp_path):
    store = hold_store(tmp_path / "du.sqlite")
    w = MainWindow(Workspace(store))
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    QTest.qWaitForWindowActive(w)
    w.checker.wait()
    w.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.list)
    yield w
    w.checker.wait()
    if w.hold_actions.hold_window is not None:
        w.hold_actions.hold_window.close()
    store.close()


def absence(window, q: Quarter) -> list[list[str | None]]:
    """The Fravær of each member placement's months in the quarter, in CPR order."""
    by: dict[str, list] = {}
    for cpr, _, fravaer in rows(window, "SELECT k.kcprnr, u.unperiode, u.unfravaer FROM "
                                        "undervisning u JOIN modul m ON m.id = u.modul_id "
                                        "JOIN kursist k ON k.id = m.kursist_id WHERE "
                                        "u.iperiode = ? ORDER BY k.kcprnr, "
                                        "CAST(u.unperiode AS INTEGER)", q.iperiode):
        by.setdefault(cpr, []).append(fravaer)
    return list(by.values())


def to_next_quarter_and_carry_forward(window, keys: Keys) -> None:
    """Two keys: the next quarter, where the notice offers the carry-forward, and the
    carry-forward, which leaves the keyboard in the hold's grid at its first Fravær cell."""
    assert window.quarter == Q3
    keys.press(Qt.Key_PageDown, CTRL)
    assert window.quarter == Q4
    assert "20 placeringer fortsætter" in window.hold_actions.notice.text()
    keys.press(Qt.Key_F, CTRL | SHIFT)
    assert len(absence(window, Q4)) == MEMBERS
    grid = window.hold_actions.hold_window.grid
    assert QApplication.focusWidget() is grid
    column = grid.model().layout.columns[grid.currentIndex().column()]
    assert grid.currentIndex().row() == 0 and (column.tag, column.month) == ("unfravaer", 10)


def test_next_quarter_for_a_20_member_hold_carry_forward_and_type_60_absence_figures(
        hold_window, keys, qtbot):
    """The issue asks for at most 100 keys; that cannot be done by typing. Each figure is a key
    and each needs Enter to be stored (which moves down the month's column, from its bottom to
    the next month's top): 60 figures are 120 keys whatever the grid does, and the two keys
    before them make 122. So this asserts the measured floor, 122, not 100; pasting the same
    block (the next test) is the way to stay far under it."""
    to_next_quarter_and_carry_forward(hold_window, keys)
    for m in range(3):
        for r in range(MEMBERS):
            keys.type(FIGURES[r][m])
            keys.press(Qt.Key_Return)
    qtbot.waitUntil(lambda: absence(hold_window, Q4) == FIGURES)
    keys.within("next quarter: a 20-member hold carried forward, 60 absence figures typed "
                "(the issue's 100 is under the 120-key floor of 60 figures + Enter)", 122)


def test_next_quarter_for_a_20_member_hold_by_pasting_the_absence_block(hold_window, keys):
    to_next_quarter_and_carry_forward(hold_window, keys)
    QGuiApplication.clipboard().setText(
        "".join("\t".join(row) + "\r\n" for row in FIGURES))  # as Excel copies a block
    keys.press(Qt.Key_V, CTRL)
    assert absence(hold_window, Q4) == FIGURES  # one command: stored at once
    keys.within("next quarter: a 20-member hold carried forward, its absence block pasted", 10)
    # and it is one undo step: Ctrl+Z takes the whole paste back, and only it
    keys.press(Qt.Key_Z, CTRL)
    assert absence(hold_window, Q4) == [[None] * 3] * MEMBERS
