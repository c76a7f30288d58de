"""Reading any v1.8 file securely and tolerantly, with every schema error as a finding.

Secure: no DTD, no entities, no network, bounded size. Tolerant: element names in any case and
either spelling of the namespace (docs/format.md §3), normalised and reported. Kursister are
validated in chunks, so that a file with thousands of errors stays fast (libxml2's error paths
grow with the preceding siblings), and the document-wide kursist key is checked in Python.
"""

from __future__ import annotations

import errno
import stat
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from desktop.checks.findings import Finding
from desktop.errors import os_reason
from desktop.domain.fields import CHILD_KINDS, FIELD_BY_TAG, NAMESPACE, RECORD_KINDS, TAGS, VERSION
from desktop.domain.records import Record
from desktop.format.schema import schema
from desktop.format.xsd_findings import ErrorMapper, local

MAX_BYTES = 150 * 1024 * 1024  # ten times a large centre's quarter
CHUNK = 200
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_KNOWN = set(FIELD_BY_TAG) | set(RECORD_KINDS) | {"document"}
_ROOT = f"{{{NAMESPACE}}}document"
_KURSIST = f"{{{NAMESPACE}}}kursist"


class UnreadableFile(Exception):
    """Not a v1.8 file we can read at all: the message is Danish and meant for the user."""


@dataclass
class ParsedFile:
    kursister: list[Record]
    produktkode: str | None
    findings: list[Finding]  # X findings from the schema
    normalised: dict[str, int] = field(default_factory=dict)

    def normalised_text(self) -> list[str]:
        texts = {"case": "elementnavne med andre store/små bogstaver",
                 "namespace": "elementer med en anden stavemåde af namespace"}
        return [f"{n} {texts[k]}" for k, n in self.normalised.items() if n]


def read_file(path: Path | str) -> ParsedFile:
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "", str(path))
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device (/dev/zero) would block or never end.
            raise UnreadableFile(f"{path.name} er ikke en almindelig fil og kan ikke indlæses.")
        if info.st_size > MAX_BYTES:
            raise UnreadableFile(f"Filen {path.name} er for stor ({info.st_size // 1_048_576} MB); "
                                 f"højst {MAX_BYTES // 1_048_576} MB kan indlæses.")
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # bounded, should the file grow while it is read
    except OSError as exc:
        raise UnreadableFile(f"Filen {path.name} kan ikke læses: {os_reason(exc)}.") from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str = "filen") -> ParsedFile:
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"{name} er for stor; højst {MAX_BYTES // 1_048_576} MB kan indlæses.")
    if not data or data.isspace():  # (strip() would copy a large file)
        raise UnreadableFile(f"{name} er tom.")
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(f"{name} er en zip-fil; pak den ud, og vælg XML-filen i den.")
    root = _parse(data, name)
    _check_root(root, name)
    # Renaming costs a pass over every element, so it is done up front only when the root
    # itself is off, and otherwise only after the schema has complained about something.
    normalised = _normalise(root) if root.tag != _ROOT else {"case": 0, "namespace": 0}
    parsed = _read(root, name, normalised)
    if parsed.findings and not any(normalised.values()):
        normalised = _normalise(root)
        if any(normalised.values()):
            parsed = _read(root, name, normalised)
    return parsed


def _read(root: etree._Element, name: str, normalised: dict[str, int]) -> ParsedFile:
    version = root.find(f"{{{NAMESPACE}}}version")
    if version is not None and (version.text or "").strip() not in ("", VERSION):
        raise UnreadableFile(f"{name} er i format {version.text.strip()}; kun v1.8 kan indlæses.")
    produktkode_el = root.find(f"{{{NAMESPACE}}}produktkode")
    produktkode = _text(produktkode_el) if produktkode_el is not None else None
    kursist_els = [el for el in root if el.tag == _KURSIST]
    records: dict[etree._Element, Record] = {}
    kursister = [_record(el, records) for el in kursist_els]
    mapper = ErrorMapper(records)
    _validate(root, kursist_els, mapper)
    return ParsedFile(kursister, produktkode, mapper.findings, normalised)


def _parse(data: bytes, name: str) -> etree._Element:
    head = data[:4096].replace(b"\x00", b"").lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise UnreadableFile(f"{name} indeholder en DOCTYPE- eller ENTITY-erklæring; af "
                             "sikkerhedshensyn indlæses sådanne filer ikke.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        msg = str(exc.msg or "").lower()
        if "encoding" in msg or "utf-8" in msg or "char" in msg or b"\x00" in data[:4]:
            raise UnreadableFile(f"{name} kan ikke læses: tegnsættet passer ikke til filens "
                                 f"indhold (linje {exc.lineno}).") from exc
        raise UnreadableFile(f"{name} er ikke gyldig XML (linje {exc.lineno}); filen er "
                             "måske afkortet eller ikke en indberetningsfil.") from exc
    if root.getroottree().docinfo.doctype:
        raise UnreadableFile(f"{name} indeholder en DOCTYPE-erklæring og indlæses ikke.")
    return root


def _check_root(root: etree._Element, name: str) -> None:
    if local(root.tag).lower() != "document":
        raise UnreadableFile(f"{name} er ikke en v1.8-indberetning (rodelementet hedder "
                             f"'{local(root.tag)}', ikke 'document').")
    ns = etree.QName(root).namespace or ""
    if ns.lower() != NAMESPACE.lower():
        if ns.lower().rstrip("/").rsplit("/", 1)[-1].startswith("v1."):
            raise UnreadableFile(f"{name} er i format {ns.rsplit('/', 1)[-1]}; kun v1.8 kan indlæses.")
        raise UnreadableFile(f"{name} har et ukendt namespace ('{ns or 'intet'}'); en v1.8-fil "
                             f"bruger {NAMESPACE}.")


def _normalise(root: etree._Element) -> dict[str, int]:
    """Rename elements to the canonical lowercase names in the canonical namespace."""
    counts = {"case": 0, "namespace": 0}
    renames: dict[str, tuple[str, bool, bool]] = {}
    canonical = f"{{{NAMESPACE}}}"
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag.startswith(canonical) and tag[len(canonical):] in _KNOWN:
            continue
        if tag not in renames:
            q = etree.QName(tag)
            ns_differs = (q.namespace or "") != NAMESPACE and (q.namespace or "").lower() == NAMESPACE.lower()
            lname = q.localname.lower() if q.localname.lower() in _KNOWN else q.localname
            new = f"{canonical}{lname}" if ns_differs or q.namespace == NAMESPACE else tag
            renames[tag] = (new, lname != q.localname, ns_differs)
        new, case, nsd = renames[tag]
        if new != tag:
            el.tag = new
            counts["case"] += case
            counts["namespace"] += nsd
    if counts["case"] or counts["namespace"]:
        etree.cleanup_namespaces(root)
    return counts


def _text(el: etree._Element) -> str | None:
    text = el.text
    if text is None or el.get(XSI_NIL) in ("true", "1"):
        return None
    text = text.strip()
    return text or None


_LOCAL = {f"{{{NAMESPACE}}}{name}": name for name in _KNOWN}
_FIELDS = {kind: frozenset(tags) for kind, tags in TAGS.items()}


def _record(el: etree._Element, records: dict) -> Record:
    kind = _LOCAL.get(el.tag) or local(el.tag)
    fields = _FIELDS[kind]
    values: dict[str, str | None] = dict.fromkeys(TAGS[kind])
    children: list[Record] = []
    child_kinds = CHILD_KINDS.get(kind, ())
    for child in el.iterchildren(etree.Element):
        name = _LOCAL.get(child.tag)
        if name in fields:
            text = child.text
            if text is not None:
                text = text.strip() or None
                if text is not None and child.get(XSI_NIL) in ("true", "1"):
                    text = None
            values[name] = text
        elif name in child_kinds:
            children.append(_record(child, records))
    record = Record(kind, values, children, el.sourceline)
    records[el] = record
    return record


def _validate(root: etree._Element, kursist_els: list, mapper: ErrorMapper) -> None:
    xsd = schema()
    nsmap = {None: NAMESPACE}
    for start in range(0, len(kursist_els), CHUNK):
        wrapper = etree.Element(f"{{{NAMESPACE}}}document", nsmap=nsmap)
        etree.SubElement(wrapper, f"{{{NAMESPACE}}}version").text = VERSION
        etree.SubElement(wrapper, f"{{{NAMESPACE}}}produktkode").text = "x"
        wrapper.extend(kursist_els[start:start + CHUNK])  # moves them; lines are kept
        if not xsd.validate(wrapper):
            mapper.map_log(wrapper, _without_kursist_key(xsd.error_log))
    # What remains of the root (version, produktkode, anything stray) is validated on its own.
    if not xsd.validate(root):
        log = [e for e in xsd.error_log
               if not (kursist_els and "Missing child element" in e.message and "kursist" in e.message)]
        mapper.map_log(root, log)
    root.extend(kursist_els)  # back home, so that the tree can be read again


def _without_kursist_key(log) -> list:
    # Duplicate kursister are found across the whole file by desktop.checks.check_report.
    return [e for e in log if "kursistkey" not in e.message]
