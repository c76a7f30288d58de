"""Checks: pure functions from records to findings (docs/format.md §6). No Qt, no SQL."""

from desktop.checks.findings import ERROR, WARNING, Finding, summarize
from desktop.checks.run import CheckSettings, check_kursist, check_report

__all__ = ["ERROR", "WARNING", "Finding", "summarize", "CheckSettings", "check_kursist",
           "check_report"]
