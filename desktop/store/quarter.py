"""Selecting what one quarter's file contains (SPEC §4), as records ready to check and write.

Every query is driven by the quarter's indexes (iperiode, uslutdato) or by the selected ids
(CROSS JOIN fixes SQLite's join order to start there), so the cost follows the size of the
quarter, not the years of history in the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop.domain.fields import PLACEMENT_END, TAGS, as_date
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record

_MODUL_COLS = ", ".join(TAGS["modul"])
_OPEN = dict.fromkeys(PLACEMENT_END)


# Stamdata as reported for quarter :q: the latest report up to it, else the earliest; each
# found through the (kursist, quarter) primary key, so years of history cost nothing. The one
# definition (the list, the editor and the export all use it); {kid} names the kursist's id.
STAMDATA_QUARTER = """COALESCE(
    (SELECT MAX(iperiode) FROM stamdata WHERE kursist_id = {kid} AND iperiode <= :q),
    (SELECT MIN(iperiode) FROM stamdata WHERE kursist_id = {kid}))"""


@dataclass
class QuarterReport:
    quarter: Quarter
    kursister: list[Record]
    history: list[list[Record]]  # per kursist: every placement as it stood at the quarter's end

    def with_history(self):
        return zip(self.kursister, self.history)


def select_quarter(c: sqlite3.Connection, q: Quarter, ukode: str | None = None,
                   cpr: str | None = None, kids: list[int] | None = None) -> QuarterReport:
    """The quarter's file content: of everyone, of one kursist (`cpr`), or of some kursister
    (`kids`, e.g. a hold's members), the last two through each kursist's own indexes."""
    qs, nxt = q.start.isoformat(), q.next().start.isoformat()
    iperiode = q.iperiode
    c.execute("DROP TABLE IF EXISTS temp.sel_modul")
    c.execute("DROP TABLE IF EXISTS temp.sel_kursist")
    c.execute("CREATE TEMP TABLE sel_modul (id INTEGER PRIMARY KEY)")
    c.execute("CREATE TEMP TABLE sel_kursist (id INTEGER PRIMARY KEY)")
    if cpr is not None:
        _select_one(c, iperiode, qs, nxt, ukode, cpr)
    elif kids is not None:
        _select_kids(c, iperiode, qs, nxt, list(kids))
    else:
        c.execute(
            """INSERT OR IGNORE INTO sel_modul
               SELECT modul_id FROM undervisning WHERE iperiode = ?1
               UNION SELECT id FROM modul WHERE uslutdato >= ?2 AND uslutdato < ?3
               UNION SELECT modul_id FROM modul_rapport WHERE iperiode = ?1""",
            (iperiode, qs, nxt))
        c.execute(
            """INSERT OR IGNORE INTO sel_kursist
               SELECT kursist_id FROM henvisning WHERE iperiode = ?1
               UNION SELECT kursist_id FROM proeve WHERE iperiode = ?1
               UNION SELECT m.kursist_id FROM sel_modul s CROSS JOIN modul m ON m.id = s.id""",
            (iperiode,))
    if ukode is not None and cpr is None and kids is None:
        # Looked up per selected kursist: the selection, not the store, sets the cost.
        c.execute("""DELETE FROM sel_kursist WHERE (SELECT ukode FROM kursist k
                       WHERE k.id = sel_kursist.id) IS NOT ?""", (ukode,))

    # Records are built with positional arguments: this loop runs once per row of the quarter.
    kursister: dict[int, Record] = {}
    # Stamdata as reported for the quarter: the latest report up to it, else the earliest,
    # each found through the (kursist, quarter) primary key.
    for kid, uk, kcpr, kkoen, nation in c.execute(
            """SELECT k.id, k.ukode, k.kcprnr, d.kkoen, d.knationskode
               FROM sel_kursist s CROSS JOIN kursist k ON k.id = s.id
               LEFT JOIN stamdata d ON d.kursist_id = k.id AND d.iperiode = """
            + STAMDATA_QUARTER.format(kid="k.id") + """
               ORDER BY k.ukode, k.kcprnr""", {"q": iperiode}):
        kursister[kid] = Record("kursist", {"iperiode": iperiode, "ukode": uk, "kcprnr": kcpr,
                                            "kkoen": kkoen, "knationskode": nation}, [], None, kid)

    for kind in ("henvisning", "proeve"):
        cols = TAGS[kind]
        # The ids come last: zip() stops at the last field, so no slicing per row.
        sql = (f"SELECT {', '.join('t.' + t for t in cols)}, t.id, t.kursist_id FROM sel_kursist s "
               f"CROSS JOIN {kind} t ON t.iperiode = ? AND t.kursist_id = s.id")
        for row in c.execute(sql, (iperiode,)):
            kursister[row[-1]].children.append(Record(kind, dict(zip(cols, row)), [], None,
                                                      row[-2]))

    history: dict[int, list[Record]] = {}
    selected: dict[int, Record] = {}
    selected_ids = {row[0] for row in c.execute("SELECT id FROM sel_modul")}
    mcols = TAGS["modul"]
    for row in c.execute(
            f"SELECT {_MODUL_COLS}, m.id, m.kursist_id FROM sel_kursist s CROSS JOIN modul m "
            f"ON m.kursist_id = s.id WHERE m.ustartdato < ? OR m.id IN (SELECT id FROM sel_modul)",
            (nxt,)):
        values = dict(zip(mcols, row))
        end = values["uslutdato"]
        if end and end >= nxt and as_date(end):  # (an end that is no date stays, for its X)
            values.update(_OPEN)  # as it stood at the end of the quarter
        r = Record("modul", values, [], None, row[-2])
        kid = row[-1]
        history.setdefault(kid, []).append(r)
        if row[-2] in selected_ids:
            kursister[kid].children.append(r)
            selected[row[-2]] = r

    ucols = TAGS["undervisning"]
    for row in c.execute(
            f"SELECT {', '.join('u.' + t for t in ucols)}, u.id, u.modul_id FROM sel_modul s "
            f"CROSS JOIN undervisning u ON u.iperiode = ? AND u.modul_id = s.id",
            (iperiode,)):
        parent = selected.get(row[-1])
        if parent is not None:
            parent.children.append(Record("undervisning", dict(zip(ucols, row)), [], None,
                                          row[-2]))

    return QuarterReport(q, list(kursister.values()),
                         [history.get(kid, []) for kid in kursister])


def _select_one(c: sqlite3.Connection, iperiode: str, qs: str, nxt: str, ukode: str | None,
                cpr: str) -> None:
    """The same selection for one kursist, through its own indexes (the editor asks this after
    every edit, so it must not depend on the size of the quarter)."""
    # With the udbyderkode the (ukode, kcprnr) key finds the kursist at once; `?2 IS NULL OR`
    # in the same statement would make SQLite scan every kursist.
    if ukode is not None:
        row = c.execute("SELECT id FROM kursist WHERE ukode = ? AND kcprnr = ?",
                        (ukode, cpr)).fetchone()
    else:
        row = c.execute("SELECT id FROM kursist WHERE kcprnr = ?", (cpr,)).fetchone()
    if row is None:
        return
    kid = row[0]
    c.execute(
        """INSERT OR IGNORE INTO sel_modul
           SELECT m.id FROM modul m WHERE m.kursist_id = ?4 AND (
               (m.uslutdato >= ?2 AND m.uslutdato < ?3)
               OR EXISTS (SELECT 1 FROM undervisning u WHERE u.modul_id = m.id AND u.iperiode = ?1)
               OR EXISTS (SELECT 1 FROM modul_rapport r WHERE r.modul_id = m.id
                          AND r.iperiode = ?1))""", (iperiode, qs, nxt, kid))
    c.execute(
        """INSERT OR IGNORE INTO sel_kursist
           SELECT ?2 WHERE EXISTS (SELECT 1 FROM henvisning WHERE kursist_id = ?2 AND iperiode = ?1)
                        OR EXISTS (SELECT 1 FROM proeve WHERE kursist_id = ?2 AND iperiode = ?1)
                        OR EXISTS (SELECT 1 FROM sel_modul)""", (iperiode, kid))


def _select_kids(c: sqlite3.Connection, iperiode: str, qs: str, nxt: str,
                 kids: list[int]) -> None:
    """The same for some kursister, each found through its own indexes (IN on the key)."""
    if not kids:
        return
    marks = ", ".join("?" * len(kids))
    c.execute(
        f"""INSERT OR IGNORE INTO sel_modul
           SELECT m.id FROM modul m WHERE m.kursist_id IN ({marks}) AND (
               (m.uslutdato >= ? AND m.uslutdato < ?)
               OR EXISTS (SELECT 1 FROM undervisning u WHERE u.modul_id = m.id AND u.iperiode = ?)
               OR EXISTS (SELECT 1 FROM modul_rapport r WHERE r.modul_id = m.id
                          AND r.iperiode = ?))""", (*kids, qs, nxt, iperiode, iperiode))
    c.execute(
        f"""INSERT OR IGNORE INTO sel_kursist
           SELECT k.id FROM kursist k WHERE k.id IN ({marks}) AND (
               EXISTS (SELECT 1 FROM henvisning WHERE kursist_id = k.id AND iperiode = ?)
               OR EXISTS (SELECT 1 FROM proeve WHERE kursist_id = k.id AND iperiode = ?)
               OR EXISTS (SELECT 1 FROM modul m WHERE m.kursist_id = k.id
                          AND m.id IN (SELECT id FROM sel_modul)))""",
        (*kids, iperiode, iperiode))
