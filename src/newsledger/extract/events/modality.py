"""Whether an event happened: asserted, or negated, hypothetical, demanded, threatened, future, from the
clause's own auxiliaries and markers and its nearest governing verb; and the REQUEST or THREATEN a demanded
or threatened event belongs to.
"""

from __future__ import annotations

from newsledger.extract.events.records import _Mention
from newsledger.extract.events.rules import _rule_for
from newsledger.extract.events.syntax import _ancestors, _governors, _infinitival, _lemma
from newsledger.extract.events.vocabulary import EventsLexicon, lexicon
from newsledger.extract.parsed import sentences

_MODALITY_ORDER = ("negated", "hypothetical", "demanded", "threatened", "attempted", "future", "asserted")


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
    if _inverted_condition(head, words):
        return {"hypothetical"}  # "threats should China not accede": a condition, not a refusal
    for token in [head, *_ancestors(head)]:
        if any(c.dep_ == "mark" and c.lower_ in words.condition_marks for c in token.children):
            # the condition itself: "if the army attacks"; "if the army does not withdraw" is no refusal
            return (found - {"negated"}) | {"hypothetical"}
        in_order_to = token.dep_ == "acl" and token.head.lower_ == "order" and token.head.dep_ == "pobj"
        if (token.dep_ == "advcl" or in_order_to) and _infinitival(token) and token.pos_ == "VERB":
            if event is None or _event_type_at(token.head) != event:
                found.add("hypothetical")  # a purpose, not a deed: "resigned to allow elections", "in order to"
            else:  # "began a hunger strike to protest X" restates the protest: the same deed, as told there
                found |= _own_modality(token.head, words) - {"hypothetical"}
            break
        if token.dep_ in ("ROOT", "ccomp"):
            break
    return found


def _inverted_condition(head, words: EventsLexicon) -> bool:
    """A condition told by inversion: "should China not accede", "had they known", "were it to attack"."""
    subjects = [c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return bool(subjects) and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in words.inverted_condition_words and c.i < min(subjects)
        for c in head.children
    )


def _modality(mention: _Mention) -> str:
    """Whether the event happened: asserted, or negated, hypothetical, demanded, threatened, attempted, future.

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
        if below.dep_ == "conj":  # "threatening to assault and murder": the first verb's governor decides
            found |= _own_modality(governor, words) & {"negated", "future", "hypothetical", "demanded"}
            continue
        if lemma in words.light_verbs and below.dep_ in ("dobj", "obj"):
            continue  # "threatened to institute a curfew": the curfew is what is threatened
        if below.dep_ == "xcomp" and any(
            c.dep_ == "aux" and c.lower_ in words.hypothetical_words for c in governor.children
        ):
            found.add("hypothetical")  # "may end up giving fewer concessions", "could try to invade"
        if lemma in words.negation_verbs or _phrasal(governor) & words.negation_verbs:
            found.add("negated")  # "refused to", "steering clear of criticizing"
        elif lemma in words.threat_verbs:
            found.add("threatened")
        elif lemma in words.possibility_verbs:
            found.add("hypothetical")  # "feared he would be extradited", "is considering sanctions"
        elif lemma in words.attempt_verbs:
            found.add("attempted")
        elif lemma in words.demand_verbs:
            found.add("demanded")
        elif (lemma in words.future_words or (governor.pos_ == "ADJ" and governor.lower_ in words.future_words)) \
                and below.dep_ != "ccomp":
            found.add("future")  # "agreed to withdraw"; "agree that China has taken advantage" tells the past
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
    if mention.nominal and any(c.dep_ == "det" and c.lower_ == "no" for c in mention.token.children):
        found.add("negated")  # "we make no apology"
    if not found and mention.nominal and _called_off(mention.token, words):
        found.add("negated")  # "a meeting in Chile that was canceled"
    if not found and _asked(mention):
        found.add("hypothetical")  # "How likely is an Assange conviction?": a question asserts nothing
    return next((m for m in _MODALITY_ORDER if m in found), "asserted")


def _called_off(noun, words: EventsLexicon) -> bool:
    """Whether a clause on the noun says it was called off ("a meeting that was canceled", "the summit,
    cancelled at the last minute")."""
    for clause in noun.children:
        if clause.dep_ not in ("relcl", "acl") or _lemma(clause) not in words.negation_verbs:
            continue
        passive = any(a.dep_ == "auxpass" for a in clause.children)
        if passive or (clause.dep_ == "acl" and clause.tag_ == "VBN"):
            return True
    return False


def _asked(mention: _Mention) -> bool:
    """Whether the mention lies in a question: its sentence ends with a question mark."""
    sentence = sentences(mention.token.doc)[mention.sentence]
    ending = [t for t in reversed(sentence) if not (t.is_space or t.is_quote)][:1]
    return bool(ending) and ending[0].text == "?"


def _phrasal(verb) -> set[str]:
    """The verb with each particle or adverb it takes: "steer clear", "stop short"."""
    return {f"{_lemma(verb)} {c.lower_}" for c in verb.children if c.dep_ in ("advmod", "prt", "acomp")}


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
