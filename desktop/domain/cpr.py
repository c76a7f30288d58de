"""CPR numbers: the modulus-11 test (A1) and the birth date with its century (W6)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from operator import mul

_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def is_well_formed(cpr: str | None) -> bool:
    return cpr is not None and len(cpr) == 10 and cpr.isascii() and cpr.isdigit()


def modulus11_ok(cpr: str) -> bool:
    if not is_well_formed(cpr):
        return False
    return sum(map(mul, map(int, cpr), _WEIGHTS)) % 11 == 0


@lru_cache(maxsize=256)  # asked twice per kursist by the checks (W6, W7)
def birth_date(cpr: str) -> dt.date | None:
    """The birth date, with the century from the 7th digit (the CPR office's table)."""
    if not is_well_formed(cpr):
        return None
    day, month, yy, d7 = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    if d7 <= 3:
        century = 1900
    elif d7 in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return dt.date(century + yy, month, day)
    except ValueError:
        return None


def format_cpr(cpr: str, masked: bool = False) -> str:
    """DDMMYY-XXXX; masked hides the last four digits for screen sharing."""
    if not is_well_formed(cpr):
        return cpr
    return f"{cpr[:6]}-{'XXXX' if masked else cpr[6:]}"


# Six digits, an optional dash or space, then four or more: a CPR number in any text, or a
# longer run of digits that may hold one. Digits on either side make it part of another number.
_IN_TEXT = re.compile(r"(?<!\d)(\d{6})[- ]?(\d{4,})(?!\d)")


def mask_cprs(text: str) -> str:
    """Every CPR-looking number in text as DDMMYY-XXXX (for logs and shared screens)."""
    return _IN_TEXT.sub(lambda m: f"{m[1]}-{'X' * len(m[2])}", text)


def cpr_problem(cpr: str, mod11_is_error: bool = True) -> str | None:
    """Why a typed CPR number cannot be a new kursist's, in Danish; checked before anything
    else is asked."""
    cpr = cpr.replace("-", "").strip()
    if not is_well_formed(cpr):
        return "Et CPR-nummer er 10 cifre (DDMMÅÅ-XXXX)."
    if birth_date(cpr) is None:
        return "CPR-nummeret begynder ikke med en gyldig fødselsdato."
    if mod11_is_error and not modulus11_ok(cpr):
        return ("CPR-nummeret består ikke modulus 11-kontrollen (A1). Numre uden modulus 11 kan "
                "tillades under Indstillinger.")
    return None
