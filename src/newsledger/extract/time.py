"""Placeholder: being written (see pipeline.EXTRACTORS for the contract)."""

from __future__ import annotations


def extract(doc, ledger) -> list:
    return []
