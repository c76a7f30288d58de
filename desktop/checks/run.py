"""Running every check over one kursist, or over a whole report (a quarter or a file)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.checks.emit import Emitter
from desktop.checks.findings import ERROR, WARNING, Finding
from desktop.checks.rules import check_rules
from desktop.checks.schema_rules import check_fields
from desktop.domain.fields import FIELD_BY_TAG
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record, RecordRef
from desktop.settings import REGISTRY


@dataclass(frozen=True)
class CheckSettings:
    # The installation's choices, with the registry's defaults (desktop.settings).
    a1_is_error: bool = REGISTRY["a1_error"].default  # A1: an error unless set otherwise
    lesson_minutes: int = REGISTRY["lesson_minutes"].default  # W5's expected lesson length
    today: dt.date = field(default_factory=dt.date.today)


def check_kursist(k: Record, settings: CheckSettings | None = None, *, schema: bool = True,
                  history: list[Record] | None = None, trusted: bool = False) -> list[Finding]:
    """Every check for one kursist's report. `schema=False` when lxml validates the source
    instead; `trusted` when it has accepted every value, so no rule needs to ask again;
    `history` is every placement of the kursist as it stood at the quarter's end, when the
    store knows it (A6)."""
    settings = settings or CheckSettings()
    emit = Emitter(k, ERROR if settings.a1_is_error else WARNING)
    if schema:
        check_fields(k, emit)
    iperiode = k["iperiode"]
    q = Quarter.cached(iperiode) if iperiode and FIELD_BY_TAG["iperiode"].problem(iperiode) is None else None
    check_rules(k, q, emit, today=settings.today, lesson_minutes=settings.lesson_minutes,
                history=history, trusted=trusted and not schema)
    return emit.findings


def check_report(kursister: list[Record], settings: CheckSettings | None = None, *,
                 schema: bool = True, trusted: bool = False) -> list[Finding]:
    """Every check over a report's kursister, including the document-wide kursist key."""
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for k in kursister:
        if k.key in seen:
            findings.append(Finding(
                "X", ERROR, k["kcprnr"], "kursist", "kcprnr",
                f"CPR-nummeret {k['kcprnr']} forekommer mere end én gang for samme kvartal og "
                "udbyder. En kursist må kun stå én gang i filen.", k.line, k["iperiode"], k["ukode"],
                RecordRef.of(k)))
        seen.add(k.key)
        findings.extend(check_kursist(k, settings, schema=schema, trusted=trusted))
    return findings
