"""Storing a parsed v1.8 file, all-or-nothing, in one transaction.

For each kursist in the file, its henvisninger, undervisning and prøver reported in the file's
quarter are replaced; placements are matched on DU + module + attempt and updated to the state
the file reports at the end of its quarter.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from desktop.domain.fields import PLACEMENT_END, TAGS
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record
from desktop.store.writes import insert_sql



def store_kursister(c: sqlite3.Connection, kursister: list[Record]) -> Counter:
    """Store one file's kursister; the caller holds the transaction."""
    counts: Counter = Counter()
    c.execute("DROP TABLE IF EXISTS temp.imp")
    c.execute("CREATE TEMP TABLE imp (ukode TEXT, kcprnr TEXT, PRIMARY KEY (ukode, kcprnr))")
    pairs = list(dict.fromkeys((k["ukode"], k["kcprnr"]) for k in kursister))  # file order
    c.executemany("INSERT OR IGNORE INTO kursist (ukode, kcprnr) VALUES (?, ?)", pairs)
    c.executemany("INSERT OR IGNORE INTO imp VALUES (?, ?)", pairs)
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
    c.executemany(
        "INSERT INTO stamdata (kursist_id, iperiode, kkoen, knationskode) VALUES (?,?,?,?) "
        "ON CONFLICT (kursist_id, iperiode) DO UPDATE SET kkoen = excluded.kkoen, "
        "knationskode = excluded.knationskode",
        [(kid, q, k["kkoen"], k["knationskode"]) for (kid, q), k in zip(scope, kursister)])
    for table in ("henvisning", "proeve"):
        c.executemany(f"DELETE FROM {table} WHERE iperiode = ?2 AND kursist_id = ?1", scope)
    for table in ("undervisning", "modul_rapport"):
        c.executemany(f"DELETE FROM {table} WHERE iperiode = ?2 AND modul_id IN "
                      "(SELECT id FROM modul WHERE kursist_id = ?1)", scope)

    rows: dict[str, list] = {"henvisning": [], "proeve": [], "undervisning": []}
    reported_only: list[tuple[int, str]] = []
    for (kid, iperiode), k in zip(scope, kursister):
        counts["kursister"] += 1
        for kind in ("henvisning", "proeve"):
            for r in k.of_kind(kind):
                rows[kind].append((kid, iperiode, *(r.values[t] for t in TAGS[kind])))
                counts[kind] += 1
        for m in k.moduler:
            pid = _put_placement(c, placements, kid, iperiode, m)
            counts["modul"] += 1
            for u in m.undervisning:
                rows["undervisning"].append(
                    (pid, iperiode, *(u.values[t] for t in TAGS["undervisning"])))
                counts["undervisning"] += 1
            if not m.undervisning and not m["uslutdato"]:
                reported_only.append((pid, iperiode))
    for kind, parent in (("henvisning", "kursist_id"), ("proeve", "kursist_id"),
                         ("undervisning", "modul_id")):
        c.executemany(insert_sql(kind, parent, ("iperiode",)), rows[kind])
    c.executemany("INSERT OR IGNORE INTO modul_rapport (modul_id, iperiode) VALUES (?, ?)",
                  reported_only)
    c.execute("DROP TABLE temp.imp")
    return counts


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
