"""Import of several quarters in any order builds the history; each quarter re-exports as it was."""

import random

import pytest
from lxml import etree

from desktop.domain.quarter import Quarter
from desktop.format.reader import read_file
from desktop.format.schema import schema
from desktop.operations import export_quarter, import_files
from tests.helpers import UKODE, canon_all, dump, sample_files, write_files


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_multi_quarter_import_reproduces_every_file(tmp_path, store, seed):
    files = sample_files(n=80, seed=seed)
    paths = write_files(tmp_path, files)
    random.Random(seed).shuffle(paths)
    result = import_files(store, paths)
    assert result.stored
    for iperiode, kursister in files.items():
        out = tmp_path / f"out_{iperiode}.xml"
        exported = export_quarter(store, iperiode, out)
        assert exported.written == out, exported.refusal
        assert canon_all(read_file(out).kursister) == canon_all(kursister)


def test_one_file_per_quarter_imported_one_at_a_time_in_reverse(tmp_path, store):
    files = sample_files(n=40, seed=11)
    for path in reversed(write_files(tmp_path, files)):
        assert import_files(store, [path]).stored
    for iperiode, kursister in files.items():
        out = tmp_path / "out.xml"
        assert export_quarter(store, iperiode, out).written
        assert canon_all(read_file(out).kursister) == canon_all(kursister)


def test_export_is_iso_8859_1_in_schema_order_with_nils_and_produktkode(tmp_path, store):
    files = sample_files(n=30, seed=5)
    import_files(store, write_files(tmp_path, files))
    iperiode = next(iter(files))
    out = tmp_path / "q.xml"
    export_quarter(store, iperiode, out)
    data = out.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    doc = etree.fromstring(data)
    assert schema().validate(doc)
    ns = {"n": "http://statistik.uni-c.dk/INMindb/v1.8"}
    assert doc.findtext("n:produktkode", namespaces=ns).startswith("DU-indberetning ")
    modul = doc.find(".//n:modul", ns)
    # every nillable field is present, nil when empty
    for tag in ("uslutdato", "uophoersaarsag", "umodtestdato"):
        assert modul.find(f"n:{tag}", ns) is not None
    nils = doc.findall(".//*[@{http://www.w3.org/2001/XMLSchema-instance}nil='true']")
    assert nils and all(len(n) == 0 and not n.text for n in nils)


def test_placement_is_exported_as_it_stood_at_the_end_of_the_quarter(tmp_path, store):
    # A placement that ends in a later quarter must appear open in the earlier quarter's file.
    files = sample_files(n=60, seed=9)
    import_files(store, write_files(tmp_path, files))
    q = Quarter(2023, 3)
    out = tmp_path / "q.xml"
    export_quarter(store, q.iperiode, out)
    for k in read_file(out).kursister:
        for m in k.moduler:
            if m["uslutdato"]:
                assert m["uslutdato"] <= q.end.isoformat()
            else:
                assert m["uophoersaarsag"] is None and m["umodtestdato"] is None
    later_end = store.conn.execute(
        "SELECT COUNT(*) FROM modul m JOIN undervisning u ON u.modul_id = m.id "
        "WHERE u.iperiode = ? AND m.uslutdato > ?", (q.iperiode, q.end.isoformat())).fetchone()[0]
    assert later_end > 0  # the case is really exercised


def test_single_kursist_file_is_valid_and_holds_only_that_kursist(tmp_path, store):
    files = sample_files(n=30, seed=4)
    import_files(store, write_files(tmp_path, files))
    iperiode, kursister = next(iter(files.items()))
    one = kursister[len(kursister) // 2]
    out = tmp_path / f"DU_{UKODE}_{iperiode}_{one['kcprnr']}.xml"
    result = export_quarter(store, iperiode, out, cpr=one["kcprnr"])
    assert result.written and result.kursister == 1
    back = read_file(out)
    assert not back.findings
    assert canon_all(back.kursister) == canon_all([one])


def test_reimporting_a_corrected_quarter_replaces_that_kursists_records(tmp_path, store):
    files = sample_files(n=30, seed=6)
    import_files(store, write_files(tmp_path, files))
    iperiode, kursister = next((q, ks) for q, ks in files.items() if any(k.henvisninger for k in ks))
    k = next(k for k in kursister if k.henvisninger)
    h = k.henvisninger[0]
    h.values["hkomkode"] = "851" if h["hkomkode"] != "851" else "101"
    for m in k.moduler:
        for u in m.undervisning:
            u.values["unfagskema"] = str(int(u["unfagskema"]) + 1)
    before_other_quarters = [r for r in dump(store) if r[0] not in ("henvisning", "eksport")]
    corrected = tmp_path / "corrected.xml"
    from desktop.format.writer import document_bytes
    corrected.write_bytes(document_bytes([k]))
    assert import_files(store, [corrected]).stored
    out = tmp_path / "again.xml"
    assert export_quarter(store, iperiode, out).written
    assert canon_all(read_file(out).kursister) == canon_all(kursister)
    # nothing duplicated: same number of rows as before the correction
    after = [r for r in dump(store) if r[0] not in ("henvisning", "eksport")]
    assert ([(t, len(rows)) for t, rows in after]
            == [(t, len(rows)) for t, rows in before_other_quarters])


def test_import_of_the_exported_quarter_leaves_the_store_unchanged(tmp_path, store):
    files = sample_files(n=40, seed=8)
    import_files(store, write_files(tmp_path, files))
    before = dump(store)
    for iperiode in files:
        out = tmp_path / f"{iperiode}.xml"
        export_quarter(store, iperiode, out)
        assert import_files(store, [out]).stored
    # Only the export log has grown, by one row per file.
    after = dump(store)
    assert [t for t in after if t[0] != "eksport"] == [t for t in before if t[0] != "eksport"]
    assert store.conn.execute("SELECT COUNT(*) FROM eksport").fetchone()[0] == len(files)


def test_rules_give_the_same_findings_when_told_the_schema_accepted_every_value(settings):
    """The export and import skip re-asking the catalogue once lxml has accepted a file."""
    from desktop.checks import check_kursist
    for kursister in sample_files(n=60, seed=12).values():
        for k in kursister:
            k.values["kkoen"] = k["kkoen"]  # unchanged, real data
            slow = check_kursist(k, settings, schema=False)
            fast = check_kursist(k, settings, schema=False, trusted=True)
            assert fast == slow


def test_export_validates_in_chunks_with_the_whole_documents_verdict(monkeypatch):
    import copy
    import re

    from desktop.format import writer
    monkeypatch.setattr(writer, "CHUNK", 7)
    ks = max(sample_files(n=60, seed=4).values(), key=len)
    assert len(ks) > 3 * writer.CHUNK
    assert writer.validated_document(ks) == writer.document_bytes(ks)

    def whole_verdict(kursister):
        doc = etree.fromstring(writer.document_bytes(kursister))
        return schema().validate(doc), schema().error_log

    # A value the schema rejects, in the last chunk: found, at its line in the whole file.
    bad = copy.deepcopy(ks)
    bad[-1].values["kkoen"] = "X"
    valid, log = whole_verdict(bad)
    assert not valid
    with pytest.raises(writer.SchemaRejected) as rejected:
        writer.validated_document(bad)
    assert int(re.search(r"line (\d+)", str(rejected.value)).group(1)) == log[0].line
    # The kursist key spans chunks: a kursist twice, chunks apart, is rejected as the schema does.
    twice = ks + [copy.deepcopy(ks[0])]
    assert not whole_verdict(twice)[0]
    with pytest.raises(writer.SchemaRejected):
        writer.validated_document(twice)
