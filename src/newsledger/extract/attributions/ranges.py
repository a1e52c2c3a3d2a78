"""The characters of parsed phrases: a noun phrase, a source phrase as PolNeAR marks it, a subtree."""

from __future__ import annotations

from newsledger.extract.attributions.layout import Token

_NP_EXCLUDED = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "dep"}


def phrase_range(token: Token) -> tuple[int, int]:
    """The characters of the noun phrase headed by ``token``, without relative clauses or appositions.

    ``Smith, a spokesman who ..., said`` -> ``Smith``; ``a spokesman for the ministry`` stays whole.
    """
    tokens = [token]
    for child in token.children:
        if child.dep_ not in _NP_EXCLUDED:
            tokens.extend(child.subtree)
    if not any(c.dep_ == "conj" for c in token.children):
        # "Donna Rawlings, 59, of Ashton": what follows a comma describes the speaker, it does not name her.
        comma = next((t.i for t in token.doc[token.i : max(t.i for t in tokens) + 1] if t.text == ","), None)
        if comma is not None:
            tokens = [t for t in tokens if t.i < comma]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


_BRACKETS = {")": "(", "]": "["}


def source_range(text: str, token: Token) -> tuple[int, int]:
    """The characters of a source phrase: ``token``'s whole subtree, as PolNeAR marks sources.

    Appositions and clauses that say who the source is belong to it, and so does the comma that
    closes a parenthetical (``Ban Ki-moon, the secretary general,`` said); punctuation at the
    edges does not, unless it closes a bracket opened inside. Only the unbroken stretch around
    ``token`` counts, so a misparse cannot stretch a source over its own cue.

    >>> from newsledger.pipeline import load_nlp
    >>> doc = load_nlp()("Mr. King, 82, said he would stay.")
    >>> text = doc.text
    >>> text[slice(*source_range(text, doc[1]))]
    'Mr. King, 82,'
    """
    return _edge_punctuation(text, _contiguous_subtree(token), token)


def _contiguous_subtree(token: Token) -> list[Token]:
    """The tokens of ``token``'s subtree that form an unbroken stretch around it."""
    inside = {t.i for t in token.subtree}
    first = last = token.i
    while first - 1 in inside:
        first -= 1
    while last + 1 in inside:
        last += 1
    return list(token.doc[first : last + 1])


def _edge_punctuation(text: str, tokens: list[Token], token: Token) -> tuple[int, int]:
    """The characters of ``tokens`` without edge punctuation (a closing bracket or parenthetical comma stays)."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].i != token.i:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].i != token.i:
        last = tokens[-1].text
        if last in _BRACKETS and _BRACKETS[last] in text[tokens[0].idx : tokens[-1].idx]:
            break
        tokens.pop()
    if not tokens:
        return token.idx, token.idx + len(token.text)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if "," in text[start:end] and text.startswith(",", end):
        end += 1
    return start, end


def subtree_range(token: Token, skip_marks: bool = False) -> tuple[int, int]:
    """The characters of ``token``'s subtree; ``skip_marks`` drops a leading ``that`` / ``whether``.

    The complementiser is part of reported content by the PolNeAR / PARC convention
    (``said [that the talks failed]``), so it is kept unless asked otherwise.
    """
    tokens = list(token.subtree)
    if skip_marks:
        while tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
            tokens = tokens[1:]
    if not tokens:
        return token.idx, token.idx
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
