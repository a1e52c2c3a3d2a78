"""The words attributions are found by: the cue lexicon and the attribution patterns, read once.

``resources/cues.json`` holds the cue verbs and nouns with their stance and complement frames;
``resources/attribution_patterns.json`` the quote marks, source markers, passive assessments,
hedges, pronouns and speaker-line patterns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parents[2] / "resources"  # src/newsledger/resources


@dataclass(frozen=True)
class CueEntry:
    """One cue of the lexicon: ``call for`` is the lemma ``call`` with the particle ``for``."""

    lemma: str
    head: str
    particle: str | None
    stance: str
    frames: frozenset[str]
    speech: bool = False  # a verb of saying: with a listed frame, it reports content whatever the context


@dataclass(frozen=True)
class Lexicon:
    """The data files, read once."""

    cues: dict[str, tuple[CueEntry, ...]]  # head lemma -> entries (longest particle first)
    noun_cues: dict[str, CueEntry]  # "claim", "criticism", "view" …
    source_markers: dict[tuple[str, ...], str]  # ("according", "to") -> stance
    passives: dict[str, tuple[str, frozenset[str]]]  # lemma -> (stance, complements)
    hedges: dict[str, str]  # adverb -> stance
    pronouns: dict[str, str]  # pronoun -> PERSON / GROUP / ANY
    entity_kinds: dict[str, str]  # entity or NER type -> PERSON / GROUP
    relative_pronouns: frozenset[str]
    first_person: frozenset[str]  # "I", "we": inside a quotation, its speaker
    generic_speakers: frozenset[str]  # "you", "what": no one in particular
    documents: frozenset[str]  # "statement", "report": "the statement said" speaks for its issuer
    time_nouns: frozenset[str]  # "time", "moment": "claimed at the time" is not a claim about the time
    speaker_nouns: frozenset[str]  # "official", "report": common nouns that can name a speaker
    rank_qualifiers: frozenset[str]  # "vice", "former": a role with them is another role
    asking_verbs: frozenset[str]  # "wanted to know whether": a question asked
    bare_quantifiers: frozenset[str]  # "all agreed": alone, no one named
    knowing_verbs: frozenset[str]  # "know", "estimate": negated, no statement
    factive_verbs: frozenset[str]  # "knew", "realized": the content is told as fact, no statement
    scene_verbs: frozenset[str]  # "found her buried", "shows officers racing": a scene, no statement
    measure_nouns: frozenset[str]  # "the number who said": a survey's measure, no speaker
    gendered_words: dict[str, str]  # "mrs." -> "f", "congressman" -> "m"
    quote_pairs: dict[str, str]
    colon_speaker: dict[str, Any]
    dash_speaker: dict[str, Any]
    content_prepositions: frozenset[str]
    position_cues: frozenset[str]  # "call for", "deny": a noun-phrase object is itself what was said

    @property
    def quote_marks(self) -> frozenset[str]:
        """Every opening and closing quote mark."""
        return frozenset(self.quote_pairs) | frozenset(self.quote_pairs.values())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read ``cues.json`` and ``attribution_patterns.json``.

    >>> lexicon().cues["say"][0].stance
    'neutral'
    """
    cue_data = json.loads((RESOURCES / "cues.json").read_text(encoding="utf-8"))
    patterns = json.loads((RESOURCES / "attribution_patterns.json").read_text(encoding="utf-8"))
    cues: dict[str, list[CueEntry]] = {}
    speech = set(cue_data.get("speech", ()))
    for lemma, info in cue_data["cues"].items():
        head, _, particle = lemma.partition(" ")
        entry = CueEntry(lemma, head, particle or None, info["stance"], frozenset(info["frames"]), lemma in speech)
        cues.setdefault(head, []).append(entry)
    return Lexicon(
        cues={head: tuple(sorted(entries, key=lambda e: e.particle is None)) for head, entries in cues.items()},
        noun_cues={
            lemma: CueEntry(lemma, lemma, None, info["stance"], frozenset(info["frames"]))
            for lemma, info in cue_data.get("nouns", {}).items()
        },
        source_markers={tuple(k.split()): v["stance"] for k, v in patterns["source_markers"].items()},
        passives={k: (v["stance"], frozenset(v["complements"])) for k, v in patterns["passive_assessments"].items()},
        hedges={k: v["stance"] for k, v in patterns["hedge_adverbs"].items()},
        pronouns=dict(patterns["pronouns"]),
        entity_kinds=dict(patterns["entity_kinds"]),
        relative_pronouns=frozenset(patterns["relative_pronouns"]),
        first_person=frozenset(patterns["first_person"]),
        generic_speakers=frozenset(patterns["generic_speakers"]),
        documents=frozenset(patterns["documents"]),
        time_nouns=frozenset(patterns["time_nouns"]),
        speaker_nouns=frozenset(patterns["speaker_nouns"]),
        rank_qualifiers=frozenset(patterns["rank_qualifiers"]),
        asking_verbs=frozenset(patterns["asking_verbs"]),
        bare_quantifiers=frozenset(patterns["bare_quantifiers"]),
        knowing_verbs=frozenset(patterns["knowing_verbs"]),
        factive_verbs=frozenset(patterns["factive_verbs"]),
        scene_verbs=frozenset(patterns["scene_verbs"]),
        measure_nouns=frozenset(patterns["measure_nouns"]),
        gendered_words=dict(patterns["gendered_words"]),
        quote_pairs=dict(patterns["quote_pairs"]),
        colon_speaker=dict(patterns["colon_speaker"]),
        dash_speaker=dict(patterns["dash_speaker"]),
        content_prepositions=frozenset(patterns["content_prepositions"]),
        position_cues=frozenset(cue_data["position_cues"]),
    )


def base_forms(word: str) -> list[str]:
    """Guesses at a verb's base form, for when the lemmatiser slips (``hopes`` -> ``hop``).

    >>> base_forms("hoped")
    ['hope', 'hop', 'hoped']
    """
    forms = []
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("es", ("e", "")),
        ("s", ("",)),
        ("ed", ("e", "")),
        ("ing", ("e", "")),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms += [word[: -len(suffix)] + r for r in replacements]
    return forms + [word]
