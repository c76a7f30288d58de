"""Read-only queries behind the kursist list: quarters, udbyderkoder and one row per kursist."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from desktop.domain.quarter import Quarter, quarter_problem
from desktop.store.quarter import STAMDATA_QUARTER


class KursistRow(NamedTuple):
    """One row of the list. A named tuple: made straight from SQLite's row tuple, which
    matters when 100,000 of them are loaded at once."""
    id: int
    ukode: str
    cpr: str
    kkoen: str | None
    knationskode: str | None
    records: int  # henvisninger, placements with teaching, end or continuing, prøver in the quarter


def ukoder(c: sqlite3.Connection) -> list[str]:
    return _distinct(c, "kursist", "ukode")


def kursist_id(c: sqlite3.Connection, ukode: str | None, cpr: str) -> int | None:
    row = c.execute("SELECT id FROM kursist WHERE ukode = ? AND kcprnr = ?",
                    (ukode, cpr)).fetchone()
    return row[0] if row else None


def quarters(c: sqlite3.Connection) -> list[str]:
    """Every quarter that has reported data, newest first."""
    found: set[str] = set()
    for table in ("henvisning", "undervisning", "proeve"):
        found.update(_distinct(c, table, "iperiode"))
    # A record typed with a date from before 2005 stays in the quarter it was typed in; an
    # older store may still hold such a quarter, which no view can open.
    return sorted((q for q in found if quarter_problem(q) is None), reverse=True)


def _distinct(c: sqlite3.Connection, table: str, column: str) -> list[str]:
    """The column's distinct values, in order. The index is walked from one value to the
    next (a loose index scan): a few seeks, not a read of 100,000s of rows."""
    rows = c.execute(f"""
        WITH RECURSIVE v(x) AS (
            SELECT MIN({column}) FROM {table}
            UNION ALL
            SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > v.x) FROM v
            WHERE v.x IS NOT NULL)
        SELECT x FROM v WHERE x IS NOT NULL""")
    return [r[0] for r in rows]


_STAMDATA_QUARTER = STAMDATA_QUARTER.format(kid="k.id")


def kursist_rows(c: sqlite3.Connection, q: Quarter, ukode: str | None,
                 everyone: bool = False) -> list[KursistRow]:
    """The kursister with movement in the quarter (or everyone), with their latest stamdata.
    A placement that continues from the previous quarter (taught there, still running) counts
    before its months here are made: the clerk finds its kursist in the quarter's list."""
    counts = """
        SELECT kursist_id AS kid, COUNT(*) AS n FROM (
            SELECT kursist_id FROM henvisning WHERE iperiode = :q
            UNION ALL SELECT kursist_id FROM proeve WHERE iperiode = :q
            UNION ALL SELECT m.kursist_id FROM modul m WHERE m.id IN (
                SELECT modul_id FROM undervisning WHERE iperiode = :q
                UNION SELECT id FROM modul WHERE uslutdato >= :qs AND uslutdato < :nxt
                UNION SELECT u.modul_id FROM undervisning u CROSS JOIN modul p
                    ON p.id = u.modul_id WHERE u.iperiode = :prev
                    AND (p.uslutdato IS NULL OR p.uslutdato >= :qs)))
        GROUP BY kursist_id"""
    join = "LEFT JOIN" if everyone else "JOIN"
    # Stamdata as of the quarter: the latest report up to it, else the earliest; looked up per
    # kursist through the primary key, so years of history cost nothing here.
    sql = f"""
        WITH c AS ({counts})
        SELECT k.id, k.ukode, k.kcprnr, d.kkoen, d.knationskode, COALESCE(c.n, 0)
        FROM kursist k {join} c ON c.kid = k.id
        LEFT JOIN stamdata d ON d.kursist_id = k.id AND d.iperiode = {_STAMDATA_QUARTER}
        WHERE (:ukode IS NULL OR k.ukode = :ukode)
        ORDER BY k.kcprnr"""
    return list(map(KursistRow._make, c.execute(sql, _params(q, ukode=ukode))))


# One kursist's records in the quarter, counted through its own indexes.
_RECORDS_OF_K = """(
    (SELECT COUNT(*) FROM henvisning WHERE kursist_id = k.id AND iperiode = :q)
  + (SELECT COUNT(*) FROM proeve WHERE kursist_id = k.id AND iperiode = :q)
  + (SELECT COUNT(*) FROM modul m WHERE m.kursist_id = k.id AND (
        (m.uslutdato >= :qs AND m.uslutdato < :nxt) OR EXISTS (
            SELECT 1 FROM undervisning u WHERE u.modul_id = m.id AND u.iperiode = :q)
        OR ((m.uslutdato IS NULL OR m.uslutdato >= :qs) AND EXISTS (
            SELECT 1 FROM undervisning u WHERE u.modul_id = m.id AND u.iperiode = :prev)))))"""


def _params(q: Quarter, **more) -> dict:
    return {"q": q.iperiode, "qs": q.start.isoformat(), "nxt": q.next().start.isoformat(),
            "prev": q.previous().iperiode, **more}


def kursist_row(c: sqlite3.Connection, kid: int, q: Quarter) -> KursistRow | None:
    """One kursist's row, after an edit."""
    sql = f"""
        SELECT k.id, k.ukode, k.kcprnr, d.kkoen, d.knationskode, {_RECORDS_OF_K}
        FROM kursist k
        LEFT JOIN stamdata d ON d.kursist_id = k.id AND d.iperiode = {_STAMDATA_QUARTER}
        WHERE k.id = :kid"""
    row = c.execute(sql, _params(q, kid=kid)).fetchone()
    return KursistRow(*row) if row else None


def first_rows(c: sqlite3.Connection, q: Quarter, ukode: str, limit: int,
               everyone: bool = False) -> list[KursistRow]:
    """The first `limit` rows of kursist_rows, in the same order, without the rest: the
    provider's kursister are walked in CPR order through the (ukode, kcprnr) key, each counted
    through its own indexes, until enough are found. What a window shows first on a store of
    any size."""
    sql = f"""
        SELECT * FROM (
            SELECT k.id, k.ukode, k.kcprnr, d.kkoen, d.knationskode, {_RECORDS_OF_K} AS n
            FROM kursist k
            LEFT JOIN stamdata d ON d.kursist_id = k.id AND d.iperiode = {_STAMDATA_QUARTER}
            WHERE k.ukode = :ukode
            ORDER BY k.kcprnr)
        WHERE :everyone OR n > 0
        LIMIT :limit"""
    params = _params(q, ukode=ukode, everyone=everyone, limit=limit)
    return list(map(KursistRow._make, c.execute(sql, params)))
