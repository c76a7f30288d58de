"""Hostile and broken files against the importer: thousands of mutated and truncated files,
and a hand-made set (entities, a 200 MB file, wrong encodings, old versions, not XML at all).

For each: no crash (a ParsedFile, an ImportResult or UnreadableFile, nothing else), no hang,
a Danish message, and a database that is byte-for-byte the same after a refused import.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from lxml import etree

from desktop.domain.quarter import Quarter
from desktop.format import reader
from desktop.format.reader import UnreadableFile
from desktop.format.writer import document_bytes
from desktop.operations import import_files, validate_file
from desktop.store import Store
from tests.helpers import assert_danish, examples, sample_files, within

NS = "http://statistik.uni-c.dk/INMindb/v1.8"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SECONDS = 10  # per file; a clean quarter takes milliseconds

# Small quarter files (2 to 6 kursister each): many examples a second, every record kind.
BASES = [document_bytes(ks) for ks in sample_files(6, Quarter(2024, 1), Quarter(2024, 3)).values()]


# --- the database a refused import must leave alone --------------------------------------------

@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A store holding a clean quarter, checkpointed and closed: one self-contained file."""
    folder = tmp_path_factory.mktemp("pristine")
    path = folder / "db.sqlite"
    (folder / "q.xml").write_bytes(BASES[0])
    with Store(path) as store:
        assert import_files(store, [folder / "q.xml"]).stored
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def fingerprint(db: Path) -> tuple[str, ...]:
    """The database file and its WAL, byte for byte."""
    return tuple(hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-"
                 for p in (db, db.with_name(db.name + "-wal")))


class Target:
    """A copy of the pristine store, open for many imports; after an import that stored
    something it starts again from the pristine copy."""

    def __init__(self, pristine: Path, folder: Path):
        self.pristine, self.db = pristine, folder / "target.sqlite"
        self.store: Store | None = None
        self.reset()

    def reset(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm"):
            self.db.with_name(self.db.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(self.pristine, self.db)
        self.store = Store(self.db)
        self.before = fingerprint(self.db)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def check(self, paths: list[Path]) -> str:
        """Import; every outcome is checked. Returns which it was."""
        try:
            with within(SECONDS):
                result = import_files(self.store, paths)
        except UnreadableFile as exc:
            assert_danish(str(exc))
            assert fingerprint(self.db) == self.before
            return "unreadable"
        try:
            for f in result.findings:
                assert_danish(f.message)
            if not result.stored:
                assert any(f.rule == "X" for f in result.findings)
                assert fingerprint(self.db) == self.before
                return "refused"
            assert not any(f.rule == "X" for f in result.findings)
            assert self.store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert self.store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
            return "stored"
        finally:
            if result.stored:  # also when an assertion failed: the next example starts clean
                self.reset()


@pytest.fixture
def target(pristine, tmp_path):
    t = Target(pristine, tmp_path)
    yield t
    t.close()


# --- mutations ---------------------------------------------------------------------------------

# Values a clerk's system, a bad export or an attacker might put in a field.
NASTY_VALUES = st.one_of(
    st.sampled_from(["", " ", "-1", "-32769", "0", "+5", "00001", "1e3", "1.5", "9" * 25,
                     "9" * 5000, "0" * 5000 + "1", "2024-02-30", "2024-13-01", "0000-01-01",
                     "20241", "2024-01-15Z", "2024-01-15+25:00", "M", "K", "m", "IRQ", "ZZZ",
                     "1.7", "1.8", "\u202e12", "\u200f1", "😀", "١٢", "１２", "²", "x" * 300,
                     "a\nb", "\t1\t", "&amp;", "&lt;", "<![CDATA[1]]>", "]]>", "\u00a0"]),
    st.text(max_size=12),
    st.integers(-10**30, 10**30).map(str),
)
# Raw bytes spliced into the text, below the XML layer: control characters, bad UTF-8 and
# markup that breaks the document.
NASTY_BYTES = st.sampled_from([b"\x00", b"\x01", b"\x1b[31m", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80",
                               b"&", b"<", b"]]>", b"&lol;", b"&#0;", b"&#xD800;", b"<!--",
                               b"<!DOCTYPE x>", b"<?xml version='1.0'?>", b"\r\n", b"\xef\xbb\xbf"])


@st.composite
def byte_mutations(draw) -> bytes:
    """Bytes flipped, inserted, deleted, copied from elsewhere, or the file cut short."""
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "cut", "copy", "splice"]))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "cut":
            del data[at:]
        elif op == "copy" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start:start + draw(st.integers(1, 400))]
        elif op == "splice":
            data[at:at] = draw(NASTY_BYTES)
    return bytes(data)


PLACEHOLDER = "QQPLACEHOLDERQQ"


@st.composite
def tree_mutations(draw) -> bytes:
    """Elements deleted, duplicated, swapped, moved, renamed, emptied or nil'ed, and values
    changed; then written in one of the encodings a v1.8 file may have."""
    root = etree.fromstring(draw(st.sampled_from(BASES)))
    raw: bytes | None = None
    for _ in range(draw(st.integers(1, 5))):
        elements = list(root.iter(etree.Element))
        el = elements[draw(st.integers(0, len(elements) - 1))]
        parent = el.getparent()
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "move", "rename", "value",
                                   "raw", "nil", "attribute", "empty"]))
        event(f"tree: {op}")
        if op == "delete" and parent is not None:
            parent.remove(el)
        elif op == "duplicate" and parent is not None:
            parent.insert(parent.index(el), etree.fromstring(etree.tostring(el)))
        elif op == "swap" and parent is not None and len(parent) > 1:
            other = parent[draw(st.integers(0, len(parent) - 1))]
            i, j = parent.index(el), parent.index(other)
            parent.insert(j, el)
            parent.insert(i, other)
        elif op == "move" and parent is not None:
            target = elements[draw(st.integers(0, len(elements) - 1))]
            if target is not el and el not in target.iterancestors():
                target.append(el)
        elif op == "rename":
            local = etree.QName(el).localname
            el.tag = draw(st.sampled_from([
                f"{{{NS}}}{local.upper()}", f"{{{NS.lower()}}}{local}", f"{{{NS}}}{local}x",
                local, "{http://statistik.uni-c.dk/INMindb/v1.7}" + local, f"{{{NS}}}kursist"]))
        elif op == "value":
            el.text = draw(NASTY_VALUES.filter(_xml_text))
        elif op == "raw" and raw is None:
            el.text, raw = PLACEHOLDER, draw(NASTY_BYTES)
        elif op == "nil":
            el.set(f"{{{XSI}}}nil", draw(st.sampled_from(["true", "1", "false", "maybe"])))
        elif op == "attribute":
            el.set(draw(st.sampled_from(["id", "{http://www.w3.org/XML/1998/namespace}lang",
                                         f"{{{XSI}}}schemaLocation"])), "x")
        elif op == "empty":
            el.text = None
            for child in list(el):
                el.remove(child)
    encoding = draw(st.sampled_from(["ISO-8859-1", "UTF-8", "UTF-16", "UTF-16LE", "ASCII"]))
    data = etree.tostring(root, xml_declaration=True, encoding=encoding)
    if raw is not None:
        data = data.replace(PLACEHOLDER.encode(encoding), raw)
    return data


def _xml_text(value: str) -> bool:
    try:
        etree.Element("x").text = value
        return True
    except ValueError:  # XML cannot carry it; the raw splice covers those
        return False


HEALTH = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                    HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])


@settings(max_examples=examples(1000), **HEALTH)
@given(data=byte_mutations())
def test_byte_mutated_files_are_read_or_refused_in_danish(target, tmp_path, data):
    path = tmp_path / "mutated.xml"
    path.write_bytes(data)
    event(target.check([path]))


@settings(max_examples=examples(1000), **HEALTH)
@given(data=tree_mutations())
def test_tree_mutated_files_are_read_or_refused_in_danish(target, tmp_path, data):
    path = tmp_path / "mutated.xml"
    path.write_bytes(data)
    event(target.check([path]))


@settings(max_examples=examples(200), **HEALTH)
@given(cut=st.integers(0, len(BASES[-1])))
def test_a_file_cut_anywhere_is_refused_and_changes_nothing(target, tmp_path, cut):
    path = tmp_path / "cut.xml"
    data = BASES[-1]
    path.write_bytes(data[:cut])
    outcome = target.check([path])
    # Only the whole file, or one missing just its final line break, is a complete document.
    assert outcome != "stored" or cut >= len(data.rstrip())


# --- the hand-made set -------------------------------------------------------------------------

def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


BASE_TEXT = BASES[1].decode("iso-8859-1")
HEAD = f'<document xmlns="{NS}"><version>1.8</version><produktkode>'
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE document [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                    for i in range(1, 10)) + f"]>{HEAD}&lol9;</produktkode></document>")


def _v17() -> str:
    """What a v1.7 file looks like: the same structure in the v1.7 namespace, version 1.7,
    and no UnLekMin (seeds/004_7f4f6cffb6badb9a.txt)."""
    import re
    text = BASE_TEXT.replace("INMindb/v1.8", "INMindb/v1.7").replace(">1.8<", ">1.7<")
    return re.sub(r"\s*<unlekmin>[^<]*</unlekmin>", "", text)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("DU_123456_20241.xml", BASES[0])
    return buffer.getvalue()


# name: (file bytes, or a function of the folder that makes the path; what should happen; a word
# the Danish message must contain)
HANDMADE = {
    "billion laughs": (LAUGHS.encode(), "unreadable", "DOCTYPE"),
    "external entity file://": (
        ('<?xml version="1.0"?><!DOCTYPE document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         f"{HEAD}&x;</produktkode></document>").encode(), "unreadable", "sikkerhed"),
    "parameter entity": (
        ('<!DOCTYPE document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
         f"{HEAD}x</produktkode></document>").encode(), "unreadable", "sikkerhed"),
    "entity declared after a long comment": (
        (f"<!--{'x' * 8000}-->" + '<!DOCTYPE document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         f"{HEAD}&x;</produktkode></document>").encode(), "unreadable", "DOCTYPE"),
    "utf-16 with bom": (
        _with(BASE_TEXT, "ISO-8859-1", "UTF-16").encode("utf-16"), "stored", None),
    "utf-16 without bom, declared": (
        _with(BASE_TEXT, "ISO-8859-1", "UTF-16").encode("utf-16-le"), "stored", None),
    "utf-16 without bom or declaration": (
        BASE_TEXT.split("?>", 1)[1].encode("utf-16-le"), "unreadable", "tegnsæt"),
    "declared latin-1, utf-8 bytes": (
        _with(BASE_TEXT, "<produktkode>", "<produktkode>Århus ").encode("utf-8"), "stored", None),
    "declared utf-8, latin-1 bytes": (
        _with(_with(BASE_TEXT, "ISO-8859-1", "UTF-8"), "<produktkode>", "<produktkode>Århus ")
        .encode("iso-8859-1"), "unreadable", "tegnsæt"),
    "invalid bytes": (BASES[1].replace(b"<produktkode>", b"<produktkode>\xff\xfe\x00"),
                      "unreadable", None),
    "wrong namespace": (_with(BASE_TEXT, NS, "http://example.com/du").encode("iso-8859-1"),
                        "unreadable", "namespace"),
    "no namespace": (_with(BASE_TEXT, f' xmlns="{NS}"', "").encode("iso-8859-1"),
                     "unreadable", "namespace"),
    "v1.7 file": (_v17().encode("iso-8859-1"), "unreadable", "1.7"),
    "v1.6 file": (_v17().replace("1.7", "1.6").encode("iso-8859-1"), "unreadable", "1.6"),
    "v1.8 namespace, version 1.7": (_with(BASE_TEXT, ">1.8<", ">1.7<").encode("iso-8859-1"),
                                    "unreadable", "1.7"),
    "html": (b"<!DOCTYPE html><html><head><title>Log ind</title></head><body></body></html>",
             "unreadable", None),
    "html, no doctype": (b"<html><body><p>Log ind<br></p></body></html>", "unreadable", None),
    "empty": (b"", "unreadable", "tom"),
    "only a byte order mark": (b"\xef\xbb\xbf", "unreadable", None),
    "a zip of the file": (_zip(), "unreadable", "zip"),
    "a 5,000-digit number": (
        BASES[1].replace(b"<unfagskema>", b"<unfagskema>" + b"9" * 5000, 1), "refused", "tal"),
}


def _big_file(folder: Path) -> Path:
    """200 MB, made sparse: a real document's start, then a hole the OS fills with zeros."""
    path = folder / "stor.xml"
    with path.open("wb") as f:
        f.write(BASES[0][:-20])
        f.truncate(200 * 1024 * 1024)
    return path


def _fifo(folder: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this OS")
    path = folder / "pipe.xml"
    os.mkfifo(path)
    return path


def _unreadable(folder: Path) -> Path:
    path = folder / "låst.xml"
    path.write_bytes(BASES[0])
    path.chmod(0)
    if os.access(path, os.R_OK):  # root, or an OS without these permissions
        pytest.skip("the file system lets this user read any file")
    return path


def test_a_file_without_read_access_is_a_danish_message(tmp_path, monkeypatch):
    """The same as the real case above, for when the tests run as root (who may read all)."""
    path = tmp_path / "låst.xml"
    path.write_bytes(BASES[0])

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UnreadableFile) as info:
        validate_file(path)
    assert "adgang nægtet" in str(info.value)
    assert_danish(str(info.value))


def _loop(folder: Path) -> Path:
    a, b = folder / "a.xml", folder / "b.xml"
    try:
        a.symlink_to(b)
        b.symlink_to(a)
    except OSError:
        pytest.skip("no symbolic links here")
    return a


HANDMADE_PATHS = {
    "200 MB file": (_big_file, "unreadable", "for stor"),
    "a folder": (lambda folder: folder, "unreadable", "mappe"),
    "a named pipe": (_fifo, "unreadable", "almindelig fil"),
    "a device (/dev/zero)": (lambda folder: Path("/dev/zero") if Path("/dev/zero").exists()
                             else pytest.skip("no /dev/zero"), "unreadable", "almindelig fil"),
    "a file without read access": (_unreadable, "unreadable", "adgang"),
    "a symbolic link loop": (_loop, "unreadable", "fil"),
    "a file that does not exist": (lambda folder: folder / "væk.xml", "unreadable", "findes ikke"),
}


def _make(kind, folder: Path) -> Path:
    if callable(kind):
        return kind(folder)
    path = folder / "fil.xml"
    path.write_bytes(kind)
    return path


@pytest.mark.parametrize("name", list(HANDMADE) + list(HANDMADE_PATHS))
def test_handmade_hostile_file(name, target, tmp_path):
    kind, expected, word = {**HANDMADE, **HANDMADE_PATHS}[name]
    folder = tmp_path / "in"
    folder.mkdir()
    path = _make(kind, folder)
    with within(SECONDS):
        try:
            message = "; ".join(f.message for f in validate_file(path).findings)
        except UnreadableFile as exc:
            message = str(exc)
    assert target.check([path]) == expected
    if word:
        assert word.lower() in message.lower(), message
    if expected != "stored":
        assert_danish(message)
        assert "root:" not in message  # /etc/passwd was never read into it


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path):
    import tracemalloc
    path = _big_file(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile, match="for stor"):
            reader.read_file(path)
        assert tracemalloc.get_traced_memory()[1] < 10 * 1024 * 1024
    finally:
        tracemalloc.stop()


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    """The size is checked before reading, and the read itself is bounded too."""
    path = tmp_path / "vokser.xml"
    path.write_bytes(BASES[0])
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: _Small(real_stat(self, **kw)))
    with pytest.raises(UnreadableFile, match="for stor"):
        reader.read_file(path)


class _Small:
    """A stat result that claims the file is tiny, as it was a moment ago."""
    def __init__(self, real):
        self._real = real
        self.st_size = 10

    def __getattr__(self, name):
        return getattr(self._real, name)


# --- nothing is fetched from the network -------------------------------------------------------

@pytest.fixture
def listener():
    """A local server that no file may make the reader contact."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def _contacted(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
        return True
    except BlockingIOError:
        return False


def test_no_url_in_a_file_is_ever_fetched(listener, target, tmp_path):
    url = "http://127.0.0.1:%d/x" % listener.getsockname()[1]
    end = "</produktkode></document>"
    files = {
        "entity": f'<!DOCTYPE document [<!ENTITY x SYSTEM "{url}">]>{HEAD}&x;{end}',
        "parameter entity": f'<!DOCTYPE document [<!ENTITY % p SYSTEM "{url}"> %p;]>{HEAD}x{end}',
        "external dtd": f'<!DOCTYPE document SYSTEM "{url}">{HEAD}x{end}',
        "xinclude": _with(BASE_TEXT, "<produktkode>",
                          f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}"/>'
                          "<produktkode>"),
        "schema location": _with(BASE_TEXT, f'xmlns="{NS}"',
                                 f'xmlns="{NS}" xsi:schemaLocation="{NS} {url}"'),
    }
    for name, text in files.items():
        path = tmp_path / f"{name}.xml"
        path.write_bytes(text.encode("iso-8859-1"))
        target.check([path])
        assert not _contacted(listener), name


# --- the command line on a few of them ---------------------------------------------------------

def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


@pytest.mark.parametrize("name", ["billion laughs", "v1.7 file", "empty", "a zip of the file",
                                  "a 5,000-digit number", "200 MB file", "a named pipe"])
def test_command_line_on_hostile_files(name, pristine, tmp_path):
    kind, expected, _ = {**HANDMADE, **HANDMADE_PATHS}[name]
    folder = tmp_path / "in"
    folder.mkdir()
    path = _make(kind, folder)
    db = tmp_path / "db.sqlite"
    shutil.copyfile(pristine, db)
    before = fingerprint(db)
    for args in (("validate", path), ("import", path, "--db", db)):
        proc = _cli(*args)
        assert proc.returncode == (2 if expected == "unreadable" else 1), proc.stderr
        out = proc.stdout + proc.stderr
        assert "Traceback" not in out, out
        if expected == "unreadable":
            assert_danish(proc.stderr)
        else:  # read, with an X finding: listed, and the import refused
            assert "Fejl X" in proc.stdout, out
            assert args[0] == "validate" or "Afvist" in proc.stdout, out
    assert fingerprint(db) == before


@pytest.mark.parametrize("content", [b"not a database", b"SQLite format 3\x00" + b"\xff" * 200,
                                     BASES[0]], ids=["text", "broken header", "an xml file"])
def test_command_line_with_a_hostile_database_file(content, tmp_path):
    """--db pointing at something that is no database: Danish, not SQLite's English."""
    db = tmp_path / "du.sqlite"
    db.write_bytes(content)
    path = tmp_path / "q.xml"
    path.write_bytes(BASES[0])
    proc = _cli("import", path, "--db", db)
    assert proc.returncode == 2, proc.stderr
    assert_danish(proc.stderr)  # once: "… kan ikke åbnes: file is not a database."
    assert db.read_bytes() == content
