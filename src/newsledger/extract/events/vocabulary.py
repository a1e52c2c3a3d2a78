"""The words events are found by: the trigger table (``resources/events_triggers.tsv``) and the other
word lists (``resources/events_lexicon.json``), read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsledger.resources import load_json, read_table

Condition = tuple[str, frozenset[str]]  # (kind, words): ("obj", {"agreement", "deal"}), ("xcomp", {})


@dataclass(frozen=True)
class TriggerRule:
    """One row of ``events_triggers.tsv``: ``needs`` holds alternatives, each a conjunction of conditions."""

    lemma: str
    pos: str
    event: str
    mode: str | None
    needs: tuple[tuple[Condition, ...], ...]
    also: bool = False  # an "also" row adds a second event to the row that matched


@dataclass(frozen=True)
class EventsLexicon:
    triggers: dict[tuple[str, str], tuple[TriggerRule, ...]]
    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    future_words: frozenset[str]
    hypothetical_words: frozenset[str]
    condition_marks: frozenset[str]
    demand_modals: frozenset[str]
    negation_verbs: frozenset[str]
    threat_verbs: frozenset[str]
    possibility_verbs: frozenset[str]
    demand_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    allegation_verbs: frozenset[str]
    wrongdoing_nouns: frozenset[str]
    wrongdoing_verbs: frozenset[str]
    acceptance_verbs: frozenset[str]
    background_preps: frozenset[str]
    frame_preps: frozenset[str]
    frame_nouns: frozenset[str]
    contention_events: frozenset[str]
    speech_complements: frozenset[str]
    statement_nouns: frozenset[str]
    complement_preps: frozenset[str]
    during_preps: frozenset[str]
    place_recipient_events: frozenset[str]
    pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    collective_nouns: frozenset[str]
    reciprocal: frozenset[str]
    recipient_preps: frozenset[str]
    place_preps: frozenset[str]
    agent_preps: frozenset[str]
    of_actor: frozenset[str]
    referring_nouns: frozenset[str]
    toll_verbs: frozenset[str]
    dyadic_events: frozenset[str]
    violent_modifiers: frozenset[str]
    happening_heads: frozenset[str]
    responsibility_verbs: frozenset[str]
    attempt_verbs: frozenset[str]
    shoot_down_verbs: frozenset[str]
    inverted_condition_words: frozenset[str]
    sport_terms: frozenset[str]
    deadline_preps: frozenset[str]
    word_sets: dict[str, frozenset[str]]  # the named lists of the trigger table's needs ("@explosives")


def _parse_needs(text: str, word_sets: dict[str, list[str]]) -> tuple[tuple[Condition, ...], ...]:
    """``"obj:@ties|prep:off"`` -> alternatives of conditions; ``@name`` expands to a word set.

    >>> _parse_needs("obj:cease&gov:declare,announce|xcomp", {}) == (
    ...     (("obj", frozenset({"cease"})), ("gov", frozenset({"announce", "declare"}))), (("xcomp", frozenset()),))
    True
    """
    alternatives = []
    for alternative in (a for a in text.split("|") if a):
        conditions = []
        for condition in alternative.split("&"):
            kind, _, words = condition.partition(":")
            expanded: set[str] = set()
            for word in (w.strip() for w in words.split(",") if w.strip()):
                expanded.update(word_sets[word[1:]] if word.startswith("@") else [word])
            conditions.append((kind, frozenset(expanded)))
        alternatives.append(tuple(conditions))
    return tuple(alternatives)


@lru_cache(maxsize=1)
def lexicon() -> EventsLexicon:
    """The trigger table and word lists, read once."""
    data = load_json("events_lexicon.json")
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    for row in read_table("events_triggers.tsv"):
        lemma, pos, event = row[0].lower(), row[1].upper(), row[2].upper()
        mode = row[3] if len(row) > 3 and row[3] else None
        needs = row[4] if len(row) > 4 else ""
        rule = TriggerRule(lemma, pos, event, mode, _parse_needs(needs.lstrip("+"), data["word_sets"]),
                           also=needs.startswith("+"))  # fmt: skip
        rules.setdefault((lemma, pos), []).append(rule)
    sets = {name: frozenset(data[name]) for name in EventsLexicon.__dataclass_fields__
            if name not in ("triggers", "word_sets")}  # fmt: skip
    return EventsLexicon(
        triggers={key: tuple(value) for key, value in rules.items()},
        word_sets={name: frozenset(words) for name, words in data["word_sets"].items()}, **sets
    )
