"""WikiEvents: score event mentions and attack participants on whole news articles.

WikiEvents (``../shared/data/wikievents``) annotates every event mention of the KAIROS ontology in whole
articles, with its arguments (Attacker, Target, Place ...). Five KAIROS types have a PLOVER counterpart
(``GOLD_TYPES``); the others are not scored. Each article goes through the public pipeline; its predicted
mentions are every event's trigger and further mentions.

* A predicted mention is right when it overlaps a gold mention of the same PLOVER type that no earlier
  predicted mention took (each gold mention is matched once), and wrong otherwise, except that a mention
  over a gold mention KAIROS splits off what PLOVER folds in (``NEUTRAL``: an ASSAULT over a Life.Die,
  Life.Injure, damage or other Conflict.* mention; a CONSULT or THREATEN over any Contact.*; a COERCE over
  any Justice.*) counts neither way.
* For matched ASSAULT mentions whose gold gives an Attacker (a Target, a Place): whether the event's actor
  (recipient, place) names it, one name containing the other, case aside.

WikiEvents leaves many PLOVER events unannotated, so its precision is a lower bound; the judged articles
(``newsledger eval expected``) are where event precision is measured.

Two layouts are read: the original (``dev.jsonl``: ``sentences`` of ``[[token, start, end], ...], text``
pairs, trigger token indices over the document) and the re-tokenised one of a later study
(``train.jsonl``: ``tokens``, ``sentences`` as strings, trigger ``start_idx``/``end_idx``), whose text is
rebuilt from its tokens. That study points every mention of one happening at its first mention, so in
``train.jsonl`` a gold mention stands for a whole coreference chain (repeats are read once): its recall
counts happenings found, and its precision, which counts every further mention as wrong, means little.

Example::

    newsledger eval wikievents ../shared/data/wikievents/dev.jsonl --json
    {"assault_precision": ..., "assault_recall": ..., "micro_f1": ..., "attacker_accuracy": ...}
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.model import Article, Ledger, article_id

GOLD_TYPES = {
    "Conflict.Attack": "ASSAULT",
    "Conflict.Demonstrate": "PROTEST",
    "Justice.ArrestJailDetain": "COERCE",
    "Contact.ThreatenCoerce": "THREATEN",
}
"""KAIROS type prefix -> PLOVER type (besides Contact.*.Meet -> CONSULT, see :func:`plover_type`)."""

SCORED = ("ASSAULT", "PROTEST", "COERCE", "THREATEN", "CONSULT")
"""The PLOVER types WikiEvents annotates; a predicted event of another type is not scored."""

NEUTRAL = {
    "ASSAULT": ("Life.Die", "Life.Injure", "ArtifactExistence.DamageDestroyDisableDismantle", "Conflict."),
    "CONSULT": ("Contact.",),
    "THREATEN": ("Contact.",),
    "COERCE": ("Justice.",),
}
"""Predicted type -> KAIROS prefixes it may overlap without counting either way."""

MISTAKE_KINDS = ("missed", "spurious", "wrong attacker", "wrong target", "wrong place")
"""What ``--errors N`` shows, N of each, in this order."""

ROLES = {"attacker": ("Attacker", "actor"), "target": ("Target", "recipient"), "place": ("Place", "place")}
"""Scored ASSAULT argument -> (gold role, event field)."""


def plover_type(kairos: str) -> str | None:
    """The PLOVER type a KAIROS event type is scored as, or None.

    >>> plover_type("Conflict.Attack.DetonateExplode"), plover_type("Contact.RequestCommand.Meet")
    ('ASSAULT', 'CONSULT')
    >>> plover_type("Life.Die.Unspecified") is None
    True
    """
    if kairos.startswith("Contact.") and kairos.endswith(".Meet"):
        return "CONSULT"
    for prefix, plover in GOLD_TYPES.items():
        if kairos.startswith(prefix):
            return plover
    return None


@dataclass
class GoldMention:
    kairos: str
    start: int  # character offsets into the rebuilt text
    end: int
    text: str
    arguments: dict[str, list[str]] = field(default_factory=dict)  # role -> argument texts

    @property
    def plover(self) -> str | None:
        return plover_type(self.kairos)


@dataclass
class GoldArticle:
    doc_id: str
    text: str
    mentions: list[GoldMention]


# --- reading -------------------------------------------------------------------------------------------


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Every article of a WikiEvents JSONL file, in either layout; ValueError on anything else."""
    articles = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                articles.append(_original(record) if "doc_id" in record else _retokenised(record))
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                raise ValueError(f"line {number}: not a WikiEvents article ({exc})") from None
    return articles


def _original(record: dict) -> GoldArticle:
    """The original layout: each sentence's text placed at its first token's offset."""
    offsets: list[tuple[int, int]] = []
    text = ""
    for tokens, sentence in record["sentences"]:
        start = tokens[0][1]
        # A sentence without closing punctuation (a headline) ends its paragraph, so the parser does not
        # run it into the next one; otherwise one space, as in running text.
        if len(text) < start:
            gap = "\n" if text and not re.search(r"[.!?\"”’')]$", text) else " "
            text += gap + " " * (start - len(text) - 1)
        text = text[:start] + sentence
        offsets.extend((begin, end) for _, begin, end in tokens)
    mentions = [_gold_mention(m, offsets, text, "start", "end") for m in record["event_mentions"]]
    return GoldArticle(record["doc_id"], text, mentions)


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}”’]|'s|’s|n't|'|’)$")
_NO_SPACE_AFTER = re.compile(r"^[(\[{“$]$")
_CONTRACTION_TAILS = {"s", "t", "re", "ve", "ll", "d", "m"}


def _retokenised(record: dict) -> GoldArticle:
    """The re-tokenised layout: the text rebuilt from the tokens, spacing punctuation as print does."""
    text = ""
    offsets = []
    previous = ""
    for token in record["tokens"]:
        glue = (not text or _NO_SPACE_BEFORE.match(token) or _NO_SPACE_AFTER.match(previous) or "-" in (token, previous)
                or (previous in ("’", "'") and token in _CONTRACTION_TAILS))
        text += "" if glue else " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        previous = token
    mentions: dict[tuple[str, int, int], GoldMention] = {}
    for mention in record["event_mentions"]:
        read = _gold_mention(mention, offsets, text, "start_idx", "end_idx")
        once = mentions.setdefault((read.kairos, read.start, read.end), dataclasses.replace(read, arguments={}))
        for role, texts in read.arguments.items():  # a chain's mentions: their arguments together
            once.arguments.setdefault(role, []).extend(texts)
    return GoldArticle(record["docid"], text, list(mentions.values()))


def _gold_mention(mention: dict, offsets: list[tuple[int, int]], text: str, start_key: str,
                  end_key: str) -> GoldMention:
    """One gold mention, its trigger's token indices (under ``start_key``/``end_key``) read as characters."""
    trigger = mention["trigger"]
    start, end = offsets[trigger[start_key]][0], offsets[trigger[end_key] - 1][1]
    arguments: dict[str, list[str]] = {}
    for argument in mention.get("arguments", ()):
        arguments.setdefault(argument["role"], []).append(argument["text"])
    return GoldMention(mention["event_type"], start, end, text[start:end], arguments)


# --- scoring --------------------------------------------------------------------------------------------


@dataclass
class Counts:
    right: Counter = field(default_factory=Counter)  # PLOVER type -> predicted mentions matched (each takes
    wrong: Counter = field(default_factory=Counter)  # one gold mention: also the gold mentions found)
    neutral: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)
    arguments: dict[str, list[int]] = field(default_factory=lambda: {role: [0, 0] for role in ROLES})
    errors: list[dict] = field(default_factory=list)


def _names_match(system: str | None, gold: list[str]) -> bool:
    """Whether one name holds the other as whole words, case aside.

    >>> _names_match("the Islamic State", ["Islamic State"]), _names_match("this", ["IS"])
    (True, False)
    """
    if not system:
        return False

    def within(inner: str, outer: str) -> bool:
        return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None

    system = system.casefold().strip()
    return any(within(g.casefold().strip(), system) or within(system, g.casefold().strip()) for g in gold)


def _event_field(event, name: str, ledger: Ledger) -> list[str]:
    """The names an event's actor, recipient or place goes by in this article (its entity's mentions, the
    place's name and its words in the text)."""
    value = getattr(event, name)
    if value is None:
        return []
    names = [value.name]
    if name == "place" and value.place and (place := next((p for p in ledger.places if p.id == value.place), None)):
        names.append(place.span.text)  # the name as the article writes it ("Jalalabad" for "Jalālābād")
    if name != "place" and value.mention is not None:
        names.append(value.mention.text)
    if name != "place" and value.entity and (entity := ledger.entity(value.entity)) is not None:
        names.append(entity.name)
        names.extend(mention.text for mention in entity.mentions)
    return names


def score_article(gold: GoldArticle, ledger: Ledger, counts: Counts) -> None:
    """Add one article's comparison to ``counts``."""
    scored = [m for m in gold.mentions if m.plover]
    for mention in scored:
        counts.gold[mention.plover] += 1
    taken: set[int] = set()
    for event in ledger.events:
        if event.event not in SCORED:
            continue
        for span in (event.trigger, *event.mentions):
            match = next((i for i, m in enumerate(scored) if i not in taken and m.plover == event.event
                          and m.start < span.end and span.start < m.end), None)  # fmt: skip
            if match is not None:
                taken.add(match)
                counts.right[event.event] += 1
                if event.event == "ASSAULT":
                    _score_arguments(scored[match], event, ledger, counts, gold.doc_id,
                                     _context(gold.text, span.start, span.end))
                continue
            neutral = NEUTRAL.get(event.event, ())
            if any(m.kairos.startswith(neutral) and m.start < span.end and span.start < m.end
                   for m in gold.mentions):  # fmt: skip
                counts.neutral[event.event] += 1
                continue
            counts.wrong[event.event] += 1
            counts.errors.append({"kind": "spurious", "event": event.event, "text": span.text,
                                  "context": _context(gold.text, span.start, span.end), "doc": gold.doc_id})
    for i, mention in enumerate(scored):
        if i not in taken:
            counts.errors.append({"kind": "missed", "event": mention.plover, "text": mention.text,
                                  "context": _context(gold.text, mention.start, mention.end), "doc": gold.doc_id})


def _score_arguments(gold: GoldMention, event, ledger: Ledger, counts: Counts, doc_id: str, context: str) -> None:
    for role, (gold_role, name) in ROLES.items():
        wanted = gold.arguments.get(gold_role)
        if not wanted:
            continue
        system = _event_field(event, name, ledger)
        right = any(_names_match(s, wanted) for s in system)
        counts.arguments[role][0] += right
        counts.arguments[role][1] += 1
        if not right:
            counts.errors.append({"kind": f"wrong {role}", "event": "ASSAULT", "gold": wanted,
                                  "system": system[:1], "context": context, "doc": doc_id})


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    return " ".join(f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}".split())


def _pct(a: int, b: int) -> float:
    return round(100 * a / b, 2) if b else 0.0


def metrics(counts: Counts) -> dict[str, Any]:
    """The scores (0-100, two decimals) and the counts behind them.

    >>> c = Counts(right=Counter(ASSAULT=3), wrong=Counter(ASSAULT=1), gold=Counter(ASSAULT=4, PROTEST=1))
    >>> m = metrics(c); m["assault_precision"], m["assault_recall"], m["micro_recall"], m["micro_f1"]
    (75.0, 75.0, 60.0, 66.67)
    """
    right, wrong, gold = sum(counts.right.values()), sum(counts.wrong.values()), sum(counts.gold.values())
    precision, recall = _pct(right, right + wrong), _pct(right, gold)
    result: dict[str, Any] = {
        "assault_precision": _pct(counts.right["ASSAULT"], counts.right["ASSAULT"] + counts.wrong["ASSAULT"]),
        "assault_recall": _pct(counts.right["ASSAULT"], counts.gold["ASSAULT"]),
        "micro_precision": precision,
        "micro_recall": recall,
        "micro_f1": round(2 * precision * recall / (precision + recall), 2) if precision + recall else 0.0,
    }
    for role, (correct, total) in counts.arguments.items():
        result[f"{role}_accuracy"] = _pct(correct, total)
        result[f"{role}_scored"] = total
    types = sorted(set(counts.gold) | set(counts.right) | set(counts.wrong))
    result["per_type"] = {t: {"gold": counts.gold[t], "found": counts.right[t], "right": counts.right[t],
                              "wrong": counts.wrong[t], "neutral": counts.neutral[t]} for t in types}  # fmt: skip
    return result


def _ledgers(articles: list[GoldArticle], model: str | None) -> Iterator[Ledger]:
    from newsledger.pipeline import analyze_articles

    return analyze_articles((Article(id=article_id(a.text), text=a.text) for a in articles), model=model)


def evaluate(gold: str | Path | list[GoldArticle], model: str | None = None, with_errors: bool = False,
             progress: Callable[[], object] | None = None) -> dict[str, Any]:
    """Score the pipeline's events on a WikiEvents file (or its articles, read); see the module docstring.

    ``progress`` (optional) is called once per article scored.
    """
    articles = gold if isinstance(gold, list) else read_gold(gold)
    counts = Counts()
    for gold, ledger in zip(articles, _ledgers(articles, model), strict=True):
        score_article(gold, ledger, counts)
        if progress is not None:
            progress()
    result = metrics(counts)
    result["articles"] = len(articles)
    if with_errors:
        result["errors"] = counts.errors
    return result
