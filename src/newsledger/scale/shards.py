"""Ledgers as Parquet shards, in the store's export schema, and back into a store.

A shard directory holds one sub-directory per store table (``articles``, ``entities``,
``attributions``, ``times``, ``figures``, ``places``, ``events``, ``errors``), and in each a file
per shard, ``<shard>.parquet``; the files of one shard share its name, so that one shard (a batch
of articles and all their records) can be read back on its own. Columns and types are those of
``newsledger export --format parquet`` (:mod:`newsledger.export.tables`): JSON columns as JSON text,
``record`` the full record from which a Ledger is rebuilt. The export layout itself (one
``<table>.parquet`` file per table) is read as a single shard, so an export can be loaded too.

A shard's name is a hash of what it holds, so a batch that is written again (a retried Ray task)
overwrites its own files rather than adding a copy; a table a shard has no rows for has no file.

``out`` may be a local directory or any URI pyarrow's filesystems understand (``s3://bucket/run``,
``gs://...``, ``hdfs://...``): what the workers of a cluster can all write to.

Example::

    >>> import tempfile
    >>> from newsledger.model import Article, Ledger
    >>> out = tempfile.mkdtemp()
    >>> write_shard(out, [Ledger(Article(id="ab12", text="Rain fell."))])
    'part-...'
    >>> [item.article.text for item in read_shards(out)]
    ['Rain fell.']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.export.tables import TABLES, arrow_schema
from newsledger.model import RECORD_KINDS, Article, Ledger, SourcingGroup, from_json_dict
from newsledger.store.schema import ledger_rows
from newsledger.store.store import Store, ledger_digest

SHARD_SUFFIX = ".parquet"


@dataclass(frozen=True)
class ShardError:
    """An input that could not be read or analysed, carried in a shard's ``errors`` table."""

    origin: str
    reason: str


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # as the export writes JSON columns


def shard_rows(ledger: Ledger, analyzed_at: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """The store's rows of one Ledger (:func:`newsledger.store.schema.ledger_rows`), JSON columns as text."""
    rows = ledger_rows(ledger, ledger_digest(ledger), analyzed_at)
    for table, table_rows in rows.items():
        column = "sourcing" if table == "articles" else "record"
        for row in table_rows:
            row[column] = _json(row[column])
    return rows


def shard_name(ledgers: Iterable[Ledger], errors: Iterable[ShardError] = ()) -> str:
    """A name that depends only on what the shard holds (so a retried batch overwrites itself)."""
    digest = hashlib.sha256()
    for ledger in ledgers:
        digest.update(ledger.article.id.encode() + b"\n")
    for error in errors:
        digest.update(f"{error.origin}\t{error.reason}\n".encode())
    return f"part-{digest.hexdigest()[:20]}"


def _filesystem(out: str | Path) -> tuple[Any, str]:
    """(pyarrow filesystem, path in it) for a local directory or a filesystem URI."""
    from pyarrow import fs

    text = str(out)
    if "://" in text:
        return fs.FileSystem.from_uri(text)
    return fs.LocalFileSystem(), str(Path(text).resolve())


def write_shard(
    out: str | Path, ledgers: Iterable[Ledger], errors: Iterable[ShardError] = (), name: str | None = None
) -> str:
    """Write one shard (these Ledgers and errors) under ``out``; returns the shard's name."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ledgers, errors = list(ledgers), list(errors)
    name = name or shard_name(ledgers, errors)
    now = dt.datetime.now(dt.UTC)
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ledger in ledgers:
        for table, rows in shard_rows(ledger, now).items():
            tables[table].extend(rows)
    tables["errors"] = [{"id": None, "origin": e.origin, "reason": e.reason, "at": now} for e in errors]
    filesystem, root = _filesystem(out)
    for table, rows in tables.items():
        if not rows:
            continue
        directory = f"{root}/{table}"
        filesystem.create_dir(directory, recursive=True)
        data = pa.Table.from_pylist(rows, schema=arrow_schema(TABLES[table]))
        pq.write_table(data, f"{directory}/{name}{SHARD_SUFFIX}", filesystem=filesystem)
    return name


class ShardBuffer:
    """Collects Ledgers and errors and writes a shard every ``size`` Ledgers (the local ``--out``).

    >>> import tempfile
    >>> from newsledger.model import Article, Ledger
    >>> with ShardBuffer(tempfile.mkdtemp(), size=2) as shards:
    ...     shards.add(Ledger(Article(id="ab12", text="Rain fell.")))
    ...     shards.error("bad.html", "no article text found in the HTML")
    >>> len(shards.written)
    1
    """

    def __init__(self, out: str | Path, size: int = 256):
        self.out, self.size = out, size
        self.ledgers: list[Ledger] = []
        self.errors: list[ShardError] = []
        self.written: list[str] = []

    def add(self, ledger: Ledger) -> None:
        self.ledgers.append(ledger)
        if len(self.ledgers) >= self.size:
            self.flush()

    def error(self, origin: str, reason: str) -> None:
        self.errors.append(ShardError(origin, reason))

    def flush(self) -> None:
        if self.ledgers or self.errors:
            self.written.append(write_shard(self.out, self.ledgers, self.errors))
        self.ledgers, self.errors = [], []

    def __enter__(self) -> ShardBuffer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.flush()


# --- reading back -------------------------------------------------------------------------------


def shard_names(directory: str | Path) -> list[str]:
    """The shards under ``directory``, sorted; ``""`` for an export layout (``articles.parquet``)."""
    from pyarrow import fs

    filesystem, root = _filesystem(directory)
    names: set[str] = set()
    for table in ("articles", "errors"):
        info = filesystem.get_file_info(f"{root}/{table}{SHARD_SUFFIX}")
        if info.type == fs.FileType.File:
            names.add("")
        selector = fs.FileSelector(f"{root}/{table}", allow_not_found=True)
        for entry in filesystem.get_file_info(selector):
            if entry.type == fs.FileType.File and entry.base_name.endswith(SHARD_SUFFIX):
                names.add(entry.base_name[: -len(SHARD_SUFFIX)])
    return sorted(names)


def _read_table(filesystem: Any, root: str, table: str, shard: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq
    from pyarrow import fs

    path = f"{root}/{table}{SHARD_SUFFIX}" if shard == "" else f"{root}/{table}/{shard}{SHARD_SUFFIX}"
    if filesystem.get_file_info(path).type != fs.FileType.File:
        return []
    return pq.read_table(path, filesystem=filesystem).to_pylist()


def read_shard(directory: str | Path, shard: str) -> Iterator[Ledger | ShardError]:
    """The Ledgers (in article-row order) and the errors of one shard."""
    for item in _read_shard_items(directory, shard):
        yield item if isinstance(item, ShardError) else item[0]


def _read_shard_items(directory: str | Path, shard: str) -> Iterator[tuple[Ledger, dt.datetime | None] | ShardError]:
    """:func:`read_shard`, each Ledger with the time it was analysed (None in a shard without it)."""
    filesystem, root = _filesystem(directory)
    records: dict[str, dict[str, list[tuple[int, Any]]]] = defaultdict(lambda: defaultdict(list))
    for kind, record_type in RECORD_KINDS.items():
        for row in _read_table(filesystem, root, kind, shard):
            record = from_json_dict(record_type, json.loads(row["record"]))
            records[row["article_id"]][kind].append((row["position"], record))
    for row in _read_table(filesystem, root, "articles", shard):
        found = records.get(row["id"], {})
        ledger = Ledger(
            article=Article(**{f: row[f] for f in ("id", "text", "title", "url", "source", "author", "published")},
                            origin=row["origin"]),
            **{kind: tuple(r for _, r in sorted(found.get(kind, []), key=lambda p: p[0])) for kind in RECORD_KINDS},
            sourcing=tuple(from_json_dict(SourcingGroup, g) for g in json.loads(row["sourcing"] or "[]")),
            schema_version=row["schema_version"],
        )
        yield ledger, row.get("analyzed_at")
    for row in _read_table(filesystem, root, "errors", shard):
        yield ShardError(row["origin"], row["reason"])


def read_shards(directory: str | Path) -> Iterator[Ledger | ShardError]:
    """Every shard under ``directory``, one shard in memory at a time, in shard-name order."""
    for shard in shard_names(directory):
        yield from read_shard(directory, shard)


def load_shards(directory: str | Path, store: Store) -> dict[str, int]:
    """Write every Ledger and error of the shards under ``directory`` into ``store``.

    The store's own rules apply (one transaction per article; an identical ledger is left
    ``unchanged``), so loading the same shards twice changes nothing; each ledger keeps the time
    it was analysed. Returns counts per outcome.
    """
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "errors": 0}
    for shard in shard_names(directory):
        for item in _read_shard_items(directory, shard):
            if isinstance(item, ShardError):
                store.record_error(item.origin, item.reason)
                counts["errors"] += 1
            else:
                ledger, analyzed_at = item
                counts[store.write(ledger, analyzed_at=analyzed_at)] += 1
    return counts
