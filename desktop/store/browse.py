"""Read-only queries behind the kursist list: quarters, udbyderkoder and one row per kursist."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop.domain.quarter import Quarter


@dataclass(frozen=True)
class KursistRow:
    id: int
    ukode: str
    cpr: str
    kkoen: str | None
    knationskode: str | None
    records: int  # henvisninger, placements with teaching or end, and prøver in the quarter


def ukoder(c: sqlite3.Connection) -> list[str]:
    return [r[0] for r in c.execute("SELECT DISTINCT ukode FROM kursist ORDER BY ukode")]


def quarters(c: sqlite3.Connection) -> list[str]:
    """Every quarter that has reported data, newest first."""
    rows = c.execute("SELECT iperiode FROM henvisning UNION SELECT iperiode FROM undervisning "
                     "UNION SELECT iperiode FROM proeve UNION SELECT iperiode FROM stamdata "
                     "ORDER BY 1 DESC")
    return [r[0] for r in rows]


def kursist_rows(c: sqlite3.Connection, q: Quarter, ukode: str | None,
                 everyone: bool = False, kid: int | None = None) -> list[KursistRow]:
    """The kursister with movement in the quarter (or everyone), with their latest stamdata;
    `kid` asks for one kursist's row only (after an edit), whether it moved or not."""
    iperiode, qs, nxt = q.iperiode, q.start.isoformat(), q.next().start.isoformat()
    counts = """
        SELECT kursist_id AS kid, COUNT(*) AS n FROM (
            SELECT kursist_id FROM henvisning WHERE iperiode = :q
            UNION ALL SELECT kursist_id FROM proeve WHERE iperiode = :q
            UNION ALL SELECT m.kursist_id FROM modul m WHERE m.id IN (
                SELECT modul_id FROM undervisning WHERE iperiode = :q
                UNION SELECT id FROM modul WHERE uslutdato >= :qs AND uslutdato < :nxt))
        GROUP BY kursist_id"""
    join = "LEFT JOIN" if everyone or kid is not None else "JOIN"
    sql = f"""
        WITH c AS ({counts}),
             latest AS (SELECT kursist_id, MAX(iperiode) AS iperiode FROM stamdata
                        WHERE iperiode <= :q GROUP BY kursist_id)
        SELECT k.id, k.ukode, k.kcprnr, d.kkoen, d.knationskode, COALESCE(c.n, 0)
        FROM kursist k {join} c ON c.kid = k.id
        LEFT JOIN latest l ON l.kursist_id = k.id
        LEFT JOIN stamdata d ON d.kursist_id = k.id AND d.iperiode = COALESCE(l.iperiode,
            (SELECT MIN(iperiode) FROM stamdata WHERE kursist_id = k.id))
        WHERE (:ukode IS NULL OR k.ukode = :ukode) AND (:kid IS NULL OR k.id = :kid)
        ORDER BY k.kcprnr"""
    params = {"q": iperiode, "qs": qs, "nxt": nxt, "ukode": ukode, "kid": kid}
    return [KursistRow(*row) for row in c.execute(sql, params)]
