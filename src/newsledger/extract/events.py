"""Events: political events in the PLOVER 2.0 ontology (type, mode, actor, recipient, date, place, size).

A trigger is a verb or noun from ``resources/events_triggers.tsv`` ("massacred", "called for",
"withdrawal", "clashes"; its header records the manual's hard cases); ``resources/events_lexicon.json``
holds the other word lists. Three constructions are events without a trigger word: an obligation told by
a verb of saying ("Russia said Sudan must return the helicopter": REQUEST), an allegation of wrongdoing
("He claimed that Armenia committed war crimes": ACCUSE 'allege') and a negated promise ("will not
accept": REJECT). For each trigger:

- **Clause.** A verb is its own clause head. A noun takes the verb that makes it happen: the subject of
  an occurrence verb ("clashes erupted"), the object of a light verb ("launched attacks"), a frame ("arrived
  on a visit", "declared a state of siege"); the trigger span then covers both when they are adjacent. A
  noun that is what another event's verb is about ("rejected the call") is that event's content, and what a
  protest demands is not an event of its own (it tells whom the protest addresses).
- **Actor and recipient.** The subject (or the "by" agent of a passive) is the actor, the object (or the
  subject of a passive, or a prepositional object: "attacks on civilians") the recipient; else the party a
  phrase comes from or is aimed at ("an offer from Afghanistan"), the subject of a reported demand, or the
  country where the event takes place. A clause with no subject of its own borrows it from the verb it
  depends on ("Armenia committed ..., killing"), or that verb's object ("urged Armenia to withdraw"); a
  pronoun takes the resolved speaker of its verb of saying, or the reporting clause's subject. A noun takes
  its possessor or a country adjective as actor ("the Armenian offensive"). Coordinated participants of
  reciprocal events split into actor and recipient, and "the two countries" / "both" stand for the last two
  countries named together. Participants map to ledger entities for country and sector.
- **Date, place, size.** The DATE expression of the sentence attached to the clause (``ledger.times``), or
  the date of a happening the clause is dated by ("During the war, ..."); the place is a ``ledger.places``
  toponym attached to it ("in Khojaly", "in the town of Cizre") or modifying the noun ("the Khojaly
  genocide"); the size takes the sentence's casualty figures, the most precise of each kind.
- **Modality.** negated ("did not attack", "failed to implement"), hypothetical (a condition "if", a
  possibility "could", a purpose "to allow elections"), demanded ("called for the withdrawal", "must"),
  threatened ("threatened to withdraw"), future ("will", "would", "is ready to", "agreed to"), else asserted.
- **One happening, one event.** Mentions of the same type whose participants, dates, places and modes
  agree are merged when they are in the same sentence, share a participant or place within two
  sentences, or share a place or exact date anywhere; the most specific mention (precise date, a verb)
  gives the trigger, the others go to ``mentions``. Bare nouns with nothing to anchor them, and nouns told
  only as background ("after two days of fighting") with no date of their own, are not events.

Example::

    >>> ledger = analyze("On May 2, 2020, rebels attacked the town of Ashford.")  # doctest: +SKIP
    >>> [(e.event, e.trigger.text, e.actor.name, e.date.value) for e in ledger.events]  # doctest: +SKIP
    [('ASSAULT', 'attacked', 'rebels', '2020-05-02')]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from newsledger.countries import lookup as country_lookup
from newsledger.extract.entities import entity_at
from newsledger.extract.parsed import sentence_number, tokens
from newsledger.extract.parsed import text as doc_text
from newsledger.model import EntityRef, Event, EventDate, EventPlace, Figure, Ledger, Place, Span, TimeExpr
from newsledger.resources import load_json, read_table

NEAR_SENTENCES = 2
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_MODALITY_ORDER = ("negated", "hypothetical", "demanded", "threatened", "future", "asserted")


# --- lexicons ------------------------------------------------------------------------------------------


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
    demand_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    allegation_verbs: frozenset[str]
    wrongdoing_nouns: frozenset[str]
    wrongdoing_verbs: frozenset[str]
    acceptance_verbs: frozenset[str]
    background_preps: frozenset[str]
    frame_preps: frozenset[str]
    frame_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    complement_preps: frozenset[str]
    during_preps: frozenset[str]
    place_recipient_events: frozenset[str]
    pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    collective_nouns: frozenset[str]
    size_keys: dict[str, str]
    reciprocal: frozenset[str]
    recipient_preps: frozenset[str]
    place_preps: frozenset[str]
    agent_preps: frozenset[str]
    of_actor: frozenset[str]
    toll_events: frozenset[str]


def _parse_needs(text: str, word_sets: dict[str, list[str]]) -> tuple[tuple[Condition, ...], ...]:
    """``"obj:@ties|prep:off"`` -> alternatives of conditions; ``@name`` expands to a word set.

    >>> _parse_needs("obj:cease&gov:declare,announce|xcomp", {})
    ((('obj', frozenset({'cease'})), ('gov', frozenset({'announce', 'declare'}))), (('xcomp', frozenset()),))
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
    complement: object = None  # the clause a verb of saying reports (a demand, an allegation)
    topic_of: _Mention | None = None  # the protest whose demand this REQUEST is


def _tokens_span(doc, start: int, end: int) -> Span:
    piece = doc[start:end]
    return Span(piece.start_char, piece.end_char, piece.text)  # (doc.text rebuilds the whole text per call)


# --- finding triggers ----------------------------------------------------------------------------------


def _lemma(token) -> str:
    return token.lemma_.lower()


def _objects(token) -> Iterable:
    """Direct objects, objects of prepositions and (for nouns) modifiers: what "obj:" needs look at."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "attr", "oprd", "compound", "amod", "nsubjpass", "dative"):
            yield child
            yield from (c for c in child.children if c.dep_ in ("compound", "conj"))
            if _lemma(child) in lexicon().frame_nouns:  # "lifted a state of emergency"
                yield from _of_objects(child)
        elif child.dep_ in ("prep", "prt"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def _governing_verb(token):
    """The verb a noun is the object or subject of ("declared a ceasefire", "agreed to a ceasefire"), or None."""
    if token.dep_ in ("dobj", "obj", "nsubjpass", "nsubj", "attr", "conj") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
        return token.head.head
    return None


def _has_to_clause(token) -> bool:
    """Whether a noun has an infinitival complement: "an agreement to end the fighting"."""
    return any(c.dep_ in ("acl", "relcl", "xcomp") and any(a.lower_ == "to" for a in c.children)
               for c in token.children)  # fmt: skip


def _condition_met(token, kind: str, words: frozenset[str]) -> frozenset[int] | None:
    """None unless ``token`` meets one condition of a need; else the tokens that completed it (an object)."""
    if kind == "prep":
        hit = any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in words for c in token.children)
        return frozenset() if hit else None
    if kind == "xcomp":
        hit = any(c.dep_ == "xcomp" or (c.dep_ == "ccomp" and any(a.lower_ == "to" for a in c.children))
                  for c in token.children)  # fmt: skip
        return frozenset() if hit else None
    if kind == "of":  # "a state of emergency": the noun is what a frame noun is of
        frame = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
        return frozenset() if frame is not None and _lemma(frame) in words else None
    if kind == "gov":
        verb = _governing_verb(token)
        return frozenset() if verb is not None and _lemma(verb) in words else None
    if kind in ("obj", "objto"):
        hits = frozenset(t.i for t in _objects(token)
                         if t.lemma_.lower() in words and (kind == "obj" or _has_to_clause(t)))  # fmt: skip
        return hits or None
    return None


def _needs_met(token, rule: TriggerRule) -> frozenset[int] | None:
    """None unless ``token`` has what the rule asks for (any one alternative, all its conditions); else the
    tokens that completed it (the object of an "obj:" need), which are part of the trigger, not participants."""
    if not rule.needs:
        return frozenset()
    for alternative in rule.needs:
        found: set[int] = set()
        for kind, words in alternative:
            hits = _condition_met(token, kind, words)
            if hits is None:
                break
            found |= hits
        else:
            return frozenset(found)
    return None


def _trigger_pos(token) -> str | None:
    """VERB or NOUN when ``token`` can trigger an event. Adjectival participles are states, not events:
    "Russia-brokered", "a territory recognized as ..."."""
    if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound") and not (
        token.dep_ == "acl" and token.tag_ == "VBN"
    ):
        return "VERB"
    if token.pos_ == "NOUN" and token.dep_ not in ("compound", "amod"):
        return "NOUN"
    if token.pos_ == "PROPN" and token.dep_ not in ("compound", "amod") and any(
        c.dep_ == "det" for c in token.children
    ):
        return "NOUN"  # a named happening: "the Patriotic War"
    return None


_RULES_KEY = "newsledger.events.rules"


def _rules_for(token) -> list[tuple[TriggerRule, frozenset[int]]]:
    """The trigger rules a token matches, with the tokens that complete each: the first plain row whose
    needs are met, then every "also" row whose needs are met. Memoised per Doc (in ``Doc.user_data``): the
    rules are asked about the same tokens from several places."""
    memo = token.doc.user_data.setdefault(_RULES_KEY, {})
    if token.i not in memo:
        memo[token.i] = _match_rules(token)
    return memo[token.i]


def _match_rules(token) -> list[tuple[TriggerRule, frozenset[int]]]:
    pos = _trigger_pos(token)
    if pos is None:
        return []
    plain: tuple[TriggerRule, frozenset[int]] | None = None
    also: list[tuple[TriggerRule, frozenset[int]]] = []
    for rule in lexicon().triggers.get((_lemma(token), pos), ()):
        if plain is not None and not rule.also:
            continue
        complements = _needs_met(token, rule)
        if complements is None:
            continue
        if rule.also:
            also.append((rule, complements))
        else:
            plain = (rule, complements)
    return [plain, *also] if plain is not None else []


def _rule_for(token) -> tuple[TriggerRule, frozenset[int]] | None:
    """The main trigger rule a token matches, if any."""
    rules = [m for m in _rules_for(token) if not m[0].also]
    return rules[0] if rules else None


def _clause_of_noun(token) -> tuple[object, tuple[int, int]]:
    """The verb a nominal trigger happens through (occurrence or light verb) and the trigger's token range."""
    words = lexicon()
    if token.dep_ == "pobj" and token.head.lower_ == "of" and _lemma(token.head.head) in words.frame_nouns:
        frame = token.head.head  # "declared a state of siege", "a wave of arrests": the frame's clause
        head, span = _clause_of_noun(frame)
        return head, (min(span[0], frame.i), token.i + 1)
    verb = token.head
    lemma = _lemma(verb)
    if token.dep_ in ("nsubj", "nsubjpass") and lemma in words.occurrence_verbs and verb.pos_ == "VERB":
        return verb, (token.i, verb.i + 1) if verb.i - token.i <= 2 else (token.i, token.i + 1)
    light = lemma in words.light_verbs or verb.lower_ in words.light_verbs
    if token.dep_ in ("dobj", "obj") and light and verb.pos_ == "VERB" and not any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children
    ):
        return verb, (verb.i, token.i + 1) if token.i - verb.i <= 3 else (token.i, token.i + 1)
    if (token.dep_ == "pobj" and token.head.lower_ in words.frame_preps and token.head.head.pos_ == "VERB"
            and not _rules_for(token.head.head) and _lemma(token.head.head) not in words.speech_verbs):
        return token.head.head, (token.i, token.i + 1)  # "arrived on a visit", "went on strike"
    return token, (token.i, token.i + 1)


def _speech_mentions(doc, taken: set[int]) -> list[_Mention]:
    """Events told by a verb of saying through its complement clause (not trigger words of their own):

    - a demand: "Russia said that Sudan must return the helicopter" -> REQUEST, trigger "said";
    - an allegation: "He claimed that Armenia committed war crimes" -> ACCUSE 'allege', trigger "claimed".
    """
    words = lexicon()
    sentence_of = sentence_number(doc)
    found = []
    for token in tokens(doc):
        if token.pos_ != "VERB" or token.i in taken or _lemma(token) not in words.speech_verbs:
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        clauses += [c for clause in clauses for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for clause in clauses:
            event, mode = None, None
            if any(c.dep_ == "aux" and c.lower_ in words.demand_modals for c in clause.children):
                event = "REQUEST"
            elif _lemma(token) in words.allegation_verbs and _tells_wrongdoing(clause):
                event, mode = "ACCUSE", "allege"
            if event:
                found.append(_Mention(token, token, (token.i, token.i + 1), event, mode, False,
                                      sentence_of[token.i], complement=clause))  # fmt: skip
                taken.add(token.i)
                break
    return found


def _tells_wrongdoing(clause) -> bool:
    """"Armenia committed war crimes", "X violated the law": a clause that alleges a wrong."""
    words = lexicon()
    if _lemma(clause) in words.wrongdoing_verbs:
        return True
    return _lemma(clause) == "commit" and any(
        c.dep_ in ("dobj", "obj") and _lemma(c) in words.wrongdoing_nouns for c in clause.children
    )


def _refusals(doc, taken: set[int]) -> list[_Mention]:
    """A negated future of an act of cooperation is a refusal: "will not accept", "would not meet" -> REJECT."""
    words = lexicon()
    sentence_of = sentence_number(doc)
    found = []
    for token in tokens(doc):
        if token.pos_ != "VERB" or token.i in taken:
            continue  # ``taken``: tokens that already carry a refusal or a reported demand
        rule = _rule_for(token)
        cooperative = rule is not None and rule[0].event in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID",
                                                             "RETREAT", "CONCEDE")  # fmt: skip
        if not (cooperative or _lemma(token) in words.acceptance_verbs):
            continue
        aux = next((c for c in token.children if c.dep_ == "aux" and c.lower_ in words.future_words | {"can", "ca"}
                    and c.i < token.i), None)  # fmt: skip
        if aux is None or not any(c.dep_ == "neg" for c in token.children) or token.i - aux.i > 3:
            continue
        found.append(_Mention(token, token, (aux.i, token.i + 1), "REJECT", None, False,
                              sentence_of[token.i]))  # fmt: skip
    return found


def _complement_of_trigger(mention: _Mention, verbs: dict[int, _Mention]) -> bool:
    """A noun that is the object of another event's verb is that event's content, not an event of its own
    ("rejected the call", "agreed to a ceasefire", "lifted the curfew"); requests and threats keep what they
    ask for or threaten (it is marked demanded or threatened instead)."""
    if not mention.nominal or mention.head.i != mention.token.i:
        return False
    token = mention.token
    if token.dep_ == "pobj" and token.head.lower_ not in lexicon().complement_preps:
        return False  # "During the war, Pakistan supported us": the war is a time, not what was supported
    if token.dep_ == "pobj" and token.head.head.pos_ == "NOUN" and _rule_for(token.head.head) is not None:
        return True  # "a protest of last week's arrest", "negotiations on a troop pullback"
    verb = _governing_verb(token)
    governor = verbs.get(verb.i) if verb is not None else None
    return governor is not None and governor.event not in ("REQUEST", "THREATEN")


def _protest_topic(mention: _Mention, protests: dict[int, _Mention]) -> _Mention | None:
    """The protest whose demand ``mention`` is: what a protest demands is not an event of its own (manual,
    PROTEST: "the topic of the protest---which will typically be a REQUEST---is not coded as a separate
    event"): "demonstrated, calling for independence"; it tells whom the protest addresses."""
    if mention.event != "REQUEST" or mention.nominal:
        return None
    return next((protests[t.i] for t in _ancestors(mention.head)[:4] if t.i in protests), None)


def find_mentions(doc) -> list[_Mention]:
    """Every trigger of the document with its clause head, in text order."""
    sentence_of = sentence_number(doc)
    found: list[_Mention] = []
    consumed: set[int] = set()
    for token in tokens(doc):
        matches = _rules_for(token)
        if not matches or token.i in consumed:
            continue
        for rule, complements in matches:
            if rule.pos == "VERB":
                head, span = token, (token.i, token.i + 1)
                particle = next((c for c in token.children if c.dep_ in ("prep", "prt") and c.i == token.i + 1
                                 and any(k == "prep" and c.lower_ in w for alt in rule.needs for k, w in alt)),
                                None)  # fmt: skip
                if particle is not None:
                    span = (token.i, particle.i + 1)
                # A noun that completes the verb ("signed an agreement") is not an event of its own.
                consumed.update(complements)
            else:
                head, span = _clause_of_noun(token)
                if head.i != token.i and _rule_for(head) is not None:
                    continue  # "signed an agreement": the verb is the trigger
            found.append(_Mention(token, head, span, rule.event, rule.mode, rule.pos == "NOUN",
                                  sentence_of[token.i], complements=complements))  # fmt: skip
    found = [m for m in found if m.token.i not in consumed or not m.nominal]
    verbs = {m.token.i: m for m in found if not m.nominal}
    found = [m for m in found if not _complement_of_trigger(m, verbs)]
    taken = {m.token.i for m in found}
    found += _speech_mentions(doc, taken)
    found += _refusals(doc, {m.token.i for m in found if m.event == "REJECT" or m.complement is not None})
    protests = {i: m for m in found if m.event == "PROTEST" for i in (m.token.i, m.head.i)}
    for mention in found:
        mention.topic_of = _protest_topic(mention, protests)
    return sorted(found, key=lambda m: (m.span[0], m.event))


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
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < token.i:
                inner = entity_at(ledger, child.idx, child.idx + len(child.text))
                if inner is not None and child.lower_ not in lexicon().pronouns:
                    return EntityRef(name=inner.name, entity=inner.id, country=inner.country, sector=inner.sector,
                                     mention=_tokens_span(doc, *_phrase(child)))  # fmt: skip
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
        return None
    return EntityRef(name=entity.name if entity else span.text, entity=entity.id if entity else None,
                     country=country, sector=entity.sector if entity else None, mention=span)  # fmt: skip


def _speaker_of(verb, ledger: Ledger) -> EntityRef | None:
    """The resolved speaker of the attribution whose cue is ``verb`` ("He claimed ..." -> the ambassador)."""
    for attribution in ledger.attributions:
        cue = attribution.cue
        if cue is not None and cue.start <= verb.idx < cue.end and attribution.speaker is not None:
            return attribution.speaker
    return None


def _pronoun_ref(token, ledger: Ledger) -> EntityRef | None:
    """Who a subject pronoun stands for: the speaker the attribution extractor resolved for the clause's
    verb of saying, else the subject of the clause it is reported in ("Syria says it is willing to withdraw",
    "Armenia occupied ..., and it committed war crimes")."""
    clause = token.head
    for _ in range(4):
        speaker = _speaker_of(clause, ledger)
        if speaker is not None and token.dep_ in ("nsubj", "nsubjpass") and token.head.i == clause.i:
            return speaker
        if clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acomp") or clause.head.i == clause.i:
            return None
        clause = clause.head
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


def _of_objects(token) -> list:
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
            if c.dep_ == "pobj"]  # fmt: skip


def _related_parties(token) -> list:
    """Parties a phrase relates to, most telling first: who it came from ("an offer from Afghanistan", "calls by
    Belarus's rulers"), whom it is aimed at ("action against Russia", "contact with the United States"), whom
    it is of or for ("the removal of President X", "a camp for Congolese refugees")."""
    order = {"from": 0, "by": 0, **{p: 1 for p in lexicon().recipient_preps}, "of": 2, "for": 3}
    found = [(order[p.lower_], c) for p in token.children if p.dep_ in ("prep", "agent") and p.lower_ in order
             for c in p.children if c.dep_ == "pobj"]  # fmt: skip
    return [c for _, c in sorted(found, key=lambda f: f[0])]


def _clause_recipient(head, ledger: Ledger) -> EntityRef | None:
    """A recipient told inside the clause a verb takes: the subject of "demanded that the US cancel ...",
    the object of "threatened to break relations with Russia", the source of "rejected an offer from X"."""
    words = lexicon()
    candidates = []
    for child in head.children:
        if child.dep_ == "ccomp":
            candidates += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        if child.dep_ in ("dobj", "obj"):
            candidates += _related_parties(child)
    for child in head.children:
        if child.dep_ in ("xcomp", "ccomp"):
            for inner in [child, *(c for c in child.children if c.dep_ == "xcomp")]:
                objects = [c for c in inner.children if c.dep_ in ("dobj", "obj", "dative")]
                candidates += objects + [_prep_object(inner, words.recipient_preps)]
                candidates += [_prep_object(o, words.recipient_preps) for o in objects]
    return _first_ref(candidates, ledger)


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
            if _lemma(governor) in lexicon().statement_nouns and governor.head.pos_ == "VERB":
                return _subject(governor.head)  # "issued a declaration demanding ...": who issued it
            return governor, False  # "forces occupying the region"
        if head.dep_ in ("xcomp", "pcomp"):
            obj = next((c for c in governor.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj, False  # object control: "urged Armenia to withdraw"
        if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
            governor = governor.head  # "France is ready to contribute": the subject of "is"
        if governor.pos_ in ("VERB", "AUX"):
            subject, passive = _subject(governor)
            return subject, passive and head.dep_ == "conj"
    return None, False


def _agent(head):
    for child in head.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _verbal_participants(mention: _Mention) -> tuple[object | None, list]:
    """(actor token, recipient candidates, best first) of a verbal clause: subject and object, or agent and
    subject; then the objects of recipient prepositions ("offered its troops to Lebanon's President")."""
    head = mention.head
    words = lexicon()
    subject, passive = _subject(head)
    candidates = []
    if passive:
        actor = _agent(head)
        candidates.append(subject)
    else:
        actor = subject
        obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")
                    and c.i not in mention.complements and c.i != mention.token.i), None)  # fmt: skip
        if mention.event != "RETREAT":  # "withdrew its troops": the object is the actor's own
            candidates.append(obj)
    candidates.append(_prep_object(head, words.recipient_preps, mention.complements))
    # "break relations with Russia", "lift the blockade on Palestinian lorries"
    candidates += [_prep_object(head.doc[c], words.recipient_preps) for c in sorted(mention.complements)]
    if mention.event != "REQUEST":
        candidates.append(_prep_object(head, frozenset({"for"}), mention.complements))  # "aid for Romania"
    if mention.nominal and mention.token.i != head.i:
        candidates.append(_prep_object(mention.token, words.recipient_preps | {"for"}, mention.complements))
    return actor, [c for c in candidates if c is not None]


def _prep_object(token, preps: frozenset[str], skip: frozenset[int] = frozenset()):
    """The object of the first preposition of ``preps`` hanging on ``token`` ("to" may be parsed a dative)."""
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
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


def _named(ref: EntityRef | None) -> bool:
    return ref is not None and bool(ref.entity or ref.country)


def _party(token, ledger: Ledger, related: bool = True) -> EntityRef | None:
    """The participant a phrase names, else (``related``) the party it is from, against or of: "a fresh offer
    from Afghanistan", "further action against Russia", "the removal of President X"."""
    ref = _entity_ref(token, ledger)
    if _named(ref) or not related:
        return ref
    return _first_ref(_related_parties(token), ledger) or ref


def _participants(mention: _Mention, ledger: Ledger) -> None:
    """Fill actor and recipient; the two sides of a reciprocal event split into actor and recipient."""
    occurrence = mention.nominal and mention.head.i != mention.token.i and mention.token.dep_ == "nsubj"
    if mention.nominal and (mention.head.i == mention.token.i or occurrence):
        actor_token, recipient_token = _nominal_participants(mention)  # "clashes erupted": the clashes tell
        candidates = [recipient_token]
    else:
        actor_token, candidates = _verbal_participants(mention)
        if actor_token is None and mention.nominal:
            actor_token = _nominal_participants(mention)[0]
    if mention.complement is not None:  # "said that Sudan must return": Sudan is asked
        candidates = [next((c for c in mention.complement.children if c.dep_ in ("nsubj", "nsubjpass")), None)]
    refs = [_party(token, ledger) for token in candidates if token is not None]
    mention.recipient = next((r for r in refs if _named(r)), next((r for r in refs if r is not None), None))
    if not _named(mention.recipient) and not mention.nominal:
        mention.recipient = _clause_recipient(mention.head, ledger) or mention.recipient
    if actor_token is None:
        if not mention.nominal and mention.complement is None:
            mention.actor = _speaker_of(mention.head, ledger) if mention.event in ("ACCUSE", "REQUEST") else None
        return
    pair = _collective_pair(actor_token, ledger)
    if pair is None:
        mention.actor = _entity_ref(actor_token, ledger)
        if not _named(mention.actor):  # "Leaders of the opposition coalition", "Members of the Association"
            mention.actor = _first_ref(_of_objects(actor_token), ledger) or mention.actor
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


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


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
        if steps is None:
            continue
        # On a tie a time that modifies the clause ("released Tuesday") beats one the parse made
        # its subject ("since 2016 were released" read as "2016 were released").
        rank = (steps, span.root.dep_ in _ARGUMENT_DEPS)
        if best is None or rank < best[0]:
            best = (rank, time)
    if best is None:
        return None
    mention.date_steps = best[0][0]
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
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ == "pobj":
            root = root.head.head  # "in the town of Cizre": the town is where
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
    while token.head.i != token.i and (
        token.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "conj", "acomp")
        or (token.dep_ == "acl" and _infinitival(token))  # "an offer to host a summit"
    ):
        token = token.head
        yield token


def _infinitival(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _event_type_at(token) -> str | None:
    """The event type a verb names, itself or through the trigger noun it takes ("began a hunger strike")."""
    rule = _rule_for(token)
    if rule is not None:
        return rule[0].event
    noun = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
    rule = _rule_for(noun) if noun is not None and _lemma(token) in lexicon().light_verbs else None
    return rule[0].event if rule is not None else None


def _own_modality(head, words: EventsLexicon, event: str | None = None) -> set[str]:
    """What the clause's own auxiliaries and markers say: "did not", "will", "could", "must", "if"."""
    found = set()
    for child in head.children:
        if child.dep_ == "neg":
            found.add("negated")
        if child.dep_ in ("aux", "auxpass"):
            if child.lower_ in words.future_words:
                found.add("future")
            elif child.lower_ in words.hypothetical_words:
                found.add("hypothetical")
            elif child.lower_ in words.demand_modals:
                found.add("demanded")
    for token in [head, *_ancestors(head)]:
        if any(c.dep_ == "mark" and c.lower_ in words.condition_marks for c in token.children):
            found.add("hypothetical")  # the condition itself: "if the army attacks"
            break
        if token.dep_ == "advcl" and _infinitival(token) and token.pos_ == "VERB":
            if event is None or _event_type_at(token.head) != event:
                found.add("hypothetical")  # a purpose, not a deed: "resigned to allow elections"
            else:  # "began a hunger strike to protest X" restates the protest: the same deed, as told there
                found |= _own_modality(token.head, words) - {"hypothetical"}
            break
        if token.dep_ in ("ROOT", "ccomp"):
            break
    return found


def _modality(mention: _Mention) -> str:
    """Whether the event happened: asserted, or negated, hypothetical, demanded, threatened, future.

    The clause's own auxiliaries and markers count first; then the nearest governing verb or adjective that
    is not a light verb ("failed to implement", "threatened to institute a curfew", "is willing to withdraw").
    """
    words = lexicon()
    head = mention.head
    found = _own_modality(head, words, mention.event)
    chain = list(_governors(head)) if head.dep_ != "ROOT" else []
    if head.dep_ == "acomp" or (chain and chain[-1].dep_ == "acomp"):
        chain.append((chain[-1] if chain else head).head)
    for below, governor in zip([head, *chain], chain, strict=False):
        lemma = _lemma(governor)
        if governor.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if lemma in words.light_verbs and below.dep_ in ("dobj", "obj"):
            continue  # "threatened to institute a curfew": the curfew is what is threatened
        if lemma in words.negation_verbs:
            found.add("negated")
        elif lemma in words.threat_verbs:
            found.add("threatened")
        elif lemma in words.demand_verbs:
            found.add("demanded")
        elif lemma in words.future_words or (governor.pos_ == "ADJ" and governor.lower_ in words.future_words):
            found.add("future")
        elif governor.pos_ == "ADJ":
            continue
        outer = _own_modality(governor, words) - {"hypothetical"}
        if "negated" in outer and lemma not in words.demand_verbs:
            found.add("negated")
        if not found & {"negated", "threatened", "demanded"}:
            found |= outer & {"future", "demanded"}
        break  # only the nearest governing verb decides
    if not found and head.dep_ == "acl" and _infinitival(head) and head.head.pos_ in ("NOUN", "PROPN"):
        found.add("hypothetical")  # "the right to fire", "a plan to attack": an act in view, not a deed
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
    time = _cluster_time(cluster)
    place = primary.place or next((m.place for m in cluster if m.place), None)
    actor = primary.actor or next((m.actor for m in cluster if m.actor), None)
    recipient = primary.recipient or next((m.recipient for m in cluster if m.recipient), None)
    if recipient is None and place is not None and place.country and primary.event in lexicon().place_recipient_events:
        # The text names no one the event is directed at: the country where it happens stands for them.
        recipient = EntityRef(name=place.name, entity=place.entity, country=place.country, mention=place.span)
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
    """A REQUEST's demanded event ("called for the withdrawal"): its recipient is who must act. A THREATEN's
    threatened event ("threatened to break relations with Russia"): its recipient is the one threatened."""
    by_token = {m.token.i: m for m in mentions if m.event in ("REQUEST", "THREATEN")}
    for mention in mentions:
        if mention.modality not in ("demanded", "threatened"):
            continue
        for governor in _governors(mention.head):
            request = by_token.get(governor.i)
            if request is None:
                continue
            mention.demanded_by = request
            if request.event == "REQUEST" and request.recipient is None and mention.actor is not None:
                request.recipient = mention.actor
            if request.event == "THREATEN" and request.recipient is None and mention.recipient is not None:
                request.recipient = mention.recipient
            break


def _background(mention: _Mention) -> bool:
    """A noun told as the background of the sentence: "after two days of fighting", "during occupation"."""
    token = mention.token
    return (mention.nominal and mention.head.i == token.i and token.dep_ == "pobj"
            and token.head.lower_ in lexicon().background_preps)  # fmt: skip


def _cluster_time(cluster: list[_Mention]) -> TimeExpr | None:
    return max((m.time for m in cluster if m.time), key=lambda t: len(t.value), default=None)


def _date_by_happening(clusters: list[list[_Mention]]) -> None:
    """A clause dated by a happening takes its date: "During the Patriotic War, Pakistan supported us" gets the
    war's date when the war is dated elsewhere ("last year's war")."""
    words = lexicon()
    owner = {m.token.i: cluster for cluster in clusters for m in cluster}
    for cluster in clusters:
        for mention in cluster:
            if mention.time is not None:
                continue
            for anchor in {mention.head.i: mention.head, mention.token.i: mention.token}.values():
                preps = [c for c in anchor.children if c.dep_ == "prep" and c.lower_ in words.during_preps]
                objects = [o for p in preps for o in p.children if o.dep_ == "pobj" and o.i in owner]
                dated = [_cluster_time(owner[o.i]) for o in objects if owner[o.i] is not cluster]
                if any(dated):
                    mention.time = next(t for t in dated if t)
                    mention.date_steps = 50
                    break


def extract(doc, ledger: Ledger) -> list[Event]:
    """Event records for the PLOVER events of ``doc`` (ids ``evt-1`` ... in text order)."""
    if not doc_text(doc).strip() or not doc.has_annotation("DEP"):
        return []
    mentions = find_mentions(doc)
    for mention in mentions:
        _participants(mention, ledger)
        mention.time = _date(mention, ledger)
        mention.place = _place(mention, ledger)
        mention.modality = _modality(mention)
    _assign_sizes(doc, mentions, ledger)
    _link_demands(mentions)
    for topic in (m for m in mentions if m.topic_of is not None):
        topic.topic_of.recipient = topic.topic_of.recipient or topic.recipient
    mentions = [m for m in mentions if m.topic_of is None]
    clusters = _cluster(mentions)
    _date_by_happening(clusters)
    clusters = [c for c in clusters if _anchored(c) and not all(_background(m) and m.time is None for m in c)]
    events = sorted((_to_event(cluster, 0, doc) for cluster in clusters), key=lambda e: e.trigger.start)
    return [dataclasses.replace(event, id=f"evt-{n}") for n, event in enumerate(events, start=1)]
