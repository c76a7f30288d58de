"""A6 judged over what is known (issue 11, item 1): `validate FILE` and import-then-export of
FILE give the same A and X findings, whatever else the store holds of the kursist's history.

The 2004 notat (side 4) checks that attempt numbers are consecutive "i henhold til de angivne
startdatoer" across what has been reported; a store that never saw attempt 1 cannot know it is
missing, and a placement last seen open before a quarter the store lacks may have ended there.
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings, strategies as st

from desktop.domain.quarter import Quarter
from desktop.domain.records import Record, make
from desktop.format.writer import document_bytes
from desktop.operations import export_quarter, import_files, validate_file
from desktop.sampledata import histories, quarter_files, valid_cpr
from desktop.store import Store
from tests.helpers import UKODE

FIRST, LAST = Quarter(2023, 1), Quarter(2024, 2)
CPR = valid_cpr(random.Random(11), dt.date(1988, 6, 1))


def a_and_x(findings) -> list[tuple]:
    return sorted((f.rule, f.cpr, f.record, f.field, f.message) for f in findings
                  if f.rule == "X" or (f.rule.startswith("A") and f.is_error))


def write(folder, iperiode: str, kursister: list[Record]):
    path = folder / f"DU_{UKODE}_{iperiode}.xml"
    path.write_bytes(document_bytes(kursister))
    return path


def exported(store: Store, iperiode: str, folder) -> list:
    result = export_quarter(store, iperiode, folder / f"out_{iperiode}.xml", force=True)
    assert result.kursister, result.refusal
    return result.findings


# --- the fault as the issue found it, and its near miss ------------------------------------------

def test_a_clean_quarter_from_a_centre_in_steady_state_imported_alone_exports_clean(tmp_path):
    """A provider moving from another system imports its latest quarter alone: kursister part
    way through a course are on attempt 2 or later. Before: an A6 "det skulle være 1" each."""
    files = quarter_files(histories(300, FIRST, LAST, seed=3, lead_in=700), UKODE, FIRST, LAST)
    ks = files[LAST.iperiode]
    assert any(m["uforsoegnr"] != "1" for k in ks for m in k.moduler)  # the case exists
    path = write(tmp_path, LAST.iperiode, ks)
    assert a_and_x(validate_file(path).findings) == []
    with Store(tmp_path / "db.sqlite") as store:
        assert import_files(store, [path]).stored
        assert a_and_x(exported(store, LAST.iperiode, tmp_path)) == []


def _placement(nr: str, start: str, end: str | None = None, ophoer: str | None = None,
               months: tuple[int, ...] = ()) -> Record:
    return make("modul", uuddnr="2", umodul="1", uforsoegnr=nr, ustartdato=start,
                uslutdato=end, uophoersaarsag=ophoer, children=[
                    make("undervisning", unperiode=str(m), unfagskema="20", unfravaer="0",
                         unfagoevrig="0", unlekmin="45") for m in months])


def _kursist(iperiode: str, cpr: str, *children: Record) -> Record:
    return make("kursist", list(children), iperiode=iperiode, ukode=UKODE, kcprnr=cpr,
                kkoen="K", knationskode="SYR")


def _referral(day: str) -> Record:
    return make("henvisning", hhenvisdato=day, hhenviskat="1", hkomkode="101")


OTHER = valid_cpr(random.Random(12), dt.date(1979, 2, 2))


def test_attempt_1_is_still_demanded_where_the_store_holds_the_kursists_earlier_quarters(tmp_path):
    """Near miss: the store holds 20231, in which the kursist had nothing, and 20232, in which
    the kursist is referred and placed on attempt 2 of a module never taken before."""
    q1 = [_kursist("20231", OTHER, _placement("1", "2023-01-09", months=(1, 2, 3)))]
    q2 = [_kursist("20232", OTHER, _placement("1", "2023-01-09", months=(4, 5, 6))),
          _kursist("20232", CPR, _referral("2023-04-03"),
                   _placement("2", "2023-04-17", months=(4, 5, 6)))]
    paths = [write(tmp_path, "20231", q1), write(tmp_path, "20232", q2)]
    assert a_and_x(validate_file(paths[1]).findings) == []  # the file alone cannot know
    with Store(tmp_path / "db.sqlite") as store:
        assert import_files(store, paths).stored
        found = [f for f in exported(store, "20232", tmp_path) if f.rule == "A6"]
    assert [(f.cpr, f.field) for f in found] == [(CPR, "uforsoegnr")]
    assert "det skulle være 1" in found[0].message


def _gap_files(tmp_path, *, ended: bool) -> dict[str, object]:
    """Attempt 1 taught in 20231; in 20232 it ends (or, `ended=False`, it does not) and
    attempt 2 starts; 20233 teaches attempt 2."""
    end = ("2023-05-05", "7") if ended else (None, None)
    return {
        "20231": write(tmp_path, "20231", [_kursist("20231", CPR, _referral("2023-01-04"),
                                                    _placement("1", "2023-01-09", months=(1, 2, 3)))]),
        "20232": write(tmp_path, "20232", [_kursist("20232", CPR, *(
            [_placement("1", "2023-01-09", *end, months=(4, 5))] if ended else []),
            _placement("2", "2023-05-20", months=(5, 6)))]),
        "20233": write(tmp_path, "20233", [_kursist("20233", CPR,
                                                    _placement("2", "2023-05-20", months=(7, 8, 9)))]),
    }


def test_a_placement_last_seen_open_before_a_missing_quarter_is_not_judged_still_open(tmp_path):
    """The store holds 20231 and 20233, not 20232 in which attempt 1 ended. Before: A6 "den
    forrige placering er ikke afsluttet" on attempt 2 in 20233's export."""
    paths = _gap_files(tmp_path, ended=True)
    assert a_and_x(validate_file(paths["20233"]).findings) == []
    with Store(tmp_path / "db.sqlite") as store:
        assert import_files(store, [paths["20231"], paths["20233"]]).stored
        assert a_and_x(exported(store, "20233", tmp_path)) == []


def test_near_miss_a_previous_placement_that_truly_never_ended_is_still_found(tmp_path):
    """With every quarter held, an attempt 1 that was never closed is A6 on attempt 2."""
    paths = _gap_files(tmp_path, ended=False)
    with Store(tmp_path / "db.sqlite") as store:
        assert import_files(store, list(paths.values())).stored
        found = [f for f in exported(store, "20233", tmp_path) if f.rule == "A6"]
    assert [(f.cpr, f.field, f.record) for f in found] == [(CPR, "ustartdato", "modul 2/1/2")]


# --- the property -------------------------------------------------------------------------------

def _inject(ks: list[Record], rng: random.Random) -> None:
    """A few type A errors that are the file's own (they survive an import unchanged), so
    that both sides have something to agree on."""
    for k in ks:
        roll = rng.random()
        if roll < 0.05 and k.henvisninger:
            k.henvisninger[0].values["hkomkode"] = "999"  # A3
        elif roll < 0.10 and k.moduler and k.moduler[0].undervisning:
            u = k.moduler[0].undervisning[0]
            u.values["unfravaer"] = str(int(u["unfagskema"]) + 1)  # A10


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(1, 10**6), n=st.integers(3, 40), lead_in=st.sampled_from([0, 200, 700]),
       picked=st.lists(st.booleans(), min_size=6, max_size=6), errors=st.booleans())
def test_validate_and_import_then_export_give_the_same_a_and_x_findings(
        tmp_path_factory, seed, n, lead_in, picked, errors):
    """Multi-quarter histories cut into quarter files; only some of the quarters are imported
    into an empty store. Each imported quarter's export says what `validate` said of its file."""
    folder = tmp_path_factory.mktemp("h")
    files = quarter_files(histories(n, FIRST, LAST, seed=seed, lead_in=lead_in), UKODE,
                          FIRST, LAST)
    chosen = [q for q, keep in zip(sorted(files), picked) if keep] or [max(files)]
    rng = random.Random(seed)
    paths = {}
    for iperiode in chosen:
        if errors:
            _inject(files[iperiode], rng)
        paths[iperiode] = write(folder, iperiode, files[iperiode])
    expected = {q: a_and_x(validate_file(p).findings) for q, p in paths.items()}
    with Store(folder / "db.sqlite") as store:
        assert import_files(store, list(paths.values())).stored
        for iperiode in chosen:
            assert a_and_x(exported(store, iperiode, folder)) == expected[iperiode], iperiode


def test_the_quarters_held_are_counted_per_udbyderkode(tmp_path):
    """Another udbyder's 20231 in the same store says nothing about this udbyder's history:
    its kursist, placed on attempt 2 in its first quarter 20232, is not asked for attempt 1."""
    other = [make("kursist", [_placement("1", "2023-01-09", months=(1, 2, 3))], iperiode="20231",
                  ukode="555555", kcprnr=OTHER, kkoen="M", knationskode="IRQ")]
    mine = [_kursist("20232", CPR, _referral("2023-04-03"),
                     _placement("2", "2023-04-17", months=(4, 5, 6)))]
    paths = [write(tmp_path, "20231", other), write(tmp_path, "20232", mine)]
    with Store(tmp_path / "db.sqlite") as store:
        assert import_files(store, paths).stored
        result = export_quarter(store, "20232", tmp_path / "o.xml", ukode=UKODE, force=True)
        assert a_and_x(result.findings) == []
        # Near miss: this udbyder's own earlier quarter makes the kursist new in 20232.
        own = [_kursist("20231", OTHER, _placement("1", "2023-01-09", months=(1, 2, 3)))]
        assert import_files(store, [write(tmp_path, "own", own)]).stored
        result = export_quarter(store, "20232", tmp_path / "p.xml", ukode=UKODE, force=True)
        assert [(f.rule, f.cpr) for f in result.findings if f.is_error] == [("A6", CPR)]
