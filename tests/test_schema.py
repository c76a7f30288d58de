"""Tests for the reconstructed v1.8 XSD (resources/schema/du-v1.8.xsd).

Every rejection case changes exactly one thing in a valid baseline document and
checks that the schema rejects it *for the expected reason* (the libxml2 error
must name the offending element and contain the facet / constraint fragment).
Near-miss cases (boundary values, nil on nillable elements, keys that differ in
one field) must be accepted.  See docs/format.md §2 and §3.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

XSD = Path(__file__).parents[1] / "resources/schema/du-v1.8.xsd"
NS = "http://statistik.uni-c.dk/INMindb/v1.8"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XS = "http://www.w3.org/2001/XMLSchema"
NIL = f"{{{XSI}}}nil"

UNKAT = ("unkatkonf", "unkatstud", "unkatedb", "unkatproj", "unkateks", "unkatoevrig")
LESSON_FIELDS = ("unfagskema", *UNKAT, "unfravaer", "unfagoevrig")
NILLABLE = (
    "produktkode",
    "kursist/modul/uslutdato",
    "kursist/modul/uophoersaarsag",
    "kursist/modul/umodtestdato",
    *(f"kursist/modul/undervisning/{f}" for f in UNKAT),
    "kursist/proeve/pkarakter",
    "kursist/proeve/pselvstuderende",
)

_UNKAT_NIL = "".join(f'<{f} xsi:nil="true"/>' for f in UNKAT)
BASELINE = f"""<?xml version="1.0" encoding="iso-8859-1"?>
<document xmlns="{NS}" xmlns:xsi="{XSI}">
  <version>1.8</version>
  <produktkode>DU-indberetning test 1.0</produktkode>
  <kursist>
    <iperiode>20241</iperiode>
    <ukode>123456</ukode>
    <kcprnr>0101901234</kcprnr>
    <kkoen>M</kkoen>
    <knationskode>DNK</knationskode>
    <henvisning>
      <hhenvisdato>2024-01-15</hhenvisdato>
      <hhenviskat>1</hhenviskat>
      <hkomkode>101</hkomkode>
    </henvisning>
    <modul>
      <uuddnr>2</uuddnr>
      <umodul>1</umodul>
      <uforsoegnr>1</uforsoegnr>
      <ustartdato>2024-01-20</ustartdato>
      <uslutdato xsi:nil="true"/>
      <uophoersaarsag xsi:nil="true"/>
      <umodtestdato xsi:nil="true"/>
      <undervisning>
        <unperiode>1</unperiode>
        <unfagskema>40</unfagskema>
        {_UNKAT_NIL}
        <unfravaer>2</unfravaer>
        <unfagoevrig>0</unfagoevrig>
        <unlekmin>45</unlekmin>
      </undervisning>
    </modul>
    <proeve>
      <pdato>2024-03-10</pdato>
      <ptype>3</ptype>
      <pstatus>4</pstatus>
      <pkarakter>7</pkarakter>
      <pselvstuderende>N</pselvstuderende>
    </proeve>
  </kursist>
</document>
""".encode("iso-8859-1")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def baseline() -> etree._Element:
    return etree.fromstring(BASELINE, etree.XMLParser(remove_blank_text=True))


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def find(root: etree._Element, path: str) -> etree._Element:
    """'kursist/modul/uuddnr' -> first matching element below the root."""
    hit = root.find("/".join(q(p) for p in path.split("/")))
    assert hit is not None, path
    return hit


def _set(el: etree._Element, value: str | None) -> None:
    el.attrib.pop(NIL, None)
    el.text = value


# Each mutation factory returns a function root -> None that changes one thing.
def setv(path: str, value: str):
    return lambda root: _set(find(root, path), value)


def nil(path: str, text: str | None = None):
    """xsi:nil="true"; with text, a nilled element that illegally has content."""
    def mutate(root):
        el = find(root, path)
        el.text = text
        el.set(NIL, "true")
    return mutate


def drop(path: str):
    def mutate(root):
        el = find(root, path)
        el.getparent().remove(el)
    return mutate


def dup(path: str, **changes: str):
    """Append a copy of the element right after it, with child values changed."""
    def mutate(root):
        el = find(root, path)
        clone = copy.deepcopy(el)
        for child, value in changes.items():
            _set(find(clone, child), value)
        el.addnext(clone)
    return mutate


def swap_next(path: str):
    """Move the element after its next sibling (breaks xs:sequence order)."""
    def mutate(root):
        el = find(root, path)
        el.getnext().addnext(el)
    return mutate


def wrong_namespace(uri: str):
    def mutate(root):
        for el in root.iter():
            el.tag = f"{{{uri}}}{etree.QName(el).localname}"
    return mutate


def errors_of(schema, root) -> list[str]:
    ok = schema.validate(root.getroottree())
    return [] if ok else [f"{e.type_name}: {e.message}" for e in schema.error_log]


K = "kursist"
H = "kursist/henvisning"
M = "kursist/modul"
U = "kursist/modul/undervisning"
P = "kursist/proeve"

# --------------------------------------------------------------------------
# rejected: (id, mutation, element named in the error, reason)
# The reason is a fragment of the libxml2 message (or a tuple of fragments that
# must all occur in the same message as "Element '{ns}<element>'").
# --------------------------------------------------------------------------
PATTERN = "[facet 'pattern']"
MININC = "[facet 'minInclusive']"
MAXINC = "[facet 'maxInclusive']"
ENUM = "[facet 'enumeration']"
LENGTH = "[facet 'length']"
MAXLEN = "[facet 'maxLength']"
# A value outside the base type (e.g. 256 for unsignedByte) fails the type itself;
# libxml2 then names the named type, or says "local atomic type" for anonymous ones.
LOCAL_TYPE = "is not a valid value of the local atomic type"
DATE = "is not a valid value of the atomic type 'xs:date'"


def named_type(name: str) -> str:
    return f"is not a valid value of the atomic type '{q(name)}'"


def dupkey(name: str) -> tuple[str, str]:
    return ("Duplicate key-sequence", f"key identity-constraint '{q(name)}'")


NOT_EXPECTED = "This element is not expected"
MISSING = "Missing child element(s)"
NOT_NILLABLE = "The element is not 'nillable'"
NIL_CONTENT = "Neither character nor element content is allowed because the element is 'nilled'"


def _path(el: etree._Element) -> str:
    names = [etree.QName(a).localname for a in el.iterancestors()][::-1][1:]
    return "/".join([*names, etree.QName(el).localname])


# Every simple-content element of the baseline, in document order, with what the
# schema must say when it is left out: the next sibling is "not expected", or, for
# the last field of a record, the parent misses a child.
LEAVES = {}
for _el in baseline().iter():
    if len(_el) == 0:
        _next = _el.getnext()
        LEAVES[_path(_el)] = (
            (etree.QName(_next).localname, NOT_EXPECTED)
            if _next is not None
            else (etree.QName(_el.getparent()).localname, MISSING)
        )
NOT_NILLABLE_LEAVES = [p for p in LEAVES if p not in NILLABLE]


REJECT = [
    # every field is mandatory (nillable ones too: they must be present, xsi:nil'ed)
    *((f"missing {p.rsplit('/', 1)[-1]}", drop(p), *LEAVES[p]) for p in LEAVES),
    *((f"nil on {p.rsplit('/', 1)[-1]}", nil(p), p.rsplit("/", 1)[-1], NOT_NILLABLE)
      for p in NOT_NILLABLE_LEAVES),
    # document level
    ("version 1.7", setv("version", "1.7"), "version", ENUM),
    ("version empty", setv("version", ""), "version", ENUM),
    ("produktkode 257 chars", setv("produktkode", "x" * 257), "produktkode", MAXLEN),
    ("no kursist", drop(K), "document", MISSING),
    ("produktkode after kursist", swap_next("produktkode"), "kursist", NOT_EXPECTED),
    ("lowercase namespace spelling", wrong_namespace(NS.replace("INMindb", "inmindb")),
     "{http://statistik.uni-c.dk/inmindb/v1.8}document", "No matching global declaration"),
    # kursist stamdata
    ("iperiode quarter 5", setv(f"{K}/iperiode", "20245"), "iperiode", PATTERN),
    ("iperiode quarter 0", setv(f"{K}/iperiode", "20240"), "iperiode", PATTERN),
    ("iperiode leading zero year", setv(f"{K}/iperiode", "02241"), "iperiode", PATTERN),
    ("iperiode too short", setv(f"{K}/iperiode", "2024"), "iperiode", PATTERN),
    ("iperiode too long", setv(f"{K}/iperiode", "202411"), "iperiode", PATTERN),
    ("ukode 99999", setv(f"{K}/ukode", "99999"), "ukode", MININC),
    ("ukode 1000000", setv(f"{K}/ukode", "1000000"), "ukode", MAXINC),
    ("ukode negative", setv(f"{K}/ukode", "-123456"), "ukode", LOCAL_TYPE),
    ("ukode not a number", setv(f"{K}/ukode", "ABCDEF"), "ukode", LOCAL_TYPE),
    ("kcprnr day 32", setv(f"{K}/kcprnr", "3201901234"), "kcprnr", PATTERN),
    ("kcprnr day 00", setv(f"{K}/kcprnr", "0001901234"), "kcprnr", PATTERN),
    ("kcprnr month 13", setv(f"{K}/kcprnr", "0113901234"), "kcprnr", PATTERN),
    ("kcprnr month 00", setv(f"{K}/kcprnr", "0100901234"), "kcprnr", PATTERN),
    ("kcprnr 31 April", setv(f"{K}/kcprnr", "3104901234"), "kcprnr", PATTERN),
    ("kcprnr 31 June", setv(f"{K}/kcprnr", "3106901234"), "kcprnr", PATTERN),
    ("kcprnr 31 September", setv(f"{K}/kcprnr", "3109901234"), "kcprnr", PATTERN),
    ("kcprnr 31 November", setv(f"{K}/kcprnr", "3111901234"), "kcprnr", PATTERN),
    ("kcprnr 30 February", setv(f"{K}/kcprnr", "3002901234"), "kcprnr", PATTERN),
    ("kcprnr too short", setv(f"{K}/kcprnr", "010190123"), "kcprnr", PATTERN),
    ("kcprnr too long", setv(f"{K}/kcprnr", "01019012345"), "kcprnr", PATTERN),
    ("kcprnr with dash", setv(f"{K}/kcprnr", "010190-1234"), "kcprnr", PATTERN),
    ("kcprnr letter", setv(f"{K}/kcprnr", "010190123X"), "kcprnr", PATTERN),
    ("kkoen X", setv(f"{K}/kkoen", "X"), "kkoen", PATTERN),
    ("kkoen lowercase m", setv(f"{K}/kkoen", "m"), "kkoen", PATTERN),
    ("kkoen MK", setv(f"{K}/kkoen", "MK"), "kkoen", PATTERN),
    ("knationskode 2 chars", setv(f"{K}/knationskode", "DK"), "knationskode", LENGTH),
    ("knationskode 4 chars", setv(f"{K}/knationskode", "DNKX"), "knationskode", LENGTH),
    ("kcprnr before ukode", swap_next(f"{K}/ukode"), "kcprnr", NOT_EXPECTED),
    ("modul before henvisning", swap_next(H), "henvisning", NOT_EXPECTED),
    ("proeve before modul", swap_next(M), "modul", NOT_EXPECTED),
    # henvisning
    ("hhenvisdato 30 Feb", setv(f"{H}/hhenvisdato", "2024-02-30"), "hhenvisdato", DATE),
    ("hhenvisdato Danish format", setv(f"{H}/hhenvisdato", "15-01-2024"), "hhenvisdato", DATE),
    ("hhenvisdato no zero padding", setv(f"{H}/hhenvisdato", "2024-1-5"), "hhenvisdato", DATE),
    ("hhenviskat 0", setv(f"{H}/hhenviskat", "0"), "hhenviskat", PATTERN),
    ("hhenviskat 10", setv(f"{H}/hhenviskat", "10"), "hhenviskat", PATTERN),
    ("hhenviskat 256", setv(f"{H}/hhenviskat", "256"), "hhenviskat", LOCAL_TYPE),
    ("hkomkode 099", setv(f"{H}/hkomkode", "099"), "hkomkode", PATTERN),
    ("hkomkode 99", setv(f"{H}/hkomkode", "99"), "hkomkode", PATTERN),
    ("hkomkode 1000", setv(f"{H}/hkomkode", "1000"), "hkomkode", PATTERN),
    ("hkomkode before hhenviskat", swap_next(f"{H}/hhenviskat"), "hkomkode", NOT_EXPECTED),
    # modul
    ("uuddnr 0", setv(f"{M}/uuddnr", "0"), "uuddnr", PATTERN),
    ("uuddnr 4", setv(f"{M}/uuddnr", "4"), "uuddnr", PATTERN),
    ("umodul 0", setv(f"{M}/umodul", "0"), "umodul", PATTERN),
    ("umodul 7", setv(f"{M}/umodul", "7"), "umodul", PATTERN),
    ("uforsoegnr 0", setv(f"{M}/uforsoegnr", "0"), "uforsoegnr", MININC),
    ("uforsoegnr 256", setv(f"{M}/uforsoegnr", "256"), "uforsoegnr", LOCAL_TYPE),
    ("uforsoegnr -1", setv(f"{M}/uforsoegnr", "-1"), "uforsoegnr", LOCAL_TYPE),
    ("ustartdato 30 Feb", setv(f"{M}/ustartdato", "2024-02-30"), "ustartdato", DATE),
    ("uslutdato 30 Feb", setv(f"{M}/uslutdato", "2024-02-30"), "uslutdato", DATE),
    ("uslutdato nil with content", nil(f"{M}/uslutdato", "2024-03-31"), "uslutdato", NIL_CONTENT),
    ("uophoersaarsag 0", setv(f"{M}/uophoersaarsag", "0"), "uophoersaarsag", PATTERN),
    ("uophoersaarsag 9", setv(f"{M}/uophoersaarsag", "9"), "uophoersaarsag", PATTERN),
    ("umodtestdato 30 Feb", setv(f"{M}/umodtestdato", "2024-02-30"), "umodtestdato", DATE),
    ("umodul before uuddnr", swap_next(f"{M}/uuddnr"), "umodul", NOT_EXPECTED),
    # undervisning
    ("unperiode 0", setv(f"{U}/unperiode", "0"), "unperiode", MININC),
    ("unperiode 13", setv(f"{U}/unperiode", "13"), "unperiode", MAXINC),
    *((f"{f} 401", setv(f"{U}/{f}", "401"), f, MAXINC) for f in LESSON_FIELDS),
    *((f"{f} -1", setv(f"{U}/{f}", "-1"), f, named_type("typ0to400")) for f in LESSON_FIELDS),
    ("unfagskema decimal", setv(f"{U}/unfagskema", "12.5"), "unfagskema", named_type("typ0to400")),
    ("unlekmin 14", setv(f"{U}/unlekmin", "14"), "unlekmin", MININC),
    ("unlekmin 121", setv(f"{U}/unlekmin", "121"), "unlekmin", MAXINC),
    ("unlekmin 256", setv(f"{U}/unlekmin", "256"), "unlekmin", named_type("typ15to120")),
    ("unfravaer before unkatoevrig", swap_next(f"{U}/unkatoevrig"), "unfravaer", NOT_EXPECTED),
    # proeve
    ("pdato 30 Feb", setv(f"{P}/pdato", "2024-02-30"), "pdato", DATE),
    ("ptype 0", setv(f"{P}/ptype", "0"), "ptype", MININC),
    ("ptype 13", setv(f"{P}/ptype", "13"), "ptype", MAXINC),
    ("pstatus 0", setv(f"{P}/pstatus", "0"), "pstatus", PATTERN),
    ("pstatus 5", setv(f"{P}/pstatus", "5"), "pstatus", PATTERN),
    ("pstatus 8", setv(f"{P}/pstatus", "8"), "pstatus", PATTERN),
    ("pstatus 49", setv(f"{P}/pstatus", "49"), "pstatus", PATTERN),
    ("pkarakter 1", setv(f"{P}/pkarakter", "1"), "pkarakter", ENUM),
    ("pkarakter 0", setv(f"{P}/pkarakter", "0"), "pkarakter", ENUM),
    ("pkarakter 2 (needs 02)", setv(f"{P}/pkarakter", "2"), "pkarakter", ENUM),
    ("pkarakter 14", setv(f"{P}/pkarakter", "14"), "pkarakter", ENUM),
    ("pkarakter 07", setv(f"{P}/pkarakter", "07"), "pkarakter", ENUM),
    ("pselvstuderende X", setv(f"{P}/pselvstuderende", "X"), "pselvstuderende", PATTERN),
    ("pselvstuderende lowercase j", setv(f"{P}/pselvstuderende", "j"), "pselvstuderende", PATTERN),
    ("pstatus before ptype", swap_next(f"{P}/ptype"), "pstatus", NOT_EXPECTED),
    # identity constraints
    ("kursistkey duplicate", dup(K, kkoen="K"), "kursist", dupkey("kursistkey")),
    ("henvisningkey duplicate date", dup(H, hhenviskat="2"), "henvisning", dupkey("henvisningkey")),
    ("modulkey duplicate", dup(M, ustartdato="2024-02-01"), "modul", dupkey("modulkey")),
    ("proevekey duplicate", dup(P, pstatus="1"), "proeve", dupkey("proevekey")),
    ("undervisningkey duplicate", dup(U, unfagskema="10"), "undervisning",
     dupkey("undervisningkey")),
]

# --------------------------------------------------------------------------
# accepted near misses
# --------------------------------------------------------------------------
ACCEPT = [
    ("produktkode 256 chars", setv("produktkode", "x" * 256)),
    ("produktkode empty", setv("produktkode", "")),
    ("iperiode 19001", setv(f"{K}/iperiode", "19001")),
    ("iperiode 99994", setv(f"{K}/iperiode", "99994")),
    ("ukode 100000", setv(f"{K}/ukode", "100000")),
    ("ukode 999999", setv(f"{K}/ukode", "999999")),
    ("kcprnr 29 Feb", setv(f"{K}/kcprnr", "2902901234")),
    ("kcprnr 31 Dec", setv(f"{K}/kcprnr", "3112901234")),
    ("kcprnr 30 Nov", setv(f"{K}/kcprnr", "3011901234")),
    ("kcprnr 31 Jan", setv(f"{K}/kcprnr", "3101001234")),
    ("kkoen K", setv(f"{K}/kkoen", "K")),
    ("knationskode XXX", setv(f"{K}/knationskode", "XXX")),
    ("no henvisning/modul/proeve", lambda r: [drop(p)(r) for p in (H, M, P)]),
    ("hhenviskat 9", setv(f"{H}/hhenviskat", "9")),
    ("hkomkode 999", setv(f"{H}/hkomkode", "999")),
    ("hkomkode 860", setv(f"{H}/hkomkode", "860")),
    ("uuddnr 1", setv(f"{M}/uuddnr", "1")),
    ("uuddnr 3", setv(f"{M}/uuddnr", "3")),
    ("umodul 6", setv(f"{M}/umodul", "6")),
    ("uforsoegnr 1", setv(f"{M}/uforsoegnr", "1")),
    ("uforsoegnr 255", setv(f"{M}/uforsoegnr", "255")),
    ("uslutdato value", setv(f"{M}/uslutdato", "2024-03-31")),
    ("uophoersaarsag 1", setv(f"{M}/uophoersaarsag", "1")),
    ("uophoersaarsag 8", setv(f"{M}/uophoersaarsag", "8")),
    ("umodtestdato value", setv(f"{M}/umodtestdato", "2024-03-15")),
    ("modul without undervisning", drop(U)),
    ("unperiode 1", setv(f"{U}/unperiode", "1")),
    ("unperiode 12", setv(f"{U}/unperiode", "12")),
    *((f"{f} 0", setv(f"{U}/{f}", "0")) for f in LESSON_FIELDS),
    *((f"{f} 400", setv(f"{U}/{f}", "400")) for f in LESSON_FIELDS),
    ("unlekmin 15", setv(f"{U}/unlekmin", "15")),
    ("unlekmin 120", setv(f"{U}/unlekmin", "120")),
    ("ptype 1", setv(f"{P}/ptype", "1")),
    ("ptype 12", setv(f"{P}/ptype", "12")),
    *((f"pstatus {v}", setv(f"{P}/pstatus", v)) for v in ("1", "2", "3", "4", "9")),
    *((f"pkarakter {v}", setv(f"{P}/pkarakter", v))
      for v in ("-3", "00", "02", "03", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13")),
    ("pselvstuderende J", setv(f"{P}/pselvstuderende", "J")),
    ("pselvstuderende N", setv(f"{P}/pselvstuderende", "N")),
    *((f"nil on {p.rsplit('/', 1)[-1]}", nil(p)) for p in NILLABLE),
    # keys: differ in exactly one field -> accepted
    ("kursist same kcprnr other iperiode", dup(K, iperiode="20242")),
    ("kursist same kcprnr other ukode", dup(K, ukode="654321")),
    ("kursist other kcprnr", dup(K, kcprnr="0202901234")),
    ("henvisning other date", dup(H, hhenvisdato="2024-02-15")),
    ("modul other uforsoegnr", dup(M, uforsoegnr="2")),
    ("modul other umodul", dup(M, umodul="2")),
    ("modul other uuddnr", dup(M, uuddnr="3")),
    ("proeve same pdato other ptype", dup(P, ptype="4")),
    ("proeve same ptype other pdato", dup(P, pdato="2024-03-11")),
    ("undervisning other unperiode", dup(U, unperiode="2")),
    ("undervisning three months", lambda r: [dup(U, unperiode=m)(r) for m in ("3", "2")]),
    # same unperiode in two moduls: undervisningkey is scoped per modul
    ("same unperiode in two moduls", dup(M, uforsoegnr="2")),
]


# --------------------------------------------------------------------------
# tests
# --------------------------------------------------------------------------
def test_schema_compiles_and_declares_namespace_consistently():
    doc = etree.parse(str(XSD))
    assert doc.docinfo.encoding.lower() == "iso-8859-1"
    root = doc.getroot()
    assert root.get("targetNamespace") == NS
    assert root.nsmap[None] == NS
    assert root.nsmap["ns"] == NS
    assert root.get("elementFormDefault") == "qualified"
    etree.XMLSchema(doc)


def test_identity_constraints_are_where_the_spec_says():
    root = etree.parse(str(XSD)).getroot()
    nsm = {"xs": XS}
    where = {
        key.get("name"): key.getparent().get("name")
        for key in root.iterfind(".//xs:key", nsm)
    }
    assert where == {
        "kursistkey": "document",
        "henvisningkey": "kursist",
        "proevekey": "kursist",
        "modulkey": "kursist",
        "undervisningkey": "modul",
    }
    fields = {
        key.get("name"): [f.get("xpath") for f in key.iterfind("xs:field", nsm)]
        for key in root.iterfind(".//xs:key", nsm)
    }
    assert fields["kursistkey"] == ["ns:iperiode", "ns:ukode", "ns:kcprnr"]
    assert fields["modulkey"] == ["ns:uuddnr", "ns:umodul", "ns:uforsoegnr"]
    assert fields["proevekey"] == ["ns:pdato", "ns:ptype"]


def test_nillable_elements_are_exactly_the_spec_ones():
    root = etree.parse(str(XSD)).getroot()
    declared = {e.get("name") for e in root.iterfind(".//xs:element[@nillable='true']", {"xs": XS})}
    assert declared == {p.rsplit("/", 1)[-1] for p in NILLABLE}


def test_baseline_is_valid(schema):
    assert errors_of(schema, baseline()) == []


@pytest.mark.parametrize(
    "mutate, element, reason",
    [pytest.param(*c[1:], id=c[0]) for c in REJECT],
)
def test_rejected(schema, mutate, element, reason):
    root = baseline()
    mutate(root)
    errors = errors_of(schema, root)
    assert errors, "schema accepted an invalid document"
    name = element if element.startswith("{") else q(element)
    reasons = (reason,) if isinstance(reason, str) else reason
    assert any(
        f"Element '{name}'" in e and all(r in e for r in reasons) for e in errors
    ), errors


@pytest.mark.parametrize("mutate", [pytest.param(c[1], id=c[0]) for c in ACCEPT])
def test_accepted(schema, mutate):
    root = baseline()
    mutate(root)
    assert errors_of(schema, root) == []


# The named types typ12 and typaarstal are declared but unused in the seed.
# Test them through a throw-away schema in the same namespace that includes ours.
@pytest.fixture(scope="module")
def unused_types_schema() -> etree.XMLSchema:
    wrapper = f"""<xs:schema xmlns:xs="{XS}" xmlns="{NS}" targetNamespace="{NS}"
        elementFormDefault="qualified">
      <xs:include schemaLocation="{XSD.as_uri()}"/>
      <xs:element name="t12" type="typ12"/>
      <xs:element name="taarstal" type="typaarstal"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper))


@pytest.mark.parametrize(
    "tag, value, reason",
    [
        ("t12", "1", None),
        ("t12", "2", None),
        ("t12", "0", PATTERN),
        ("t12", "3", PATTERN),
        ("t12", "12", PATTERN),
        ("taarstal", "1900", None),
        ("taarstal", "9999", None),
        ("taarstal", "1899", MININC),
        ("taarstal", "10000", MAXINC),
        ("taarstal", "32768", named_type("typaarstal")),
    ],
)
def test_unused_named_types(unused_types_schema, tag, value, reason):
    el = etree.Element(q(tag))
    el.text = value
    errors = errors_of(unused_types_schema, el)
    if reason is None:
        assert errors == []
    else:
        assert any(reason in e for e in errors), errors


def test_a_write_sweeps_old_leftovers_of_killed_writes_but_not_fresh_ones(tmp_path):
    import os
    import time

    from desktop.atomic import STALE_AFTER, replace_atomically

    target = tmp_path / "DU_101234_20263.xml"
    old = tmp_path / f".{target.name}.abc123.tmp"
    old_wal = tmp_path / f".{target.name}.abc123.tmp-wal"
    fresh = tmp_path / f".{target.name}.def456.tmp"
    other = tmp_path / ".DU_101234_20262.xml.abc123.tmp"
    for f in (old, old_wal, fresh, other):
        f.write_bytes(b"half")
    past = time.time() - STALE_AFTER - 60
    for f in (old, old_wal, other):
        os.utime(f, (past, past))

    replace_atomically(target, lambda tmp: tmp.write_bytes(b"<whole/>"))

    assert target.read_bytes() == b"<whole/>"
    assert not old.exists() and not old_wal.exists()
    assert fresh.exists(), "a recent temporary file may belong to a live write"
    assert other.exists(), "only leftovers of the same target are swept"


def test_a_pending_write_shows_nothing_under_its_name_until_commit(tmp_path):
    from desktop.atomic import PendingWrite

    target = tmp_path / "DU_101234_20263.xml"
    target.write_bytes(b"<old/>")
    with PendingWrite(target) as pending:  # left without commit: a refused export
        pending.write(b"<wh")
        pending.write(b"ole/>")
        assert target.read_bytes() == b"<old/>"
        assert len(list(tmp_path.glob(f".{target.name}.*.tmp"))) == 1
    assert sorted(tmp_path.iterdir()) == [target] and target.read_bytes() == b"<old/>"

    with PendingWrite(target) as pending:
        pending.write(b"<wh")
        pending.write(b"ole/>")
        assert pending.commit() == target
    assert sorted(tmp_path.iterdir()) == [target] and target.read_bytes() == b"<whole/>"

    # No folder for the temporary file: the parts wait in memory, and commit() fails as a
    # write of the whole would, after the caller's checks.
    missing = tmp_path / "gone" / "x.xml"
    with PendingWrite(missing) as pending:
        pending.write(b"<whole/>")
        with pytest.raises(FileNotFoundError):
            pending.commit()
    assert sorted(tmp_path.iterdir()) == [target]
