"""Sourcing: who the article quotes, by side (the speakers of its attributions, grouped by country)."""

from __future__ import annotations

from newsledger.extract.attributions.vocabulary import lexicon
from newsledger.model import OUTLET, Ledger, SourcingGroup


def sourcing(ledger: Ledger) -> list[SourcingGroup]:
    """Who the article quotes, by side: speakers grouped by country, most statements first.

    Attributions nested in another's content (the speaker reporting someone else) are not the
    outlet's sourcing and are left out, as are those without a speaker and those whose speaker is
    a pronoun the resolver tied to no one (a columnist's own ``I``, a generic ``you``, ``Which is
    not to say …``): they are no one the outlet gives a voice to.

    >>> from newsledger.model import Attribution, EntityRef, Span
    >>> ref = EntityRef("Khazar Farhadov", country="AZ")
    >>> att = Attribution("att-1", "direct", (Span(0, 1, "x"),), speaker=ref)
    >>> sourcing(Ledger(article=None, attributions=(att,)))
    [SourcingGroup(country='AZ', voices=('Khazar Farhadov',), statements=1)]
    """
    lex = lexicon()
    unresolved = set(lex.pronouns) | lex.first_person | lex.relative_pronouns | lex.generic_speakers
    groups: dict[str | None, tuple[list[str], list[int]]] = {}
    for attribution in ledger.attributions:
        if attribution.speaker is None or attribution.voice != OUTLET:
            continue
        if attribution.speaker.entity is None and attribution.speaker.name.lower() in unresolved:
            continue
        voices, count = groups.setdefault(attribution.speaker.country, ([], [0]))
        if attribution.speaker.name not in voices:
            voices.append(attribution.speaker.name)
        count[0] += 1
    result = [SourcingGroup(country, tuple(voices), count[0]) for country, (voices, count) in groups.items()]
    return sorted(result, key=lambda g: (-g.statements, g.country is None, g.country or ""))
