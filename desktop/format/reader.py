"""Reading any v1.8 file securely and tolerantly, with every schema error as a finding.

Secure: no DTD, no entities, no network, bounded size. Tolerant: element names in any case and
either spelling of the namespace (docs/format.md §3), normalised and reported. Kursister are
validated in chunks, so that a file with thousands of errors stays fast (libxml2's error paths
grow with the preceding siblings), and the document-wide kursist key is checked in Python.
"""

from __future__ import annotations

import errno
import io
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
    head = data[:4096].replace(b"\x00", b"").lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise UnreadableFile(f"{name} indeholder en DOCTYPE- eller ENTITY-erklæring; af "
                             "sikkerhedshensyn indlæses sådanne filer ikke.")
    return _Stream(name).read(data)


class _Stream:
    """The file read as a stream: each kursist, once parsed, is made into a record and
    validated with the others of its chunk, then dropped, so the tree held at once is a
    chunk's, not the file's (a whole tree takes about 14 times the file's size).

    Names are normalised (case, namespace spelling) only where the schema complains: a chunk
    that passes has none to rename. A kursist element whose own name is off is not seen by
    the stream; it stays in the root and is read, renamed, at the end."""

    def __init__(self, name: str):
        self.name = name
        self.root: etree._Element | None = None
        self.kursister: list[Record] = []
        self.findings: list[Finding] = []
        self.normalised = {"case": 0, "namespace": 0}
        self.late = False  # kursister read at the end, out of file order

    def read(self, data: bytes) -> ParsedFile:
        name = self.name
        events = etree.iterparse(
            io.BytesIO(data), events=("end",), tag=_KURSIST, resolve_entities=False,
            no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
            remove_pis=True)
        pending: list[etree._Element] = []
        try:
            for _, el in events:
                if self.root is None:
                    self._found_root(el.getroottree().getroot())
                if el.getparent() is self.root:
                    pending.append(el)
                    if len(pending) == CHUNK:
                        self._chunk(pending)
                        pending = []
            if self.root is None:
                self._found_root(events.root)
        except etree.XMLSyntaxError as exc:
            msg = str(exc.msg or "").lower()
            if "encoding" in msg or "utf-8" in msg or "char" in msg or b"\x00" in data[:4]:
                raise UnreadableFile(f"{name} kan ikke læses: tegnsættet passer ikke til filens "
                                     f"indhold (linje {exc.lineno}).") from exc
            raise UnreadableFile(f"{name} er ikke gyldig XML (linje {exc.lineno}); filen er "
                                 "måske afkortet eller ikke en indberetningsfil.") from exc
        if pending:
            self._chunk(pending)
        return self._finish()

    def _found_root(self, root: etree._Element) -> None:
        if root.getroottree().docinfo.doctype:
            raise UnreadableFile(f"{self.name} indeholder en DOCTYPE-erklæring og indlæses ikke.")
        _check_root(root, self.name)
        self.root = root

    def _chunk(self, els: list[etree._Element]) -> None:
        wrapper = etree.Element(_ROOT, nsmap={None: NAMESPACE})
        etree.SubElement(wrapper, f"{{{NAMESPACE}}}version").text = VERSION
        etree.SubElement(wrapper, f"{{{NAMESPACE}}}produktkode").text = "x"
        wrapper.extend(els)  # moves them out of the file's tree; lines are kept
        xsd = schema()
        log = [] if xsd.validate(wrapper) else _without_kursist_key(xsd.error_log)
        if log:
            counts = _normalise(wrapper)
            if any(counts.values()):
                self._count(counts)
                log = [] if xsd.validate(wrapper) else _without_kursist_key(xsd.error_log)
        # Records after the verdict: a chunk the schema accepts is read by position (_accepted).
        if log:
            records: dict[etree._Element, Record] = {}
            kursister = [_record(el, records) for el in els]
        else:
            kursister = [_accepted(el, "kursist") for el in els]
        if log:
            mapper = ErrorMapper(records)
            mapper.map_log(wrapper, log)
            self.findings += mapper.findings
        self.kursister += kursister

    def _count(self, counts: dict[str, int]) -> None:
        for kind, n in counts.items():
            self.normalised[kind] += n

    def _finish(self) -> ParsedFile:
        # What remains of the root: version, produktkode, anything stray, and kursister
        # whose own name is off. A root that is off is renamed whatever the schema says.
        root = self.root
        log = self._root_log()
        if root.tag != _ROOT or log:
            counts = _normalise(root)
            self._count(counts)
            late = [el for el in root if el.tag == _KURSIST]
            for start in range(0, len(late), CHUNK):
                self._chunk(late[start:start + CHUNK])
            if late:
                self.kursister.sort(key=lambda k: k.line or 0)  # back in file order
            if any(counts.values()):
                log = self._root_log()
        version = root.find(f"{{{NAMESPACE}}}version")
        if version is not None and (version.text or "").strip() not in ("", VERSION):
            raise UnreadableFile(f"{self.name} er i format {version.text.strip()}; kun v1.8 kan "
                                 "indlæses.")
        produktkode_el = root.find(f"{{{NAMESPACE}}}produktkode")
        produktkode = _text(produktkode_el) if produktkode_el is not None else None
        if log:
            mapper = ErrorMapper({})
            mapper.map_log(root, log)
            self.findings += mapper.findings
        return ParsedFile(self.kursister, produktkode, self.findings, self.normalised)

    def _root_log(self) -> list:
        """The schema's complaints about the root once its kursister have left it (their
        absence is no complaint, unless the file had none)."""
        xsd = schema()
        if xsd.validate(self.root):
            return []
        return [e for e in xsd.error_log
                if not (self.kursister and "Missing child element" in e.message
                        and "kursist" in e.message)]


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
# Per kind, each canonical child tag: (field name, None) or (None, child kind); one dict look-up
# per element of the file, which is most of reading it.
_PLAN = {kind: {**{f"{{{NAMESPACE}}}{t}": (t, None) for t in tags},
                **{f"{{{NAMESPACE}}}{c}": (None, c) for c in CHILD_KINDS.get(kind, ())}}
         for kind, tags in TAGS.items()}


def _record(el: etree._Element, records: dict) -> Record:
    """A record of a chunk the schema rejects, element by element whatever their order;
    `records` collects each by its element, for the findings."""
    kind = _LOCAL.get(el.tag) or local(el.tag)
    plan = _PLAN[kind]
    values: dict[str, str | None] = dict.fromkeys(TAGS[kind])
    children: list[Record] = []
    for child in el:  # a comment or PI has no tag in the plan
        what = plan.get(child.tag)
        if what is None:
            continue
        name = what[0]
        if name is None:
            children.append(_record(child, records))
            continue
        text = child.text
        if text is not None:
            text = text.strip() or None
            if text is not None and child.get(XSI_NIL) in ("true", "1"):
                text = None
            values[name] = text
    record = Record(kind, values, children, el.sourceline)
    records[el] = record
    return record


_KIND = {f"{{{NAMESPACE}}}{kind}": kind for kind in RECORD_KINDS}


def _accepted(el: etree._Element, kind: str) -> Record:
    """A record of a chunk the schema has accepted, read by position: every field is
    required there, in catalogue order (the schema's sequence), then the child records; and
    no element with content is xsi:nil (cvc-elt.3.2.2). Asking each element its tag, as
    _record must, is most of the reading; here only the child records are asked."""
    tags = TAGS[kind]
    n = len(tags)
    elements = list(el)  # the parser drops comments and PIs; a valid record has no others
    texts = [c.text for c in elements[:n]]
    record = Record(kind, dict(zip(tags, [(t.strip() or None) if t else None for t in texts])),
                    [_accepted(c, _KIND[c.tag]) for c in elements[n:]], el.sourceline)
    return record


def _without_kursist_key(log) -> list:
    # Duplicate kursister are found across the whole file by desktop.checks.check_report.
    return [e for e in log if "kursistkey" not in e.message]
