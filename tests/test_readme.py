"""README as a newcomer reads it (issue 12): English first, then the two commands as its
first code blocks (`.ci/run` runs the second), `--demo`, the glossary; and the command-line
tour runs, in order, on the command line's own demo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(text: str) -> list[str]:
    return re.findall(r"^```\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def test_readme_opens_in_english_then_the_two_commands_then_the_demo_and_the_words():
    intro = README[:README.index("```")]
    assert "language schools" in intro and "v1.8" in intro and "ministry" in intro
    first, second = code_blocks(README)[:2]
    assert first.strip().endswith(".venv/bin/du-indberetning")
    assert second.strip() == ("python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' "
                              "&& .venv/bin/python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")  # the same, with ruff between
    install, test = second.strip().rsplit(" && ", 1)
    assert install in ci and test in ci
    after = README[README.index(second) + len(second):]
    assert after.index("--demo") < after.index("Words you will meet")
    for word in ("kursist", "udbyderkode", "henvisning", "iperiode", "hold", "finding X",
                 "finding A", "finding B, W"):
        assert f"| {word} |" in README, word


def test_the_command_line_tour_runs_in_order_on_the_demo(tmp_path):
    tour = next(b for b in code_blocks(README) if b.startswith("du-indberetning demo"))
    lines = [line.split("#")[0].strip() for line in tour.splitlines() if line.strip()]
    assert lines[0].startswith("du-indberetning demo")
    assert all(" --db " in line for line in lines if line.startswith("du-indberetning export"))
    script = "set -e\n" + f'du-indberetning() {{ "{sys.executable}" -m desktop "$@"; }}\n' + \
        "\n".join(lines) + "\n"
    env = {**os.environ, "DU_INDBERETNING_BACKUP_DIR": str(tmp_path / "kopier")}
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env=env, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    demo = tmp_path / "demo"
    written = re.findall(r"^Skrevet: (\S+)", proc.stdout, flags=re.MULTILINE)
    assert len(written) == 2, proc.stdout
    for name in written:
        assert (demo / name).is_file()
        check = subprocess.run([sys.executable, "-m", "desktop", "validate", demo / name],
                               capture_output=True, text=True, timeout=60)
        assert check.returncode == 0, check.stdout
    assert "(1 kursist, " in proc.stdout
