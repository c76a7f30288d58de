"""The one finding type that every check, the CLI and the forms share."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from desktop.domain.records import RecordRef

ERROR = "error"
WARNING = "warning"
SEVERITY_DA = {ERROR: "Fejl", WARNING: "Advarsel"}


@dataclass(frozen=True)
class Finding:
    rule: str  # docs/format.md §6 rule ID: X, A1…A12, B1…B4, W1…
    severity: str  # ERROR or WARNING
    cpr: str | None
    record: str  # e.g. 'kursist', 'henvisning 2024-01-15', 'undervisning 1/2/1/3'
    field: str | None  # the field's XML tag
    message: str  # plain Danish
    line: int | None = None  # source line, for findings from a file
    iperiode: str | None = None
    ukode: str | None = None
    ref: RecordRef | None = None  # the record itself (None: the document as a whole)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in ("rule", "severity", "cpr", "record", "field", "message", "line",
                                  "iperiode", "ukode")}

    def as_text(self) -> str:
        where = f"linje {self.line}: " if self.line else ""
        who = f"CPR {self.cpr}, " if self.cpr else ""
        return f"{where}{SEVERITY_DA[self.severity]} {self.rule} ({who}{self.record}): {self.message}"


def summarize(findings: list[Finding]) -> dict[str, int]:
    return {
        "x": sum(f.rule == "X" for f in findings),
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
    }
