"""Mapping lxml schema errors onto findings: Danish, at their record and field.

No libxml2 message ever reaches the user. Values are re-checked through the field catalogue,
which gives the same Danish message as the forms; structural errors get a message of their own.
"""

from __future__ import annotations

import re

from lxml import etree

from desktop.checks.findings import ERROR, Finding
from desktop.domain.fields import (FIELD_BY_TAG, KEYS, RECORD_KINDS, RECORD_LABELS, duplicate_message,
                                   quoted)
from desktop.domain.records import Record, RecordRef

_EXPECTED = re.compile(r"Expected is (?:one of )?\( ([^)]*) \)")
_VALUE_ERRORS = ("FACET", "PATTERN", "INCLUSIVE", "ENUMERATION", "LENGTH", "DATATYPE",
                 "CVC_TYPE", "VALUE")


def local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


class ErrorMapper:
    """Turns the error log of one validated tree into findings, once per element and cause."""

    def __init__(self, records: dict[etree._Element, Record]):
        self.records = records  # kursist and child record elements -> their Record
        self.seen: set[tuple] = set()
        self.findings: list[Finding] = []

    def map_log(self, tree: etree._Element, log: etree._ListErrorLog) -> None:
        for error in log:
            hits = _find(tree, error.path) if error.path else []
            element = hits[0] if hits and isinstance(hits[0], etree._Element) else None
            self._map(error, element)

    def _map(self, error, element: etree._Element | None) -> None:
        if error.type_name == "SCHEMAV_CVC_IDC" and "Duplicate key-sequence" not in error.message:
            # "No precomputed value" / "Not all fields … evaluate to a node": a key field is
            # invalid or missing, which the schema reports on the field itself; not a duplicate.
            return
        kursist, record_el = _ancestors(element)
        if kursist is None:
            kind = "IDC" if error.type_name == "SCHEMAV_CVC_IDC" else "doc"
            self._add(("doc", error.line, kind), None, "document", None,
                      _document_message(error), error.line)
            return
        tag = local(element.tag)
        field = FIELD_BY_TAG.get(tag) if element is not record_el else None
        key = (element, _cause(error.type_name))  # the element itself: id() of a freed lxml proxy is reused
        if key in self.seen:
            return
        self.seen.add(key)
        k = self.records.get(kursist)
        ref = _record_ref(record_el, self.records)
        if error.type_name == "SCHEMAV_CVC_IDC":
            message = duplicate_message(local(record_el.tag))
            field_tag = KEYS.get(local(record_el.tag), (None,))[0]
        elif field is not None and any(s in error.type_name for s in _VALUE_ERRORS):
            value = _value(element)
            raw = element.text or ""
            if value is not None and raw != value and field.problem(value) is None:
                # Valid but for the spaces around it: show it as it is, and say so.
                message = (f"{field.label}: værdien {quoted(raw)} har mellemrum eller "
                           "linjeskift før eller efter sig; fjern dem i det program, der "
                           "dannede filen.")
            else:
                message = (field.problem(value)
                           or f"{field.label}: værdien {quoted(value or '')} er ugyldig.")
            field_tag = field.tag
        elif "nil" in error.message.lower():
            name = field.label if field else tag
            message = f"{name} skal udfyldes; et tomt felt (nil) er ikke tilladt her."
            field_tag = field.tag if field else None
        elif error.type_name == "SCHEMAV_ELEMENT_CONTENT":
            message, field_tag = _content_message(error.message, element, record_el)
        else:
            message = f"{RECORD_LABELS.get(local(record_el.tag), 'Posten')} følger ikke v1.8-formatet her."
            field_tag = field.tag if field else None
        self.findings.append(Finding(
            "X", ERROR, k["kcprnr"] if k else None,
            ref.label if ref else local(record_el.tag), field_tag, message, error.line,
            k["iperiode"] if k else None, k["ukode"] if k else None, ref))

    def _add(self, key, cpr, record, field, message, line) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.findings.append(Finding("X", ERROR, cpr, record, field, message, line))


def _cause(type_name: str) -> str:
    # A nil on a non-nillable field (CVC_ELT_3_1) also fails the value's type: one finding.
    return ("value" if any(s in type_name for s in _VALUE_ERRORS) or type_name == "SCHEMAV_CVC_ELT_3_1"
            else type_name)


_PREFIXED = re.compile(r"[A-Za-z_][\w.-]*:([A-Za-z_][\w.-]*)")


def _find(tree: etree._Element, path: str) -> list:
    """The nodes at libxml2's error path. A step like `x:foo` (an element in a foreign
    namespace) has a prefix XPath cannot resolve; match it by local name instead."""
    doc = tree.getroottree()
    try:
        return doc.xpath(path)
    except etree.XPathError:
        try:
            return doc.xpath(_PREFIXED.sub(r"*[local-name()='\1']", path))
        except etree.XPathError:
            return []


def _ancestors(element):
    """The kursist element and the nearest record element around `element`."""
    kursist = record_el = None
    node = element
    while node is not None:
        name = local(node.tag)
        if name in RECORD_KINDS and record_el is None:
            record_el = node
        if name == "kursist":
            kursist = node
            break
        node = node.getparent()
    return kursist, record_el


def _value(element) -> str | None:
    text = element.text
    return text.strip() if text is not None and text.strip() else None


def _record_ref(record_el, records) -> RecordRef | None:
    r = records.get(record_el)
    if r is None:
        return None
    if r.kind == "undervisning":
        return RecordRef.of(r, records.get(record_el.getparent()))
    return RecordRef.of(r)


def _expected_names(message: str) -> list[str]:
    m = _EXPECTED.search(message)
    if not m:
        return []
    return [local(n.strip()) if n.strip().startswith("{") else n.strip().split(":")[-1]
            for n in m.group(1).split(",")]


def _content_message(message: str, element, record_el) -> tuple[str, str | None]:
    expected = [n for n in _expected_names(message) if n]
    first = FIELD_BY_TAG.get(expected[0]) if expected else None
    if "Missing child element" in message:
        if first:
            return f"{first.label} ({first.tag}) mangler.", first.tag
        return f"{RECORD_LABELS.get(local(record_el.tag), 'Posten')} mangler et felt.", None
    found = local(element.tag)
    if found not in FIELD_BY_TAG and found not in RECORD_KINDS:
        return f"Ukendt element '{found}' i {local(record_el.tag)}.", None
    if first:
        return (f"{first.label} ({first.tag}) mangler, eller felterne står i forkert rækkefølge "
                f"(fandt '{found}').", first.tag)
    return f"Elementet '{found}' står et forkert sted.", found if found in FIELD_BY_TAG else None


def _document_message(error) -> str:
    if error.type_name == "SCHEMAV_CVC_IDC":
        return "Den samme kursist forekommer mere end én gang."
    if "Missing child element" in error.message and "kursist" in error.message:
        return "Filen indeholder ingen kursister."
    if "version" in error.message:
        return "Feltet version skal være 1.8."
    if "produktkode" in error.message:
        return "Produktkode må højst være 256 tegn."
    return "Filens indledning (version, produktkode) følger ikke v1.8-formatet."
