"""The shipped v1.8 XSD, compiled once."""

from __future__ import annotations

from functools import cache

from lxml import etree

from desktop.resources import resource

SCHEMA_FILE = "du-v1.8.xsd"


@cache
def schema() -> etree.XMLSchema:
    path = resource("schema", SCHEMA_FILE)
    return etree.XMLSchema(etree.parse(str(path), _safe_parser()))


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
