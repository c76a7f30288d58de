"""Storing a parsed v1.8 file, all-or-nothing, in one transaction.

For each kursist in the file, its henvisninger, undervisning and prøver reported in the file's
quarter become the file's, keeping the ids of records that stay (see _sync); placements are
matched on DU + module + attempt and updated to the state the file reports at the end of its
quarter.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from operator import itemgetter

from desktop.domain.fields import KEYS, PLACEMENT_END, TAGS
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record
from desktop.store.writes import insert_sql, put_stamdata_rows


def store_kursister(c: sqlite3.Connection, kursister: list[Record]) -> Counter:
    """Store one file's kursister; the caller holds the transaction."""
    counts: Counter = Counter()
    c.execute("DROP TABLE IF EXISTS temp.imp")
    c.execute("CREATE TEMP TABLE imp (ukode TEXT, kcprnr TEXT, PRIMARY KEY (ukode, kcprnr))")
    pairs = list(dict.fromkeys((k["ukode"], k["kcprnr"]) for k in kursister))  # file order
    c.executemany("INSERT OR IGNORE INTO imp VALUES (?, ?)", pairs)
    # Only the new ones: an ignored INSERT would still use up an AUTOINCREMENT id.
    c.execute("INSERT INTO kursist (ukode, kcprnr) SELECT i.ukode, i.kcprnr FROM imp i "
              "WHERE NOT EXISTS (SELECT 1 FROM kursist k WHERE k.ukode = i.ukode "
              "AND k.kcprnr = i.kcprnr) ORDER BY i.rowid")
    kids = {(u, p): kid for kid, u, p in c.execute(
        "SELECT k.id, k.ukode, k.kcprnr FROM imp CROSS JOIN kursist k USING (ukode, kcprnr)")}
    placements: dict[tuple, tuple[int, str | None]] = {}
    for pid, kid, udd, mod, fors, slut in c.execute(
            "SELECT m.id, m.kursist_id, m.uuddnr, m.umodul, m.uforsoegnr, m.uslutdato "
            "FROM imp CROSS JOIN kursist k USING (ukode, kcprnr) CROSS JOIN modul m "
            "ON m.kursist_id = k.id "
            "ORDER BY m.id DESC"):
        placements[(kid, udd, mod, fors)] = (pid, slut)

    scope = [(kids[k["ukode"], k["kcprnr"]], k["iperiode"]) for k in kursister]
    put_stamdata_rows(c, [(kid, q, k["kkoen"], k["knationskode"])
                          for (kid, q), k in zip(scope, kursister)])
    c.execute("DROP TABLE IF EXISTS temp.imp_scope")
    c.execute("CREATE TEMP TABLE imp_scope (kid INTEGER, q TEXT, PRIMARY KEY (kid, q))")
    c.executemany("INSERT OR IGNORE INTO imp_scope VALUES (?, ?)", scope)
    stored = {kind: _stored(c, kind) for kind in ("henvisning", "proeve", "undervisning")}
    c.execute("DELETE FROM modul_rapport WHERE (iperiode, modul_id) IN "
              "(SELECT s.q, m.id FROM imp_scope s CROSS JOIN modul m ON m.kursist_id = s.kid)")

    rows: dict[str, dict[tuple, list]] = {"henvisning": {}, "proeve": {}, "undervisning": {}}
    put = _Placements(c, placements)
    reported_only: list[tuple[int, str]] = []
    values_of = {kind: itemgetter(*TAGS[kind]) for kind in rows}  # in catalogue order
    n = Counter()
    for (kid, iperiode), k in zip(scope, kursister):
        for r in k.children:
            kind = r.kind
            if kind == "modul":
                pid = put(kid, iperiode, r)
                taught = [values_of["undervisning"](u.values) for u in r.children
                          if u.kind == "undervisning"]
                if taught:
                    rows["undervisning"].setdefault((pid, iperiode), []).extend(taught)
                    n["undervisning"] += len(taught)
                elif not r.values["uslutdato"]:
                    reported_only.append((pid, iperiode))
            elif kind in values_of:
                rows[kind].setdefault((kid, iperiode), []).append(values_of[kind](r.values))
            n[kind] += 1
    n["kursister"] = len(kursister)
    counts.update({kind: count for kind, count in n.items() if count})  # as before: no zeros
    put.flush()
    for kind, parent in (("henvisning", "kursist_id"), ("proeve", "kursist_id"),
                         ("undervisning", "modul_id")):
        _sync(c, kind, parent, stored[kind], rows[kind])
    c.executemany("INSERT OR IGNORE INTO modul_rapport (modul_id, iperiode) VALUES (?, ?)",
                  reported_only)
    c.execute("DROP TABLE temp.imp_scope")
    c.execute("DROP TABLE temp.imp")
    return counts


def _stored(c, kind: str) -> dict[tuple, list[tuple[int, tuple]]]:
    """The records of `kind` the file's kursister already have in the file's quarters, per
    (parent id, quarter): (id, values in catalogue order)."""
    cols = ", ".join("t." + t for t in TAGS[kind])
    if kind == "undervisning":
        sql = (f"SELECT t.id, t.modul_id, t.iperiode, {cols} FROM imp_scope s CROSS JOIN modul m "
               "ON m.kursist_id = s.kid CROSS JOIN undervisning t ON t.modul_id = m.id "
               "AND t.iperiode = s.q")
    else:
        sql = (f"SELECT t.id, t.kursist_id, t.iperiode, {cols} FROM imp_scope s CROSS JOIN "
               f"{kind} t ON t.kursist_id = s.kid AND t.iperiode = s.q")
    found: dict[tuple, list[tuple[int, tuple]]] = {}
    for row in c.execute(sql):
        found.setdefault((row[1], row[2]), []).append((row[0], row[3:]))
    return found


def _sync(c, kind: str, parent: str, stored: dict, new: dict) -> None:
    """Make each (parent, quarter)'s records what the file says, keeping ids: a record that is
    the same stays untouched, one with the same key but other values is updated in place,
    the rest are deleted or inserted. So a window, or an undo step, that names a record by id
    still finds it after a re-import (and never finds another kursist's record there)."""
    tags = TAGS[kind]
    key_at = [tags.index(t) for t in KEYS[kind]]
    updates, deletes, inserts = [], [], []
    # In the file's order, so that new records are numbered as the file lists them.
    for group in [*new, *(g for g in stored if g not in new)]:
        if group not in stored:  # nothing stored for it: every record is new
            inserts += [(group[0], group[1], *values) for values in new[group]]
            continue
        old = list(stored[group])
        fresh = []
        for values in new.get(group, ()):
            same = next((i for i, (_, v) in enumerate(old) if v == values), None)
            if same is None:
                fresh.append(values)
            else:
                old.pop(same)
        for values in fresh:
            key = [values[i] for i in key_at]
            match = next((i for i, (_, v) in enumerate(old) if [v[j] for j in key_at] == key),
                         None)
            if match is None:
                inserts.append((group[0], group[1], *values))
            else:
                rid, _ = old.pop(match)
                updates.append((*values, rid))
        deletes += [(rid,) for rid, _ in old]
    c.executemany(f"DELETE FROM {kind} WHERE id = ?", deletes)
    c.executemany(f"UPDATE {kind} SET {', '.join(t + ' = ?' for t in tags)} WHERE id = ?", updates)
    c.executemany(insert_sql(kind, parent, ("iperiode",)), inserts)


class _Placements:
    """The file's placements, matched on (kursist, DU, module, attempt) to those stored (the
    dict given, updated as they are written). New ones get their ids here, the ones SQLite's
    AUTOINCREMENT would give (this transaction holds the write lock), so their months can be
    grouped at once; they are inserted with one executemany and the stored ones updated with
    one per kind of change, at flush()."""

    _START = "UPDATE modul SET ustartdato = ? WHERE id = ?"
    _END = "UPDATE modul SET uslutdato = ?, uophoersaarsag = ?, umodtestdato = ? WHERE id = ?"
    _REOPEN = ("UPDATE modul SET uslutdato = NULL, uophoersaarsag = NULL, umodtestdato = NULL "
               "WHERE id = ?")
    BATCH = 2000  # new placements held before they are written

    def __init__(self, c: sqlite3.Connection, known: dict[tuple, tuple[int, str | None]]):
        self.c = c
        self.known = known  # key -> (id, the end as this import leaves it)
        # AUTOINCREMENT's next id: above the largest the table has ever had.
        self.next_id = 1 + c.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'modul'), 0), "
            "coalesce((SELECT max(id) FROM modul), 0))").fetchone()[0]
        self.touched: set[tuple] = set()
        self.new: list[tuple] = []
        self.writes: dict[str, list[tuple]] = {self._START: [], self._END: [], self._REOPEN: []}
        self.sql = insert_sql("modul", "id", ("kursist_id",))
        self.tags = TAGS["modul"]
        self.next_start: dict[str, str] = {}  # quarter -> the next quarter's first day

    def __call__(self, kid: int, iperiode: str, m: Record) -> int:
        values = m.values
        key = (kid, values["uuddnr"], values["umodul"], values["uforsoegnr"])
        if key in self.touched:
            # The same placement twice in one call (the schema's modulkey forbids it in a
            # file): what came before is written first, in order.
            self.flush()
        self.touched.add(key)
        found = self.known.get(key)
        if found is None:
            pid = self.next_id
            self.next_id += 1
            self.new.append((pid, kid, *(values[t] for t in self.tags)))
            self.known[key] = (pid, values["uslutdato"])
            if len(self.new) >= self.BATCH:
                self.flush()
            return pid
        pid, stored_end = found
        self.writes[self._START].append((values["ustartdato"], pid))
        if values["uslutdato"]:
            self.writes[self._END].append((*(values[t] for t in PLACEMENT_END), pid))
            self.known[key] = (pid, values["uslutdato"])
        elif stored_end and stored_end < self._next_start(iperiode):
            # The file says the placement was still open at the end of its quarter: an end we
            # knew of within or before that quarter is withdrawn. A later end stays.
            self.writes[self._REOPEN].append((pid,))
            self.known[key] = (pid, None)
        return pid

    def _next_start(self, iperiode: str) -> str:
        try:
            return self.next_start[iperiode]
        except KeyError:
            day = self.next_start[iperiode] = Quarter.parse(iperiode).next().start.isoformat()
            return day

    def flush(self) -> None:
        if self.new:
            self.c.executemany(self.sql, self.new)
            self.new = []
        for sql, args in self.writes.items():
            if args:
                self.c.executemany(sql, args)
                args.clear()
        self.touched.clear()
