"""The quarter grid's columns, and a pasted block turned into cells, without Qt.

A row is a placement in the quarter (desktop.store.holds.GridRow: its id, its months, the
months it runs in); the columns are the CPR, the placement, then per field a column per month
of the quarter, then the totals. A block pasted at a cell fills the columns to its right and
the rows below; every value is checked before anything is stored, so a paste is stored whole
or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.fields import FIELD_BY_TAG, as_int
from desktop.domain.holds import month_name
from desktop.domain.quarter import Quarter

# The grid's fields, in column order: absence first, since that is what the clerk types.
GRID_TAGS = ("unfravaer", "unfagskema", "unfagoevrig")
GROUP_LABELS = {"unfravaer": "Fravær", "unfagskema": "Skemalagte", "unfagoevrig": "Øvrige"}
# Findings on a month's other fields (lesson length, the UnKat parts, the month itself) are
# painted at its Skemalagte cell: that is where the teaching of the month shows.
CELL_OF_TAG = {"unfravaer": "unfravaer", "unfagoevrig": "unfagoevrig"}

COL_CPR, COL_PLACEMENT = 0, 1


@dataclass(frozen=True)
class Column:
    kind: str  # 'cpr', 'placement', 'value', 'total'
    tag: str | None = None
    month: int | None = None

    @property
    def editable(self) -> bool:
        return self.kind == "value"


class GridLayout:
    def __init__(self, q: Quarter):
        self.quarter = q
        cols = [Column("cpr"), Column("placement")]
        for tag in GRID_TAGS:
            cols += [Column("value", tag, m) for m in q.months]
        cols += [Column("total", "unfravaer"), Column("total", "unfagskema")]
        self.columns = cols
        self._index = {(c.tag, c.month): i for i, c in enumerate(cols) if c.kind == "value"}

    def __len__(self) -> int:
        return len(self.columns)

    def column_of(self, tag: str, month: int) -> int | None:
        return self._index.get((CELL_OF_TAG.get(tag, "unfagskema"), month))

    def header(self, i: int) -> str:
        c = self.columns[i]
        if c.kind == "cpr":
            return "CPR-nummer"
        if c.kind == "placement":
            return "Placering"
        if c.kind == "total":
            return f"{GROUP_LABELS[c.tag]} i alt"
        return f"{GROUP_LABELS[c.tag]} {month_name(c.month, short=True)}."


def placement_text(row) -> str:
    return f"DU{row.uuddnr or '?'} modul {row.umodul or '?'} forsøg {row.uforsoegnr or '?'}"


def total(row, tag: str) -> int:
    return sum(as_int(values.get(tag)) or 0 for _, values in row.months.values())


def cell_value(row, col: Column) -> str | None:
    slot = row.months.get(col.month)
    return slot[1].get(col.tag) if slot else None


def is_active(row, q: Quarter, month: int) -> bool:
    return (q.year, month) in row.active(q)


def active_months_of(rows: list, q: Quarter) -> list[frozenset[int]]:
    """Per row, the months of the quarter its placement runs in (worked out once per grid:
    a view asks for every cell's flags on each paint)."""
    return [frozenset(m for _, m in row.active(q)) for row in rows]


@dataclass(frozen=True)
class Refusal:
    """Why a typed or pasted value cannot be stored, at its cell."""
    row: int
    column: int
    message: str


def cells_for_block(rows: list, layout: GridLayout, row0: int, col0: int,
                    block: list[list[str]]):
    """The cells a block pasted at (row0, col0) sets, as (row, column, modul_id, month, tag,
    value) — or the first Refusal: a block reaching past the grid or onto a cell that takes no
    value, or a value its field does not accept. Empty values clear a cell; an empty value
    where a month is not running, or has no row yet, is left alone."""
    q = layout.quarter
    height, width = len(block), max((len(r) for r in block), default=0)
    if height == 0 or width == 0:
        return Refusal(row0, col0, "Udklipsholderen indeholder ingen celler.")
    if row0 + height > len(rows):
        return Refusal(row0, col0, f"Blokken har {height} rækker, men der er kun "
                       f"{len(rows) - row0} rækker fra den valgte celle og ned.")
    if col0 + width > len(layout):
        return Refusal(row0, col0, f"Blokken har {width} kolonner, men der er kun "
                       f"{len(layout) - col0} kolonner fra den valgte celle og til højre.")
    out = []
    for dr, values in enumerate(block):
        r = row0 + dr
        row = rows[r]
        for dc, text in enumerate(values):
            c = col0 + dc
            col = layout.columns[c]
            value = text.strip()
            if not col.editable:
                if value and not _same(row, col, value):
                    return Refusal(r, c, f"Kolonnen {layout.header(c)} kan ikke ændres; "
                                   "indsæt blokken fra en celle med lektioner.")
                continue
            month_running = is_active(row, q, col.month)
            if not month_running:
                if value:
                    return Refusal(r, c, f"{placement_text(row)} er ikke i gang i "
                                   f"{month_name(col.month)}; værdien {value!r} kan ikke stå der.")
                continue
            if not value and col.month not in row.months:
                continue
            # An empty value clears the cell: its field then shows what it needs (X).
            problem = FIELD_BY_TAG[col.tag].problem(value) if value else None
            if problem:
                return Refusal(r, c, problem)
            out.append((r, c, row.modul_id, col.month, col.tag, value or None))
    return out


def _same(row, col: Column, value: str) -> bool:
    """A value pasted back onto a column that takes none is fine if it is what it shows (the
    CPR also as shown masked, DDMMÅÅ-XXXX)."""
    if col.kind == "cpr":
        digits = "".join(ch for ch in value if ch.isdigit())
        return len(digits) >= 6 and row.cpr.startswith(digits)
    return value == _shown(row, col)


def _shown(row, col: Column) -> str:
    """What a column that takes no value shows, so a block copied out whole pastes back."""
    if col.kind == "cpr":
        return row.cpr
    if col.kind == "placement":
        return placement_text(row)
    return str(total(row, col.tag))


def block_of(rows: list, layout: GridLayout, top: int, left: int, bottom: int,
             right: int, shown_cpr=None) -> list[list[str]]:
    """The cells of a rectangle as text, for the clipboard."""
    out = []
    for r in range(top, bottom + 1):
        row = rows[r]
        line = []
        for c in range(left, right + 1):
            col = layout.columns[c]
            if col.kind == "cpr" and shown_cpr:
                line.append(shown_cpr(row.cpr))
            elif col.editable:
                line.append(cell_value(row, col) or "")
            else:
                line.append(_shown(row, col))
        out.append(line)
    return out
