"""Whether a common noun names people (a person, people, or a body of them): "an official", "two
engineers", "the committee", "riot police" -- not "this case", "two videos", "the viability".

The nouns of ``resources/people_nouns.tsv`` (each a person or a body), PETRARCH's agent nouns
(``newsledger.knowledge.actors``: "rebel", "police", "senator") and the entity titles ("minister",
"general"). One place for the question, asked by the attributions (who can speak, whom "he" can stand
for) and the events (who can be released, threatened or abused; who a participant is).

    >>> names_people("official"), names_people("engineer"), names_people("rebel"), names_people("board")
    (True, True, True, True)
    >>> names_people("case"), names_people("video"), names_people("number")
    (False, False, False)
    >>> names_a_body("committee"), names_a_body("official"), names_persons("office"), names_persons("detainee")
    (True, False, False, True)
"""

from __future__ import annotations

from functools import lru_cache

from newsledger.knowledge.actors import agent_sector
from newsledger.resources import read_table


@lru_cache(maxsize=1)
def people_nouns() -> dict[str, str]:
    """Lemma -> kind ("person" or "body") from ``resources/people_nouns.tsv``."""
    return {row[0].lower(): row[1] for row in read_table("people_nouns.tsv")}


@lru_cache(maxsize=4096)
def names_people(lemma: str) -> bool:
    """Whether the noun ``lemma`` names a person, people or a body of them."""
    from newsledger.extract.entities import lexicon as entity_lexicon  # the titles live with the entities

    lemma = lemma.lower()
    return lemma in people_nouns() or (lemma,) in entity_lexicon().titles or agent_sector(lemma) is not None


def names_persons(lemma: str) -> bool:
    """Whether the noun ``lemma`` names a person or persons, not a body ("two engineers", not "the office")."""
    return names_people(lemma) and not names_a_body(lemma)


def names_a_body(lemma: str) -> bool:
    """Whether the noun ``lemma`` names a body of people ("the office", "the committee"), not a person."""
    return people_nouns().get(lemma.lower()) == "body"
