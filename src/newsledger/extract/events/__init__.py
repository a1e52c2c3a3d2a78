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
  sentences, or share a place or exact date anywhere; a definite noun adding nothing ("the attack") or a
  referring noun ("the blast") joins the happening told before, however far back. The most specific
  mention (precise date, a verb) gives the trigger, the others go to ``mentions``. Bare nouns with nothing
  to anchor them, nouns told only as background ("after two days of fighting") with no date of their own,
  and happenings told only by referring nouns or tolls ("an explosion", "two were killed") are not events.

Modules, from the bottom up: ``vocabulary`` (the trigger table and word lists), ``syntax`` (questions
about the parse), ``records`` (the working record of a mention), ``rules`` (which trigger rows a token
matches), ``constructions`` (events without a trigger word), ``mentions`` (every trigger with its clause),
``references`` (what a participant phrase names), ``participants`` (actor and recipient),
``date_place_size``, ``modality``, ``merging`` (one happening, one event); this module runs them.

Example::

    >>> ledger = analyze("On May 2, 2020, rebels attacked the town of Ashford.")  # doctest: +SKIP
    >>> [(e.event, e.trigger.text, e.actor.name, e.date.value) for e in ledger.events]  # doctest: +SKIP
    [('ASSAULT', 'attacked', 'rebels', '2020-05-02')]
"""

from __future__ import annotations

import dataclasses

from newsledger.extract.events.date_place_size import _assign_sizes, _date, _place
from newsledger.extract.events.mentions import find_mentions
from newsledger.extract.events.merging import (
    NEAR_SENTENCES,
    _anchored,
    _background,
    _cluster,
    _date_by_happening,
    _to_event,
)
from newsledger.extract.events.modality import _link_demands, _modality
from newsledger.extract.events.participants import _has_political_party, _participants
from newsledger.extract.events.records import _Mention
from newsledger.extract.events.references import _named
from newsledger.extract.events.syntax import _lemma
from newsledger.extract.events.vocabulary import Condition, EventsLexicon, TriggerRule, lexicon
from newsledger.extract.parsed import text as doc_text
from newsledger.model import Event, Ledger

__all__ = ["NEAR_SENTENCES", "Condition", "EventsLexicon", "TriggerRule", "extract", "find_mentions", "lexicon"]


def _toll_only(mention, words: EventsLexicon) -> bool:
    """A killing or wounding told without an attacker or a weapon as subject ("two were killed", "the
    plague killed 130"): the toll of a happening, an event only with another mention of it."""
    if mention.nominal or mention.actor is not None or mention.token.lemma_.lower() not in words.toll_verbs:
        return False
    explosives = words.word_sets["explosives"]
    doers = [c for c in mention.token.children if c.dep_ == "nsubj"]
    doers += [o for c in mention.token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return not any(doer.lemma_.lower() in explosives for doer in doers)  # "killed by a roadside bomb"


def _setting_of_a_statement(mention: _Mention, words: EventsLexicon) -> bool:
    """A gathering named only as where someone spoke ("Trump said at a rally in Monroe"): the setting of
    a statement, most often the speaker's own campaign rally, not a protest the text tells of."""
    token = mention.token
    if not mention.nominal or _lemma(token) not in words.word_sets["gatherings"]:
        return False
    prep = token.head if token.dep_ == "pobj" else None
    return (prep is not None and prep.lower_ in ("at", "during") and prep.head.pos_ == "VERB"
            and _lemma(prep.head) in words.speech_verbs)


def _two_sides(event: Event) -> bool:
    """Both sides of an agreement or a meeting named by the text: the place it happened in, standing for
    its recipient, is not the other side ("made the pledge at a conference in Herndon")."""
    from_place = event.place is not None and event.recipient is not None and event.recipient.name == event.place.name
    return _named(event.actor) and _named(event.recipient) and not from_place


def _trip_at_home(event: Event, ledger: Ledger) -> bool:
    """A visit whose other side is only a place inside the visitor's own country (a campaign stop in
    Nevada): travel, not the meeting between parties CONSULT codes. A capital standing for its government,
    or a place abroad, is a side."""
    if event.event != "CONSULT" or event.recipient is None or event.recipient.mention is None:
        return False
    mention = event.recipient.mention
    place = next((p for p in ledger.places if p.span.start <= mention.start < p.span.end), None)
    if place is None or place.feature == "country" or place.metonymic:
        return False
    home = event.actor.country if event.actor is not None else None
    return home is None or home == place.country


def extract(doc, ledger: Ledger) -> list[Event]:
    """Event records for the PLOVER events of ``doc`` (ids ``evt-1`` ... in text order)."""
    if not doc_text(doc).strip() or not doc.has_annotation("DEP"):
        return []
    words = lexicon()
    mentions = [m for m in find_mentions(doc) if not _setting_of_a_statement(m, words)]
    for mention in mentions:
        _participants(mention, ledger)
        if _toll_only(mention, words):
            mention.referring = True
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
    # An event record says who did what to whom: with neither an actor nor a recipient the text names
    # (a name, a country, or a group by what it is: "the rebels", "riot police"), a trigger is most often
    # another sense of the word ("declined to comment", "the meeting") or a happening no one is party to
    # (a crash); event data (PLOVER, ACLED) codes none of them -- but clashes the text dates or places
    # ("clashes erupted on May 4 near the border"), with a toll, or by a bomb ("the bomb went off") are a
    # happening all the same. Attacks, arrests, protests and threats are events whoever takes part; for
    # any other type a party must be one event data codes, else it is business or private life ("SoftBank
    # agreed to inject", "Neumann resigned").
    contention = words.contention_events
    events = [e for e in events if e.actor is not None or e.recipient is not None
              or (e.event in contention and (e.date or e.place or e.size or e.mode == "explosives"))]
    entities = {entity.id: entity for entity in ledger.entities}
    events = [e for e in events if e.event in contention or _has_political_party(e, entities)]
    events = [e for e in events if e.event not in words.dyadic_events or _two_sides(e)]
    events = [e for e in events if not _trip_at_home(e, ledger)]
    return [dataclasses.replace(event, id=f"evt-{n}") for n, event in enumerate(events, start=1)]
