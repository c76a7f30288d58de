"""Is this SQLite file one of ours? Decided before anything is written to it.

From schema version MARKED_FROM on, a store carries PRAGMA application_id = APPLICATION_ID.
An unmarked file is taken as an older store only if its tables and columns are exactly what
the migrations up to its user_version create; an empty file becomes a new store. Anything
else (another program's database, a look-alike with the right table names) is refused.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from desktop.store.migrations import APPLICATION_ID, MARKED_FROM, MIGRATIONS


def layout(c: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every table's columns (name, type, not null, primary key), SQLite's own tables aside."""
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    return {t: [(r[1], r[2].upper(), r[3], r[5]) for r in c.execute(f'PRAGMA table_info("{t}")')]
            for t in sorted(tables)}


@lru_cache(maxsize=None)
def _layout_of(version: int) -> tuple:
    c = sqlite3.connect(":memory:")
    try:
        for steps in MIGRATIONS[:version]:
            for statement in steps:
                c.execute(statement)
        return tuple(layout(c).items())
    finally:
        c.close()


def kind(c: sqlite3.Connection) -> str:
    """'ours', 'empty' (no tables: a new store may be made in it) or 'foreign'.
    Reads only; raises sqlite3.DatabaseError when the file is no database at all."""
    app_id = c.execute("PRAGMA application_id").fetchone()[0]
    version = c.execute("PRAGMA user_version").fetchone()[0]
    if app_id == APPLICATION_ID:
        return "ours"
    if app_id != 0:
        return "foreign"
    found = layout(c)
    if version == 0 and not found:
        return "empty"
    if 0 < version < MARKED_FROM and tuple(found.items()) == _layout_of(version):
        return "ours"  # a store from before the mark
    return "foreign"


def known_layout(c: sqlite3.Connection) -> bool:
    """Are the tables exactly those of the file's own schema version?"""
    version = c.execute("PRAGMA user_version").fetchone()[0]
    return 0 < version and tuple(layout(c).items()) == _layout_of(version)
