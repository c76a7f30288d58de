"""Holds (classes) as pure data: a hold's monthly plan turned into a placement's months, which
month a change on a given day applies to, what carry-forward copies, and the clipboard's
tab-separated blocks. No SQL and no Qt here; desktop.store.holds stores what this decides.

A hold is the app's own record and is never exported: only the placements and months it
creates are. Values are schema text, as everywhere in the store (desktop.domain.records).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from desktop.domain.fields import FIELD_BY_TAG, UNKAT_PARTS
from desktop.domain.quarter import Quarter

UNKAT = UNKAT_PARTS
# What a hold plans per month: the scheduled lessons (with their UnKat parts where the
# provider splits them) and the other lessons. Absence is the kursist's own.
PLAN_TAGS = ("unfagskema", *UNKAT, "unfagoevrig")
# What carry-forward copies from a placement's last month when it has no hold.
COPIED_TAGS = (*PLAN_TAGS, "unlekmin")

Month = tuple[int, int]  # (year, month)

# Danish month names for headers and messages (the app shows Danish whatever the locale).
MONTH_NAMES = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
               "september", "oktober", "november", "december")


def month_name(month: int, short: bool = False) -> str:
    name = MONTH_NAMES[month - 1]
    return name[:3] if short else name


@dataclass(frozen=True)
class Hold:
    id: int
    navn: str
    uuddnr: str
    umodul: str
    unlekmin: str
    startdato: str
    slutdato: str | None = None

    @property
    def title(self) -> str:
        return f"{self.navn} (DU{self.uuddnr} modul {self.umodul})"

    def open_on(self, day: dt.date) -> bool:
        """Whether kursister can join or move to it on `day`: not ended before it."""
        return not self.slutdato or day.isoformat() <= self.slutdato


@dataclass
class Plan:
    """A hold's plan: per month, the planned values (tags of PLAN_TAGS, text or None)."""
    months: dict[Month, dict[str, str | None]] = field(default_factory=dict)

    def of(self, month: Month) -> dict[str, str | None] | None:
        return self.months.get(month)


def months_of(q: Quarter) -> list[Month]:
    return [(q.year, m) for m in q.months]


def month_of(day: dt.date) -> Month:
    return (day.year, day.month)


def first_month_from(day: dt.date) -> Month:
    """The first whole month a change on `day` applies to: the day's own month when it is the
    1st, else the next. The month the change falls in stays with what came before (one month
    row per placement and month, so it cannot be split)."""
    if day.day == 1:
        return month_of(day)
    return (day.year + day.month // 12, day.month % 12 + 1)


def active_months(q: Quarter, start: dt.date | None, end: dt.date | None) -> list[Month]:
    """The months of the quarter a placement may have teaching in (A8): from its start month
    to its end month."""
    out = []
    for ym in months_of(q):
        if start and ym < month_of(start):
            continue
        if end and ym > month_of(end):
            continue
        out.append(ym)
    return out


def end_of_teaching(last_taught: Month | None, start: str | None) -> str:
    """The end date a placement that stopped coming gets by default: the last day of its last
    month with teaching, so no taught month lies after it (A8) and it is not reported again
    in a quarter without teaching (B3); never taught: the day it started."""
    if last_taught is None:
        return (start or "")[:10]
    y, m = last_taught
    return dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def month_values(plan: Plan, month: Month, lesson: str | None,
                 fallback: dict[str, str | None] | None = None) -> dict[str, str | None]:
    """One month row's values from a plan (else from `fallback`, e.g. the last month), with the
    lesson length and Fravær empty: the kursist's absence is never planned."""
    planned = plan.of(month)
    source = planned if planned is not None else (fallback or {})
    values = {t: source.get(t) for t in PLAN_TAGS}
    values["unlekmin"] = lesson if lesson else (fallback or {}).get("unlekmin")
    values["unfravaer"] = None
    values["unperiode"] = str(month[1])
    return values


def carried_values(last: dict[str, str | None], month: Month) -> dict[str, str | None]:
    """A month for a placement without a hold: last month's Skemalagte, UnKat parts, Øvrige and
    lesson length, Fravær empty."""
    values = {t: last.get(t) for t in COPIED_TAGS}
    values["unfravaer"] = None
    values["unperiode"] = str(month[1])
    return values


def value_problem(tag: str, value: str | None) -> str | None:
    """Why a value does not fit its field (the schema's rule, the catalogue's message)."""
    return FIELD_BY_TAG[tag].problem(value)


def plan_problem(values: dict[str, str | None]) -> str | None:
    """A plan month must be usable as it is: whole lesson counts, the parts adding up."""
    for tag in PLAN_TAGS:
        v = values.get(tag)
        if v and (p := FIELD_BY_TAG[tag].problem(v)):
            return p
    parts = [int(values[t]) for t in UNKAT if values.get(t)]
    skema = values.get("unfagskema")
    if parts and skema and sum(parts) != int(skema):
        return (f"Underopdelingen summerer til {sum(parts)} lektioner, men der er planlagt "
                f"{skema} skemalagte lektioner.")
    return None


def next_module(umodul: str) -> str | None:
    """The module a hold moves on to; None after module 6, the last."""
    n = int(umodul)
    return str(n + 1) if n < 6 else None


# Modulskift: what happens to each member on the day the hold moves on.
PASSED, STAY, RESTART = "passed", "stay", "restart"
OUTCOMES = (PASSED, STAY, RESTART)
RESTART_REASON = "8"  # Andet/ukendt: the kursist starts the module again on the hold


# Clipboard blocks ----------------------------------------------------------------------------
def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text, as Excel and LibreOffice put a block on the
    clipboard: rows end in CRLF or LF, the last row's line end is optional, and a cell with a
    tab, a line break or a quote comes quoted ("…", a quote doubled)."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    quoted_cell = False
    while i < n:
        ch = text[i]
        if not cell and not quoted_cell and ch == '"':
            j = i + 1
            buf = []
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        buf.append('"')
                        j += 2
                        continue
                    break
                buf.append(text[j])
                j += 1
            if j < n:  # a closing quote: a quoted cell
                cell = buf
                quoted_cell = True
                i = j + 1
                continue
        if ch == "\t":
            row.append("".join(cell))
            cell, quoted_cell = [], False
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, quoted_cell = [], [], False
        else:
            cell.append(ch)
        i += 1
    if cell or row or quoted_cell:
        row.append("".join(cell))
        rows.append(row)
    return rows


def format_block(rows: list[list[str]]) -> str:
    """The same format the other way: what a spreadsheet pastes as cells."""
    def cell(v: str) -> str:
        if any(ch in v for ch in '\t\r\n"'):
            return '"' + v.replace('"', '""') + '"'
        return v
    return "".join("\t".join(cell(v) for v in row) + "\r\n" for row in rows)
