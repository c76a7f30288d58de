"""Run one command in this process and write its own peak memory (VmHWM, MB) to a file.

    peak.py OUT cli ARGS...      the app's command line (desktop.cli.main) with ARGS
    peak.py OUT lxml FILE        plain lxml: the whole tree parsed, XSD-validated, serialized
The peak is the process's own, read from /proc at the end, interpreter start included: a
parent's view (ru_maxrss from wait4) may count memory a forked child held before exec.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
XSD = ROOT / "resources" / "schema" / "du-v1.8.xsd"


def lxml_floor(path: str) -> int:
    """What any program must do with the file: parse it, check it against the XSD, write it."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    xsd = etree.XMLSchema(etree.parse(str(XSD), parser))
    doc = etree.parse(path, parser)
    if not xsd.validate(doc):
        sys.exit(f"the baseline file does not pass the schema: {xsd.error_log[0]}")
    etree.tostring(doc, xml_declaration=True, encoding="ISO-8859-1")
    return 0


def peak_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines()
                    if line.startswith("VmHWM:")).split()[1]) / 1024


def main() -> int:
    out, mode, *args = sys.argv[1:]
    if mode == "cli":
        sys.path.insert(0, str(ROOT))
        from desktop.cli import main as cli
        status = cli(args)
    else:
        status = lxml_floor(*args)
    Path(out).write_text(f"{peak_mb():.1f}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
