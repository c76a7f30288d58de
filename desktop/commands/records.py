"""Commands on one kursist's records: typed values, new and deleted records, ending and
restarting a placement, and a new kursist."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.commands.base import (Changes, Command, Stale, Tx, changed, clean, expect, owner,
                                   register)
from desktop.domain.cpr import cpr_problem
from desktop.domain.fields import FIELD_BY_TAG, RECORD_LABELS, TAGS, UNKAT_PARTS
from desktop.settings import value as setting
from desktop.store import StoreError
from desktop.store.kursist import next_attempt, stamdata_as_of
from desktop.store.writes import reported_quarter

_DATE_OF = {"henvisning": "hhenvisdato", "proeve": "pdato"}


def _check_tags(kind: str, values: dict) -> None:
    unknown = set(values) - set(TAGS[kind])
    if unknown:
        raise ValueError(f"{kind} has no fields {sorted(unknown)}")


def _fills(tx: Tx, kind: str, rid: int, kid: int, row: dict, typed: set[str]) -> None:
    """What follows from a typed value, written in the same transaction (and undone with it):
    a placement's attempt number once its DU and module are known, a month's UnFagSkema as the
    sum of its UnKat parts while it is empty."""
    if kind == "modul" and typed & {"uuddnr", "umodul"} and not row.get("uforsoegnr"):
        if row.get("uuddnr") and row.get("umodul"):
            n = next_attempt(tx.c, kid, row["uuddnr"], row["umodul"])
            tx.put("modul", (rid,), {"uforsoegnr": str(n)})
    if kind == "undervisning" and typed & set(UNKAT_PARTS) and not row.get("unfagskema"):
        parts = [row.get(t) for t in UNKAT_PARTS]
        # only valid counts add up ('²' is a digit to str.isdigit, not to int)
        if any(parts) and all(FIELD_BY_TAG[t].problem(p) is None
                              for t, p in zip(UNKAT_PARTS, parts)):
            tx.put("undervisning", (rid,), {"unfagskema": str(sum(int(p) for p in parts if p))})


@register
@dataclass(eq=False)
class SetFields(Command):
    """Typed values in one record (kind 'kursist': the kursist's stamdata for the quarter),
    with the automatic fills they cause. `seen`: what the window showed in those fields."""
    kind: str
    id: int  # the record's id; for stamdata the kursist's id
    kid: int
    quarter: str  # the quarter on screen (stamdata are reported per quarter)
    values: dict[str, str | None]
    seen: dict[str, str | None] = field(default_factory=dict)

    @property
    def label(self) -> str:
        if len(self.values) == 1:
            return "Ret " + FIELD_BY_TAG[next(iter(self.values))].label.lower()
        return "Ret " + RECORD_LABELS[self.kind].lower()

    def apply(self, tx: Tx) -> Changes:
        _check_tags(self.kind, self.values)
        values = {t: clean(v) for t, v in self.values.items()}
        if self.kind == "kursist":
            if self.id != self.kid or owner(tx.c, "kursist", self.kid) != self.kid:
                raise Stale()
            current = stamdata_as_of(tx.c, self.kid, self.quarter)
            if any(current.get(t) != clean(v) for t, v in self.seen.items()):
                raise Stale()
            tx.put("stamdata", (self.kid, self.quarter), {**current, **values})
            return changed([self.kid], [self.quarter])
        row = expect(tx, self.kind, self.id, self.kid, self.seen)
        tx.put(self.kind, (self.id,), values)
        _fills(tx, self.kind, self.id, self.kid, {**row, **values}, set(values))
        return changed([self.kid], [self.quarter, row.get("iperiode")])


@register
@dataclass(eq=False)
class AddRecords(Command):
    """New records of one kind under one parent (the kursist, or for undervisning the
    placement), with their fills: a placement's attempt number, a month's UnLekMin from the
    lesson length, the reporting quarter from a record's date. `ids` holds the new ids."""
    kind: str
    parent_id: int
    kid: int
    quarter: str
    rows: list[dict[str, str | None]] = field(default_factory=lambda: [{}])
    ids: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.kind == "undervisning" and len(self.rows) > 1:
            return "Tilføj kvartalets måneder"
        return "Ny " + RECORD_LABELS[self.kind].lower()

    def apply(self, tx: Tx) -> Changes:
        parent_kind = "modul" if self.kind == "undervisning" else "kursist"
        if owner(tx.c, parent_kind, self.parent_id) != self.kid:
            raise Stale()
        self.ids = []
        quarters = {self.quarter}
        for given in self.rows:
            _check_tags(self.kind, given)
            values = {t: clean(v) for t, v in given.items()}
            if self.kind == "modul":
                if not values.get("uforsoegnr") and values.get("uuddnr") and values.get("umodul"):
                    values["uforsoegnr"] = str(next_attempt(tx.c, self.kid, values["uuddnr"],
                                                            values["umodul"]))
                values["kursist_id"] = self.parent_id
            elif self.kind == "undervisning":
                if "unlekmin" not in given:
                    values["unlekmin"] = str(setting(tx.c, "lesson_minutes"))
                values.update(modul_id=self.parent_id, iperiode=self.quarter)
            else:
                values.update(kursist_id=self.parent_id,
                              iperiode=reported_quarter(values.get(_DATE_OF[self.kind]),
                                                        self.quarter))
                quarters.add(values["iperiode"])
            self.ids.append(tx.insert(self.kind, values))
        return changed([self.kid], quarters)


def AddRecord(kind: str, parent_id: int, kid: int, quarter: str,
              values: dict[str, str | None] | None = None) -> AddRecords:
    """One new record: AddRecords with one row (its id is `.ids[0]` once run)."""
    return AddRecords(kind, parent_id, kid, quarter, [dict(values or {})])


@register
@dataclass(eq=False)
class DeleteRecord(Command):
    """A record and what belongs to it (a placement's months; for kind 'kursist' the kursist
    with everything). Undo puts every row back with its old id."""
    kind: str
    id: int
    kid: int
    quarter: str
    seen: dict[str, str | None] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return "Slet " + ("kursist" if self.kind == "kursist" else
                          RECORD_LABELS[self.kind].lower())

    def apply(self, tx: Tx) -> Changes:
        if self.kind == "kursist":
            if self.id != self.kid or owner(tx.c, "kursist", self.id) != self.kid:
                raise Stale()
        else:
            expect(tx, self.kind, self.id, self.kid, self.seen)
        tx.delete_tree(self.kind, self.id)
        return changed([self.kid], [self.quarter], roster=self.kind == "kursist")


@register
@dataclass(eq=False)
class ClosePlacement(Command):
    """'Afslut …': the end date with either a passed module test (its date, the end date
    unless given) or an ophørsårsag. One row, one transaction."""
    modul_id: int
    kid: int
    quarter: str
    end: str
    reason: str | None = None  # None: the module test was passed
    test_date: str | None = None
    seen: dict[str, str | None] = field(default_factory=dict)
    label = "Afslut modulplacering"

    def apply(self, tx: Tx) -> Changes:
        expect(tx, "modul", self.modul_id, self.kid, self.seen)
        if self.reason is None:
            values = {"uslutdato": self.end, "umodtestdato": self.test_date or self.end,
                      "uophoersaarsag": None}
        else:
            values = {"uslutdato": self.end, "uophoersaarsag": self.reason, "umodtestdato": None}
        tx.put("modul", (self.modul_id,), {t: clean(v) for t, v in values.items()})
        return changed([self.kid], [self.quarter])


@register
@dataclass(eq=False)
class RestartModule(Command):
    """'Genstart modul': end the placement with an ophørsårsag and open the same DU and module
    as attempt + 1 from `start`. `new_id` is the new placement's id."""
    modul_id: int
    kid: int
    quarter: str
    end: str
    reason: str
    start: str
    seen: dict[str, str | None] = field(default_factory=dict)
    new_id: int | None = None
    label = "Genstart modul"

    def apply(self, tx: Tx) -> Changes:
        row = expect(tx, "modul", self.modul_id, self.kid, self.seen)
        tx.put("modul", (self.modul_id,), {"uslutdato": clean(self.end),
                                           "uophoersaarsag": clean(self.reason)})
        udd, mod = row["uuddnr"], row["umodul"]
        self.new_id = tx.insert("modul", {
            "kursist_id": self.kid, "uuddnr": udd, "umodul": mod, "ustartdato": clean(self.start),
            "uforsoegnr": str(next_attempt(tx.c, self.kid, udd, mod))})
        return changed([self.kid], [self.quarter])


@register
@dataclass(eq=False)
class Batch(Command):
    """Several commands as one user action (a pasted block of cells, a whole hold's months):
    one transaction, one undo step. If any part is stale or refused, nothing is written."""
    parts: list[Command]
    label: str = "Indsæt"

    def prepare(self, store) -> None:
        for part in self.parts:
            part.prepare(store)

    def apply(self, tx: Tx) -> Changes:
        changes = Changes()
        for part in self.parts:
            before = len(tx.images)
            part_changes = part.apply(tx)
            part.images, part.changes = tuple(tx.images[before:]), part_changes
            changes |= part_changes
        return changes


@register
@dataclass(eq=False)
class CreateKursist(Command):
    """A kursist typed in (or found again by CPR), with stamdata for the quarter. `id` is the
    kursist's id once run."""
    ukode: str | None
    cpr: str
    quarter: str
    kkoen: str | None = None
    knationskode: str | None = None
    a1_is_error: bool = True
    id: int | None = None
    label = "Ny kursist"

    def prepare(self, store) -> None:
        problem = cpr_problem(self.cpr, self.a1_is_error)
        if problem:
            raise StoreError(problem)
        if not self.ukode:
            raise StoreError("Angiv først sprogcentrets udbyderkode under Indstillinger.")

    def apply(self, tx: Tx) -> Changes:
        cpr = self.cpr.replace("-", "").strip()
        row = tx.c.execute("SELECT id FROM kursist WHERE ukode = ? AND kcprnr = ?",
                           (self.ukode, cpr)).fetchone()
        self.id = row[0] if row else tx.insert("kursist", {"ukode": self.ukode, "kcprnr": cpr})
        tx.put("stamdata", (self.id, self.quarter), {"kkoen": clean(self.kkoen),
                                                     "knationskode": clean(self.knationskode)})
        return changed([self.id], [self.quarter], roster=row is None)
