"""Holds in the store: reading holds, their plans and members, the quarter grid and the
carry-forward selection; and the writes of the hold commands, each through the command's
journal (`tx`, desktop.commands) inside its transaction.

Every query starts from the hold, the placement or the quarter's indexes, so its cost follows
the hold or the quarter, not the size of the store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from desktop.domain.cpr import format_cpr
from desktop.domain.fields import TAGS, as_date
from desktop.domain.holds import (
    PASSED,
    PLAN_TAGS,
    RESTART,
    RESTART_REASON,
    Hold,
    Month,
    Plan,
    active_months,
    carried_values,
    end_of_teaching,
    first_month_from,
    month_of,
    month_values,
    next_module,
)
from desktop.domain.quarter import Quarter
from desktop.store.db import StoreError

_U_COLS = TAGS["undervisning"]


class HoldError(StoreError):
    """A hold command that cannot run as asked, with a Danish message for the user."""


# Reading ------------------------------------------------------------------------------------
_HOLD_COLS = "id, navn, uuddnr, umodul, unlekmin, startdato, slutdato"


def holds(c: sqlite3.Connection, ukode: str | None) -> list[Hold]:
    return [Hold(*r) for r in c.execute(
        f"SELECT {_HOLD_COLS} FROM hold WHERE ukode IS ? ORDER BY slutdato IS NOT NULL, navn",
        (ukode,))]


def hold(c: sqlite3.Connection, hold_id: int) -> Hold | None:
    r = c.execute(f"SELECT {_HOLD_COLS} FROM hold WHERE id = ?", (hold_id,)).fetchone()
    return Hold(*r) if r else None


def plan(c: sqlite3.Connection, hold_id: int) -> Plan:
    cols = ", ".join(PLAN_TAGS)
    return Plan({(y, m): dict(zip(PLAN_TAGS, rest)) for y, m, *rest in c.execute(
        f"SELECT aar, maaned, {cols} FROM hold_plan WHERE hold_id = ? ORDER BY aar, maaned",
        (hold_id,))})


def hold_on(c: sqlite3.Connection, modul_id: int, day: dt.date | None = None) -> Hold | None:
    """The hold a placement is on at a day (None: now, its open membership)."""
    if day is None:
        r = c.execute(f"SELECT {', '.join('h.' + x for x in _HOLD_COLS.split(', '))} "
                      "FROM hold_medlem hm JOIN hold h ON h.id = hm.hold_id "
                      "WHERE hm.modul_id = ? AND hm.til IS NULL", (modul_id,)).fetchone()
    else:
        d = day.isoformat()
        r = c.execute(f"SELECT {', '.join('h.' + x for x in _HOLD_COLS.split(', '))} "
                      "FROM hold_medlem hm JOIN hold h ON h.id = hm.hold_id "
                      "WHERE hm.modul_id = ? AND hm.fra <= ? AND (hm.til IS NULL OR hm.til > ?) "
                      "ORDER BY hm.fra DESC LIMIT 1", (modul_id, d, d)).fetchone()
    return Hold(*r) if r else None


def holds_of_placements(c: sqlite3.Connection, modul_ids: list[int],
                        q: Quarter) -> dict[int, str]:
    """For the editor: the name of the hold each placement is on in the quarter (the latest)."""
    if not modul_ids:
        return {}
    qs, nxt = q.start.isoformat(), q.next().start.isoformat()
    out: dict[int, str] = {}
    marks = ", ".join("?" * len(modul_ids))
    for mid, navn in c.execute(
            f"SELECT hm.modul_id, h.navn FROM hold_medlem hm JOIN hold h ON h.id = hm.hold_id "
            f"WHERE hm.modul_id IN ({marks}) AND hm.fra < ? AND (hm.til IS NULL OR hm.til > ?) "
            "ORDER BY hm.fra", (*modul_ids, nxt, qs)):
        out[mid] = navn
    return out


@dataclass
class GridRow:
    """One placement in the quarter grid, with its month rows of the quarter."""
    modul_id: int
    kursist_id: int
    cpr: str
    uuddnr: str | None
    umodul: str | None
    uforsoegnr: str | None
    ustartdato: str | None
    uslutdato: str | None
    months: dict[int, tuple[int, dict[str, str | None]]] = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        return (self.uuddnr, self.umodul, self.uforsoegnr)

    def active(self, q: Quarter) -> list[Month]:
        return active_months(q, as_date(self.ustartdato), as_date(self.uslutdato))


_GRID_ROW = ("m.id, m.kursist_id, k.kcprnr, m.uuddnr, m.umodul, m.uforsoegnr, m.ustartdato, "
             "m.uslutdato")


def grid_rows(c: sqlite3.Connection, q: Quarter, hold_id: int | None,
              ukode: str | None) -> list[GridRow]:
    """The grid of a hold (or, hold_id None, of the placements on no hold): a row per placement
    on it at some time in the quarter and running in it, in CPR order."""
    qs, nxt, prev = q.start.isoformat(), q.next().start.isoformat(), q.previous().iperiode
    running = ("COALESCE(m.ustartdato, '') < :nxt AND (m.uslutdato IS NULL OR m.uslutdato >= :qs)")
    params = {"qs": qs, "nxt": nxt, "q": q.iperiode, "prev": prev, "hold": hold_id,
              "ukode": ukode}
    if hold_id is not None:
        sql = (f"SELECT DISTINCT {_GRID_ROW} FROM hold_medlem hm "
               "JOIN modul m ON m.id = hm.modul_id JOIN kursist k ON k.id = m.kursist_id "
               f"WHERE hm.hold_id = :hold AND hm.fra < :nxt AND (hm.til IS NULL OR hm.til > :qs) "
               f"AND {running} ORDER BY k.kcprnr, m.ustartdato, m.id")
    else:
        # Placements with teaching in the quarter, continuing from the last one, or ending in
        # it: a placement left open for years without teaching is for closing, not for a grid.
        sql = (f"SELECT {_GRID_ROW} FROM ("
               "SELECT modul_id AS id FROM undervisning WHERE iperiode = :q "
               "UNION SELECT modul_id FROM undervisning WHERE iperiode = :prev "
               "UNION SELECT id FROM modul WHERE uslutdato >= :qs AND uslutdato < :nxt) s "
               "CROSS JOIN modul m ON m.id = s.id JOIN kursist k ON k.id = m.kursist_id "
               f"WHERE k.ukode IS :ukode AND {running} AND NOT EXISTS ("
               "SELECT 1 FROM hold_medlem hm WHERE hm.modul_id = m.id AND hm.fra < :nxt "
               "AND (hm.til IS NULL OR hm.til > :qs)) ORDER BY k.kcprnr, m.ustartdato, m.id")
    rows = [GridRow(*r) for r in c.execute(sql, params)]
    by_id = {r.modul_id: r for r in rows}
    if rows:
        marks = ", ".join("?" * len(by_id))
        for rid, mid, *values in c.execute(
                f"SELECT id, modul_id, {', '.join(_U_COLS)} FROM undervisning "
                f"WHERE iperiode = ? AND modul_id IN ({marks}) ORDER BY id",
                (q.iperiode, *by_id)):
            record = dict(zip(_U_COLS, values))
            try:
                month = int(record["unperiode"] or "")
            except ValueError:
                continue  # a month that is no number is shown in the editor, with its X
            by_id[mid].months.setdefault(month, (rid, record))
    return rows


@dataclass(frozen=True)
class Continuing:
    modul_id: int
    kursist_id: int
    cpr: str


def continuing(c: sqlite3.Connection, q: Quarter, ukode: str | None,
               untaught_only: bool = True) -> list[Continuing]:
    """Placements that had teaching in the previous quarter and are still running when this one
    starts; `untaught_only`: those without any teaching in this quarter yet."""
    qs, nxt = q.start.isoformat(), q.next().start.isoformat()
    sql = ("SELECT m.id, m.kursist_id, k.kcprnr FROM (SELECT DISTINCT modul_id FROM undervisning "
           "WHERE iperiode = :prev) s CROSS JOIN modul m ON m.id = s.modul_id "
           "JOIN kursist k ON k.id = m.kursist_id "
           "WHERE k.ukode IS :ukode AND (m.uslutdato IS NULL OR m.uslutdato >= :qs) "
           "AND COALESCE(m.ustartdato, '') < :nxt")
    if untaught_only:
        sql += (" AND NOT EXISTS (SELECT 1 FROM undervisning u WHERE u.modul_id = m.id "
                "AND u.iperiode = :q)")
    sql += " ORDER BY k.kcprnr, m.id"
    return [Continuing(*r) for r in c.execute(sql, {"prev": q.previous().iperiode, "q": q.iperiode,
                                                    "qs": qs, "nxt": nxt, "ukode": ukode})]


def continuing_count(c: sqlite3.Connection, q: Quarter, ukode: str | None) -> int:
    """How many placements continue without teaching in the quarter yet (the notice)."""
    qs, nxt = q.start.isoformat(), q.next().start.isoformat()
    return c.execute(
        "SELECT COUNT(*) FROM (SELECT DISTINCT modul_id FROM undervisning WHERE iperiode = :prev) s "
        "CROSS JOIN modul m ON m.id = s.modul_id JOIN kursist k ON k.id = m.kursist_id "
        "WHERE k.ukode IS :ukode AND (m.uslutdato IS NULL OR m.uslutdato >= :qs) "
        "AND COALESCE(m.ustartdato, '') < :nxt AND NOT EXISTS (SELECT 1 FROM undervisning u "
        "WHERE u.modul_id = m.id AND u.iperiode = :q)",
        {"prev": q.previous().iperiode, "q": q.iperiode, "qs": qs, "nxt": nxt,
         "ukode": ukode}).fetchone()[0]


def looks_finished(c: sqlite3.Connection, q: Quarter, ukode: str | None) -> list[Continuing]:
    """Open placements with no teaching in the previous quarter nor in this one, started before
    the previous quarter: a whole quarter without teaching; to be closed (else B3)."""
    prev = q.previous()
    sql = ("SELECT m.id, m.kursist_id, k.kcprnr FROM modul m JOIN kursist k ON k.id = m.kursist_id "
           "WHERE m.uslutdato IS NULL AND k.ukode IS :ukode AND m.ustartdato < :ps "
           "AND NOT EXISTS (SELECT 1 FROM undervisning u WHERE u.modul_id = m.id "
           "AND u.iperiode IN (:prev, :q)) ORDER BY k.kcprnr, m.id")
    return [Continuing(*r) for r in c.execute(sql, {"ps": prev.start.isoformat(),
                                                    "prev": prev.iperiode, "q": q.iperiode,
                                                    "ukode": ukode})]


@dataclass(frozen=True)
class Finished:
    """A placement that looks finished, as the closing dialog lists it."""
    modul_id: int
    kursist_id: int
    cpr: str
    uuddnr: str | None
    umodul: str | None
    ustartdato: str | None
    hold: str | None  # the name of the hold it is on, if any
    last_taught: Month | None  # its last month with scheduled lessons, if any

    @property
    def default_end(self) -> str:
        return end_of_teaching(self.last_taught, self.ustartdato)


def finished_placements(c: sqlite3.Connection, q: Quarter, ukode: str | None) -> list[Finished]:
    """looks_finished() with what the clerk decides by: the DU and module, the hold and the
    last month taught (the one index lookup per placement it costs is for a list read on
    demand, not for the notice)."""
    out = []
    for f in looks_finished(c, q, ukode):
        udd, mod, start = c.execute("SELECT uuddnr, umodul, ustartdato FROM modul WHERE id = ?",
                                    (f.modul_id,)).fetchone()
        last = c.execute("SELECT iperiode, unperiode FROM undervisning WHERE modul_id = ? "
                         "AND CAST(unfagskema AS INTEGER) > 0 ORDER BY iperiode DESC, "
                         "CAST(unperiode AS INTEGER) DESC LIMIT 1", (f.modul_id,)).fetchone()
        month = None
        if last:
            try:
                month = (int(last[0][:4]), int(last[1]))
            except (TypeError, ValueError):
                month = None
        h = hold_on(c, f.modul_id)
        out.append(Finished(f.modul_id, f.kursist_id, f.cpr, udd, mod, start,
                            h.navn if h else None, month))
    return out


def open_members_after(c: sqlite3.Connection, hold_id: int, day: dt.date) -> list[str]:
    """CPR numbers of the hold's members still on it after `day` with a placement still open
    then: what stops the hold from ending on that day."""
    d = day.isoformat()
    return [r[0] for r in c.execute(
        "SELECT DISTINCT k.kcprnr FROM hold_medlem hm JOIN modul m ON m.id = hm.modul_id "
        "JOIN kursist k ON k.id = m.kursist_id WHERE hm.hold_id = ? "
        "AND (hm.til IS NULL OR hm.til > ?) AND (m.uslutdato IS NULL OR m.uslutdato > ?) "
        "ORDER BY k.kcprnr", (hold_id, d, d))]


def _last_month(c: sqlite3.Connection, modul_id: int, before: str) -> dict[str, str | None] | None:
    """A placement's latest month row reported before the quarter `before`."""
    r = c.execute(f"SELECT {', '.join(_U_COLS)} FROM undervisning WHERE modul_id = ? "
                  "AND iperiode < ? ORDER BY iperiode DESC, CAST(unperiode AS INTEGER) DESC, id "
                  "DESC LIMIT 1", (modul_id, before)).fetchone()
    return dict(zip(_U_COLS, r)) if r else None


def _placement(c: sqlite3.Connection, modul_id: int) -> tuple:
    r = c.execute("SELECT kursist_id, uuddnr, umodul, ustartdato, uslutdato FROM modul "
                  "WHERE id = ?", (modul_id,)).fetchone()
    if r is None:
        raise HoldError("Placeringen findes ikke længere; visningen er genindlæst.")
    return r


def _next_attempt(c: sqlite3.Connection, kid: int, uddnr: str, modul: str) -> int:
    row = c.execute("SELECT MAX(CAST(uforsoegnr AS INTEGER)) FROM modul WHERE kursist_id = ? "
                    "AND uuddnr = ? AND umodul = ?", (kid, uddnr, modul)).fetchone()
    return (row[0] or 0) + 1


def _months_rows(c: sqlite3.Connection, modul_id: int) -> list[tuple[int, Month]]:
    """Every month row of a placement with the (year, month) it is for."""
    out = []
    for rid, iperiode, unperiode in c.execute(
            "SELECT id, iperiode, unperiode FROM undervisning WHERE modul_id = ?", (modul_id,)):
        try:
            out.append((rid, (int(iperiode[:4]), int(unperiode))))
        except (TypeError, ValueError):
            continue
    return out


# Writing: inside the command's transaction, every write through its journal `tx` -----------
def _norm(v: str | None) -> str | None:
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def create_hold(tx, ukode: str, navn: str, uuddnr: str, umodul: str, unlekmin: str,
                startdato: str) -> int:
    navn = navn.strip()
    if not navn:
        raise HoldError("Holdet skal have et navn.")
    if tx.c.execute("SELECT 1 FROM hold WHERE ukode = ? AND navn = ?", (ukode, navn)).fetchone():
        raise HoldError(f"Der findes allerede et hold med navnet '{navn}'.")
    return tx.insert("hold", {"ukode": ukode, "navn": navn, "uuddnr": uuddnr, "umodul": umodul,
                               "unlekmin": unlekmin, "startdato": startdato, "slutdato": None})


def update_hold(tx, hold_id: int, values: dict[str, str | None]) -> None:
    allowed = {"navn", "unlekmin", "startdato", "slutdato"}
    tx.put("hold", (hold_id,), {k: _norm(v) for k, v in values.items() if k in allowed})


def set_plan_month(tx, hold_id: int, month: Month, values: dict[str, str | None]) -> None:
    tx.put("hold_plan", (hold_id, *month), {t: _norm(values.get(t)) for t in PLAN_TAGS
                                            if t in values})


def _add_month(tx, modul_id: int, q: Quarter, values: dict[str, str | None]) -> int:
    return tx.insert("undervisning", {"modul_id": modul_id, "iperiode": q.iperiode,
                                       **{t: _norm(values.get(t)) for t in _U_COLS}})


def _plan_months(tx, modul_id: int, h: Hold, day: dt.date, have: set[Month]) -> int:
    """The months from `day`'s month to the end of its quarter that the plan has, for a
    placement on the hold; months it has already are left as they are."""
    q = Quarter.of(day)
    p = plan(tx.c, h.id)
    n = 0
    for ym in active_months(q, day, None):
        if ym in have or p.of(ym) is None:
            continue
        _add_month(tx, modul_id, q, month_values(p, ym, h.unlekmin))
        n += 1
    return n


def join(tx, hold_id: int, kid: int, day: dt.date) -> int:
    """A new placement on the hold's DU and module, attempt + 1, from `day`, with its months of
    that quarter from the plan."""
    h = hold(tx.c, hold_id)
    if h is None:
        raise HoldError("Holdet findes ikke længere.")
    if h.slutdato and day.isoformat() > h.slutdato:
        raise HoldError(f"Holdet {h.navn} er afsluttet {_da(h.slutdato)}.")
    open_same = tx.c.execute(
        "SELECT 1 FROM modul WHERE kursist_id = ? AND uuddnr = ? AND umodul = ? "
        "AND uslutdato IS NULL", (kid, h.uuddnr, h.umodul)).fetchone()
    if open_same:
        raise HoldError(f"Kursisten har allerede en åben placering på DU{h.uuddnr} modul "
                        f"{h.umodul}; brug Skift hold for at flytte den.")
    attempt = _next_attempt(tx.c, kid, h.uuddnr, h.umodul)
    mid = tx.insert("modul", {"kursist_id": kid, "uuddnr": h.uuddnr, "umodul": h.umodul,
                               "uforsoegnr": str(attempt), "ustartdato": day.isoformat(),
                               "uslutdato": None, "uophoersaarsag": None, "umodtestdato": None})
    tx.insert("hold_medlem", {"hold_id": hold_id, "modul_id": mid, "fra": day.isoformat(),
                               "til": None})
    _plan_months(tx, mid, h, day, set())
    return mid


def _drop_months_after(tx, modul_id: int, day: dt.date) -> None:
    """Month rows after the month of the placement's end would be A8: they go with the end."""
    for rid, ym in _months_rows(tx.c, modul_id):
        if ym > month_of(day):
            tx.put("undervisning", (rid,), None)


def leave(tx, modul_id: int, day: dt.date, ophoer: str | None,
          passed: bool) -> None:
    """End a placement: slutdato with an ophørsårsag, or with the day of its passed module test."""
    _, _, _, start, end = _placement(tx.c, modul_id)
    if end:
        raise HoldError("Placeringen er allerede afsluttet.")
    if start and day.isoformat() < start:
        raise HoldError("Slutdatoen ligger før placeringens startdato.")
    if not passed and not ophoer:
        raise HoldError("Vælg en ophørsårsag, eller angiv at modultesten er bestået.")
    d = day.isoformat()
    tx.put("modul", (modul_id,), {"uslutdato": d, "umodtestdato": d if passed else None,
                                   "uophoersaarsag": None if passed else ophoer})
    _drop_months_after(tx, modul_id, day)


def close_placements(tx, ends: list[tuple[int, dt.date]], ophoer: str) -> None:
    """End several placements at once, each on its own day, with one ophørsårsag; a placement
    that cannot end as asked stops them all, named by its CPR number."""
    for modul_id, day in ends:
        try:
            leave(tx, modul_id, day, ophoer, False)
        except HoldError as e:
            cpr = tx.c.execute("SELECT k.kcprnr FROM modul m JOIN kursist k ON k.id = "
                               "m.kursist_id WHERE m.id = ?", (modul_id,)).fetchone()
            raise HoldError(f"{format_cpr(cpr[0]) if cpr else ''}: {e} Intet er afsluttet.") \
                from e


def end_hold(tx, hold_id: int, day: dt.date) -> None:
    """The hold stops on `day`. Refused while members are still on it with an open placement
    after that day: why each of them stops (a passed module test, an ophørsårsag, another
    hold) is what is reported, so it is the clerk's to say, with Udmeld or Skift hold."""
    h = hold(tx.c, hold_id)
    if h is None:
        raise HoldError("Holdet findes ikke længere.")
    if h.slutdato:
        raise HoldError(f"Holdet {h.navn} er allerede afsluttet ({_da(h.slutdato)}).")
    if day.isoformat() < h.startdato:
        raise HoldError(f"Slutdatoen ligger før holdets startdato ({_da(h.startdato)}).")
    still = open_members_after(tx.c, hold_id, day)
    if still:
        names = ", ".join(format_cpr(cpr) for cpr in still[:5]) + (" …" if len(still) > 5 else "")
        raise HoldError(f"{len(still)} kursister er stadig på holdet efter {_da(day.isoformat())} "
                        f"({names}). Udmeld dem eller flyt dem til et andet hold (Skift hold) "
                        "først; så kan holdet afsluttes.")
    tx.put("hold", (hold_id,), {"slutdato": day.isoformat()})


def _da(iso: str) -> str:
    d = dt.date.fromisoformat(iso[:10])
    return f"{d.day}.{d.month}.{d.year}"


def change_hold(tx, modul_id: int, new_hold_id: int, day: dt.date) -> None:
    """Move a placement to another hold on the same DU and module from `day`: the placement
    stays (no new attempt); its months from then on take the new hold's plan."""
    _, udd, mod, _, end = _placement(tx.c, modul_id)
    new = hold(tx.c, new_hold_id)
    if new is None:
        raise HoldError("Holdet findes ikke længere.")
    if (new.uuddnr, new.umodul) != (udd, mod):
        raise HoldError(f"Holdet {new.navn} er på DU{new.uuddnr} modul {new.umodul}, "
                        f"placeringen på DU{udd} modul {mod}; vælg et hold på samme modul.")
    if end and day.isoformat() > end:
        raise HoldError("Placeringen er afsluttet før den dag.")
    if new.slutdato and day.isoformat() > new.slutdato:
        raise HoldError(f"Holdet {new.navn} er afsluttet {_da(new.slutdato)}.")
    d = day.isoformat()
    current = tx.c.execute("SELECT id, hold_id, fra FROM hold_medlem WHERE modul_id = ? "
                            "AND til IS NULL", (modul_id,)).fetchone()
    if current and current[1] == new_hold_id:
        raise HoldError(f"Placeringen er allerede på holdet {new.navn}.")
    if current:
        if d <= current[2]:
            tx.put("hold_medlem", (current[0],), None)  # never really on the old hold
        else:
            tx.put("hold_medlem", (current[0],), {"til": d})
    tx.insert("hold_medlem", {"hold_id": new_hold_id, "modul_id": modul_id, "fra": d, "til": None})
    p = plan(tx.c, new_hold_id)
    first = first_month_from(day)
    have = set()
    for rid, ym in _months_rows(tx.c, modul_id):
        have.add(ym)
        if ym >= first and p.of(ym) is not None:
            values = month_values(p, ym, new.unlekmin)
            tx.put("undervisning", (rid,), {t: _norm(values[t]) for t in (*PLAN_TAGS, "unlekmin")})
    begin = dt.date(*first, 1)
    if Quarter.of(begin) == Quarter.of(day):
        _plan_months(tx, modul_id, new, begin, have)


@dataclass(frozen=True)
class Member:
    modul_id: int
    kursist_id: int
    cpr: str
    uforsoegnr: str | None
    ustartdato: str | None


def members(c: sqlite3.Connection, hold_id: int, day: dt.date) -> list[Member]:
    """The hold's members on a day: on it then, with a placement still running."""
    d = day.isoformat()
    return [Member(*r) for r in c.execute(
        "SELECT m.id, m.kursist_id, k.kcprnr, m.uforsoegnr, m.ustartdato FROM hold_medlem hm "
        "JOIN modul m ON m.id = hm.modul_id JOIN kursist k ON k.id = m.kursist_id "
        "WHERE hm.hold_id = ? AND hm.fra <= ? AND (hm.til IS NULL OR hm.til > ?) "
        "AND (m.uslutdato IS NULL OR m.uslutdato >= ?) ORDER BY k.kcprnr",
        (hold_id, d, d, d))]


def module_shift(tx, hold_id: int, day: dt.date, outcomes: dict[int, str],
                 reason: str = RESTART_REASON) -> dict[str, int]:
    """The hold moves on to the next module on `day`. Members who passed: placement closed with
    that modultest date, a new placement on the next module on the hold. Restart: closed with
    an ophørsårsag, the same module again as attempt + 1, off the hold. Stay: unchanged.
    Months after the change move to the new placement, Fravær and all."""
    h = hold(tx.c, hold_id)
    if h is None:
        raise HoldError("Holdet findes ikke længere.")
    nxt = next_module(h.umodul)
    if nxt is None:
        raise HoldError(f"Holdet {h.navn} er på modul 6, det sidste; der er intet modulskift.")
    d = day.isoformat()
    counts = {"passed": 0, "stay": 0, "restart": 0}
    tx.put("hold", (hold_id,), {"umodul": nxt})
    first = first_month_from(day)
    begin = dt.date(*first, 1)
    moved_into = Quarter.of(begin) == Quarter.of(day)
    shifted = Hold(h.id, h.navn, h.uuddnr, nxt, h.unlekmin, h.startdato, h.slutdato)
    for m in members(tx.c, hold_id, day):
        outcome = outcomes.get(m.modul_id, PASSED)
        counts[outcome] += 1
        if outcome not in (PASSED, RESTART):
            continue
        if m.ustartdato and d < m.ustartdato:
            raise HoldError(f"Kursist {m.cpr} starter på holdet efter modulskiftet.")
        kid, udd, mod, _, _ = _placement(tx.c, m.modul_id)
        tx.put("modul", (m.modul_id,), {
            "uslutdato": d, "umodtestdato": d if outcome == PASSED else None,
            "uophoersaarsag": None if outcome == PASSED else reason})
        new_modul = nxt if outcome == PASSED else mod
        new_id = tx.insert("modul", {
            "kursist_id": kid, "uuddnr": udd, "umodul": new_modul,
            "uforsoegnr": str(_next_attempt(tx.c, kid, udd, new_modul)), "ustartdato": d,
            "uslutdato": None, "uophoersaarsag": None, "umodtestdato": None})
        have = set()
        for rid, ym in _months_rows(tx.c, m.modul_id):
            if ym >= first:
                tx.put("undervisning", (rid,), {"modul_id": new_id})
                have.add(ym)
        if outcome == PASSED:
            tx.insert("hold_medlem", {"hold_id": hold_id, "modul_id": new_id, "fra": d,
                                       "til": None})
            if moved_into:
                _plan_months(tx, new_id, shifted, begin, have)
    return counts


def carry_forward(tx, q: Quarter, ukode: str | None) -> list[int | None]:
    """The quarter's months for every placement continuing from the previous quarter without
    teaching in this one: from its hold's plan, else last month's Skemalagte, Øvrige and lesson
    length; Fravær always empty, for the clerk to type. Returns the hold of each placement
    (None: on no hold), for the window to show where absence is to be typed."""
    out: list[int | None] = []
    for cont in continuing(tx.c, q, ukode):
        _, _, _, start, end = _placement(tx.c, cont.modul_id)
        h = hold_on(tx.c, cont.modul_id, q.start)
        last = _last_month(tx.c, cont.modul_id, q.iperiode) or {}
        p = plan(tx.c, h.id) if h else Plan()
        for ym in active_months(q, as_date(start), as_date(end)):
            values = (month_values(p, ym, h.unlekmin, fallback=last) if h
                      else carried_values(last, ym))
            _add_month(tx, cont.modul_id, q, values)
        out.append(h.id if h else None)
    return out


@dataclass(frozen=True)
class Cell:
    """One value typed or pasted into the grid: a placement's month and field."""
    modul_id: int
    month: int
    tag: str
    value: str | None


def month_rows(c: sqlite3.Connection, q: Quarter,
               modul_ids) -> dict[tuple[int, int], tuple[int, dict[str, str | None]]]:
    """The quarter's month rows of some placements, by (placement, month): one query."""
    ids = list(modul_ids)
    out: dict[tuple[int, int], tuple[int, dict[str, str | None]]] = {}
    if not ids:
        return out
    for rid, mid, *values in c.execute(
            f"SELECT id, modul_id, {', '.join(_U_COLS)} FROM undervisning WHERE iperiode = ? "
            f"AND modul_id IN ({', '.join('?' * len(ids))}) ORDER BY id", (q.iperiode, *ids)):
        record = dict(zip(_U_COLS, values))
        try:
            out.setdefault((mid, int(record["unperiode"] or "")), (rid, record))
        except ValueError:
            continue
    return out


def set_cells(tx, q: Quarter, cells: list[Cell], lesson_minutes: int,
              months: dict | None = None) -> None:
    """Store grid cells; a month row that does not exist yet is made (from the hold's plan when
    the placement is on one). The caller has checked every value; `months` is month_rows() of
    the cells' placements, if it has read them already."""
    if months is None:
        months = month_rows(tx.c, q, {cell.modul_id for cell in cells})
    rows = {slot: rid for slot, (rid, _) in months.items()}
    for cell in cells:
        slot = (cell.modul_id, cell.month)
        if slot not in rows:
            ym = (q.year, cell.month)
            h = hold_on(tx.c, cell.modul_id, dt.date(*ym, 1)) or hold_on(tx.c, cell.modul_id)
            values = (month_values(plan(tx.c, h.id), ym, h.unlekmin) if h else
                      {"unperiode": str(cell.month), "unlekmin": str(lesson_minutes)})
            rows[slot] = _add_month(tx, cell.modul_id, q, values)
        tx.put("undervisning", (rows[slot],), {cell.tag: _norm(cell.value)})
