"""The command line: `du-indberetning`, also `python -m desktop`.

Exit status: 0 done (warnings allowed); 1 errors found or refused (nothing written);
2 bad usage, or a file that is unreadable or not v1.8. Output is short and Danish, and never
fails because of the terminal: JSON is ASCII with escapes, text falls back to replacement
characters, and a reader that stops reading (`| head`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop import APP_NAME, __version__, logs
from desktop.checks.findings import Finding, summarize
from desktop.config import default_db_path
from desktop.domain.quarter import Quarter
from desktop.errors import os_reason
from desktop.operations import (UnreadableFile, UsageError, export_quarter, import_files,
                                left_out_text, validate_file)
from desktop.store import Store, StoreError
from desktop.store.browse import ukoder

TEXT_LIMIT = 100  # findings printed in text mode; --json gives them all

# argparse's own texts (it looks them up through its module's `_` each time it needs one).
_ARGPARSE_DA = {
    "usage: ": "brug: ",
    "show this help message and exit": "vis denne hjælp, og afslut",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "forventede en værdi",
    "expected at least one argument": "forventede mindst én værdi",
    "expected at most one argument": "forventede højst én værdi",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydigt tilvalg: %(option)s kan være %(matches)s",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "ignored explicit argument %r": "ignorerede værdien %r",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "subcommands": "kommandoer",
}


def _danish(text: str) -> str:
    return _ARGPARSE_DA.get(text, text)


def _danish_n(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "forventede %s værdi" if n == 1 else "forventede %s værdier"
    return singular if n == 1 else plural


argparse._ = _danish
argparse.ngettext = _danish_n


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # Danish, no traceback, exit 2
        self.exit(2, f"Forkert brug: {message}\nSe '{self.prog} --help'.\n")


def n_of(n: int, one: str, many: str) -> str:
    """"1 kursist", "2 kursister": a count with its noun in the right number."""
    return f"{n} {one if n == 1 else many}"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="du-indberetning",
                description="Kvartalsindberetning af danskuddannelse, format v1.8.")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                   help="vis programmets version")
    p.add_argument("--db", type=Path, metavar="FIL",
                   help="databasefil (standard: i brugerens datamappe)")
    p.add_argument("--demo", action="store_true", help="åbn en demodatabase med eksempeldata")
    p.add_argument("--self-test", action="store_true",
                   help="kontrollér at programmet virker på denne maskine, og afslut")
    # For measuring start-up (installer/build.py): start as usual, quit once the window shows.
    p.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO",
                           parser_class=_Parser)

    v = sub.add_parser("validate", help="kør alle kontroller på en v1.8-fil")
    v.add_argument("file", type=Path, metavar="FIL")
    v.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    i = sub.add_parser("import", help="indlæs en eller flere v1.8-filer i databasen")
    i.add_argument("files", type=Path, nargs="+", metavar="FIL")
    i.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="FIL",
                   help="databasefil")
    i.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    e = sub.add_parser("export", help="dan kvartalets indberetningsfil")
    e.add_argument("--quarter", required=True, metavar="ÅÅÅÅK", help="kvartalet, fx 20241")
    e.add_argument("--out", required=True, type=Path, metavar="FIL", help="filen der skrives")
    e.add_argument("--ukode", help="udbyderkode, hvis databasen har flere")
    e.add_argument("--cpr", help="kun denne kursist: en fil til genindberetning af én kursist "
                   "(arbejdsgruppens Anbefaling 7), til modtagere der tager imod det; ellers "
                   "uploades hele kvartalet igen")
    e.add_argument("--force", action="store_true", help="eksportér trods fejl af type A")
    e.add_argument("--leave-out-invalid-cpr", action="store_true",
                   help="udelad kursister, hvis CPR-nummer ikke består modulus 11-kontrollen "
                   "(A1), som 2004-notatet foreskriver, og nævn hvem")
    e.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="FIL",
                   help="databasefil")
    e.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    d = sub.add_parser("demo", help="skriv en demodatabase og dens kvartalsfiler i en mappe")
    d.add_argument("folder", type=Path, metavar="MAPPE")
    for sp in (v, i, e, d):
        sp._optionals.title = "tilvalg"
        sp._positionals.title = "argumenter"
    return p


class _Quiet(Exception):
    """The reader of the output went away (`| head`): stop printing, without a word."""


def say(text: str = "", err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        print(text, file=stream, flush=True)
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        raise _Quiet from None


def say_json(obj: dict) -> None:
    say(json.dumps(obj, ensure_ascii=True))


def _safe_streams() -> None:
    """Print whatever the terminal's encoding (ascii, cp850, cp1252): what it cannot show
    becomes a replacement character instead of an error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    try:
        args = _parser().parse_args(argv)
    except _Quiet:
        return 0
    logs.setup()
    try:
        if args.self_test:
            from desktop.display import display_problem
            problem = display_problem(os.environ.get("QT_QPA_PLATFORM") or "offscreen")
            if problem:
                say(problem, err=True)
                return 2
            from desktop.selftest import run_self_test
            return run_self_test()
        if args.command == "validate":
            return _validate(args)
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _export(args)
        if args.command == "demo":
            return _demo(args)
        return _gui(args)
    except _Quiet:
        return 0
    except (UnreadableFile, UsageError) as exc:
        return _fail(args, str(exc), 2)
    except StoreError as exc:
        return _fail(args, str(exc), exc.status)
    except OSError as exc:  # e.g. --out in a folder that does not exist
        name = Path(exc.filename).name if exc.filename else "filen"
        return _fail(args, f"{name} kan ikke skrives eller læses: {os_reason(exc)}.", 2)
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: the traceback goes to the log, the user gets Danish
        path = logs.unexpected(sys.exc_info(), f"kommandoen {args.command or 'start'}")
        return _fail(args, "Programfejl: kommandoen stoppede uventet. Se efter, om filen eller "
                     "databasen er ændret, før du prøver igen. "
                     f"Detaljerne står i logfilen {path}.", 2)


def _fail(args, message: str, status: int) -> int:
    try:
        if getattr(args, "json", False):
            say_json({"status": "fejl", "message": message, "findings": []})
        else:
            say(message, err=True)
    except _Quiet:
        pass
    return status


def _open_store(args, create: bool = True) -> Store:
    store = Store(args.db or default_db_path(), create=create, auto_backups=True)
    for warning in store.warnings:
        say(f"Advarsel: {warning}", err=True)
    return store


def _print_findings(findings: list[Finding]) -> None:
    for f in findings[:TEXT_LIMIT]:
        say("  " + f.as_text())
    if len(findings) > TEXT_LIMIT:
        say(f"  … og {len(findings) - TEXT_LIMIT} flere (brug --json for alle).")


def _counts_text(findings: list[Finding]) -> str:
    s = summarize(findings)
    return f"{s['errors']} fejl og {n_of(s['warnings'], 'advarsel', 'advarsler')}"


def _validate(args) -> int:
    check = validate_file(args.file)
    errors = any(f.is_error for f in check.findings)
    n = len(check.parsed.kursister)
    if args.json:
        say_json({"status": "fejl" if errors else "ok", "file": str(args.file),
                  "kursister": n, "normalised": check.parsed.normalised,
                  "findings": [f.as_json() for f in check.findings]})
    else:
        say(f"{args.file.name}: {n_of(n, 'kursist', 'kursister')}, "
            f"{_counts_text(check.findings)}.")
        for note in check.parsed.normalised_text():
            say(f"  Normaliseret: {note}.")
        _print_findings(check.findings)
    return 1 if errors else 0


def _import(args) -> int:
    db = args.db or default_db_path()
    new = not db.exists()
    store = _open_store(args)
    stored = False
    try:
        # The store's udbyderkode: the one chosen in Indstillinger, else those it holds.
        chosen = store.setting("ukode")
        known = {chosen} if chosen else set(ukoder(store.conn))
        result = import_files(store, args.files)
        stored = result.stored
    finally:
        store.close()
        if new and not stored:  # a refused import leaves no database it would have created
            for side in ("", "-wal", "-shm", "-journal"):
                db.with_name(db.name + side).unlink(missing_ok=True)
    counts = dict(result.counts)
    other = [u for u in result.ukoder if known and u not in known]
    if args.json:
        say_json({"status": "ok" if result.stored else "afvist", "counts": counts,
                  "ukoder": result.ukoder,
                  "duplicates": [str(p) for p in result.duplicates],
                  "replaced": {str(p): n for p, n in result.replaced.items()},
                  "backup_problem": result.backup_problem,
                  "normalised": {str(c.path): c.parsed.normalised for c in result.checks},
                  "findings": [f.as_json() for f in result.findings]})
        return 0 if result.stored else 1
    for path in result.duplicates:
        say(f"{path.name} er angivet mere end én gang; den er læst og indlæst én gang.")
    for check in result.checks:
        n = len(check.parsed.kursister)
        say(f"{check.path.name}: {n_of(n, 'kursist', 'kursister')}, "
            f"{_counts_text(check.findings)}.")
        for note in check.parsed.normalised_text():
            say(f"  Normaliseret: {note}.")
        _print_findings(check.findings)
    if result.backup_problem:
        say(f"Advarsel: {result.backup_problem}", err=True)
    if not result.stored:
        say("Afvist: der er fejl, som ville få filen afvist ved upload (type X). "
            "Intet er indlæst.")
        return 1
    for check in result.checks:
        replaced = result.replaced.get(check.path, 0)
        if replaced:
            quarter = Quarter.parse(check.parsed.kursister[0]["iperiode"])
            say(f"{check.path.name} erstattede {quarter.q}. kvartal {quarter.year} for "
                f"{n_of(replaced, 'kursist', 'kursister')}, som allerede var i databasen.")
    c = counts.get
    codes = ", ".join(result.ukoder) or "ingen"
    say(f"Indlæst for udbyderkode {codes}: {n_of(c('kursister', 0), 'kursist', 'kursister')}, "
        f"{n_of(c('henvisning', 0), 'henvisning', 'henvisninger')}, "
        f"{n_of(c('modul', 0), 'modulplacering', 'modulplaceringer')}, "
        f"{n_of(c('undervisning', 0), 'undervisningsmåned', 'undervisningsmåneder')}, "
        f"{n_of(c('proeve', 0), 'prøve', 'prøver')}.")
    if other:
        say(f"Bemærk: databasen havde udbyderkode {', '.join(sorted(known))}, men filerne er "
            f"til {', '.join(other)}. Vælg udbyderkoden i Indstillinger for at se dem i "
            "vinduet.")
    return 0


def _export(args) -> int:
    out = args.out
    if out.is_dir() or not out.parent.is_dir():
        why = "det er en mappe" if out.is_dir() else f"mappen {out.parent} findes ikke"
        return _fail(args, f"Kan ikke skrive {out}: {why}.", 2)
    try:  # a typo in the quarter is reported before anything else
        Quarter.parse(args.quarter)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with _open_store(args, create=False) as store:
        result = export_quarter(store, args.quarter, args.out, ukode=args.ukode, cpr=args.cpr,
                                force=args.force, leave_out=args.leave_out_invalid_cpr)
    if args.json:
        say_json({"status": "ok" if result.written else "afvist",
                  "file": str(result.written) if result.written else None,
                  "sha256": result.logged.sha256 if result.logged else None,
                  "kursister": result.kursister, "message": result.refusal,
                  "notice": result.notice, "left_out": result.left_out,
                  "log_problem": result.log_problem,
                  "findings": [f.as_json() for f in result.findings]})
    else:
        if result.notice:
            say(result.notice)
        if result.left_out and result.kursister:
            say(left_out_text(result.left_out))
        _print_findings(result.findings)
        if result.written:
            say(f"Skrevet: {result.written} ({n_of(result.kursister, 'kursist', 'kursister')}, "
                f"{_counts_text(result.findings)}).")
            if result.log_problem:
                say(f"Bemærk: filen er skrevet og gyldig, men {result.log_problem}.", err=True)
        else:
            say(f"Afvist: {result.refusal}")
    return 0 if result.written else 1


def _demo(args) -> int:
    from desktop.demo import write_demo_folder
    folder = args.folder
    written = write_demo_folder(folder)
    say(f"Demoen er skrevet i {folder}:")
    for path in written:
        say(f"  {path.name}")
    say("Prøv kommandoerne i README's rundtur derfra, eller åbn vinduet på demodatabasen:\n"
        f"  du-indberetning --db {folder / 'demo.sqlite'}")
    return 0


def _gui(args) -> int:
    from desktop.display import display_problem
    problem = display_problem()
    if problem:
        say(problem, err=True)
        return 2
    try:
        from desktop.ui.app import run
    except ImportError as exc:  # Qt's system libraries missing on this machine
        say(f"Vinduet kan ikke startes: {exc}. Kommandolinjen virker stadig; se --help.",
            err=True)
        return 2
    return run(args.db or default_db_path(), demo=args.demo, quit_when_shown=args.quit_when_shown)


if __name__ == "__main__":
    sys.exit(main())
