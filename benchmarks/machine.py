"""The machine a benchmark ran on, printed with its table so the figures can be placed."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path


def _entry(path: str, key: str) -> str | None:
    """The value of the first 'key: value' or 'key=value' line of a /proc or /etc file."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line[len(key):].lstrip(" \t:=").strip().strip('"')
    except OSError:
        pass
    return None


def _cpu() -> str:
    return _entry("/proc/cpuinfo", "model name") or platform.processor() or platform.machine()


def _ram() -> str:
    total = _entry("/proc/meminfo", "MemTotal")  # "24683724 kB"
    return f"{int(total.split()[0]) / 1024 ** 2:.1f} GB" if total else "?"


def _os() -> str:
    name = _entry("/etc/os-release", "PRETTY_NAME")
    return f"{name} (Linux {platform.release()})" if name else platform.platform()


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def describe() -> list[tuple[str, str]]:
    import PySide6
    from lxml import etree
    return [
        ("CPU", f"{_cpu()}, {os.cpu_count()} cores"),
        ("RAM", _ram()),
        ("OS", _os()),
        ("Python", platform.python_version()),
        ("PySide6", PySide6.__version__),
        ("lxml", ".".join(map(str, etree.LXML_VERSION)) + " (libxml2 "
         + ".".join(map(str, etree.LIBXML_VERSION)) + ")"),
        ("SQLite", sqlite3.sqlite_version),
    ]
