"""The web UI and REST API over the ledger store (``newsledger serve``).

    >>> from newsledger.web import create_app
    >>> app = create_app(":memory:")
    >>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api/articles"))
    ['/api/articles', '/api/articles/upload', '/api/articles/{article_id}']

See :mod:`newsledger.web.app` for the safety rules, :mod:`newsledger.web.api` for the API and
:mod:`newsledger.web.pages` for the pages.
"""

from newsledger.web.app import create_app

__all__ = ["create_app"]
