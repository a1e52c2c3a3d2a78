"""newsledger: read news and keep an attributed ledger of it.

    >>> import newsledger
    >>> ledger = newsledger.analyze("“We will rebuild,” the mayor said on Monday.", published="2024-03-06")
    >>> [(a.speaker.name if a.speaker else None, a.cue.text) for a in ledger.attributions]  # doctest: +SKIP
    [('the mayor', 'said')]

``analyze`` takes one text; ``analyze_many`` takes Articles (see :mod:`newsledger.ingest`) and
parses them in batches. Both return :class:`newsledger.model.Ledger` records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from newsledger.model import Article, Ledger

__version__ = "0.1.0"
__all__ = ["Article", "Ledger", "analyze", "analyze_many", "__version__"]


def analyze(
    text: str,
    published: str | dt.date | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    model: str | None = None,
) -> Ledger:
    """Analyze one article's text. Without ``published``, relative dates stay unresolved."""
    from newsledger.ingest.text import article_from_text

    article = article_from_text(text, published=published, title=title, url=url, source=source)
    return next(analyze_many([article], model=model))


def analyze_many(articles: Iterable[Article], model: str | None = None) -> Iterator[Ledger]:
    """Analyze Articles lazily, in spaCy batches, loading the model once."""
    from newsledger.pipeline import analyze_articles

    return analyze_articles(articles, model=model)
