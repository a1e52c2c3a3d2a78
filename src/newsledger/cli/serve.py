"""`newsledger serve`: the web UI and the REST API over the ledger."""

from __future__ import annotations

from typing import Annotated

import typer

from newsledger.cli.common import DEFAULT_DB, DbOption, _shown, err


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; anything but localhost needs --token for writes.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="NEWSLEDGER_TOKEN", help="Token that adding articles needs (Bearer / form).")
    ] = None,
) -> None:
    """Serve the web UI and the REST API (/api, docs at /docs) over the ledger."""
    import uvicorn

    from newsledger.web import create_app
    from newsledger.web.auth import is_loopback

    if not is_loopback(host) and token is None:
        err.print(f"note: bound to {host} without --token: the ledger is read-only over the network")
    err.print(f"serving {_shown(db)} on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(create_app(db, token, host=host), host=host, port=port, log_level="warning")
