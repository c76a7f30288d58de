"""The machine a benchmark ran on, printed with its table so the figures can be placed."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 ** 2:.1f} GB"
    except OSError:
        pass
    return "?"


def _os() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))} (Linux {platform.release()})"
    except OSError:
        pass
    return platform.platform()


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
