"""Select German 10kGNAD sentences worth labelling with the SHIPPED LEARNED models (issue 12, active learning, round 3).

Every article of ../shared/data/news-de-10kgnad.jsonl is run through the learned pipeline's candidate stage
(``Pipeline.observe_many``: every candidate the learned stage would see) and each candidate is scored by the shipped
model of its type (``p(event)``, the probability the stage thresholds). Per sentence the highest ``p(event)`` per type
is kept, beside the rules' statuses. A sentence is ranked:

- tier 0: ``p(event)`` in the uncertain band (0.2-0.8) for some type, or the learned decision and the rules disagree;
- tier 1: a candidate the models reject with confidence, or a meeting/ceasefire cue word (``select_de.CUES``) and no
  candidate at all (what the candidate rules miss), then sentences with a broader political word (``select_de.BROAD``
  or an office holder, ``ACTORS``) and no candidate: meetings told in other words, and hard negatives;
- tier 2: confident detections (``p(event)`` > 0.8);
- random controls (``--random`` share of the total) from the other sentences.

Sentences overlapping an already labelled span (``--skip`` files, default every corpus/de/10kgnad-*.jsonl) and
sentences equal to, holding or held in a dev.jsonl text are dropped; at most ``--per-article`` per article. Writes the
spans with their text (for the labeller only) under /tmp, never into the repository:

    WIREWATCH_SHARED=/work/shared .venv/bin/python corpus/tools/select_de_learned.py --out /tmp/de_al3.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from detectors.contracts import Article
from detectors.learned import embed
from detectors.learned.corpus import shared_dir
from detectors.learned.features import Observed, embedding_text, features, is_gated
from detectors.pipeline import Pipeline

sys.path.insert(0, str(Path(__file__).parent))
from select_de import BROAD, CUES, sentences, sha1_12  # a sibling tool script

CORPUS_DE = Path(__file__).resolve().parents[1] / "de"
BAND = (0.2, 0.8)
POLITICAL = {"International", "Inland"}
# office holders: a sentence naming one may report a meeting in words no candidate rule knows (or be a hard negative)
ACTORS = re.compile(r"\b(\w*präsident\w*|\w*kanzler\w*|\w*minister\w*|premier\w*|regierungschef\w*|"
                    r"gesandte\w*|sondergesandte\w*|uno?-\w+|nato-\w+|eu-\w+)\b", re.IGNORECASE)


def p_events(pipeline: Pipeline, observed: list[Observed]) -> list[float | None]:
    """The shipped model's p(event) of each candidate (None: no model for its type, or a hard gate drops it)."""
    stage = pipeline.learned
    assert stage is not None
    out: list[float | None] = [None] * len(observed)
    by_type: dict[str, list[int]] = defaultdict(list)
    for k, obs in enumerate(observed):
        model = stage.models.get(obs.type)
        if model is not None and not (model.meta.get("gated") == "drop" and is_gated(obs)):
            by_type[obs.type].append(k)
    for type_, idxs in by_type.items():
        model = stage.models[type_]
        dense = None
        if model.dense_dim:
            window = int(model.meta.get("window", 0))
            dense = embed.embed_cached([embedding_text(observed[k], window) for k in idxs])
        lexical = bool(model.meta.get("lexical", True))
        probs = model.probabilities([features(observed[k], lexical) for k in idxs], dense)
        col = list(model.outputs).index("event")
        for r, k in enumerate(idxs):
            out[k] = float(np.asarray(probs[r])[col])
    return out


def thresholds(pipeline: Pipeline) -> dict[str, float]:
    assert pipeline.learned is not None
    return {t: float(m.meta.get("threshold", 0.5)) for t, m in pipeline.learned.models.items()}


def done_spans(paths: list[Path]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            ref = json.loads(line).get("ref") if line.strip() else None
            if ref:
                spans[ref["article"]].append((int(ref["start"]), int(ref["end"])))
    return spans


def tier(p: dict[str, float], thr: dict[str, float], rules: set[str], cue: bool, broad: bool = False
         ) -> tuple[int, float]:
    """(tier, score): lower is asked first (pure)."""
    if p:
        dist = min(0.0 if BAND[0] <= v <= BAND[1] else min(abs(v - b) for b in BAND) for v in p.values())
        learned = {t for t, v in p.items() if v >= thr.get(t, 0.5)}
        if dist == 0.0:
            return 0, min(abs(v - thr.get(t, 0.5)) for t, v in p.items())
        if learned != rules:
            return 0, 0.5
        return (2, 0.0) if learned else (1, 0.0)
    if cue:
        return 1, 0.5
    return (1, 1.0) if broad else (3, 0.0)


def candidates(records: list[dict[str, Any]], dev_texts: set[str],
               skip: dict[str, list[tuple[int, int]]]) -> list[dict[str, Any]]:
    pipeline = Pipeline(["de"], stage="learned")
    thr = thresholds(pipeline)
    arts = [Article.create(r["text"], id=r["id"], language="de") for r in records]
    observed = pipeline.observe_many(arts)
    dev_long = [d for d in dev_texts if len(d) > 20]
    out: list[dict[str, Any]] = []
    for rec, obs in zip(records, observed, strict=True):
        text = rec["text"]
        probs = p_events(pipeline, [o.obs for o in obs])
        spans = sentences(pipeline, text)
        for i, (start, end) in enumerate(spans):
            sent = text[start:end]
            if any(a < end and b > start for a, b in skip.get(rec["id"], [])):
                continue
            if sent in dev_texts or any(d in sent or sent in d for d in dev_long):
                continue
            p: dict[str, float] = {}
            rules: set[str] = set()
            for o, v in zip(obs, probs, strict=True):
                if o.obs.sent.start < end and o.obs.sent.end > start:
                    if v is not None:
                        p[o.obs.type] = max(p.get(o.obs.type, 0.0), v)
                    if o.obs.rule:
                        rules.add(o.obs.type)
            cue = bool(CUES.search(sent))
            t, s = tier(p, thr, rules, cue, bool(BROAD.search(sent) or ACTORS.search(sent)))
            if t == 1 and s == 1.0 and rec.get("topic") not in POLITICAL:
                s = 1.2  # office holders of clubs and firms: after the political desks
            out.append({
                "article": rec["id"], "topic": rec.get("topic"), "index": i, "start": start, "end": end,
                "sha1": sha1_12(sent), "text": sent, "prev": text[spans[i - 1][0]:spans[i - 1][1]] if i else "",
                "p_event": {k: round(v, 3) for k, v in p.items()}, "rules": sorted(rules),
                "learned": sorted(k for k, v in p.items() if v >= thr.get(k, 0.5)), "tier": t, "score": s,
            })
    return out


def select(items: list[dict[str, Any]], total: int, per_article: int, share_random: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    n_active = total - int(total * share_random)
    ranked = sorted((c for c in items if c["tier"] < 3), key=lambda c: (c["tier"], c["score"], rng.random()))
    taken: list[dict[str, Any]] = []
    per: dict[str, int] = defaultdict(int)
    for c in ranked:
        if len(taken) < n_active and per[c["article"]] < per_article:
            c["pick"] = f"tier{c['tier']}"
            per[c["article"]] += 1
            taken.append(c)
    rest = [c for c in items if "pick" not in c and len(c["text"]) > 30]
    rng.shuffle(rest)
    for c in rest:
        if len(taken) >= total:
            break
        if per[c["article"]] < per_article:
            c["pick"] = "random"
            per[c["article"]] += 1
            taken.append(c)
    return taken


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/de_al3.jsonl")
    ap.add_argument("--total", type=int, default=360)
    ap.add_argument("--per-article", type=int, default=4)
    ap.add_argument("--random", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--skip", nargs="*", type=Path, help="labelled JSONL files whose ref spans are not asked again")
    args = ap.parse_args(argv)
    if not args.out.startswith("/tmp/"):
        print("refusing to write span text outside /tmp", file=sys.stderr)
        return 2
    data = shared_dir() / "data" / "news-de-10kgnad.jsonl"
    if not data.exists():
        print(f"skip: {data} not found")
        return 0
    records = [json.loads(line) for line in data.open(encoding="utf-8")]
    dev = shared_dir() / "eval" / "dev.jsonl"
    dev_texts = {json.loads(line).get("text", "") for line in dev.open(encoding="utf-8")} if dev.exists() else set()
    skip = done_spans(args.skip if args.skip is not None else sorted(CORPUS_DE.glob("10kgnad-*.jsonl")))
    items = candidates(records, dev_texts, skip)
    chosen = select(items, args.total, args.per_article, args.random, args.seed)
    with open(args.out, "w", encoding="utf-8") as fh:
        for c in chosen:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    picks: dict[str, int] = defaultdict(int)
    for c in chosen:
        picks[c["pick"]] += 1
    tiers: dict[int, int] = defaultdict(int)
    for c in items:
        tiers[c["tier"]] += 1
    print(f"{len(items)} sentences (tiers {dict(sorted(tiers.items()))}); wrote {len(chosen)} to {args.out}: "
          f"{dict(sorted(picks.items()))}; articles {len({c['article'] for c in chosen})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
