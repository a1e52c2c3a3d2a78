"""A resolved speaker as the resolver remembers it, for the pronouns and carried-over quotes that follow."""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsledger.model import EntityRef, Span


@dataclass
class Voice:
    """A resolved speaker, remembered for the pronouns and carried-over quotes that follow."""

    ref: EntityRef
    kind: str | None  # PERSON / GROUP / None when unknown
    sentence: int
    paragraph: int
    words: tuple[str, ...] = ()  # the words of the phrase that named it ("Ambassador Khazar Farhadov")
    nested: bool = False  # a speaker reported by another speaker

    def named_again(self, mention: Span, sentence: int, paragraph: int) -> Voice:
        """The same speaker, named again at ``mention`` (a pronoun, a surname, a title)."""
        return Voice(replace(self.ref, mention=mention), self.kind, sentence, paragraph, self.words)
