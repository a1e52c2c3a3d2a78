"""A mention's actor and recipient: the subject and object of its clause (borrowed from the governing
verb when it has none), a noun's possessor, agent and prepositional objects, the parties a phrase comes
from or is aimed at, and the two sides of a reciprocal event.
"""

from __future__ import annotations

from newsledger.extract.datelines import ends_a_place_line
from newsledger.extract.events.records import _Mention
from newsledger.extract.events.references import _collective_pair, _entity_ref, _first_ref, _named, _speaker_of
from newsledger.extract.events.syntax import _lemma, _of_objects, _prep_object
from newsledger.extract.events.vocabulary import lexicon
from newsledger.extract.parsed import sentence_number, sentences
from newsledger.knowledge.countries import lookup as country_lookup
from newsledger.knowledge.people import names_people
from newsledger.model import Entity, EntityRef, Event, Ledger

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


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


def _subject(head) -> tuple[object | None, bool]:
    """(subject token, passive?) of a clause head, borrowed from the governing verb when it has none."""
    for child in head.children:
        if child.dep_ in _SUBJECTS and any(
            c.dep_ == child.dep_ for c in head.children if c.i > child.i
        ) and _past_dateline(child) is not child:
            continue  # "LONDON (AP) — Britain's Conservative Party was accused": the party, not the dateline
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
            return governor, head.tag_ == "VBN"  # "forces occupying the region"; "an officer killed in"
        if head.dep_ in ("xcomp", "pcomp"):
            obj = next((c for c in governor.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj, False  # object control: "urged Armenia to withdraw"
        if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
            governor = governor.head  # "France is ready to contribute": the subject of "is"
        if governor.pos_ in ("VERB", "AUX"):
            subject, passive = _subject(governor)
            if head.dep_ != "conj":
                return subject, False
            # "tried to enter but was caught and deported": "was" makes "caught" passive, and "deported",
            # with no auxiliary of its own, shares it
            own = any(c.dep_ == "auxpass" for c in head.children)
            bare = not any(c.dep_ in ("aux", "auxpass") for c in head.children)
            return subject, own or (passive and bare)
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


def _nominal_participants(mention: _Mention) -> tuple[object | None, object | None]:
    """(actor token, recipient token) of a noun: possessor or country adjective, "by"; "on", "against"."""
    words = lexicon()
    token = mention.token
    actor = next((c for c in token.children if c.dep_ == "poss"), None)
    doers = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN" and names_people(_lemma(c))]
    if doers and (actor is None or actor.ent_type_ in ("GPE", "LOC", "FAC")):
        actor = doers[0]  # "Indiana's biggest teacher protest": the teachers; the state says where
    if actor is None:  # "the Armenian offensive", "a Moscow proposal"; not "the Paris attacks": where they were
        local = mention.event in words.contention_events
        actor = next((c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i
                      and _country_word(c, demonym_only=local)), None)  # fmt: skip
    if actor is None:
        actor = _prep_object(token, words.agent_preps)
    of_object = _prep_object(token, frozenset({"of"}))
    recipient = _prep_object(token, words.recipient_preps | {"for"})
    if f"{mention.event}/{mention.mode}" in words.of_actor:
        actor = actor or of_object
    else:
        recipient = recipient or of_object
    return actor, recipient


def _country_word(token, demonym_only: bool) -> bool:
    """A word for a country: a people's adjective ("Armenian", "Israeli") or, unless ``demonym_only``, a
    country's or capital's name. Before an attack, arrest or protest a name says where it happened."""
    match = country_lookup(token.text) if token.text[:1].isupper() else None
    return match is not None and (match.kind == "demonym" or not demonym_only)


def _party(token, ledger: Ledger, related: bool = True) -> EntityRef | None:
    """The participant a phrase names, else (``related``) the party it is from, against or of: "a fresh offer
    from Afghanistan", "further action against Russia", "the removal of President X"."""
    ref = _entity_ref(token, ledger)
    if _named(ref) or not related:
        return ref
    return _first_ref(_related_parties(token), ledger) or ref


def _participants(mention: _Mention, ledger: Ledger) -> None:
    """Fill actor and recipient; the two sides of a reciprocal event split into actor and recipient; who
    claimed responsibility is the actor of an act that has none."""
    _parties(mention, ledger)
    _not_the_trigger(mention, ledger)
    if _undergone(mention):
        mention.actor, mention.recipient = None, mention.actor or mention.recipient
    if mention.actor is None and mention.event in lexicon().contention_events:
        claimed = _responsible(mention, ledger)
        if _named(claimed):
            mention.actor = claimed


def _parties(mention: _Mention, ledger: Ledger) -> None:
    """Actor and recipient from the clause (verbal) or the noun's own phrase (nominal)."""
    occurrence = mention.nominal and mention.head.i != mention.token.i and mention.token.dep_ == "nsubj"
    if mention.nominal and (mention.head.i == mention.token.i or occurrence):
        actor_token, recipient_token = _nominal_participants(mention)  # "clashes erupted": the clashes tell
        candidates = [recipient_token]
    else:
        actor_token, candidates = _verbal_participants(mention)
        actor_token = _past_dateline(actor_token)
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
    words = lexicon()
    if _lemma(actor_token) in words.referring_nouns or _lemma(actor_token) in words.word_sets["explosives"]:
        return  # "Blast also injured 20", "the bomb killed 12": the weapon, not a party
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


def _past_dateline(token):
    """The subject behind a dateline the parse made the subject ("Indianapolis – Several thousand teachers
    ... surrounded the Statehouse": the teachers), or None when it has none."""
    if token is None:
        return None
    doc = token.doc
    sentence = sentences(doc)[sentence_number(doc)[token.i]]  # cached: Token.sent rebuilds its span
    if not ends_a_place_line(token, doc[sentence.start : token.i].text.strip()):
        return token
    return next((c for c in token.children if c.dep_ == "appos"), None)


def _undergone(mention: _Mention) -> bool:
    """A headline's passive without its auxiliary: "US helicopter shot down", "Russian jet shot down over
    Syria" -- shooting *down* with nothing shot names what was shot down as the subject, not the shooter
    (and so for a verb coordinated with it: "shot down and completely destroyed")."""
    if mention.nominal or mention.event != "ASSAULT":
        return False
    verb = mention.head
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    words = lexicon()
    particle = any(c.lower_ == "down" and c.dep_ in ("prt", "advmod") for c in verb.children)
    has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
    return particle and not has_object and _lemma(verb) in words.shoot_down_verbs


def _responsible(mention: _Mention, ledger: Ledger) -> EntityRef | None:
    """Who claimed responsibility for the act: "the Taliban claimed responsibility for shooting down the
    helicopter", "ISIS claimed responsibility for the attack"."""
    token = mention.head if mention.head.dep_ == "pcomp" else mention.token
    if token.dep_ not in ("pobj", "pcomp") or token.head.lower_ != "for":
        return None
    noun = token.head.head
    verb = noun.head
    if noun.lemma_.lower() != "responsibility" or _lemma(verb) not in lexicon().responsibility_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _party(subject, ledger, related=False) if subject is not None else None


def _not_the_trigger(mention: _Mention, ledger: Ledger) -> None:
    """A participant is someone other than the happening: "the Afghan war" is no actor of the war, even
    when the entities read "Afghan war" as a name."""
    doc = mention.token.doc
    start, end = doc[mention.span[0]].idx, doc[mention.span[1] - 1].idx + len(doc[mention.span[1] - 1])
    for role in ("actor", "recipient"):
        ref = getattr(mention, role)
        if ref is None:
            continue
        entity = ledger.entity(ref.entity) if ref.entity else None
        spans = [ref.mention] if ref.mention is not None else []
        spans += [m for m in entity.mentions if m.start <= start < m.end] if entity is not None else []
        if any(span.start < end and start < span.end for span in spans):
            setattr(mention, role, None)


def _has_political_party(event: Event, entities: dict[str, Entity]) -> bool:
    """Whether the actor or the recipient is someone event data codes: a country or a people, a body
    with a sector (government, military, party ...), or a person with a title or a country. Agreeing,
    meeting, supporting, asking or refusing between a company and its founder ("SoftBank agreed to
    inject", "Neumann resigned") or by a private person is business or private life, not politics."""
    for ref in (event.actor, event.recipient):
        if ref is None:
            continue
        entity = entities.get(ref.entity) if ref.entity else None
        if ref.country or ref.sector or (entity is not None and (entity.type in ("GPE", "NORP") or entity.title)):
            return True
    return False
