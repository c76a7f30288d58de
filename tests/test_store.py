"""The store: pragmas, private files, migrations with a backup, transactions, indexed quarters."""

import sqlite3
import stat
import subprocess
from pathlib import Path
import sys

import pytest

from desktop.domain.quarter import Quarter
from desktop.operations import import_files
from desktop.store import Store, StoreError, migrations
from desktop.store.quarter import select_quarter
from desktop.store.writes import add, kursist_id
from tests.helpers import dump, sample_files, write_files


def test_new_store_is_at_the_latest_version_with_foreign_keys_and_wal(store):
    assert store.version == migrations.LATEST
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_database_and_backups_are_readable_by_the_owner_only(store, tmp_path):
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    backup = store.backup(tmp_path / "copy.sqlite")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_foreign_keys_refuse_an_orphan_record(store):
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction() as c:
            add(c, "henvisning", 999, {"hhenvisdato": "2024-01-01"}, "20241")


def test_a_failed_transaction_leaves_nothing_behind(store):
    before = dump(store)
    with pytest.raises(RuntimeError):
        with store.transaction() as c:
            kid = kursist_id(c, "123456", "0101901234")
            add(c, "henvisning", kid, {"hhenvisdato": "2024-01-01"}, "20241")
            raise RuntimeError("power cut")
    assert dump(store) == before


def test_migration_copies_the_file_aside_first_and_runs_in_one_transaction(db_path, monkeypatch):
    with Store(db_path) as s:
        with s.transaction() as c:
            kursist_id(c, "123456", "0101901234")
    step = ["ALTER TABLE kursist ADD COLUMN note TEXT"]
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    monkeypatch.setattr("desktop.store.db.MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr("desktop.store.db.LATEST", migrations.LATEST)
    with Store(db_path) as s:
        assert s.version == migrations.LATEST
        assert s.conn.execute("SELECT note FROM kursist").fetchall() == [(None,)]
    backup = db_path.with_name(f"{db_path.name}.v{migrations.LATEST - 1}.bak")
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1
    assert old.execute("SELECT kcprnr FROM kursist").fetchall() == [("0101901234",)]
    old.close()


def test_a_failing_migration_step_leaves_the_old_version_intact(db_path, monkeypatch):
    Store(db_path).close()
    broken = ["CREATE TABLE extra (x)", "THIS IS NOT SQL"]
    monkeypatch.setattr("desktop.store.db.MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr("desktop.store.db.LATEST", migrations.LATEST + 1)
    with pytest.raises(StoreError):
        Store(db_path)
    monkeypatch.undo()
    with Store(db_path) as s:
        assert s.version == migrations.LATEST
        names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in names


def test_a_database_from_a_newer_program_is_refused_in_danish(db_path):
    Store(db_path).close()
    c = sqlite3.connect(db_path)
    c.execute(f"PRAGMA user_version = {migrations.LATEST + 5}")
    c.close()
    with pytest.raises(StoreError, match="nyere version"):
        Store(db_path)


def test_a_file_that_is_not_a_database_gives_a_danish_error(tmp_path):
    path = tmp_path / "not.sqlite"
    path.write_bytes(b"this is a text file, not sqlite" * 100)
    with pytest.raises(StoreError, match="kan ikke åbnes"):
        Store(path)


@pytest.mark.parametrize("one", [False, True], ids=["quarter", "one-kursist"])
def test_quarter_selection_never_scans_a_whole_history_table(tmp_path, store, one):
    """Every statement of the selection reaches the big tables through an index, so its cost
    follows the quarter's size (or the one kursist's), not the years of history in the file."""
    files = sample_files(n=40)
    import_files(store, write_files(tmp_path, files))
    store.conn.execute("ANALYZE")
    cpr = files["20234"][3]["kcprnr"] if one else None
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    with store.transaction() as c:
        report = select_quarter(c, Quarter(2023, 4), cpr=cpr)
    store.conn.set_trace_callback(None)
    assert report.kursister and (not one or len(report.kursister) == 1)
    # the quarter's own ids, in temp tables, and SQLite's one constant row
    selected = {"s", "sel_modul", "sel_kursist", "CONSTANT"}
    checked = 0
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "INSERT", "DELETE")):
            continue
        plan = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        for row in plan:
            detail = row[-1]
            if detail.startswith("SCAN "):
                table = detail.split()[1]
                assert table in selected, f"full scan of {table}: {sql}"
        checked += 1
    assert checked >= 5


def test_non_ui_layers_never_import_qt():
    code = ("import sys, desktop.cli, desktop.operations, desktop.sampledata, desktop.workspace, "
            "desktop.commands, desktop.settings; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_views_go_through_the_workspace_and_run_no_sql():
    """desktop/ui reaches the database only through the Workspace (and worker threads
    through a Store of their own, desktop.ui.background.in_store)."""
    import re
    ui = Path(__file__).resolve().parents[1] / "desktop" / "ui"
    found = [f"{p.name}:{n}: {line.strip()}" for p in sorted(ui.glob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\bws\.store\b|\.conn\b|\.execute\(", line)]
    assert found == []


def test_a_missing_folder_or_missing_database_is_a_danish_error_not_a_new_file(tmp_path):
    with pytest.raises(StoreError, match="findes ikke"):
        Store(tmp_path / "no" / "such" / "db.sqlite")
    with pytest.raises(StoreError, match="findes ikke"):
        Store(tmp_path / "absent.sqlite", create=False)
    assert list(tmp_path.iterdir()) == []


def test_bulk_pauses_the_cycle_collector_until_the_last_nested_use_ends():
    import gc
    import threading

    from desktop.bulk import bulk
    assert gc.isenabled()
    with bulk():
        assert not gc.isenabled()
        done = threading.Event()

        def other_thread():
            with bulk():
                pass
            done.set()
        threading.Thread(target=other_thread).start()
        done.wait(5)
        assert not gc.isenabled()  # the other thread's end does not resume it under us
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
