"""What the upload checks of a whole file, through `validate` and `import` as a user runs them
(issue 11, items 3 and 9).

- 3: "Der checkes om periode (kvartal) feltets værdi og udbyderkoden passer med de værdier som
  er indtastet ved upload" (2004-notatet, side 2): a file holds one quarter of one udbyder.
- 9: an Iperiode the schema's pattern accepts but no report can have (before 2005, after 2099,
  or 99994, whose next quarter would be in the year 10000) is an X finding, not "Programfejl".
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.domain.quarter import Quarter
from desktop.format.writer import document_bytes
from desktop.sampledata import histories, quarter_files
from desktop.store import Store
from helpers import dump

FIRST, LAST = Quarter(2024, 1), Quarter(2024, 2)


def cli(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in proc.stdout + proc.stderr and "Programfejl" not in proc.stdout
    return proc


@pytest.fixture(scope="module")
def quarters():
    return {
        "101234": quarter_files(histories(6, FIRST, LAST, seed=5), "101234", FIRST, LAST),
        "555555": quarter_files(histories(6, FIRST, LAST, seed=6), "555555", FIRST, LAST),
    }


def _file(tmp_path, name, kursister):
    path = tmp_path / name
    path.write_bytes(document_bytes(kursister))
    return path


def _x(proc) -> list[dict]:
    return [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "X"]


@pytest.mark.parametrize("mix, field", [
    (lambda q: q["101234"]["20241"] + q["555555"]["20242"], None),  # the file: both
    (lambda q: q["101234"]["20241"] + q["101234"]["20242"], "iperiode"),
    (lambda q: q["101234"]["20241"] + q["555555"]["20241"], "ukode"),
])
def test_a_file_of_two_quarters_or_two_udbydere_is_x_and_import_refuses_it(quarters, tmp_path,
                                                                           mix, field):
    """Before: validated clean, and imported."""
    kursister = mix(quarters)
    path = _file(tmp_path, "mixed.xml", kursister)
    proc = cli("validate", path, "--json")
    assert proc.returncode == 1
    found = _x(proc)
    assert {f["field"] for f in found} == ({field} if field else {"iperiode", "ukode"})
    first_other = next(k for k in kursister if k["iperiode"] != kursister[0]["iperiode"]
                       or k["ukode"] != kursister[0]["ukode"])
    assert found[0]["cpr"] == first_other["kcprnr"] and "én udbyder" in found[0]["message"]
    db = tmp_path / "db.sqlite"
    Store(db).close()
    with Store(db) as store:
        before = dump(store)
    proc = cli("import", path, "--db", db)
    assert proc.returncode == 1 and "Intet er indlæst" in proc.stdout
    with Store(db) as store:
        assert dump(store) == before


def test_near_miss_one_quarter_of_one_udbyder_validates_and_imports(quarters, tmp_path):
    path = _file(tmp_path, "one.xml", quarters["101234"]["20241"])
    assert _x(cli("validate", path, "--json")) == []
    assert cli("import", path, "--db", tmp_path / "db.sqlite").returncode == 0


@pytest.mark.parametrize("iperiode, words", [("99994", "efter 2099"), ("20001", "før 2005")])
def test_a_quarter_no_calendar_or_format_has_is_an_x_finding_in_danish(quarters, tmp_path,
                                                                      iperiode, words):
    ks = quarters["101234"]["20241"]
    for k in ks:
        k.values["iperiode"] = iperiode
    try:
        path = _file(tmp_path, "odd.xml", ks)
    finally:
        for k in ks:
            k.values["iperiode"] = "20241"
    proc = cli("validate", path, "--json")  # before: exit 2, "Programfejl"
    assert proc.returncode == 1
    (x,) = _x(proc)
    assert x["field"] == "iperiode" and words in x["message"]
    assert cli("import", path, "--db", tmp_path / "db.sqlite").returncode == 1


@pytest.mark.parametrize("quarter", ["99994", "20044"])
def test_export_of_a_quarter_outside_the_years_is_bad_usage_in_danish(tmp_path, quarter):
    db = tmp_path / "db.sqlite"
    Store(db).close()
    proc = cli("export", "--quarter", quarter, "--out", tmp_path / "x.xml", "--db", db)
    assert proc.returncode == 2 and "Kvartalet" in proc.stderr and "2005" in proc.stderr


def test_near_miss_the_first_quarter_v18_carries_is_accepted(quarters, tmp_path):
    first = Quarter(2005, 1)
    ks = quarter_files(histories(4, first, first, seed=9), "101234", first, first)["20051"]
    proc = cli("validate", _file(tmp_path, "2005.xml", ks), "--json")
    assert _x(proc) == []
