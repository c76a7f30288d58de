"""docs/format.md is the project's own description of the format and its checks: every rule the
code emits has a row there that names its source, and no project file points outside the
repository (a clone has only the repository; the seeds are named by file name only)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMAT = ROOT / "docs" / "format.md"


def rule_rows() -> dict[str, list[str]]:
    rows = {}
    for line in FORMAT.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and (m := re.fullmatch(r"\**([XABW]\d*)\**", cells[0])):
            rows[m[1]] = cells
    return rows


def emitted_rules() -> set[str]:
    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "desktop" / "checks").glob("*.py"))
    return set(re.findall(r'emit\(\s*"([ABW]\d+)"', code)) | {"X"}


def test_every_rule_the_checks_emit_has_a_row_with_its_source():
    rows = rule_rows()
    assert emitted_rules() <= set(rows), emitted_rules() - set(rows)
    for rule, cells in rows.items():
        what, source = cells[1], cells[2]
        added = what.startswith("*added:*")
        assert added == rule.startswith("W"), rule  # the rules the app adds say so
        assert "004" in source or (added and source.startswith("—")), (rule, source)


def test_every_citation_names_a_page():
    text = " ".join(FORMAT.read_text(encoding="utf-8").split())
    for cite in re.findall(r"004, ([^;)|]+)", text):
        assert re.match(r"(Side|2004-notatet s\.|rapport s\.) (\d|N\b)", cite), cite


def test_no_project_file_refers_outside_the_repository():
    try:
        tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # no git, or an unpacked source archive
        skip = {".git", ".venv", "build", "dist", ".cache", "__pycache__", ".hypothesis"}
        tracked = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                   if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    pattern = re.compile(r"\.\./shared|shared/(SPEC|CRAFT|seeds)|\bSPEC\.md\b|\bCRAFT\.md\b|"
                         r"\bSPEC §")
    offenders = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in (".png", ".ico", ".icns", ".qm", ".sqlite") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{name}:{i}" for i, line in enumerate(text.splitlines(), 1)
                      if pattern.search(line)]
    assert offenders == []


def test_every_docs_page_the_project_names_exists():
    """A page merged into another (docs/rules.md into docs/format.md) leaves no link behind."""
    named = set()
    for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        named |= set(re.findall(r"docs/([\w-]+\.md)", path.read_text(encoding="utf-8")))
    assert named and all((ROOT / "docs" / name).is_file() for name in named), named
