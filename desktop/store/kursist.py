"""One kursist in one quarter, as the editor shows it, and the checks the editor paints.

The editor sees the truth of the store (a placement's real end, even after the quarter); the
checks see what the quarter's file would hold, so that a finding in the form is the finding
the export would give.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from desktop.checks import CheckSettings, Finding, check_kursist
from desktop.domain.fields import TAGS
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record
from desktop.store.quarter import STAMDATA_QUARTER, select_quarter


@dataclass
class Row:
    """A stored record with its row id (None for stamdata, which is keyed by kursist+quarter)."""
    id: int | None
    record: Record
    children: list["Row"] = field(default_factory=list)


@dataclass
class KursistSheet:
    kid: int
    quarter: Quarter
    stamdata: Record  # kind 'kursist'
    henvisninger: list[Row]
    moduler: list[Row]  # children: undervisning rows of the quarter
    proever: list[Row]

    @property
    def cpr(self) -> str:
        return self.stamdata["kcprnr"]

    def rows(self, kind: str) -> list[Row]:
        if kind == "undervisning":
            return [u for m in self.moduler for u in m.children]
        return {"henvisning": self.henvisninger, "modul": self.moduler, "proeve": self.proever}[kind]


def _records(c: sqlite3.Connection, sql: str, params, kind: str) -> list[Row]:
    cols = TAGS[kind]
    return [Row(r[0], Record(kind, dict(zip(cols, r[1:])))) for r in c.execute(sql, params)]


def load_sheet(c: sqlite3.Connection, kid: int, q: Quarter) -> KursistSheet:
    ukode, cpr = c.execute("SELECT ukode, kcprnr FROM kursist WHERE id = ?", (kid,)).fetchone()
    stamdata = Record("kursist", {"iperiode": q.iperiode, "ukode": ukode, "kcprnr": cpr,
                                  **stamdata_as_of(c, kid, q.iperiode)})

    def cols(kind: str) -> str:
        return ", ".join(TAGS[kind])

    henvisninger = _records(c, f"SELECT id, {cols('henvisning')} FROM henvisning "
                            "WHERE kursist_id = ? AND iperiode = ? ORDER BY hhenvisdato, id",
                            (kid, q.iperiode), "henvisning")
    proever = _records(c, f"SELECT id, {cols('proeve')} FROM proeve "
                       "WHERE kursist_id = ? AND iperiode = ? ORDER BY pdato, id",
                       (kid, q.iperiode), "proeve")
    # Placements that are running at some point in the quarter, or have teaching in it. The
    # teaching is looked up per placement (EXISTS): `IN (SELECT … WHERE iperiode = ?)` would
    # list the whole quarter's teaching for each kursist opened.
    qs, nxt = q.start.isoformat(), q.next().start.isoformat()
    moduler = _records(
        c, f"SELECT id, {cols('modul')} FROM modul m WHERE kursist_id = ?1 AND ("
        "(COALESCE(ustartdato, '') < ?3 AND (uslutdato IS NULL OR uslutdato >= ?2)) "
        "OR EXISTS (SELECT 1 FROM undervisning u WHERE u.modul_id = m.id AND u.iperiode = ?4)) "
        "ORDER BY ustartdato, id", (kid, qs, nxt, q.iperiode), "modul")
    for m in moduler:
        m.children = _records(c, f"SELECT id, {cols('undervisning')} FROM undervisning "
                              "WHERE modul_id = ? AND iperiode = ? ORDER BY CAST(unperiode AS "
                              "INTEGER), id", (m.id, q.iperiode), "undervisning")
    return KursistSheet(kid, q, stamdata, henvisninger, moduler, proever)


def stamdata_as_of(c: sqlite3.Connection, kid: int, iperiode: str) -> dict[str, str | None]:
    """The kursist's stamdata as reported for the quarter (see STAMDATA_QUARTER)."""
    row = c.execute(f"SELECT kkoen, knationskode FROM stamdata WHERE kursist_id = :kid AND "
                    f"iperiode = {STAMDATA_QUARTER.format(kid=':kid')}",
                    {"kid": kid, "q": iperiode}).fetchone()
    return {"kkoen": row[0] if row else None, "knationskode": row[1] if row else None}


def field_value(c: sqlite3.Connection, kind: str, rid: int, tag: str) -> str | None:
    """One stored field of one record (None also when there is no such record)."""
    if kind not in ("henvisning", "modul", "undervisning", "proeve") or tag not in TAGS[kind]:
        raise ValueError(f"{kind}.{tag}")
    row = c.execute(f"SELECT {tag} FROM {kind} WHERE id = ?", (rid,)).fetchone()
    return row[0] if row else None


def sheet_findings(c: sqlite3.Connection, kid: int, q: Quarter,
                   settings: CheckSettings) -> list[Finding]:
    """Every finding the quarter's file would give for this kursist."""
    ukode, cpr = c.execute("SELECT ukode, kcprnr FROM kursist WHERE id = ?", (kid,)).fetchone()
    report = select_quarter(c, q, ukode, cpr)
    findings: list[Finding] = []
    for k, history, whole in report.with_history():
        findings += check_kursist(k, settings, history=history, whole_history=whole)
    return findings


def findings_of(c: sqlite3.Connection, kids: list[int], q: Quarter,
                settings: CheckSettings) -> list[Finding]:
    """sheet_findings for several kursister at once (a hold's grid): one selection."""
    findings: list[Finding] = []
    if kids:
        for k, history, whole in select_quarter(c, q, kids=list(kids)).with_history():
            findings += check_kursist(k, settings, history=history, whole_history=whole)
    return findings


def next_attempt(c: sqlite3.Connection, kid: int, uddnr: str, modul: str) -> int:
    """The next UForsoegNr for this DU and module."""
    row = c.execute("SELECT MAX(CAST(uforsoegnr AS INTEGER)) FROM modul WHERE kursist_id = ? "
                    "AND uuddnr = ? AND umodul = ?", (kid, uddnr, modul)).fetchone()
    return (row[0] or 0) + 1
