"""The export log (schema 2): every written file is logged after it is in place, and the
export dialog shows the clerk what was last written."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import pytest

from desktop.domain.quarter import Quarter
from desktop.operations import export_quarter, import_files
from desktop.workspace import Workspace
from helpers import UKODE, sample_files, write_files

Q = Quarter(2024, 1)
AT = datetime(2026, 11, 25, 13, 3, tzinfo=timezone.utc)


@pytest.fixture
def filled(store, tmp_path):
    (tmp_path / "in").mkdir()
    assert import_files(store, write_files(tmp_path / "in", sample_files(n=20))).stored
    return store


def test_a_written_export_is_logged_with_the_file_it_wrote(filled, tmp_path):
    out = tmp_path / f"DU_{UKODE}_{Q.iperiode}.xml"
    result = export_quarter(filled, Q.iperiode, out, force=True, now=AT)
    assert result.written == out
    entry = Workspace(filled).last_export(Q)
    assert entry == result.logged
    assert entry.tidspunkt == AT and entry.ukode == UKODE and entry.iperiode == Q.iperiode
    assert entry.kcprnr is None and entry.filnavn == str(out.resolve())
    assert entry.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert entry.antal_kursister == result.kursister > 0
    assert entry.tvunget == any(f.is_error and f.rule != "X" for f in result.findings)
    stored = filled.conn.execute("SELECT tidspunkt FROM eksport").fetchone()[0]
    assert stored == "2026-11-25T13:03:00+00:00"  # UTC, ISO 8601


def test_the_quarter_and_one_kursist_are_logged_apart_and_the_latest_wins(filled, tmp_path):
    ws = Workspace(filled)
    cpr = filled.conn.execute("SELECT kcprnr FROM kursist k JOIN henvisning h ON "
                              "h.kursist_id = k.id WHERE h.iperiode = ? ORDER BY kcprnr",
                              (Q.iperiode,)).fetchone()[0]
    assert ws.last_export(Q) is None and ws.last_export(Q, cpr) is None
    export_quarter(filled, Q.iperiode, tmp_path / "first.xml", force=True, now=AT)
    export_quarter(filled, Q.iperiode, tmp_path / "second.xml", force=True,
                   now=AT.replace(hour=15))
    one = export_quarter(filled, Q.iperiode, tmp_path / "one.xml", cpr=cpr, force=True, now=AT)
    assert ws.last_export(Q).filnavn.endswith("second.xml")
    assert ws.last_export(Q, cpr) == one.logged and one.logged.kcprnr == cpr
    assert one.logged.antal_kursister == 1
    assert ws.last_export(Q.next()) is None


def test_a_forced_export_with_type_a_errors_is_marked_as_forced(filled, tmp_path):
    with filled.transaction() as c:  # A3: a municipality code that does not exist
        c.execute("UPDATE henvisning SET hkomkode = '999' WHERE iperiode = ?", (Q.iperiode,))
    refused = export_quarter(filled, Q.iperiode, tmp_path / "x.xml")
    assert refused.written is None and refused.logged is None
    forced = export_quarter(filled, Q.iperiode, tmp_path / "x.xml", force=True)
    assert forced.logged.tvunget is True
    assert filled.conn.execute("SELECT COUNT(*), SUM(tvunget) FROM eksport").fetchone() == (1, 1)


def test_a_file_that_cannot_be_written_is_not_logged(filled, tmp_path):
    with pytest.raises(OSError):
        export_quarter(filled, Q.iperiode, tmp_path / "no such folder" / "x.xml", force=True)
    assert filled.conn.execute("SELECT COUNT(*) FROM eksport").fetchone() == (0,)


def test_the_export_dialog_shows_what_was_last_written(filled, tmp_path, qtbot, qapp,
                                                       monkeypatch):
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.export_dialog import ExportDialog

    ws = Workspace(filled)
    cpr = filled.conn.execute("SELECT kcprnr FROM kursist k JOIN henvisning h ON "
                              "h.kursist_id = k.id WHERE h.iperiode = ? ORDER BY kcprnr",
                              (Q.iperiode,)).fetchone()[0]
    dialog = ExportDialog(ws, Q, cpr)
    qtbot.addWidget(dialog)
    assert dialog.last_export.text() == "Ikke dannet før."
    out = tmp_path / f"DU_{UKODE}_{Q.iperiode}.xml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog.force.setChecked(True)
    dialog.export_button.click()
    entry = ws.last_export(Q)
    shown = entry.local_time.strftime("%d-%m-%Y %H:%M")
    expected = f"Sidst dannet: {shown} – {out.name} ({entry.antal_kursister} kursister"
    assert dialog.last_export.text().startswith(expected)
    dialog.one.setChecked(True)  # the selected kursist has no file of its own yet
    assert dialog.last_export.text() == "Ikke dannet før."
    dialog.whole.setChecked(True)
    assert dialog.last_export.text().startswith(expected)
