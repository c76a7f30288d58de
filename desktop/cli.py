"""The command line: `du-indberetning`, also `python -m desktop`.

Exit status: 0 done (warnings allowed); 1 errors found or refused (nothing written);
2 bad usage, or a file that is unreadable or not v1.8. Output is short and Danish.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop import APP_NAME, __version__, logs
from desktop.checks.findings import Finding, summarize
from desktop.config import default_db_path
from desktop.domain.quarter import Quarter
from desktop.errors import os_reason
from desktop.operations import (UnreadableFile, UsageError, export_quarter, import_files,
                                validate_file)
from desktop.store import Store, StoreError

TEXT_LIMIT = 100  # findings printed in text mode; --json gives them all

_ARGPARSE_DA = {
    "the following arguments are required": "disse argumenter mangler",
    "unrecognized arguments": "ukendte argumenter",
    "invalid choice": "ugyldigt valg",
    "expected one argument": "forventede en værdi",
    "argument": "argument",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # Danish, no traceback, exit 2
        for en, da in _ARGPARSE_DA.items():
            message = message.replace(en, da)
        self.exit(2, f"Forkert brug: {message}\nSe '{self.prog} --help'.\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="du-indberetning",
                description="Kvartalsindberetning af danskuddannelse, format v1.8.")
    p._optionals.title = "tilvalg"
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                   help="vis programmets version")
    p.add_argument("--db", type=Path, help="databasefil (standard: i brugerens datamappe)")
    p.add_argument("--demo", action="store_true", help="åbn en demodatabase med eksempeldata")
    p.add_argument("--self-test", action="store_true",
                   help="kontrollér at programmet virker på denne maskine, og afslut")
    # For measuring start-up (installer/build.py): start as usual, quit once the window shows.
    p.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", title="kommandoer", parser_class=_Parser)

    v = sub.add_parser("validate", help="kør alle kontroller på en v1.8-fil")
    v.add_argument("file", type=Path, metavar="FIL")
    v.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    i = sub.add_parser("import", help="indlæs en eller flere v1.8-filer i databasen")
    i.add_argument("files", type=Path, nargs="+", metavar="FIL")
    i.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="databasefil")
    i.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    e = sub.add_parser("export", help="dan kvartalets indberetningsfil")
    e.add_argument("--quarter", required=True, metavar="ÅÅÅÅK", help="kvartalet, fx 20241")
    e.add_argument("--out", required=True, type=Path, metavar="FIL", help="filen der skrives")
    e.add_argument("--ukode", help="udbyderkode, hvis databasen har flere")
    e.add_argument("--cpr", help="kun denne kursist (genindberetning af én kursist)")
    e.add_argument("--force", action="store_true", help="eksportér trods fejl af type A")
    e.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="databasefil")
    e.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    for sp in (v, i, e):
        sp._optionals.title = "tilvalg"
        sp._positionals.title = "argumenter"
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logs.setup()
    try:
        if args.self_test:
            from desktop.selftest import run_self_test
            return run_self_test()
        if args.command == "validate":
            return _validate(args)
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _export(args)
        return _gui(args)
    except (UnreadableFile, UsageError, StoreError) as exc:
        return _fail(args, str(exc), 2)
    except OSError as exc:  # e.g. --out in a folder that does not exist
        name = Path(exc.filename).name if exc.filename else "filen"
        return _fail(args, f"{name} kan ikke skrives eller læses: {os_reason(exc)}.", 2)
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: the traceback goes to the log, the user gets Danish
        path = logs.unexpected(sys.exc_info(), f"kommandoen {args.command or 'start'}")
        return _fail(args, "Programfejl: kommandoen stoppede uventet, og intet er skrevet. "
                     f"Detaljerne står i logfilen {path}.", 2)


def _fail(args, message: str, status: int) -> int:
    if getattr(args, "json", False):
        print(json.dumps({"status": "fejl", "message": message, "findings": []}, ensure_ascii=False))
    else:
        print(message, file=sys.stderr)
    return status


def _open_store(args, create: bool = True) -> Store:
    return Store(args.db or default_db_path(), create=create)


def _print_findings(findings: list[Finding]) -> None:
    for f in findings[:TEXT_LIMIT]:
        print("  " + f.as_text())
    if len(findings) > TEXT_LIMIT:
        print(f"  … og {len(findings) - TEXT_LIMIT} flere (brug --json for alle).")


def _counts_text(findings: list[Finding]) -> str:
    s = summarize(findings)
    return f"{s['errors']} fejl og {s['warnings']} advarsler"


def _validate(args) -> int:
    check = validate_file(args.file)
    errors = any(f.is_error for f in check.findings)
    if args.json:
        print(json.dumps({"status": "fejl" if errors else "ok", "file": str(args.file),
                          "kursister": len(check.parsed.kursister),
                          "normalised": check.parsed.normalised,
                          "findings": [f.as_json() for f in check.findings]}, ensure_ascii=False))
    else:
        print(f"{args.file.name}: {len(check.parsed.kursister)} kursister, "
              f"{_counts_text(check.findings)}.")
        for note in check.parsed.normalised_text():
            print(f"  Normaliseret: {note}.")
        _print_findings(check.findings)
    return 1 if errors else 0


def _import(args) -> int:
    with _open_store(args) as store:
        result = import_files(store, args.files)
    counts = dict(result.counts)
    if args.json:
        print(json.dumps({"status": "ok" if result.stored else "afvist", "counts": counts,
                          "normalised": {str(c.path): c.parsed.normalised for c in result.checks},
                          "findings": [f.as_json() for f in result.findings]}, ensure_ascii=False))
    else:
        for check in result.checks:
            print(f"{check.path.name}: {len(check.parsed.kursister)} kursister, "
                  f"{_counts_text(check.findings)}.")
            for note in check.parsed.normalised_text():
                print(f"  Normaliseret: {note}.")
            _print_findings(check.findings)
        if result.stored:
            print(f"Indlæst: {counts.get('kursister', 0)} kursister, {counts.get('henvisning', 0)} "
                  f"henvisninger, {counts.get('modul', 0)} modulplaceringer, "
                  f"{counts.get('undervisning', 0)} undervisningsmåneder, "
                  f"{counts.get('proeve', 0)} prøver.")
        else:
            print("Afvist: der er fejl, som ville få filen afvist ved upload (type X). "
                  "Intet er indlæst.")
    return 0 if result.stored else 1


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
                                force=args.force)
    if args.json:
        print(json.dumps({"status": "ok" if result.written else "afvist",
                          "file": str(result.written) if result.written else None,
                          "sha256": result.logged.sha256 if result.logged else None,
                          "kursister": result.kursister, "message": result.refusal,
                          "findings": [f.as_json() for f in result.findings]}, ensure_ascii=False))
    else:
        _print_findings(result.findings)
        if result.written:
            print(f"Skrevet: {result.written} ({result.kursister} kursister, "
                  f"{_counts_text(result.findings)}).")
        else:
            print(f"Afvist: {result.refusal}")
    return 0 if result.written else 1


def _gui(args) -> int:
    try:
        from desktop.ui.app import run
    except ImportError as exc:  # Qt's system libraries missing on this machine
        print(f"Vinduet kan ikke startes: {exc}. Kommandolinjen virker stadig; se --help.",
              file=sys.stderr)
        return 2
    return run(args.db or default_db_path(), demo=args.demo, quit_when_shown=args.quit_when_shown)


if __name__ == "__main__":
    sys.exit(main())
