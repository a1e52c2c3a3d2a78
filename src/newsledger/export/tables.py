"""Export a store as JSONL, CSV or Parquet.

Layouts:

* ``jsonl``: ``out`` is one file, one Ledger JSON per line (:meth:`Ledger.to_json`), readable back
  with :meth:`Ledger.from_json`.
* ``csv`` / ``parquet``: ``out`` is a directory holding one file per table: ``articles``,
  ``entities``, ``attributions``, ``times``, ``figures``, ``places``, ``events``, ``errors``
  (``.csv`` or ``.parquet``). Columns are the store's columns (see :mod:`newsledger.store.schema`):
  ``article_id``, ``position``, ``id``, the flattened key fields, ``voice`` and ``record``, the
  full record as a JSON string; ``articles.sourcing`` is JSON too. Join on ``article_id``.
  CSV: UTF-8, a header row, empty cell for null, ``true``/``false`` for booleans, ISO 8601 UTC
  times. Parquet keeps the SQL types (int64, float64, bool, UTC timestamps, strings).

Example::

    >>> from newsledger.store import Store
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "csv"
    >>> export(Store.open(":memory:"), "csv", out)["articles"]
    0
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa

from newsledger.store.schema import articles, errors, record_tables
from newsledger.store.store import Store, as_utc

ExportFormat = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "parquet")

TABLES: dict[str, sa.Table] = {"articles": articles, **record_tables, "errors": errors}
"""File name (without suffix) -> table, in the order they are written."""

BATCH_ROWS = 5000


def export(store: Store, format: ExportFormat, out: Path) -> dict[str, int]:
    """Write the store to ``out`` in ``format``; returns rows written per file (``ledgers`` for jsonl)."""
    out = Path(out)
    if format == "jsonl":
        return {"ledgers": _export_jsonl(store, out)}
    if format not in ("csv", "parquet"):
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    write = _write_csv if format == "csv" else _write_parquet
    return {name: write(store, table, out / f"{name}.{format}") for name, table in TABLES.items()}


def _export_jsonl(store: Store, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        for ledger in store.ledgers():
            stream.write(ledger.to_json() + "\n")
            count += 1
    return count


def _order(table: sa.Table) -> list[sa.Column]:
    return list(table.primary_key.columns)


def _batches(store: Store, table: sa.Table) -> Iterator[list[dict[str, Any]]]:
    """The table's rows as dicts, JSON columns as JSON strings, in primary-key order, in batches."""
    json_columns = [c.name for c in table.columns if isinstance(c.type, sa.JSON)]
    query = sa.select(table).order_by(*_order(table))
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=BATCH_ROWS).execute(query)
        for partition in result.mappings().partitions():
            rows = [dict(row) for row in partition]
            for row in rows:
                for name in json_columns:
                    if row[name] is not None and not isinstance(row[name], str):
                        row[name] = json.dumps(row[name], ensure_ascii=False)
            yield rows


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    return value


def _write_csv(store: Store, table: sa.Table, path: Path) -> int:
    names = [c.name for c in table.columns]
    count = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(names)
        for rows in _batches(store, table):
            writer.writerows([_csv_cell(row[name]) for name in names] for row in rows)
            count += len(rows)
    return count


def _arrow_type(column: sa.Column) -> Any:
    import pyarrow as pa

    sql_type = column.type
    if isinstance(sql_type, sa.Boolean):
        return pa.bool_()
    if isinstance(sql_type, sa.Integer):
        return pa.int64()
    if isinstance(sql_type, sa.Float):
        return pa.float64()
    if isinstance(sql_type, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    return pa.string()  # text, strings, JSON (as JSON text)


def arrow_schema(table: sa.Table) -> Any:
    """The pyarrow schema of a store table (see the module docstring)."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(c), nullable=True) for c in table.columns])


def _write_parquet(store: Store, table: sa.Table, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    datetimes = [c.name for c in table.columns if isinstance(c.type, sa.DateTime)]
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for rows in _batches(store, table):
            for row in rows:
                for name in datetimes:
                    if row[name] is not None:
                        row[name] = as_utc(row[name])
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
