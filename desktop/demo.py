"""A throwaway demo database: two quarters of realistic data with a handful of typical errors
to find and fix, so a newcomer can try everything without typing a CPR number."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.quarter import Quarter
from desktop.sampledata import histories, quarter_files
from desktop.store import Store
from desktop.store.importer import store_kursister

DEMO_UKODE = "101234"
FIRST, LAST = Quarter(2026, 2), Quarter(2026, 3)


def build_demo(store: Store, n: int = 48, seed: int = 2026) -> None:
    files = quarter_files(histories(n, FIRST.previous(), LAST, seed=seed), DEMO_UKODE,
                          FIRST.previous(), LAST)
    with store.transaction() as c:
        for iperiode in (FIRST.iperiode, LAST.iperiode):
            store_kursister(c, files[iperiode])
        _typical_errors(c, LAST)
    store.set_setting("ukode", DEMO_UKODE)


def _typical_errors(c, q: Quarter) -> None:
    """One of each kind of mistake a clerk makes, on different kursister of the quarter."""
    iperiode = q.iperiode
    kids = [r[0] for r in c.execute(
        "SELECT DISTINCT m.kursist_id FROM undervisning u JOIN modul m ON m.id = u.modul_id "
        "WHERE u.iperiode = ? ORDER BY m.kursist_id", (iperiode,))]
    months = [r[0] for r in c.execute(
        "SELECT u.id FROM undervisning u JOIN modul m ON m.id = u.modul_id WHERE u.iperiode = ? "
        "ORDER BY m.kursist_id, u.id", (iperiode,))]
    # A10: more absence than lessons (typed the wrong way round)
    c.execute("UPDATE undervisning SET unfravaer = '48', unfagskema = '12' WHERE id = ?", (months[0],))
    # A9: the breakdown does not add up
    c.execute("UPDATE undervisning SET unkatkonf = '20', unkatstud = '4', unfagskema = '30' "
              "WHERE id = ?", (months[5],))
    # X: a mandatory field left empty
    c.execute("UPDATE undervisning SET unlekmin = NULL WHERE id = ?", (months[9],))
    # A3: a municipality code that does not exist
    c.execute("UPDATE henvisning SET hkomkode = '999' WHERE id = (SELECT MIN(id) FROM henvisning "
              "WHERE iperiode = ?)", (iperiode,))
    # A5: an end date without ophørsårsag or module test
    c.execute("""UPDATE modul SET uslutdato = ?, uophoersaarsag = NULL, umodtestdato = NULL
                 WHERE id = (SELECT modul_id FROM undervisning WHERE id = ?)""",
              (q.end.isoformat(), months[14]))
    # B2: a nation code that is not ISO alpha-3
    c.execute("UPDATE stamdata SET knationskode = 'YUX' WHERE kursist_id = ? AND iperiode = ?",
              (kids[3], iperiode))
    # A12: a test marked gennemført without a grade
    c.execute("""INSERT INTO proeve (kursist_id, iperiode, pdato, ptype, pstatus, pkarakter,
                 pselvstuderende) VALUES (?, ?, ?, '3', '4', NULL, 'N')""",
              (kids[6], iperiode, (q.end.replace(day=10)).isoformat()))


def demo_files(n: int = 48, seed: int = 2026) -> dict[str, bytes]:
    """The demo's two quarter files, as the school's old system would have sent them (without
    the typical errors, which are the window demo's), by file name."""
    from desktop.format.writer import document_bytes
    files = quarter_files(histories(n, FIRST.previous(), LAST, seed=seed), DEMO_UKODE,
                          FIRST.previous(), LAST)
    return {f"DU_{DEMO_UKODE}_{q.iperiode}.xml": document_bytes(files[q.iperiode])
            for q in (FIRST, LAST)}


def write_demo_folder(folder: Path) -> list[Path]:
    """`du-indberetning demo MAPPE`: the window's demo database (demo.sqlite, with the typical
    errors to find) and the quarter files the command-line tour validates, imports and
    exports. Each file is written atomically; a demo.sqlite already there is replaced only if
    it is one of ours."""
    import tempfile

    from desktop.atomic import write_atomic
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.sqlite"
    if db.exists():
        Store(db, create=False).close()  # raises NotOurs for anything else: it stays
    written = []
    with tempfile.TemporaryDirectory(dir=folder, prefix=".demo-") as tmp:
        with Store(Path(tmp) / "demo.sqlite") as store:
            build_demo(store)
            store.backup(db)  # one file, no -wal beside it
    written.append(db)
    for name, data in demo_files().items():
        written.append(write_atomic(folder / name, data))
    return written
