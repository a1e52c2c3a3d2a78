"""Who speaks, as the parse tells it: the source a cue's grammar points to, and the verb grammar it reads.

The source is the phrase as written (``who``, ``A spokesman, John Smith``); whom it names is
resolved later (:mod:`newsledger.extract.attributions.resolve`).
"""

from __future__ import annotations

from newsledger.extract.attributions.layout import Layout, Token
from newsledger.extract.datelines import ends_a_place_line


def speaker_of(layout: Layout, cue: Token) -> Token | None:
    """The head of the cue's source: its subject (the agent of a passive); for participles and
    coordinated cues, the governing verb's.

    ``He said and added that …``: ``added`` -> ``He``. ``…, saying X``: ``saying`` -> the main subject.
    The source is the phrase as written (``who`` in ``Smith, who said``, ``A spokesman, John Smith``);
    the :class:`Resolver` finds whom it names.
    """
    if cue.pos_ == "NOUN":
        return _noun_source(layout, cue)
    token = cue
    quoted = cue.idx in layout.quoted
    for _ in range(6):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        # A misparse may give the cue a subject inside the quotation it reports: that is not the speaker.
        subject = next((c for c in subjects if (c.idx in layout.quoted) == quoted), None)
        if subjects and subject is None:
            if token.i != cue.i and token.dep_ in ("ccomp", "parataxis") and token.idx in layout.quoted:
                # `said, “We are pleased,” adding that …`: the participle hangs on the quotation's
                # verb in the parse; its speaker is whoever says the quotation.
                token = token.head
                continue
            return None
        if subject is not None and _is_expletive(subject):
            return None  # "it's impossible to know whether …": no one in particular
        if subject is not None and subject.dep_ == "nsubjpass":
            # "X was reported by Y": Y. "X can be heard yelling …" (climbed from the cue): X.
            return _agent(token) if token.i == cue.i else subject
        if subject is not None:
            return subject
        if token.i == cue.i and not subjects:
            named = _name_after(cue)
            if named is not None:
                return named
        if token.head.i == token.i:
            return None
        participle = token.tag_ in ("VBG", "VBN")
        if token.dep_ == "acl" and participle:
            return None  # "a letter saying …": who speaks through the letter is left open
        if token.dep_ == "pcomp" and participle and token.head.head.i != token.head.i:
            token = token.head  # "responded by saying …": through the preposition to the verb
        elif not (
            token.dep_ in ("conj", "xcomp")
            or (token.dep_ == "advcl" and (participle or _has_to(token)))  # "…, saying X"; "met to discuss X"
        ):
            return None
        if token.dep_ == "conj" and token.head.dep_ == "ccomp" and layout.cue_of(token.head.head) is not None:
            token = token.head  # "said he would go and warned …": warned goes with said (see _coordinated_cue)
        elif (token.dep_ == "advcl" and participle and token.head.dep_ == "ccomp"
              and token.i > token.head.i and layout.cue_of(token.head.head) is not None):
            token = token.head  # "Pompeo said Washington had concluded X, saying he trusted …": Pompeo's
        token = token.head
    return None


def _name_after(cue: Token) -> Token | None:
    """The speaker of an inverted cue whose name the parse took for a modifier: ``“…,” says Early.``
    (Chris Early), a capitalised word between the cue and the end of the clause."""
    doc = cue.doc
    after = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    before = doc[cue.i - 1] if cue.i > 0 else None
    inverted = before is not None and (before.is_quote or before.text in (",", "—", "–"))
    if after is None or not inverted or not after.is_title or after.pos_ not in ("ADV", "ADJ", "NOUN"):
        return None
    closing = doc[after.i + 1] if after.i + 1 < len(doc) else None
    return after if closing is None or closing.text in (".", ",", ";", "!", "?") else None


_NOT_AGENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})
"""Entity types of a by-phrase that measures or dates rather than names (``rose by 5 percent``,
``by Friday``)."""


def agent_within(token: Token) -> Token | None:
    """A ``by``-phrase naming someone inside ``token``'s subtree, where the parse hangs a passive's
    agent lower (``accused of lying [by his rival]``); its ``by``, else None."""
    for by in (t for t in token.subtree if t.i > token.i and t.lower_ == "by" and t.dep_ in ("prep", "agent")):
        named = next((c for c in by.children if c.dep_ == "pobj"), None)
        if named is not None and named.pos_ in ("PROPN", "NOUN", "PRON") and named.ent_type_ not in _NOT_AGENTS:
            return by
    return None


def _is_expletive(subject: Token) -> bool:
    """``it`` before a copula and an adjective or noun that a clause explains (``it is clear that``,
    ``it's impossible to know``): a placeholder, not a speaker."""
    verb = subject.head
    return (
        subject.lower_ == "it"
        and verb.lemma_ == "be"
        and any(c.dep_ in ("acomp", "attr") for c in verb.children)
        and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)
    )


def _noun_source(layout: Layout, noun: Token) -> Token | None:
    """Whose claim a cue noun reports: ``his claim``, ``calls by Democrats``, ``Democrats raised concerns``."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if (
        owner is None
        and noun.i > 0
        and noun.doc[noun.i - 1].dep_ == "compound"
        and noun.doc[noun.i - 1].pos_ == "PROPN"
    ):
        owner = noun.doc[noun.i - 1]  # "Trump charges that …", parsed as a noun
    if owner is not None:
        return owner
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "among")):
        agent = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if agent is not None:
            return agent
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return speaker_of(layout, noun.head)  # "Democrats raised concerns that …"
    return None


def _appositive_name(layout: Layout, subject: Token) -> Token:
    """The name in apposition when the subject is a description or a dateline.

    ``A spokesman, John Smith, said`` -> ``Smith``; ``WASHINGTON -- President Obama … said`` -> ``Obama``.
    """
    name = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if name is None and subject.pos_ == "NOUN":
        name = _apposition_after_relative(subject)
    if name is not None and (subject.pos_ == "NOUN" or _is_dateline(layout, subject)):
        return name
    if _is_dateline(layout, subject):  # "Indianapolis – Several thousand teachers ... surrounded": the teachers
        return next((c for c in subject.children if c.dep_ == "appos"), subject)
    return subject


def _apposition_after_relative(subject: Token) -> Token | None:
    """``The company that runs the AMAs, Dick Clark Productions, denies``: the parse hangs the name on
    the relative clause's last noun; set off by commas right before the verb, it names the subject."""
    clause = next((c for c in subject.children if c.dep_ == "relcl"), None)
    if clause is None:
        return None
    doc = subject.doc
    for token in clause.subtree:
        if token.dep_ != "appos" or token.pos_ != "PROPN":
            continue
        end = max(t.i for t in token.subtree) + 1
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].i == subject.head.i \
                and doc[token.left_edge.i - 1].text == ",":
            return token
    return None


def _is_dateline(layout: Layout, token: Token) -> bool:
    """``WASHINGTON --`` / ``ISLAMABAD:`` / ``Indianapolis –`` opening a paragraph: a place line, not a subject."""
    paragraph_start = layout.paragraphs[layout.paragraph_of(token.idx)][0]
    return ends_a_place_line(token, layout.text[paragraph_start : token.idx].strip())


def _agent(verb: Token) -> Token | None:
    """Who a passive verb names as its doer: ``reported by Y``; also when the parse hangs the
    by-phrase on a complement (``accused of lying by his rival``)."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    if by is None:
        by = next((b for b in (agent_within(c) for c in verb.children if c.dep_ == "prep") if b is not None), None)
    if by is None:
        return None
    return next((c for c in by.children if c.dep_ == "pobj"), None)


def _is_passive(verb: Token) -> bool:
    """``was briefed``, ``is said``; and the reduced relative ``people briefed on the talks``."""
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return True
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
