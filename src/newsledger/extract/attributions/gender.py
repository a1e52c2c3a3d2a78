"""Whether the text tells that a person is a man or a woman, so that "he" does not stand for her.

Only what the article itself says counts: an honorific before the name ("Mrs. Clinton", "Mr. Trump"),
a gendered noun before or beside it ("Congresswoman Omar", "Brian Fallon, the campaign's spokesman"), or
one said of it ("Omar is one of the first two Muslim women"). Names alone say nothing here: no list of
first names guesses for the text. The words are ``gendered_words`` in ``attribution_patterns.json``.
"""

from __future__ import annotations

from newsledger.extract.attributions.layout import Layout, Token
from newsledger.extract.attributions.roles import description
from newsledger.model import Entity

PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}


def gender_of(layout: Layout, entity: Entity) -> str | None:
    """"m" or "f" when the text's words about ``entity`` all tell the same, else None."""
    told: set[str] = set()
    for mention in entity.mentions:
        span = layout.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        told |= _told_of(layout, span.root, span[0])
    return next(iter(told)) if len(told) == 1 else None


def _told_of(layout: Layout, name: Token, first: Token) -> set[str]:
    words = layout.lex.gendered_words
    found = set()
    before = layout.doc[first.i - 1] if first.i else None
    if before is not None and before.lower_ in words:
        found.add(words[before.lower_])  # "Mrs. Clinton"
    for word in description(layout, name).words:
        if word in words and word not in ("mr", "mrs", "ms", "mr.", "mrs.", "ms."):
            found.add(words[word])  # "Congresswoman Omar", "Fallon, the campaign's spokesman"
    if name.dep_ == "nsubj" and name.head.lemma_ == "be":
        for attr in (c for c in name.head.children if c.dep_ == "attr"):
            nouns = [attr, *(g for p in attr.children if p.dep_ == "prep" and p.lower_ == "of"
                             for g in p.children if g.dep_ == "pobj")]  # fmt: skip
            found |= {words[n.lemma_.lower()] for n in nouns if n.lemma_.lower() in words}
    return found
