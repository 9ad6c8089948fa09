"""The learned stage's batching and cache change no output: real articles (10kGNAD, the dev set in six
languages, the seed) give the same detections and confidences as session 4's stage (one encoder call per type,
every window encoded afresh), cache cold and warm."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pytest

from detectors.contracts import Article, Detection
from detectors.learned import embed
from detectors.learned.features import Observed, embedding_text, features, is_gated
from detectors.learned.stage import Decision, LearnedStage, decide_one
from detectors.next_status import told_status
from detectors.pipeline import Pipeline
from tests.shared_data import SHARED, require_shared

NEWS_SAMPLE = 120  # 10kGNAD articles (every 3rd of the first 360); and every 2nd unit of the dev set
BATCH = 16


class SessionFourStage(LearnedStage):
    """The stage as it was (c. 4607aca): per type, the distinct windows encoded in one call, no cache."""

    def decide(self, observed: Sequence[Observed]) -> list[list[Decision]]:
        result: list[list[Decision]] = [[] for _ in observed]
        by_type: dict[str, list[int]] = {}
        for k, obs in enumerate(observed):
            model = self.models.get(obs.type)
            if model is not None and not (model.meta.get("gated") == "drop" and is_gated(obs)):
                by_type.setdefault(obs.type, []).append(k)
        for type_, idxs in by_type.items():
            model = self.models[type_]
            dense = None
            if model.dense_dim:
                window = int(model.meta.get("window", 0))
                wanted = [embedding_text(observed[k], window) for k in idxs]
                texts = list(dict.fromkeys(wanted))
                row = {t: i for i, t in enumerate(texts)}
                dense = embed.embed(texts)[[row[t] for t in wanted]]
            probs = model.probabilities([features(observed[k], bool(model.meta.get("lexical", True)))
                                         for k in idxs], dense)
            for r, k in enumerate(idxs):
                result[k] = decide_one(model, probs[r], told_status(observed[k].context))  # next_status
        return result


def _articles() -> list[Article]:
    news = require_shared(SHARED / "data" / "news-de-10kgnad.jsonl", "10kGNAD news")
    dev = require_shared(SHARED / "eval" / "dev.jsonl", "the dev set")
    seeds = require_shared(SHARED / "seeds", "the seed articles")
    with news.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(3 * NEWS_SAMPLE), fh, strict=False)][::3]
    out = [Article.create(r["text"], id=r["id"], language="de") for r in rows]
    with dev.open(encoding="utf-8") as fh:
        out += [Article.create(r["text"], id=r["id"], language=r["lang"]) for r in map(json.loads, fh)][::2]
    out += [Article.create(p.read_text(encoding="utf-8"), id=p.name) for p in sorted(seeds.glob("*.txt"))]
    return out


def _key(d: Detection) -> tuple:
    return (d.article_id, d.type, d.status, d.detector, d.level, d.form, d.evidence, d.actors, d.countries,
            d.location, d.event_date, d.recency)


def _run(pipeline: Pipeline, articles: list[Article]) -> list[list[Detection]]:
    out: list[list[Detection]] = []
    for i in range(0, len(articles), BATCH):
        out += pipeline.detect_many(articles[i:i + BATCH])
    return out


@pytest.fixture(scope="module")
def runs() -> dict[str, list[list[Detection]]]:
    articles = _articles()
    reference = Pipeline.load()
    assert reference.learned is not None
    reference.learned = SessionFourStage(tuple(reference.learned.models))
    current = Pipeline.load()
    embed.clear_cache()
    cold = _run(current, articles)
    misses = embed.cache_stats()["misses"]
    warm = _run(current, articles)
    stats = embed.cache_stats()
    assert stats["misses"] == misses and stats["hits"] >= misses > 0, stats  # the second pass: all from the cache
    return {"reference": _run(reference, articles), "cold": cold, "warm": warm}


@pytest.mark.parametrize("which", ["cold", "warm"])
def test_same_detections_and_confidences_as_session_four(runs, which):
    ref, new = runs["reference"], runs[which]
    assert sum(map(len, ref)) >= 30  # the sample exercises the stage
    learned = 0
    for a, b in zip(ref, new, strict=True):
        assert [_key(d) for d in a] == [_key(d) for d in b]
        for x, y in zip(a, b, strict=True):
            # confidences are rounded to 3 places; a batch's float sums can fall either side of a rounding edge
            assert abs(x.confidence - y.confidence) <= 1e-3 + 1e-9
            assert (x.embedding is None) == (y.embedding is None)
            if x.embedding is not None:
                learned += 1
                u, v = np.array(tuple(x.embedding)), np.array(tuple(y.embedding))
                assert float(u @ v / np.linalg.norm(u) / np.linalg.norm(v)) > 0.9999
    assert learned >= 20


def test_one_encoder_call_for_every_type_of_a_batch(monkeypatch):
    pipeline = Pipeline.load(["de"])
    text = ("Der Milizenführer Tavik Loramar kündigte am Montag eine Waffenruhe an.\n"
            "Der Rebellenchef Ostrid Venlan traf sich am Dienstag mit Vermittlern zu Gesprächen.")
    calls: list[int] = []
    encode = embed.embed_cached

    def counted(texts):
        calls.append(len(texts))
        return encode(texts)

    monkeypatch.setattr(embed, "embed_cached", counted)
    dets = pipeline.detect(Article.create(text, language="de"))
    assert {d.type for d in dets} == {"ceasefire", "meeting"}
    assert len(calls) == 1 and calls[0] >= 2
