"""Every command, on a real store: one transaction each, the database exactly as after it,
exactly as before it after undo (whole-database dumps, ids included), as after it again after
redo, and nothing written when the rows are not what the command saw.

Adding a command: give it a case in CASES (a function that builds it on the sample store and
says what must hold after it); test_every_registered_command_has_a_case asserts you did.
"""

from __future__ import annotations

import sqlite3

import pytest

from desktop import commands
from desktop.commands import Stale, Trace
from desktop.domain.dates import danish
from desktop.domain.quarter import Quarter
from desktop.operations import import_files
from desktop.store import Store
from desktop.store.backup import backup_now
from desktop.workspace import Workspace
from helpers import UKODE, sample_files, write_files

Q = Quarter(2024, 1)


def whole(c: sqlite3.Connection) -> dict:
    """Every row of every table, ids included. sqlite_sequence aside: it remembers the
    highest id ever used, on purpose (ids are never reused, also not after an undo)."""
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name != 'sqlite_sequence' ORDER BY name")]
    return {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    return write_files(folder, sample_files(n=20, first=Quarter(2023, 3), seed=11))


@pytest.fixture
def ws(tmp_path, inputs):
    store = Store(tmp_path / "du.sqlite")
    assert import_files(store, inputs).stored
    w = Workspace(store)
    w.set_setting("ukode", UKODE)
    yield w
    store.close()


def one(c, sql, params=()):
    row = c.execute(sql, params).fetchone()
    assert row is not None, sql
    return row


# Each case: (the command, built on the sample store; a check of the state after it).
def _set_fields(ws):
    c = ws.store.conn
    rid, kid, komkode = one(c, "SELECT id, kursist_id, hkomkode FROM henvisning "
                               "WHERE iperiode = ? ORDER BY id", (Q.iperiode,))
    new = "851" if komkode != "851" else "101"
    cmd = commands.SetFields("henvisning", rid, kid, Q.iperiode, {"hkomkode": new},
                             {"hkomkode": komkode})
    return cmd, lambda: one(c, "SELECT hkomkode FROM henvisning WHERE id = ?", (rid,)) == (new,)


def _set_stamdata(ws):
    c = ws.store.conn
    kid, koen = one(c, "SELECT kursist_id, kkoen FROM stamdata WHERE iperiode = ? "
                       "ORDER BY kursist_id", (Q.iperiode,))
    new = "K" if koen == "M" else "M"
    cmd = commands.SetFields("kursist", kid, kid, Q.iperiode, {"kkoen": new}, {"kkoen": koen})
    return cmd, lambda: one(c, "SELECT kkoen FROM stamdata WHERE kursist_id = ? AND "
                               "iperiode = ?", (kid, Q.iperiode)) == (new,)


def _set_fields_fills_unfagskema(ws):
    c = ws.store.conn
    uid, kid = one(c, "SELECT u.id, m.kursist_id FROM undervisning u JOIN modul m "
                      "ON m.id = u.modul_id WHERE u.iperiode = ? ORDER BY u.id", (Q.iperiode,))
    with ws.store.transaction():  # a month whose lessons are to be given as parts
        c.execute("UPDATE undervisning SET unfagskema = NULL, unkatkonf = NULL, "
                  "unkatstud = '4', unkatedb = NULL, unkatproj = NULL, unkateks = NULL, "
                  "unkatoevrig = NULL WHERE id = ?", (uid,))
    cmd = commands.SetFields("undervisning", uid, kid, Q.iperiode, {"unkatkonf": "20"},
                             {"unkatkonf": None})
    return cmd, lambda: one(c, "SELECT unkatkonf, unfagskema FROM undervisning WHERE id = ?",
                            (uid,)) == ("20", "24")


def _set_fields_fills_attempt(ws):
    c = ws.store.conn
    kid = one(c, "SELECT kursist_id FROM modul ORDER BY id")[0]
    top = one(c, "SELECT MAX(CAST(uforsoegnr AS INTEGER)) FROM modul WHERE kursist_id = ? "
                 "AND uuddnr = '2' AND umodul = '6'", (kid,))[0] or 0
    mid = ws.add_record("modul", kid, Q, {"ustartdato": "2024-02-01", "uuddnr": "2"})
    cmd = commands.SetFields("modul", mid, kid, Q.iperiode, {"umodul": "6"}, {"umodul": None})
    return cmd, lambda: one(c, "SELECT umodul, uforsoegnr FROM modul WHERE id = ?",
                            (mid,)) == ("6", str(top + 1))


def _add_records(ws):
    c = ws.store.conn
    mid, kid = one(c, "SELECT id, kursist_id FROM modul ORDER BY id")
    cmd = commands.AddRecords("undervisning", mid, kid, Q.iperiode,
                              [{"unperiode": "1", "unfagskema": "12"}, {"unperiode": "2"}])
    return cmd, lambda: [r[0] for r in c.execute(
        "SELECT unlekmin FROM undervisning WHERE id IN (?, ?)", cmd.ids)] == ["45", "45"]


def _add_placement(ws):
    c = ws.store.conn
    kid = one(c, "SELECT kursist_id FROM modul ORDER BY id")[0]
    top = one(c, "SELECT MAX(CAST(uforsoegnr AS INTEGER)) FROM modul WHERE kursist_id = ? "
                 "AND uuddnr = '3' AND umodul = '1'", (kid,))[0] or 0
    cmd = commands.AddRecord("modul", kid, kid, Q.iperiode,
                             {"uuddnr": "3", "umodul": "1", "ustartdato": "2024-01-08"})
    return cmd, lambda: one(c, "SELECT uforsoegnr FROM modul WHERE id = ?",
                            (cmd.ids[0],)) == (str(top + 1),)


def _add_exam(ws):
    c = ws.store.conn
    kid = one(c, "SELECT id FROM kursist ORDER BY id")[0]
    cmd = commands.AddRecord("proeve", kid, kid, Q.iperiode,
                             {"pdato": "2024-05-02", "pstatus": "1"})  # a date of next quarter
    return cmd, lambda: one(c, "SELECT iperiode FROM proeve WHERE id = ?",
                            (cmd.ids[0],)) == ("20242",)


def _delete_placement(ws):
    c = ws.store.conn
    mid, kid = one(c, "SELECT m.id, m.kursist_id FROM modul m WHERE EXISTS (SELECT 1 FROM "
                      "undervisning u WHERE u.modul_id = m.id) ORDER BY m.id")
    cmd = commands.DeleteRecord("modul", mid, kid, Q.iperiode)
    return cmd, lambda: c.execute("SELECT COUNT(*) FROM undervisning WHERE modul_id = ?",
                                  (mid,)).fetchone() == (0,)


def _delete_kursist(ws):
    c = ws.store.conn
    kid = one(c, "SELECT kursist_id FROM modul ORDER BY id")[0]
    cmd = commands.DeleteRecord("kursist", kid, kid, Q.iperiode)
    return cmd, lambda: c.execute("SELECT COUNT(*) FROM modul WHERE kursist_id = ?",
                                  (kid,)).fetchone() == (0,)


def _close_placement(ws):
    c = ws.store.conn
    mid, kid = one(c, "SELECT id, kursist_id FROM modul WHERE uslutdato IS NULL ORDER BY id")
    cmd = commands.ClosePlacement(mid, kid, Q.iperiode, "2024-03-20")
    return cmd, lambda: one(c, "SELECT uslutdato, umodtestdato, uophoersaarsag FROM modul "
                               "WHERE id = ?", (mid,)) == ("2024-03-20", "2024-03-20", None)


def _restart_module(ws):
    c = ws.store.conn
    mid, kid, udd, mod = one(c, "SELECT id, kursist_id, uuddnr, umodul FROM modul "
                                "WHERE uslutdato IS NULL ORDER BY id")
    cmd = commands.RestartModule(mid, kid, Q.iperiode, "2024-02-10", "7", "2024-02-19")
    return cmd, lambda: (
        one(c, "SELECT uslutdato, uophoersaarsag FROM modul WHERE id = ?", (mid,))
        == ("2024-02-10", "7")
        and one(c, "SELECT uuddnr, umodul, ustartdato FROM modul WHERE id = ?",
                (cmd.new_id,)) == (udd, mod, "2024-02-19"))


def _create_kursist(ws):
    c = ws.store.conn
    cmd = commands.CreateKursist(UKODE, "1203851002", Q.iperiode, "K", "UKR")
    return cmd, lambda: one(c, "SELECT kkoen FROM stamdata WHERE kursist_id = ?",
                            (cmd.id,)) == ("K",)


def _batch_paste(ws):
    """A block of cells pasted: three months' lessons of one placement in one step."""
    c = ws.store.conn
    rows = c.execute("SELECT u.id, m.kursist_id, u.unfagoevrig FROM undervisning u JOIN modul m "
                     "ON m.id = u.modul_id WHERE u.iperiode = ? ORDER BY u.modul_id, u.id LIMIT 3",
                     (Q.iperiode,)).fetchall()
    cmd = commands.Batch([commands.SetFields("undervisning", uid, kid, Q.iperiode,
                                             {"unfagoevrig": str(n + 11)}, {"unfagoevrig": old})
                          for n, (uid, kid, old) in enumerate(rows)])
    cmd.kid = rows[0][1]  # (for the stale case below: the parts name their own kursist)
    return cmd, lambda: [one(c, "SELECT unfagoevrig FROM undervisning WHERE id = ?", (r[0],))[0]
                         for r in rows] == [str(n + 11) for n in range(len(rows))]


def _save_settings(ws):
    cmd = commands.SaveSettings({"lesson_minutes": "50", "export_dir": "/srv/eksport"})
    return cmd, lambda: ws.settings.lesson_minutes == 50


def _import_files(ws, tmp_path):
    files = sample_files(n=20, first=Quarter(2023, 3), seed=11)
    files[Q.iperiode][0].children[0].values["hkomkode"] = "851"  # a corrected file
    folder = tmp_path / "corrected"
    folder.mkdir()
    path = [p for p in write_files(folder, {Q.iperiode: files[Q.iperiode]})][0]
    cmd = commands.ImportFiles([path])
    return cmd, lambda: cmd.result.stored


def _restore_backup(ws, tmp_path):
    copy = backup_now(ws.store, tmp_path)
    ws.set_setting("lesson_minutes", "60")
    cmd = commands.RestoreBackup(copy)
    return cmd, lambda: ws.settings.lesson_minutes == 45 and cmd.safety.is_file()


def _hold(ws, navn="Testholdet", modul="1"):
    cmd = commands.CreateHold(UKODE, navn, "2", modul, "45", "2024-01-01",
                              {(2024, m): {"unfagskema": "24", "unfagoevrig": "2"}
                               for m in (1, 2, 3)})
    ws.run(cmd)
    return cmd.id


def _new_member(ws, hold_id, cpr="1203851002"):
    kid = ws.create_kursist(cpr, Q, "K", "UKR")
    join = commands.JoinHold(hold_id, kid, "2024-01-08")
    ws.run(join)
    return kid, join.modul_id


def _create_hold(ws):
    c = ws.store.conn
    cmd = commands.CreateHold(UKODE, "Tirsdagsholdet", "2", "3", "45", "2024-01-01",
                              {(2024, 1): {"unfagskema": "20", "unkatkonf": "20"}})
    return cmd, lambda: one(c, "SELECT navn FROM hold WHERE id = ?", (cmd.id,)) == (
        "Tirsdagsholdet",)


def _set_hold(ws):
    hold = _hold(ws)
    cmd = commands.SetHold(hold, {"navn": "Aftenholdet"}, {"navn": "Testholdet"})
    return cmd, lambda: ws.hold(hold).navn == "Aftenholdet"


def _set_plan(ws):
    hold = _hold(ws)
    cmd = commands.SetPlan(hold, {(2024, 2): {"unfagskema": "30"}, (2024, 4): {
        "unfagskema": "12", "unfagoevrig": "0"}})
    return cmd, lambda: ws.plan(hold).of((2024, 4))["unfagskema"] == "12"


def _join_hold(ws):
    hold = _hold(ws)
    kid = ws.create_kursist("1203851002", Q, "K", "UKR")
    cmd = commands.JoinHold(hold, kid, "2024-02-05")
    return cmd, lambda: one(ws.store.conn, "SELECT COUNT(*) FROM undervisning WHERE "
                                           "modul_id = ?", (cmd.modul_id,)) == (2,)


def _leave_hold(ws):
    kid, mid = _new_member(ws, _hold(ws))
    cmd = commands.LeaveHold(mid, kid, "2024-02-20", reason="3")
    return cmd, lambda: one(ws.store.conn, "SELECT uslutdato FROM modul WHERE id = ?",
                            (mid,)) == ("2024-02-20",)


def _change_hold(ws):
    first = _hold(ws)
    kid, mid = _new_member(ws, first)
    other = _hold(ws, "Aftenholdet")
    cmd = commands.ChangeHold(mid, kid, other, "2024-02-01")
    return cmd, lambda: ws.hold_on(mid).id == other


def _module_shift(ws):
    hold = _hold(ws)
    kid, mid = _new_member(ws, hold)
    cmd = commands.ModuleShift(hold, "2024-03-01", {mid: "passed"})
    return cmd, lambda: ws.hold(hold).umodul == "2" and cmd.counts["passed"] == 1


def _carry_forward(ws):
    q = Quarter(2024, 3)  # the sample's placements still open at the end of 2024Q2 go on
    cmd = commands.CarryForward(q.iperiode, UKODE)
    return cmd, lambda: cmd.count > 0 and not ws.continuing(q)


def _close_placements(ws):
    q = Quarter(2024, 2)
    kid = ws.create_kursist("1203851002", Quarter(2023, 3), "K", "UKR")
    mid = ws.add_record("modul", kid, Quarter(2023, 3), {"uuddnr": "2", "umodul": "1",
                                                         "ustartdato": "2023-07-03"})
    ws.add_records("undervisning", mid, Quarter(2023, 3), [
        {"unperiode": "8", "unfagskema": "12", "unfravaer": "0", "unfagoevrig": "0"}])
    listed = ws.finished_placements(q)
    assert mid in [f.modul_id for f in listed]
    cmd = commands.ClosePlacements([(f.modul_id, f.kursist_id, f.default_end) for f in listed],
                                   "8")
    return cmd, lambda: ws.finished_placements(q) == [] and one(
        ws.store.conn, "SELECT uslutdato FROM modul WHERE id = ?", (mid,)) == ("2023-08-31",)


def _end_hold(ws):
    hold = _hold(ws)
    cmd = commands.EndHold(hold, "2024-03-31")
    return cmd, lambda: ws.hold(hold).slutdato == "2024-03-31"


def _set_cells(ws):
    c = ws.store.conn
    mid, month, fravaer = one(c, "SELECT modul_id, unperiode, unfravaer FROM undervisning "
                                 "WHERE iperiode = ? ORDER BY id", (Q.iperiode,))
    new = "0" if fravaer != "0" else "1"
    cmd = commands.SetCells(Q.iperiode, [commands.Cell(mid, int(month), "unfravaer", new)],
                            [fravaer])
    return cmd, lambda: one(c, "SELECT unfravaer FROM undervisning WHERE modul_id = ? AND "
                               "iperiode = ? AND unperiode = ?",
                            (mid, Q.iperiode, month)) == (new,)


CASES = {
    "SetFields": [_set_fields, _set_stamdata, _set_fields_fills_unfagskema,
                  _set_fields_fills_attempt],
    "AddRecords": [_add_records, _add_placement, _add_exam],
    "DeleteRecord": [_delete_placement, _delete_kursist],
    "ClosePlacement": [_close_placement],
    "RestartModule": [_restart_module],
    "CreateKursist": [_create_kursist],
    "SaveSettings": [_save_settings],
    "ImportFiles": [_import_files],
    "Batch": [_batch_paste],
    "RestoreBackup": [_restore_backup],
    "CreateHold": [_create_hold],
    "SetHold": [_set_hold],
    "SetPlan": [_set_plan],
    "JoinHold": [_join_hold],
    "LeaveHold": [_leave_hold],
    "ChangeHold": [_change_hold],
    "ModuleShift": [_module_shift],
    "CarryForward": [_carry_forward],
    "ClosePlacements": [_close_placements],
    "EndHold": [_end_hold],
    "SetCells": [_set_cells],
}
ALL = [case for cases in CASES.values() for case in cases]
# Commands that name no kursist (a hold's own records, a whole quarter) or that may name any
# (joining a hold) have no other kursist to be refused for.
STALE_CASES = [f for f in ALL if f not in (_save_settings, _import_files, _restore_backup,
                                           _create_kursist, _batch_paste, _create_hold,
                                           _set_hold, _set_plan, _join_hold, _module_shift,
                                           _carry_forward, _set_cells, _end_hold,
                                           _close_placements)]


def test_every_registered_command_has_a_case():
    assert sorted(CASES) == sorted(commands.REGISTRY)


def build(case, ws, tmp_path):
    if case in (_import_files, _restore_backup):
        return case(ws, tmp_path)
    return case(ws)


@pytest.mark.parametrize("case", ALL, ids=lambda f: f.__name__.strip("_"))
def test_a_command_is_one_transaction_and_undo_gives_back_the_whole_database(case, ws,
                                                                             tmp_path):
    c = ws.store.conn
    cmd, holds = build(case, ws, tmp_path)
    before = whole(c)
    trace = Trace()
    c.set_trace_callback(trace)
    try:
        changes = ws.run(cmd)
    finally:
        c.set_trace_callback(None)
    # A restore is SQLite's backup API writing every page in one step: no BEGIN to count.
    assert trace.transactions == (0 if isinstance(cmd, commands.RestoreBackup) else 1), \
        trace.statements
    assert holds()
    assert changes
    after = whole(c)
    assert after != before
    if not cmd.undoable:
        return
    for direction, expected in ((ws.undo, before), (ws.redo, after), (ws.undo, before)):
        trace = Trace()
        c.set_trace_callback(trace)
        try:
            assert direction(cmd) == changes
        finally:
            c.set_trace_callback(None)
        assert trace.transactions == 1
        assert whole(c) == expected, direction.__name__


@pytest.mark.parametrize("case", STALE_CASES, ids=lambda f: f.__name__.strip("_"))
def test_a_command_for_another_kursist_or_a_changed_row_writes_nothing(case, ws, tmp_path):
    c = ws.store.conn
    cmd, _ = build(case, ws, tmp_path)
    other = one(c, "SELECT id FROM kursist WHERE id != ? ORDER BY id DESC", (cmd.kid,))[0]
    before = whole(c)
    real = cmd.kid
    cmd.kid = other  # the id now names a record of someone else
    with pytest.raises(Stale, match="ændret uden for vinduet"):
        ws.run(cmd)
    assert whole(c) == before
    cmd.kid = real
    ws.run(cmd)
    after = whole(c)
    # Another connection changes a row the command wrote: undo refuses, writes nothing.
    image = cmd.images[-1]
    table, key = image.table, image.key
    other_conn = sqlite3.connect(ws.store.path)
    try:
        cols = commands.base.ROW_KEYS[table]
        where = " AND ".join(f"{k} = ?" for k in cols)
        if image.after is None:  # a deleted row comes back from elsewhere
            names = commands.base.columns(c, table)
            other_conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                               f"({', '.join('?' * len(names))})", image.before)
        else:
            other_conn.execute(f"DELETE FROM {table} WHERE {where}", key)
        other_conn.commit()
    finally:
        other_conn.close()
    changed_elsewhere = whole(c)
    assert changed_elsewhere != after
    with pytest.raises(Stale):
        ws.undo(cmd)
    assert whole(c) == changed_elsewhere


def test_a_deleted_placement_comes_back_with_its_months_and_their_ids(ws):
    c = ws.store.conn
    mid, kid = one(c, "SELECT m.id, m.kursist_id FROM modul m WHERE (SELECT COUNT(*) FROM "
                      "undervisning u WHERE u.modul_id = m.id) >= 2 ORDER BY m.id")
    months = c.execute("SELECT * FROM undervisning WHERE modul_id = ? ORDER BY id",
                       (mid,)).fetchall()
    cmd = commands.DeleteRecord("modul", mid, kid, Q.iperiode)
    ws.run(cmd)
    assert c.execute("SELECT COUNT(*) FROM modul WHERE id = ?", (mid,)).fetchone() == (0,)
    ws.undo(cmd)
    assert c.execute("SELECT * FROM undervisning WHERE modul_id = ? ORDER BY id",
                     (mid,)).fetchall() == months
    # a new record after the undo never takes an id that was used before
    new = ws.add_record("modul", kid, Q, {"uuddnr": "2", "umodul": "1"})
    assert new > max(r[0] for r in c.execute("SELECT id FROM modul WHERE id != ?", (new,)))


def test_a_re_import_keeps_the_ids_of_records_that_stay_and_numbers_new_ones_after(ws, inputs,
                                                                                  tmp_path):
    c = ws.store.conn
    before = {r[0]: r[1:] for r in c.execute("SELECT id, kursist_id, iperiode, hhenvisdato, "
                                             "hhenviskat, hkomkode FROM henvisning")}
    files = sample_files(n=20, first=Quarter(2023, 3), seed=11)
    quarter = files[Q.iperiode]
    first = quarter[0]
    first.children[0].values["hkomkode"] = "851"  # corrected in the other system
    folder = tmp_path / "again"
    folder.mkdir()
    top = c.execute("SELECT MAX(id) FROM henvisning").fetchone()[0]
    assert import_files(ws.store, write_files(folder, {Q.iperiode: quarter})).stored
    after = {r[0]: r[1:] for r in c.execute("SELECT id, kursist_id, iperiode, hhenvisdato, "
                                            "hhenviskat, hkomkode FROM henvisning")}
    changed = {rid for rid in before if after.get(rid) != before[rid]}
    assert len(changed) == 1  # the corrected record, in place, under its own id
    [rid] = changed
    assert after[rid][:4] == before[rid][:4] and after[rid][4] == "851"
    assert all(rid <= top for rid in after)


def test_findings_name_their_record_by_kind_and_id_and_their_quarter(ws):
    """The editor paints a finding in the row whose id it names (RecordRef), never by
    reading its label back."""
    c = ws.store.conn
    rid, kid = one(c, "SELECT id, kursist_id FROM henvisning WHERE iperiode = ? ORDER BY id",
                   (Q.iperiode,))
    with ws.store.transaction():
        c.execute("UPDATE henvisning SET hkomkode = '999' WHERE id = ?", (rid,))  # A3
    [f] = [f for f in ws.findings(kid, Q) if f.rule == "A3"]
    assert (f.ref.kind, f.ref.id, f.iperiode) == ("henvisning", rid, Q.iperiode)
    date = one(c, "SELECT hhenvisdato FROM henvisning WHERE id = ?", (rid,))[0]
    assert f.record == f.ref.label == f"henvisning {date}"
    assert f.ref.describe() == f"Henvisning {danish(date)}"  # the date as the window shows it


def test_settings_are_checked_against_their_one_declaration(ws):
    from desktop.settings import REGISTRY
    from desktop.store import StoreError
    before = whole(ws.store.conn)
    for key, bad in (("lesson_minutes", "500"), ("ukode", "12345"), ("a1_error", "ja")):
        with pytest.raises(StoreError) as refused:
            ws.run(commands.SaveSettings({key: bad}))
        assert str(refused.value) == REGISTRY[key].message
    assert whole(ws.store.conn) == before
    assert ws.setting("lesson_minutes") == REGISTRY["lesson_minutes"].default == 45


def test_a_batch_with_one_stale_part_writes_none_of_them(ws):
    cmd, _ = _batch_paste(ws)
    c = ws.store.conn
    before = whole(c)
    cmd.parts[-1].seen = {"unfagoevrig": "not what the window showed"}
    with pytest.raises(Stale):
        ws.run(cmd)
    assert whole(c) == before
