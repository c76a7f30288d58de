"""Every earlier schema version is kept as a real database (SQL text in tests/data/store_vN,
made by tools/make_store_dump.py with that version's code). Each one must open, upgrade to
the latest version, leave a backup of itself beside it, and export exactly what it exported
before."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest

from desktop.domain.quarter import Quarter
from desktop.format.reader import read_file
from desktop.format.writer import validate_bytes
from desktop.operations import export_quarter
from desktop.store import Store, StoreError, migrations
from desktop.workspace import Workspace
from helpers import DATA, KEPT, build, canon_all

EXPORT_NAME = re.compile(r"DU_(\d+)_(\d{5})(?:_(\d{10}))?\.xml")


def content(c: sqlite3.Connection) -> dict:
    """Version, schema and every row (ids included) of a database."""
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "ORDER BY name")]
    return {"version": c.execute("PRAGMA user_version").fetchone()[0],
            "schema": sorted(c.execute("SELECT type, name, sql FROM sqlite_master")),
            **{t: sorted(c.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}}


def sound_content(path: Path) -> dict:
    """content() of a database file read-only, after it has passed integrity_check."""
    c = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path.name
        return content(c)
    finally:
        c.close()


def test_a_test_database_is_kept_for_every_earlier_schema_version():
    """A new migration needs the database of the version before it: run
    tools/make_store_dump.py with the code of that version (before the migration is added)."""
    missing = [v for v in range(1, migrations.LATEST) if v not in KEPT]
    assert missing == []
    for v in KEPT:
        folder = DATA / f"store_v{v}"
        assert f"PRAGMA user_version = {v};" in (folder / "store.sql").read_text(encoding="utf-8")
        assert list(folder.glob("DU_*.xml")), f"{folder.name} has no expected export files"


@pytest.mark.parametrize("version", [v for v in KEPT if v < migrations.LATEST])
def test_an_old_database_upgrades_keeps_a_backup_and_exports_as_before(version, tmp_path):
    db = build(version, tmp_path / "du.sqlite")
    c = sqlite3.connect(db)
    before = content(c)
    columns = {t: [r[1] for r in c.execute(f"PRAGMA table_info({t})")] for t in before
               if t not in ("version", "schema")}
    c.close()
    assert before["version"] == version

    with Store(db) as store:
        assert store.version == migrations.LATEST
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        upgraded = content(store.conn)
        for table, cols in columns.items():  # what was there is still there, column by column
            if table in upgraded:
                kept = store.conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
                assert sorted(kept, key=repr) == before[table], table

        backup = db.with_name(f"{db.name}.v{version}.bak")
        assert backup.is_file()
        assert sound_content(backup) == before

        expected_files = sorted((DATA / f"store_v{version}").glob("DU_*.xml"))
        ws = Workspace(store)
        for expected in expected_files:
            _, iperiode, cpr = EXPORT_NAME.fullmatch(expected.name).groups()
            out = tmp_path / expected.name
            result = export_quarter(store, iperiode, out, cpr=cpr, force=True)
            assert result.written == out, result.refusal
            validate_bytes(out.read_bytes())  # raises on anything the schema rejects
            got, want = read_file(out), read_file(expected)
            assert got.findings == []
            assert canon_all(got.kursister) == canon_all(want.kursister), expected.name
            logged = ws.last_export(Quarter.parse(iperiode), cpr)
            assert logged.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()


@pytest.mark.parametrize("version", KEPT)
def test_a_migration_failing_halfway_leaves_the_original_database_untouched(version, tmp_path,
                                                                            monkeypatch):
    db = build(version, tmp_path / "du.sqlite")
    c = sqlite3.connect(db)
    before = content(c)
    c.close()
    # The real steps up to the latest version run first; the next one fails after it has
    # already created a table and written a row.
    broken = ["CREATE TABLE tillaeg (x)", "INSERT INTO tillaeg VALUES (1)", "NOT SQL AT ALL"]
    monkeypatch.setattr("desktop.store.db.MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr("desktop.store.db.LATEST", migrations.LATEST + 1)
    with pytest.raises(StoreError, match="kan ikke åbnes"):
        Store(db)
    assert sound_content(db) == before
    monkeypatch.undo()
    with Store(db) as store:  # the real program still opens and upgrades it
        assert store.version == migrations.LATEST
