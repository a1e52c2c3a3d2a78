"""Events without a trigger word: a demand or an allegation told by a verb of saying through its
complement clause (REQUEST, ACCUSE 'allege'), and a negated promise (REJECT).
"""

from __future__ import annotations

from newsledger.extract.events.records import _Mention
from newsledger.extract.events.rules import _rule_for
from newsledger.extract.events.syntax import _lemma
from newsledger.extract.events.vocabulary import lexicon
from newsledger.extract.parsed import sentence_number, tokens


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
        if _lemma(token) in words.word_sets["giving_back"] and not any(c.dep_ == "dobj" for c in token.children):
            continue  # "would not return to the battlefield": not withholding anything
        aux = next((c for c in token.children if c.dep_ == "aux" and c.lower_ in words.future_words | {"can", "ca"}
                    and c.i < token.i), None)  # fmt: skip
        if aux is None or not any(c.dep_ == "neg" for c in token.children) or token.i - aux.i > 3:
            continue
        found.append(_Mention(token, token, (aux.i, token.i + 1), "REJECT", None, False,
                              sentence_of[token.i]))  # fmt: skip
    return found
