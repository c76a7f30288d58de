"""Storing a parsed v1.8 file, all-or-nothing, in one transaction.

For each kursist in the file, its henvisninger, undervisning and prøver reported in the file's
quarter become the file's, keeping the ids of records that stay (see _sync); placements are
matched on DU + module + attempt and updated to the state the file reports at the end of its
quarter.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

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
    c.executemany("DELETE FROM modul_rapport WHERE iperiode = ?2 AND modul_id IN "
                  "(SELECT id FROM modul WHERE kursist_id = ?1)", scope)

    rows: dict[str, dict[tuple, list]] = {"henvisning": {}, "proeve": {}, "undervisning": {}}
    reported_only: list[tuple[int, str]] = []
    for (kid, iperiode), k in zip(scope, kursister):
        counts["kursister"] += 1
        for kind in ("henvisning", "proeve"):
            for r in k.of_kind(kind):
                rows[kind].setdefault((kid, iperiode), []).append(
                    tuple(r.values[t] for t in TAGS[kind]))
                counts[kind] += 1
        for m in k.moduler:
            pid = _put_placement(c, placements, kid, iperiode, m)
            counts["modul"] += 1
            for u in m.undervisning:
                rows["undervisning"].setdefault((pid, iperiode), []).append(
                    tuple(u.values[t] for t in TAGS["undervisning"]))
                counts["undervisning"] += 1
            if not m.undervisning and not m["uslutdato"]:
                reported_only.append((pid, iperiode))
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
        old = list(stored.get(group, ()))
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


def _put_placement(c, placements: dict, kid: int, iperiode: str, m: Record) -> int:
    key = (kid, m["uuddnr"], m["umodul"], m["uforsoegnr"])
    values = m.values
    found = placements.get(key)
    if found is None:
        pid = c.execute(insert_sql("modul", "kursist_id"),
                        (kid, *(values[t] for t in TAGS["modul"]))).lastrowid
        placements[key] = (pid, values["uslutdato"])
        return pid
    pid, stored_end = found
    c.execute("UPDATE modul SET ustartdato = ? WHERE id = ?", (values["ustartdato"], pid))
    if values["uslutdato"]:
        c.execute("UPDATE modul SET uslutdato = ?, uophoersaarsag = ?, umodtestdato = ? WHERE id = ?",
                  (*(values[t] for t in PLACEMENT_END), pid))
        placements[key] = (pid, values["uslutdato"])
    elif stored_end and stored_end < Quarter.parse(iperiode).next().start.isoformat():
        # The file says the placement was still open at the end of its quarter: an end we
        # knew of within or before that quarter is withdrawn. A later end stays.
        c.execute("UPDATE modul SET uslutdato = NULL, uophoersaarsag = NULL, umodtestdato = NULL "
                  "WHERE id = ?", (pid,))
        placements[key] = (pid, None)
    return pid
