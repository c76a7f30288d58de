"""The shipped v1.8 XSD, compiled once."""

from __future__ import annotations

from functools import cache

from lxml import etree

from desktop.resources import resource

SCHEMA_FILE = "du-v1.8.xsd"


@cache
def schema() -> etree.XMLSchema:
    path = resource("schema", SCHEMA_FILE)
    return etree.XMLSchema(etree.parse(str(path), safe_parser()))


@cache
def safe_parser() -> etree.XMLParser:
    """No DTD, no entities, no network: for the schema and for documents we wrote."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
