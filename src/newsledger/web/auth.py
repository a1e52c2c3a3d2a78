"""Who may write: the token, loopback binding and cross-site checks of the web app.

The rules are in :mod:`newsledger.web.app`'s docstring; the API and the pages both call
:func:`check_write` before adding an article.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import HTTPException, Request

from newsledger.model import Article, Ledger

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})

Analyzer = Callable[[Article], Ledger]


def is_loopback(host: str) -> bool:
    """Whether a bind address or Host name is this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("[::1]"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass
class WebConfig:
    """What the routes need to know about how the server runs."""

    token: str | None
    bound_host: str
    analyzer: Analyzer | None
    max_body_bytes: int

    @property
    def local_only(self) -> bool:
        return is_loopback(self.bound_host)

    def writes_enabled(self) -> bool:
        return self.token is not None or self.local_only


def check_write(request: Request, token: str | None) -> None:
    """Allow a write or raise 401/403 (see the module docstring for the rules)."""
    config: WebConfig = request.app.state.config
    if config.token is not None:
        if token is None or not hmac.compare_digest(token.encode("utf-8"), config.token.encode("utf-8")):
            raise HTTPException(401, "a valid token is needed to add articles", {"WWW-Authenticate": "Bearer"})
        return
    if not config.local_only:
        raise HTTPException(403, "adding articles is off: the server is not bound to localhost and has no --token")
    if _cross_site(request):
        raise HTTPException(403, "cross-site write refused")


def _cross_site(request: Request) -> bool:
    """True when the browser says the request comes from another site's page."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    if origin and origin != "null":
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        return origin.rstrip("/") != own
    return origin == "null"


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None
