"""Which rows of the trigger table a token matches: its part of speech as a trigger, and the needs of a
row (an object, a preposition, an infinitival complement, a governing verb) it meets.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsledger.extract.events.syntax import _governing_verb, _infinitival, _lemma, _of_objects
from newsledger.extract.events.vocabulary import TriggerRule, lexicon
from newsledger.knowledge.people import names_people, names_persons


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


def _direct_objects(verb) -> Iterable:
    """A verb's direct objects and passive subjects, with their conjuncts ("released two engineers and a
    pilot", "two engineers were released")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass", "dative"):
            yield child
            yield from (c for c in child.children if c.dep_ == "conj")


def _has_to_clause(token) -> bool:
    """Whether a noun has an infinitival complement: "an agreement to end the fighting"."""
    return any(c.dep_ in ("acl", "relcl", "xcomp") and any(a.lower_ == "to" for a in c.children)
               for c in token.children)  # fmt: skip


def _condition_met(token, kind: str, words: frozenset[str]) -> frozenset[int] | None:
    """None unless ``token`` meets one condition of a need; else the tokens that completed it (an object)."""
    if kind == "prep":
        hit = any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in words for c in token.children)
        return frozenset() if hit else None
    if kind == "xcomp":  # "asked them to leave"; not "declined to comment", which completes no act
        hit = any((c.dep_ == "xcomp" or (c.dep_ == "ccomp" and any(a.lower_ == "to" for a in c.children)))
                  and _lemma(c) not in lexicon().speech_complements for c in token.children)  # fmt: skip
        return frozenset() if hit else None
    if kind == "partyto":  # "allowed the inspectors (or elections) to ...", not "allowed Delhi's air to improve"
        clauses = [c for c in token.children
                   if c.dep_ in ("xcomp", "ccomp") and any(a.lower_ == "to" for a in c.children)]  # fmt: skip
        doers = [d for c in clauses for d in c.children if d.dep_ in ("nsubj", "nsubjpass")]
        doers += [d for d in token.children if d.dep_ in ("dobj", "obj")] if clauses else []
        allowed = not doers or any(_a_party(d) or _lemma(d) in words for d in doers)
        # the one who allows is someone, not a situation: "It allows him to maintain a tough stance"
        grantors = [c for c in token.children if c.dep_ == "nsubj"]
        granted = all(_a_party(g) and g.lower_ not in ("it", "this", "that", "which") for g in grantors)
        return frozenset() if clauses and allowed and granted else None
    if kind == "intrans":  # "fighting erupted", "thousands demonstrated", not "fighting dirty air"
        # nor "as demonstrated by his departure" (shown), "fought to get the script" (strove)
        other_sense = any(c.dep_ in ("dobj", "obj", "auxpass", "agent") for c in token.children)
        return None if other_sense or _strives(token) else frozenset()
    if kind == "bypeople":  # "supporters rallied", "thousands rallied", not "stocks rallied"
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        crowd = any((_a_party(c) and (c.pos_ != "PROPN" or c.ent_type_ == "NORP"))
                    or any(_a_party(o) for o in _of_objects(c)) for c in subjects)  # "thousands of supporters"
        return frozenset() if crowd and not _strives(token) else None  # not "Rublev rallied to beat X"
    if kind == "notvia":  # "captured the town", not "captured on closed circuit television"
        through = [o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        return None if any(_lemma(o) in words or any(_lemma(m) in words for m in o.children) for o in through) \
            else frozenset()
    if kind == "literal":  # "the war", not "the trade war"
        figurative = any(c.dep_ in ("compound", "amod", "nmod") and _lemma(c) in words for c in token.children)
        return None if figurative else frozenset()
    if kind == "of":  # "a state of emergency": the noun is what a frame noun is of
        frame = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
        return frozenset() if frame is not None and _lemma(frame) in words else None
    if kind == "gov":
        verb = _governing_verb(token)
        return frozenset() if verb is not None and _lemma(verb) in words else None
    if kind == "dobj":  # "seized the town", not "seized on a remark"
        return frozenset() if any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in token.children) else None
    if kind == "objtype":  # "recognised Kosovo": an object that is a named entity of one of these types
        return frozenset() if any(t.ent_type_ in {w.upper() for w in words} for t in _objects(token)) else None
    if kind == "people":  # "released two engineers", not "released two videos" nor "abusing his office"
        objects = _objects(token) if token.pos_ != "VERB" else _direct_objects(token)  # not "targeted at voters"
        return frozenset() if any(t.pos_ == "NOUN" and names_persons(_lemma(t)) for t in objects) else None
    if kind == "subj":  # "a bomb exploded": what the verb's subject is makes the sense
        clause = token.head if token.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in token.children) else token
        hits = frozenset(c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) in words)
        if not hits and _relative_of(clause) is not None and _lemma(_relative_of(clause)) in words:
            hits = frozenset({_relative_of(clause).i})  # "two bombs that exploded", "the bombs they set off"
        return hits or None  # (a verb coordinated with another shares its subject: "approached and exploded")
    if kind in ("obj", "objto") and token.pos_ == "VERB" and _relative_of(token) is not None \
            and any(c.dep_ == "nsubj" for c in token.children) \
            and not any(c.dep_ in ("dobj", "obj") for c in token.children) and _lemma(_relative_of(token)) in words:
        return frozenset({_relative_of(token).i})  # "the twin bombs they set off": the noun is the object
    if kind in ("obj", "objto"):
        hits = frozenset(t.i for t in _objects(token)
                         if t.lemma_.lower() in words and (kind == "obj" or _has_to_clause(t)))  # fmt: skip
        return hits or None
    return None


def _strives(verb) -> bool:
    """Whether a verb takes a to-infinitive of purpose ("fought to get the script", "rallied to win"):
    effort towards an aim, not the fighting or the rally itself."""
    return any(c.dep_ in ("xcomp", "advcl") and _infinitival(c) for c in verb.children)


def _sporting(verb) -> bool:
    """Whether a verb is used of sport: its object or purpose is a sporting term ("against defending
    champion Croatia", "defended his title", "rallied to beat Bautista-Agut")."""
    sport = lexicon().sport_terms
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and (
            _lemma(child) in sport or any(m.dep_ == "compound" and _lemma(m) in sport for m in child.children)
        ):
            return True
        if child.dep_ in ("xcomp", "advcl") and _infinitival(child) and _lemma(child) in sport:
            return True
    return False


def _a_party(token) -> bool:
    """Whether a word names someone who can act: a name, a pronoun, a noun for people."""
    return token.pos_ in ("PROPN", "PRON") or (token.pos_ == "NOUN" and names_people(_lemma(token)))


def _relative_of(verb):
    """The noun a relative clause headed by ``verb`` modifies ("bombs that exploded", "bombs they set
    off"), or None."""
    return verb.head if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") else None


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
    if token.pos_ == "NOUN" and token.dep_ == "compound" and _lemma(token.head) in lexicon().happening_heads:
        return "NOUN"  # "the Boston Marathon bombing suspect": the bombing is told
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
    if pos is None or (pos == "VERB" and _sporting(token)):
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
