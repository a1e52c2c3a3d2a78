"""Lexicons and tables as data files, and the one way code reads them.

Every ``.json`` and ``.tsv`` here starts with a note (an ``about`` key, or ``#`` lines) on what
it holds and where it came from. Code never opens these files itself: it calls the readers
below, so the package location and the TSV conventions live in one place.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def resource_text(name: str) -> str:
    """The text of ``resources/<name>``, from the installed package."""
    return files("newsledger").joinpath("resources", name).read_text(encoding="utf-8")


def resource_bytes(name: str) -> bytes:
    return files("newsledger").joinpath("resources", name).read_bytes()


def load_json(name: str) -> Any:
    """A JSON resource, parsed."""
    return json.loads(resource_text(name))


def read_table(name: str) -> list[tuple[str, ...]]:
    """Rows of a TSV resource: ``#`` comments, blank lines and the header row are skipped."""
    rows = [tuple(cell.strip() for cell in line.split("\t")) for line in resource_text(name).splitlines()]
    rows = [row for row in rows if row[0] and not row[0].startswith("#")]
    return rows[1:]
