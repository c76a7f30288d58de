"""The code lists of docs/format.md §5, with Danish labels, loaded from resources/codes."""

from __future__ import annotations

import csv
import gettext
from functools import cache

import pycountry

from desktop.resources import resource


class CodeList:
    """An ordered mapping code -> Danish label."""

    def __init__(self, name: str, items: dict[str, str]):
        self.name = name
        self.items = items

    def __contains__(self, code: object) -> bool:
        return code in self.items

    def __iter__(self):
        return iter(self.items.items())

    def __len__(self) -> int:
        return len(self.items)

    def label(self, code: str) -> str | None:
        return self.items.get(code)


def _read_csv(name: str) -> dict[str, str]:
    with resource("codes", f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return {row["kode"]: row["navn"] for row in csv.DictReader(f, delimiter=";")}


@cache
def code_list(name: str) -> CodeList:
    if name == "nationer":
        return CodeList(name, _nations())
    return CodeList(name, _read_csv(name))


def _nations() -> dict[str, str]:
    # Current ISO 3166-1 with pycountry's Danish names, then historic codes and Kosovo (XKX),
    # which pycountry's lookup does not cover but Danish statistics use.
    try:
        da = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["da"]).gettext
    except OSError:  # pragma: no cover - translations missing from a trimmed install
        da = str
    names = {c.alpha_3: da(c.name) for c in pycountry.countries}
    for c in pycountry.historic_countries:
        names.setdefault(c.alpha_3, f"{c.name} (historisk)")
    names.update(_read_csv("nationer_ekstra"))
    return dict(sorted(names.items(), key=lambda kv: kv[1]))


# Code lists too long to list in a message or a fixed drop-down: typed, with a completer.
LONG_LISTS = ("kommuner", "nationer")
SEVEN_POINT_FROM = "20074"  # the 7-point grading scale applies from this quarter on


def seven_point(iperiode: str) -> bool:
    """Whether the quarter's grades are on the 7-point scale (else the 13-scale)."""
    return iperiode >= SEVEN_POINT_FROM


def grade_scale(iperiode: str) -> CodeList:
    """The PKarakter scale for a quarter: the 7-point scale from 20074, the 13-scale before."""
    return code_list("karakter7" if seven_point(iperiode) else "karakter13")


def all_grades() -> set[str]:
    return set(code_list("karakter7").items) | set(code_list("karakter13").items)
