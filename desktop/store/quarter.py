"""Selecting what one quarter's file contains (docs/format.md, "What one quarter's file
contains"), as records ready to check and write, with what the store knows of each kursist's
earlier placements for A6.

Every query is driven by the quarter's indexes (iperiode, uslutdato) or by the selected ids
(CROSS JOIN fixes SQLite's join order to start there), so the cost follows the size of the
quarter, not the years of history in the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from desktop.domain.fields import PLACEMENT_END, TAGS, as_date
from desktop.domain.quarter import FIRST_YEAR, Quarter
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
    # Per kursist: every placement the store knows as it stood at the quarter's end (A6) …
    history: list[list[Record]]
    # … and whether the store holds every quarter since before the kursist first appeared.
    whole: list[bool] = field(default_factory=list)

    def with_history(self):
        """(kursist, known placements, whole history?) for check_kursist."""
        return zip(self.kursister, self.history, self.whole or [False] * len(self.kursister))

    def without(self, drop: set[int]) -> "QuarterReport":
        """The same report without the kursister at those positions."""
        keep = [i for i in range(len(self.kursister)) if i not in drop]
        whole = self.whole or [False] * len(self.kursister)
        return QuarterReport(self.quarter, [self.kursister[i] for i in keep],
                             [self.history[i] for i in keep], [whole[i] for i in keep])


def select_quarter(c: sqlite3.Connection, q: Quarter, ukode: str | None = None,
                   cpr: str | None = None, kids: list[int] | None = None) -> QuarterReport:
    """The quarter's file content: of everyone, of one kursist (`cpr`), or of some kursister
    (`kids`, e.g. a hold's members), the last two through each kursist's own indexes."""
    qs, nxt = q.start.isoformat(), q.next().start.isoformat()
    iperiode = q.iperiode
    # Emptied, not dropped and created again: a schema change would make SQLite prepare every
    # statement of the selection anew, which is most of the editor's cost for one kursist.
    for table in ("sel_modul", "sel_kursist"):
        c.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)")
        c.execute(f"DELETE FROM temp.{table}")
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
    # Every value goes through `share`: SQLite makes a new string for each value of each row,
    # and a quarter's few hundred thousand records repeat the same months, dates and small
    # numbers (map() is lazy, so zip() stops it at the last field, before the ids).
    share = {}.setdefault
    kursister: dict[int, Record] = {}
    # Stamdata as reported for the quarter: the latest report up to it, else the earliest,
    # each found through the (kursist, quarter) primary key.
    for kid, uk, kcpr, kkoen, nation in c.execute(
            """SELECT k.id, k.ukode, k.kcprnr, d.kkoen, d.knationskode
               FROM sel_kursist s CROSS JOIN kursist k ON k.id = s.id
               LEFT JOIN stamdata d ON d.kursist_id = k.id AND d.iperiode = """
            + STAMDATA_QUARTER.format(kid="k.id") + """
               ORDER BY k.ukode, k.kcprnr""", {"q": iperiode}):
        kursister[kid] = Record("kursist", {"iperiode": iperiode, "ukode": share(uk, uk),
                                            "kcprnr": kcpr, "kkoen": share(kkoen, kkoen),
                                            "knationskode": share(nation, nation)}, [], None, kid)

    for kind in ("henvisning", "proeve"):
        cols = TAGS[kind]
        # The ids come last: zip() stops at the last field, so no slicing per row.
        sql = (f"SELECT {', '.join('t.' + t for t in cols)}, t.id, t.kursist_id FROM sel_kursist s "
               f"CROSS JOIN {kind} t ON t.iperiode = ? AND t.kursist_id = s.id")
        for row in c.execute(sql, (iperiode,)):
            kursister[row[-1]].children.append(Record(kind, dict(zip(cols, map(share, row, row))),
                                                      [], None, row[-2]))

    history: dict[int, list[Record]] = {}
    selected: dict[int, Record] = {}
    selected_ids = {row[0] for row in c.execute("SELECT id FROM sel_modul")}
    windows = _Windows(c, q)
    for uk in {k["ukode"] for k in kursister.values()}:
        windows.start(uk)
    # Placements the quarter does not report, open when last seen, that started before the
    # store's unbroken run of quarters up to this one: what became of them is known only if
    # a quarter of that run still reports them (A6 must not judge by a stale "still open").
    unsure: list[tuple[int, int, Record, str]] = []
    earliest: dict[int, str] = {}  # per kursist, its earliest placement's start date
    later_attempts: set[int] = set()  # kursister with an attempt other than 1
    mcols = TAGS["modul"]
    for row in c.execute(
            f"SELECT {_MODUL_COLS}, m.id, m.kursist_id FROM sel_kursist s CROSS JOIN modul m "
            f"ON m.kursist_id = s.id WHERE m.ustartdato < ? OR m.id IN (SELECT id FROM sel_modul)",
            (nxt,)):
        values = dict(zip(mcols, map(share, row, row)))
        end = values["uslutdato"]
        if end and end >= nxt and as_date(end):  # (an end that is no date stays, for its X)
            values.update(_OPEN)  # as it stood at the end of the quarter
        r = Record("modul", values, [], None, row[-2])
        mid, kid = row[-2], row[-1]
        # Dates compare as ISO text here, once per placement (a broken one is an X anyway).
        start = values["ustartdato"]
        if start and start < earliest.get(kid, "~"):
            earliest[kid] = start
        if values["uforsoegnr"] != "1":
            later_attempts.add(kid)
        if mid in selected_ids:
            kursister[kid].children.append(r)
            selected[mid] = r
        else:
            since = windows.first_day(kursister[kid]["ukode"])
            if not ((start and start >= since) or (end and end >= since)):
                if end:  # ended before the run began: the store may not know what followed
                    continue
                unsure.append((mid, kid, r, windows.start(kursister[kid]["ukode"])))
                continue
        history.setdefault(kid, []).append(r)
    for mid, kid, r, since in unsure:
        if c.execute("SELECT EXISTS (SELECT 1 FROM undervisning WHERE modul_id = ?1 AND "
                     "iperiode >= ?2) OR EXISTS (SELECT 1 FROM modul_rapport WHERE modul_id = ?1 "
                     "AND iperiode >= ?2)", (mid, since)).fetchone()[0]:
            history.setdefault(kid, []).append(r)

    ucols = TAGS["undervisning"]
    for row in c.execute(
            f"SELECT {', '.join('u.' + t for t in ucols)}, u.id, u.modul_id FROM sel_modul s "
            f"CROSS JOIN undervisning u ON u.iperiode = ? AND u.modul_id = s.id",
            (iperiode,)):
        parent = selected.get(row[-1])
        if parent is not None:
            parent.children.append(Record("undervisning", dict(zip(ucols, map(share, row, row))),
                                          [], None, row[-2]))

    whole = (_whole_histories(c, q, kursister, later_attempts, earliest, windows)
             if windows.longer_than_one() else {})
    return QuarterReport(q, list(kursister.values()),
                         [history.get(kid, []) for kid in kursister],
                         [whole.get(kid, False) for kid in kursister])


def _quarter_of(day: str | None) -> str | None:
    """The Iperiode of a date's quarter; None for what is no date."""
    d = as_date(day)
    return f"{d.year}{(d.month + 2) // 3}" if d else None


class _Windows:
    """For each udbyderkode, the first quarter of the unbroken run of quarters the store holds
    up to the reported one: within that run the store saw every file, so it knows every
    placement that had teaching or ended there. A quarter is held when the store has
    teaching, a referral, a prøve or a listed placement in it for that udbyderkode."""

    def __init__(self, c: sqlite3.Connection, q: Quarter):
        self.c, self.q = c, q
        self._start: dict[str | None, str] = {}
        self._day: dict[str | None, str] = {}

    def longer_than_one(self) -> bool:
        """Whether any udbyderkode's run reaches before the quarter."""
        return any(start < self.q.iperiode for start in self._start.values())

    def first_day(self, ukode: str | None) -> str:
        """The run's first day, as ISO text."""
        day = self._day.get(ukode)
        if day is None:
            day = self._day[ukode] = Quarter.cached(self.start(ukode)).start.isoformat()
        return day

    def start(self, ukode: str | None) -> str:
        if ukode not in self._start:
            self._start[ukode] = self._walk_back(ukode)
        return self._start[ukode]

    def _walk_back(self, ukode: str | None) -> str:
        """One statement that steps back a quarter while the one before holds data for the
        udbyderkode: an index seek or two per quarter, since the editor asks after every edit.
        With one udbyderkode in the store, any row of a quarter will do."""
        if ukode is not None and not self.c.execute(
                "SELECT EXISTS (SELECT 1 FROM kursist WHERE ukode < ?1) "
                "OR EXISTS (SELECT 1 FROM kursist WHERE ukode > ?1)", (ukode,)).fetchone()[0]:
            ukode = None
        sql = _WALK_BACK_ANY if ukode is None else _WALK_BACK
        (first,) = self.c.execute(sql, (self.q.year, self.q.q, FIRST_YEAR, ukode)).fetchone()
        return str(first)


def _held(table: str, owner: str | None) -> str:
    if owner is None:  # any udbyderkode: an index seek (and cheap to prepare: the quarter's
        return f"EXISTS (SELECT 1 FROM {table} WHERE iperiode = w.prev)"  # temp tables
    return (f"EXISTS (SELECT 1 FROM {table} t CROSS JOIN kursist k ON k.id = {owner} "  # make
            "WHERE t.iperiode = w.prev AND k.ukode = ?4)")  # SQLite prepare it every time)


def _walk_back_sql(modul_owner: str | None, kursist_owner: str | None) -> str:
    return f"""
    WITH RECURSIVE w(y, q, prev) AS (
        SELECT ?1, ?2, CASE WHEN ?2 = 1 THEN (?1 - 1) || '4' ELSE ?1 || (?2 - 1) END
        UNION ALL
        SELECT CASE WHEN q = 1 THEN y - 1 ELSE y END, CASE WHEN q = 1 THEN 4 ELSE q - 1 END,
               CASE WHEN q = 1 THEN (y - 1) || '3' WHEN q = 2 THEN (y - 1) || '4'
                    ELSE y || (q - 2) END
        FROM w WHERE (y > ?3 OR q > 1) AND (
            {_held("undervisning", modul_owner)} OR {_held("henvisning", kursist_owner)}
            OR {_held("proeve", kursist_owner)} OR {_held("modul_rapport", modul_owner)}))
    SELECT MIN(y * 10 + q) + 0 * IFNULL(?4, 0) FROM w"""


_WALK_BACK = _walk_back_sql("(SELECT kursist_id FROM modul WHERE id = t.modul_id)", "t.kursist_id")
_WALK_BACK_ANY = _walk_back_sql(None, None)


def _whole_histories(c: sqlite3.Connection, q: Quarter, kursister: dict[int, Record],
                     later_attempts: set[int], earliest: dict[int, str],
                     windows: _Windows) -> dict[int, bool]:
    """Per kursist: does the store hold the quarter before the one the kursist first appears
    in (by any record, or a placement's start), and every quarter from there to this one? Only
    then can it know that an attempt 1 is missing (A6). A kursist of the unbroken run's first
    quarter may have come from before it, so a run of one quarter never knows. Asked only of
    kursister with an attempt other than 1, the only ones the answer can change."""
    whole: dict[int, bool] = {}
    for kid in later_attempts:
        since = windows.start(kursister[kid]["ukode"])
        first = _quarter_of(earliest.get(kid))
        if since >= q.iperiode or (first is not None and first <= since):
            continue  # (placed already in the run's first quarter: it may have come from before)
        known = [x for x in (first, *c.execute(
            "SELECT (SELECT MIN(iperiode) FROM stamdata WHERE kursist_id = ?1), "
            "(SELECT MIN(iperiode) FROM henvisning WHERE kursist_id = ?1), "
            "(SELECT MIN(iperiode) FROM proeve WHERE kursist_id = ?1)", (kid,)).fetchone())
            if x is not None]
        whole[kid] = bool(known) and min(known) > since
    return whole


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
