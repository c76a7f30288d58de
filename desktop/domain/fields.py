"""The field catalogue: every v1.8 field described once.

The XML writer and reader, the checks and the forms all read this module. The lexical rules
(`base`, `pattern`, ranges, `length`, `enum`) mirror the facets of resources/schema/du-v1.8.xsd,
so a value that passes `Field.problem` is one the schema accepts. Tag names live only here
(docs/format.md §3: a correction of their case is a one-line change).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.codes import LONG_LISTS, all_grades, code_list

NAMESPACE = "http://statistik.uni-c.dk/INMindb/v1.8"
VERSION = "1.8"

# Lexical space of each XSD base type (after whitespace collapse) and its value range.
_BASES = {
    "string": (None, None, None),
    "unsignedByte": (re.compile(r"\+?[0-9]+"), 0, 255),
    "unsignedInt": (re.compile(r"\+?[0-9]+"), 0, 4294967295),
    "short": (re.compile(r"[+-]?[0-9]+"), -32768, 32767),
    # xs:date allows a time zone suffix; the app itself always writes plain YYYY-MM-DD.
    "date": (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?"), None, None),
}

# Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_CPR_PATTERN = (
    r"((((0[1-9]|1[0-9]|2[0-9]|3[0-1])(01|03|05|07|08|10|12))|((0[1-9]|1[0-9]|2[0-9]|30)(04|06|09|11))"
    r"|((0[1-9]|1[0-9]|2[0-9])(02)))[0-9]{6})"
)


@dataclass(frozen=True)
class Field:
    record: str
    tag: str
    name: str  # the notat's own field name
    label: str  # Danish label shown to the user
    help: str
    base: str = "string"
    pattern: str | None = None
    min: int | None = None
    max: int | None = None
    length: int | None = None
    max_length: int | None = None
    enum: frozenset[str] | None = None
    nillable: bool = False
    codes: str | None = None  # name of a code list in resources/codes, for display and checks

    @property
    def mandatory(self) -> bool:
        return not self.nillable

    @property
    def is_date(self) -> bool:
        return self.base == "date"

    @property
    def is_number(self) -> bool:
        return self.base in ("unsignedByte", "unsignedInt", "short")

    def __post_init__(self):
        # Checks ask about the same values (dates, counts, codes) again and again; a quarter
        # has few distinct ones, so each field remembers its answers.
        object.__setattr__(self, "_answers", {})

    def problem(self, value: str | None) -> str | None:
        """A Danish message if the value would break the schema (an X finding), else None."""
        answers = self._answers
        try:
            return answers[value]
        except KeyError:
            pass
        if len(answers) > 100_000:
            answers.clear()
        answer = answers[value] = self._problem(value)
        return answer

    def _problem(self, value: str | None) -> str | None:
        if value is None or value == "":
            return None if self.nillable else f"{self.label} skal udfyldes."
        shown = quoted(value)
        if _NOT_XML.search(value):
            return f"{self.label} indeholder tegn, der ikke kan stå i en indberetningsfil."
        if value != value.strip():
            # The schema would keep the spaces of a text field, but a reader strips them.
            return f"{self.label} må ikke begynde eller slutte med mellemrum."
        lexical, lo, hi = _BASES[self.base]
        if self.base == "date":
            m = lexical.fullmatch(value)
            if not m or not _real_date(m):
                return f"{self.label} skal være en gyldig dato (ÅÅÅÅ-MM-DD), ikke {shown}."
            return None
        if lexical is not None:
            if not lexical.fullmatch(value):
                return f"{self.label} skal være et helt tal, ikke {shown}."
            number = as_int(value)
            lo = self.min if self.min is not None else lo
            hi = self.max if self.max is not None else hi
            if (number is None or not lo <= number <= hi
                    or (self.pattern and not re.fullmatch(self.pattern, value))):
                return f"{self.label} skal være {self.allowed()}, ikke {shown}."
            return None
        if self.pattern and not re.fullmatch(self.pattern, value):
            return f"{self.label}: {shown} er ugyldig; {self.allowed()}."
        if self.length is not None and len(value) != self.length:
            return f"{self.label} skal være præcis {self.length} tegn, ikke {shown}."
        if self.max_length is not None and len(value) > self.max_length:
            return f"{self.label} må højst være {self.max_length} tegn."
        if self.enum is not None and value not in self.enum:
            return f"{self.label}: {shown} er ikke en gyldig værdi."
        return None

    def allowed(self) -> str:
        """A short Danish description of the allowed values, for messages and help."""
        if self.codes and self.codes not in LONG_LISTS:
            codes = list(code_list(self.codes).items)
            if len(codes) <= 3:
                return "en af " + ", ".join(codes[:-1]) + " eller " + codes[-1]
            return f"en kode fra {codes[0]} til {codes[-1]}" if _consecutive(codes) else (
                "en af " + ", ".join(codes[:-1]) + " eller " + codes[-1])
        if self.tag == "kcprnr":
            return "10 cifre, der begynder med en gyldig dag og måned (DDMMÅÅXXXX)"
        if self.tag == "iperiode":
            return "år og kvartal som ÅÅÅÅK, fx 20241"
        if self.tag == "hkomkode":
            return "en kommunekode på tre cifre"
        if self.min is not None or self.max is not None:
            lo = self.min if self.min is not None else _BASES[self.base][1]
            hi = self.max if self.max is not None else _BASES[self.base][2]
            return f"et helt tal fra {lo} til {hi}"
        return "se hjælpeteksten"


def quoted(value: str, limit: int = 40) -> str:
    """A value in quotes for a message, cut short: a pasted page must not become the message."""
    return f"'{value}'" if len(value) <= limit else f"'{value[:limit]}…' ({len(value)} tegn)"


def _consecutive(codes: list[str]) -> bool:
    return all(c.isdigit() for c in codes) and [int(c) for c in codes] == list(
        range(int(codes[0]), int(codes[-1]) + 1))


def _real_date(m: re.Match) -> bool:
    try:
        dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return True
    except ValueError:
        return False


@lru_cache(maxsize=8192)
def as_date(value: str | None) -> dt.date | None:
    """The date of a schema-valid xs:date value (time zone ignored), else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=8192)  # the rules ask for the same few numbers hundreds of thousands of times
def as_int(value: str | None) -> int | None:
    """The integer a text holds, else None. Leading zeros are dropped first, and a number longer
    than any field's is None: Python refuses to convert more than 4,300 digits."""
    if not value:
        return None
    text = value.strip()
    sign, body = (text[0], text[1:]) if text[:1] in ("+", "-") else ("", text)
    body = body.lstrip("0") or "0"
    if len(body) > 20:
        return None
    try:
        return int(sign + body)
    except ValueError:
        return None


_LESSON = dict(base="unsignedInt", max=400)

FIELDS: dict[str, tuple[Field, ...]] = {
    "kursist": (
        Field("kursist", "iperiode", "Iperiode", "Indberetningsperiode",
              "Kvartalet, der indberettes, som ÅÅÅÅK (fx 20241 for 1. kvartal 2024).",
              pattern=r"[1-9][0-9]{3}[1-4]"),
        Field("kursist", "ukode", "Ukode", "Udbyderkode",
              "Sprogcentrets seks-cifrede udbyderkode.", base="unsignedInt", min=100000, max=999999),
        Field("kursist", "kcprnr", "KCprNr", "CPR-nummer",
              "Kursistens CPR-nummer, 10 cifre uden bindestreg.", pattern=_CPR_PATTERN),
        Field("kursist", "kkoen", "KKoen", "Køn", "M = mand, K = kvinde.",
              pattern="M|K", codes="kkoen"),
        Field("kursist", "knationskode", "KNationsKode", "Nationalitet",
              "Nationskode efter ISO 3166-1 alpha-3 (tre bogstaver, fx IRQ).", length=3,
              codes="nationer"),
    ),
    "henvisning": (
        Field("henvisning", "hhenvisdato", "HHenvisDato", "Henvisningsdato",
              "Datoen for henvisningen. Skal ligge i kvartalet.", base="date"),
        Field("henvisning", "hhenviskat", "HHenvisKat", "Henvisningskategori",
              "Kategorien kursisten er henvist efter (1–9).", base="unsignedByte", pattern="[1-9]",
              codes="henviskat"),
        Field("henvisning", "hkomkode", "HKomKode", "Bopælskommune",
              "Kommunekoden for kursistens bopælskommune (tre cifre).", base="short",
              pattern="[1-9][0-9]{2}", codes="kommuner"),
    ),
    "modul": (
        Field("modul", "uuddnr", "UUddNr", "Danskuddannelse", "Danskuddannelse 1, 2 eller 3.",
              base="unsignedByte", pattern="[1-3]", codes="uuddnr"),
        Field("modul", "umodul", "UModul", "Modul", "Modul 1–6.", base="unsignedByte",
              pattern="[1-6]", codes="umodul"),
        Field("modul", "uforsoegnr", "UForsoegNr", "Forsøg nr.",
              "Fortløbende nummer for kursistens placeringer på denne DU og dette modul (1, 2, 3 …).",
              base="unsignedByte", min=1),
        Field("modul", "ustartdato", "UStartDato", "Startdato",
              "Kursistens startdato på modulet.", base="date"),
        Field("modul", "uslutdato", "USlutDato", "Slutdato",
              "Slutdato for placeringen. Udfyldes, når kursisten afslutter eller ophører.",
              base="date", nillable=True),
        Field("modul", "uophoersaarsag", "UOphoersaarsag", "Ophørsårsag",
              "Årsag til ophør, hvis modulet afsluttes uden bestået modultest.",
              base="unsignedByte", pattern="[1-8]", nillable=True, codes="ophoersaarsag"),
        Field("modul", "umodtestdato", "UModTestDato", "Modultest bestået",
              "Dato for bestået modultest, hvis modulet afsluttes normalt.", base="date",
              nillable=True),
    ),
    "undervisning": (
        Field("undervisning", "unperiode", "UnPeriode", "Måned",
              "Måneden undervisningen fandt sted i (1–12).", base="unsignedByte", min=1, max=12),
        Field("undervisning", "unfagskema", "UnFagSkema", "Skemalagte lektioner",
              "Antal skemalagte, lærerstøttede lektioner i måneden (0–400).", **_LESSON),
        Field("undervisning", "unkatkonf", "UnKatKonf", "Heraf konfrontation",
              "Valgfri underopdeling af de skemalagte lektioner: konfrontationslektioner.",
              nillable=True, **_LESSON),
        Field("undervisning", "unkatstud", "UnKatStud", "Heraf studieværksted",
              "Valgfri underopdeling: studieværksted.", nillable=True, **_LESSON),
        Field("undervisning", "unkatedb", "UnKatEdb", "Heraf edb/sproglab.",
              "Valgfri underopdeling: edb-lokale/sproglaboratorium.", nillable=True, **_LESSON),
        Field("undervisning", "unkatproj", "UnKatProj", "Heraf projekt",
              "Valgfri underopdeling: projektundervisning.", nillable=True, **_LESSON),
        Field("undervisning", "unkateks", "UnKatEks", "Heraf ekskursion",
              "Valgfri underopdeling: ekskursion.", nillable=True, **_LESSON),
        Field("undervisning", "unkatoevrig", "UnKatOevrig", "Heraf andet",
              "Valgfri underopdeling: andet.", nillable=True, **_LESSON),
        Field("undervisning", "unfravaer", "UnFravaer", "Fravær",
              "Antal fraværslektioner af de skemalagte lektioner (0–400).", **_LESSON),
        Field("undervisning", "unfagoevrig", "UnFagOevrig", "Øvrige lektioner",
              "Øvrige timer: antal tilbudte lektioner ud over de skemalagte (0–400).", **_LESSON),
        Field("undervisning", "unlekmin", "UnLekMin", "Lektionslængde (min.)",
              "Lektionslængden i minutter (15–120). Ved forskellige længder: gennemsnittet, "
              "afrundet til helt tal.", base="unsignedByte", min=15, max=120),
    ),
    "proeve": (
        Field("proeve", "pdato", "PDato", "Prøvedato", "Datoen for prøven.", base="date"),
        Field("proeve", "ptype", "PType", "Prøvetype", "Prøvetypen (1–12).", base="unsignedByte",
              min=1, max=12, codes="ptype"),
        Field("proeve", "pstatus", "PStatus", "Prøvestatus",
              "1 tilmeldt, 2 ikke mødt, 3 syg, 4 gennemført, 9 andet.", base="unsignedByte",
              pattern="[1-49]", codes="pstatus"),
        Field("proeve", "pkarakter", "PKarakter", "Karakter",
              "Karakteren: 7-trinsskalaen fra 4. kvartal 2007, 13-skalaen før.",
              enum=frozenset(all_grades()), nillable=True),
        Field("proeve", "pselvstuderende", "PSelvstuderende", "Selvstuderende",
              "J = ja, N = nej. Skal udfyldes, når prøven er gennemført.", pattern="J|N",
              nillable=True, codes="pselvstuderende"),
    ),
}

# Document-level fields (children of the root before the kursister).
DOCUMENT_FIELDS = (
    Field("document", "version", "version", "Version", "Formatets version, altid 1.8.",
          enum=frozenset({VERSION})),
    Field("document", "produktkode", "produktkode", "Produktkode",
          "Navn og version på det system, der har dannet filen.", max_length=256, nillable=True),
)

# Record element names and their children, in schema order.
RECORD_KINDS = ("kursist", "henvisning", "modul", "undervisning", "proeve")
CHILD_KINDS = {"kursist": ("henvisning", "modul", "proeve"), "modul": ("undervisning",)}

# The fields that close a placement; a placement still open at a quarter's end has none.
PLACEMENT_END = ("uslutdato", "uophoersaarsag", "umodtestdato")

# The parts of a month's lessons (UnKat…); UnFagSkema is their sum when they are given.
UNKAT_PARTS = ("unkatkonf", "unkatstud", "unkatedb", "unkatproj", "unkateks", "unkatoevrig")

# Identity constraints of the schema: the fields that make each record's key.
KEYS = {
    "kursist": ("iperiode", "ukode", "kcprnr"),
    "henvisning": ("hhenvisdato",),
    "modul": ("uuddnr", "umodul", "uforsoegnr"),
    "undervisning": ("unperiode",),
    "proeve": ("pdato", "ptype"),
}

RECORD_LABELS = {
    "kursist": "Stamdata",
    "henvisning": "Henvisning",
    "modul": "Modulplacering",
    "undervisning": "Undervisning",
    "proeve": "Prøve",
}

def duplicate_message(kind: str) -> str:
    """The X message for two records of a kind with the same key, the same whether the
    schema finds it in a file or the catalogue in the editor."""
    names = " og ".join(FIELD_BY_TAG[t].label.lower().rstrip(".") for t in KEYS.get(kind, ()))
    what = RECORD_LABELS.get(kind, kind).lower()
    return (f"Der er mere end én {what} med samme {names}. "
            "Hver kombination må kun forekomme én gang.")


FIELD_BY_TAG: dict[str, Field] = {
    f.tag: f for fields in FIELDS.values() for f in fields
} | {f.tag: f for f in DOCUMENT_FIELDS}
TAGS: dict[str, tuple[str, ...]] = {kind: tuple(f.tag for f in fs) for kind, fs in FIELDS.items()}
