"""Every setting of the installation, declared once: key, type, default, range, Danish label.

The checks (CheckSettings), the settings dialog, the command line and the workspace all read
settings through this registry; nothing else names a default or a range. Values are stored as
text in the `setting` table. No Qt here.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checks take their defaults from here
    from desktop.checks import CheckSettings


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type  # int, bool, str (a folder is a str)
    default: object
    label: str  # Danish, as the dialogs show it
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None  # a str setting's whole value must match
    message: str = ""  # Danish: what a valid value is
    affects_checks: bool = False  # a change re-checks the quarter

    def parse(self, text: str | None):
        """The stored text as a value of the setting's type (the default when unset or bad)."""
        if text is None:
            return self.default
        if self.kind is bool:
            return text == "1"
        if self.kind is int:
            try:
                value = int(text)
            except ValueError:
                return self.default
            return value if self.problem(str(value)) is None else self.default
        return text

    def text(self, value) -> str:
        """A value as stored."""
        if self.kind is bool:
            return "1" if value else "0"
        return str(value)

    def problem(self, text: str) -> str | None:
        """Why a text is no valid value of the setting, in Danish; None when it is."""
        if self.kind is int:
            if not re.fullmatch(r"-?[0-9]+", text or ""):
                return self.message
            n = int(text)
            if (self.minimum is not None and n < self.minimum) or (
                    self.maximum is not None and n > self.maximum):
                return self.message
        elif self.kind is bool:
            if text not in ("0", "1"):
                return self.message
        elif self.pattern and not re.fullmatch(self.pattern, text or ""):
            return self.message
        return None


_FOLDER = "Mappen, som {what} sidst blev valgt i"
REGISTRY: dict[str, Setting] = {s.key: s for s in (
    Setting("ukode", str, None, "Udbyderkode", pattern=r"[1-9][0-9]{5}",
            message="Udbyderkoden er seks cifre fra 100000 til 999999.", affects_checks=True),
    Setting("lesson_minutes", int, 45, "Lektionslængde", minimum=15, maximum=120,
            message="Lektionslængden er 15 til 120 minutter.", affects_checks=True),
    Setting("a1_error", bool, True, "CPR uden modulus 11 er en fejl (A1)",
            message="Vælg fejl eller advarsel.", affects_checks=True),
    Setting("mask_cpr", bool, False, "Skjul CPR-numre", message="Til eller fra."),
    Setting("import_dir", str, None, _FOLDER.format(what="filer til indlæsning")),
    Setting("export_dir", str, None, _FOLDER.format(what="eksporterede filer")),
    Setting("report_dir", str, None, _FOLDER.format(what="fejlrapporter")),
    Setting("backup_dir", str, None, _FOLDER.format(what="sikkerhedskopier")),
)}


def value(c: sqlite3.Connection, key: str):
    """One setting's value, typed, from the store's connection."""
    row = c.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return REGISTRY[key].parse(row[0] if row else None)


def check_settings(c: sqlite3.Connection | None) -> "CheckSettings":
    """What the checks need to know of the installation (defaults without a store)."""
    from desktop.checks import CheckSettings
    if c is None:
        return CheckSettings(a1_is_error=REGISTRY["a1_error"].default,
                             lesson_minutes=REGISTRY["lesson_minutes"].default)
    return CheckSettings(a1_is_error=value(c, "a1_error"),
                         lesson_minutes=value(c, "lesson_minutes"))
