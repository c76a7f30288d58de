"""Running every check over one kursist, or over a whole report (a quarter or a file)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from dataclasses import dataclass, field

from desktop.checks.emit import Emitter
from desktop.checks.findings import ERROR, WARNING, Finding
from desktop.checks.rules import check_rules
from desktop.checks.schema_rules import check_fields
from desktop.domain.fields import FIELD_BY_TAG
from desktop.domain.quarter import Quarter, quarter_problem
from desktop.domain.records import Record, RecordRef
from desktop.settings import REGISTRY


@dataclass(frozen=True)
class CheckSettings:
    # The installation's choices, with the registry's defaults (desktop.settings).
    a1_is_error: bool = REGISTRY["a1_error"].default  # A1: an error unless set otherwise
    lesson_minutes: int = REGISTRY["lesson_minutes"].default  # W5's expected lesson length
    today: dt.date = field(default_factory=dt.date.today)


def check_kursist(k: Record, settings: CheckSettings | None = None, *, schema: bool = True,
                  history: list[Record] | None = None, whole_history: bool = False,
                  trusted: bool = False) -> list[Finding]:
    """Every check for one kursist's report. `schema=False` when lxml validates the source
    instead; `trusted` when it has accepted every value, so no rule needs to ask again;
    `history` is every placement of the kursist the store knows as it stood at the quarter's
    end (A6), and `whole_history` says the store holds every quarter since before the kursist
    first appeared, so that attempt numbers must start at 1."""
    settings = settings or CheckSettings()
    emit = Emitter(k, ERROR if settings.a1_is_error else WARNING)
    if schema:
        check_fields(k, emit)
    q = _quarter(k["iperiode"])
    check_rules(k, q, emit, today=settings.today, lesson_minutes=settings.lesson_minutes,
                history=history, whole_history=whole_history, trusted=trusted and not schema)
    return emit.findings


@lru_cache(maxsize=64)  # asked once per kursist, of the same few quarters
def _quarter(iperiode: str | None) -> Quarter | None:
    """The quarter the rules judge dates by; None for a value that is an X finding already
    (the schema's, or a year outside what the app reports: check_report says which)."""
    if not iperiode or FIELD_BY_TAG["iperiode"].problem(iperiode) is not None:
        return None
    return Quarter.cached(iperiode) if quarter_problem(iperiode) is None else None


def check_report(kursister: list[Record], settings: CheckSettings | None = None, *,
                 schema: bool = True, trusted: bool = False) -> list[Finding]:
    """Every check over a report's kursister, including the document-wide ones: the kursist
    key, one quarter and one udbyder per file, and a quarter the app can report."""
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for k in kursister:
        if k.key in seen:
            findings.append(_x(k, "kcprnr",
                f"CPR-nummeret {k['kcprnr']} forekommer mere end én gang for samme kvartal og "
                "udbyder. En kursist må kun stå én gang i filen."))
        seen.add(k.key)
        findings.extend(check_kursist(k, settings, schema=schema, trusted=trusted))
    findings.extend(_one_quarter_one_udbyder(kursister, trusted and not schema))
    return findings


def _x(k: Record, tag: str, message: str) -> Finding:
    return Finding("X", ERROR, k["kcprnr"], "kursist", tag, message, k.line, k["iperiode"],
                   k["ukode"], RecordRef.of(k))


_WHAT = {"iperiode": ("kvartal", "kvartalet (Iperiode)"), "ukode": ("udbyder", "udbyderkoden")}


def _one_quarter_one_udbyder(kursister: list[Record], trusted: bool) -> list[Finding]:
    """The upload checks that the file's Iperiode and Ukode are the ones being uploaded
    (2004-notatet, side 2): a file with two of either is refused. Said once per field, at the
    first kursist that differs from the file's first valid value; and a quarter the schema
    allows but no report can have (before 2005, after 2099) is said once, at its first kursist."""
    findings: list[Finding] = []
    for tag, (noun, name) in _WHAT.items():
        check = FIELD_BY_TAG[tag].problem
        first: Record | None = None
        for k in kursister:
            value = k.values[tag]
            if not value or (not trusted and check(value) is not None):
                continue  # an X finding of its own
            if first is None:
                first = k
                if tag == "iperiode" and (problem := quarter_problem(value)):
                    findings.append(_x(k, tag, problem))
            elif value != first[tag]:
                findings.append(_x(k, tag,
                    f"Filen indeholder mere end ét {noun}: {name} er {value} her, men "
                    f"{first[tag]} for den første kursist (CPR {first['kcprnr']}). En fil må kun "
                    "indeholde ét kvartal for én udbyder; ved upload afvises den."))
                break
    return findings
