"""`du-indberetning --self-test`: does this installation work on this machine?

It runs the whole path a user takes, on a throwaway database, and says in Danish what it did:
the shipped files, the code lists, the schema, the demo data, an export validated against the
bundled schema, the checks on the demo's typical errors, Qt with its Danish translations, the
main window, and the user guide in its Help window (F1), both shown and closed off screen. Each
step prints its time; the first step that fails ends the test with exit status 1. The same code
runs from source and in the frozen build, where it is the build's proof (installer/build.py).
"""

from __future__ import annotations

import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import APP_NAME, __version__
from desktop.errors import StepFailed
from desktop.resources import guide_path, resource, resources_dir

if TYPE_CHECKING:
    from desktop.store import Store

# The typical errors desktop/demo.py puts in its last quarter: the checks must find them.
DEMO_RULES = {"X", "A3", "A5", "A9", "A10", "A12", "B2"}




@dataclass
class _Run:
    folder: Path
    store: Store | None = None
    exported: Path | None = None


def _seconds(t: float) -> str:
    return f"{t:.2f}".replace(".", ",") + " s"


def _files(run: _Run) -> str:
    wanted = [resource("schema", "du-v1.8.xsd"), resource("translations", "du_indberetning_da.qm")]
    missing = [str(p) for p in wanted if not p.is_file()]
    codes = sorted(resource("codes").glob("*.csv"))
    icons = sorted(resource("icons").glob("du-indberetning-*.png"))
    if not codes:
        missing.append(str(resource("codes", "*.csv")))
    if not icons:
        missing.append(str(resource("icons", "du-indberetning-*.png")))
    if missing:
        raise StepFailed("mangler " + ", ".join(missing))
    return (f"skema, {len(codes)} kodelister, oversættelse og {len(icons)} ikoner "
            f"i {resources_dir()}")


def _code_lists(run: _Run) -> str:
    from desktop.domain.codes import code_list
    names = [p.stem for p in sorted(resource("codes").glob("*.csv")) if p.stem != "nationer_ekstra"]
    empty = [name for name in names if len(code_list(name)) == 0]
    if empty:
        raise StepFailed("tomme kodelister: " + ", ".join(empty))
    nations = code_list("nationer")
    if nations.label("DNK") != "Danmark":  # pycountry's Danish names are shipped
        raise StepFailed(f"nationskoden DNK hedder »{nations.label('DNK')}«, ikke »Danmark«")
    return f"{len(names)} kodelister og {len(nations)} nationer med danske navne"


def _schema(run: _Run) -> str:
    from desktop.format.schema import SCHEMA_FILE, schema
    schema()
    return f"{SCHEMA_FILE} indlæst og kompileret"


def _database(run: _Run) -> str:
    from desktop.store import Store
    run.store = Store(run.folder / "selvtest.sqlite")
    return f"midlertidig database oprettet (version {run.store.version})"


def _demo(run: _Run) -> str:
    from desktop.demo import build_demo
    build_demo(run.store)
    kursister = run.store.conn.execute("SELECT COUNT(*) FROM kursist").fetchone()[0]
    if kursister == 0:
        raise StepFailed("demodata gav ingen kursister")
    return f"{kursister} kursister i to kvartaler indlæst"


def _export(run: _Run) -> str:
    from desktop.checks.findings import summarize
    from desktop.demo import DEMO_UKODE, FIRST
    from desktop.operations import export_quarter
    out = run.folder / f"DU_{DEMO_UKODE}_{FIRST.iperiode}.xml"
    result = export_quarter(run.store, FIRST.iperiode, out)  # the quarter without demo errors
    if not result.written:
        raise StepFailed(f"{FIRST} blev ikke eksporteret: {result.refusal}")
    run.exported = out
    s = summarize(result.findings)
    return (f"{FIRST}: {result.kursister} kursister, {s['errors']} fejl og {s['warnings']} "
            f"advarsler, {out.name} ({out.stat().st_size // 1024} kB)")


def _validate(run: _Run) -> str:
    from desktop.checks.findings import summarize
    from desktop.format.writer import SchemaRejected, validate_bytes
    from desktop.operations import validate_file
    try:
        validate_bytes(run.exported.read_bytes())
    except SchemaRejected as exc:
        raise StepFailed(f"{run.exported.name} består ikke skemakontrollen: {exc}") from exc
    check = validate_file(run.exported)
    s = summarize(check.findings)
    if s["errors"]:
        raise StepFailed(f"{run.exported.name} har {s['errors']} fejl ved genindlæsning")
    return (f"{run.exported.name} består skemaet og alle kontroller "
            f"({len(check.parsed.kursister)} kursister, {s['warnings']} advarsler)")


def _checks(run: _Run) -> str:
    from desktop.demo import LAST
    from desktop.operations import export_quarter
    out = run.folder / "skal-afvises.xml"
    result = export_quarter(run.store, LAST.iperiode, out, force=True)
    found = {f.rule for f in result.findings}
    if result.written or out.exists():
        raise StepFailed(f"{LAST} blev eksporteret trods en fejl af type X")
    if not DEMO_RULES <= found:
        raise StepFailed("kontrollerne fandt ikke " + ", ".join(sorted(DEMO_RULES - found)))
    return f"{LAST} afvist som ventet; fandt {', '.join(sorted(DEMO_RULES))}"


def _qt(run: _Run) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window on the user's screen
    try:
        from desktop.ui.selfcheck import start_qt
    except ImportError as exc:  # Qt's system libraries missing on this machine
        raise StepFailed(f"Qt kan ikke indlæses: {exc}") from exc
    return start_qt()


def _translations(run: _Run) -> str:
    from desktop.ui.selfcheck import check_translations
    return check_translations()


def _window(run: _Run) -> str:
    from desktop.ui.selfcheck import show_and_close_main_window
    return show_and_close_main_window(run.store)


def _guide(run: _Run) -> str:
    guide = guide_path()
    if not guide.is_file():
        return f"ikke med i denne udgave ({guide} findes ikke)"
    text = guide.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)", text)
    missing = [i for i in images if not (guide.parent / i).is_file()]
    if missing:
        raise StepFailed(f"{guide.name} viser billeder, der mangler: " + ", ".join(missing))
    from desktop.ui.selfcheck import show_and_close_guide
    size = max(1, round(guide.stat().st_size / 1024))
    return f"{guide.name} ({size} kB) " + show_and_close_guide(guide)


STEPS: list[tuple[str, Callable[[_Run], str]]] = [
    ("Programfiler", _files),
    ("Kodelister", _code_lists),
    ("Skema", _schema),
    ("Database", _database),
    ("Demodata", _demo),
    ("Eksport", _export),
    ("Skemakontrol", _validate),
    ("Kontroller", _checks),
    ("Qt", _qt),
    ("Oversættelser", _translations),
    ("Hovedvindue", _window),
    ("Brugervejledning", _guide),
]


def run_self_test(out=None) -> int:
    out = out or sys.stdout
    frozen = "frossen udgave" if getattr(sys, "frozen", False) else "fra kildekoden"
    print(f"{APP_NAME} {__version__}: selvtest ({frozen}, {platform.system()}, "
          f"Python {platform.python_version()})", file=out, flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="du-selvtest-") as folder:
        run = _Run(Path(folder))
        try:
            for name, step in STEPS:
                t = time.perf_counter()
                try:
                    detail = step(run)
                except Exception as exc:  # noqa: BLE001 - every failure is reported, in Danish
                    reason = str(exc) if isinstance(exc, StepFailed) else \
                        f"uventet fejl: {type(exc).__name__}: {exc}"
                    print(f"  FEJL {_seconds(time.perf_counter() - t):>8}  {name}: {reason}",
                          file=out, flush=True)
                    print(f"Selvtesten fejlede i trinnet »{name}«.", file=out, flush=True)
                    return 1
                print(f"  OK   {_seconds(time.perf_counter() - t):>8}  {name}: {detail}",
                      file=out, flush=True)
        finally:
            if run.store is not None:
                run.store.close()
    print(f"Selvtesten er bestået: {len(STEPS)} trin på "
          f"{_seconds(time.perf_counter() - started)}.", file=out, flush=True)
    return 0
