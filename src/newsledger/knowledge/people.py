"""Whether a common noun names people (a person, people, or a body of them): "an official", "two
engineers", "riot police" -- not "this case", "two videos", "the viability".

The nouns of ``resources/person_nouns.tsv``, PETRARCH's agent nouns (``newsledger.knowledge.actors``:
"rebel", "police", "senator") and the entity titles ("minister", "general"). One place for the
question, asked by the attributions (who can speak) and the events (who can be released, threatened or
abused).

    >>> names_people("official"), names_people("engineer"), names_people("rebel")
    (True, True, True)
    >>> names_people("case"), names_people("video"), names_people("number")
    (False, False, False)
"""

from __future__ import annotations

from functools import lru_cache

from newsledger.knowledge.actors import agent_sector
from newsledger.resources import read_table


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """The lemmas of ``resources/person_nouns.tsv``."""
    return frozenset(row[0].lower() for row in read_table("person_nouns.tsv"))


@lru_cache(maxsize=4096)
def names_people(lemma: str) -> bool:
    """Whether the noun ``lemma`` names a person, people or a body of them."""
    from newsledger.extract.entities import lexicon as entity_lexicon  # the titles live with the entities

    lemma = lemma.lower()
    return lemma in person_nouns() or (lemma,) in entity_lexicon().titles or agent_sector(lemma) is not None
