"""The three things a user does with files: validate, import, export. Shared by CLI and GUI.

No Qt here. Each returns a result object; nothing prints.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from desktop.checks import CheckSettings, Finding, check_kursist, check_report
from desktop.domain.quarter import Quarter
from desktop.bulk import bulk
from desktop.format.reader import ParsedFile, UnreadableFile, read_file
from desktop.atomic import write_atomic
from desktop.format.writer import SchemaRejected, validated_document
from desktop.store import exportlog
from desktop.store.db import Store
from desktop.store.browse import ukoder
from desktop.store.quarter import select_quarter
from desktop.settings import check_settings


class UsageError(Exception):
    """Bad usage: a Danish message, exit status 2."""


def settings_from(store: Store | None) -> CheckSettings:
    """The checks' settings of a store (the registry's defaults without one)."""
    return check_settings(store.conn if store is not None else None)


@dataclass
class FileCheck:
    path: Path
    parsed: ParsedFile
    findings: list[Finding]

    @property
    def has_x(self) -> bool:
        return any(f.rule == "X" for f in self.findings)


@bulk()
def validate_file(path: Path | str, settings: CheckSettings | None = None) -> FileCheck:
    """Every check on one file. Raises UnreadableFile for what is not a readable v1.8 file."""
    parsed = read_file(path)
    findings = parsed.findings + check_report(parsed.kursister, settings, schema=False,
                                              trusted=not parsed.findings)
    findings.sort(key=lambda f: (f.line or 0))
    return FileCheck(Path(path), parsed, findings)


@dataclass
class ImportResult:
    checks: list[FileCheck]
    stored: bool
    counts: Counter = field(default_factory=Counter)

    @property
    def findings(self) -> list[Finding]:
        return [f for check in self.checks for f in check.findings]


@bulk()
def import_files(store: Store, paths: list[Path | str]) -> ImportResult:
    """All files are checked first; if any has an X finding nothing at all is stored.
    Otherwise all are stored in one transaction, in the order given (the ImportFiles
    command)."""
    from desktop.commands import ImportFiles, run  # the command builds on this module
    command = ImportFiles(list(paths))
    run(store, command)
    return command.result


@dataclass
class ExportResult:
    findings: list[Finding]
    kursister: int
    written: Path | None = None
    refusal: str | None = None  # Danish reason when nothing was written
    logged: exportlog.ExportEntry | None = None  # the export log's row for the written file


@bulk()
def check_quarter(store: Store, quarter: Quarter, ukode: str | None = None,
                  cpr: str | None = None, settings: CheckSettings | None = None):
    """The quarter's report as the file would hold it, and every finding on it."""
    settings = settings or settings_from(store)
    with store.reading() as c:
        report = select_quarter(c, quarter, ukode, cpr)
    return report, _rules(report, settings, schema=True)


def _rules(report, settings: CheckSettings, *, schema: bool, trusted: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    for k, history in report.with_history():
        findings += check_kursist(k, settings, schema=schema, history=history, trusted=trusted)
    return findings


@bulk()
def export_quarter(store: Store, iperiode: str, out: Path | str, *, ukode: str | None = None,
                   cpr: str | None = None, force: bool = False,
                   now: datetime | None = None) -> ExportResult:
    """Check the quarter (or one kursist's part of it), write the file atomically, then log
    it (now: the time to log, UTC; the clock by default)."""
    quarter = Quarter.parse(iperiode)
    ukode = _resolve_ukode(store, quarter, ukode)
    settings = settings_from(store)
    with store.reading() as c:
        report = select_quarter(c, quarter, ukode, cpr)
    n = len(report.kursister)
    if n == 0:
        who = f"CPR {cpr}" if cpr else "nogen kursister"
        return ExportResult([], 0, refusal=f"Der er ikke {who} med bevægelser i "
                            f"{quarter}; der er intet at indberette.")
    # The schema itself decides first: in the usual case the document passes, the field checks
    # need not run twice, and the rules can trust every value. If it fails, the catalogue says
    # where, field by field.
    try:
        data = validated_document(report.kursister)
        schema_error = None
        findings = _rules(report, settings, schema=False, trusted=True)
    except SchemaRejected as exc:
        schema_error = exc
        findings = _rules(report, settings, schema=True)
    x = sum(f.rule == "X" for f in findings)
    a = sum(f.is_error and f.rule != "X" for f in findings)
    if x:
        return ExportResult(findings, n, refusal=f"{x} fejl ville få filen afvist ved upload "
                            "(type X). Ret dem først; der er ikke skrevet nogen fil.")
    if schema_error is not None:  # a bug: the catalogue passed what the schema rejects
        return ExportResult(findings, n, refusal="Programfejl: den dannede fil består ikke "
                            f"skemakontrollen og er ikke skrevet ({schema_error}).")
    if a and not force:
        return ExportResult(findings, n, refusal=f"{a} fejl af type A skal rettes, før kvartalet "
                            "godkendes. Ret dem, eller eksportér alligevel med --force.")
    out = Path(out)
    write_atomic(out, data)
    first = report.kursister[0]
    entry = exportlog.ExportEntry(
        now or datetime.now(timezone.utc), first["ukode"], quarter.iperiode,
        first["kcprnr"] if cpr else None, str(out.resolve()), hashlib.sha256(data).hexdigest(),
        n, tvunget=a > 0)
    # Only once the file is in place: the log never names a file that is not there.
    with store.transaction() as c:
        exportlog.record(c, entry)
    return ExportResult(findings, n, written=out, logged=entry)


def _resolve_ukode(store: Store, quarter: Quarter, ukode: str | None) -> str | None:
    if ukode is not None:
        return ukode
    codes = ukoder(store.conn)
    if len(codes) > 1:
        raise UsageError("Databasen har flere udbyderkoder (" + ", ".join(sorted(codes)) +
                         "); angiv hvilken med --ukode.")
    return None


__all__ = ["UnreadableFile", "UsageError", "validate_file", "import_files", "export_quarter"]
