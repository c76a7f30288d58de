"""Behaviour of the X, A, B and W checks of docs/format.md §6 over one kursist (desktop.checks).

Every case changes one thing in a clean baseline kursist (quarter 20241, no findings) and states
the complete list of findings it must produce: rule ID, field tag and record label, with the
severity that docs/format.md §6 gives the rule's letter (X and A errors, B and W warnings). Each
rule also has a near miss: the boundary just inside, which must not trigger it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import pytest

from desktop.checks import ERROR, WARNING, CheckSettings, check_kursist, check_report
from desktop.domain import cpr as cprlib
from desktop.domain.fields import FIELD_BY_TAG, TAGS
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record, make

TODAY = dt.date(2024, 6, 1)
SETTINGS = CheckSettings(today=TODAY, a1_is_error=True, lesson_minutes=45)

CPR = "1503851012"  # born 15-03-1985, passes modulus 11
CPR_NO_MOD11 = "1503851013"  # same birth date, fails modulus 11
CPR_BORN_AFTER_REFERRAL = "0102244001"  # 7th digit 4, YY 24 -> born 01-02-2024; modulus 11 ok
CPR_BORN_ON_REFERRAL = "1001244007"  # born 10-01-2024, the baseline's referral date
CPR_29FEB_1923 = "2902230001"  # 7th digit 0 -> 1923, not a leap year; modulus 11 ok
CPR_29FEB_1924 = "2902240007"  # 1924 is a leap year; modulus 11 ok

UNKAT = ("unkatkonf", "unkatstud", "unkatedb", "unkatproj", "unkateks", "unkatoevrig")

# Labels of the baseline's records.
H = "henvisning 2024-01-10"
M = "modul 2/1/1"
P = "proeve 2024-03-20/3"


def U(month: int, modul: str = "2/1/1") -> str:
    return f"undervisning {modul}/{month}"


# --- building records ---------------------------------------------------------------------------

def undervisning(month: int, **values) -> Record:
    base = dict(unperiode=str(month), unfagskema="40", unfravaer="2", unfagoevrig="0",
                unlekmin="45", **dict.fromkeys(UNKAT))
    return make("undervisning", **(base | values))


def modul(udd="2", mod="1", nr="1", start="2024-01-15", slut=None, ophoer=None, modtest=None,
          months=(1, 2, 3)) -> Record:
    return make("modul", [undervisning(m) for m in months], uuddnr=udd, umodul=mod,
                uforsoegnr=nr, ustartdato=start, uslutdato=slut, uophoersaarsag=ophoer,
                umodtestdato=modtest)


def henvisning(date="2024-01-10", kat="1", kom="101") -> Record:
    return make("henvisning", hhenvisdato=date, hhenviskat=kat, hkomkode=kom)


def proeve(date="2024-03-20", ptype="3", status="4", grade="7", selv="N") -> Record:
    return make("proeve", pdato=date, ptype=ptype, pstatus=status, pkarakter=grade,
                pselvstuderende=selv)


def baseline(iperiode: str = "20241", grade: str = "7") -> Record:
    """A clean kursist: one referral, one open DU2 module 1 placement taught in every month of
    the quarter, one completed DU II test. The dates are relative to the quarter's start, so
    for 20241 they are exactly 10-01 (referral), 15-01 (start) and 20-03 (test)."""
    q = Quarter.parse(iperiode)
    day = lambda n: (q.start + dt.timedelta(days=n)).isoformat()  # noqa: E731
    return make(
        "kursist",
        [henvisning(day(9)), modul(start=day(14), months=q.months), proeve(day(79), grade=grade)],
        iperiode=iperiode, ukode="123456", kcprnr=CPR, kkoen="M", knationskode="IRQ")


def upd(r: Record, **values: str | None) -> None:
    unknown = set(values) - set(TAGS[r.kind])
    assert not unknown, f"{r.kind} has no fields {unknown}"
    r.values.update(values)


def hv(k: Record) -> Record:
    return k.henvisninger[0]


def mo(k: Record, i: int = 0) -> Record:
    return k.moduler[i]


def un(k: Record, month: int) -> Record:
    return next(u for u in mo(k).undervisning if u["unperiode"] == str(month))


def pr(k: Record) -> Record:
    return k.proever[0]


def set_moduler(k: Record, *moduler: Record) -> None:
    k.children = [c for c in k.children if c.kind != "modul"] + list(moduler)


def only_months(k: Record, *months: int) -> None:
    mo(k).children = [undervisning(m) for m in months]


def add(k: Record, r: Record) -> None:
    k.children.append(r)


# --- asserting findings -------------------------------------------------------------------------

SEVERITY = {"X": ERROR, "A": ERROR, "B": WARNING, "W": WARNING}

# Words that the message of each rule must contain (lower case): its subject, not its wording.
SUBJECT = {
    "A1": ("modulus 11",), "A3": ("henvisningsdato", "kommunekode"),
    "A4": ("startdato", "slutdato"), "A5": ("slutdato",), "A6": ("placering", "forsøg"),
    "A7": ("måned",), "A8": ("undervisning",), "A9": ("lektioner",), "A10": ("fravær",),
    "A11": ("prøvedato",), "A12": ("karakter", "selvstuderende"), "B1": ("forløbsoplysninger",),
    "B2": ("nationskode",), "B3": ("undervisning",), "B4": ("fravær",), "W1": ("karakter",),
    "W2": ("karakter",), "W3": ("ophørsårsag",), "W4": ("fremtiden",),
    "W5": ("lektionslængde",), "W6": ("født",), "W7": ("fødselsdato",), "W8": ("kommunekode",),
}
_DANISH = re.compile(r"\b(er|ikke|der|og|skal|men|en|et|må|ligger|har|hører|findes)\b|[æøå]",
                     re.IGNORECASE)


def assert_message(f) -> None:
    assert f.message and f.message.strip(), f
    assert _DANISH.search(f.message), f"not Danish: {f.message!r}"
    if f.rule == "X":
        subject = [FIELD_BY_TAG[f.field].label.lower().split()[0]] if f.field else []
        if f.field in ("hhenvisdato", "uuddnr", "pdato", "unperiode") and "allerede" in f.message:
            subject = ["allerede"]  # a key duplicate names the record and its key fields
    else:
        subject = SUBJECT[f.rule]
    assert any(s in f.message.lower() for s in subject), (subject, f.message)


def summary(findings) -> Counter:
    for f in findings:
        assert f.severity == SEVERITY[f.rule[0]] or f.rule == "A1", f
        assert f.cpr is not None or f.rule == "X"
        assert_message(f)
    return Counter((f.rule, f.field, f.record) for f in findings)


def run(k: Record, settings: CheckSettings = SETTINGS, **kw):
    return check_kursist(k, settings, **kw)


# --- the baseline -------------------------------------------------------------------------------

def test_baseline_is_clean():
    k = baseline()
    assert cprlib.modulus11_ok(k["kcprnr"])
    assert cprlib.birth_date(k["kcprnr"]) == dt.date(1985, 3, 15)
    assert (hv(k)["hhenvisdato"], mo(k)["ustartdato"], pr(k)["pdato"]) == (
        "2024-01-10", "2024-01-15", "2024-03-20")
    assert run(k) == []
    assert run(k, history=list(k.moduler)) == []
    assert check_report([k], SETTINGS) == []


@pytest.mark.parametrize("iperiode, grade", [
    ("20241", "12"), ("20244", "-3"), ("20074", "02"), ("20073", "13"), ("20071", "03"),
])
def test_baseline_in_other_quarters_is_clean(iperiode, grade):
    assert run(baseline(iperiode, grade), CheckSettings(today=dt.date(2025, 6, 1))) == []


# --- the table of cases -------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    change: Callable[[Record], None]
    expected: list[tuple[str, str | None, str]] = field(default_factory=list)
    settings: CheckSettings = SETTINGS
    ignore: frozenset[str] = frozenset()  # rules this case does not speak about


def case(id, change, *expected, settings=SETTINGS, ignore=()):
    return pytest.param(Case(id, change, list(expected), settings, frozenset(ignore)), id=id)


def _in(iperiode: str, grade: str = "7"):
    """A change that makes the kursist the baseline of another quarter."""
    def change(k: Record) -> None:
        other = baseline(iperiode, grade)
        k.values, k.children = other.values, other.children
    return change


def _dup_henvisning(k, date="2024-01-10"):
    add(k, henvisning(date, kat="3"))


def _dup_modul(k):
    add(k, modul())


def _dup_proeve(k, ptype="3"):
    add(k, proeve(ptype=ptype, status="2", grade=None, selv=None))


def _dup_month(k, month=2):
    mo(k).children.append(undervisning(month, unfagskema="10", unfravaer="0"))


def _placements(*moduler):
    return lambda k: set_moduler(k, *moduler)


CASES = [
    # X: field facets, from the catalogue (the same facets as the XSD).
    case("X kkoen", lambda k: upd(k, kkoen="X"), ("X", "kkoen", "kursist")),
    case("X ukode 5 digits", lambda k: upd(k, ukode="99999"), ("X", "ukode", "kursist")),
    case("X ukode 7 digits", lambda k: upd(k, ukode="1000000"), ("X", "ukode", "kursist")),
    case("X iperiode", lambda k: upd(k, iperiode="20245"), ("X", "iperiode", "kursist")),
    case("X kcprnr 30 Feb", lambda k: upd(k, kcprnr="3002851012"), ("X", "kcprnr", "kursist")),
    case("X kcprnr 11 digits", lambda k: upd(k, kcprnr=CPR + "0"), ("X", "kcprnr", "kursist")),
    case("X knationskode length", lambda k: upd(k, knationskode="IQ"),
         ("X", "knationskode", "kursist")),
    case("X hhenviskat 0", lambda k: upd(hv(k), hhenviskat="0"), ("X", "hhenviskat", H)),
    case("X hkomkode 2 digits", lambda k: upd(hv(k), hkomkode="41"), ("X", "hkomkode", H)),
    case("X uuddnr 4", lambda k: upd(mo(k), uuddnr="4"),
         ("X", "uuddnr", "modul 4/1/1")),
    case("X umodul 7", lambda k: upd(mo(k), umodul="7"), ("X", "umodul", "modul 2/7/1")),
    case("X uforsoegnr 0", lambda k: upd(mo(k), uforsoegnr="0"),
         ("X", "uforsoegnr", "modul 2/1/0")),
    case("X uophoersaarsag 9", lambda k: upd(mo(k), uslutdato="2024-03-10", uophoersaarsag="9"),
         ("X", "uophoersaarsag", M)),
    case("X unfagskema 401", lambda k: upd(un(k, 1), unfagskema="401"),
         ("X", "unfagskema", U(1))),
    case("X unkatstud 401", lambda k: upd(un(k, 1), unkatstud="401"), ("X", "unkatstud", U(1))),
    case("X unlekmin 14", lambda k: upd(un(k, 2), unlekmin="14"), ("X", "unlekmin", U(2))),
    case("X unlekmin 121", lambda k: upd(un(k, 2), unlekmin="121"), ("X", "unlekmin", U(2))),
    case("X unperiode 13", lambda k: upd(un(k, 3), unperiode="13"), ("X", "unperiode", U(13))),
    case("X ptype 13", lambda k: upd(pr(k), ptype="13"),
         ("X", "ptype", "proeve 2024-03-20/13")),
    case("X pstatus 5", lambda k: upd(pr(k), pstatus="5"), ("X", "pstatus", P)),
    case("X pkarakter on no scale", lambda k: upd(pr(k), pkarakter="1"), ("X", "pkarakter", P)),
    case("X pselvstuderende lower case", lambda k: upd(pr(k), pselvstuderende="j"),
         ("X", "pselvstuderende", P)),
    case("X ustartdato not a date", lambda k: upd(mo(k), ustartdato="15-01-2024"),
         ("X", "ustartdato", M)),
    # X: mandatory fields.
    case("X missing ukode", lambda k: upd(k, ukode=None), ("X", "ukode", "kursist")),
    case("X missing kkoen", lambda k: upd(k, kkoen=""), ("X", "kkoen", "kursist")),
    case("X missing hkomkode", lambda k: upd(hv(k), hkomkode=None), ("X", "hkomkode", H)),
    case("X missing unfagskema", lambda k: upd(un(k, 1), unfagskema=None),
         ("X", "unfagskema", U(1))),
    case("X missing pstatus", lambda k: upd(pr(k), pstatus=None), ("X", "pstatus", P)),
    # X: key duplicates.
    case("X duplicate henvisning date", _dup_henvisning, ("X", "hhenvisdato", H)),
    case("X duplicate modul key", _dup_modul, ("X", "uuddnr", M), ignore={"A6"}),
    case("X duplicate proeve key", _dup_proeve, ("X", "pdato", P)),
    case("X duplicate month in a modul", _dup_month, ("X", "unperiode", U(2))),
    # X near misses: the boundary values and nil where nil is allowed.
    case("X near: ukode bounds", lambda k: upd(k, ukode="100000")),
    case("X near: ukode upper bound", lambda k: upd(k, ukode="999999")),
    case("X near: kcprnr 29 Feb in a leap year", lambda k: upd(k, kcprnr=CPR_29FEB_1924)),
    case("X near: lesson counts at 400", lambda k: upd(un(k, 1), unfagskema="400",
                                                       unfagoevrig="400", unfravaer="0")),
    case("X near: unlekmin 15 (W5 only)", lambda k: upd(un(k, 2), unlekmin="15"),
         ("W5", "unlekmin", U(2))),
    case("X near: unlekmin 120 (W5 only)", lambda k: upd(un(k, 2), unlekmin="120"),
         ("W5", "unlekmin", U(2))),
    case("X near: pstatus 9 (W1 only)", lambda k: upd(pr(k), pstatus="9"),
         ("W1", "pkarakter", P)),
    case("X near: ptype 12", lambda k: upd(pr(k), ptype="12")),
    case("X near: henvisning on another date", lambda k: _dup_henvisning(k, "2024-01-11")),
    case("X near: proeve of another type, same date", lambda k: _dup_proeve(k, "4")),
    case("X near: same month in another modul", lambda k: add(k, modul(
        udd="2", mod="2", start="2024-03-01", months=(3,))) or upd(
        mo(k), uslutdato="2024-03-01", umodtestdato="2024-03-01")),

    # A1: modulus 11 (an error by default; the setting is tested below).
    case("A1", lambda k: upd(k, kcprnr=CPR_NO_MOD11), ("A1", "kcprnr", "kursist")),
    case("A1 near: another number that passes", lambda k: upd(k, kcprnr="1503851004")),

    # A3: referral after the quarter's end; not a municipality code.
    case("A3 date after quarter", lambda k: upd(hv(k), hhenvisdato="2024-04-01"),
         ("A3", "hhenvisdato", "henvisning 2024-04-01")),
    case("A3 near: quarter's last day", lambda k: upd(hv(k), hhenvisdato="2024-03-31")),
    # Issue 11, item 4: the v1.8 notat, Side 3, says "inden for" the quarter; a year mistyped
    # into the past was no finding at all.
    case("A3 date before quarter", lambda k: upd(hv(k), hhenvisdato="2023-12-31"),
         ("A3", "hhenvisdato", "henvisning 2023-12-31")),
    case("A3 year mistyped into the past", lambda k: upd(hv(k), hhenvisdato="2023-01-10"),
         ("A3", "hhenvisdato", "henvisning 2023-01-10")),
    case("A3 near: quarter's first day", lambda k: upd(hv(k), hhenvisdato="2024-01-01")),
    case("A3 Christiansø", lambda k: upd(hv(k), hkomkode="411"), ("A3", "hkomkode", H)),
    case("A3 unknown code", lambda k: upd(hv(k), hkomkode="999"), ("A3", "hkomkode", H)),
    case("A3 near: Hjørring", lambda k: upd(hv(k), hkomkode="860")),
    # Issue 11, item 8: before 20071 the 98 codes of 2007 are not the ones in force, and the
    # old ones are not shipped: a warning that says so, not an A3 error.
    case("W8 a code outside the 98 in 2006", lambda k: (_in("20064")(k), upd(hv(k), hkomkode="999")),
         ("W8", "hkomkode", "henvisning 2006-10-10")),
    case("W8 near: one of the 98 in 2006", lambda k: (_in("20064")(k), upd(hv(k), hkomkode="751"))),
    case("A3 from 20071: a code outside the 98", lambda k: (_in("20071", "03")(k),
                                                            upd(hv(k), hkomkode="999")),
         ("A3", "hkomkode", "henvisning 2007-01-10")),

    # A4: start after the quarter; end outside the quarter; start after end.
    case("A4 start after quarter",
         lambda k: (upd(mo(k), ustartdato="2024-04-01"), only_months(k, 3)),
         ("A4", "ustartdato", M), ("A8", "unperiode", U(3))),
    case("A4 near: start on quarter's last day",
         lambda k: (upd(mo(k), ustartdato="2024-03-31"), only_months(k, 3))),
    case("A4 end after quarter",
         lambda k: upd(mo(k), uslutdato="2024-04-01", uophoersaarsag="2"),
         ("A4", "uslutdato", M)),
    case("A4 near: end on quarter's last day",
         lambda k: upd(mo(k), uslutdato="2024-03-31", uophoersaarsag="2")),
    case("A4 end before quarter",
         lambda k: (upd(mo(k), ustartdato="2023-11-01", uslutdato="2023-12-31",
                        uophoersaarsag="2"), only_months(k)),
         ("A4", "uslutdato", M)),
    case("A4 near: end on quarter's first day",
         lambda k: (upd(mo(k), ustartdato="2023-11-01", uslutdato="2024-01-01",
                        uophoersaarsag="2"), only_months(k, 1))),
    case("A4 start after end",
         lambda k: (upd(mo(k), ustartdato="2024-03-10", uslutdato="2024-03-05",
                        uophoersaarsag="2"), only_months(k, 3)),
         ("A4", "ustartdato", M)),
    case("A4 near: start == end (never showed up)",
         lambda k: (upd(mo(k), ustartdato="2024-03-10", uslutdato="2024-03-10",
                        uophoersaarsag="8"), only_months(k))),

    # A5: both directions.
    case("A5 end without reason", lambda k: upd(mo(k), uslutdato="2024-03-10"),
         ("A5", "uslutdato", M)),
    case("A5 ophoer without end", lambda k: upd(mo(k), uophoersaarsag="3"),
         ("A5", "uophoersaarsag", M)),
    case("A5 modtest without end", lambda k: upd(mo(k), umodtestdato="2024-03-01"),
         ("A5", "umodtestdato", M)),
    case("A5 near: end with ophoer", lambda k: upd(mo(k), uslutdato="2024-03-10",
                                                   uophoersaarsag="3")),
    case("A5 near: end with modtest", lambda k: upd(mo(k), uslutdato="2024-03-10",
                                                    umodtestdato="2024-03-10")),

    # A6 in file mode (history=None): only the placements in the file are known.
    case("A6 previous placement not ended", _placements(
        modul(start="2024-01-15", months=(1,)),
        modul(mod="2", start="2024-02-15", months=(2, 3))),
        ("A6", "ustartdato", "modul 2/2/1")),
    case("A6 near: previous ended by modultest", _placements(
        modul(start="2024-01-15", slut="2024-02-14", modtest="2024-02-14", months=(1, 2)),
        modul(mod="2", start="2024-02-15", months=(2, 3)))),
    case("A6 overlap", _placements(
        modul(start="2024-01-15", slut="2024-02-20", modtest="2024-02-20", months=(1, 2)),
        modul(mod="2", start="2024-02-15", months=(2, 3))),
        ("A6", "ustartdato", "modul 2/2/1")),
    case("A6 near: ends the day the next starts", _placements(
        modul(start="2024-01-15", slut="2024-02-20", modtest="2024-02-20", months=(1, 2)),
        modul(mod="2", start="2024-02-20", months=(2, 3)))),
    case("A6 overlap with an earlier, not adjacent placement", _placements(
        modul(start="2024-01-15", slut="2024-03-20", modtest="2024-03-20"),
        modul(mod="2", start="2024-02-01", slut="2024-02-10", ophoer="7", months=(2,)),
        modul(mod="3", start="2024-02-15", months=(2, 3))),
        ("A6", "ustartdato", "modul 2/2/1"), ("A6", "ustartdato", "modul 2/3/1")),
    case("A6 attempts not consecutive", _placements(
        modul(start="2024-01-15", slut="2024-01-31", ophoer="7", months=(1,)),
        modul(nr="3", start="2024-02-15", months=(2, 3))),
        ("A6", "uforsoegnr", "modul 2/1/3")),
    case("A6 attempts numbered against start order", _placements(
        modul(nr="2", start="2024-01-15", slut="2024-01-31", ophoer="7", months=(1,)),
        modul(nr="1", start="2024-02-15", months=(2, 3))),
        ("A6", "uforsoegnr", "modul 2/1/1")),
    case("A6 near: attempts 1, 2", _placements(
        modul(start="2024-01-15", slut="2024-01-31", ophoer="7", months=(1,)),
        modul(nr="2", start="2024-02-15", months=(2, 3)))),
    case("A6 near: a lone file may start at attempt 2", _placements(modul(nr="2"))),
    case("A6 near: attempts count per DU and module", _placements(
        modul(start="2024-01-15", slut="2024-01-31", modtest="2024-01-31", months=(1,)),
        modul(mod="2", nr="1", start="2024-02-15", months=(2, 3)))),

    # A7: a month outside the quarter.
    case("A7 month 4", lambda k: upd(un(k, 3), unperiode="4"), ("A7", "unperiode", U(4))),
    case("A7 month 12", lambda k: upd(un(k, 3), unperiode="12"), ("A7", "unperiode", U(12))),
    case("A7 near: only months 1 and 3", lambda k: only_months(k, 1, 3)),

    # A8: teaching after the end month or before the start month.
    case("A8 after end month",
         lambda k: upd(mo(k), uslutdato="2024-02-20", umodtestdato="2024-02-20"),
         ("A8", "unperiode", U(3))),
    case("A8 near: end in the last taught month",
         lambda k: upd(mo(k), uslutdato="2024-03-01", umodtestdato="2024-03-01")),
    case("A8 before start month", lambda k: upd(mo(k), ustartdato="2024-02-01"),
         ("A8", "unperiode", U(1))),
    case("A8 near: start on the last day of the first taught month",
         lambda k: upd(mo(k), ustartdato="2024-01-31")),
    case("A8 near: a row with no lessons is not teaching",
         lambda k: (upd(mo(k), ustartdato="2024-02-01"),
                    upd(un(k, 1), unfagskema="0", unfravaer="0"))),

    # A9: the UnKat breakdown must sum to UnFagSkema.
    case("A9 sum below", lambda k: upd(un(k, 1), unkatkonf="30", unkatstud="9"),
         ("A9", "unfagskema", U(1))),
    case("A9 sum above", lambda k: upd(un(k, 2), **dict.fromkeys(UNKAT, "7")),
         ("A9", "unfagskema", U(2))),
    case("A9 near: sum equal", lambda k: upd(un(k, 1), unkatkonf="30", unkatstud="9",
                                             unkatoevrig="1")),
    case("A9 near: one part equal", lambda k: upd(un(k, 1), unkatedb="40")),

    # A10 and B4: absence against scheduled lessons.
    case("A10", lambda k: upd(un(k, 1), unfravaer="41"), ("A10", "unfravaer", U(1))),
    case("A10 near: fravaer == skema is B4", lambda k: upd(un(k, 1), unfravaer="40"),
         ("B4", "unfravaer", U(1))),
    case("B4 near: fravaer == skema - 1", lambda k: upd(un(k, 1), unfravaer="39")),
    case("B4 near: 0 == 0", lambda k: upd(un(k, 1), unfagskema="0", unfravaer="0")),

    # A11: test date outside the quarter.
    case("A11 before", lambda k: upd(pr(k), pdato="2023-12-31"),
         ("A11", "pdato", "proeve 2023-12-31/3")),
    case("A11 after", lambda k: upd(pr(k), pdato="2024-04-01"),
         ("A11", "pdato", "proeve 2024-04-01/3")),
    case("A11 near: first day", lambda k: upd(pr(k), pdato="2024-01-01")),
    case("A11 near: last day", lambda k: upd(pr(k), pdato="2024-03-31")),

    # A12: a completed test needs grade and selvstuderende.
    case("A12 missing grade", lambda k: upd(pr(k), pkarakter=None), ("A12", "pkarakter", P)),
    case("A12 missing selvstuderende", lambda k: upd(pr(k), pselvstuderende=None),
         ("A12", "pselvstuderende", P)),
    case("A12 missing both", lambda k: upd(pr(k), pkarakter=None, pselvstuderende=None),
         ("A12", "pkarakter", P), ("A12", "pselvstuderende", P)),
    case("A12 near: grade 00 is a grade", lambda k: upd(pr(k), pkarakter="00")),
    case("A12 near: registered, nothing yet",
         lambda k: upd(pr(k), pstatus="1", pkarakter=None, pselvstuderende=None)),

    # B1: stamdata without movement.
    case("B1", lambda k: setattr(k, "children", []), ("B1", None, "kursist")),
    case("B1 near: only a test", lambda k: setattr(k, "children", k.proever)),
    case("B1 near: only a referral", lambda k: setattr(k, "children", k.henvisninger)),
    case("B1 near: only a placement that ended in the quarter",
         lambda k: (setattr(k, "children", k.moduler), only_months(k),
                    upd(mo(k), uslutdato="2024-01-20", uophoersaarsag="8"))),
    # Issue 11, item 5: the placement is a forløbsoplysning, so B3 alone applies.
    case("B3 without B1: only an untaught open placement",
         lambda k: (setattr(k, "children", k.moduler), only_months(k)),
         ("B3", None, M)),

    # B2: unknown nationality.
    case("B2", lambda k: upd(k, knationskode="QQQ"), ("B2", "knationskode", "kursist")),
    case("B2 near: Kosovo (XKX)", lambda k: upd(k, knationskode="XKX")),
    case("B2 near: Denmark", lambda k: upd(k, knationskode="DNK")),

    # B3: a placement with neither end nor teaching.
    case("B3", lambda k: only_months(k), ("B3", None, M)),
    case("B3 near: ended, untaught", lambda k: (
        only_months(k), upd(mo(k), uslutdato="2024-01-15", uophoersaarsag="8"))),
    case("B3 near: taught one month", lambda k: only_months(k, 2)),

    # B4: every lesson missed.
    case("B4", lambda k: upd(un(k, 2), unfravaer="40"), ("B4", "unfravaer", U(2))),

    # W1: grade without a completed test.
    case("W1 ikke mødt", lambda k: upd(pr(k), pstatus="2"), ("W1", "pkarakter", P)),
    case("W1 tilmeldt", lambda k: upd(pr(k), pstatus="1", pselvstuderende=None),
         ("W1", "pkarakter", P)),
    case("W1 near: ikke mødt without grade", lambda k: upd(pr(k), pstatus="2", pkarakter=None)),

    # W2: a grade of the wrong scale (the right-scale near misses are below, by quarter).
    case("W2 13 in 2024", lambda k: upd(pr(k), pkarakter="13"), ("W2", "pkarakter", P)),
    case("W2 03 in 2024", lambda k: upd(pr(k), pkarakter="03"), ("W2", "pkarakter", P)),
    case("W2 near: 12 in 2024", lambda k: upd(pr(k), pkarakter="12")),
    case("W2 near: -3 in 2024", lambda k: upd(pr(k), pkarakter="-3")),

    # W3: both ophørsårsag and modultest.
    case("W3", lambda k: upd(mo(k), uslutdato="2024-03-10", uophoersaarsag="1",
                             umodtestdato="2024-03-10"), ("W3", "uophoersaarsag", M)),
    case("W3 near: only the modultest", lambda k: upd(mo(k), uslutdato="2024-03-10",
                                                      umodtestdato="2024-03-10")),

    # W4: a date after today (today moved into the quarter so nothing else fires).
    case("W4 test tomorrow", lambda k: None, ("W4", "pdato", P),
         settings=CheckSettings(today=dt.date(2024, 3, 19))),
    case("W4 near: test today", lambda k: None,
         settings=CheckSettings(today=dt.date(2024, 3, 20))),
    case("W4 every date", lambda k: (upd(mo(k), uslutdato="2024-03-12", uophoersaarsag="1"),
                                     upd(hv(k), hhenvisdato="2024-03-11")),
         ("W4", "hhenvisdato", "henvisning 2024-03-11"), ("W4", "uslutdato", M),
         ("W4", "pdato", P), settings=CheckSettings(today=dt.date(2024, 3, 10))),
    case("W4 start date", lambda k: (upd(mo(k), ustartdato="2024-03-11"), only_months(k, 3)),
         ("W4", "ustartdato", M), ("W4", "pdato", P),
         settings=CheckSettings(today=dt.date(2024, 3, 10))),
    case("W4 modultest date", lambda k: upd(mo(k), uslutdato="2024-03-01",
                                            umodtestdato="2024-03-12"),
         ("W4", "umodtestdato", M), ("W4", "pdato", P),
         settings=CheckSettings(today=dt.date(2024, 3, 10))),

    # W5: lesson length other than 45 minutes.
    case("W5 50 minutes", lambda k: upd(un(k, 3), unlekmin="50"), ("W5", "unlekmin", U(3))),
    case("W5 44 minutes", lambda k: upd(un(k, 1), unlekmin="44"), ("W5", "unlekmin", U(1))),
    case("W5 near: 45 with another setting is a warning",
         lambda k: only_months(k, 1), ("W5", "unlekmin", U(1)),
         settings=CheckSettings(today=TODAY, lesson_minutes=50)),

    # W6: born after the referral.
    case("W6", lambda k: upd(k, kcprnr=CPR_BORN_AFTER_REFERRAL), ("W6", "hhenvisdato", H)),
    case("W6 near: born on the referral date", lambda k: upd(k, kcprnr=CPR_BORN_ON_REFERRAL)),

    # W7: a CPR birth date that does not exist.
    case("W7 29 Feb 1923", lambda k: upd(k, kcprnr=CPR_29FEB_1923), ("W7", "kcprnr", "kursist")),
    case("W7 near: 29 Feb 1924", lambda k: upd(k, kcprnr=CPR_29FEB_1924)),
]


@pytest.mark.parametrize("c", CASES)
def test_rule(c: Case):
    k = baseline()
    c.change(k)
    got = summary(run(k, c.settings))
    got = Counter({key: n for key, n in got.items() if key[0] not in c.ignore})
    assert got == Counter(c.expected)


def test_every_rule_has_a_triggering_case_and_a_near_miss():
    rules = {"X", "A1", *(f"A{n}" for n in range(3, 13)), *(f"B{n}" for n in range(1, 5)),
             *(f"W{n}" for n in range(1, 9))}
    triggered = {e[0] for p in CASES for e in p.values[0].expected}
    near = {p.values[0].id.split()[0] for p in CASES if "near" in p.values[0].id}
    assert rules <= triggered
    assert rules <= near


# --- rules that need more than one kursist, a setting or history -------------------------------

def test_duplicate_kursist_in_report():
    a, b = baseline(), baseline()
    findings = check_report([a, b], SETTINGS)
    assert summary(findings) == Counter({("X", "kcprnr", "kursist"): 1})
    (f,) = findings
    assert f.severity == ERROR and f.cpr == CPR and f.iperiode == "20241" and f.ukode == "123456"
    assert CPR in f.message
    # Without the field checks (a file lxml already validated), the duplicate is still found.
    assert [f.rule for f in check_report([a, b], SETTINGS, schema=False)] == ["X"]


@pytest.mark.parametrize("field_, value", [("ukode", "654321"), ("iperiode", "20242"),
                                           ("kcprnr", "1503851004")])
def test_duplicate_kursist_near_miss(field_, value):
    a, b = baseline(), baseline()
    upd(b, **{field_: value})
    findings = check_report([a, b], SETTINGS)
    assert not [f for f in findings if f.rule == "X" and f.field == "kcprnr"]


# Issue 11, item 3: "Der checkes om periode (kvartal) feltets værdi og udbyderkoden passer med de
# værdier som er indtastet ved upload" (2004-notatet, side 2): one file, one quarter, one udbyder.

def _other(cpr: str, **values: str) -> Record:
    k = baseline(values.get("iperiode", "20241"))
    upd(k, kcprnr=cpr, **values)
    return k


@pytest.mark.parametrize("field_, value", [("iperiode", "20242"), ("ukode", "555555")])
def test_a_file_with_two_quarters_or_two_udbydere_is_x_at_the_first_that_differs(field_, value):
    a = baseline()
    b, c = _other("1503851004", **{field_: value}), _other("0101901234", **{field_: value})
    findings = [f for f in check_report([a, b, c], SETTINGS) if f.rule == "X"]
    assert [(f.cpr, f.field) for f in findings] == [("1503851004", field_)]
    assert value in findings[0].message and "én udbyder" in findings[0].message


def test_one_quarter_one_udbyder_near_miss_many_kursister_of_one_quarter():
    ks = [baseline(), _other("1503851004"), _other("0101901234")]
    assert [f for f in check_report(ks, SETTINGS) if f.rule == "X"] == []


def test_both_quarters_and_udbydere_mixed_say_both():
    ks = [baseline(), _other("1503851004", iperiode="20242", ukode="555555")]
    assert sorted(f.field for f in check_report(ks, SETTINGS) if f.rule == "X") == [
        "iperiode", "ukode"]


# Issue 11, item 9: a quarter the schema's pattern allows but the app cannot report.

@pytest.mark.parametrize("iperiode, words", [("99994", "efter 2099"), ("10001", "før 2005"),
                                              ("20044", "før 2005")])
def test_a_quarter_outside_2005_to_2099_is_one_x_finding_not_a_crash(iperiode, words):
    ks = [baseline(), _other("1503851004")]
    for k in ks:
        upd(k, iperiode=iperiode)
    findings = check_report(ks, SETTINGS, schema=False)
    x = [f for f in findings if f.rule == "X"]
    assert [(f.cpr, f.field) for f in x] == [(CPR, "iperiode")]
    assert words in x[0].message
    assert all(f.rule in ("X", "W4") for f in findings)  # no rule judged dates by such a quarter


@pytest.mark.parametrize("iperiode", ["20051", "20994"])
def test_quarter_range_near_miss_the_first_and_last_quarter_are_reported(iperiode):
    k = baseline(iperiode, "03" if iperiode < "20074" else "7")
    assert [f for f in check_report([k], CheckSettings(today=dt.date(2100, 1, 1)))] == []


def test_a1_setting_makes_it_a_warning():
    k = baseline()
    upd(k, kcprnr=CPR_NO_MOD11)
    (f,) = run(k, CheckSettings(today=TODAY, a1_is_error=False))
    assert (f.rule, f.severity, f.field, f.record) == ("A1", WARNING, "kcprnr", "kursist")
    (f,) = run(k)
    assert f.severity == ERROR
    assert "1. oktober 2007" in f.message  # the explanation the A1 decision (format.md §6) asks for


def test_schema_false_skips_field_checks_only():
    k = baseline()
    upd(k, kkoen="X")
    upd(pr(k), pdato="2024-04-01")
    assert [f.rule for f in run(k, schema=False)] == ["A11"]
    assert sorted(f.rule for f in run(k)) == ["A11", "X"]


def test_findings_carry_the_kursist_identity():
    k = baseline()
    upd(un(k, 2), unfravaer="41")
    (f,) = run(k)
    assert (f.cpr, f.iperiode, f.ukode) == (CPR, "20241", "123456")
    assert f.as_text().startswith("Fejl A10 (CPR 1503851012, undervisning 2/1/1/2)")


# A6 in store mode: the history is every placement of the kursist the store knows as it stood at
# the quarter's end, the reported ones among them (the same objects); attempt numbers must start
# at 1 only where the store holds the kursist's whole history (whole_history).

def _store(*older: Record, reported: list[Record] | None = None):
    k = baseline()
    if reported is not None:
        set_moduler(k, *reported)
    return k, [*older, *k.moduler]


def test_a6_store_mode_attempts_must_start_at_1_where_the_store_knows_the_whole_history():
    k, history = _store(reported=[modul(nr="2")])
    assert run(k) == []  # in file mode attempt 2 alone is fine
    assert summary(run(k, history=history, whole_history=True)) == Counter(
        {("A6", "uforsoegnr", "modul 2/1/2"): 1})


def test_a6_store_mode_without_the_earlier_quarters_judges_only_the_steps():
    # Issue 11, item 1: a store that never saw attempt 1 cannot know it is missing.
    k, history = _store(reported=[modul(nr="2")])
    assert run(k, history=history) == []
    old = modul(nr="2", start="2023-09-01", slut="2023-11-30", ophoer="7", months=())
    k, history = _store(old, reported=[modul(nr="4")])  # the step 2 → 4 is known
    assert summary(run(k, history=history)) == Counter({("A6", "uforsoegnr", "modul 2/1/4"): 1})


def test_a6_store_mode_near_miss_with_attempt_1_in_history():
    old = modul(nr="1", start="2023-09-01", slut="2023-11-30", ophoer="7", months=(9, 10, 11))
    k, history = _store(old, reported=[modul(nr="2")])
    assert run(k, history=history) == []


def test_a6_store_mode_gap_in_history():
    old1 = modul(nr="1", start="2023-03-01", slut="2023-04-30", ophoer="7", months=())
    old2 = modul(nr="2", start="2023-09-01", slut="2023-11-30", ophoer="7", months=())
    k, history = _store(old1, old2, reported=[modul(nr="4")])
    assert summary(run(k, history=history, whole_history=True)) == Counter(
        {("A6", "uforsoegnr", "modul 2/1/4"): 1})


def test_a6_store_mode_previous_placement_still_open():
    old = modul(mod="2", nr="1", start="2023-09-01", months=())  # never ended
    k, history = _store(old)
    assert summary(run(k, history=history)) == Counter({("A6", "ustartdato", M): 1})
    assert run(k) == []  # the file alone does not know the older placement


def test_a6_store_mode_overlap_with_older_placement():
    old = modul(mod="2", nr="1", start="2023-09-01", slut="2024-01-20", ophoer="7", months=())
    k, history = _store(old)
    assert summary(run(k, history=history)) == Counter({("A6", "ustartdato", M): 1})
    upd(old, uslutdato="2024-01-15")  # ends the day the reported one starts
    assert run(k, history=history) == []


def test_a6_store_mode_reports_only_on_reported_placements():
    # Two historic placements that break every A6 part, before a clean reported one.
    old1 = modul(mod="3", start="2023-01-01", months=())
    old2 = modul(mod="3", nr="3", start="2023-02-01", slut="2023-12-01", modtest="2023-12-01",
                 months=())
    k, history = _store(old1, old2)
    assert run(k, history=history) == []


# --- a broken value is an X finding only --------------------------------------------------------

BROKEN = [
    ("hhenvisdato", lambda k: upd(hv(k), hhenvisdato="2024-13-01"), "henvisning 2024-13-01"),
    ("hhenvisdato", lambda k: upd(hv(k), hhenvisdato="2024-02-30"), "henvisning 2024-02-30"),
    ("hkomkode", lambda k: upd(hv(k), hkomkode="41"), H),
    ("kcprnr", lambda k: upd(k, kcprnr="3202851012"), "kursist"),
    ("knationskode", lambda k: upd(k, knationskode="IQ"), "kursist"),
    ("ustartdato", lambda k: upd(mo(k), ustartdato="2024-02-30"), M),
    ("uslutdato", lambda k: upd(mo(k), uslutdato="2024-02-30"), M),
    ("uslutdato", lambda k: upd(mo(k), uslutdato="2024-13-01", uophoersaarsag="2"), M),
    ("uophoersaarsag", lambda k: upd(mo(k), uophoersaarsag="9"), M),
    ("umodtestdato", lambda k: upd(mo(k), umodtestdato="2024-02-30"), M),
    ("unperiode", lambda k: upd(un(k, 3), unperiode="0"), U(0)),
    ("unfravaer", lambda k: upd(un(k, 1), unfravaer="401"), U(1)),
    ("unfagskema", lambda k: upd(un(k, 1), unfagskema="x", unkatkonf="10"), U(1)),
    ("unlekmin", lambda k: upd(un(k, 1), unlekmin="10"), U(1)),
    ("pdato", lambda k: upd(pr(k), pdato="2024-02-30"), "proeve 2024-02-30/3"),
    ("pkarakter", lambda k: upd(pr(k), pkarakter="1", pstatus="2"), P),
    ("pselvstuderende", lambda k: upd(pr(k), pselvstuderende="x"), P),
]


@pytest.mark.parametrize("tag, change, record", BROKEN,
                         ids=[f"{t}-{i}" for i, (t, _, _) in enumerate(BROKEN)])
def test_broken_value_gives_x_only(tag, change, record):
    k = baseline()
    change(k)
    findings = run(k, CheckSettings(today=dt.date(2024, 1, 1)))  # W4 would fire if it looked
    about = [f for f in findings if f.field == tag]
    assert [(f.rule, f.record) for f in about] == [("X", record)]
    summary(findings)


# --- grades by quarter (W2 against X) -----------------------------------------------------------

@pytest.mark.parametrize("iperiode, grade, rules", [
    ("20071", "12", ["W2"]),  # 7-point grade before the 7-point scale
    ("20071", "02", ["W2"]),
    ("20071", "-3", ["W2"]),
    ("20073", "4", ["W2"]),  # the last quarter of the 13-scale
    ("20071", "13", []),
    ("20071", "03", []),
    ("20071", "7", []),  # on both scales
    ("20074", "12", []),  # the first quarter of the 7-point scale
    ("20074", "13", ["W2"]),
    ("20241", "11", ["W2"]),
    ("20241", "1", ["X"]),  # on no scale: a schema error, and not also W2
])
def test_grade_scale_by_quarter(iperiode, grade, rules):
    findings = run(baseline(iperiode, grade))
    assert [(f.rule, f.field) for f in findings] == [(r, "pkarakter") for r in rules]
    label = findings[0].record if findings else None
    if rules:
        assert label.startswith("proeve ") and label.endswith("/3")
        summary(findings)
    if rules == ["W2"]:
        scale = "13-skalaen" if iperiode < "20074" else "7-trinsskalaen"
        assert scale in findings[0].message


# --- W6's century table, through the CPR birth date ---------------------------------------------

@pytest.mark.parametrize("d7, yy, year", [
    (0, 0, 1900), (0, 99, 1999), (1, 37, 1937), (2, 57, 1957), (3, 58, 1958), (3, 99, 1999),
    (4, 0, 2000), (4, 36, 2036), (4, 37, 1937), (4, 99, 1999),
    (9, 0, 2000), (9, 36, 2036), (9, 37, 1937), (9, 99, 1999),
    (5, 0, 2000), (5, 57, 2057), (5, 58, 1858), (5, 99, 1899),
    (6, 57, 2057), (6, 58, 1858), (7, 57, 2057), (7, 58, 1858), (8, 0, 2000), (8, 58, 1858),
])
def test_cpr_birth_date_century(d7, yy, year):
    cpr = f"1207{yy:02d}{d7}123"
    assert cprlib.birth_date(cpr) == dt.date(year, 7, 12)


@pytest.mark.parametrize("cpr, expected", [
    ("2902000123", None),  # 1900 is not a leap year
    ("2902004123", dt.date(2000, 2, 29)),  # 2000 is
    ("2902965123", dt.date(1896, 2, 29)),  # 7th digit 5, YY 96 -> 1896, a leap year
    ("2902975123", None),  # 1897 is not
    ("3104851234", None),  # 31 April
    ("12078", None),
    ("12078a1234", None),
])
def test_cpr_birth_date_invalid(cpr, expected):
    assert cprlib.birth_date(cpr) == expected


def test_w6_uses_the_century():
    # 01-02-24 with 7th digit 4 is 2024 (born after the referral); with 7th digit 3 it is 1924.
    k = baseline()
    upd(k, kcprnr=CPR_BORN_AFTER_REFERRAL)
    assert [f.rule for f in run(k)] == ["W6"]
    for n in range(1000):
        cpr = f"0102243{n:03d}"
        if cprlib.modulus11_ok(cpr):
            break
    upd(k, kcprnr=cpr)
    assert run(k) == []


def test_a6_no_show_placement_ending_on_the_day_the_next_starts_is_not_open():
    """A placement that starts and ends the same day sorts before one that starts that day."""
    import datetime as dt

    from desktop.checks import CheckSettings, check_kursist
    from desktop.domain.records import make
    noshow = make("modul", uuddnr="3", umodul="1", uforsoegnr="1", ustartdato="2024-02-01",
                  uslutdato="2024-02-01", uophoersaarsag="8")
    nxt = make("modul", uuddnr="2", umodul="1", uforsoegnr="1", ustartdato="2024-02-01",
               children=[make("undervisning", unperiode="2", unfagskema="10", unfravaer="0",
                              unfagoevrig="0", unlekmin="45")])
    k = make("kursist", iperiode="20241", ukode="123456", kcprnr="1503851012", kkoen="M",
             knationskode="IRQ", children=[noshow, nxt])
    rules = {f.rule for f in check_kursist(k, CheckSettings(today=dt.date(2024, 6, 1)))}
    assert "A6" not in rules
