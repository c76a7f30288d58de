"""Reading and importing files: tolerant names, hostile input, schema errors as Danish findings,
and all-or-nothing import (docs/format.md §3; README's command line contract)."""

from __future__ import annotations

import re
import time

import pytest

from desktop.domain.quarter import Quarter
from desktop.format import reader
from desktop.format.reader import UnreadableFile, read_bytes
from desktop.format.writer import document_bytes
from desktop.operations import import_files, validate_file
from desktop.sampledata import histories, quarter_files

NS = "http://statistik.uni-c.dk/INMindb/v1.8"
UKODE = "123456"
LIBXML_ENGLISH = ("Element '", "facet", "not accepted", "Expected is", "{http")
DANISH = re.compile(r"\b(ikke|kan|er|og|eller|i|på|filen|Filen|højst|mangler|skal|må|Ukendt|ugyldig)\b")
STORE_TABLES = ("kursist", "stamdata", "henvisning", "modul", "modul_rapport", "undervisning",
                "proeve")


# --- data -------------------------------------------------------------------------------------

def kursister(n: int = 6, seed: int = 7, quarter: Quarter = Quarter(2024, 2)):
    """Clean kursister for one quarter, with no findings at all (45-minute lessons)."""
    ks = quarter_files(histories(n, quarter, quarter, seed=seed), UKODE, quarter, quarter)
    ks = ks[quarter.iperiode]
    for k in ks:
        for m in k.moduler:
            for u in m.undervisning:
                u.values["unlekmin"] = "45"
    return ks


def clean_text(n: int = 6, seed: int = 7) -> str:
    return document_bytes(kursister(n, seed)).decode("iso-8859-1")


def to_bytes(text: str) -> bytes:
    return text.encode("iso-8859-1")


def x_findings(parsed_or_check) -> list:
    return [f for f in parsed_or_check.findings if f.rule == "X"]


def write(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def row_counts(store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in STORE_TABLES}


def assert_danish_unreadable(data: bytes, name: str = "filen") -> str:
    start = time.monotonic()
    with pytest.raises(UnreadableFile) as info:
        read_bytes(data, name)
    assert time.monotonic() - start < 5, "the reader must not hang on hostile input"
    message = str(info.value)
    assert DANISH.search(message), message
    for english in ("error", "Error", "line ", "parser", "Document", "expected", "Traceback"):
        assert english not in message, message
    return message


def assert_finding_shape(f) -> None:
    assert f.rule == "X" and f.severity == "error"
    assert f.message and DANISH.search(f.message), f.message
    for english in LIBXML_ENGLISH:
        assert english not in f.message, f.message
    assert f.line is not None and f.line > 0


# --- a clean file -----------------------------------------------------------------------------

def test_clean_file_has_no_findings(tmp_path):
    p = write(tmp_path, "ren.xml", to_bytes(clean_text()))
    check = validate_file(p)
    assert check.findings == []
    assert len(check.parsed.kursister) == 6
    assert check.parsed.normalised == {"case": 0, "namespace": 0}


# --- tolerant import (docs/format.md §3) -------------------------------------------------------

def _recase(text: str, how) -> tuple[str, int]:
    """Rename every element with how(name); returns the text and the number of elements."""
    n = len(re.findall(r"<[a-z]+[\s/>]", text))
    text = re.sub(r"<(/?)([a-z]+)([\s/>])", lambda m: f"<{m[1]}{how(m[2])}{m[3]}", text)
    return text, n


@pytest.mark.parametrize("how", [str.upper, str.capitalize,
                                 lambda s: "".join(c.upper() if i % 2 else c for i, c in enumerate(s))],
                         ids=["upper", "capitalized", "mixed"])
def test_element_names_in_any_case_are_accepted_and_counted(tmp_path, how):
    text, n = _recase(clean_text(), how)
    assert "<KURSIST>" in text or "<Kursist>" in text or "<kUrSiSt>" in text
    check = validate_file(write(tmp_path, "case.xml", to_bytes(text)))
    assert x_findings(check) == []
    assert check.findings == []
    assert check.parsed.normalised["case"] == n
    assert check.parsed.normalised["namespace"] == 0
    assert len(check.parsed.kursister) == 6
    k = check.parsed.kursister[0]
    assert k["ukode"] == UKODE and k["kkoen"] in ("M", "K")
    assert check.parsed.normalised_text()  # reported to the user


def test_lowercase_namespace_spelling_is_accepted_and_counted(tmp_path):
    text = clean_text().replace(NS, "http://statistik.uni-c.dk/inmindb/v1.8")
    n = len(re.findall(r"<[a-z]+[\s/>]", text))
    check = validate_file(write(tmp_path, "ns.xml", to_bytes(text)))
    assert check.findings == []
    assert check.parsed.normalised == {"case": 0, "namespace": n}
    assert len(check.parsed.kursister) == 6


def test_case_and_namespace_together_import(tmp_path, store):
    text, _ = _recase(clean_text(), str.upper)
    text = text.replace(NS, "http://statistik.uni-c.dk/inmindb/v1.8")
    result = import_files(store, [write(tmp_path, "begge.xml", to_bytes(text))])
    assert result.stored
    assert result.counts["kursister"] == 6
    assert row_counts(store)["kursist"] == 6
    norm = result.checks[0].parsed.normalised
    assert norm["case"] > 0 and norm["namespace"] > 0


# --- hostile and unreadable input -------------------------------------------------------------

LAUGHS_DTD = ('<!DOCTYPE document [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                        for i in range(1, 10))
              + "]>")


def _doc_with_entity(dtd: str, ref: str, pad: int = 0) -> bytes:
    comment = f"<!--{'x' * pad}-->" if pad else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{comment}{dtd}'
            f'<document xmlns="{NS}"><version>1.8</version><produktkode>{ref}</produktkode>'
            "</document>").encode()


@pytest.mark.parametrize("pad", [0, 10_000], ids=["doctype-first", "doctype-after-long-comment"])
def test_billion_laughs_is_refused(pad):
    assert_danish_unreadable(_doc_with_entity(LAUGHS_DTD, "&lol9;", pad))


@pytest.mark.parametrize("pad", [0, 10_000], ids=["doctype-first", "doctype-after-long-comment"])
def test_external_entity_is_refused_and_never_read(pad):
    data = _doc_with_entity('<!DOCTYPE document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;",
                            pad)
    message = assert_danish_unreadable(data)
    assert "root:" not in message


@pytest.mark.parametrize("dtd", ["<!DOCTYPE document>", '<!DOCTYPE document SYSTEM "du.dtd">',
                                 '<!DOCTYPE document [<!ELEMENT document ANY>]>'])
def test_any_doctype_is_refused(dtd):
    assert_danish_unreadable(_doc_with_entity(dtd, "x"))


def test_doctype_in_utf16_is_refused():
    text = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE document [<!ENTITY x SYSTEM '
            f'"file:///etc/passwd">]><document xmlns="{NS}"><version>1.8</version>'
            "<produktkode>&x;</produktkode></document>")
    assert_danish_unreadable(text.encode("utf-16"))


def test_truncated_file():
    data = to_bytes(clean_text())
    assert_danish_unreadable(data[: len(data) // 2])


@pytest.mark.parametrize("data", [
    b"", b"   \n  ", b"hello, this is not XML", b"\x00\x01\x02\xff\xfe binary",
    b"CPR;navn\n0101901234;Test\n",
    b'{"document": {"version": "1.8"}}',
], ids=["empty", "whitespace", "text", "binary", "csv", "json"])
def test_not_xml(data):
    assert_danish_unreadable(data)


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><head><title>Log ind</title></head><body><p>Hej</p></body></html>",
    b"<html><head><title>Log ind</title></head><body><p>Hej<br></p></body></html>",
    b"<html><body><p>Hej</p></body></html>",
], ids=["html5", "html-not-wellformed", "xhtml-like"])
def test_html_page(data):
    assert_danish_unreadable(data)


def test_v17_namespace_file_is_refused():
    text = clean_text().replace(NS, "http://statistik.uni-c.dk/INMindb/v1.7")
    assert "1.7" in assert_danish_unreadable(to_bytes(text))


def test_v17_version_element_is_refused():
    text = clean_text().replace("<version>1.8</version>", "<version>1.7</version>")
    assert "1.7" in assert_danish_unreadable(to_bytes(text))


@pytest.mark.parametrize("ns", ["http://example.com/indberetning", ""], ids=["other", "none"])
def test_unknown_namespace_is_refused(ns):
    text = clean_text().replace(f'xmlns="{NS}"', f'xmlns="{ns}"' if ns else "")
    assert_danish_unreadable(to_bytes(text))


def test_other_root_element_is_refused():
    text = clean_text().replace("<document ", "<rapport ").replace("</document>", "</rapport>")
    assert_danish_unreadable(to_bytes(text))


DANISH_PRODUKTKODE = "Sprogcenter Århus æøå ÆØÅ 2.0"


def _with_produktkode(decl: str) -> str:
    text = clean_text(3)
    text = re.sub(r"<produktkode>[^<]*</produktkode>",
                  f"<produktkode>{DANISH_PRODUKTKODE}</produktkode>", text)
    return re.sub(r"<\?xml[^>]*\?>", decl, text)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_reads(codec):
    decl = '<?xml version="1.0" encoding="UTF-16"?>'
    data = _with_produktkode(decl).encode(codec)
    if codec != "utf-16":
        data = "\ufeff".encode(codec) + data
    parsed = read_bytes(data)
    assert parsed.produktkode == DANISH_PRODUKTKODE
    assert parsed.findings == [] and len(parsed.kursister) == 3


def test_iso_8859_1_file_reads():
    data = _with_produktkode('<?xml version="1.0" encoding="ISO-8859-1"?>').encode("iso-8859-1")
    parsed = read_bytes(data)
    assert parsed.produktkode == DANISH_PRODUKTKODE
    assert parsed.findings == []


@pytest.mark.parametrize("decl,bom", [("", b""), ('<?xml version="1.0" encoding="UTF-8"?>', b""),
                                      ('<?xml version="1.0"?>', b"\xef\xbb\xbf")],
                         ids=["no-declaration", "declared", "bom"])
def test_utf8_file_reads(decl, bom):
    parsed = read_bytes(bom + _with_produktkode(decl).encode("utf-8"))
    assert parsed.produktkode == DANISH_PRODUKTKODE
    assert parsed.findings == []


def test_utf8_declared_as_iso_8859_1_reads():
    """Mislabelled, but every byte is valid ISO-8859-1: the file reads (letters as mojibake)."""
    data = _with_produktkode('<?xml version="1.0" encoding="ISO-8859-1"?>').encode("utf-8")
    parsed = read_bytes(data)
    assert parsed.findings == [] and len(parsed.kursister) == 3
    assert parsed.produktkode == DANISH_PRODUKTKODE.encode("utf-8").decode("iso-8859-1")


def test_invalid_utf8_bytes_are_unreadable():
    text = _with_produktkode('<?xml version="1.0" encoding="UTF-8"?>')
    data = text.encode("utf-8").replace("Århus".encode("utf-8"), b"\xc5rhus \xff\xfe")
    assert_danish_unreadable(data)


def test_oversize_bytes_are_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    message = assert_danish_unreadable(to_bytes(clean_text()))
    assert "stor" in message


def test_oversize_file_is_refused_before_reading(tmp_path, monkeypatch):
    p = write(tmp_path, "stor.xml", to_bytes(clean_text()))
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    with pytest.raises(UnreadableFile, match="for stor"):
        validate_file(p)


def test_missing_file_and_folder_are_unreadable_in_danish(tmp_path):
    with pytest.raises(UnreadableFile, match="findes ikke"):
        validate_file(tmp_path / "findes-ikke.xml")
    with pytest.raises(UnreadableFile, match="mappe"):
        validate_file(tmp_path)


def test_deep_nesting_does_not_hang():
    data = (f'<document xmlns="{NS}"><version>1.8</version><produktkode>x</produktkode><kursist>'
            + "<a>" * 100_000 + "</a>" * 100_000 + "</kursist></document>").encode()
    start = time.monotonic()
    try:
        parsed = read_bytes(data)
    except UnreadableFile as exc:
        assert DANISH.search(str(exc))
    else:
        assert x_findings(parsed)
    assert time.monotonic() - start < 10


# --- schema errors as Danish findings ---------------------------------------------------------

def test_many_x_errors_one_finding_per_broken_element():
    ks = kursister(500, seed=5)
    assert len(ks) == 500
    for k in ks:
        k.values["kkoen"] = "X"
    start = time.monotonic()
    parsed = read_bytes(document_bytes(ks))
    assert time.monotonic() - start < 10
    xs = x_findings(parsed)
    assert len(xs) == 500
    assert sorted(f.cpr for f in xs) == sorted(k["kcprnr"] for k in ks)
    lines = set()
    for f in xs:
        assert_finding_shape(f)
        assert f.record == "kursist" and f.field == "kkoen"
        assert "Køn" in f.message
        lines.add(f.line)
    assert len(lines) == 500  # each at its own element's line


def test_many_different_errors_each_found_once():
    ks = kursister(300, seed=11)
    broken = 0
    for i, k in enumerate(ks):
        if i % 3 == 0:
            k.values["kkoen"] = "X"
            broken += 1
        if i % 5 == 0:
            k.values["knationskode"] = "dk"
            broken += 1
        for m in k.moduler:
            if i % 7 == 0:
                m.values["ustartdato"] = "2024-02-30"
                broken += 1
    parsed = read_bytes(document_bytes(ks))
    xs = x_findings(parsed)
    assert len(xs) == broken
    assert len({(f.cpr, f.record, f.field) for f in xs}) == broken
    for f in xs:
        assert_finding_shape(f)
        assert f.cpr and f.field in ("kkoen", "knationskode", "ustartdato")


def _one(text: str):
    parsed = read_bytes(to_bytes(text))
    xs = x_findings(parsed)
    for f in xs:
        assert_finding_shape(f)
    return parsed, xs


def _first_cpr(text: str) -> str:
    return re.search(r"<kcprnr>(\d+)</kcprnr>", text)[1]


def test_missing_mandatory_field():
    base = clean_text()
    _, xs = _one(re.sub(r"\s*<kkoen>.</kkoen>", "", base, count=1))
    assert len(xs) == 1
    f = xs[0]
    assert (f.cpr, f.record, f.field) == (_first_cpr(base), "kursist", "kkoen")
    assert "mangler" in f.message


def test_missing_mandatory_field_in_a_modul():
    base = clean_text()
    _, xs = _one(re.sub(r"\s*<ustartdato>[^<]*</ustartdato>", "", base, count=1))
    assert len(xs) == 1
    assert xs[0].field == "ustartdato" and xs[0].record.startswith("modul ")


def test_fields_in_wrong_order():
    base = clean_text()
    text = re.sub(r"(<kkoen>.</kkoen>)(\s*)(<knationskode>[A-Z]+</knationskode>)", r"\3\2\1", base,
                  count=1)
    assert text != base
    _, xs = _one(text)
    assert len(xs) == 1
    assert xs[0].field == "kkoen" and xs[0].cpr == _first_cpr(base)
    assert "rækkefølge" in xs[0].message


@pytest.mark.parametrize("element", ["<foo>1</foo>", "<x:foo xmlns:x='urn:x'>1</x:foo>",
                                     "<foo xmlns=''>1</foo>"],
                         ids=["same-namespace", "foreign-namespace", "no-namespace"])
def test_unknown_element(element):
    base = clean_text()
    _, xs = _one(base.replace("<kkoen>", element + "<kkoen>", 1))
    assert len(xs) == 1
    assert xs[0].cpr == _first_cpr(base) and xs[0].record == "kursist"
    assert "foo" in xs[0].message and "Ukendt" in xs[0].message


def test_unknown_element_inside_a_modul_gives_no_spurious_duplicate():
    _, xs = _one(clean_text().replace("<uuddnr>", "<bar/><uuddnr>", 1))
    assert len(xs) == 1
    assert xs[0].record.startswith("modul ") and "bar" in xs[0].message


@pytest.mark.parametrize("tag", ["kkoen", "ustartdato", "unfagskema"])
def test_nil_on_a_non_nillable_field(tag):
    text = re.sub(rf"<{tag}>[^<]*</{tag}>", f'<{tag} xsi:nil="true"/>', clean_text(), count=1)
    _, xs = _one(text)
    assert len(xs) == 1
    assert xs[0].field == tag and "nil" in xs[0].message


def test_nil_on_a_nillable_field_is_fine():
    text = clean_text()
    assert '<unkatkonf xsi:nil="true"/>' in text and '<uophoersaarsag xsi:nil="true"/>' in text
    text = text.replace('<unkatkonf xsi:nil="true"/>', "<unkatkonf xsi:nil='true'></unkatkonf>", 1)
    _, xs = _one(text)
    assert xs == []


@pytest.mark.parametrize("value,field", [("12345", "kcprnr"), ("2024-13-01", "ustartdato"),
                                         ("abc", "unfagskema")])
def test_invalid_value_gives_exactly_one_finding(value, field):
    text = re.sub(rf"<{field}>[^<]*</{field}>", f"<{field}>{value}</{field}>", clean_text(), count=1)
    _, xs = _one(text)
    assert len(xs) == 1, [f.message for f in xs]
    assert xs[0].field == field and value in xs[0].message


def test_duplicate_modul_inside_a_kursist():
    base = clean_text()
    m = re.search(r"<modul>.*?</modul>", base, re.S)
    _, xs = _one(base[:m.end()] + m[0] + base[m.end():])
    assert len(xs) == 1
    f = xs[0]
    assert f.record.startswith("modul ") and f.field == "uuddnr"
    assert "mere end én" in f.message and ".." not in f.message


def test_duplicate_undervisning_inside_a_modul():
    base = clean_text()
    u = re.search(r"<undervisning>.*?</undervisning>", base, re.S)
    _, xs = _one(base[:u.end()] + u[0] + base[u.end():])
    assert len(xs) == 1
    assert xs[0].record.startswith("undervisning ") and xs[0].field == "unperiode"


def test_duplicate_henvisning_inside_a_kursist():
    base = clean_text()
    h = re.search(r"<henvisning>.*?</henvisning>", base, re.S)
    _, xs = _one(base[:h.end()] + h[0] + base[h.end():])
    assert len(xs) == 1
    assert xs[0].record.startswith("henvisning ") and xs[0].field == "hhenvisdato"


def test_duplicate_kursist_across_the_file(tmp_path):
    base = clean_text()
    k = re.search(r"<kursist>.*?</kursist>", base, re.S)
    text = base[:k.end()] + k[0] + base[k.end():]
    check = validate_file(write(tmp_path, "dobbelt.xml", to_bytes(text)))
    xs = x_findings(check)
    assert len(xs) == 1
    f = xs[0]
    assert_finding_shape(f)
    assert (f.cpr, f.record, f.field) == (_first_cpr(base), "kursist", "kcprnr")


def test_duplicate_kursist_in_different_chunks(tmp_path):
    ks = kursister(450, seed=13)
    ks.append(ks[3])  # far apart: the reader validates kursister in chunks
    check = validate_file(write(tmp_path, "dobbelt.xml", document_bytes(ks)))
    xs = x_findings(check)
    assert [(f.cpr, f.field) for f in xs] == [(ks[3]["kcprnr"], "kcprnr")]


@pytest.mark.parametrize("edit,word", [
    (lambda t: re.sub(r"<kursist>.*</kursist>", "", t, flags=re.S), "kursister"),
    (lambda t: t.replace("<version>1.8</version>", ""), "version"),
    (lambda t: re.sub(r"<produktkode>[^<]*</produktkode>", f"<produktkode>{'a' * 300}</produktkode>",
                      t), "256"),
], ids=["no-kursist", "no-version", "long-produktkode"])
def test_document_level_errors(edit, word):
    _, xs = _one(edit(clean_text()))
    assert len(xs) == 1
    assert xs[0].record == "document" and word in xs[0].message


# --- all-or-nothing import --------------------------------------------------------------------

def _bad_text() -> str:
    return re.sub(r"<kkoen>.</kkoen>", "<kkoen>X</kkoen>", clean_text(4, seed=21), count=1)


def test_import_with_an_x_finding_stores_nothing(tmp_path, store):
    good = write(tmp_path, "god.xml", to_bytes(clean_text(5, seed=22)))
    assert import_files(store, [good]).stored
    before = row_counts(store)
    assert before["kursist"] == 5
    result = import_files(store, [write(tmp_path, "fejl.xml", to_bytes(_bad_text()))])
    assert not result.stored
    assert not result.counts
    assert [f.field for f in result.findings if f.rule == "X"] == ["kkoen"]
    assert row_counts(store) == before


def test_one_bad_file_among_good_ones_stores_nothing(tmp_path, store):
    before = row_counts(store)
    paths = [write(tmp_path, "a.xml", to_bytes(clean_text(4, seed=31))),
             write(tmp_path, "b.xml", to_bytes(_bad_text())),
             write(tmp_path, "c.xml", to_bytes(clean_text(4, seed=32)))]
    result = import_files(store, paths)
    assert not result.stored
    assert len(result.checks) == 3
    assert [c.has_x for c in result.checks] == [False, True, False]
    assert row_counts(store) == before
    # The bad file last, too.
    result = import_files(store, [paths[0], paths[2], paths[1]])
    assert not result.stored and row_counts(store) == before
    # Without it, both good files are stored in one go.
    result = import_files(store, [paths[0], paths[2]])
    assert result.stored
    assert row_counts(store)["kursist"] == before["kursist"] + 8
    assert result.counts["kursister"] == 8


def test_unreadable_file_among_good_ones_stores_nothing(tmp_path, store):
    before = row_counts(store)
    paths = [write(tmp_path, "a.xml", to_bytes(clean_text(4, seed=31))),
             write(tmp_path, "b.xml", b"<html><body>not a report</body></html>")]
    with pytest.raises(UnreadableFile):
        import_files(store, paths)
    assert row_counts(store) == before


def test_import_with_only_warnings_and_a_errors_is_stored(tmp_path, store):
    ks = kursister(4, seed=41)
    ks[0].moduler[0].undervisning[0].values["unlekmin"] = "60"  # W5
    u = ks[1].moduler[0].undervisning[0]
    u.values["unfravaer"] = str(int(u["unfagskema"]) + 5)  # A10
    result = import_files(store, [write(tmp_path, "advarsler.xml", document_bytes(ks))])
    assert result.stored
    assert {f.rule for f in result.findings} == {"W5", "A10"}
    assert row_counts(store)["kursist"] == 4


def test_new_placements_take_ids_above_every_id_ever_used(tmp_path, store):
    """The importer numbers new placements itself (to group their months in one pass): the
    ids must be those AUTOINCREMENT gives, above a deleted highest one, and a re-import of
    the same file keeps them."""
    first = write(tmp_path, "a.xml", document_bytes(kursister(3, seed=7)))
    assert import_files(store, [first]).stored
    with store.transaction() as c:
        top = c.execute("SELECT max(id) FROM modul").fetchone()[0]
        c.execute("DELETE FROM modul WHERE id = ?", (top,))
    other = write(tmp_path, "b.xml", document_bytes(kursister(3, seed=8)))
    assert import_files(store, [other]).stored
    ids = [r[0] for r in store.conn.execute(
        "SELECT m.id FROM modul m JOIN kursist k ON k.id = m.kursist_id "
        "WHERE k.kcprnr IN (%s) ORDER BY m.id" % ",".join("?" * 3),
        [k["kcprnr"] for k in kursister(3, seed=8)])]
    assert ids and min(ids) == top + 1 and ids == list(range(top + 1, top + 1 + len(ids)))
    months = store.conn.execute("SELECT COUNT(*) FROM undervisning WHERE modul_id > ?",
                                (top,)).fetchone()[0]
    assert months == sum(len(m.undervisning) for k in kursister(3, seed=8) for m in k.moduler)
    before = store.conn.execute("SELECT id, kursist_id, uuddnr, umodul FROM modul "
                                "ORDER BY id").fetchall()
    assert import_files(store, [other]).stored
    assert store.conn.execute("SELECT id, kursist_id, uuddnr, umodul FROM modul "
                              "ORDER BY id").fetchall() == before


def test_an_accepted_chunk_read_by_position_gives_the_records_read_by_name():
    """reader._accepted reads a chunk the schema accepted by position; it must give what
    reading each element by its name gives, also with comments, PIs and spaces around values."""
    from lxml import etree
    text = clean_text(12, seed=3)
    text = text.replace("<uuddnr>", "<!-- c --><?pi x?><uuddnr>", 4).replace(
        "<ukode>", "<ukode> ", 2).replace("<pdato>", "\n <pdato>", 2)
    parsed = read_bytes(to_bytes(text))
    assert parsed.findings == [] and len(parsed.kursister) == 12
    root = etree.fromstring(to_bytes(text), etree.XMLParser(remove_comments=True, remove_pis=True))
    by_name = [reader._record(el, {}) for el in root if el.tag.endswith("}kursist")]
    assert parsed.kursister == by_name
    assert any(r["uophoersaarsag"] is None for k in by_name for r in k.moduler)  # nil fields
