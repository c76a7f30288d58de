"""Keep a test database of the current schema version, as SQL text, for the migration tests.

    .venv/bin/python tools/make_store_dump.py

Run it BEFORE adding migration N+1, while the code still writes schema N (LATEST == N); if the
new migration is already written, check out the last commit before it and run the tool there.
It fills a fresh store the way the app does (three imported quarters, a kursist typed in by
hand, the usual settings, and from version 2 on an export log), then writes

    tests/data/store_vN/store.sql        the database as SQL text (no binary in git)
    tests/data/store_vN/DU_*.xml         what exporting each quarter (and one kursist) gave

tests/test_migrations.py builds a database from each dump, upgrades it and checks that the
exports still equal these files.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.domain.quarter import Quarter  # noqa: E402
from desktop.operations import export_quarter  # noqa: E402
from desktop.sampledata import histories, quarter_files  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.store.importer import store_kursister  # noqa: E402
from desktop.store.migrations import LATEST  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

DATA = ROOT / "tests" / "data"
UKODE = "104321"
FIRST, LAST = Quarter(2025, 4), Quarter(2026, 2)
HAND_CPR = "1203851002"  # passes modulus 11
HOLD_CPR = "0101901378"  # so does this one
EXPORTED_AT = datetime(2026, 7, 3, 9, 15, tzinfo=timezone.utc)
LOG_FOLDER = "/home/sprogcenter/DU"


def dump_folder(version: int) -> Path:
    return DATA / f"store_v{version}"


def fill(store: Store) -> None:
    """Realistic content: what a sprogcenter has after three quarters of use."""
    files = quarter_files(histories(14, FIRST.previous(), LAST, seed=41), UKODE,
                          FIRST.previous(), LAST)
    with store.transaction() as c:
        q = FIRST
        while q <= LAST:
            store_kursister(c, files[q.iperiode])
            q = q.next()
    ws = Workspace(store)
    ws.set_setting("ukode", UKODE)
    ws.set_setting("lesson_minutes", "45")
    ws.set_setting("a1_error", "1")
    # A kursist typed in by hand in the last quarter: referral, placement, two months.
    kid = ws.create_kursist(HAND_CPR, LAST, "K", "UKR")
    ws.add_record("henvisning", kid, LAST, {"hhenvisdato": "2026-04-02", "hhenviskat": "1",
                                            "hkomkode": "101"})
    mid = ws.add_record("modul", kid, LAST, {"uuddnr": "2", "umodul": "1",
                                             "ustartdato": "2026-04-13"})
    ws.add_records("undervisning", mid, LAST, [
        {"unperiode": str(m), "unfagskema": "24", "unfravaer": "2", "unfagoevrig": "0"}
        for m in (5, 6)])
    if store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'hold'").fetchone():
        # From the schema with holds on: a hold with its plan and a kursist joined to it.
        from desktop import commands
        hold = commands.CreateHold(UKODE, "Aftenholdet", "2", "2", "45", "2026-05-04",
                                   {(2026, m): {"unfagskema": "16", "unfagoevrig": "2"}
                                    for m in (5, 6, 7)})
        ws.run(hold)
        member = ws.create_kursist(HOLD_CPR, LAST, "M", "SYR")
        ws.run(commands.JoinHold(hold.id, member, "2026-05-04"))


def export_all(store: Store, folder: Path) -> list[Path]:
    """Each quarter's file, and the hand-typed kursist's own file, as the app exports them."""
    written = []
    q = FIRST
    targets = []
    while q <= LAST:
        targets.append((q.iperiode, None))
        q = q.next()
    targets.append((LAST.iperiode, HAND_CPR))
    for n, (iperiode, cpr) in enumerate(targets):
        name = f"DU_{UKODE}_{iperiode}" + (f"_{cpr}" if cpr else "") + ".xml"
        extra = {"now": EXPORTED_AT + timedelta(minutes=n)} if LATEST >= 2 else {}
        result = export_quarter(store, iperiode, folder / name, cpr=cpr, force=True, **extra)
        if not result.written:
            raise SystemExit(f"{name}: {result.refusal}")
        written.append(result.written)
    return written


def neutral_paths(store: Store, folder: Path) -> None:
    """The export log names the files where they were written; put them in a fixed folder,
    so the dump is the same wherever it is made."""
    if store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'eksport'").fetchone():
        with store.transaction() as c:
            c.execute("UPDATE eksport SET filnavn = ? || substr(filnavn, ?)",
                      (LOG_FOLDER, len(str(folder.resolve())) + 1))


def sql_text(db: Path) -> str:
    c = sqlite3.connect(db)
    try:
        version = c.execute("PRAGMA user_version").fetchone()[0]
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        # iterdump() leaves the header's pragmas out: the version, and from schema 4 on the
        # mark that says the file is ours (a store without it is refused).
        lines = [f"-- DU-indberetning database at schema version {version}, "
                 "made by tools/make_store_dump.py.",
                 f"PRAGMA user_version = {version};",
                 *([f"PRAGMA application_id = {app_id};"] if app_id else []), *c.iterdump()]
    finally:
        c.close()
    return "\n".join(lines) + "\n"


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    out = dump_folder(LATEST)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("DU_*.xml"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.sqlite"
        with Store(db) as store:
            fill(store)
            files = export_all(store, out)
            neutral_paths(store, out)
        (out / "store.sql").write_text(sql_text(db), encoding="utf-8")
    print(f"{out.relative_to(ROOT)}: store.sql and {len(files)} export files "
          f"(schema version {LATEST}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
