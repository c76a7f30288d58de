"""A small helper that builds findings for one kursist with its identity filled in."""

from __future__ import annotations

from desktop.checks.findings import ERROR, WARNING, Finding
from desktop.domain.records import Record, RecordRef

_SEVERITY = {"X": ERROR, "A": ERROR, "B": WARNING, "W": WARNING}


class Emitter:
    def __init__(self, kursist: Record, a1_severity: str = ERROR):
        self.kursist = kursist
        self.findings: list[Finding] = []
        self._a1 = a1_severity

    def __call__(self, rule: str, record: Record, field: str | None, message: str,
                 label=None) -> None:
        """`label` names the record when its own key is not enough (an undervisning's month
        with its placement): a RecordRef, or a callable that builds it only when a finding
        is made."""
        if callable(label):
            label = label()
        ref = label if label is not None else RecordRef.of(record)
        severity = self._a1 if rule == "A1" else _SEVERITY[rule[0]]
        k = self.kursist
        self.findings.append(Finding(
            rule=rule, severity=severity, cpr=k["kcprnr"], record=ref.label, field=field,
            message=message, line=record.line, iperiode=k["iperiode"], ukode=k["ukode"],
            ref=ref))
