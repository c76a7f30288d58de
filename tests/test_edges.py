"""Nothing lost at the edges (issue 12): one test per item, as a user meets it. The command
line runs in a subprocess, the window offscreen; each test asserts what the user is told and
that the store and the files are byte-for-byte what they should be.

Full and read-only disks are small tmpfs mounts (root only); where the machine does not allow
a mount, those tests skip and say why."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from desktop.demo import DEMO_UKODE
from desktop.domain.quarter import Quarter
from desktop.format.writer import document_bytes, validate_bytes
from desktop.sampledata import histories, quarter_files
from desktop.store import Store, StoreError, autobackup
from desktop.store.backup import restore_from
from desktop.store.migrations import APPLICATION_ID
from helpers import assert_danish, dump

Q = "20263"  # the demo's newest quarter
CPR = "0104981526"  # a kursist of it (the demo data are the same every time)


def run(*args, cwd=None, env=None, input=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], cwd=cwd,
                          stdin=subprocess.DEVNULL if input is None else None, input=input,
                          capture_output=True, timeout=120,
                          env={**os.environ, **(env or {})})
    for stream in (proc.stdout, proc.stderr):
        assert b"Traceback" not in stream, stream.decode("utf-8", "replace")
    return proc


def text(proc) -> str:
    return (proc.stdout + proc.stderr).decode("utf-8", "replace")


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def store_content(path: Path):
    with Store(path, create=False) as s:
        return dump(s)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """`du-indberetning demo DIR`, then the tour's import: a store with both quarters."""
    folder = tmp_path_factory.mktemp("edges") / "demo"
    proc = run("demo", folder)
    assert proc.returncode == 0, text(proc)
    return folder


@pytest.fixture
def db(demo_dir, tmp_path) -> Path:
    path = tmp_path / "sprogcenter.sqlite"
    proc = run("import", *sorted(demo_dir.glob("DU_*.xml")), "--db", path)
    assert proc.returncode == 0, text(proc)
    return path


@pytest.fixture
def backups(tmp_path, monkeypatch) -> Path:
    """A backup folder of this test's own, for the subprocesses and the code in process."""
    folder = tmp_path / "sikkerhedskopier"
    monkeypatch.setenv("DU_INDBERETNING_BACKUP_DIR", str(folder))
    return folder


@contextlib.contextmanager
def tmpfs(folder: Path, size: str, read_only: bool = False):
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"no tmpfs mount here ({proc.stderr.strip() or 'mount failed'}), so no "
                    "full or read-only disk to test on")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def hold_lock(db: Path) -> sqlite3.Connection:
    """Another program holding the store's write lock."""
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


# 1 -----------------------------------------------------------------------------------------
def test_1_export_onto_the_store_its_files_its_backups_or_a_foreign_file_is_refused(
        db, tmp_path, backups, qtbot, monkeypatch):
    with Store(db, auto_backups=True) as s:
        backup = autobackup.take(s, autobackup.DAILY)
    notes = tmp_path / "noter.txt"
    notes.write_text("Mine noter om kvartalet\n", encoding="utf-8")
    before = store_content(db)
    db_bytes = sha(db)
    for target in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-journal"),
                   backup, notes):
        existed = target.exists()
        kept = sha(target) if existed else None
        proc = run("export", "--quarter", Q, "--out", target, "--db", db, "--force")
        assert proc.returncode == 1, text(proc)
        assert "Afvist" in text(proc) and "ikke skrevet nogen fil" in text(proc), text(proc)
        assert "Skrevet" not in text(proc)
        assert_danish(text(proc))
        if existed:
            assert sha(target) == kept, target.name
        else:
            assert not target.exists() or target.name.endswith(("-wal", "-shm"))
    assert sha(db) == db_bytes and store_content(db) == before

    # The dialog goes the same way: the clerk picks the database as the file to save.
    from desktop.ui.export_dialog import ExportDialog
    from desktop.workspace import Workspace
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(db), "")))
    with Store(db, create=False) as s:
        dialog = ExportDialog(Workspace(s), Quarter.parse(Q), None)
        qtbot.addWidget(dialog)
        dialog.force.setChecked(True)
        dialog.run_export()
        assert "Ikke gemt" in dialog.result.text() and "selve databasen" in dialog.result.text()
    assert store_content(db) == before


# 2 -----------------------------------------------------------------------------------------
def _contacts(path: Path, version: int) -> Path:
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    c.execute("INSERT INTO contacts VALUES ('Karen', '12345678')")
    c.execute(f"PRAGMA user_version = {version}")
    c.commit()
    c.close()
    return path


@pytest.mark.parametrize("version", [0, 1, 2])
def test_2_another_programs_sqlite_file_is_never_taken_over(demo_dir, tmp_path, version,
                                                            backups):
    contacts = _contacts(tmp_path / "contacts.sqlite", version)
    original = contacts.read_bytes()
    for args in (("import", demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml", "--db", contacts),
                 ("export", "--quarter", Q, "--out", tmp_path / "x.xml", "--db", contacts)):
        proc = run(*args)
        assert proc.returncode == 2, text(proc)
        assert "contacts.sqlite er ikke en database fra DU-indberetning" in text(proc)
        assert_danish(text(proc))
        assert contacts.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.sqlite"]
    assert not backups.exists() or not any(backups.rglob("*.sqlite"))


def test_2_the_apps_own_files_are_marked_and_an_old_store_gets_the_mark(db, tmp_path):
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    c.close()
    from helpers import build
    old = build(2, tmp_path / "gammel.sqlite")
    with Store(old) as s:
        assert s.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


# 3 -----------------------------------------------------------------------------------------
def damage(path: Path) -> bytes:
    """8 KB of the middle of the file overwritten, as a failing disk or a bad copy does."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = bytes((b ^ 0x5A) for b in data[middle:middle + 8192])
    path.write_bytes(bytes(data))
    return bytes(data)


def test_3_a_damaged_store_is_said_to_be_damaged_and_nothing_is_written_from_it(
        db, tmp_path, backups, qtbot, monkeypatch):
    sound = db.read_bytes()
    damaged = damage(db)
    for q in ("20262", "20263"):
        out = tmp_path / f"DU_{DEMO_UKODE}_{q}.xml"
        proc = run("export", "--quarter", q, "--out", out, "--db", db, "--force")
        assert proc.returncode == 2, text(proc)
        assert "Databasen sprogcenter.sqlite er beskadiget" in text(proc)
        assert "Programfejl" not in text(proc)
        assert_danish(text(proc))
        assert not out.exists()
    assert db.read_bytes() == damaged
    assert not backups.exists() or not any(backups.rglob("*.sqlite")), "no backup of a damage"

    # The window: the check in the background finds it; nothing is exported or backed up.
    from desktop.ui.main_window import MainWindow
    from desktop.ui.store_check import StoreCheck
    from desktop.workspace import Workspace
    # A large store's window opens before its check has read the whole file: here it opens
    # on the sound file, and the damage is met by the check.
    said = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda p, t, m: said.append(m)))
    db.write_bytes(sound)
    with Store(db, create=False, verify=False) as s:
        w = MainWindow(Workspace(s))
        qtbot.addWidget(w)
        w.show()
        w.checker.wait()
        db.write_bytes(damaged)
        with qtbot.capture_exceptions() as met:  # the window's own reads may meet it first
            check = StoreCheck(w, db)
            assert not w.export_action.isEnabled() and not w.import_action.isEnabled()
            with qtbot.waitSignal(check.failed, timeout=10000):
                pass
            w.checker.wait()
        assert all("malformed" in str(e[1]) for e in met), met
    assert said and "er beskadiget" in said[0]
    assert check.damaged and not w.isVisible()
    assert db.read_bytes() == damaged
    assert not backups.exists() or not any(backups.rglob("*.sqlite"))


# 4 -----------------------------------------------------------------------------------------
def test_4_the_start_dialog_restores_an_automatic_backup_and_keeps_the_bad_file(
        db, tmp_path, backups, qtbot, monkeypatch):
    from desktop.store.db import damaged_message
    from desktop.ui.start_dialog import StartDialog
    with Store(db, auto_backups=True) as s:
        older = autobackup.take(s, autobackup.DAILY, now=datetime.now() - timedelta(days=1))
        newest = autobackup.take(s, autobackup.BEFORE_IMPORT)
        expected = dump(s)
    damaged = damage(db)
    dialog = StartDialog(db, damaged_message(db, in_window=True))
    qtbot.addWidget(dialog)
    assert "beskadiget" in dialog.problem.text() and "herunder" in dialog.problem.text()
    rows = [dialog.backups.item(i).text() for i in range(dialog.backups.count())]
    assert len(rows) == 2 and "før indlæsning" in rows[0] and "daglig" in rows[1]
    assert all("48 kursister" in r for r in rows), rows
    assert dialog.backups.selected() == newest and older.exists()

    dialog.restore_button.click()
    assert dialog.workspace is not None and dialog.result() == QDialog.Accepted
    try:
        assert dump(dialog.workspace.store) == expected
        assert dialog.workspace.store.path == db
    finally:
        dialog.workspace.store.close()
    kept = [p for p in tmp_path.iterdir() if "kunne-ikke-aabnes" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert str(kept[0]) in dialog.note

    # Open another database: a file that is not ours is refused in the dialog, and stays.
    contacts = _contacts(tmp_path / "contacts.sqlite", 0)
    original = contacts.read_bytes()
    dialog = StartDialog(contacts, "Databasen kan ikke åbnes.")
    qtbot.addWidget(dialog)
    assert "ingen automatiske sikkerhedskopier" in dialog.backups_label.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(contacts), "")))
    dialog.open_button.click()
    assert dialog.workspace is None and "ikke en database fra DU-indberetning" in \
        dialog.result_label.text()
    assert contacts.read_bytes() == original
    # … or create a new one.
    new = tmp_path / "ny.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(new), "")))
    dialog.new_button.click()
    assert dialog.workspace is not None and dialog.workspace.store.path == new
    dialog.workspace.store.close()


# 5 -----------------------------------------------------------------------------------------
def test_5_restore_refuses_a_look_alike_backup_before_replacing_anything(
        db, tmp_path, backups, qtbot, monkeypatch):
    fake = tmp_path / "kopi.sqlite"
    c = sqlite3.connect(fake)
    c.execute("CREATE TABLE kursist (navn TEXT)")
    c.execute("CREATE TABLE setting (k TEXT)")
    c.execute("PRAGMA user_version = 1")
    c.commit()
    c.close()
    fake_bytes = fake.read_bytes()
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.workspace import Workspace
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(fake), "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    with Store(db, auto_backups=True) as s:
        before = dump(s)
        dialog = SettingsDialog(Workspace(s))
        qtbot.addWidget(dialog)
        dialog.restore_button.click()
        assert "Ikke gendannet" in dialog.backup_result.text()
        assert "ikke en database fra DU-indberetning" in dialog.backup_result.text()
        assert dump(s) == before
        # A real backup of ours with a table missing is refused too.
        other = tmp_path / "mangler.sqlite"
        s.backup(other)
        m = sqlite3.connect(other)
        m.execute("DROP TABLE eksport")
        m.commit()
        m.close()
        with pytest.raises(StoreError, match="har ikke de tabeller"):
            restore_from(s, other)
        assert dump(s) == before
    assert fake.read_bytes() == fake_bytes
    assert not list(tmp_path.glob("*før-gendannelse*")), "refused before any copy was made"


# 6 -----------------------------------------------------------------------------------------
def test_6_automatic_backups_before_import_daily_and_kept_7_days_and_8_weeks(
        db, demo_dir, tmp_path, backups, qtbot):
    before = store_content(db)
    proc = run("import", demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml", "--db", db)
    assert proc.returncode == 0, text(proc)
    made = autobackup.listing(db)
    assert [b.why for b in made] == [autobackup.BEFORE_IMPORT]
    assert oct(made[0].path.stat().st_mode & 0o777) == "0o600"
    assert store_content(made[0].path) == before
    assert made[0].kursister() == 48

    # The window's check takes the day's first backup, once a day.
    from desktop.ui.main_window import MainWindow
    from desktop.ui.store_check import StoreCheck
    from desktop.workspace import Workspace
    with Store(db, create=False, verify=False, auto_backups=True) as s:
        w = MainWindow(Workspace(s))
        qtbot.addWidget(w)
        for _ in range(2):
            check = StoreCheck(w, db)
            with qtbot.waitSignal(check.passed, timeout=10000):
                pass
        w.checker.wait()
        assert w.export_action.isEnabled() and w.import_action.isEnabled()
        # … and Indstillinger lists them, newest first.
        from desktop.ui.settings_dialog import SettingsDialog
        dialog = SettingsDialog(Workspace(s))
        qtbot.addWidget(dialog)
        assert len(dialog.auto_backups.backups) == 1  # no daily one: today had one already
    assert [b.why for b in autobackup.listing(db)] == [autobackup.BEFORE_IMPORT]

    # Kept: all of today, the newest of 7 days, the newest of 8 weeks. "Today" is the day of
    # the real backup above, so the count holds whatever the clock says when the test runs.
    now = datetime.combine(made[0].taken.date(), time(12, 0))
    with Store(db, create=False) as s:
        for days in reversed(range(0, 90)):  # as time goes: each take prunes as of its day
            for hour in (16, 8):
                autobackup.take(s, autobackup.DAILY, now=now - timedelta(days=days, hours=hour))
        autobackup.take(s, autobackup.BEFORE_IMPORT, now=now)
    kept = autobackup.listing(db)
    days = {b.taken.date() for b in kept}
    weeks = {b.taken.isocalendar()[:2] for b in kept}
    assert len([b for b in kept if b.taken.date() == now.date()]) == 3
    assert sorted(days)[-7:] == [(now - timedelta(days=d)).date() for d in range(6, -1, -1)]
    assert len(weeks) == 8 and len(kept) <= 3 + 6 + 8
    assert min(b.taken for b in kept) > now - timedelta(weeks=9)


def test_6_a_full_disk_during_an_automatic_backup_is_reported_and_the_import_goes_on(
        db, demo_dir, tmp_path):
    with tmpfs(tmp_path / "lille", "64k") as small:
        proc = run("import", demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml", "--db", db,
                   env={"DU_INDBERETNING_BACKUP_DIR": str(small)})
        assert proc.returncode == 0, text(proc)
        assert "Advarsel: Den automatiske sikkerhedskopi (før indlæsning)" in text(proc)
        assert "disken er fuld" in text(proc) and "Indlæst for udbyderkode" in text(proc)
        assert not list(small.rglob("*.sqlite")) and not list(small.rglob("*.tmp"))


# 7 -----------------------------------------------------------------------------------------
def test_7_the_message_is_true_when_the_log_cannot_be_written(db, tmp_path, backups):
    out = tmp_path / f"DU_{DEMO_UKODE}_{Q}.xml"
    other = hold_lock(db)
    try:
        proc = run("export", "--quarter", Q, "--out", out, "--db", db)
    finally:
        other.rollback()
        other.close()
    assert proc.returncode == 1, text(proc)
    assert "databasen bruges af et andet program" in text(proc), text(proc)
    assert "Programfejl" not in text(proc) and not out.exists()
    assert not list(tmp_path.glob(".*.tmp"))

    # A name with bytes that are no UTF-8: written, and logged as the file system gives it.
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/DU_\xe6\xf8.xml"))
    proc = run("export", "--quarter", Q, "--out", odd, "--db", db)
    assert proc.returncode == 0, text(proc)
    assert "Skrevet" in text(proc) and "intet er skrevet" not in text(proc)
    validate_bytes(odd.read_bytes())
    with sqlite3.connect(db) as c:
        logged = c.execute("SELECT filnavn, sha256 FROM eksport").fetchall()
    assert logged == [(os.fsencode(str(odd)).decode("utf-8", "backslashreplace"), sha(odd))]
    assert logged[0][0].endswith("DU_\\xe6\\xf8.xml")


# 8 -----------------------------------------------------------------------------------------
def test_8_a_lock_or_a_full_disk_is_said_in_danish_exit_1_nothing_written(
        db, demo_dir, tmp_path, backups):
    before = store_content(db)
    other = hold_lock(db)
    try:
        proc = run("import", demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml", "--db", db)
    finally:
        other.rollback()
        other.close()
    assert proc.returncode == 1, text(proc)
    assert "Intet er indlæst: databasen bruges af et andet program" in text(proc)
    assert "Programfejl" not in text(proc)
    assert store_content(db) == before

    with tmpfs(tmp_path / "fuld", "16k") as full:
        (full / "fyld").write_bytes(b"x" * 12 * 1024)
        out = full / f"DU_{DEMO_UKODE}_{Q}.xml"
        proc = run("export", "--quarter", Q, "--out", out, "--db", db)
        assert proc.returncode == 1, text(proc)
        assert f"{out.name} er ikke skrevet: disken er fuld" in text(proc)
        assert "fejlkode" not in text(proc) and "Programfejl" not in text(proc)
        assert sorted(p.name for p in full.iterdir()) == ["fyld"]
    assert store_content(db) == before


# 9 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["ascii", "cp850", "cp1252"])
def test_9_the_command_line_never_fails_because_of_what_it_prints(demo_dir, tmp_path, encoding):
    odd = tmp_path / "DU_kvartal→3.xml"  # an arrow: in none of these encodings
    shutil.copy(demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml", odd)
    env = {"PYTHONIOENCODING": encoding}
    proc = run("validate", odd, "--json", env=env)
    assert proc.returncode == 0, text(proc)
    result = json.loads(proc.stdout.decode("ascii"))  # ASCII, with escapes
    assert result["file"] == str(odd) and result["kursister"] == 47
    assert any("Lektionslængden" in f["message"] for f in result["findings"])
    proc = run("validate", odd, env=env)
    assert proc.returncode == 0, text(proc)
    shown = proc.stdout.decode(encoding)
    assert "47 kursister" in shown and "Programfejl" not in shown
    if encoding != "ascii":
        assert "Lektionslængden" in shown


# 10 ----------------------------------------------------------------------------------------
def test_10_long_names_read_only_disks_and_a_closed_pipe(db, demo_dir, tmp_path, backups):
    long_name = tmp_path / ("D" * 240 + ".xml")  # 244 bytes: fits, its temporary name too
    proc = run("export", "--quarter", Q, "--out", long_name, "--db", db)
    assert proc.returncode == 0, text(proc)
    validate_bytes(long_name.read_bytes())

    too_long = tmp_path / ("D" * 300 + ".xml")
    proc = run("export", "--quarter", Q, "--out", too_long, "--db", db)
    assert proc.returncode in (1, 2) and "filnavnet er for langt" in text(proc), text(proc)
    assert ".tmp" not in text(proc)

    with tmpfs(tmp_path / "skrivebeskyttet", "64k", read_only=True) as ro:
        proc = run("export", "--quarter", Q, "--out", ro / "x.xml", "--db", db)
        assert proc.returncode == 1, text(proc)
        assert "x.xml er ikke skrevet: drevet er skrivebeskyttet" in text(proc)
        assert list(ro.iterdir()) == []

    # `validate … | head -1`: the reader stops, and the command ends without a word.
    py = subprocess.run(f'"{sys.executable}" -m desktop validate '
                        f'"{demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml"}" | head -1',
                        shell=True, capture_output=True, timeout=60, env=os.environ)
    assert py.stdout.decode().startswith(f"DU_{DEMO_UKODE}_{Q}.xml: 47 kursister")
    assert py.stderr == b"", py.stderr


# 11 ----------------------------------------------------------------------------------------
def test_11_imports_that_look_like_something_else(db, demo_dir, tmp_path, backups, qtbot,
                                                  monkeypatch):
    q_file = demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml"
    proc = run("import", q_file, q_file, "--db", db)
    assert proc.returncode == 0, text(proc)
    out = text(proc)
    assert f"{q_file.name} er angivet mere end én gang; den er læst og indlæst én gang." in out
    assert f"{q_file.name} erstattede 3. kvartal 2026 for 47 kursister" in out
    assert "Indlæst for udbyderkode 101234: 47 kursister," in out

    # A file for another udbyderkode: the command line says which it stored.
    other = tmp_path / "DU_123456_20263.xml"
    q = Quarter.parse(Q)
    ks = quarter_files(histories(3, q, q, seed=5), "123456", q, q)[Q]
    other.write_bytes(document_bytes(ks))
    proc = run("import", other, "--db", db)
    assert proc.returncode == 0, text(proc)
    assert "Indlæst for udbyderkode 123456" in text(proc)
    assert "databasen havde udbyderkode 101234, men filerne er til 123456" in text(proc)

    # The window asks first; "Nej" stores nothing.
    from desktop.ui.import_dialog import ImportDialog
    from desktop.workspace import Workspace
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.No))
    with Store(db, create=False) as s:
        s.set_setting("ukode", DEMO_UKODE)
        before = dump(s)
        dialog = ImportDialog(Workspace(s))
        qtbot.addWidget(dialog)
        dialog.load([other])
        dialog.import_button.click()
        assert asked and "123456" in asked[0] and "101234" in asked[0]
        assert "Intet er indlæst" in dialog.result.text()
        assert dump(s) == before

    # Refused for an X finding: no new database is left behind.
    broken = tmp_path / "DU_101234_x.xml"
    broken.write_bytes(q_file.read_bytes().replace(b"<kkoen>", b"<kkoen>Q", 1))
    new = tmp_path / "ny.sqlite"
    proc = run("import", broken, "--db", new)
    assert proc.returncode == 1 and "Afvist" in text(proc), text(proc)
    assert not list(tmp_path.glob("ny.sqlite*"))


# 12 ----------------------------------------------------------------------------------------
def test_12_messages_say_what_is_wrong_with_what_the_user_typed(db, demo_dir, tmp_path, backups):
    data = (demo_dir / f"DU_{DEMO_UKODE}_{Q}.xml").read_bytes()
    spaced = tmp_path / "mellemrum.xml"
    spaced.write_bytes(data.replace(f"<kcprnr>{CPR}</kcprnr>".encode(),
                                    f"<kcprnr> {CPR} </kcprnr>".encode(), 1))
    proc = run("validate", spaced)
    assert proc.returncode == 1
    assert f"værdien ' {CPR} ' har mellemrum" in text(proc), text(proc)

    out = tmp_path / "x.xml"
    proc = run("export", "--quarter", Q, "--cpr", "1234", "--out", out, "--db", db)
    assert proc.returncode == 2 and "'1234' er ikke et CPR-nummer" in text(proc), text(proc)
    proc = run("export", "--quarter", Q, "--ukode", "999999", "--out", out, "--db", db)
    assert proc.returncode == 2, text(proc)
    assert "ingen kursister med udbyderkode 999999; den har 101234" in text(proc)
    assert not out.exists()


# 13 ----------------------------------------------------------------------------------------
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
@pytest.mark.parametrize("args,platform", [((), ""), ((), "xcb"), (("--self-test",), "xcb")])
def test_13_without_a_display_the_start_command_says_so_in_danish_and_english(
        tmp_path, args, platform):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = platform
    proc = subprocess.run([sys.executable, "-m", "desktop", *args, "--db", tmp_path / "d.sqlite"]
                          if not args else [sys.executable, "-m", "desktop", *args],
                          capture_output=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    said = text(proc)
    assert proc.returncode == 2, said
    assert "ingen skærm" in said and "no display" in said
    assert "du-indberetning --help" in said and "Reinstalling" not in said
    assert not (tmp_path / "d.sqlite").exists()


# 16 ----------------------------------------------------------------------------------------
def test_16_a_demo_run_leaves_no_database_with_fake_cpr_numbers_behind(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "desktop", "--demo", "--quit-when-shown"],
                          capture_output=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, text(proc)
    assert list(tmp_path.glob("du-demo-*")) == []


# 17 ----------------------------------------------------------------------------------------
def test_17_the_command_lines_own_words_are_danish_and_counts_singular(db, tmp_path, backups):
    for args in (("--help",), ("export", "--help")):
        proc = run(*args)
        assert proc.returncode == 0
        said = text(proc)
        assert said.startswith("brug: du-indberetning")
        for english in ("usage:", "show this help message", "positional arguments",
                        "options:"):
            assert english not in said, english
    proc = run("eksport")
    assert proc.returncode == 2
    assert "ugyldigt valg: 'eksport' (vælg mellem 'validate', 'import', 'export', 'demo')" \
        in text(proc)
    assert "argument command" not in text(proc) and "choose from" not in text(proc)
    out = tmp_path / f"DU_{DEMO_UKODE}_{Q}_{CPR}.xml"
    proc = run("export", "--quarter", Q, "--cpr", CPR, "--out", out, "--db", db)
    assert proc.returncode == 0 and "(1 kursist, 0 fejl og 0 advarsler)" in text(proc), text(proc)
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "YYYYQ" not in readme and "ÅÅÅÅK" in readme
