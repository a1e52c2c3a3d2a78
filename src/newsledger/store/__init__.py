"""Where Ledgers are kept: SQLite by default (a file path), any SQLAlchemy URL otherwise.

Example::

    >>> from newsledger.model import Article, Ledger
    >>> with Store.open(":memory:") as store:
    ...     store.write(Ledger(Article(id="ab12", text="Rain fell.")))
    ...     store.stats()["articles"]
    'added'
    1

See :mod:`newsledger.store.store` for the write rules, :mod:`newsledger.store.schema` for the
tables and :mod:`newsledger.export.tables` for the export layouts.
"""

from newsledger.store.store import (
    AmbiguousIdError,
    ArticleRow,
    ErrorRow,
    SearchHit,
    Store,
    WriteResult,
    fts_query,
    pg_tsquery,
)

__all__ = [
    "AmbiguousIdError",
    "ArticleRow",
    "ErrorRow",
    "SearchHit",
    "Store",
    "WriteResult",
    "fts_query",
    "pg_tsquery",
]
