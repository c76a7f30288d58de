"""Refresh the Danish translation of the UI: lupdate, then lrelease.

    .venv/bin/python tools/update_translations.py

1. pyside6-lupdate collects every tr()/translate() source text in desktop/ui/*.py into
   resources/translations/du_indberetning_da.ts (new texts come in as unfinished; obsolete
   ones are dropped).
2. Fill in the new Danish texts, e.g. with pyside6-linguist on that file.
3. Run this script again: pyside6-lrelease compiles the .ts into du_indberetning_da.qm,
   which desktop.ui.app.install_danish loads. Commit both files.

Without the .qm the app shows the English source texts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "du_indberetning_da.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)  # the venv's own, if run with its python
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 (pip install pyside6)")
    return found


def main() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-target-language", "da_DK",
                    "-ts", str(TS.relative_to(ROOT))], cwd=ROOT, check=True)
    subprocess.run([tool("pyside6-lrelease"), str(TS.relative_to(ROOT)),
                    "-qm", str(QM.relative_to(ROOT))], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
