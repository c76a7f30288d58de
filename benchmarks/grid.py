"""The quarter grid's figures on one database, on the real hold window offscreen.

    grid.py DB REPEAT       (run by run.py in a child process; prints one JSON object)

A hold of 30 members is added to a copy of the database (30 kursister joined in the newest
quarter, their months from the plan), then:
  grid        the hold window opened on the hold: its list, plan, the grid's rows with every
              finding of its kursister painted, and the carry-forward notice; against plain
              SQLite fetching the same 90 month rows
  paste       a 30 × 3 block of absence pasted at the grid's first cell: every value checked,
              one command (one durable transaction, its undo journal), the grid shown again;
              against 90 plain UPDATEs in one transaction
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import LAST, UKODE  # noqa: E402

from desktop.commands.base import Tx  # noqa: E402
from desktop.sampledata import histories  # noqa: E402
from desktop.store import Store, holds  # noqa: E402
from desktop.store.writes import kursist_id, put_stamdata  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.hold_window import HoldWindow  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

MEMBERS = 30


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def add_hold(store: Store) -> int:
    with store.transaction() as c:
        tx = Tx(c)
        hold_id = holds.create_hold(tx, UKODE, "Benchmarkholdet", "2", "3", "45",
                                    LAST.start.isoformat())
        for m in LAST.months:
            holds.set_plan_month(tx, hold_id, (LAST.year, m), {"unfagskema": "24",
                                                               "unfagoevrig": "2"})
        for h in histories(MEMBERS, LAST, LAST, seed=99):
            kid = kursist_id(c, UKODE, "99" + h.cpr[2:])  # beside the store's own kursister
            put_stamdata(c, kid, LAST.iperiode, h.koen, h.nation)
            holds.join(tx, hold_id, kid, LAST.start + dt.timedelta(days=2))
    return hold_id


def main(source: str, repeat: int, work: Path) -> dict:
    db = str(work / "copy.sqlite")
    shutil.copyfile(source, db)
    with Store(db) as store:
        hold_id = add_hold(store)
    app = application()
    main_window = MainWindow(Workspace(Store(db, create=False)))
    main_window.quarter_box.setCurrentIndex(main_window.quarter_box.findData(LAST.iperiode))
    main_window.finish_list()  # the whole list in, as soon after opening: not during a figure
    main_window.checker.wait()
    app.processEvents()

    window = HoldWindow(main_window)
    window.show()
    modul_ids = [r[0] for r in main_window.ws.store.conn.execute(
        "SELECT modul_id FROM hold_medlem WHERE hold_id = ?", (hold_id,))]

    def open_grid():
        window.show_quarter(LAST, hold_id)
        app.processEvents()
        assert window.model.rowCount() == MEMBERS

    def baseline_grid():
        conn = sqlite3.connect(db)  # reads only: the window sees no change
        marks = ", ".join("?" * len(modul_ids))
        rows = conn.execute(f"SELECT * FROM undervisning WHERE iperiode = ? AND modul_id IN "
                            f"({marks})", (LAST.iperiode, *modul_ids)).fetchall()
        conn.close()
        assert len(rows) == 3 * MEMBERS

    blocks = ["".join("\t".join(str((r + m + k) % 5) for m in range(3)) + "\r\n"
                      for r in range(MEMBERS)) for k in (1, 2)]
    pasted = [0]

    def paste():
        block = blocks[pasted[0] % 2]
        pasted[0] += 1
        window.paste_block(0, 2, block)
        app.processEvents()
        assert not window.message.isVisible(), window.message.text()

    ids = [r[0] for r in main_window.ws.store.conn.execute(
        f"SELECT id FROM undervisning WHERE iperiode = ? AND modul_id IN "
        f"({', '.join('?' * len(modul_ids))})", (LAST.iperiode, *modul_ids))]

    other = str(work / "baseline.sqlite")  # the window must not see the baseline's writes as
    shutil.copyfile(db, other)             # another program's (it would reload everything)

    def baseline_paste():
        conn = sqlite3.connect(other, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("UPDATE undervisning SET unfravaer = ? WHERE id = ?",
                         [(str(i % 4), rid) for i, rid in enumerate(ids)])
        conn.execute("COMMIT")
        conn.close()

    open_grid()  # code and caches warm, as for every figure
    grid = {"open": [], "base": [], "paste": [], "paste_base": []}
    for _ in range(repeat):
        grid["base"].append(timed(baseline_grid))
        grid["open"].append(timed(open_grid))
        grid["paste_base"].append(timed(baseline_paste))
        window.refresh()  # the grid shows what is stored before each paste
        grid["paste"].append(timed(paste))
    stored = main_window.ws.store.conn.execute(
        "SELECT COUNT(*) FROM undervisning WHERE iperiode = ? AND unfravaer IS NOT NULL AND "
        f"modul_id IN ({', '.join('?' * len(modul_ids))})",
        (LAST.iperiode, *modul_ids)).fetchone()[0]
    assert stored == 3 * MEMBERS
    main_window.checker.wait()
    window.close()
    main_window.close()
    return {"grid_open": min(grid["open"]), "grid_baseline": min(grid["base"]),
            "grid_paste": min(grid["paste"]), "paste_baseline": min(grid["paste_base"])}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="du-bench-grid-") as tmp:
        print(json.dumps(main(sys.argv[1], int(sys.argv[2]), Path(tmp))))
