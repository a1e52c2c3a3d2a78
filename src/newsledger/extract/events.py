"""Events: political events in the PLOVER 2.0 ontology (type, mode, actor, recipient, date, place, size).

A trigger is a verb or noun from ``resources/events_triggers.tsv`` ("massacred", "called for",
"withdrawal", "clashes"); ``resources/events_lexicon.json`` holds the other word lists. For each trigger:

- **Clause.** A verb is its own clause head. A noun takes the verb that makes it happen: the subject of
  an occurrence verb ("clashes erupted"), the object of a light verb ("launched attacks", "committed the
  genocide"); the trigger span then covers both when they are adjacent. Other nouns stand alone.
- **Actor and recipient.** The subject (or the "by" agent of a passive) is the actor, the object (or the
  subject of a passive, or a prepositional object: "attacks on civilians") the recipient. A clause with
  no subject of its own borrows it from the verb it depends on ("Armenia committed ..., killing"), or
  that verb's object when it has one ("thanked Pakistan for standing", "urged Armenia to withdraw").
  A noun takes its possessor or a country adjective as actor ("the Armenian offensive"). Coordinated
  participants of reciprocal events split into actor and recipient ("Azerbaijan and Armenia signed"),
  and "the two countries" / "both" stand for the last two countries named together. Participants map
  to ledger entities (:func:`newsledger.extract.entities.entity_at`) for country and sector.
- **Date, place, size.** The date is the DATE expression of the sentence attached to the clause
  (``ledger.times``); the place is a ``ledger.places`` toponym attached to it ("in Khojaly") or
  modifying the noun ("the Khojaly genocide"); the size takes the sentence's casualty figures
  (``ledger.figures`` with a category), the most precise of each kind.
- **Modality.** negated ("did not attack", "failed to implement"), hypothetical ("if", "would"), demanded
  (the complement of a request: "called for the withdrawal"), threatened ("threatened to withdraw"),
  future ("will withdraw"), else asserted.
- **One happening, one event.** Mentions of the same type whose participants, dates, places and modes
  agree are merged when they are in the same sentence, share a participant or place within two
  sentences, or share a place or exact date anywhere; the most specific mention (precise date, a verb)
  gives the trigger, the others go to ``mentions``. Bare nouns with nothing to anchor them (no date,
  place, size or participant) are not events.

Example::

    >>> ledger = analyze("On May 2, 2020, rebels attacked the town of Ashford.")  # doctest: +SKIP
    >>> [(e.event, e.trigger.text, e.actor.name, e.date.value) for e in ledger.events]  # doctest: +SKIP
    [('ASSAULT', 'attacked', 'rebels', '2020-05-02')]
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from newsledger.countries import lookup as country_lookup
from newsledger.countries import read_table
from newsledger.extract.entities import entity_at
from newsledger.model import EntityRef, Event, EventDate, EventPlace, Figure, Ledger, Place, Span, TimeExpr

NEAR_SENTENCES = 2
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "us", "them", "him", "her", "this", "that", "these"}
_NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_MODALITY_ORDER = ("negated", "hypothetical", "demanded", "threatened", "future", "asserted")


# --- lexicons ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TriggerRule:
    """One row of ``events_triggers.tsv``."""

    lemma: str
    pos: str
    event: str
    mode: str | None
    needs: tuple[str, ...]


@dataclass(frozen=True)
class EventsLexicon:
    triggers: dict[tuple[str, str], tuple[TriggerRule, ...]]
    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    future_words: frozenset[str]
    hypothetical_words: frozenset[str]
    negation_verbs: frozenset[str]
    threat_verbs: frozenset[str]
    demand_verbs: frozenset[str]
    collective_nouns: frozenset[str]
    size_keys: dict[str, str]
    reciprocal: frozenset[str]
    recipient_preps: frozenset[str]
    place_preps: frozenset[str]
    agent_preps: frozenset[str]
    of_actor: frozenset[str]
    toll_events: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> EventsLexicon:
    """The trigger table and word lists, read once."""
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    for row in read_table("events_triggers.tsv"):
        lemma, pos, event = row[0].lower(), row[1].upper(), row[2].upper()
        mode = row[3] if len(row) > 3 and row[3] else None
        needs = tuple(n for n in row[4].split("|") if n) if len(row) > 4 else ()
        rules.setdefault((lemma, pos), []).append(TriggerRule(lemma, pos, event, mode, needs))
    data = json.loads(files("newsledger").joinpath("resources", "events_lexicon.json").read_text("utf-8"))
    sets = {name: frozenset(data[name]) for name in EventsLexicon.__dataclass_fields__
            if name not in ("triggers", "size_keys")}  # fmt: skip
    return EventsLexicon(
        triggers={key: tuple(value) for key, value in rules.items()}, size_keys=dict(data["size_keys"]), **sets
    )


# --- working records -----------------------------------------------------------------------------------


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


def _tokens_span(doc, start: int, end: int) -> Span:
    piece = doc[start:end]
    return Span(piece.start_char, piece.end_char, doc.text[piece.start_char : piece.end_char])


# --- finding triggers ----------------------------------------------------------------------------------


def _needs_met(token, needs: tuple[str, ...]) -> frozenset[int] | None:
    """None unless ``token`` has what the rule asks for (any one alternative suffices); else the tokens
    that completed it (the object of an "obj:" need), which are part of the trigger, not participants."""
    if not needs:
        return frozenset()
    for need in needs:
        kind, _, word = need.partition(":")
        if kind == "prep" and any(c.dep_ in ("prep", "prt", "agent") and c.lower_ == word for c in token.children):
            return frozenset()
        if kind == "xcomp" and any(c.dep_ == "xcomp" for c in token.children):
            return frozenset()
        if kind == "obj":
            hits = frozenset(t.i for t in _objects(token) if t.lemma_.lower() == word)
            if hits:
                return hits
    return None


def _objects(token) -> Iterable:
    """Direct objects, objects of prepositions and (for nouns) modifiers: what "obj:" needs look at."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "attr", "oprd", "compound", "amod", "nsubjpass"):
            yield child
            yield from (c for c in child.children if c.dep_ == "compound")
        elif child.dep_ in ("prep", "prt"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def _rule_for(token) -> tuple[TriggerRule, frozenset[int]] | None:
    """The trigger rule a token matches, if any, with the tokens that complete it.

    Adjectival participles are states, not events: "Russia-brokered", "a territory recognized as ...".
    """
    if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound") and not (
        token.dep_ == "acl" and token.tag_ == "VBN"
    ):
        pos = "VERB"
    elif token.pos_ == "NOUN" and token.dep_ not in ("compound", "amod"):
        pos = "NOUN"
    else:
        return None
    for rule in lexicon().triggers.get((token.lemma_.lower(), pos), ()):
        complements = _needs_met(token, rule.needs)
        if complements is not None:
            return rule, complements
    return None


def _clause_of_noun(token) -> tuple[object, tuple[int, int]]:
    """The verb a nominal trigger happens through (occurrence or light verb) and the trigger's token range."""
    words = lexicon()
    verb = token.head
    lemma = verb.lemma_.lower()
    if token.dep_ in ("nsubj", "nsubjpass") and lemma in words.occurrence_verbs and verb.pos_ == "VERB":
        return verb, (token.i, verb.i + 1) if verb.i - token.i <= 2 else (token.i, token.i + 1)
    if token.dep_ in ("dobj", "obj") and lemma in words.light_verbs and verb.pos_ == "VERB":
        return verb, (verb.i, token.i + 1) if token.i - verb.i <= 3 else (token.i, token.i + 1)
    return token, (token.i, token.i + 1)


def find_mentions(doc) -> list[_Mention]:
    """Every trigger of the document with its clause head, in text order."""
    sentence_index = {sent.start: n for n, sent in enumerate(doc.sents)}
    found: list[_Mention] = []
    consumed: set[int] = set()
    for token in doc:
        matched = _rule_for(token)
        if matched is None or token.i in consumed:
            continue
        rule, complements = matched
        if rule.pos == "VERB":
            head, span = token, (token.i, token.i + 1)
            particle = next((c for c in token.children if c.dep_ in ("prep", "prt") and c.i == token.i + 1
                             and any(n == f"prep:{c.lower_}" for n in rule.needs)), None)  # fmt: skip
            if particle is not None:
                span = (token.i, particle.i + 1)
            # A noun that completes the verb ("signed an agreement") is not an event of its own.
            consumed.update(complements)
        else:
            head, span = _clause_of_noun(token)
            if head.i != token.i and _rule_for(head) is not None:
                continue  # "signed an agreement": the verb is the trigger
        found.append(_Mention(token, head, span, rule.event, rule.mode, rule.pos == "NOUN",
                              sentence_index[token.sent.start], complements=complements))  # fmt: skip
    return [m for m in found if m.token.i not in consumed or not m.nominal]


# --- participants --------------------------------------------------------------------------------------


def _phrase(token) -> tuple[int, int]:
    """The token range of the noun phrase headed by ``token``, without determiners and clauses."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nummod", "poss", "nmod", "quantmod") or child.pos_ == "PROPN":
            left = min(left, child.left_edge.i)
    right = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            right = max(right, child.right_edge.i + 1)
        elif child.dep_ == "compound":
            right = max(right, child.i + 1)
    doc = token.doc
    while left < right - 1 and (doc[left].dep_ == "det" or doc[left].tag_ == "POS" or doc[left].is_punct):
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
    start, end = _phrase(token)
    span = _tokens_span(doc, start, end)
    entity = entity_at(ledger, token.idx, token.idx + len(token.text))
    if entity is not None and entity.type in ("GPE", "LOC", "FAC") and token.pos_ != "PROPN":
        entity = None  # a common noun modified by a country ("Armenian aggression") is not the country
    if entity is None:
        # An abstract head with an entity as possessor or modifier: "Azerbaijan's position", "Armenian aggression".
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound") and child.i < token.i:
                inner = entity_at(ledger, child.idx, child.idx + len(child.text))
                if inner is not None and child.lower_ not in _PRONOUNS:
                    return EntityRef(name=inner.name, entity=inner.id, country=inner.country, sector=inner.sector,
                                     mention=_tokens_span(doc, *_phrase(child)))  # fmt: skip
    if token.lower_ in _PRONOUNS and entity is None:
        return None
    country = (entity.country if entity else None) or _country_in(doc, start, end, ledger)
    if entity is None and country is None and token.pos_ != "PROPN":
        return None
    return EntityRef(name=entity.name if entity else span.text, entity=entity.id if entity else None,
                     country=country, sector=entity.sector if entity else None, mention=span)  # fmt: skip


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


def _subject(head) -> tuple[object | None, bool]:
    """(subject token, passive?) of a clause head, borrowed from the governing verb when it has none."""
    for child in head.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child, False
        if child.dep_ == "nsubjpass":
            return child, True
    if head.dep_ in ("xcomp", "pcomp", "advcl", "conj", "acl") and head.head.i != head.i:
        governor = head.head
        if head.dep_ == "pcomp":
            governor = governor.head  # "thanked Pakistan for standing": prep -> verb
        if head.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN"):
            return governor, False  # "forces occupying the region"
        if head.dep_ in ("xcomp", "pcomp"):
            obj = next((c for c in governor.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj, False  # object control: "urged Armenia to withdraw"
        if governor.pos_ in ("VERB", "AUX"):
            subject, passive = _subject(governor)
            return subject, passive and head.dep_ == "conj"
    return None, False


def _agent(head):
    for child in head.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _verbal_participants(mention: _Mention) -> tuple[object | None, object | None]:
    """(actor token, recipient token) of a verbal clause: subject and object, or agent and subject."""
    head = mention.head
    subject, passive = _subject(head)
    if passive:
        actor, recipient = _agent(head), subject
    else:
        actor = subject
        recipient = next((c for c in head.children if c.dep_ in ("dobj", "obj", "dative")
                          and c.i not in mention.complements and c.i != mention.token.i), None)  # fmt: skip
        if mention.event == "RETREAT" and recipient is not None:
            recipient = None  # "withdrew its troops": the object is the actor's own
    if recipient is None:
        recipient = _prep_object(head, lexicon().recipient_preps, mention.complements)
    if mention.nominal and mention.token.i != head.i and recipient is None:
        recipient = _prep_object(mention.token, lexicon().recipient_preps | {"for"}, mention.complements)
    return actor, recipient


def _prep_object(token, preps: frozenset[str], skip: frozenset[int] = frozenset()):
    """The object of the first preposition of ``preps`` hanging on ``token``."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((c for c in child.children if c.dep_ == "pobj" and c.i not in skip), None)
            if obj is not None:
                return obj
    return None


def _nominal_participants(mention: _Mention) -> tuple[object | None, object | None]:
    """(actor token, recipient token) of a noun: possessor or country adjective, "by"; "on", "against"."""
    words = lexicon()
    token = mention.token
    actor = next((c for c in token.children if c.dep_ == "poss"), None)
    if actor is None:
        actor = next((c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i
                      and country_lookup(c.text) is not None and c.text[:1].isupper()), None)  # fmt: skip
    if actor is None:
        actor = _prep_object(token, words.agent_preps)
    of_object = _prep_object(token, frozenset({"of"}))
    recipient = _prep_object(token, words.recipient_preps | {"for"})
    if f"{mention.event}/{mention.mode}" in words.of_actor:
        actor = actor or of_object
    else:
        recipient = recipient or of_object
    return actor, recipient


def _participants(mention: _Mention, ledger: Ledger) -> None:
    """Fill actor and recipient; the two sides of a reciprocal event split into actor and recipient."""
    if mention.nominal and mention.head.i == mention.token.i:
        actor_token, recipient_token = _nominal_participants(mention)
    else:
        actor_token, recipient_token = _verbal_participants(mention)
        if actor_token is None and mention.nominal:
            actor_token = _nominal_participants(mention)[0]
    mention.recipient = _entity_ref(recipient_token, ledger) if recipient_token is not None else None
    if actor_token is None:
        return
    pair = _collective_pair(actor_token, ledger)
    if pair is None:
        mention.actor = _entity_ref(actor_token, ledger)
        conj = next((c for c in actor_token.children if c.dep_ == "conj"), None)
        second = _entity_ref(conj, ledger) if conj is not None else None
    else:
        mention.actor, second = pair
    if second is not None and mention.recipient is None and mention.event in lexicon().reciprocal:
        mention.recipient = second


# --- date, place, size, modality -----------------------------------------------------------------------


def _ancestors(token) -> list:
    chain = []
    while token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def _attached(root, head) -> int | None:
    """How many steps up from ``root`` the clause ``head`` is; or, for "1991, when X occupied", how many
    steps up from ``head`` the time is through a relative clause. None when unrelated."""
    if root.i == head.i:
        return 0
    chain = [t.i for t in _ancestors(root)]
    if head.i in chain:
        return chain.index(head.i) + 1
    up = _ancestors(head)
    above = [t.i for t in up]
    if root.i in above and any(t.dep_ == "relcl" for t in [head, *up[: above.index(root.i)]]):
        return above.index(root.i) + 1
    return None


def _date(mention: _Mention, ledger: Ledger) -> TimeExpr | None:
    """The DATE expression of the trigger's sentence that hangs on its clause, nearest first."""
    doc = mention.token.doc
    sent = mention.token.sent
    best: tuple[int, TimeExpr] | None = None
    for time in ledger.times:
        if time.type not in ("DATE", "TIME") or not (sent.start_char <= time.span.start < sent.end_char):
            continue
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None:
            continue
        steps = _attached(span.root, mention.head)
        if steps is None and mention.head.i != mention.token.i:
            steps = _attached(span.root, mention.token)
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, time)
    if best is None:
        return None
    mention.date_steps = best[0]
    return best[1]


def _place(mention: _Mention, ledger: Ledger) -> Place | None:
    """A toponym hanging on the clause through a place preposition, or modifying a nominal trigger."""
    doc = mention.token.doc
    sent = mention.token.sent
    words = lexicon()
    participants = {r.mention.start for r in (mention.actor, mention.recipient) if r and r.mention}
    best: tuple[int, Place] | None = None
    for place in ledger.places:
        if place.metonymic or not (sent.start_char <= place.span.start < sent.end_char):
            continue
        if place.span.start in participants:
            continue
        span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.head.i == mention.token.i and root.dep_ in ("compound", "nmod") and mention.nominal:
            steps = 0  # "the Khojaly genocide"
        elif root.dep_ == "pobj" and root.head.lower_ in words.place_preps:
            steps = _attached(root.head, mention.head)
            if steps is None and mention.head.i != mention.token.i:
                steps = _attached(root.head, mention.token)
        else:
            steps = None
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, place)
    return best[1] if best else None


def _precision(figure: Figure) -> tuple[int, int, int]:
    """Exact counts before ranges and hedged ones; whole tolls before the parts of them."""
    return (int(figure.part_of is None), int(figure.value is not None), int(not figure.approx))


def _assign_sizes(doc, mentions: list[_Mention], ledger: Ledger) -> None:
    """Give each casualty figure to the nearest toll-carrying trigger of its sentence ("613 ... were
    killed" -> killed); per mention and kind the most precise figure is kept."""
    words = lexicon()
    for figure in ledger.figures:
        key = words.size_keys.get(figure.category or "")
        span = doc.char_span(figure.span.start, figure.span.end, alignment_mode="expand") if key else None
        if span is None:
            continue
        sentence = span.sent.start
        candidates = [m for m in mentions if m.event in words.toll_events and m.token.sent.start == sentence]
        if not candidates:
            continue
        above = [t.i for t in _ancestors(span.root)]

        def closeness(m: _Mention, above=above, root=span.root) -> tuple[int, int]:
            # A trigger the figure hangs on ("killing hundreds") before one that is merely near.
            steps = above.index(m.token.i) if m.token.i in above else len(above) + 1
            return steps, abs(m.token.i - root.i)

        nearest = min(candidates, key=closeness)
        if key not in nearest.sizes or _precision(figure) > _precision(nearest.sizes[key]):
            nearest.sizes[key] = figure


def _governors(head) -> Iterable:
    """The verbs a clause head depends on through complements (xcomp, ccomp, pcomp, prep)."""
    token = head
    while token.head.i != token.i and token.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "conj"):
        token = token.head
        yield token


def _modality(mention: _Mention) -> str:
    words = lexicon()
    head = mention.head
    found = set()
    chain = [head, *(_governors(head) if head.dep_ != "ROOT" else [])]
    for child in head.children:
        if child.dep_ == "neg":
            found.add("negated")
        if child.dep_ == "aux" and child.lower_ in words.future_words:
            found.add("future")
        if child.dep_ == "aux" and child.lower_ in words.hypothetical_words:
            found.add("hypothetical")
    for token in [head, *_ancestors(head)]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            found.add("hypothetical")
            break
        if token.dep_ in ("ROOT", "ccomp"):
            break
    for governor in chain[1:]:
        lemma = governor.lemma_.lower()
        if governor.pos_ not in ("VERB", "AUX"):
            continue
        if lemma in words.negation_verbs:
            found.add("negated")
        elif lemma in words.threat_verbs:
            found.add("threatened")
        elif lemma in words.demand_verbs:
            found.add("demanded")
        elif lemma in words.future_words:
            found.add("future")
        if any(c.dep_ == "neg" for c in governor.children) and lemma not in words.demand_verbs:
            found.add("negated")
        break  # only the nearest governing verb decides
    return next((m for m in _MODALITY_ORDER if m in found), "asserted")


# --- merging mentions of one happening -----------------------------------------------------------------


def _date_key(value: str) -> str:
    return value.split("/")[0]


def _dates_agree(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    if a is None or b is None:
        return True
    x, y = _date_key(a.value), _date_key(b.value)
    return x.startswith(y) or y.startswith(x)


def _countries_agree(a: EntityRef | None, b: EntityRef | None) -> bool:
    return a is None or b is None or a.country is None or b.country is None or a.country == b.country


def _places_agree(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    return a.name == b.name or (a.feature != "city" or b.feature != "city") and a.country == b.country


def _shares_participant(a: _Mention, b: _Mention) -> bool:
    countries_a = {r.country for r in (a.actor, a.recipient) if r and r.country}
    countries_b = {r.country for r in (b.actor, b.recipient) if r and r.country}
    return bool(countries_a & countries_b)


def _same_happening(cluster: list[_Mention], mention: _Mention) -> bool:
    """Whether ``mention`` describes the happening the mentions of ``cluster`` describe."""
    for other in cluster:
        if other.event != mention.event or other.modality != mention.modality:
            return False
        if other.mode and mention.mode and other.mode != mention.mode:
            return False
        if not (_dates_agree(other.time, mention.time) and _places_agree(other.place, mention.place)):
            return False
        if not (_countries_agree(other.actor, mention.actor) and _countries_agree(other.recipient, mention.recipient)):
            return False
    last = cluster[-1]
    if last.sentence == mention.sentence:
        return True
    same_place = any(o.place and mention.place and o.place.name == mention.place.name for o in cluster)
    same_date = any(o.time and mention.time and o.time.value == mention.time.value for o in cluster)
    if same_place or same_date:
        return True
    near = mention.sentence - last.sentence <= NEAR_SENTENCES
    return near and (any(_shares_participant(o, mention) for o in cluster) or _refers_back(mention))


def _refers_back(mention: _Mention) -> bool:
    """A mention that adds nothing of its own points back to the happening just told: "During the
    attack, 40 people were killed" (a definite noun, or no participant, date or place of its own)."""
    if mention.nominal and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in mention.token.children):
        return True
    return not (mention.actor or mention.recipient or mention.time or mention.place)


def _cluster(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Group mentions of one happening; a mention joins the most recently extended matching group."""
    clusters: list[list[_Mention]] = []
    for mention in mentions:
        recent_first = sorted(clusters, key=lambda c: c[-1].token.i, reverse=True)
        target = next((c for c in recent_first if _same_happening(c, mention)), None)
        if target is None:
            clusters.append([mention])
        else:
            target.append(mention)
    return clusters


def _specificity(mention: _Mention) -> tuple:
    """The mention that best names the happening: the most precise date, the clause that date modifies
    directly ("clashes erupted on September 27" over "launched attacks" in the main clause), a verb,
    a known actor, the earliest."""
    date_length = len(mention.time.value) if mention.time else 0
    return (date_length, -mention.date_steps, not mention.nominal, mention.actor is not None, -mention.token.i)


def _anchored(cluster: list[_Mention]) -> bool:
    """Whether anything ties the happening down (bare "the agreement" is not an event)."""
    return any(
        not m.nominal or m.head.i != m.token.i or m.time or m.place or m.sizes or m.actor or m.recipient
        or m.demanded_by
        for m in cluster
    )  # fmt: skip


def _to_event(cluster: list[_Mention], number: int, doc) -> Event:
    primary = max(cluster, key=_specificity)
    others = sorted((m for m in cluster if m is not primary), key=lambda m: m.span[0])
    time = max((m.time for m in cluster if m.time), key=lambda t: len(t.value), default=None)
    place = primary.place or next((m.place for m in cluster if m.place), None)
    actor = primary.actor or next((m.actor for m in cluster if m.actor), None)
    recipient = primary.recipient or next((m.recipient for m in cluster if m.recipient), None)
    sizes: dict[str, Figure] = {}
    for mention in cluster:
        for key, figure in mention.sizes.items():
            if key not in sizes or _precision(figure) > _precision(sizes[key]):
                sizes[key] = figure
    return Event(
        id=f"evt-{number}",
        event=primary.event,
        trigger=_tokens_span(doc, *primary.span),
        mode=primary.mode,
        mentions=tuple(_tokens_span(doc, *m.span) for m in others),
        actor=actor,
        recipient=recipient,
        date=EventDate(value=time.value, time=time.id) if time else None,
        place=EventPlace(name=place.name, place=place.id) if place else None,
        size={key: figure.id for key, figure in sizes.items()},
        modality=primary.modality,  # type: ignore[arg-type]
    )


# --- the extractor -------------------------------------------------------------------------------------


def _link_demands(mentions: list[_Mention]) -> None:
    """A REQUEST's demanded event ("called for the withdrawal"): its recipient is who must act."""
    by_token = {m.token.i: m for m in mentions}
    for mention in mentions:
        if mention.modality != "demanded":
            continue
        for governor in _governors(mention.head):
            request = by_token.get(governor.i)
            if request is not None and request.event == "REQUEST":
                mention.demanded_by = request
                if request.recipient is None and mention.actor is not None:
                    request.recipient = mention.actor
                break


def extract(doc, ledger: Ledger) -> list[Event]:
    """Event records for the PLOVER events of ``doc`` (ids ``evt-1`` ... in text order)."""
    if not doc.text.strip() or not doc.has_annotation("DEP"):
        return []
    mentions = find_mentions(doc)
    for mention in mentions:
        _participants(mention, ledger)
        mention.time = _date(mention, ledger)
        mention.place = _place(mention, ledger)
        mention.modality = _modality(mention)
    _assign_sizes(doc, mentions, ledger)
    _link_demands(mentions)
    clusters = [c for c in _cluster(mentions) if _anchored(c)]
    events = sorted((_to_event(cluster, 0, doc) for cluster in clusters), key=lambda e: e.trigger.start)
    return [dataclasses.replace(event, id=f"evt-{n}") for n, event in enumerate(events, start=1)]
