"""Build the frozen app and prove that it works, in one command.

    pip install -e '.[build]'
    python installer/build.py [--rounds N]

1. Removes build/ and dist/, then runs PyInstaller on installer/du-indberetning.spec: the app is
   dist/du-indberetning/du-indberetning (on Windows du-indberetning.exe, with
   du-indberetning-cli.exe for the command line; on macOS also dist/DU-indberetning.app).
2. Checks that the bundle holds resources/ and docs/.
3. Renders the Inno Setup script (build/windows/du-indberetning.iss); on Windows it also compiles
   it when Inno Setup 6 is installed.
4. Runs the frozen app's --self-test, prints its report and its time (the first start after the
   build), and the bundle's size.
5. Measures the start to a shown window, frozen against from source, in alternating rounds on the
   same demo database, and prints the medians and their ratio.

Qt runs off screen (QT_QPA_PLATFORM=offscreen) unless QT_QPA_PLATFORM says otherwise. The exit
status is 0 only if every step passed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout import (APP_DIR, BUILD, DIST, IS_WIN, ROOT, SPEC, bundle_dir,  # noqa: E402
                    frozen_program)

sys.path.insert(0, str(ROOT))

PASSED = "Selvtesten er bestået"
RUN_TIMEOUT = 180  # seconds for one start of the app; far above the normal second


class BuildFailed(Exception):
    pass


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def qt_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def pyinstaller() -> float:
    for folder in (BUILD, DIST):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm",
                           "--log-level", "WARN", "--distpath", str(DIST),
                           "--workpath", str(BUILD / "pyinstaller"), str(SPEC)], cwd=ROOT)
    if done.returncode != 0:
        raise BuildFailed(f"PyInstaller exited with status {done.returncode}")
    for program in {frozen_program(console=True), frozen_program(console=False)}:
        if not program.is_file():
            raise BuildFailed(f"PyInstaller left no {program}")
    return time.perf_counter() - started


def check_bundle() -> list[str]:
    """Everything the app finds through desktop/resources.py, and Qt's Danish."""
    bundle = bundle_dir()
    wanted = [Path("resources", "schema", "du-v1.8.xsd"),
              Path("resources", "translations", "du_indberetning_da.qm"),
              Path("resources", "icons", "du-indberetning-256.png")]
    wanted += [p.relative_to(ROOT) for p in sorted((ROOT / "resources" / "codes").glob("*.csv"))]
    wanted += [p.relative_to(ROOT) for p in sorted((ROOT / "docs").glob("*.md"))]
    wanted += [p.relative_to(ROOT) for p in sorted((ROOT / "docs" / "screenshots").glob("*.png"))]
    missing = [str(p) for p in wanted if not (bundle / p).is_file()]
    if not any(bundle.rglob("qtbase_da.qm")):
        missing.append("qtbase_da.qm (Qt's Danish)")
    if missing:
        raise BuildFailed(f"missing from {bundle}: " + ", ".join(missing))
    docs = sorted(p.name for p in (bundle / "docs").glob("*.md"))
    return docs


def bundle_size() -> tuple[float, int]:
    """MiB and number of files in the app's folder (symbolic links not counted)."""
    size = files = 0
    for folder, _, names in os.walk(APP_DIR):
        for name in names:
            st = os.lstat(os.path.join(folder, name))
            if not os.path.islink(os.path.join(folder, name)):
                size += st.st_size
                files += 1
    return size / 2**20, files


def installer_script() -> None:
    from render_iss import compile_iss, find_iscc, render
    script = render()
    print(f"Inno Setup script: {script.relative_to(ROOT)}")
    if IS_WIN and find_iscc():
        print(f"Installer: {compile_iss(script)}")
    elif IS_WIN:
        print("Inno Setup 6 not found; install it, then: iscc " + str(script.relative_to(ROOT)))


def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    try:
        done = subprocess.run(cmd, env=qt_env(), cwd=ROOT, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise BuildFailed(f"{' '.join(cmd)} did not end within {RUN_TIMEOUT} s") from exc
    return time.perf_counter() - started, done


def self_test() -> float:
    seconds, done = timed([str(frozen_program()), "--self-test"])
    for line in done.stdout.splitlines():
        print("  " + line)
    if done.returncode != 0 or PASSED not in done.stdout:
        if done.stderr.strip():
            print(done.stderr, file=sys.stderr)
        raise BuildFailed(f"the frozen self-test failed (exit status {done.returncode})")
    return seconds


def start_times(rounds: int) -> dict[str, list[float]]:
    """Wall time from spawn to exit of `--quit-when-shown` (the window shown, then closed),
    frozen and from source, alternating which goes first, on one demo database."""
    from desktop.demo import build_demo
    from desktop.store import Store
    folder = Path(tempfile.mkdtemp(prefix="du-start-"))
    try:
        db = folder / "demo.sqlite"
        with Store(db) as store:
            build_demo(store)
        commands = {"frozen": [str(frozen_program(console=False))],
                    "source": [sys.executable, "-m", "desktop"]}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(rounds):
            order = list(commands) if i % 2 == 0 else list(reversed(commands))
            for name in order:
                seconds, done = timed(commands[name] + ["--db", str(db), "--quit-when-shown"])
                if done.returncode != 0:
                    raise BuildFailed(f"{name} start failed (exit status {done.returncode}): "
                                      f"{done.stderr.strip()[-500:]}")
                times[name].append(seconds)
        return times
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the frozen app, self-test it, time it.")
    p.add_argument("--rounds", type=int, default=5, help="start-time rounds (default 5)")
    args = p.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("PyInstaller is missing: pip install -e '.[build]'", file=sys.stderr)
        return 2
    total = time.perf_counter()
    try:
        step(f"PyInstaller: {SPEC.relative_to(ROOT)} -> {APP_DIR.relative_to(ROOT)}")
        build_seconds = pyinstaller()
        docs = check_bundle()
        print(f"Built in {build_seconds:.1f} s; bundle has resources/ and docs/ "
              f"({', '.join(docs) or 'no guide yet'})")
        step("Windows installer script")
        installer_script()
        step(f"Frozen self-test: {frozen_program().relative_to(ROOT)} --self-test")
        self_test_seconds = self_test()
        step(f"Start to a shown window, {args.rounds} rounds, frozen and source alternating")
        times = start_times(args.rounds)
    except BuildFailed as exc:
        print(f"\nbuild.py: FAILED: {exc}", file=sys.stderr)
        return 1
    size, files = bundle_size()
    frozen, source = (statistics.median(times[k]) for k in ("frozen", "source"))
    for name in times:
        print(f"  {name}: " + " ".join(f"{t:.2f}" for t in times[name]) + " s")
    step("Summary")
    print(f"Bundle: {APP_DIR.relative_to(ROOT)}: {size:.1f} MiB in {files} files")
    print(f"Frozen self-test, first start after the build: {self_test_seconds:.2f} s (passed)")
    print(f"Start to a shown window (median of {args.rounds}, "
          f"platform {qt_env()['QT_QPA_PLATFORM']}): frozen {frozen:.2f} s, "
          f"source {source:.2f} s, frozen/source {frozen / source:.2f}")
    print(f"build.py took {time.perf_counter() - total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
