"""Render the Inno Setup script from its template, with the package's version.

    python installer/render_iss.py [--out FILE] [--compile]

Writes build/windows/du-indberetning.iss (UTF-8 with BOM and CRLF, as Inno Setup reads Danish
letters only from a UTF-8 file with a BOM). Its paths are relative to the repository, so it
compiles after `python installer/build.py` has left the app in dist/du-indberetning/:

    iscc build\\windows\\du-indberetning.iss      ->  dist\\DU-indberetning-<version>-setup.exe

--compile runs ISCC itself when Inno Setup 6 is installed (Windows only). installer/build.py
renders the script on every platform, and compiles it on Windows when ISCC is found.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout import DIST, EXE_NAME, ISS_OUT, ISS_TEMPLATE, ROOT  # noqa: E402

sys.path.insert(0, str(ROOT))
from desktop import APP_NAME, __version__  # noqa: E402

PLACEHOLDER = re.compile(r"@[A-Z_]+@")


def numeric_version(version: str) -> str:
    """Windows wants four numbers: 0.1.0 -> 0.1.0.0, 1.2rc1 -> 1.2.0.0."""
    release = re.match(r"\d+(\.\d+)*", version)
    numbers = release.group(0).split(".") if release else []
    return ".".join((numbers + ["0"] * 4)[:4])


def source_dir(out_dir: Path) -> str:
    """The repository, relative to the rendered script (Inno resolves SourceDir so)."""
    try:
        rel = os.path.relpath(ROOT, out_dir)
    except ValueError:  # another drive on Windows
        rel = str(ROOT)
    return rel.replace("/", "\\")


def values(out: Path) -> dict[str, str]:
    return {
        "APP_NAME": APP_NAME,
        "VERSION": __version__,
        "VERSION_NUMERIC": numeric_version(__version__),
        "EXE_NAME": EXE_NAME,
        # platformdirs.user_data_path(APP_NAME, appauthor=False) is %LOCALAPPDATA%\<APP_NAME>
        # on Windows (desktop/config.py).
        "DATA_DIR": APP_NAME,
        "SOURCE_DIR": source_dir(out.resolve().parent),
    }


def render_text(out: Path = ISS_OUT) -> str:
    text = ISS_TEMPLATE.read_text(encoding="utf-8")
    for key, value in values(out).items():
        text = text.replace(f"@{key}@", value)
    left = sorted(set(PLACEHOLDER.findall(text)))
    if left:
        raise ValueError(f"{ISS_TEMPLATE.name}: no value for {', '.join(left)}")
    return text


def render(out: Path = ISS_OUT) -> Path:
    text = render_text(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8-sig", newline="\r\n") as f:
        f.write(text)
    return out


def find_iscc() -> str | None:
    found = shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")):
        if base and Path(base, "Inno Setup 6", "ISCC.exe").is_file():
            return str(Path(base, "Inno Setup 6", "ISCC.exe"))
    return None


def compile_iss(script: Path) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise FileNotFoundError("ISCC.exe not found: install Inno Setup 6 (jrsoftware.org)")
    subprocess.run([iscc, "/Q", str(script)], check=True)
    return DIST / f"{APP_NAME}-{__version__}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ISS_OUT, help=f"default: {ISS_OUT}")
    p.add_argument("--compile", action="store_true", help="run Inno Setup's ISCC on it")
    args = p.parse_args(argv)
    script = render(args.out)
    print(f"Inno Setup script: {script}")
    if args.compile:
        print(f"Installer: {compile_iss(script)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
