"""Realistic, consistent, seeded sample data: whole kursist histories cut into quarter files.

Used by the demo, the tests and the benchmarks. Each kursist gets a referral, then a chain of
module placements with monthly teaching, each closed by a passed module test or an ophør, and
sometimes a test. `quarter_files` cuts the histories into what each quarter's file contains
(docs/format.md §4), independently of the store's own selection code, so the two can be compared.

`histories(n, …)` returns exactly n kursister, each with movement in at least one quarter from
`first` to `last`, so a store built from them holds exactly n kursister. With `lead_in` the
referrals start that many days before `first`: the window then opens on a centre in steady
state (kursister part-way through their courses) instead of on an empty one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop.domain.codes import seven_point
from desktop.domain.cpr import modulus11_ok
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record, make

NATIONS = ["IRQ", "SYR", "AFG", "UKR", "POL", "ROU", "THA", "PHL", "ERI", "SOM", "TUR", "IRN",
           "LTU", "DEU", "CHN", "IND", "VNM", "BIH", "XKX", "USA"]
KOMMUNER = ["101", "147", "151", "157", "159", "167", "169", "173", "175", "185", "461", "751",
            "851", "860", "561", "621", "630", "657", "730", "740"]


@dataclass
class Placement:
    uddnr: int
    modul: int
    forsoeg: int
    start: dt.date
    end: dt.date | None = None
    ophoer: str | None = None
    modtest: dt.date | None = None
    months: dict[tuple[int, int], dict[str, str | None]] = field(default_factory=dict)


@dataclass
class History:
    cpr: str
    koen: str
    nation: str
    henvisninger: list[tuple[dt.date, str, str]] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    proever: list[tuple[dt.date, str, str, str | None, str | None]] = field(default_factory=list)


def valid_cpr(rng: random.Random, born: dt.date) -> str:
    """A CPR number for the birth date that passes modulus 11, century digit consistent."""
    ddmmyy = born.strftime("%d%m%y")
    first = rng.choice("0123") if born.year < 2000 else "4"
    while True:
        tail = first + f"{rng.randrange(1000):03d}"
        if modulus11_ok(ddmmyy + tail):
            return ddmmyy + tail
        first = rng.choice("0123") if born.year < 2000 else "4"


def histories(n: int, first: Quarter, last: Quarter, seed: int = 1,
              lead_in: int = 0) -> list[History]:
    return list(itertools.islice(stream_histories(first, last, seed, lead_in), n))


def stream_histories(first: Quarter, last: Quarter, seed: int = 1,
                     lead_in: int = 0) -> Iterator[History]:
    """Histories one at a time, each with movement between `first` and `last`, so a large
    store can be built in batches without holding every history at once."""
    rng = random.Random(seed)
    opening = first.start - dt.timedelta(days=lead_in)
    span = (last.end - opening).days
    window = _window(first, last)
    used = set()
    while True:
        born = dt.date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
        cpr = valid_cpr(rng, born)
        while cpr in used:
            cpr = valid_cpr(rng, born)
        h = History(cpr, rng.choice("MK"), rng.choice(NATIONS))
        day = opening + dt.timedelta(days=rng.randrange(max(span - 30, 1)))
        h.henvisninger.append((day, str(rng.choice([1, 1, 2, 3, 3, 6, 9])), rng.choice(KOMMUNER)))
        _placements(rng, h, day + dt.timedelta(days=rng.randint(3, 20)), last.end)
        if lead_in == 0 or _quarters_of(h) & window:  # else done before the window opened
            used.add(cpr)
            yield h


def _placements(rng: random.Random, h: History, start: dt.date, until: dt.date) -> None:
    uddnr, modul, attempts = rng.choice([1, 2, 2, 3]), 1, {}
    while start <= until and modul <= 6:
        n = attempts[(uddnr, modul)] = attempts.get((uddnr, modul), 0) + 1
        p = Placement(uddnr, modul, n, start)
        h.placements.append(p)
        length = rng.randint(40, 200)
        end = start + dt.timedelta(days=length)
        month = (start.year, start.month)
        while dt.date(*month, 1) <= min(end, until):
            skema = rng.randint(8, 48)
            kat = rng.random() < 0.2
            p.months[month] = {
                "unfagskema": str(skema), "unkatkonf": str(skema - 4) if kat else None,
                "unkatstud": "4" if kat else None, "unkatedb": None, "unkatproj": None,
                "unkateks": None, "unkatoevrig": None,
                "unfravaer": str(rng.randint(0, skema // 4)), "unfagoevrig": str(rng.randint(0, 6)),
                "unlekmin": "45" if rng.random() < 0.9 else str(rng.choice([50, 60])),
            }
            month = (month[0] + month[1] // 12, month[1] % 12 + 1)
        if end > until:
            return
        p.end = end
        if rng.random() < 0.8:
            p.modtest = end
            if rng.random() < 0.5:
                h.proever.append((end, _ptype(uddnr, modul), "4", _grade(rng, end),
                                  rng.choice("JN")))
            modul += 1
        else:
            p.ophoer = rng.choice(["3", "4", "6", "7", "8"])
            if p.ophoer in ("3", "4", "6"):
                return
        start = end + dt.timedelta(days=rng.randint(1, 30))


def _ptype(uddnr: int, modul: int) -> str:
    return {1: "1", 2: "3", 3: "6"}[uddnr] if modul < 6 else {1: "2", 2: "4", 3: "7"}[uddnr]


def _grade(rng: random.Random, day: dt.date) -> str:
    if seven_point(Quarter.of(day).iperiode):
        return rng.choice(["12", "10", "7", "4", "02", "00", "-3"])
    return rng.choice(["13", "11", "10", "9", "8", "7", "6", "5", "03", "00"])


def quarter_files(hs: list[History], ukode: str, first: Quarter, last: Quarter,
                  ) -> dict[str, list[Record]]:
    """Each quarter's file content: the kursister with movement in it (docs/format.md §4)."""
    window = _window(first, last)
    by_quarter: dict[str, list[Record]] = {}
    for h in hs:  # each history visits only the quarters it moves in
        for iperiode in sorted(_quarters_of(h) & window):
            by_quarter.setdefault(iperiode, []).append(
                _kursist_in(h, Quarter.cached(iperiode), ukode))
    return {iperiode: sorted(by_quarter[iperiode], key=lambda k: k["kcprnr"])
            for iperiode in sorted(by_quarter)}


def _window(first: Quarter, last: Quarter) -> set[str]:
    quarters, q = set(), first
    while q <= last:
        quarters.add(q.iperiode)
        q = q.next()
    return quarters


def _quarters_of(h: History) -> set[str]:
    """Every quarter in which the history has movement: what makes _kursist_in non-empty."""
    days = [d for d, _, _ in h.henvisninger] + [d for d, *_ in h.proever]
    quarters = {Quarter.of(d).iperiode for d in days}
    for p in h.placements:
        quarters.update(f"{y}{(m - 1) // 3 + 1}" for y, m in p.months)
        if p.end is not None:
            quarters.add(Quarter.of(p.end).iperiode)
    return quarters


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _kursist_in(h: History, q: Quarter, ukode: str) -> Record | None:
    children = [make("henvisning", hhenvisdato=_iso(d), hhenviskat=kat, hkomkode=kom)
                for d, kat, kom in h.henvisninger if q.contains(d)]
    for p in h.placements:
        months = [m for m in q.months if (q.year, m) in p.months]
        ended = p.end is not None and q.contains(p.end)
        if not months and not ended:
            continue
        closed = p.end is not None and p.end <= q.end
        children.append(make(
            "modul", uuddnr=str(p.uddnr), umodul=str(p.modul), uforsoegnr=str(p.forsoeg),
            ustartdato=_iso(p.start), uslutdato=_iso(p.end) if closed else None,
            uophoersaarsag=p.ophoer if closed else None,
            umodtestdato=_iso(p.modtest) if closed else None,
            children=[make("undervisning", unperiode=str(m), **p.months[(q.year, m)])
                      for m in months]))
    children += [make("proeve", pdato=_iso(d), ptype=t, pstatus=s, pkarakter=g, pselvstuderende=j)
                 for d, t, s, g, j in h.proever if q.contains(d)]
    if not children:
        return None
    return make("kursist", iperiode=q.iperiode, ukode=ukode, kcprnr=h.cpr, kkoen=h.koen,
                knationskode=h.nation, children=children)
