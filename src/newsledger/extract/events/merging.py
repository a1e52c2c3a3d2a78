"""One happening, one event: mentions whose type, participants, dates, places and modes agree are merged,
clauses dated by a happening take its date, unanchored and background mentions are dropped, and each group
becomes an Event.
"""

from __future__ import annotations

from newsledger.extract.events.date_place_size import _precision
from newsledger.extract.events.records import _Mention, _tokens_span
from newsledger.extract.events.vocabulary import lexicon
from newsledger.model import EntityRef, Event, EventDate, EventPlace, Figure, Place, TimeExpr

NEAR_SENTENCES = 2


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
    if last.sentence == mention.sentence or _names_the_told(mention):
        return True
    same_place = any(o.place and mention.place and o.place.name == mention.place.name for o in cluster)
    same_date = any(o.time and mention.time and o.time.value == mention.time.value for o in cluster)
    if same_place or same_date:
        return True
    near = mention.sentence - last.sentence <= NEAR_SENTENCES
    return near and (any(_shares_participant(o, mention) for o in cluster) or _refers_back(mention))


def _names_the_told(mention: _Mention) -> bool:
    """A noun that names a happening already told, however far back, and adds nothing of its own: "the
    attack", "that bombing", "the blast" (a referring noun, whatever its determiner: "There was an
    explosion")."""
    if not mention.nominal or mention.actor or mention.recipient or mention.time or mention.place:
        return False
    return mention.referring or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                                    for c in mention.token.children)


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
    """Whether anything ties the happening down (bare "the agreement" is not an event; "a terrorist
    attack" is one), and a word other than a referring noun tells it (a blast alone may be a gas leak)."""
    if all(m.referring for m in cluster):
        return False
    violent = lexicon().violent_modifiers
    return any(
        not m.nominal or m.head.i != m.token.i or m.time or m.place or m.sizes or m.actor or m.recipient
        or m.demanded_by
        or any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in violent for c in m.token.children)
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
