"""Records as the checks, the writer and the reader see them: field values as schema text.

A value is the XML lexical text (stripped) or None for an empty/nil field. Keeping the text as
typed means invalid input is never lost, and a file round-trips value for value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.dates import danish
from desktop.domain.fields import KEYS, TAGS


@dataclass(slots=True)  # hundreds of thousands at once in an export or import
class Record:
    kind: str
    values: dict[str, str | None]
    children: list["Record"] = field(default_factory=list)
    line: int | None = None  # source line when read from a file
    id: int | None = field(default=None, compare=False)  # the stored row's id, from the store

    def __getitem__(self, tag: str) -> str | None:
        return self.values.get(tag)

    @property
    def key(self) -> tuple[str | None, ...]:
        return tuple(map(self.values.get, KEYS[self.kind]))

    def of_kind(self, kind: str) -> list["Record"]:
        return [c for c in self.children if c.kind == kind]

    @property
    def henvisninger(self) -> list["Record"]:
        return self.of_kind("henvisning")

    @property
    def moduler(self) -> list["Record"]:
        return self.of_kind("modul")

    @property
    def proever(self) -> list["Record"]:
        return self.of_kind("proeve")

    @property
    def undervisning(self) -> list["Record"]:
        return self.of_kind("undervisning")


_TAG_SETS = {kind: frozenset(tags) for kind, tags in TAGS.items()}


def make(kind: str, children: list[Record] | None = None, line: int | None = None,
         **values: str | None) -> Record:
    """A record with every field of its kind present (missing ones as None)."""
    tags = TAGS[kind]
    if not _TAG_SETS[kind].issuperset(values):
        raise KeyError(f"{kind} has no fields {sorted(set(values) - _TAG_SETS[kind])}")
    # Called for every record the sample generator makes: no per-call sets or comprehension.
    return Record(kind, dict(zip(tags, map(values.get, tags))), list(children or []), line)


def record_label(kind: str, key: tuple[str | None, ...]) -> str:
    """A stable text naming a record, e.g. 'modul 1/2/1' or 'undervisning 1/2/1/3'."""
    if kind == "kursist":
        return "kursist"
    return f"{kind} " + "/".join("?" if k is None else k for k in key)


@dataclass(frozen=True)
class RecordRef:
    """The record a finding is about: its kind, its row id in the store (the kursist's id for
    stamdata; None for a record read from a file) and its key (an undervisning's is its
    placement's key and its month). The label and the Danish words are made from it; nothing
    reads a label back."""
    kind: str
    id: int | None = None
    key: tuple = ()

    @classmethod
    def of(cls, r: Record, parent: Record | None = None) -> "RecordRef":
        return cls(r.kind, r.id, (parent.key + r.key) if parent is not None else r.key)

    @property
    def label(self) -> str:
        """A stable text, as the command line and --json print it: 'undervisning 1/2/1/3'."""
        return record_label(self.kind, self.key)

    def describe(self) -> str:
        """In words for the user: 'Undervisning DU2 modul 1 forsøg 1, måned 8', a date as
        the window shows dates ('Henvisning 18-07-2026')."""
        parts = ["?" if k is None else k for k in self.key]
        if self.kind == "kursist":
            return "Stamdata"
        if self.kind == "henvisning" and parts:
            return f"Henvisning {danish(parts[0])}"
        if self.kind in ("modul", "undervisning") and len(parts) >= 3:
            text = f"DU{parts[0]} modul {parts[1]} forsøg {parts[2]}"
            if self.kind == "undervisning" and len(parts) == 4:
                return f"Undervisning {text}, måned {parts[3]}"
            return f"Placering {text}"
        if self.kind == "proeve" and len(parts) == 2:
            return f"Prøve {danish(parts[0])} type {parts[1]}"
        return self.label
