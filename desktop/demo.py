"""A throwaway demo database: two quarters of realistic data with a handful of typical errors
to find and fix, and three holds with their members, so a newcomer can try everything without
typing a CPR number. The quarter after the last (4th 2026) is there to carry forward into."""

from __future__ import annotations

import datetime as dt
import random
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
        _holds(c, 8, seed)
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


# Three holds with members: their placements, two quarters of teaching from the plan with the
# members' absence typed in, and the next quarter (4th 2026) left for the carry-forward.
DEMO_HOLDS = (  # name, DU, module, lesson length, lessons per month, other lessons
    ("Mandag-onsdag formiddag", "2", "2", "45", 32, 4),
    ("Tirsdag-torsdag aften", "2", "3", "45", 16, 2),
    ("DU3 intensiv", "3", "1", "45", 48, 6),
)
HOLD_START = dt.date(2026, 4, 6)


def _holds(c, n_members: int, seed: int) -> None:
    from desktop.commands.base import Tx
    from desktop.store import holds
    from desktop.store.writes import add, kursist_id, put_stamdata

    rng = random.Random(seed)
    tx = Tx(c)
    hs = histories(n_members * len(DEMO_HOLDS), FIRST, LAST, seed=seed + 1)
    for i, (navn, udd, modul, lesson, skema, oevrig) in enumerate(DEMO_HOLDS):
        plan = {(2026, m): {"unfagskema": str(skema - (4 if m in (7, 10) else 0)),
                            "unfagoevrig": str(oevrig)} for m in range(4, 13)}
        hold_id = holds.create_hold(tx, DEMO_UKODE, navn, udd, modul, lesson,
                                    HOLD_START.isoformat())
        for month, values in plan.items():
            holds.set_plan_month(tx, hold_id, month, values)
        members = []
        for h in hs[i * n_members:(i + 1) * n_members]:
            kid = kursist_id(c, DEMO_UKODE, h.cpr)
            put_stamdata(c, kid, FIRST.iperiode, h.koen, h.nation)
            referred = HOLD_START - dt.timedelta(days=rng.randint(10, 40))
            add(c, "henvisning", kid, {"hhenvisdato": referred.isoformat(), "hhenviskat": "1",
                                       "hkomkode": rng.choice(["101", "147", "751"])},
                Quarter.of(referred).iperiode)
            members.append(holds.join(tx, hold_id, kid, HOLD_START))
        for q in (FIRST, LAST):
            if q == LAST:
                holds.carry_forward(tx, q, DEMO_UKODE)
            rows = holds.grid_rows(c, q, hold_id, DEMO_UKODE)
            cells = [holds.Cell(r.modul_id, month, "unfravaer",
                                str(rng.randint(0, int(values["unfagskema"] or 0) // 5)))
                     for r in rows for month, (_, values) in r.months.items()]
            holds.set_cells(tx, q, cells, int(lesson))


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
