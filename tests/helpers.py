"""Shared test helpers: sample quarter files on disk and a canonical view of records."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from desktop.domain.quarter import Quarter
from desktop.domain.records import Record
from desktop.format.writer import document_bytes
from desktop.sampledata import histories, quarter_files

UKODE = "123456"
DATA = Path(__file__).parent / "data"
# Schema versions kept as real databases (SQL text made by tools/make_store_dump.py).
KEPT = sorted(int(m[1]) for p in DATA.glob("store_v*/store.sql")
              if (m := re.fullmatch(r"store_v(\d+)", p.parent.name)))


def build(version: int, db: Path) -> Path:
    """The kept database of that schema version as a real SQLite file."""
    c = sqlite3.connect(db)
    try:
        c.executescript((DATA / f"store_v{version}" / "store.sql").read_text(encoding="utf-8"))
    finally:
        c.close()
    return db


def sample_files(n: int = 60, first=Quarter(2023, 1), last=Quarter(2024, 2), seed: int = 7):
    return quarter_files(histories(n, first, last, seed=seed), UKODE, first, last)


def write_files(folder: Path, files: dict[str, list[Record]], produktkode="LUDUS 4.2") -> list[Path]:
    paths = []
    for iperiode, kursister in files.items():
        path = folder / f"DU_{UKODE}_{iperiode}.xml"
        path.write_bytes(document_bytes(kursister, produktkode))
        paths.append(path)
    return paths


def canon(r: Record) -> str:
    """Records compared by value: order of children and None vs '' aside."""
    return repr((r.kind, sorted((k, v or "") for k, v in r.values.items()),
                 sorted(canon(c) for c in r.children)))


def canon_all(kursister: list[Record]) -> list[str]:
    return sorted(canon(k) for k in kursister)


def dump(store) -> list:
    """Every row of every table (replaced rows' ids aside), for 'the store is unchanged' comparisons."""
    c = store.conn
    tables = [r[0] for r in c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out = []
    for t in tables:
        # Rows that are replaced get new surrogate ids; compare them by content.
        cols = [r[1] for r in c.execute(f"PRAGMA table_info({t})") if r[1] != "id" or t == "modul"]
        rows = c.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()
        out.append((t, sorted(rows, key=repr)))
    return out
