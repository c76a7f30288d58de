"""Commands on holds: a new hold and its plan, joining, leaving and changing hold, the
modulskift, the carry-forward into a new quarter, and values typed or pasted into the quarter
grid. Each is one transaction and one undo step (desktop.store.holds does the writing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.commands.base import (Changes, Command, Stale, Tx, changed, clean, columns, owner,
                                   register)
from desktop.domain.codes import code_list
from desktop.domain.fields import TAGS, as_date
from desktop.domain.holds import OUTCOMES, RESTART_REASON, Month, plan_problem
from desktop.domain.quarter import Quarter
from desktop.store import holds as store
from desktop.store.holds import Cell, HoldError

__all__ = [
    "CarryForward",
    "Cell",
    "ChangeHold",
    "ClosePlacements",
    "CreateHold",
    "EndHold",
    "HoldError",
    "JoinHold",
    "LeaveHold",
    "ModuleShift",
    "SetCells",
    "SetHold",
    "SetPlan",
]


def _kids(tx: Tx) -> set[int]:
    """The kursister whose placements or months the command wrote."""
    modul_ids: set[int] = set()
    for image in tx.images:
        row = image.after or image.before
        if image.table == "modul":
            modul_ids.add(image.key[0])
        elif image.table in ("undervisning", "hold_medlem") and row is not None:
            cols = _cols(tx, image.table)
            modul_ids.add(row[cols.index("modul_id")])
            if image.before is not None and image.after is not None:  # a month moved
                modul_ids.add(image.before[cols.index("modul_id")])
    if not modul_ids:
        return set()
    marks = ", ".join("?" * len(modul_ids))
    return {r[0] for r in tx.c.execute(f"SELECT kursist_id FROM modul WHERE id IN ({marks})",
                                       tuple(modul_ids))}


def _cols(tx: Tx, table: str) -> tuple[str, ...]:
    return columns(tx.c, table)


def _quarters(tx: Tx) -> set[str]:
    out = set()
    for image in tx.images:
        if image.table == "undervisning":
            cols = _cols(tx, "undervisning")
            for row in (image.before, image.after):
                if row is not None:
                    out.add(row[cols.index("iperiode")])
        elif image.table == "modul":
            cols = _cols(tx, "modul")
            for row in (image.before, image.after):
                if row is None:
                    continue
                for tag in ("ustartdato", "uslutdato"):
                    if d := as_date(row[cols.index(tag)]):
                        out.add(Quarter.of(d).iperiode)
    return out


MANY = 200  # kursister: past this the window reloads everything instead of row by row


def _done(tx: Tx) -> Changes:
    kids = _kids(tx)
    # A carry-forward on a large store touches tens of thousands of kursister: one reload of
    # the list is far quicker than refreshing each of their rows.
    return changed(kids, _quarters(tx), holds=True, everything=len(kids) > MANY)


def _day(text: str) -> dt.date:
    day = as_date(text)
    if day is None:
        raise HoldError(f"'{text}' er ikke en dato.")
    return day


def _expect_placement(tx: Tx, modul_id: int, kid: int) -> None:
    if owner(tx.c, "modul", modul_id) != kid:
        raise Stale()


@register
@dataclass(eq=False)
class CreateHold(Command):
    """A new hold with its plan ((year, month) → planned values). `id` once run."""
    ukode: str
    navn: str
    uuddnr: str
    umodul: str
    unlekmin: str
    startdato: str
    plan: dict[Month, dict[str, str | None]] = field(default_factory=dict)
    id: int | None = None
    label = "Nyt hold"

    def prepare(self, store_) -> None:
        for month, values in self.plan.items():
            if problem := plan_problem(values):
                raise HoldError(f"Planen for {month[1]}/{month[0]}: {problem}")

    def apply(self, tx: Tx) -> Changes:
        self.id = store.create_hold(tx, self.ukode, self.navn, self.uuddnr, self.umodul,
                                    self.unlekmin, self.startdato)
        for month, values in self.plan.items():
            store.set_plan_month(tx, self.id, month, values)
        return changed(holds=True)


@register
@dataclass(eq=False)
class SetHold(Command):
    """A hold's name, lesson length, start or end."""
    hold_id: int
    values: dict[str, str | None]
    seen: dict[str, str | None] = field(default_factory=dict)
    label = "Ret hold"

    def apply(self, tx: Tx) -> Changes:
        row = tx.values("hold", (self.hold_id,))
        if row is None or any(row.get(k) != clean(v) for k, v in self.seen.items()):
            raise Stale()
        store.update_hold(tx, self.hold_id, self.values)
        return changed(holds=True)


@register
@dataclass(eq=False)
class SetPlan(Command):
    """Months of a hold's plan. It changes what joining, skift hold and carry-forward will
    fill in; months already made for the members stay as they are."""
    hold_id: int
    months: dict[Month, dict[str, str | None]]
    label = "Ret holdets plan"

    def apply(self, tx: Tx) -> Changes:
        if tx.values("hold", (self.hold_id,)) is None:
            raise Stale()
        current = store.plan(tx.c, self.hold_id)
        for month, values in self.months.items():
            merged = {**(current.of(month) or {}), **values}
            if problem := plan_problem(merged):
                raise HoldError(f"Planen for {month[1]}/{month[0]}: {problem}")
            store.set_plan_month(tx, self.hold_id, month, values)
        return changed(holds=True)


@register
@dataclass(eq=False)
class EndHold(Command):
    """'Afslut hold': the hold stops on the day; refused while members are still on it with
    an open placement after it (desktop.store.holds.end_hold says why)."""
    hold_id: int
    day: str
    label = "Afslut hold"

    def apply(self, tx: Tx) -> Changes:
        store.end_hold(tx, self.hold_id, _day(self.day))
        return changed(holds=True)


@register
@dataclass(eq=False)
class JoinHold(Command):
    """'Meld på hold': a new placement on the hold's DU and module, attempt + 1, from the day,
    with its months of that quarter from the plan. `modul_id` once run."""
    hold_id: int
    kid: int
    day: str
    modul_id: int | None = None
    label = "Meld på hold"

    def apply(self, tx: Tx) -> Changes:
        if owner(tx.c, "kursist", self.kid) != self.kid:
            raise Stale()
        self.modul_id = store.join(tx, self.hold_id, self.kid, _day(self.day))
        return _done(tx)


@register
@dataclass(eq=False)
class LeaveHold(Command):
    """End a placement on its hold: slutdato with an ophørsårsag, or with a passed module
    test on that day. Months after it go."""
    modul_id: int
    kid: int
    day: str
    reason: str | None = None
    passed: bool = False
    label = "Udmeld af hold"

    def apply(self, tx: Tx) -> Changes:
        _expect_placement(tx, self.modul_id, self.kid)
        store.leave(tx, self.modul_id, _day(self.day), self.reason, self.passed)
        return _done(tx)


@register
@dataclass(eq=False)
class ClosePlacements(Command):
    """'Afslut placeringer uden undervisning': open placements that had no teaching for a
    whole quarter, ended at once, each on its day (modul_id, kid, day), with one ophørsårsag.
    Months after each end go, as with Udmeld."""
    ends: list[tuple[int, int, str]]
    reason: str
    label = "Afslut placeringer uden undervisning"

    def __post_init__(self):
        if len(self.ends) > 1:
            self.label = f"Afslut {len(self.ends)} placeringer uden undervisning"

    def apply(self, tx: Tx) -> Changes:
        if not self.ends:
            raise HoldError("Vælg de placeringer, der skal afsluttes.")
        if self.reason not in code_list("ophoersaarsag"):
            raise HoldError("Vælg en ophørsårsag.")
        for modul_id, kid, _ in self.ends:
            _expect_placement(tx, modul_id, kid)
        store.close_placements(tx, [(m, _day(d)) for m, _, d in self.ends], self.reason)
        return _done(tx)


@register
@dataclass(eq=False)
class ChangeHold(Command):
    """'Skift hold': the same placement on another hold of the same DU and module from the
    day, its months from then on from the new plan."""
    modul_id: int
    kid: int
    hold_id: int
    day: str
    label = "Skift hold"

    def apply(self, tx: Tx) -> Changes:
        _expect_placement(tx, self.modul_id, self.kid)
        store.change_hold(tx, self.modul_id, self.hold_id, _day(self.day))
        return _done(tx)


@register
@dataclass(eq=False)
class ModuleShift(Command):
    """'Modulskift': the hold moves on to the next module on the day. `outcomes` says for each
    member placement (by id, as the preview showed them) passed, stay or restart; a member
    the preview did not show makes the command Stale."""
    hold_id: int
    day: str
    outcomes: dict[int, str]
    reason: str = RESTART_REASON
    counts: dict[str, int] = field(default_factory=dict)
    label = "Modulskift"

    def apply(self, tx: Tx) -> Changes:
        day = _day(self.day)
        if any(o not in OUTCOMES for o in self.outcomes.values()):
            raise ValueError(self.outcomes)
        now = {m.modul_id for m in store.members(tx.c, self.hold_id, day)}
        if now != set(self.outcomes):
            raise Stale("Holdets medlemmer er ændret siden oversigten; se den igen.")
        self.counts = store.module_shift(tx, self.hold_id, day, self.outcomes, self.reason)
        return _done(tx)


@register
@dataclass(eq=False)
class CarryForward(Command):
    """The quarter's months for every placement that continues from the previous quarter
    without teaching yet: from its hold's plan, else a copy of its last month (Fravær empty).
    `count` once run, and `hold_ids`: the holds they are on, each once (None: on no hold)."""
    quarter: str
    ukode: str | None
    count: int = 0
    hold_ids: list[int | None] = field(default_factory=list)
    label = "Fortsæt placeringer i kvartalet"

    def apply(self, tx: Tx) -> Changes:
        holds = store.carry_forward(tx, Quarter.parse(self.quarter), self.ukode)
        self.count, self.hold_ids = len(holds), list(dict.fromkeys(holds))
        return _done(tx)


@register
@dataclass(eq=False)
class SetCells(Command):
    """Values typed, pasted or cleared in the quarter grid: all stored or none. `seen[i]` is
    what the grid showed in cell i; a month not made yet is made (from the plan)."""
    quarter: str
    cells: list[Cell]
    seen: list[str | None]
    lesson_minutes: int = 45
    label = "Ret kvartalets undervisning"

    def __post_init__(self):
        if len(self.cells) > 1:
            self.label = f"Indsæt {len(self.cells)} celler"

    def apply(self, tx: Tx) -> Changes:
        q = Quarter.parse(self.quarter)
        if any(cell.tag not in TAGS["undervisning"] for cell in self.cells):
            raise ValueError([cell.tag for cell in self.cells])
        months = store.month_rows(tx.c, q, {cell.modul_id for cell in self.cells})
        for cell, shown in zip(self.cells, self.seen):
            slot = months.get((cell.modul_id, cell.month))
            if (slot[1].get(cell.tag) if slot else None) != clean(shown):
                raise Stale()
        store.set_cells(tx, q, self.cells, self.lesson_minutes, months)
        return _done(tx)
