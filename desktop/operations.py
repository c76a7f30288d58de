"""The three things a user does with files: validate, import, export. Shared by CLI and GUI.

No Qt here. Each returns a result object; nothing prints.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from desktop.checks import CheckSettings, Finding, check_kursist, check_report
from desktop.domain.cpr import modulus11_ok
from desktop.domain.fields import FIELD_BY_TAG
from desktop.domain.quarter import Quarter
from desktop.bulk import bulk
from desktop.format.reader import ParsedFile, UnreadableFile, read_file
from desktop.atomic import PendingWrite
from desktop.domain.cpr import is_well_formed
from desktop.format.writer import SchemaRejected, validated_parts
from desktop.store import autobackup, exportlog
from desktop.store.db import Store, WriteFailed, reason, refused_write
from desktop.store.browse import ukoder
from desktop.store.quarter import QuarterReport, select_quarter
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
    duplicates: list[Path] = field(default_factory=list)  # given more than once, read once
    # Per file, the kursister whose data for its quarter already was in the store (replaced).
    replaced: dict[Path, int] = field(default_factory=dict)
    ukoder: list[str] = field(default_factory=list)  # the udbyderkoder the files hold
    backup_problem: str | None = None  # the automatic backup before it could not be written

    @property
    def findings(self) -> list[Finding]:
        return [f for check in self.checks for f in check.findings]


def unique_files(paths: list[Path | str]) -> tuple[list[Path], list[Path]]:
    """The files in the order given, each once (the same file under another spelling of its
    path too), and those that were given again."""
    seen: set = set()
    unique, again = [], []
    for p in map(Path, paths):
        try:
            key = (p.stat().st_dev, p.stat().st_ino)
        except OSError:
            key = os.path.abspath(p)  # unreadable: validate_file says why
        (again if key in seen else unique).append(p)
        seen.add(key)
    return unique, again


def file_ukoder(checks: list[FileCheck]) -> list[str]:
    return sorted({k["ukode"] for c in checks for k in c.parsed.kursister if k["ukode"]})


@bulk()
def import_files(store: Store, paths: list[Path | str]) -> ImportResult:
    """All files are checked first; if any has an X finding nothing at all is stored.
    Otherwise all are stored in one transaction, in the order given, each file once (the
    ImportFiles command); with store.auto_backups an automatic backup is taken first (a
    failed one is reported, and the import goes on). A write the store refuses raises
    WriteFailed: nothing is stored."""
    from desktop.commands import ImportFiles, NotSaved, run  # the command builds on this module
    command = ImportFiles(list(paths))
    try:
        run(store, command)
    except NotSaved as exc:
        raise WriteFailed(f"Intet er indlæst: {exc.reason}.") from exc
    return command.result


def already_stored(c, kursister) -> int:
    """How many of a file's kursister have stamdata for its quarter already: their data for
    that quarter is replaced. One query over a temporary table, not one per kursist."""
    c.execute("CREATE TEMP TABLE IF NOT EXISTS imp_seen (ukode TEXT, kcprnr TEXT, iperiode TEXT)")
    c.executemany("INSERT INTO imp_seen VALUES (?, ?, ?)",
                  [(k["ukode"], k["kcprnr"], k["iperiode"]) for k in kursister])
    n = c.execute("SELECT COUNT(*) FROM imp_seen i CROSS JOIN kursist k "
                  "ON k.ukode = i.ukode AND k.kcprnr = i.kcprnr CROSS JOIN stamdata s "
                  "ON s.kursist_id = k.id AND s.iperiode = i.iperiode").fetchone()[0]
    c.execute("DROP TABLE temp.imp_seen")
    return n


@dataclass
class ExportResult:
    findings: list[Finding]
    kursister: int
    written: Path | None = None
    refusal: str | None = None  # Danish reason when nothing was written
    logged: exportlog.ExportEntry | None = None  # the export log's row for the written file
    log_problem: str | None = None  # the file was written, but the log could not say so
    left_out: list[str] = field(default_factory=list)  # CPRs left out: they fail modulus 11
    notice: str | None = None  # Danish, said before writing: a newer quarter is exported


def left_out_text(cprs: list[str]) -> str:
    """The Danish sentence that names who was left out, for the command line and the log."""
    return (f"Udeladt, fordi CPR-nummeret ikke består modulus 11-kontrollen (A1): "
            f"{', '.join(cprs)}.")


def leave_out_invalid_cpr(report: QuarterReport) -> tuple[QuarterReport, list[str]]:
    """The 2004 notat's way with A1: "Har en kursist endnu ikke noget lovligt CPR nr, må
    vedkommende udelades fra indberetningen". The kursister whose CPR is well-formed but fails
    modulus 11 are taken out of the report (a malformed CPR is an X finding, not left out)."""
    problem = FIELD_BY_TAG["kcprnr"].problem
    drop = {i for i, k in enumerate(report.kursister)
            if k["kcprnr"] and problem(k["kcprnr"]) is None and not modulus11_ok(k["kcprnr"])}
    if not drop:
        return report, []
    return report.without(drop), [report.kursister[i]["kcprnr"] for i in sorted(drop)]


def newer_export_notice(store: Store, quarter: Quarter, ukode: str | None) -> str | None:
    """The v1.8 notat (Side 5): a quarter's data can be replaced "så længe der ikke er
    indberettet for et nyt kvartal". Said when the export log has a newer quarter's file."""
    with store.reading() as c:
        newer = exportlog.newest_after(c, ukode, quarter.iperiode)
    if newer is None:
        return None
    return (f"Bemærk: {Quarter.parse(newer.iperiode)} er allerede eksporteret "
            f"({newer.local_time.strftime('%d-%m-%Y')}). Ministeriet tager kun imod nye data "
            f"for {quarter}, så længe der ikke er indberettet for et nyere kvartal; spørg "
            "ministeriet, før denne fil uploades.")


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
    for k, history, whole in report.with_history():
        findings += check_kursist(k, settings, schema=schema, history=history,
                                  whole_history=whole, trusted=trusted)
    return findings


@bulk()
def export_quarter(store: Store, iperiode: str, out: Path | str, *, ukode: str | None = None,
                   cpr: str | None = None, force: bool = False, leave_out: bool = False,
                   now: datetime | None = None) -> ExportResult:
    """Check the quarter (or one kursist's part of it), write the file atomically, then log
    it (now: the time to log, UTC; the clock by default). `leave_out`: the kursister whose CPR
    fails modulus 11 are left out of the file, and named in the result and the log."""
    quarter = Quarter.parse(iperiode)
    problem = export_target_problem(store, out)
    if problem:
        return ExportResult([], 0, refusal=problem)
    if cpr is not None and not is_well_formed(cpr):
        raise UsageError(f"{cpr!r} er ikke et CPR-nummer: det er 10 cifre uden bindestreg, "
                         "fx 0101901234.")
    ukode = _resolve_ukode(store, quarter, ukode)
    settings = settings_from(store)
    with store.reading() as c:
        report = select_quarter(c, quarter, ukode, cpr)
    left_out: list[str] = []
    if leave_out:
        report, left_out = leave_out_invalid_cpr(report)
    n = len(report.kursister)
    if n == 0:
        if left_out:
            return ExportResult([], 0, left_out=left_out, refusal=(
                f"{left_out_text(left_out)} Der er ikke andre kursister med bevægelser i "
                f"{quarter}; der er intet at indberette."))
        who = f"CPR {cpr}" if cpr else "nogen kursister"
        return ExportResult([], 0, refusal=f"Der er ikke {who} med bevægelser i "
                            f"{quarter}; der er intet at indberette.")
    notice = None if cpr else newer_export_notice(store, quarter, ukode)
    out = Path(out)
    with PendingWrite(out) as pending:  # removed again unless the file is committed below
        return _check_and_write(store, report, quarter, settings, out, pending, cpr, force, now,
                                dict(left_out=left_out, notice=notice))


def _check_and_write(store: Store, report, quarter: Quarter, settings, out: Path,
                     pending: PendingWrite, cpr: str | None, force: bool,
                     now: datetime | None, said: dict) -> ExportResult:
    """export_quarter's checks, then its write: each validated part of the file goes to the
    pending temporary file at once, so the quarter's file is never held in memory."""
    n = len(report.kursister)
    digest = hashlib.sha256()
    # The schema itself decides first: in the usual case the document passes, the field checks
    # need not run twice, and the rules can trust every value. If it fails, the catalogue says
    # where, field by field.
    try:
        for part in validated_parts(report.kursister):
            digest.update(part)
            pending.write(part)
        schema_error = None
        findings = _rules(report, settings, schema=False, trusted=True)
    except SchemaRejected as exc:
        schema_error = exc
        findings = _rules(report, settings, schema=True)
    x = sum(f.rule == "X" for f in findings)
    a = sum(f.is_error and f.rule != "X" for f in findings)
    if x:
        return ExportResult(findings, n, refusal=f"{x} fejl ville få filen afvist ved upload "
                            "(type X). Ret dem først; der er ikke skrevet nogen fil.", **said)
    if schema_error is not None:  # a bug: the catalogue passed what the schema rejects
        return ExportResult(findings, n, refusal="Programfejl: den dannede fil består ikke "
                            f"skemakontrollen og er ikke skrevet ({schema_error}).", **said)
    if a and not force:
        a1 = any(f.rule == "A1" and f.is_error for f in findings)
        hint = (" Kursister, hvis CPR-nummer ikke består modulus 11-kontrollen, kan udelades "
                "med --leave-out-invalid-cpr." if a1 else "")
        return ExportResult(findings, n, refusal=f"{a} fejl af type A skal rettes, før kvartalet "
                            "godkendes. Ret dem, eller eksportér alligevel med --force." + hint,
                            **said)
    first = report.kursister[0]
    entry = exportlog.ExportEntry(
        now or datetime.now(timezone.utc), first["ukode"], quarter.iperiode,
        first["kcprnr"] if cpr else None, logged_name(out), digest.hexdigest(),
        n, tvunget=a > 0, udeladt=tuple(said["left_out"]))
    # The log's write lock comes first, so that a store another program holds stops the export
    # before the file exists; the row is added once the file is in place, so the log never
    # names a file that is not there. Only a failed COMMIT leaves a file the log lacks, and
    # the result says so.
    written = False
    try:
        with store.transaction() as c:
            pending.commit()
            written = True
            exportlog.record(c, entry)
    except (sqlite3.Error, OSError) as exc:
        if written:
            return ExportResult(findings, n, written=out, log_problem=(
                f"eksporten kunne ikke noteres i databasens eksportlog ({reason(exc)})"),
                **said)
        if refused_write(exc):
            raise WriteFailed(f"{out.name} er ikke skrevet: {reason(exc)}.") from exc
        if isinstance(exc, OSError):  # named after the file the user chose, not its temporary
            raise OSError(exc.errno, exc.strerror, str(out)) from exc
        raise
    return ExportResult(findings, n, written=out, logged=entry, **said)


def logged_name(out: Path) -> str:
    """The full path as the export log keeps it: every name the file system gives, bytes that
    are no UTF-8 written as \\xNN (SQLite text must be UTF-8)."""
    return os.fsencode(str(out.resolve())).decode("utf-8", "backslashreplace")


def is_du_xml(path: Path) -> bool:
    """Does the file begin like a v1.8 report (a root element named document)? Reads only its
    first element, never the whole file."""
    from lxml import etree
    try:
        for _, element in etree.iterparse(str(path), events=("start",), resolve_entities=False,
                                          no_network=True, load_dtd=False, huge_tree=False):
            return etree.QName(element).localname.lower() == "document"
    except (etree.Error, OSError, ValueError):
        return False
    return False


def export_target_problem(store: Store, out: Path | str) -> str | None:
    """Why the export must not write to out, or None. The store, its side files and its
    backups are never overwritten, nor any other file that is not a report."""
    out = Path(out)
    db = store.path.resolve()
    try:
        target = out.resolve()
    except OSError:
        return None  # the write itself says why
    own = {db.with_name(db.name + side) for side in ("", "-wal", "-shm", "-journal")}
    if target in own or (out.exists() and db.exists() and os.path.samefile(out, db)):
        return (f"{out.name} er selve databasen (eller en af dens filer) og overskrives ikke; "
                "vælg et andet filnavn. Der er ikke skrevet nogen fil.")
    if autobackup.folder_for(store.path) in target.parents:
        return (f"{out.name} ligger blandt databasens sikkerhedskopier; vælg en anden mappe. "
                "Der er ikke skrevet nogen fil.")
    if out.is_file() and out.stat().st_size > 0 and not is_du_xml(out):
        return (f"{out.name} findes allerede og er ikke en indberetningsfil, så den overskrives "
                "ikke; vælg et andet filnavn. Der er ikke skrevet nogen fil.")
    return None


def _resolve_ukode(store: Store, quarter: Quarter, ukode: str | None) -> str | None:
    codes = ukoder(store.conn)
    if ukode is not None:
        if ukode not in codes:
            held = ("; den har " + ", ".join(sorted(codes))) if codes else ""
            raise UsageError(f"Databasen har ingen kursister med udbyderkode {ukode}{held}.")
        return ukode
    if len(codes) > 1:
        raise UsageError("Databasen har flere udbyderkoder (" + ", ".join(sorted(codes)) +
                         "); angiv hvilken med --ukode.")
    return None


__all__ = ["UnreadableFile", "UsageError", "WriteFailed", "validate_file", "import_files", "export_quarter"]
