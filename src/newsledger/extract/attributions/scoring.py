"""The trained linear scorers (``resources/models/attributions/``) and the choices they make.

Which content candidate a cue takes, how far a source phrase reaches, and whether a cue reports
anything; without the trained file the lexicon's frames decide alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsledger.extract.attributions.candidates import Candidate, source_candidates
from newsledger.extract.attributions.features import candidate_features, cue_features, source_features
from newsledger.extract.attributions.layout import Layout, Token
from newsledger.extract.attributions.sources import _is_passive
from newsledger.extract.attributions.vocabulary import RESOURCES, CueEntry


@dataclass(frozen=True)
class LinearScorer:
    """A linear model over named features: ``score = bias + sum(weights[f])``, positive when > threshold."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.0

    def score(self, features: Iterable[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(f, 0.0) for f in features)


@dataclass(frozen=True)
class Scorers:
    """The trained scorers (``resources/models/attributions/``), or ``None`` fields for the rules alone."""

    cue: LinearScorer | None = None
    content: LinearScorer | None = None
    source: LinearScorer | None = None


MODEL_PATH = RESOURCES / "models" / "attributions" / "scorers.json"


@lru_cache(maxsize=1)
def scorers() -> Scorers:
    """The trained scorers shipped with the package; without the file, the lexicon's frames decide alone."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Scorers()
    models = {
        name: LinearScorer(dict(m["weights"]), float(m.get("bias", 0.0)), float(m.get("threshold", 0.0)))
        for name, m in data.get("models", {}).items()
    }
    return Scorers(cue=models.get("cue"), content=models.get("content"), source=models.get("source"))


def choose_content(layout: Layout, cue: Token, entry: CueEntry, candidates: Sequence[Candidate]) -> Candidate | None:
    """The best content candidate: by the trained scorer, else the first whose frame the lexicon lists."""
    if not candidates:
        return None
    model = scorers().content
    if model is None:
        framed = [c for c in candidates if c.frame in entry.frames]
        return framed[0] if framed else None
    return max(candidates, key=lambda c: model.score(candidate_features(layout, cue, entry, c)))


def choose_source(layout: Layout, token: Token) -> tuple[int, int]:
    """The extent of the source phrase headed by ``token``: by the trained scorer, else the whole phrase.

    Kept per token in the layout: the tagger and the speaker resolver both ask for each draft's source.
    """
    chosen = layout.source_choices.get(token.i)
    if chosen is None:
        candidates = source_candidates(layout, token)
        model = scorers().source
        if model is None or len(candidates) == 1:
            chosen = candidates[0].spans[0]
        else:
            chosen = max(candidates, key=lambda c: model.score(source_features(layout, token, c))).spans[0]
        layout.source_choices[token.i] = chosen
    return chosen


def is_cue(layout: Layout, cue: Token, entry: CueEntry, candidate: Candidate, source: Token | None) -> bool:
    """Whether ``cue`` reports ``candidate``.

    A verb of saying with a complement the lexicon lists reports it; otherwise (attitudes, evidence,
    support, unlisted complements) the trained gate judges the context, or without it the frame alone.
    """
    framed = candidate.frame in entry.frames
    model = scorers().cue
    if model is None or (entry.speech and framed and not _is_passive(cue)):
        return framed
    return model.score(cue_features(layout, cue, entry, candidate, source)) > model.threshold
