"""Extractors: one module per record kind, each `extract(doc, ledger) -> list[record]`."""
