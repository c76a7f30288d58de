"""What the export says and offers, as the notater read (issue 11, items 2, 6 and 7):

- 2: "Har en kursist endnu ikke noget lovligt CPR nr, må vedkommende udelades fra
  indberetningen" (2004-notatet, side 3): the export can leave those kursister out, and says who.
- 6: a quarter's data can be replaced "så længe der ikke er indberettet for et nyt kvartal"
  (the v1.8 notat, Side 5): exporting an older quarter than one already exported says so first.
- 7: the single-kursist file is the 2009 report's Anbefaling 7, a proposal: it is offered as
  such.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from lxml import etree

from desktop.domain.cpr import format_cpr, modulus11_ok
from desktop.domain.quarter import Quarter
from desktop.operations import export_quarter, import_files, validate_file
from desktop.workspace import Workspace
from helpers import sample_files, write_files

Q = Quarter(2024, 1)
AT = datetime(2026, 11, 25, 13, 3, tzinfo=timezone.utc)
NS = {"d": "http://statistik.uni-c.dk/INMindb/v1.8"}


def cli(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def not_mod11(cpr: str) -> str:
    """The same birth date with a control digit that fails modulus 11."""
    for d in "0123456789":
        other = cpr[:9] + d
        if not modulus11_ok(other):
            return other
    raise AssertionError(cpr)


@pytest.fixture
def filled(store, tmp_path):
    (tmp_path / "in").mkdir()
    assert import_files(store, write_files(tmp_path / "in", sample_files(n=20))).stored
    return store


def quarter_cprs(store, q: Quarter = Q) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT DISTINCT k.kcprnr FROM kursist k JOIN modul m ON m.kursist_id = k.id "
        "JOIN undervisning u ON u.modul_id = m.id WHERE u.iperiode = ? ORDER BY 1",
        (q.iperiode,))]


@pytest.fixture
def two_invalid(filled):
    """Two kursister of the quarter get a CPR number that fails modulus 11 (A1)."""
    bad = []
    with filled.transaction() as c:
        for cpr in quarter_cprs(filled)[:2]:
            bad.append(not_mod11(cpr))
            c.execute("UPDATE kursist SET kcprnr = ? WHERE kcprnr = ?", (bad[-1], cpr))
    return sorted(bad)


def cprs_in(path) -> set[str]:
    return set(etree.parse(str(path)).xpath("//d:kcprnr/text()", namespaces=NS))


# --- item 2: leave out the kursister whose CPR fails modulus 11 ------------------------------------

def test_leaving_out_writes_the_rest_and_says_who_in_the_result_and_the_log(two_invalid, filled,
                                                                            tmp_path):
    out = tmp_path / "out.xml"
    before = export_quarter(filled, Q.iperiode, out)  # as today: refused, or forced with them in
    assert before.written is None and "--leave-out-invalid-cpr" in before.refusal
    result = export_quarter(filled, Q.iperiode, out, leave_out=True, now=AT)
    assert result.written == out and result.left_out == two_invalid
    assert not cprs_in(out) & set(two_invalid)
    assert not [f for f in validate_file(out).findings if f.rule == "A1"]
    assert result.kursister == len(cprs_in(out)) == len(before_cprs := before_count(filled)) - 2
    assert before_cprs  # (the quarter has kursister)
    logged = Workspace(filled).last_export(Q)
    assert logged.udeladt == tuple(two_invalid) and logged == result.logged


def before_count(store) -> set[str]:
    report_cprs = set()
    for table in ("henvisning", "proeve"):
        report_cprs |= {r[0] for r in store.conn.execute(
            f"SELECT k.kcprnr FROM kursist k JOIN {table} t ON t.kursist_id = k.id "
            "WHERE t.iperiode = ?", (Q.iperiode,))}
    return report_cprs | set(quarter_cprs(store)) | {r[0] for r in store.conn.execute(
        "SELECT k.kcprnr FROM kursist k JOIN modul m ON m.kursist_id = k.id "
        "WHERE m.uslutdato BETWEEN ? AND ?", (Q.start.isoformat(), Q.end.isoformat()))}


def test_near_miss_without_the_choice_a_forced_file_carries_them_as_chosen(two_invalid, filled,
                                                                           tmp_path):
    forced = export_quarter(filled, Q.iperiode, tmp_path / "f.xml", force=True)
    assert forced.left_out == [] and set(two_invalid) <= cprs_in(tmp_path / "f.xml")
    assert Workspace(filled).last_export(Q).udeladt == ()


def test_near_miss_leaving_out_with_no_invalid_cpr_changes_nothing(filled, tmp_path):
    plain = export_quarter(filled, Q.iperiode, tmp_path / "a.xml", force=True)
    left = export_quarter(filled, Q.iperiode, tmp_path / "b.xml", force=True, leave_out=True)
    assert left.left_out == [] and (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()
    assert plain.kursister == left.kursister


def test_the_command_line_leaves_out_and_names_them_in_text_and_json(two_invalid, filled,
                                                                     tmp_path):
    db = filled.path
    out = tmp_path / "cli.xml"
    proc = cli("export", "--quarter", Q.iperiode, "--out", out, "--db", db,
               "--leave-out-invalid-cpr", "--force")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Udeladt, fordi CPR-nummeret ikke består modulus 11-kontrollen (A1): " \
           f"{', '.join(two_invalid)}." in proc.stdout
    proc = cli("export", "--quarter", Q.iperiode, "--out", out, "--db", db,
               "--leave-out-invalid-cpr", "--force", "--json")
    data = json.loads(proc.stdout)
    assert data["left_out"] == two_invalid and data["status"] == "ok"
    assert not cprs_in(out) & set(two_invalid)
    refused = json.loads(cli("export", "--quarter", Q.iperiode, "--out", tmp_path / "r.xml",
                             "--db", db, "--json").stdout)
    assert refused["status"] == "afvist" and refused["left_out"] == []


def test_a_single_kursist_who_is_left_out_leaves_nothing_to_write(two_invalid, filled, tmp_path):
    result = export_quarter(filled, Q.iperiode, tmp_path / "one.xml", cpr=two_invalid[0],
                            leave_out=True)
    assert result.written is None and result.left_out == [two_invalid[0]]
    assert "intet at indberette" in result.refusal and not (tmp_path / "one.xml").exists()


# --- item 6: an older quarter than one already exported -----------------------------------------

def test_exporting_an_older_quarter_than_one_exported_says_so_first(filled, tmp_path):
    newer = export_quarter(filled, Q.next().iperiode, tmp_path / "new.xml", force=True, now=AT)
    assert newer.written and newer.notice is None  # the newest: nothing to say
    again = export_quarter(filled, Q.iperiode, tmp_path / "old.xml", force=True, now=AT)
    assert again.written and "2024 2. kvartal er allerede eksporteret (25-11-2026)" in again.notice
    assert "så længe der ikke er indberettet for et nyere kvartal" in again.notice
    proc = cli("export", "--quarter", Q.iperiode, "--out", tmp_path / "c.xml", "--db",
               filled.path, "--force")
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Bemærk: 2024 2. kvartal er allerede eksporteret")
    assert lines[-1].startswith("Skrevet:")  # said before the file is reported written
    data = json.loads(cli("export", "--quarter", Q.iperiode, "--out", tmp_path / "j.xml",
                          "--db", filled.path, "--force", "--json").stdout)
    assert data["notice"].startswith("Bemærk: 2024 2. kvartal")


def test_near_miss_the_same_or_a_newer_quarter_and_one_kursist_files_say_nothing(filled, tmp_path):
    export_quarter(filled, Q.iperiode, tmp_path / "a.xml", force=True)
    assert export_quarter(filled, Q.iperiode, tmp_path / "b.xml", force=True).notice is None
    assert export_quarter(filled, Q.next().iperiode, tmp_path / "c.xml", force=True).notice is None
    cpr = quarter_cprs(filled)[0]
    one = export_quarter(filled, Q.iperiode, tmp_path / "d.xml", cpr=cpr, force=True)
    assert one.notice is None  # a re-report of one kursist is no new quarter's file


# --- item 7: the single-kursist file is offered as the proposal it is -----------------------------

def test_help_says_what_the_single_kursist_file_is_for():
    text = " ".join(cli("export", "--help").stdout.split())
    assert "Anbefaling 7" in text and "ellers uploades hele kvartalet igen" in text


def test_the_guide_says_what_the_single_kursist_file_is_for():
    from desktop.resources import guide_path
    text = " ".join(guide_path().read_text(encoding="utf-8").split())
    assert "Anbefaling 7" in text and "Ellers uploader du hele kvartalet igen" in text


# --- the export dialog ------------------------------------------------------------------------

@pytest.fixture
def dialog_for(qtbot, qapp):
    pytest.importorskip("PySide6.QtWidgets")
    from desktop.ui.export_dialog import ExportDialog

    def make(store, cpr=None):
        d = ExportDialog(Workspace(store), Q, cpr)
        qtbot.addWidget(d)
        d.show()
        return d
    return make


def test_the_dialog_offers_to_leave_them_out_by_keyboard_and_names_them(two_invalid, filled,
                                                                        dialog_for, tmp_path,
                                                                        qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QFileDialog

    shown = ", ".join(format_cpr(c, False) for c in two_invalid)
    d = dialog_for(filled)
    assert d.leave_out.isVisible() and not d.leave_out.isChecked()
    assert d.leave_out.text().startswith("&Udelad kursister, hvis CPR-nummer ikke består")
    assert d.leave_out_who.text() == f"Uden gyldigt CPR-nummer: {shown}."
    assert not d.export_button.isEnabled()  # A1 errors, nothing chosen yet
    a_before = d.a
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)  # a mnemonic is a shortcut of the active window
    qtbot.keyClick(QApplication.focusWidget() or d, Qt.Key_U, Qt.AltModifier)
    qtbot.waitUntil(d.leave_out.isChecked)  # a mnemonic clicks with a short animation
    assert d.leave_out_who.text() == f"Udelades af filen: {shown}."
    assert d.a < a_before and not any(f.cpr in two_invalid for f in d.model.findings())
    out = tmp_path / "dlg.xml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    d.force.setChecked(d.a > 0)
    d.export_button.click()
    assert out.exists() and not cprs_in(out) & set(two_invalid)
    assert f"Udeladt: {shown}." in d.result.text()
    assert f"udeladt: {shown}" in d.last_export.text()


def test_near_miss_the_dialog_shows_no_choice_when_every_cpr_is_valid(filled, dialog_for):
    d = dialog_for(filled)
    assert not d.leave_out.isVisible() and not d.leave_out_who.isVisible()


def test_the_dialog_says_a_newer_quarter_is_exported_before_writing(filled, dialog_for, tmp_path):
    d = dialog_for(filled)
    assert not d.newer.isVisible()  # near miss: nothing newer exported
    export_quarter(filled, Q.next().iperiode, tmp_path / "new.xml", force=True)
    d = dialog_for(filled)
    assert d.newer.isVisible() and d.newer.text().startswith(
        "Bemærk: 2024 2. kvartal er allerede eksporteret")


def test_the_dialog_says_what_the_single_kursist_file_is_for(filled, dialog_for):
    d = dialog_for(filled, quarter_cprs(filled)[0])
    assert not d.one_note.isVisible()  # the whole quarter chosen
    d.one.setChecked(True)
    assert d.one_note.isVisible()
    assert "Anbefaling 7" in d.one_note.text() and "hele kvartalet igen" in d.one_note.text()
    assert not d.newer.isVisible()

