"""What a participant phrase names: its extent, the entity or country it refers to, the speaker or
subject a pronoun stands for, and the pair of countries "the two countries" stands for.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsledger.extract.entities import entity_at
from newsledger.extract.entities import lexicon as entity_lexicon
from newsledger.extract.events.records import _tokens_span
from newsledger.extract.events.vocabulary import lexicon
from newsledger.knowledge.actors import agent_sector
from newsledger.knowledge.countries import lookup as country_lookup
from newsledger.knowledge.people import names_people, names_persons
from newsledger.model import EntityRef, Ledger, Place

_NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
NO_PARTY_SECTORS = frozenset({"PPL"})
"""Agent sectors that name no party: "people" is anyone."""


def _phrase(token) -> tuple[int, int]:
    """The token range of the noun phrase headed by ``token``, without determiners and clauses."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nummod", "poss", "nmod", "quantmod") or child.pos_ == "PROPN":
            left = min(left, child.left_edge.i)
    right = token.i + 1
    for child in token.rights:
        # "the withdrawal of armed forces", not "accused the community of waging war": an act is no name
        act = any(c.dep_ == "pcomp" for c in child.children) or (
            child.i + 1 < len(token.doc) and token.doc[child.i + 1].tag_ == "VBG")
        if child.dep_ == "prep" and child.lower_ == "of" and not act:
            right = max(right, child.right_edge.i + 1)
        elif child.dep_ == "compound":
            right = max(right, child.i + 1)
    doc = token.doc
    while left < right - 1 and (doc[left].dep_ == "det" or doc[left].tag_ in ("POS", "PDT") or doc[left].is_punct
                                or doc[left].lower_ == "such"):
        left += 1
    while right - 1 > left and (doc[right - 1].is_punct or doc[right - 1].tag_ == "POS"):
        right -= 1
    return left, right


def _country_in(doc, start: int, end: int, ledger: Ledger) -> str | None:
    """A country the words of a phrase name: a place in it, a country name or demonym among its tokens."""
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    for place in ledger.places:
        if first <= place.span.start and place.span.end <= last and place.country:
            return place.country
    for token in doc[start:end]:
        match = country_lookup(token.text) if token.text[:1].isupper() else None
        if match and match.kind in ("name", "demonym"):
            return match.code
    return None


def _entity_ref(token, ledger: Ledger) -> EntityRef | None:
    """An EntityRef for the participant headed by ``token`` (None for pronouns nobody resolved, or
    common nouns that name no entity and no country)."""
    doc = token.doc
    if token.ent_type_ in _NOT_PARTICIPANTS:
        return None
    if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon().word_sets["gatherings"]:
        return None  # "at a Retired American Warriors conference": where it happened, not who took part
    start, end = _phrase(token)
    span = _tokens_span(doc, start, end)
    entity = entity_at(ledger, token.idx, token.idx + len(token.text))
    if entity is not None and entity.type in ("GPE", "LOC", "FAC") and token.pos_ != "PROPN":
        entity = None  # a common noun modified by a country ("Armenian aggression") is not the country
    if entity is None:
        # An abstract head with an entity as possessor or modifier: "Azerbaijan's position", "Armenian aggression";
        # a person or group by what it is keeps its own words and takes the country: "a U.S. official".
        agent = _agent_ref(token, span)
        if agent is None and token.pos_ == "NOUN" and names_people(token.lemma_):
            agent = EntityRef(name=span.text, mention=span)  # "a German man": someone, not Germany
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < token.i:
                inner = entity_at(ledger, child.idx, child.idx + len(child.text))
                if inner is not None and child.lower_ not in lexicon().pronouns:
                    if agent is not None and inner.type in ("GPE", "NORP"):
                        return EntityRef(name=span.text, country=inner.country, sector=agent.sector, mention=span)
                    return EntityRef(name=inner.name, entity=inner.id, country=inner.country, sector=inner.sector,
                                     mention=_tokens_span(doc, *_phrase(child)))  # fmt: skip
    if entity is not None and token.lower_ in _PERSONAL and entity.type != "PERSON":
        entity = None  # "charges he threatened ...": the entities tied "he" to an office; he is a person
    if token.lower_ in lexicon().pronouns and entity is None:
        return _pronoun_ref(token, ledger) if token.lower_ in lexicon().personal_pronouns else None
    country = (entity.country if entity else None) or _country_in(doc, start, end, ledger)
    if country is None and entity is None and token.pos_ == "NOUN":
        # "Opposition groups in Zimbabwe", "Security forces in Guinea": a group and where it is
        for place in (c for p in token.children if p.dep_ == "prep" and p.lower_ in ("in", "from")
                      for c in p.children if c.dep_ == "pobj"):  # fmt: skip
            country = _country_in(doc, *_phrase(place), ledger)
            if country:
                break
    if entity is None and country is None and token.pos_ != "PROPN":
        return _agent_ref(token, span)
    return EntityRef(name=entity.name if entity else span.text, entity=entity.id if entity else None,
                     country=country, sector=entity.sector if entity else None, mention=span)  # fmt: skip


def _speaker_of(verb, ledger: Ledger) -> EntityRef | None:
    """The resolved speaker of the attribution whose cue is ``verb`` ("He claimed ..." -> the ambassador)."""
    for attribution in ledger.attributions:
        cue = attribution.cue
        if cue is not None and cue.start <= verb.idx < cue.end and attribution.speaker is not None:
            return attribution.speaker
    return None


_PERSONAL = frozenset({"he", "she", "him", "her", "his"})
_IMPERSONAL = frozenset({"it", "its"})


def _agrees(pronoun, ref: EntityRef | None, ledger: Ledger) -> bool:
    """Whether a pronoun can stand for ``ref``: "he" and "she" for a named person, "it" for anything else
    ("charges he threatened ..., the Attorney's Office announced": "he" is not the office)."""
    if ref is None:
        return False
    entity = ledger.entity(ref.entity) if ref.entity else None
    if pronoun.lower_ in _PERSONAL:  # a person the article names, not a body or a role noun
        return entity is not None and entity.type == "PERSON"
    if entity is None:
        return True
    if pronoun.lower_ in _IMPERSONAL:
        return entity.type != "PERSON"
    return True


def _pronoun_ref(token, ledger: Ledger) -> EntityRef | None:
    """Who a subject pronoun stands for: the speaker the attribution extractor resolved for the clause's
    verb of saying, else the subject of the clause it is reported in ("Syria says it is willing to withdraw",
    "Armenia occupied ..., and it committed war crimes"); only someone the pronoun agrees with."""
    ref = _pronoun_antecedent(token, ledger)
    return ref if _agrees(token, ref, ledger) else None


def _pronoun_antecedent(token, ledger: Ledger) -> EntityRef | None:
    clause = token.head
    for _ in range(4):
        speaker = _speaker_of(clause, ledger)
        if speaker is not None and token.dep_ in ("nsubj", "nsubjpass") and token.head.i == clause.i:
            return speaker
        if clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acomp") or clause.head.i == clause.i:
            return None
        shared = clause.dep_ == "conj"
        clause = clause.head
        if shared and token.dep_ in ("dobj", "obj", "dative"):
            # "arrested the protesters and charged them": not the subject the two verbs share, its object
            obj = next((c for c in clause.children if c.dep_ in ("dobj", "obj")), None)
            return _entity_ref(obj, ledger) if obj is not None and obj.lower_ not in lexicon().pronouns else None
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ not in lexicon().pronouns:
            return _entity_ref(subject, ledger)
        if subject is not None:
            speaker = _speaker_of(clause, ledger)
            if speaker is not None:
                return speaker
    return None


def _first_ref(tokens: Iterable, ledger: Ledger) -> EntityRef | None:
    """The first of ``tokens`` that names a participant (an entity or a country)."""
    for token in tokens:
        if token is None:
            continue
        ref = _entity_ref(token, ledger)
        if ref is not None and (ref.entity or ref.country):
            return ref
    return None


def _collective_pair(token, ledger: Ledger) -> tuple[EntityRef, EntityRef] | None:
    """"the two countries", "both sides", "Both": the last two countries the article named together."""
    words = lexicon()
    lemma = token.lower_ if token.lower_ == "both" else token.lemma_.lower()
    if lemma not in words.collective_nouns:
        return None
    if lemma != "both" and not any(c.lower_ in ("two", "both") for c in token.children):
        return None
    doc = token.doc
    countries = [p for p in ledger.places if p.feature == "country" and p.country and p.span.end <= token.idx]
    by_sentence: dict[int, list[Place]] = {}
    for place in countries:
        by_sentence.setdefault(doc.char_span(place.span.start, place.span.end, alignment_mode="expand").sent.start,
                               []).append(place)  # fmt: skip
    for start in sorted(by_sentence, reverse=True):
        distinct: list[Place] = []
        for place in by_sentence[start]:
            if place.country not in {p.country for p in distinct}:
                distinct.append(place)
        if len(distinct) >= 2:
            return tuple(  # type: ignore[return-value]
                EntityRef(name=p.name, entity=p.entity, country=p.country, mention=p.span) for p in distinct[:2]
            )
    return None


def _named(ref: EntityRef | None) -> bool:
    return ref is not None and bool(ref.entity or ref.country)


def _agent_ref(token, span) -> EntityRef | None:
    """A party named by what it is, not by name: "the rebels", "riot police", "gunmen", "civilians" take
    the sector their noun gives (PETRARCH's agents), "the general", "the minister" their title's; "people"
    and other nouns name no party."""
    if token.pos_ != "NOUN":
        return None
    modifiers = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    for phrase in (" ".join([*modifiers[-1:], token.lemma_.lower()]), token.lemma_.lower()):
        title = entity_lexicon().titles.get(tuple(phrase.split()))
        sector = title.sector if title is not None and title.sector else agent_sector(phrase)
        if sector is not None and sector not in NO_PARTY_SECTORS:
            return EntityRef(name=span.text, sector=sector, mention=span)
    if names_persons(token.lemma_) and token.lemma_.lower() not in _ANYONE:
        return EntityRef(name=span.text, mention=span)  # "snipers", "a German man": someone, sector unknown
    return None


_ANYONE = frozenset({"people", "person", "man", "woman", "one", "someone"})
"""Person nouns that name no party on their own (a "German man" does, through his country)."""

