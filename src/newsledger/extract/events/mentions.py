"""Finding the mentions of a document: every trigger with the clause it happens through and its token
range, less the nouns that are another event's content or a protest's demand.
"""

from __future__ import annotations

from newsledger.extract.events.constructions import _refusals, _speech_mentions
from newsledger.extract.events.records import _Mention
from newsledger.extract.events.rules import _rule_for, _rules_for
from newsledger.extract.events.syntax import _ancestors, _governing_verb, _lemma
from newsledger.extract.events.vocabulary import lexicon
from newsledger.extract.parsed import sentence_number, tokens


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


def _complement_of_trigger(mention: _Mention, verbs: dict[int, _Mention]) -> bool:
    """A noun that is the object of another event's verb is that event's content, not an event of its own
    ("rejected the call", "agreed to a ceasefire", "lifted the curfew"); requests and threats keep what they
    ask for or threaten (it is marked demanded or threatened instead)."""
    if not mention.nominal or mention.head.i != mention.token.i:
        return False
    token = mention.token
    if token.dep_ in ("nsubj", "nsubjpass"):
        return False  # "the blast wounded 30": the doer of the verb, a mention of its own
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
            referring = rule.pos == "NOUN" and not complements and _lemma(token) in lexicon().referring_nouns
            found.append(_Mention(token, head, span, rule.event, rule.mode, rule.pos == "NOUN",
                                  sentence_of[token.i], complements=complements, referring=referring))  # fmt: skip
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
