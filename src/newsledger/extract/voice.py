"""Voice: whose word a record is on.

A record whose span lies inside the content of an attribution is in that attribution's
voice; everything else is the outlet's. This is the one place that rule lives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsledger.model import OUTLET, Attribution, Span


def record_span(record) -> Span | None:
    """The span that places a record in the text (its first, for records with several)."""
    for name in ("span", "trigger"):
        span = getattr(record, name, None)
        if span is not None:
            return span
    for name in ("content", "mentions"):
        spans = getattr(record, name, None)
        if spans:
            return spans[0]
    return None


def voice_of(span: Span, attributions: Sequence[Attribution], exclude: str | None = None) -> str:
    """The id of the innermost attribution whose content holds ``span``, else the outlet."""
    best: tuple[int, str] | None = None
    for attribution in attributions:
        if attribution.id == exclude:
            continue
        for content in attribution.content:
            if content.start <= span.start and span.end <= content.end and content != span:
                size = content.end - content.start
                if best is None or size < best[0]:
                    best = (size, attribution.id)
    return best[1] if best else OUTLET


def assign_voices(records: Sequence, attributions: Sequence[Attribution]) -> list:
    """Set ``voice`` on every record from the attributions (for attributions: from each other)."""
    if records and isinstance(records[0], Attribution):
        attributions = list(records)
    if not attributions:
        return list(records)
    out = []
    for record in records:
        span = record_span(record)
        exclude = record.id if isinstance(record, Attribution) else None
        voice = voice_of(span, attributions, exclude) if span is not None else OUTLET
        out.append(record if voice == record.voice else dataclasses.replace(record, voice=voice))
    return out
