"""Candidates → decisions with the shipped models: event or not, its statuses, the meeting's level, confidence.

For each candidate of a type with a model: ``p_event`` decides whether it is an event (≥ the model's threshold);
every status whose own probability reaches 0.5 is reported (at least the likeliest one), each with that
probability as its calibrated ``confidence`` (the chance that this (type, status) is right), unless that
confidence is below the model's ``min_confidence`` (``extra_min_confidence`` for a second status): a (type,
status) far more likely wrong than right costs F1 when reported; meetings get level ``high`` when
``p(level:high)`` ≥ 0.5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from detectors.learned import embed
from detectors.learned.features import Observed, embedding_text, features, is_gated
from detectors.learned.model import LinearModel, load
from detectors.next_status import retell, told_status

STATUS_THRESHOLD = 0.5
LEVEL_THRESHOLD = 0.5


@dataclass(frozen=True)
class Decision:
    status: str
    confidence: float
    level: str | None
    detector: str


def decide_one(model: LinearModel, probs: np.ndarray, told: str | None = None) -> list[Decision]:
    """The decisions for one candidate from its calibrated output probabilities (pure). ``told``: the status the
    next sentence tells (``detectors.next_status``), which replaces the model's as the rules' ``retell`` does, with
    the probability of the status it replaces."""
    out = dict(zip(model.outputs, probs.tolist(), strict=True))
    p_event = out.get("event", 0.0)
    if p_event < float(model.meta.get("threshold", 0.5)):
        return []
    statuses = {k.split(":", 1)[1]: p for k, p in out.items() if k.startswith("status:")}
    if not statuses:
        return []
    top = max(statuses, key=statuses.__getitem__)
    chosen = [s for s, p in statuses.items() if p >= STATUS_THRESHOLD] or [top]
    level = None
    if "level:high" in out:
        level = "high" if out["level:high"] >= LEVEL_THRESHOLD else "other"
    # conditional models give p(status | event): the detection is right with p(event) * p(status | event)
    scale = p_event if model.meta.get("conditional") else 1.0
    floor = float(model.meta.get("min_confidence", 0.0))
    extra = max(floor, float(model.meta.get("extra_min_confidence", 0.0)))
    ordered = sorted(chosen, key=lambda s: -statuses[s])
    kept = [(s, scale * statuses[s]) for k, s in enumerate(ordered) if scale * statuses[s] >= (extra if k else floor)]
    if told is not None and told in statuses:
        kept = retell(kept, told)
    return [Decision(s, round(p, 3), level, model.name) for s, p in kept]


class LearnedStage:
    """The models of every type that has one (loaded once per process)."""

    def __init__(self, types: Sequence[str]) -> None:
        self.models: dict[str, LinearModel] = {}
        for t in types:
            model = load(t)
            if model is not None:
                self.models[t] = model
        if any(m.dense_dim for m in self.models.values()):
            embed.load()
        # word features (and so the neighbouring sentences) are needed only by a model trained with them
        self.lexical = any(m.meta.get("lexical", True) for m in self.models.values())

    def covers(self, type_: str) -> bool:
        return type_ in self.models

    def drops(self, obs: Observed) -> bool:
        """This stage decides nothing for the candidate: its type has no model, or its model drops the ones the
        rules' hard gates drop (``gated: drop``, ``is_gated``). Reads the candidate's type, sentence, rule
        reading, gates and cues only: the pipeline asks before it reads the arguments and the neighbours."""
        model = self.models.get(obs.type)
        return model is None or (model.meta.get("gated") == "drop" and is_gated(obs))

    def decide(self, observed: Sequence[Observed]) -> list[list[Decision]]:
        """Decisions for each candidate (empty: not an event, or no model for its type). The embeddings of every
        type's candidates come from one encoder call (one per distinct window; windows seen recently from the
        cache), so a batch streams the encoder's weights once, not once per type."""
        result: list[list[Decision]] = [[] for _ in observed]
        by_type: dict[str, list[int]] = {}
        for k, obs in enumerate(observed):
            if not self.drops(obs):
                by_type.setdefault(obs.type, []).append(k)
        wanted: dict[str, list[str]] = {}  # per type with a dense part: each candidate's window
        for type_, idxs in by_type.items():
            model = self.models[type_]
            if model.dense_dim:
                window = int(model.meta.get("window", 0))
                wanted[type_] = [embedding_text(observed[k], window) for k in idxs]
        texts = list(dict.fromkeys(t for ts in wanted.values() for t in ts))
        vectors = embed.embed_cached(texts) if texts else None
        row = {t: i for i, t in enumerate(texts)}
        for type_, idxs in by_type.items():
            model = self.models[type_]
            dense = None
            if vectors is not None and type_ in wanted:
                dense = vectors[[row[t] for t in wanted[type_]]]
            lexical = bool(model.meta.get("lexical", True))
            probs = model.probabilities([features(observed[k], lexical) for k in idxs], dense)
            for r, k in enumerate(idxs):
                result[k] = decide_one(model, probs[r], told_status(observed[k].context))
        return result
