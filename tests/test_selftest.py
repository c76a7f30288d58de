"""`--self-test` from source: a real run in a subprocess, and real failures on a broken set of
shipped files (the situation of a frozen build that lost something)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import selftest
from desktop.demo import build_demo
from desktop.selftest import STEPS, StepFailed

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, meipass: Path | None = None, timeout: float = 240):
    """The CLI in a fresh Python, off screen; with `meipass`, as a frozen build whose files
    are there (desktop/resources.py looks in sys._MEIPASS)."""
    code = "import sys; from desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    if meipass is not None:
        code = f"import sys; sys._MEIPASS = {str(meipass)!r}; " + code
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout, cwd=ROOT)


def shipped_copy(tmp_path: Path) -> Path:
    """A copy of what a build ships beside the code: resources/ and docs/."""
    root = tmp_path / "bundle"
    shutil.copytree(ROOT / "resources", root / "resources")
    shutil.copytree(ROOT / "docs", root / "docs")
    return root


def test_the_self_test_passes_from_source_and_reports_every_step():
    done = run_cli("--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("DU-indberetning ") and "fra kildekoden" in lines[0]
    for name, _ in STEPS:
        step = [line for line in lines if f"  {name}: " in line]
        assert len(step) == 1 and step[0].lstrip().startswith("OK"), (name, done.stdout)
        assert " s  " in step[0]  # each step with its time
    assert "består skemaet" in done.stdout
    assert "afvist som ventet" in done.stdout
    assert "»Students« → »Kursister«" in done.stdout
    assert "brugervejledning.md" in done.stdout and "vist i hjælpevinduet (F1)" in done.stdout
    assert lines[-1].startswith(f"Selvtesten er bestået: {len(STEPS)} trin på ")
    assert "Traceback" not in done.stderr


def test_a_missing_schema_fails_the_first_step_in_danish(tmp_path):
    root = shipped_copy(tmp_path)
    (root / "resources" / "schema" / "du-v1.8.xsd").unlink()
    done = run_cli("--self-test", meipass=root)
    assert done.returncode == 1
    assert "FEJL" in done.stdout and "Programfiler: mangler" in done.stdout
    assert "du-v1.8.xsd" in done.stdout
    assert done.stdout.rstrip().endswith("Selvtesten fejlede i trinnet »Programfiler«.")
    assert "Traceback" not in done.stderr


def test_a_translation_that_does_not_translate_fails_in_danish(tmp_path):
    """A stale or wrong .qm loads fine; the self-test notices that the window would speak
    English."""
    root = shipped_copy(tmp_path)
    qm = root / "resources" / "translations" / "du_indberetning_da.qm"
    from PySide6.QtCore import QLibraryInfo
    qtbase = Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath)) / "qtbase_da.qm"
    if not qtbase.is_file():
        pytest.skip("PySide6 ships no qtbase_da.qm here")
    shutil.copy(qtbase, qm)  # a valid .qm, but not ours
    done = run_cli("--self-test", meipass=root)
    assert done.returncode == 1
    assert ("Oversættelser: »Students« blev til »Students«, ventede »Kursister«"
            in done.stdout)
    assert "Selvtesten fejlede i trinnet »Oversættelser«." in done.stdout


def test_the_guide_is_reported_either_way(tmp_path, monkeypatch, qapp):
    root = tmp_path / "bundle"
    (root / "docs" / "screenshots").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    run = selftest._Run(tmp_path)
    assert "ikke med i denne udgave" in selftest._guide(run)

    guide = root / "docs" / "brugervejledning.md"
    guide.write_text("# Brugervejledning\n\n## Vinduet\n\n![Vinduet](screenshots/main-window.png)\n"
                     "\n## Eksport\n\n![Eksport](screenshots/export-dialog.png)\n",
                     encoding="utf-8")
    shots = ROOT / "docs" / "screenshots"
    shutil.copy(shots / "main-window.png", root / "docs" / "screenshots")
    with pytest.raises(StepFailed, match="screenshots/export-dialog.png"):
        selftest._guide(run)

    (root / "docs" / "screenshots" / "export-dialog.png").write_bytes(b"not a picture")
    with pytest.raises(StepFailed, match="hjælpevinduet kan ikke vise screenshots/export-dialog"):
        selftest._guide(run)

    shutil.copy(shots / "export-dialog.png", root / "docs" / "screenshots")
    assert "vist i hjælpevinduet (F1) med 3 afsnit og 2 billeder" in selftest._guide(run)


def test_the_checks_step_fails_when_the_demo_errors_go_unnoticed(tmp_path, store):
    """The step compares against the demo's typical errors; a quarter without them fails."""
    build_demo(store)
    run = selftest._Run(tmp_path, store=store)
    assert "afvist som ventet" in selftest._checks(run)
    with store.transaction() as c:  # fill the field the demo left empty: no X finding any more
        c.execute("UPDATE undervisning SET unlekmin = '45' WHERE unlekmin IS NULL")
    with pytest.raises(StepFailed):
        selftest._checks(run)


def test_help_offers_the_self_test_but_not_the_timing_flag():
    done = run_cli("--help")
    assert done.returncode == 0
    assert "--self-test" in done.stdout
    assert "--quit-when-shown" not in done.stdout


def test_quit_when_shown_starts_the_window_and_ends_by_itself(tmp_path):
    from desktop.store import Store
    db = tmp_path / "demo.sqlite"
    with Store(db) as store:
        build_demo(store)
    done = run_cli("--db", str(db), "--quit-when-shown", timeout=120)
    assert done.returncode == 0, done.stderr
