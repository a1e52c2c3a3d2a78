"""What the ledger keeps as a statement: not a topic ("outlined his plan"), not an intention told by a verb
that is not one of saying ("planned to charge"), not something still to find out ("to determine whether")
nor what was not said ("didn't know", "declined to say when") -- PolNeAR annotates these, and its scorer
asks for them (``extract(..., topics=True)``) -- and never evidence whose source names no one ("revelations
show"), content that tells nothing ("At least that's what") or the concession "That said,".
"""

from __future__ import annotations

from newsledger.extract.attributions.layout import Draft, Layout
from newsledger.extract.attributions.resolve import Resolver
from newsledger.extract.events.vocabulary import lexicon as events_lexicon


def evidence_without_speaker(draft: Draft, layout: Layout, resolver: Resolver) -> bool:
    """A cue of evidence, belief or intention whose source names no one who speaks is no statement:
    "revelations show that ...", "this case demonstrates that ...", "lines of evidence point to ..."
    (a verb of saying keeps its content, its speaker left unresolved)."""
    if draft.kind not in ("indirect", "mixed") or draft.speaker is None or _said(draft, layout):
        return False
    return not resolver.can_speak(resolver.named_head(draft.speaker))


def intention_only(draft: Draft, layout: Layout) -> bool:
    """An intention told as a to-infinitive of a verb that is not one of saying: "planned to charge",
    "agreed to inject", "refused to negotiate", "resolved to observe" tell what someone meant or did, not
    what they said ("vowed to", "urged them to", "promised to" are said)."""
    if draft.kind not in ("indirect", "mixed") or len(draft.content) != 1 or draft.cue_lemma is None:
        return False
    start, _ = draft.content[0]
    if layout.text[start:start + 3].lower() != "to ":
        return False
    return not _said(draft, layout) and draft.cue_lemma not in layout.lex.position_cues


def without_content(draft: Draft, doc) -> bool:
    """Content with no word that tells anything -- no noun, name, verb but "be", number or adjective -- is a pointer
    to a statement made elsewhere ("At least that's what the campaign hopes", "have been circulated by
    them: that"): the statement is not in it, so there is none to record."""
    if draft.kind not in ("indirect", "mixed"):
        return False  # a quotation is what was said, however short ("Why not?")
    for start, end in draft.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(t.pos_ in _TELLING and not _copula(t) and not _hedge(t) for t in span):
            return False
    return True


_TELLING = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ", "INTJ"})


def _copula(token) -> bool:
    """"is", "was", and "'s" (whose lemma the parser leaves as the apostrophe)."""
    return token.lemma_ == "be" or token.norm_ == "'s"


def _hedge(token) -> bool:
    """The "least" of "at least", "most" of "at most": a hedge, not something told."""
    at = [token.head, *token.children]
    return token.lower_ in ("least", "most") and any(t.lower_ == "at" for t in at)


def knowing_to_come(draft: Draft, layout: Layout) -> bool:
    """A verb of knowing or finding out in the infinitive tells what may be learnt, not what anyone
    holds: "the system would allow it to determine whether ...", "it's impossible to know whether ...",
    "trying to find out whether ..." (but "wanted to know whether ..." asks a question)."""
    if draft.kind not in ("indirect", "mixed") or _said(draft, layout):
        return False
    verbs = _cue_verbs(draft, layout)
    if not verbs or not any(c.tag_ == "TO" and c.dep_ == "aux" for c in verbs[-1].children):
        return False
    return verbs[-1].head.lemma_.lower() not in layout.lex.asking_verbs


def not_said(draft: Draft, layout: Layout) -> bool:
    """A cue governed by "without" tells what was not said ("It estimates ..., without saying that raising
    taxes is anathema to Republicans"); so does a negated cue of knowing ("Sowers didn't know Patrick was
    coming", "the agency didn't estimate how many") or any negated cue before a question ("did not say
    whether"), and a refusal to say ("declined to say when")."""
    verbs = _cue_verbs(draft, layout)
    if not verbs:
        return False
    if verbs[0].dep_ == "pcomp" and verbs[0].head.lower_ == "without":
        return True
    verb = verbs[-1]
    words = layout.text[draft.content[0][0] : draft.content[0][1]].split() if draft.content else []
    if words[:2] == ["to", "say"] or words[:2] == ["to", "comment"]:
        words = words[2:]
    gap = layout.text[draft.cue[1] : draft.content[0][0]].lower().split() if draft.cue and draft.content else []
    # "to say which side he would be on": the question word may stay between the cue and the content
    asks = (bool(words) and words[0].lower() in _QUESTION_WORDS) or bool(set(gap) & (_QUESTION_WORDS | {"which"}))
    refusing = [*verbs, verbs[0].head]
    if asks and any(t.lemma_.lower() in ("decline", "refuse", "refusal", "reluctance") for t in refusing):
        return True  # "declined to say when the lander would be ready", "his refusal to say which side"
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    return asks or verb.lemma_.lower() in layout.lex.knowing_verbs


def presented_as_fact(draft: Draft, layout: Layout) -> bool:
    """A verb of knowing or learning presents what follows as fact, in the outlet's voice ("Harper knew
    in his bones that she was perfect", "Steenburgen realized that she had to do something"); and a
    question under a verb that is not of saying is what someone found out or wonders about, not a claim
    ("first learned who had written it"). Neither is a statement."""
    if draft.kind != "indirect" or _said(draft, layout) or not draft.content:
        return False
    verbs = _cue_verbs(draft, layout)
    if not verbs:
        return False
    if any(v.lemma_.lower() in layout.lex.asking_verbs for v in verbs):
        return False  # "wanted to know who had approved the payments" asks
    if verbs[-1].lemma_.lower() in layout.lex.factive_verbs:
        return True
    first = layout.text[draft.content[0][0] : draft.content[0][1]].split()[:1]
    return bool(first) and first[0].lower() in _QUESTION_WORDS


_QUESTION_WORDS = frozenset({"whether", "if", "how", "what", "who", "whom", "when", "why", "where"})


def scene_not_claim(draft: Draft, layout: Layout) -> bool:
    """What a verb that is not one of saying finds or shows, told as a scene with a participle and no
    finite verb, is no claim: "they found her buried in a clothes basket", "the video shows officers
    racing up a staircase" (but "a study found that the drug worked" is one)."""
    if draft.kind != "indirect" or len(draft.content) != 1:
        return False
    verbs = _cue_verbs(draft, layout)
    if not verbs or verbs[-1].lemma_.lower() not in layout.lex.scene_verbs:
        return False
    span = layout.doc.char_span(*draft.content[0], alignment_mode="expand")
    if span is None or span[0].lower_ in ("that", "to") or span[0].tag_ == "TO":
        return False
    main = span.root
    if main.pos_ not in ("VERB", "AUX"):
        main = next((c for c in main.children if c.pos_ == "VERB" and c.dep_ in ("acl", "amod")), None)
    return main is not None and main.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("aux", "auxpass") for c in main.children)


def survey_measure(draft: Draft, layout: Layout) -> bool:
    """Answers counted by a survey, not a statement: "the number who said they had used cannabis in
    the past month rose by 23 percent" (the speaker is a relative pronoun on a noun of measure)."""
    speaker = draft.speaker
    if speaker is None or speaker.lower_ not in layout.lex.relative_pronouns or speaker.head.dep_ != "relcl":
        return False
    return speaker.head.head.lemma_.lower() in layout.lex.measure_nouns


def outlet_aside(draft: Draft, layout: Layout, resolver: Resolver) -> bool:
    """Words of the outlet's own, though a cue verb is in them: an imperative to the reader ("Expect the
    senator to have a new strategy"), and a participle describing a thing that speaks for no one ("an
    agenda favoring tariffs as weapons"; but "a letter saying", "officials saying": ``Resolver.can_speak``)."""
    if draft.kind != "indirect" or draft.speaker is not None:
        return False
    verbs = _cue_verbs(draft, layout)
    if not verbs:
        return False
    verb = verbs[0]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if verb.dep_ == "ROOT" and verb.tag_ == "VB" and not subjects and verb.i == verb.sent.start:
        return True
    thing = verb.head
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and thing.pos_ == "NOUN" and not resolver.can_speak(thing)


def quoted_title(draft: Draft, layout: Layout) -> bool:
    """A quotation that is a title or a name, not speech: "a script called “Wild Rose,”", "directing an
    adaptation of “War & Peace”", "when you listen to “Glasgow,”". Its words are capitalised like a
    title (small words and clitics aside), at most six of them; one word is a title only when it is a name."""
    if draft.kind not in ("direct", "mixed") or len(draft.content) != 1 or draft.cue_lemma == "according to":
        return False  # ("As a boss on “The Apprentice,” Trump demeaned women, according to insiders": a source)
    ranges = [part for quote in draft.quotes for part in quote.parts] or draft.content
    if len(ranges) != 1:
        return False
    span = layout.doc.char_span(*ranges[0], alignment_mode="expand")
    words = [t for t in span or () if t.is_alpha and not t.text.startswith(("’", "'"))]
    if not words or len(words) > 6 or not (words[0].is_title or words[0].is_upper):
        return False
    if not all(t.is_title or t.is_upper or t.lower_ in _TITLE_SMALL_WORDS for t in words):
        return False
    if len(words) == 1:
        return words[0].pos_ == "PROPN" or bool(words[0].ent_type_)
    return _inside_a_phrase(layout, ranges[0][0])


_TITLE_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"})


def _inside_a_phrase(layout: Layout, start: int) -> bool:
    """Whether a quotation runs on from the words before it ("a script called “Wild Rose”", "an adaptation
    of “War & Peace”"), rather than being set off as what was said ("chanted, “Red for Ed,”")."""
    before = layout.text[:start].rstrip(" “\"'‘")
    return bool(before) and before[-1].isalpha()


def moved_by_an_amount(draft: Draft, layout: Layout) -> bool:
    """A cue verb measured by the amount it moved, not spoke: "the Nikkei declined 0.3%, while the Kospi
    fell" ("declined to comment" speaks; "declined 0.3%" is a market; "estimated $1 trillion", an amount
    as object, is still what was said)."""
    verbs = _cue_verbs(draft, layout)
    return bool(verbs) and any(
        c.dep_ == "npadvmod" and c.ent_type_ in _AMOUNTS for c in verbs[-1].children
    )


_AMOUNTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})


def _cue_verbs(draft: Draft, layout: Layout) -> list:
    """The verbs of a draft's cue, in order ("declined to say": declined, say); none without a cue."""
    cue = layout.doc.char_span(*draft.cue, alignment_mode="expand") if draft.cue is not None else None
    return [t for t in cue or () if t.pos_ == "VERB"]


def discourse_marker(draft: Draft, layout: Layout) -> bool:
    """"That said, ..." and "This said, ..." open a sentence as a concession, not a report of speech."""
    if draft.cue is None or draft.speaker is None or draft.speaker.lower_ not in ("that", "this"):
        return False
    after = layout.text[draft.cue[1] : draft.cue[1] + 1]
    return draft.speaker.is_sent_start and after == "," and layout.text[draft.cue[0] : draft.cue[1]] == "said"


def _said(draft: Draft, layout: Layout) -> bool:
    """Whether the draft's cue is a verb of saying ("said", "vowed"), or it has no cue to tell."""
    if draft.cue_lemma is None:
        return True
    return any(entry.speech for entry in layout.lex.cues.get(draft.cue_lemma.split()[0], ()))


def topic_only(draft: Draft, doc, positions: frozenset[str]) -> bool:
    """Indirect speech whose content is only a noun phrase names a topic, not a statement: "announced an
    order of 50 jets", "outlined his cybersecurity plan", "spoke about the tax plans", "released two
    videos", "observed Europa for 17 nights". What was said about the topic is not in the text."""
    if draft.kind != "indirect" or len(draft.content) != 1:
        return False
    span = doc.char_span(*draft.content[0], alignment_mode="expand")
    if span is None:
        return False
    about = span.start > 0 and doc[span.start - 1].lower_ == "about"  # what was said is not in the text
    cue = doc.char_span(*draft.cue, alignment_mode="expand") if draft.cue else None
    if about and cue is not None and cue.root.pos_ == "NOUN":
        return True  # "he will face questions about his accounts", whatever position the noun takes
    if draft.cue_lemma in positions:
        return False  # "called for an independent investigation": the position is what was said
    if any(t.is_quote for t in span):
        return False
    if _names_violence(span.root):
        return False  # "briefed journalists about the destruction of ...": that it happened is the claim
    if about:
        return True  # "his comment about 47 percent of the country being dependent"
    if span[0].lower_ in _CLAUSE_OPENERS or span[0].tag_ == "TO" or span.root.pos_ not in _NOMINAL:
        return False
    if any(t.lower_ == "as" and t.dep_ == "prep" or t.lower_ == "that" and t.dep_ == "mark" for t in span):
        return False  # "painted Romney as an out-of-touch rich guy", "... in a statement that her client ..."
    # A noun phrase, whatever clauses modify it ("the question that has dogged the campaign"), but not one
    # that a verb of its own completes.
    return all(_within_a_modifier(t, span) for t in span if t.pos_ in ("VERB", "AUX") or t.tag_ == "TO")


_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CLAUSE_OPENERS = frozenset({"that", "whether", "if", "how", "what", "why", "when", "where", "who", "which"})


def _within_a_modifier(token, span) -> bool:
    """Whether ``token`` lies in a relative or participial clause or an adjective modifying a noun of
    ``span`` ("16 letters that the chambers had received", "the departed souls"), or hangs outside the
    noun phrase altogether (", while it was on recess" told of the reading, not of the letters)."""
    while token.i != span.root.i:
        if not span.start <= token.i < span.end:
            return True
        if token.dep_ in ("relcl", "acl", "amod") and token.head.pos_ in _NOMINAL:
            return True
        token = token.head
    return False


def _names_violence(token) -> bool:
    """A noun for an act of violence or coercion ("destruction", "massacre", "occupation")."""
    words = events_lexicon()
    rules = words.triggers.get((token.lemma_.lower(), "NOUN"), ())
    return any(rule.event in words.contention_events for rule in rules)
