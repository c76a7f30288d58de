"""X: what the schema would reject, found from the catalogue so it can be shown at the field.

Over a file, lxml's validation finds these instead (desktop.format.xsd_findings); over the store
and the forms, this module does, with the same catalogue facets as the schema.
"""

from __future__ import annotations

from desktop.checks.emit import Emitter
from desktop.domain.fields import FIELDS, KEYS, duplicate_message
from desktop.domain.records import Record, RecordRef


def check_fields(k: Record, emit: Emitter) -> None:
    _fields(k, emit)
    for child in k.children:
        _fields(child, emit)
        for grandchild in child.children:
            _fields(grandchild, emit, parent=child)
    _duplicates(k.henvisninger, emit)
    _duplicates(k.moduler, emit)
    _duplicates(k.proever, emit)
    for m in k.moduler:
        _duplicates(m.undervisning, emit, parent=m)


def _fields(r: Record, emit: Emitter, parent: Record | None = None) -> None:
    values = r.values
    for f in FIELDS[r.kind]:
        problem = f.problem(values.get(f.tag))
        if problem:
            emit("X", r, f.tag, problem, _label(r, parent))


def _duplicates(records: list[Record], emit: Emitter, parent: Record | None = None) -> None:
    if len(records) < 2:
        return
    seen: set[tuple] = set()
    for r in records:
        if r.key in seen:
            emit("X", r, KEYS[r.kind][0], duplicate_message(r.kind), _label(r, parent))
        seen.add(r.key)


def _label(r: Record, parent: Record | None) -> RecordRef:
    return RecordRef.of(r, parent)
