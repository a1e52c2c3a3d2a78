"""The working record of one trigger occurrence (a mention) and the Span of a token range."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.model import EntityRef, Figure, Place, Span, TimeExpr


@dataclass
class _Mention:
    """One trigger occurrence and what the sentence says about it."""

    token: object  # the trigger word (spaCy Token)
    head: object  # the clause head its arguments hang on
    span: tuple[int, int]  # token range of the trigger text
    event: str
    mode: str | None
    nominal: bool
    sentence: int
    actor: EntityRef | None = None
    recipient: EntityRef | None = None
    time: TimeExpr | None = None
    place: Place | None = None
    sizes: dict[str, Figure] = field(default_factory=dict)
    modality: str = "asserted"
    demanded_by: _Mention | None = None
    complements: frozenset[int] = frozenset()  # tokens that complete the trigger ("signed an agreement")
    date_steps: int = 99  # how directly the date hangs on the clause (0: on the trigger itself)
    complement: object = None  # the clause a verb of saying reports (a demand, an allegation)
    topic_of: _Mention | None = None  # the protest whose demand this REQUEST is
    referring: bool = False  # a noun that only names a happening told by another word ("the blast")


def _tokens_span(doc, start: int, end: int) -> Span:
    piece = doc[start:end]
    return Span(piece.start_char, piece.end_char, piece.text)  # (doc.text rebuilds the whole text per call)
