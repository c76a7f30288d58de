"""Quarters (Iperiode, text YYYYQ) and their dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

_IPERIODE = re.compile(r"[1-9][0-9]{3}[1-4]")
# The years the app accepts (docs/format.md, "Quarters"): v1.8 carries data "fra 2005-1 og frem"
# (the v1.8 notat, Side 1); 2099 is the app's own limit, far enough for any real report and
# short of the year 10000, which the schema's pattern would allow for 99994's next quarter.
FIRST_YEAR, LAST_YEAR = 2005, 2099


def quarter_problem(text: str) -> str | None:
    """Why an Iperiode is no quarter the app can report, in Danish; else None."""
    if not _IPERIODE.fullmatch(text or ""):
        return f"Ugyldigt kvartal '{text}': skriv ÅÅÅÅK, fx 20241."
    year = int(text[:4])
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    if year < FIRST_YEAR:
        return (f"Kvartalet {text} ligger før 2005: format v1.8 kan kun bruges til data fra "
                "1. kvartal 2005 og frem.")
    return (f"Kvartalet {text} ligger efter {LAST_YEAR}; programmet tager kun imod kvartaler "
            f"fra 2005 til {LAST_YEAR}. Er året skrevet forkert?")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        text = (text or "").strip()
        problem = quarter_problem(text)
        if problem:
            raise ValueError(problem)
        return cls(int(text[:4]), int(text[4]))

    @staticmethod
    @lru_cache(maxsize=256)
    def cached(text: str) -> "Quarter":
        """One shared instance per quarter, so its dates are worked out once."""
        return Quarter.parse(text)

    @classmethod
    def of(cls, day: dt.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def iperiode(self) -> str:
        return f"{self.year}{self.q}"

    @cached_property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.q - 2, 1)

    @cached_property
    def end(self) -> dt.date:
        nxt = self.next()
        return nxt.start - dt.timedelta(days=1)

    @cached_property
    def months(self) -> tuple[int, int, int]:
        first = 3 * self.q - 2
        return (first, first + 1, first + 2)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def __str__(self) -> str:
        return f"{self.year} {self.q}. kvartal"
