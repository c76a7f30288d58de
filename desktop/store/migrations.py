"""Numbered schema migrations. Step N brings PRAGMA user_version from N-1 to N.

Each step is a list of single statements, run inside the caller's transaction (never
executescript, which commits on its own).
"""

from __future__ import annotations

_V1 = [
    """CREATE TABLE kursist (
        id INTEGER PRIMARY KEY,
        ukode TEXT NOT NULL,
        kcprnr TEXT NOT NULL,
        UNIQUE (ukode, kcprnr))""",
    # Stamdata as reported per quarter: the latest quarter wins, and an old quarter's file
    # can still be reproduced with the stamdata it carried.
    """CREATE TABLE stamdata (
        kursist_id INTEGER NOT NULL REFERENCES kursist(id) ON DELETE CASCADE,
        iperiode TEXT NOT NULL,
        kkoen TEXT,
        knationskode TEXT,
        PRIMARY KEY (kursist_id, iperiode)) WITHOUT ROWID""",
    # iperiode: the quarter the record is reported in (the quarter of its date when typed in).
    """CREATE TABLE henvisning (
        id INTEGER PRIMARY KEY,
        kursist_id INTEGER NOT NULL REFERENCES kursist(id) ON DELETE CASCADE,
        iperiode TEXT NOT NULL,
        hhenvisdato TEXT, hhenviskat TEXT, hkomkode TEXT)""",
    "CREATE INDEX henvisning_quarter ON henvisning (iperiode, kursist_id)",
    "CREATE INDEX henvisning_kursist ON henvisning (kursist_id)",
    """CREATE TABLE modul (
        id INTEGER PRIMARY KEY,
        kursist_id INTEGER NOT NULL REFERENCES kursist(id) ON DELETE CASCADE,
        uuddnr TEXT, umodul TEXT, uforsoegnr TEXT,
        ustartdato TEXT, uslutdato TEXT, uophoersaarsag TEXT, umodtestdato TEXT)""",
    "CREATE INDEX modul_kursist ON modul (kursist_id)",
    "CREATE INDEX modul_end ON modul (uslutdato)",
    # Quarters in which an imported file listed a placement that had neither teaching nor an
    # end there (B3); kept so that re-exporting that quarter reproduces the file.
    """CREATE TABLE modul_rapport (
        modul_id INTEGER NOT NULL REFERENCES modul(id) ON DELETE CASCADE,
        iperiode TEXT NOT NULL,
        PRIMARY KEY (iperiode, modul_id)) WITHOUT ROWID""",
    "CREATE INDEX modul_rapport_modul ON modul_rapport (modul_id)",
    """CREATE TABLE undervisning (
        id INTEGER PRIMARY KEY,
        modul_id INTEGER NOT NULL REFERENCES modul(id) ON DELETE CASCADE,
        iperiode TEXT NOT NULL,
        unperiode TEXT, unfagskema TEXT, unkatkonf TEXT, unkatstud TEXT, unkatedb TEXT,
        unkatproj TEXT, unkateks TEXT, unkatoevrig TEXT, unfravaer TEXT, unfagoevrig TEXT,
        unlekmin TEXT)""",
    "CREATE INDEX undervisning_quarter ON undervisning (iperiode, modul_id)",
    "CREATE INDEX undervisning_modul ON undervisning (modul_id)",
    """CREATE TABLE proeve (
        id INTEGER PRIMARY KEY,
        kursist_id INTEGER NOT NULL REFERENCES kursist(id) ON DELETE CASCADE,
        iperiode TEXT NOT NULL,
        pdato TEXT, ptype TEXT, pstatus TEXT, pkarakter TEXT, pselvstuderende TEXT)""",
    "CREATE INDEX proeve_quarter ON proeve (iperiode, kursist_id)",
    "CREATE INDEX proeve_kursist ON proeve (kursist_id)",
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]

# Version 2: every file the app has written, so the clerk can see what was last exported.
_V2 = [
    """CREATE TABLE eksport (
        id INTEGER PRIMARY KEY,
        tidspunkt TEXT NOT NULL,            -- UTC, ISO 8601
        ukode TEXT NOT NULL,
        iperiode TEXT NOT NULL,
        kcprnr TEXT,                        -- NULL: the whole quarter
        filnavn TEXT NOT NULL,              -- the full path as written
        sha256 TEXT NOT NULL,
        antal_kursister INTEGER NOT NULL,
        tvunget INTEGER NOT NULL CHECK (tvunget IN (0, 1)))  -- exported despite type A errors""",
    "CREATE INDEX eksport_quarter ON eksport (iperiode, kcprnr)",
]

def _autoincrement(table: str, body: str, indexes: tuple[str, ...]) -> list[str]:
    """Rebuild a table with `id INTEGER PRIMARY KEY AUTOINCREMENT` (SQLite cannot add it in
    place). The caller has foreign keys off, as SQLite's table-rebuild procedure asks, so the
    DROP deletes no child rows; the rows keep their ids."""
    return [f"CREATE TABLE {table}_v3 (id INTEGER PRIMARY KEY AUTOINCREMENT, {body})",
            f"INSERT INTO {table}_v3 SELECT * FROM {table}",
            f"DROP TABLE {table}",
            f"ALTER TABLE {table}_v3 RENAME TO {table}",
            *indexes]


# Version 3: row ids are never reused. Without AUTOINCREMENT SQLite hands a deleted row's id
# to the next insert, so a window (or an undo step) that kept the id would write into
# another kursist's record after a re-import elsewhere.
_V3 = [
    *_autoincrement("kursist", "ukode TEXT NOT NULL, kcprnr TEXT NOT NULL, "
                    "UNIQUE (ukode, kcprnr)", ()),
    *_autoincrement("henvisning", "kursist_id INTEGER NOT NULL REFERENCES kursist(id) "
                    "ON DELETE CASCADE, iperiode TEXT NOT NULL, "
                    "hhenvisdato TEXT, hhenviskat TEXT, hkomkode TEXT",
                    ("CREATE INDEX henvisning_quarter ON henvisning (iperiode, kursist_id)",
                     "CREATE INDEX henvisning_kursist ON henvisning (kursist_id)")),
    *_autoincrement("modul", "kursist_id INTEGER NOT NULL REFERENCES kursist(id) "
                    "ON DELETE CASCADE, uuddnr TEXT, umodul TEXT, uforsoegnr TEXT, "
                    "ustartdato TEXT, uslutdato TEXT, uophoersaarsag TEXT, umodtestdato TEXT",
                    ("CREATE INDEX modul_kursist ON modul (kursist_id)",
                     "CREATE INDEX modul_end ON modul (uslutdato)")),
    *_autoincrement("undervisning", "modul_id INTEGER NOT NULL REFERENCES modul(id) "
                    "ON DELETE CASCADE, iperiode TEXT NOT NULL, "
                    "unperiode TEXT, unfagskema TEXT, unkatkonf TEXT, unkatstud TEXT, "
                    "unkatedb TEXT, unkatproj TEXT, unkateks TEXT, unkatoevrig TEXT, "
                    "unfravaer TEXT, unfagoevrig TEXT, unlekmin TEXT",
                    ("CREATE INDEX undervisning_quarter ON undervisning (iperiode, modul_id)",
                     "CREATE INDEX undervisning_modul ON undervisning (modul_id)")),
    *_autoincrement("proeve", "kursist_id INTEGER NOT NULL REFERENCES kursist(id) "
                    "ON DELETE CASCADE, iperiode TEXT NOT NULL, "
                    "pdato TEXT, ptype TEXT, pstatus TEXT, pkarakter TEXT, pselvstuderende TEXT",
                    ("CREATE INDEX proeve_quarter ON proeve (iperiode, kursist_id)",
                     "CREATE INDEX proeve_kursist ON proeve (kursist_id)")),
    *_autoincrement("eksport", "tidspunkt TEXT NOT NULL, ukode TEXT NOT NULL, "
                    "iperiode TEXT NOT NULL, kcprnr TEXT, filnavn TEXT NOT NULL, "
                    "sha256 TEXT NOT NULL, antal_kursister INTEGER NOT NULL, "
                    "tvunget INTEGER NOT NULL CHECK (tvunget IN (0, 1))",
                    ("CREATE INDEX eksport_quarter ON eksport (iperiode, kcprnr)",)),
]

# Version 4: the file says it is DU-indberetning's (PRAGMA application_id), so that another
# program's SQLite file is never taken for a store, and a store is recognised wherever it lies.
APPLICATION_ID = 0x44550108  # "DU", v1.8
_V4 = [f"PRAGMA application_id = {APPLICATION_ID}"]

# Version 5, holds: the provider's classes, the app's own records (never exported). A hold
# has a DU and a module (the module moves on at a modulskift), a lesson length and a monthly
# plan; a member is a placement on the hold from a day (`fra`) until it changes hold (`til`,
# NULL while it stays).
_HOLDS = [
    """CREATE TABLE hold (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ukode TEXT NOT NULL,
        navn TEXT NOT NULL,
        uuddnr TEXT NOT NULL,
        umodul TEXT NOT NULL,
        unlekmin TEXT NOT NULL,
        startdato TEXT NOT NULL,
        slutdato TEXT,
        UNIQUE (ukode, navn))""",
    """CREATE TABLE hold_plan (
        hold_id INTEGER NOT NULL REFERENCES hold(id) ON DELETE CASCADE,
        aar INTEGER NOT NULL,
        maaned INTEGER NOT NULL CHECK (maaned BETWEEN 1 AND 12),
        unfagskema TEXT, unkatkonf TEXT, unkatstud TEXT, unkatedb TEXT, unkatproj TEXT,
        unkateks TEXT, unkatoevrig TEXT, unfagoevrig TEXT,
        PRIMARY KEY (hold_id, aar, maaned)) WITHOUT ROWID""",
    """CREATE TABLE hold_medlem (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        hold_id INTEGER NOT NULL REFERENCES hold(id) ON DELETE CASCADE,
        modul_id INTEGER NOT NULL REFERENCES modul(id) ON DELETE CASCADE,
        fra TEXT NOT NULL,
        til TEXT)""",
    "CREATE INDEX hold_medlem_hold ON hold_medlem (hold_id, fra)",
    "CREATE INDEX hold_medlem_modul ON hold_medlem (modul_id)",
    # A placement is on one hold at a time.
    "CREATE UNIQUE INDEX hold_medlem_open ON hold_medlem (modul_id) WHERE til IS NULL",
]

MIGRATIONS: list[list[str]] = [_V1, _V2, _V3, _V4, _HOLDS]
LATEST = len(MIGRATIONS)
# The first version whose files carry APPLICATION_ID; files of earlier versions are recognised
# by their tables instead (desktop.store.identity).
MARKED_FROM = next(n for n, steps in enumerate(MIGRATIONS, 1)
                   if any("application_id" in step for step in steps))
