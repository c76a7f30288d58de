"""Record writes. Each function runs inside the caller's `Store.transaction()`.

Column names are the catalogue's tags, so a field is described once (desktop.domain.fields).
"""

from __future__ import annotations

import sqlite3

from desktop.domain.fields import TAGS, as_date
from desktop.domain.quarter import FIRST_YEAR, LAST_YEAR, Quarter

TABLES = {"henvisning", "modul", "undervisning", "proeve"}


def _cols(kind: str) -> tuple[str, ...]:
    return TAGS[kind]


def _value(v: str | None) -> str | None:
    """Stored as a file would carry it: surrounding spaces dropped, an empty field as NULL."""
    if v is None:
        return None
    v = v.strip()
    return v or None


def insert_sql(kind: str, parent: str, extra: tuple[str, ...] = ()) -> str:
    cols = (parent, *extra, *_cols(kind))
    return f"INSERT INTO {kind} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def reported_quarter(value: str | None, fallback: str) -> str:
    """The quarter a record belongs to: that of its date, or the given one while it has none
    (or a date outside the years the app reports, which then shows as A3/A11 at its field)."""
    day = as_date(value)
    return Quarter.of(day).iperiode if day and FIRST_YEAR <= day.year <= LAST_YEAR else fallback


def kursist_id(c: sqlite3.Connection, ukode: str, cpr: str) -> int:
    row = c.execute("SELECT id FROM kursist WHERE ukode = ? AND kcprnr = ?",
                    (ukode, cpr)).fetchone()
    if row:
        return row[0]
    return c.execute("INSERT INTO kursist (ukode, kcprnr) VALUES (?, ?)", (ukode, cpr)).lastrowid


def put_stamdata(c: sqlite3.Connection, kid: int, iperiode: str, kkoen: str | None,
                 knationskode: str | None) -> None:
    put_stamdata_rows(c, [(kid, iperiode, kkoen, knationskode)])


def put_stamdata_rows(c: sqlite3.Connection, rows) -> None:
    """(kursist id, iperiode, kkoen, knationskode) rows: the quarter's stamdata, inserted or
    replaced. The one stamdata upsert (the importer and the dump tool use it)."""
    c.executemany(
        "INSERT INTO stamdata (kursist_id, iperiode, kkoen, knationskode) VALUES (?,?,?,?) "
        "ON CONFLICT (kursist_id, iperiode) DO UPDATE SET kkoen = excluded.kkoen, "
        "knationskode = excluded.knationskode",
        [(kid, q, _value(kkoen), _value(nation)) for kid, q, kkoen, nation in rows])


def add(c: sqlite3.Connection, kind: str, parent_id: int, values: dict[str, str | None],
        iperiode: str | None = None) -> int:
    """Insert a henvisning, modul, undervisning or prøve; returns its id."""
    parent = "modul_id" if kind == "undervisning" else "kursist_id"
    extra = () if kind == "modul" else ("iperiode",)
    row = [parent_id]
    if extra:
        if iperiode is None:
            raise ValueError(f"{kind} needs its reporting quarter")
        row.append(iperiode)
    row += [_value(values.get(t)) for t in _cols(kind)]
    return c.execute(insert_sql(kind, parent, extra), row).lastrowid


def update(c: sqlite3.Connection, kind: str, record_id: int, values: dict[str, str | None]) -> None:
    """Change some fields of one record. A record stays in the quarter it is reported in even
    when its date is changed to another: a mistyped year then shows as A3/A11 at the field,
    where the clerk sees it, instead of the record vanishing into another quarter."""
    if kind not in TABLES:
        raise ValueError(kind)
    cols = [t for t in values if t in _cols(kind)]
    sets = [f"{t} = ?" for t in cols]
    params = [_value(values[t]) for t in cols]
    if sets:
        c.execute(f"UPDATE {kind} SET {', '.join(sets)} WHERE id = ?", (*params, record_id))


def delete(c: sqlite3.Connection, kind: str, record_id: int) -> None:
    if kind not in TABLES | {"kursist"}:
        raise ValueError(kind)
    c.execute(f"DELETE FROM {kind} WHERE id = ?", (record_id,))
