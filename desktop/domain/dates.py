"""Dates as a Danish clerk types them: dd-mm-åååå, dd.mm.åå, ddmmåååå, or ISO."""

from __future__ import annotations

import datetime as dt
import re

_DANISH = re.compile(r"(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")


def parse_user_date(text: str, today: dt.date | None = None) -> str | None:
    """The ISO date for what the user typed, None for an empty field; ValueError with a
    Danish message when it is not a date."""
    text = (text or "").strip()
    if not text:
        return None
    today = today or dt.date.today()
    if m := _ISO.fullmatch(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := (_DANISH.fullmatch(text) or _COMPACT.fullmatch(text)):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:  # two-digit year: the nearest century not far in the future
            y += 2000 if 2000 + y <= today.year + 10 else 1900
    else:
        raise ValueError(f"'{text}' er ikke en dato. Skriv fx 15-01-2024.")
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        raise ValueError(f"Datoen '{text}' findes ikke.") from None


def danish(iso: str | None) -> str:
    """dd-mm-åååå for an ISO date; anything else unchanged (so nothing typed is hidden)."""
    if not iso:
        return ""
    try:
        return dt.date.fromisoformat(iso[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return iso
