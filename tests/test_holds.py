"""Holds on a real store: joining, leaving, skift hold, modulskift, the carry-forward into a
new quarter and values pasted into the quarter grid. Each command is one transaction; its undo
gives back the whole database exactly as before (every table, ids included)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from helpers import UKODE

from desktop import commands
from desktop.commands import Cell, Stale, Trace
from desktop.domain.grid import GridLayout, Refusal, cells_for_block
from desktop.domain.holds import PASSED, RESTART, STAY, format_block, parse_block
from desktop.domain.quarter import Quarter
from desktop.store import Store, StoreError
from desktop.workspace import Workspace

Q1, Q2 = Quarter(2024, 1), Quarter(2024, 2)
CPRS = ["0101901378", "0202903797", "0303902546", "0404900730"]
PLAN = {(2024, m): {"unfagskema": str(20 + m), "unfagoevrig": "2"} for m in range(1, 7)}


def whole(c: sqlite3.Connection) -> dict:
    """Every row of every table, ids included; sqlite_sequence aside (ids are never reused,
    also not after an undo)."""
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name != 'sqlite_sequence' ORDER BY name")]
    return {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


@pytest.fixture
def ws(tmp_path):
    store = Store(tmp_path / "du.sqlite")
    w = Workspace(store)
    w.set_setting("ukode", UKODE)
    yield w
    store.close()


def new_hold(ws, navn="Mandagsholdet", modul="3", plan=PLAN) -> int:
    cmd = commands.CreateHold(UKODE, navn, "2", modul, "45", "2024-01-01", dict(plan))
    ws.run(cmd)
    return cmd.id


def kursister(ws, n=4) -> list[int]:
    return [ws.create_kursist(cpr, Q1, "K", "SYR") for cpr in CPRS[:n]]


def join(ws, hold_id, kid, day="2024-01-08") -> int:
    cmd = commands.JoinHold(hold_id, kid, day)
    ws.run(cmd)
    return cmd.modul_id


def months(ws, modul_id, iperiode=None):
    sql = ("SELECT iperiode, unperiode, unfagskema, unfravaer, unfagoevrig, unlekmin "
           "FROM undervisning WHERE modul_id = ?")
    params = [modul_id]
    if iperiode:
        sql += " AND iperiode = ?"
        params.append(iperiode)
    return ws.store.conn.execute(sql + " ORDER BY iperiode, CAST(unperiode AS INTEGER)",
                                 params).fetchall()


def placement(ws, modul_id):
    return ws.store.conn.execute(
        "SELECT uuddnr, umodul, uforsoegnr, ustartdato, uslutdato, uophoersaarsag, umodtestdato "
        "FROM modul WHERE id = ?", (modul_id,)).fetchone()


def undo_restores(ws, command):
    """Run the command; undo gives back exactly the database before it, redo the one after."""
    before = whole(ws.store.conn)
    trace = Trace()
    ws.store.conn.set_trace_callback(trace)
    ws.run(command)
    ws.store.conn.set_trace_callback(None)
    assert trace.transactions == 1
    after = whole(ws.store.conn)
    assert after != before
    ws.undo(command)
    assert whole(ws.store.conn) == before
    ws.redo(command)
    assert whole(ws.store.conn) == after
    return after


def test_joining_a_hold_makes_the_placement_and_its_months_from_the_plan(ws):
    hold = new_hold(ws)
    kid = kursister(ws, 1)[0]
    mid = join(ws, hold, kid, "2024-02-12")
    assert placement(ws, mid) == ("2", "3", "1", "2024-02-12", None, None, None)
    # from the joining month to the quarter's end, Fravær empty for the clerk
    assert months(ws, mid) == [("20241", "2", "22", None, "2", "45"),
                               ("20241", "3", "23", None, "2", "45")]
    assert ws.hold_on(mid).navn == "Mandagsholdet"
    # a second placement on the same module goes through Skift hold, not a second join
    with pytest.raises(StoreError, match="Skift hold"):
        join(ws, hold, kid, "2024-03-01")


def test_the_next_attempt_number_and_an_undo_of_the_join(ws):
    hold = new_hold(ws)
    kid = kursister(ws, 1)[0]
    ws.add_record("modul", kid, Q1, {"uuddnr": "2", "umodul": "3", "ustartdato": "2023-09-01",
                                     "uslutdato": "2023-12-01", "uophoersaarsag": "7"})
    cmd = commands.JoinHold(hold, kid, "2024-01-08")
    undo_restores(ws, cmd)
    assert placement(ws, cmd.modul_id)[2] == "2"


def test_leaving_ends_the_placement_and_drops_the_months_after(ws):
    hold = new_hold(ws)
    kid = kursister(ws, 1)[0]
    mid = join(ws, hold, kid)
    undo_restores(ws, commands.LeaveHold(mid, kid, "2024-02-20", reason="3"))
    assert placement(ws, mid)[4:] == ("2024-02-20", "3", None)
    assert [m[1] for m in months(ws, mid)] == ["1", "2"]
    with pytest.raises(StoreError, match="allerede afsluttet"):
        ws.run(commands.LeaveHold(mid, kid, "2024-03-01", passed=True))


def test_skift_hold_keeps_the_placement_and_takes_the_new_plan_from_the_day(ws):
    a = new_hold(ws)
    b = new_hold(ws, "Aftenholdet", plan={(2024, m): {"unfagskema": "8", "unfagoevrig": "0"}
                                          for m in (1, 2, 3)})
    kid = kursister(ws, 1)[0]
    mid = join(ws, a, kid)
    ws.run(commands.SetCells(Q1.iperiode, [Cell(mid, 3, "unfravaer", "4")], [None]))
    undo_restores(ws, commands.ChangeHold(mid, kid, b, "2024-02-15"))
    assert ws.hold_on(mid).navn == "Aftenholdet"
    # January and February (the month of the change) as before; March from the new plan,
    # the absence typed for it kept
    assert months(ws, mid) == [("20241", "1", "21", None, "2", "45"),
                               ("20241", "2", "22", None, "2", "45"),
                               ("20241", "3", "8", "4", "0", "45")]
    # both holds' grids show the placement in the quarter of the change
    assert [r.modul_id for r in ws.grid(Q1, a)[0]] == [mid]
    assert [r.modul_id for r in ws.grid(Q1, b)[0]] == [mid]
    # only the same DU and module
    c = new_hold(ws, "Modul 4", modul="4")
    with pytest.raises(StoreError, match="samme modul"):
        ws.run(commands.ChangeHold(mid, kid, c, "2024-03-01"))


def test_a_modulskift_where_one_member_did_not_pass(ws):
    hold = new_hold(ws)
    kids = kursister(ws, 3)
    mids = [join(ws, hold, k) for k in kids]
    ws.run(commands.SetCells(Q1.iperiode, [Cell(mids[0], 3, "unfravaer", "5")], [None]))
    day = "2024-03-01"
    outcomes = {mids[0]: PASSED, mids[1]: STAY, mids[2]: RESTART}
    cmd = commands.ModuleShift(hold, day, outcomes)
    undo_restores(ws, cmd)
    assert cmd.counts == {"passed": 1, "stay": 1, "restart": 1}
    assert ws.hold(hold).umodul == "4"
    # passed: closed with the module test on the day, a placement on module 4 on the hold
    assert placement(ws, mids[0])[4:] == (day, None, day)
    new = ws.store.conn.execute("SELECT id FROM modul WHERE kursist_id = ? AND umodul = '4'",
                                (kids[0],)).fetchone()[0]
    assert placement(ws, new) == ("2", "4", "1", day, None, None, None)
    assert ws.hold_on(new).id == hold
    # the month from the day on moved to the new placement with its absence
    assert [m[1] for m in months(ws, mids[0])] == ["1", "2"]
    assert months(ws, new) == [("20241", "3", "23", "5", "2", "45")]
    # stayed: untouched, still on the hold
    assert placement(ws, mids[1])[4:] == (None, None, None)
    assert ws.hold_on(mids[1]).id == hold
    # restart: closed with an ophørsårsag, the same module as attempt 2, on no hold
    assert placement(ws, mids[2])[4:6] == (day, "8")
    again = ws.store.conn.execute("SELECT id FROM modul WHERE kursist_id = ? AND "
                                  "uforsoegnr = '2'", (kids[2],)).fetchone()[0]
    assert placement(ws, again)[:4] == ("2", "3", "2", day)
    assert ws.hold_on(again) is None
    # no finding of the shift's own making: each closed placement ends with a test or reason
    for kid in kids:
        assert not [f for f in ws.findings(kid, Q1) if f.rule in ("A5", "A6", "A8")], kid


def test_a_modulskift_refuses_when_the_members_changed_since_the_preview(ws):
    hold = new_hold(ws)
    kids = kursister(ws, 2)
    first = join(ws, hold, kids[0])
    join(ws, hold, kids[1])
    with pytest.raises(Stale):
        ws.run(commands.ModuleShift(hold, "2024-03-01", {first: PASSED}))
    assert ws.hold(hold).umodul == "3"


def test_carry_forward_from_the_plan_and_its_undo(ws):
    hold = new_hold(ws)
    kids = kursister(ws, 3)
    mids = [join(ws, hold, k) for k in kids]
    ws.run(commands.LeaveHold(mids[2], kids[2], "2024-03-20", passed=True))  # does not go on
    assert [c.modul_id for c in ws.continuing(Q2)] == mids[:2]
    cmd = commands.CarryForward(Q2.iperiode, UKODE)
    undo_restores(ws, cmd)
    assert cmd.count == 2
    for mid in mids[:2]:
        assert months(ws, mid, Q2.iperiode) == [("20242", str(m), str(20 + m), None, "2", "45")
                                                for m in (4, 5, 6)]
    assert ws.continuing(Q2) == []
    assert [c.modul_id for c in ws.continuing(Q2, untaught_only=False)] == mids[:2]


def test_carry_forward_of_placements_without_a_hold_copies_the_last_month(ws):
    kids = kursister(ws, 2)
    mids = []
    for kid, lesson in zip(kids, ("45", "60")):
        mid = ws.add_record("modul", kid, Q1, {"uuddnr": "1", "umodul": "2",
                                               "ustartdato": "2024-01-03"})
        ws.add_records("undervisning", mid, Q1, [
            {"unperiode": str(m), "unfagskema": str(10 + m), "unkatkonf": str(10 + m),
             "unfravaer": "1", "unfagoevrig": "3", "unlekmin": lesson} for m in (1, 2, 3)])
        mids.append(mid)
    ws.run(commands.ClosePlacement(mids[1], kids[1], Q2.iperiode, "2024-05-10", reason="3"))
    cmd = commands.CarryForward(Q2.iperiode, UKODE)
    undo_restores(ws, cmd)
    assert cmd.count == 2
    assert months(ws, mids[0], Q2.iperiode) == [("20242", str(m), "13", None, "3", "45")
                                                for m in (4, 5, 6)]
    # up to the month it ends in; lesson length and the UnKat part copied too
    assert months(ws, mids[1], Q2.iperiode) == [("20242", str(m), "13", None, "3", "60")
                                                for m in (4, 5)]
    assert ws.store.conn.execute("SELECT DISTINCT unkatkonf FROM undervisning WHERE "
                                 "iperiode = '20242'").fetchall() == [("13",)]
    # the grid of placements on no hold lists them, Fravær empty for the clerk to type
    rows, findings = ws.grid(Q2, None)
    assert [r.modul_id for r in rows] == mids
    assert {f.field for f in findings if f.rule == "X"} == {"unfravaer"}


def test_placements_that_look_finished_are_listed_for_closing(ws):
    kid = kursister(ws, 1)[0]
    mid = ws.add_record("modul", kid, Q1, {"uuddnr": "1", "umodul": "2",
                                           "ustartdato": "2023-06-03"})
    ws.add_records("undervisning", mid, Quarter(2023, 3), [
        {"unperiode": "7", "unfagskema": "10", "unfravaer": "1", "unfagoevrig": "3"}])
    assert [c.modul_id for c in ws.looks_finished(Q2)] == [mid]  # nothing in 2024Q1
    assert ws.continuing(Q2) == []
    assert [c.modul_id for c in ws.looks_finished(Quarter(2023, 4))] == []  # taught in 3rd


def test_placements_that_look_finished_are_closed_in_one_command_at_their_last_month(ws):
    """Each ends on the last day of its last month with scheduled lessons (not a later month
    with none, whose row goes), with the one ophørsårsag; undo gives the whole database back."""
    a, b, c = kursister(ws, 3)
    taught = ws.add_record("modul", a, Q1, {"uuddnr": "1", "umodul": "2",
                                            "ustartdato": "2023-06-03"})
    ws.add_records("undervisning", taught, Quarter(2023, 3), [
        {"unperiode": "7", "unfagskema": "10", "unfravaer": "1", "unfagoevrig": "3"},
        {"unperiode": "8", "unfagskema": "0", "unfravaer": "0", "unfagoevrig": "0"}])
    never = ws.add_record("modul", b, Q1, {"uuddnr": "2", "umodul": "1",
                                           "ustartdato": "2023-09-04"})
    hold_id = new_hold(ws)
    running = join(ws, hold_id, c, "2024-01-08")  # taught in 2024Q1: not for closing
    listed = ws.finished_placements(Q2)
    assert [(f.modul_id, f.last_taught, f.default_end) for f in listed] == [
        (taught, (2023, 7), "2023-07-31"), (never, None, "2023-09-04")]
    assert running not in [f.modul_id for f in listed]
    before = whole(ws.store.conn)
    cmd = commands.ClosePlacements([(f.modul_id, f.kursist_id, f.default_end) for f in listed],
                                   "8")
    trace = Trace()
    ws.store.conn.set_trace_callback(trace)
    try:
        ws.run(cmd)
    finally:
        ws.store.conn.set_trace_callback(None)
    assert trace.transactions == 1
    assert placement(ws, taught)[4:] == ("2023-07-31", "8", None)
    assert placement(ws, never)[4:] == ("2023-09-04", "8", None)
    assert [m[1] for m in months(ws, taught)] == ["7"]  # August's row came after the end
    assert ws.looks_finished(Q2) == []
    ws.undo(cmd)
    assert whole(ws.store.conn) == before


def test_closing_placements_refuses_all_when_one_cannot_end_as_asked(ws):
    a, b = kursister(ws, 2)
    first = ws.add_record("modul", a, Q1, {"uuddnr": "1", "umodul": "2",
                                           "ustartdato": "2023-06-03"})
    second = ws.add_record("modul", b, Q1, {"uuddnr": "1", "umodul": "2",
                                            "ustartdato": "2023-09-04"})
    before = whole(ws.store.conn)
    with pytest.raises(StoreError, match="020290-3797: Slutdatoen ligger før placeringens "
                                         "startdato. Intet er afsluttet."):
        ws.run(commands.ClosePlacements([(first, a, "2023-08-31"), (second, b, "2023-08-31")],
                                        "8"))
    with pytest.raises(StoreError, match="ophørsårsag"):
        ws.run(commands.ClosePlacements([(first, a, "2023-08-31")], "99"))
    with pytest.raises(Stale):  # the placement is someone else's now
        ws.run(commands.ClosePlacements([(first, b, "2023-08-31")], "8"))
    assert whole(ws.store.conn) == before


def test_a_hold_ends_once_no_member_is_left_on_it_and_is_not_offered_after(ws):
    hold_id = new_hold(ws)
    other = new_hold(ws, "Aftenholdet")
    a, b, c = kursister(ws, 3)
    ma, mb = join(ws, hold_id, a), join(ws, hold_id, b)
    before = whole(ws.store.conn)
    with pytest.raises(StoreError, match="2 kursister er stadig på holdet efter 31.3.2024 "
                                         r"\(010190-1378, 020290-3797\)"):
        ws.run(commands.EndHold(hold_id, "2024-03-31"))
    assert whole(ws.store.conn) == before
    ws.run(commands.LeaveHold(ma, a, "2024-03-31", reason="3"))  # ends that day: not after
    ws.run(commands.ChangeHold(mb, b, other, "2024-03-01"))
    before = whole(ws.store.conn)
    cmd = commands.EndHold(hold_id, "2024-03-31")
    ws.run(cmd)
    assert ws.hold(hold_id).slutdato == "2024-03-31"
    with pytest.raises(StoreError, match="Mandagsholdet er afsluttet 31.3.2024"):
        ws.run(commands.JoinHold(hold_id, c, "2024-04-01"))
    with pytest.raises(StoreError, match="Mandagsholdet er afsluttet 31.3.2024"):
        ws.run(commands.ChangeHold(mb, b, hold_id, "2024-04-02"))
    with pytest.raises(StoreError, match="allerede afsluttet"):
        ws.run(commands.EndHold(hold_id, "2024-04-30"))
    ws.undo(cmd)
    assert whole(ws.store.conn) == before
    with pytest.raises(StoreError, match="før holdets startdato"):
        ws.run(commands.EndHold(hold_id, "2023-12-31"))


def grid_of(ws, q, hold_id):
    rows, _ = ws.grid(q, hold_id)
    return rows, GridLayout(q)


def paste(ws, q, hold_id, text, row0=0, col0=2):
    """What the window does on Ctrl+V: the block checked cell by cell, then one command."""
    rows, layout = grid_of(ws, q, hold_id)
    found = cells_for_block(rows, layout, row0, col0, parse_block(text))
    if isinstance(found, Refusal):
        return found
    cells = [Cell(mid, month, tag, value) for _, _, mid, month, tag, value in found]
    seen = [rows[r].months.get(month, (None, {}))[1].get(tag) for r, _, _, month, tag, _ in found]
    cmd = commands.SetCells(q.iperiode, cells, seen)
    undo_restores(ws, cmd)
    return cmd


def absence(ws, q, mids):
    return [[m[3] for m in months(ws, mid, q.iperiode)] for mid in mids]


def test_paste_of_a_good_block_is_one_command_and_undoes_exactly(ws):
    hold = new_hold(ws)
    mids = [join(ws, hold, k) for k in kursister(ws, 3)]
    cmd = paste(ws, Q1, hold, "1\t2\t0\r\n3\t4\t5\r\n0\t0\t9\r\n")
    assert len(cmd.cells) == 9
    assert absence(ws, Q1, mids) == [["1", "2", "0"], ["3", "4", "5"], ["0", "0", "9"]]
    ws.undo(cmd)
    assert absence(ws, Q1, mids) == [[None] * 3] * 3


def test_paste_with_one_bad_value_stores_nothing_and_names_its_cell(ws):
    hold = new_hold(ws)
    [join(ws, hold, k) for k in kursister(ws, 3)]
    before = whole(ws.store.conn)
    refusal = paste(ws, Q1, hold, "1\t2\t0\n3\tx4\t5\n0\t0\t9\n")
    assert isinstance(refusal, Refusal)
    assert (refusal.row, refusal.column) == (1, 3)
    assert "Fravær skal være et helt tal, ikke 'x4'" in refusal.message
    assert whole(ws.store.conn) == before


def test_paste_of_a_block_larger_than_the_grid_is_refused(ws):
    hold = new_hold(ws)
    [join(ws, hold, k) for k in kursister(ws, 2)]
    before = whole(ws.store.conn)
    refusal = paste(ws, Q1, hold, "1\t2\t3\n4\t5\t6\n7\t8\t9\n")
    assert isinstance(refusal, Refusal) and "3 rækker" in refusal.message
    wide = paste(ws, Q1, hold, "1\t" * 12 + "1\n", col0=5)
    assert isinstance(wide, Refusal) and "kolonner" in wide.message
    assert whole(ws.store.conn) == before


def test_paste_into_a_month_the_placement_does_not_run_in_is_refused(ws):
    hold = new_hold(ws)
    kid = kursister(ws, 1)[0]
    join(ws, hold, kid, "2024-02-05")
    refusal = paste(ws, Q1, hold, "3\t1\t1\n")
    assert isinstance(refusal, Refusal) and "ikke i gang i januar" in refusal.message
    assert isinstance(paste(ws, Q1, hold, "\t1\t1\n"), commands.SetCells)  # empty: left alone


def test_a_cell_of_a_month_not_made_yet_makes_it_from_the_plan(ws):
    hold = new_hold(ws)
    kid = kursister(ws, 1)[0]
    mid = join(ws, hold, kid)
    ws.store.conn.execute("DELETE FROM undervisning WHERE modul_id = ? AND unperiode = '2'", (mid,))
    cmd = commands.SetCells(Q1.iperiode, [Cell(mid, 2, "unfravaer", "6")], [None])
    undo_restores(ws, cmd)
    assert months(ws, mid)[1] == ("20241", "2", "22", "6", "2", "45")


def test_a_cell_changed_since_it_was_shown_is_stale(ws):
    hold = new_hold(ws)
    mid = join(ws, hold, kursister(ws, 1)[0])
    ws.run(commands.SetCells(Q1.iperiode, [Cell(mid, 1, "unfravaer", "2")], [None]))
    before = whole(ws.store.conn)
    with pytest.raises(Stale):
        ws.run(commands.SetCells(Q1.iperiode, [Cell(mid, 1, "unfravaer", "3")], [None]))
    assert whole(ws.store.conn) == before


def test_copy_out_pastes_back_unchanged():
    rows = [["0101901234", "DU2 modul 3 forsøg 1", "1", ""], ["x\ty", 'a "b"', "", "7"]]
    assert parse_block(format_block(rows)) == rows
    assert parse_block("1\t2\n3\t4") == [["1", "2"], ["3", "4"]]
    assert parse_block("5") == [["5"]]


def test_the_plan_must_add_up(ws):
    with pytest.raises(StoreError, match="summerer"):
        ws.run(commands.CreateHold(UKODE, "Forkert", "2", "1", "45", "2024-01-01",
                                   {(2024, 1): {"unfagskema": "20", "unkatkonf": "12"}}))
    assert ws.holds() == []


def test_the_day_a_change_applies_from():
    from desktop.domain.holds import first_month_from
    assert first_month_from(dt.date(2024, 3, 1)) == (2024, 3)
    assert first_month_from(dt.date(2024, 3, 2)) == (2024, 4)
    assert first_month_from(dt.date(2024, 12, 15)) == (2025, 1)


def test_the_grid_s_findings_are_each_kursist_s_own(ws):
    """The grid checks its kursister in one selection; each finding is the one the kursist's
    own check (the editor's) gives."""
    from desktop.store import kursist
    hold = new_hold(ws)
    kids = kursister(ws, 3)
    for k in kids:
        join(ws, hold, k)
    ws.run(commands.SetCells(Q1.iperiode, [Cell(ws.grid(Q1, hold)[0][0].modul_id, 1,
                                                "unfravaer", "99")], [None]))
    _, findings = ws.grid(Q1, hold)
    one_by_one = [f for k in kids for f in kursist.sheet_findings(ws.store.conn, k, Q1,
                                                                  ws.settings)]
    assert sorted(findings, key=repr) == sorted(one_by_one, key=repr)
    assert {f.rule for f in findings} >= {"A10", "X"}
