"""The command line as a user runs it: the installed `python -m desktop` in a subprocess.

Checks the README's contract: exit 0 done (warnings allowed), 1 errors found or refused with
nothing written, 2 bad usage or an unreadable / non-v1.8 file; `--json` gives one object with a
`findings` list; output is Danish and never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.domain.quarter import Quarter
from desktop.format.writer import document_bytes
from desktop.sampledata import histories, quarter_files
from desktop.store import Store
from helpers import dump

UKODE = "123456"
FIRST, LAST = Quarter(2024, 1), Quarter(2024, 4)
FINDING_KEYS = {"rule", "severity", "cpr", "record", "field", "message", "line"}


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop", *map(str, args)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          encoding="utf-8", timeout=60, cwd=cwd)
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream
        assert "Error:" not in stream and "error:" not in stream, stream
    return proc


def run_json(*args: str | Path) -> tuple[int, dict]:
    proc = run(*args, "--json")
    return proc.returncode, json.loads(proc.stdout)


def clean(ks):
    for k in ks:
        for m in k.moduler:
            for u in m.undervisning:
                u.values["unlekmin"] = "45"
    return ks


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """A year of clean quarter files, and files with an A error, only warnings, an X error."""
    d = tmp_path_factory.mktemp("files")
    paths: dict[str, Path] = {}
    quarters = quarter_files(histories(20, FIRST, LAST, seed=3), UKODE, FIRST, LAST)
    for iperiode, ks in quarters.items():
        paths[iperiode] = d / f"DU_{UKODE}_{iperiode}.xml"
        paths[iperiode].write_bytes(document_bytes(clean(ks)))
    assert set(paths) == {"20241", "20242", "20243", "20244"}

    def other(seed: int, q: Quarter = Quarter(2024, 3)):
        return clean(quarter_files(histories(6, q, q, seed=seed), UKODE, q, q)[q.iperiode])

    ks = other(51)
    u = ks[0].moduler[0].undervisning[0]
    u.values["unfravaer"] = str(int(u["unfagskema"]) + 5)  # A10: more absence than lessons
    paths["a"] = d / "a_fejl.xml"
    paths["a"].write_bytes(document_bytes(ks))

    ks = other(52)
    ks[0].moduler[0].undervisning[0].values["unlekmin"] = "60"  # W5 only
    paths["w"] = d / "advarsler.xml"
    paths["w"].write_bytes(document_bytes(ks))

    ks = other(53)
    ks[1].values["kkoen"] = "X"
    paths["x"] = d / "x_fejl.xml"
    paths["x"].write_bytes(document_bytes(ks))

    paths["html"] = d / "side.xml"
    paths["html"].write_bytes(b"<html><body><p>Log ind</p></body></html>")
    paths["v17"] = d / "gammel.xml"
    paths["v17"].write_bytes(paths["20241"].read_bytes().replace(b"INMindb/v1.8", b"INMindb/v1.7"))
    paths["upper"] = d / "store_bogstaver.xml"
    paths["upper"].write_bytes(re.sub(rb"<(/?)([a-z]+)([\s/>])",
                                      lambda m: b"<" + m[1] + m[2].upper() + m[3],
                                      paths["20242"].read_bytes()))
    return paths


@pytest.fixture(scope="module")
def year_db(files, tmp_path_factory) -> Path:
    """A database with the whole clean year imported through the command line."""
    db = tmp_path_factory.mktemp("db") / "sprogcenter.sqlite"
    proc = run("import", *(files[q] for q in ("20241", "20242", "20243", "20244")), "--db", db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return db


def db_snapshot(db: Path) -> dict[str, bytes | None]:
    snap = {}
    for suffix in ("", "-wal", "-journal"):
        p = db.with_name(db.name + suffix)
        snap[suffix] = p.read_bytes() if p.exists() else None
    return snap


# --- version and usage ------------------------------------------------------------------------

def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert __version__ in proc.stdout and "DU-indberetning" in proc.stdout


def test_help_is_danish():
    proc = run("--help")
    assert proc.returncode == 0
    assert "kommandoer" in proc.stdout and "tilvalg" in proc.stdout


@pytest.mark.parametrize("args", [
    ["export", "--out", "x.xml"],                              # missing --quarter
    ["export", "--quarter", "2024", "--out", "x.xml"],         # bad quarter text
    ["export", "--quarter", "20245", "--out", "x.xml"],        # no fifth quarter
    ["export", "--quarter", "20241", "--out", "x.xml", "--frobnicate"],  # unknown option
    ["validate"],                                              # missing file
    ["validate", "a.xml", "--frobnicate"],
    ["import"],
    ["eksporter"],                                             # unknown command
], ids=["missing-quarter", "quarter-2024", "quarter-20245", "unknown-option", "validate-no-file",
        "validate-unknown-option", "import-no-file", "unknown-command"])
def test_bad_usage_exits_2(args, tmp_path):
    proc = run(*args, "--db", tmp_path / "db.sqlite", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    out = proc.stdout + proc.stderr
    assert out.strip()
    assert re.search(r"Forkert brug|Ugyldigt kvartal|ugyldigt valg", out), out
    assert not (tmp_path / "x.xml").exists()


def test_bad_quarter_with_json_is_json(tmp_path):
    code, out = run_json("export", "--quarter", "2024", "--out", tmp_path / "x.xml",
                         "--db", tmp_path / "db.sqlite")
    assert code == 2
    assert out["status"] == "fejl" and "kvartal" in out["message"] and out["findings"] == []


# --- validate ---------------------------------------------------------------------------------

def test_validate_clean_file(files):
    proc = run("validate", files["20241"])
    assert proc.returncode == 0
    assert "kursister" in proc.stdout and "0 fejl og 0 advarsler" in proc.stdout


def test_validate_clean_file_json(files):
    code, out = run_json("validate", files["20241"])
    assert code == 0
    assert out["status"] == "ok" and out["findings"] == [] and out["kursister"] > 0


def test_validate_a_error_exits_1(files):
    proc = run("validate", files["a"])
    assert proc.returncode == 1
    assert "A10" in proc.stdout and "Fejl" in proc.stdout and "kursister" in proc.stdout
    code, out = run_json("validate", files["a"])
    assert code == 1 and out["status"] == "fejl"
    assert [f["rule"] for f in out["findings"]] == ["A10"]


def test_validate_warnings_only_exits_0(files):
    proc = run("validate", files["w"])
    assert proc.returncode == 0
    assert "Advarsel W5" in proc.stdout and "1 advarsel" in proc.stdout


def test_validate_x_error_exits_1_with_complete_findings(files):
    proc = run("validate", files["x"])
    assert proc.returncode == 1
    assert "Fejl X" in proc.stdout and "Køn" in proc.stdout
    code, out = run_json("validate", files["x"])
    assert code == 1
    assert out["findings"]
    for f in out["findings"]:
        assert FINDING_KEYS <= set(f), f
        assert isinstance(f["line"], int) and f["line"] > 0
        assert f["severity"] in ("error", "warning")
    x = [f for f in out["findings"] if f["rule"] == "X"]
    assert len(x) == 1
    assert x[0]["field"] == "kkoen" and x[0]["record"] == "kursist" and re.fullmatch(r"\d{10}",
                                                                                      x[0]["cpr"])


@pytest.mark.parametrize("key", ["a", "w"])
def test_validate_json_finding_shape(files, key):
    _, out = run_json("validate", files[key])
    assert out["findings"]
    for f in out["findings"]:
        assert FINDING_KEYS <= set(f)
        assert f["cpr"] and f["record"] and f["message"] and isinstance(f["line"], int)


@pytest.mark.parametrize("key", ["html", "v17"])
def test_validate_unreadable_exits_2(files, key):
    proc = run("validate", files[key])
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert re.search(r"\b(ikke|kun)\b", proc.stderr), proc.stderr
    code, out = run_json("validate", files[key])
    assert code == 2 and out["status"] == "fejl" and out["message"] and out["findings"] == []


def test_validate_missing_file_exits_2(tmp_path):
    proc = run("validate", tmp_path / "findes_ikke.xml")
    assert proc.returncode == 2
    assert "findes ikke" in proc.stderr


def test_validate_reports_normalisation(files):
    proc = run("validate", files["upper"])
    assert proc.returncode == 0
    assert "Normaliseret" in proc.stdout
    _, out = run_json("validate", files["upper"])
    assert out["normalised"]["case"] > 0


# --- import -----------------------------------------------------------------------------------

def test_import_clean_file(files, tmp_path):
    db = tmp_path / "db.sqlite"
    proc = run("import", files["20241"], "--db", db)
    assert proc.returncode == 0
    assert "Indlæst" in proc.stdout and "kursister" in proc.stdout
    code, out = run_json("import", files["20242"], "--db", db)
    assert code == 0 and out["status"] == "ok"
    counts = out["counts"]
    assert counts["kursister"] > 0 and counts["modul"] > 0 and counts["undervisning"] > 0
    assert set(counts) <= {"kursister", "henvisning", "modul", "undervisning", "proeve"}


def test_import_with_warnings_and_a_errors_is_stored(files, tmp_path):
    proc = run("import", files["w"], files["a"], "--db", tmp_path / "db.sqlite")
    assert proc.returncode == 0
    assert "Indlæst for udbyderkode 123456: 12 kursister" in proc.stdout


def test_import_x_error_changes_nothing(files, tmp_path):
    db = tmp_path / "db.sqlite"
    assert run("import", files["20241"], "--db", db).returncode == 0
    assert db.exists()
    before = db_snapshot(db)

    proc = run("import", files["x"], "--db", db)
    assert proc.returncode == 1
    assert "Afvist" in proc.stdout and "Intet er indlæst" in proc.stdout
    assert db_snapshot(db) == before

    code, out = run_json("import", files["20242"], files["x"], "--db", db)
    assert code == 1 and out["status"] == "afvist"
    assert [f["field"] for f in out["findings"] if f["rule"] == "X"] == ["kkoen"]
    assert db_snapshot(db) == before


def test_import_unreadable_among_good_changes_nothing(files, tmp_path):
    db = tmp_path / "db.sqlite"
    assert run("import", files["20241"], "--db", db).returncode == 0
    before = db_snapshot(db)
    proc = run("import", files["20242"], files["html"], "--db", db)
    assert proc.returncode == 2
    assert "ikke" in proc.stderr
    assert db_snapshot(db) == before


def test_import_normalised_file(files, tmp_path):
    proc = run("import", files["upper"], "--db", tmp_path / "db.sqlite")
    assert proc.returncode == 0
    assert "Normaliseret" in proc.stdout and "Indlæst" in proc.stdout


# --- export -----------------------------------------------------------------------------------

def test_export_writes_a_file_validate_accepts(year_db, files, tmp_path):
    out = tmp_path / f"DU_{UKODE}_20244.xml"
    proc = run("export", "--quarter", "20244", "--out", out, "--db", year_db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Skrevet" in proc.stdout and "kursister" in proc.stdout
    assert out.exists()
    assert out.read_bytes().startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    code, report = run_json("validate", out)
    assert code == 0 and report["findings"] == []
    _, original = run_json("validate", files["20244"])
    assert report["kursister"] == original["kursister"]


def test_export_json(year_db, tmp_path):
    out = tmp_path / "q2.xml"
    code, result = run_json("export", "--quarter", "20242", "--out", out, "--db", year_db)
    assert code == 0
    assert result["status"] == "ok" and Path(result["file"]) == out and result["kursister"] > 0
    assert result["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()


def test_export_one_kursist(year_db, files, tmp_path):
    cpr = re.search(rb"<kcprnr>(\d{10})</kcprnr>", files["20243"].read_bytes())[1].decode()
    out = tmp_path / f"DU_{UKODE}_20243_{cpr}.xml"
    proc = run("export", "--quarter", "20243", "--out", out, "--cpr", cpr, "--db", year_db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(1 kursist," in proc.stdout
    code, report = run_json("validate", out)
    assert code == 0 and report["kursister"] == 1
    assert re.findall(rb"<kcprnr>(\d+)</kcprnr>", out.read_bytes()) == [cpr.encode()]


def test_export_unknown_cpr_exits_1(year_db, tmp_path):
    out = tmp_path / "x.xml"
    proc = run("export", "--quarter", "20243", "--out", out, "--cpr", "0101010000", "--db", year_db)
    assert proc.returncode == 1
    assert "Afvist" in proc.stdout and not out.exists()


def test_export_empty_quarter_exits_1(year_db, tmp_path):
    out = tmp_path / "tom.xml"
    proc = run("export", "--quarter", "20251", "--out", out, "--db", year_db)
    assert proc.returncode == 1
    assert "Afvist" in proc.stdout and "intet at indberette" in proc.stdout
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_export_with_a_errors_refuses_unless_forced(files, tmp_path):
    db = tmp_path / "db.sqlite"
    assert run("import", files["a"], "--db", db).returncode == 0
    outdir = tmp_path / "ud"
    outdir.mkdir()
    out = outdir / "DU_123456_20243.xml"

    proc = run("export", "--quarter", "20243", "--out", out, "--db", db)
    assert proc.returncode == 1
    assert "Afvist" in proc.stdout and "--force" in proc.stdout and "A10" in proc.stdout
    assert list(outdir.iterdir()) == []  # nothing written, no temporary file left

    code, result = run_json("export", "--quarter", "20243", "--out", out, "--db", db)
    assert code == 1 and result["status"] == "afvist" and result["file"] is None
    assert [f["rule"] for f in result["findings"]] == ["A10"]
    assert list(outdir.iterdir()) == []

    proc = run("export", "--quarter", "20243", "--out", out, "--db", db, "--force")
    assert proc.returncode == 0
    assert "Skrevet" in proc.stdout and "1 fejl" in proc.stdout
    assert list(outdir.iterdir()) == [out]
    proc = run("validate", out)  # written as it is: the A error is still there
    assert proc.returncode == 1 and "A10" in proc.stdout


def test_export_existing_report_is_replaced(year_db, tmp_path):
    out = tmp_path / "q1.xml"
    out.write_text("<?xml version='1.0'?><document><gammel/></document>")
    assert run("export", "--quarter", "20241", "--out", out, "--db", year_db).returncode == 0
    assert run("validate", out).returncode == 0


@pytest.mark.parametrize("where", ["missing-folder", "folder"])
def test_export_to_a_bad_place_exits_2(year_db, tmp_path, where):
    out = tmp_path / "findes_ikke" / "x.xml" if where == "missing-folder" else tmp_path
    proc = run("export", "--quarter", "20241", "--out", out, "--db", year_db)
    assert proc.returncode == 2
    assert "Kan ikke skrive" in proc.stderr
    assert not (tmp_path / "findes_ikke").exists()


def test_export_changes_nothing_but_the_export_log(year_db, tmp_path):
    copy = tmp_path / "kopi.sqlite"
    shutil.copy(year_db, copy)
    with Store(copy) as store:
        before = dump(store)
    out = tmp_path / "q.xml"
    assert run("export", "--quarter", "20242", "--out", out, "--db", copy).returncode == 0
    with Store(copy) as store:
        after = dump(store)
        logged = store.conn.execute("SELECT iperiode, kcprnr, filnavn FROM eksport "
                                    "ORDER BY id DESC LIMIT 1").fetchall()
    changed = [(b[0], len(a[1]) - len(b[1])) for b, a in zip(before, after) if a != b]
    assert changed == [("eksport", 1)] and len(after) == len(before)
    assert logged == [("20242", None, str(out.resolve()))]
