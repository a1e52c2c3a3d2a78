"""A mention's date (a DATE expression hanging on its clause), place (a toponym hanging on it) and size
(the casualty figures of its sentence, the most precise of each kind).
"""

from __future__ import annotations

from newsledger.extract.events.records import _Mention
from newsledger.extract.events.syntax import _ancestors
from newsledger.extract.events.vocabulary import lexicon
from newsledger.extract.time.lexicon import PARTS_OF_DAY, SEASONS, UNIT_FORMS
from newsledger.model import SIZE_OF_OUTCOME, TOLL_EVENTS, Figure, Ledger, Place, TimeExpr


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


def _through_phrases(root, head) -> int | None:
    """How many steps up from ``root`` ``head`` is through prepositional phrases only ("in 100 cities across
    Iran" on "crush"), no other clause; None when another clause lies between."""
    token, steps = root, 0
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ not in ("prep", "pobj", "compound", "appos", "conj", "nmod"):
            return None
        token, steps = token.head, steps + 1
    return steps if token.i == head.i else None


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_TIME_NOUNS = frozenset(PARTS_OF_DAY) | frozenset(SEASONS) | frozenset(UNIT_FORMS)
_CLAUSE_DEPS = frozenset({"acl", "relcl", "ccomp", "csubj"})
_NOUN_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})
_ARGUMENT_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative"})


def _dates_something_else(span, mention: _Mention) -> bool:
    """Whether a time is not the event's: a deadline ("by 2022"), a landmark ("in the wake of September
    11"), or a time that on its way up to the trigger belongs to another thing first: a dated noun that
    is only a landmark ("after the 2016 election") or a participant described by its own clause
    ("condemned the move announced on Monday"; but "rejected it in a ruling released Thursday" is the
    rejection's day)."""
    words = lexicon()
    own = {mention.token.i, mention.head.i}
    token = span.root
    if token.dep_ == "pobj" and token.head.lower_ in words.deadline_preps:
        return True  # "would double its production by 2022": a deadline, not the pledge's day
    framing = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if framing is not None and framing.i not in own and framing.pos_ == "NOUN" \
            and not (span.start <= framing.i < span.end) and framing.lower_ not in _TIME_NOUNS:
        return True  # "in the wake of September 11": a landmark; but "on the night of February 25-26"
    while token.i not in own and token.head.i != token.i:
        noun = token.head
        if noun.i not in own and not (span.start <= noun.i < span.end) and noun.pos_ in ("NOUN", "PROPN"):
            if token.dep_ in _CLAUSE_DEPS and noun.dep_ in _ARGUMENT_NOUN_DEPS:
                return True
            # a dated noun after "in", "during" places the clause in its time ("seized in the 1967 war");
            # elsewhere it is only a landmark ("after the 2016 election")
            if token.dep_ in _NOUN_MODIFIER_DEPS and not (
                    noun.dep_ == "pobj" and noun.head.lower_ in words.during_preps):
                return True
        token = token.head
    return False


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
        if steps is None or _dates_something_else(span, mention):
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
        modified = root
        while modified.dep_ in ("compound", "nmod") and modified.head.i != mention.token.i \
                and modified.head.dep_ in ("compound", "nmod") and modified.head.i < mention.token.i:
            modified = modified.head  # "the Birmingham pub bombings": through the pub to the bombings
        if modified.head.i == mention.token.i and modified.dep_ in ("compound", "nmod") and mention.nominal:
            steps = 0  # "the Khojaly genocide"
        elif root.dep_ == "pobj" and root.head.lower_ in words.place_preps:
            steps = _attached(root.head, mention.head)
            if steps is None and mention.head.i != mention.token.i:
                steps = _attached(root.head, mention.token)
            if steps is None and mention.nominal and mention.token.dep_ in ("dobj", "obj"):
                # "crush protests in 100 cities across Iran": where the verb acts on them, they are
                steps = _through_phrases(root.head, mention.token.head)
                steps = None if steps is None else steps + 1
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
    for figure in ledger.figures:
        key = SIZE_OF_OUTCOME.get(figure.category or "")
        span = doc.char_span(figure.span.start, figure.span.end, alignment_mode="expand") if key else None
        if span is None:
            continue
        sentence = span.sent.start
        candidates = [m for m in mentions if m.event in TOLL_EVENTS and m.token.sent.start == sentence]
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
