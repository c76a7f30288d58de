"""The "Fejlrapport": a quarter's findings as one printable, self-contained HTML document.

No Qt here: the GUI shows and prints it, and anything else (CLI, mail) can write it as it is.
"""

from __future__ import annotations

from html import escape

from desktop.checks.findings import SEVERITY_DA, Finding
from desktop.domain.cpr import format_cpr
from desktop.domain.fields import FIELD_BY_TAG

ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5a00"

# Kept to what both browsers and Qt's rich text engine understand, so preview and PDF agree.
_STYLE = """
body { font-family: sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 16pt; margin-bottom: 2pt; }
h2 { font-size: 12pt; margin-top: 16pt; margin-bottom: 4pt; }
p.totals { margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; }
td { vertical-align: top; border-bottom: 1px solid #ccc; }
th { background-color: #eee; }
.error { color: #b3261e; font-weight: bold; }
.warning { color: #8a5a00; font-weight: bold; }
@media print { h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
"""


def report_html(findings: list[Finding], title: str) -> str:
    groups = _by_kursist(findings)
    errors = sum(f.is_error for f in findings)
    with_findings = sum(1 for cpr in groups if cpr is not None)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="da"><head><meta charset="utf-8">',
        f"<title>Fejlrapport – {escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Fejlrapport – {escape(title)}</h1>",
        f'<p class="totals">{_count(with_findings, "kursist", "kursister")} med fejl eller '
        f"advarsler · {_count(errors, 'fejl', 'fejl')} · "
        f"{_count(len(findings) - errors, 'advarsel', 'advarsler')}</p>",
    ]
    if not findings:
        parts.append("<p>Ingen fejl eller advarsler.</p>")
    for cpr, group in groups.items():
        heading = f"CPR {format_cpr(cpr)}" if cpr else "Hele indberetningen"
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(_table(group))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _by_kursist(findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """Kursister with errors first, then by CPR; within one, errors before warnings (stable,
    so the checks' own order, which follows the records, is kept)."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.cpr or None, []).append(f)
    order = sorted(groups, key=lambda cpr: (not any(f.is_error for f in groups[cpr]),
                                            cpr is not None, cpr or ""))
    return {cpr: sorted(groups[cpr], key=lambda f: not f.is_error) for cpr in order}


def _table(findings: list[Finding]) -> str:
    # Fixed column widths line the tables of all kursister up on the page.
    rows = ['<table width="100%" cellspacing="0" cellpadding="4">',
            '<tr><th width="10%">Type</th><th width="7%">Regel</th><th width="22%">Post</th>'
            '<th width="20%">Felt</th><th width="41%">Besked</th></tr>']
    for f in findings:
        css, colour = ("error", ERROR_COLOUR) if f.is_error else ("warning", WARNING_COLOUR)
        field = FIELD_BY_TAG.get(f.field or "")
        cells = (escape(f.rule), escape(f.record), escape(field.label if field else f.field or ""),
                 escape(f.message))
        # Colour inline as well as by class: Qt's rich text supports only part of CSS.
        rows.append(f'<tr><td class="{css}" style="color:{colour}"><b>{SEVERITY_DA[f.severity]}'
                    "</b></td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    rows.append("</table>")
    return "\n".join(rows)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
