"""Writing a v1.8 document: ISO-8859-1, schema order, every nillable element present.

The text is built directly from the catalogue (faster than building an lxml tree), then parsed
and validated against the schema, so nothing leaves the app that the schema would reject; an
export validates it in chunks (validated_parts) to keep its memory bounded.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from lxml import etree

from desktop import APP_NAME, __version__
from desktop.domain.fields import CHILD_KINDS, FIELDS, NAMESPACE, VERSION
from desktop.domain.records import Record
from desktop.format.schema import safe_parser, schema

XSI = "http://www.w3.org/2001/XMLSchema-instance"
PRODUKTKODE = f"{APP_NAME} {__version__}"


class SchemaRejected(Exception):
    """The document we built does not pass the schema: a bug, never written to disk."""


def document_bytes(kursister: list[Record], produktkode: str | None = PRODUKTKODE) -> bytes:
    return _head(produktkode) + _body(kursister) + _TAIL


def validated_document(kursister: list[Record], produktkode: str | None = PRODUKTKODE) -> bytes:
    """document_bytes, validated against the schema; raises SchemaRejected (see
    validated_parts)."""
    return b"".join(validated_parts(kursister, produktkode))


def validated_parts(kursister: list[Record], produktkode: str | None = PRODUKTKODE
                    ) -> Iterator[bytes]:
    """The document in parts, in order, each yielded once validated against the schema, CHUNK
    kursister at a time; raises SchemaRejected. Each chunk is a whole document of its own, so
    the lxml tree held at once is a chunk's, not the quarter's (a tree takes about 14 times the
    file's size), and the caller writes each part as it comes (atomic.PendingWrite), never
    holding the whole file. The one constraint the schema places across kursister, their key,
    is checked on the records before the first part."""
    head = _head(produktkode)
    seen: set[tuple] = set()
    for k in kursister:
        key = k.key
        if key in seen:
            raise SchemaRejected(f"kursistnøglen {'/'.join(map(str, key))} forekommer to gange")
        seen.add(key)
    del seen
    yield head
    line = head.count(b"\n")
    for start in range(0, max(len(kursister), 1), CHUNK):
        body = _body(kursister[start:start + CHUNK])
        validate_bytes(b"".join((head, body, _TAIL)), first_line=line - head.count(b"\n"))
        yield body
        line += body.count(b"\n")
    yield _TAIL


CHUNK = 1000
_TAIL = b"</document>\n"


def _head(produktkode: str | None) -> bytes:
    return "".join([
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n',
        f'<document xmlns="{NAMESPACE}" xmlns:xsi="{XSI}">\n',
        f"  <version>{VERSION}</version>\n",
        _element("produktkode", produktkode, "  "),
    ]).encode("iso-8859-1", "xmlcharrefreplace")


def _body(kursister: list[Record]) -> bytes:
    out: list[str] = []
    for k in kursister:
        _write_record(k, out)
    return "".join(out).encode("iso-8859-1", "xmlcharrefreplace")


# Per kind: the record's opening and closing lines and, per field, its opening and closing
# text, its nil element, whether its text may need escaping (only strings can hold & < >; a
# number or date that holds them is invalid anyway, and the schema check after writing catches
# it), and the field's lines already made for values seen before: a quarter repeats the same
# months, hours and dates hundreds of thousands of times, and one look-up is cheaper than
# making the line again. Each is bounded, since CPR numbers never repeat.
_DEPTH = {"kursist": 1, "henvisning": 2, "modul": 2, "proeve": 2, "undervisning": 3}
_SEEN_MAX = 1024


def _layout(kind: str) -> tuple[str, str, tuple[tuple[str, str, str, str, bool, dict], ...]]:
    indent, inner = "  " * _DEPTH[kind], "  " * (_DEPTH[kind] + 1)
    return f"{indent}<{kind}>\n", f"{indent}</{kind}>\n", tuple(
        (f.tag, f"{inner}<{f.tag}>", f"</{f.tag}>\n", f'{inner}<{f.tag} xsi:nil="true"/>\n',
         f.base == "string", {}) for f in FIELDS[kind])


_LAYOUT = {kind: _layout(kind) for kind in FIELDS}


def _write_record(r: Record, out: list[str]) -> None:
    opening_line, closing_line, fields = _LAYOUT[r.kind]
    append = out.append
    append(opening_line)
    get = r.values.get
    for tag, opening, closing, nil, text, seen in fields:
        value = get(tag)
        if not value:
            append(nil)
            continue
        line = seen.get(value)
        if line is None:
            shown = value
            if text and ("&" in value or "<" in value or ">" in value or "\r" in value):
                shown = escape(value, {"\r": "&#13;"})
            line = opening + shown + closing
            if len(seen) < _SEEN_MAX:
                seen[value] = line
        append(line)
    if r.children:
        for kind in CHILD_KINDS[r.kind]:
            for child in r.children:
                if child.kind == kind:
                    _write_record(child, out)
    append(closing_line)


def _element(tag: str, value: str | None, indent: str) -> str:
    if value is None or value == "":
        return f'{indent}<{tag} xsi:nil="true"/>\n'
    return f"{indent}<{tag}>{escape(value, {chr(13): '&#13;'})}</{tag}>\n"


def validate_bytes(data: bytes, first_line: int = 0) -> None:
    """Parse, then validate the tree (measured faster than a schema-attached parser, and than
    validating while parsing); raise SchemaRejected on the first violation. `first_line`: how
    many lines of the whole document come before the line numbers of this one."""
    try:
        doc = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise SchemaRejected(f"line {exc.lineno + first_line}: {exc.msg}") from exc
    xsd = schema()
    if not xsd.validate(doc):
        error = xsd.error_log[0]
        raise SchemaRejected(f"line {error.line + first_line}: {error.message}")
