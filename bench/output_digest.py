"""A digest of the detectors' outputs over a news file, to show a speed change leaves every output as it was.

``python -m bench.output_digest [--data PATH] [--batch 64] [--features]`` runs ``Pipeline.detect_many`` over the
articles in batches (as the bench does) and prints the number of detections and a SHA-256 over every detection's
JSON (``detected_at`` left out: a clock), the quantised embedding included; ``--features`` adds a digest of every
learned-stage candidate's feature strings (what the models read), a check finer than the rounded confidences.
Run it before and after a change, on the same model files: the digests must match.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from bench.articles import load_news
from bench.plan import DEFAULT_DATA


def detection_bytes(detection: Any) -> bytes:
    """A detection's JSON without its ``detected_at`` (the time it was made)."""
    obj = detection.to_dict()
    obj.pop("detected_at", None)
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)


def digest(pipeline: Any, news: Sequence[dict[str, Any]], batch: int = 64,
           features: bool = False) -> dict[str, Any]:
    """Detections (count, digest) of ``news`` in batches of ``batch``; with ``features``, the candidates' too."""
    from detectors.contracts import Article

    seen: list[list[str]] = []
    if features:
        from detectors.learned import stage

        original = stage.features

        def recording(obs: Any, lexical: bool = False) -> list[str]:
            out = original(obs, lexical)
            seen.append(out)
            return out

        stage.features = recording
    try:
        h, n = hashlib.sha256(), 0
        for i in range(0, len(news), batch):
            arts = [Article.create(r["text"], id=r["id"], language=r.get("language") or "de")
                    for r in news[i:i + batch]]
            for found in pipeline.detect_many(arts):
                h.update(b"[")
                for d in found:
                    h.update(detection_bytes(d))
                    n += 1
                h.update(b"]")
    finally:
        if features:
            stage.features = original
    out: dict[str, Any] = {"articles": len(news), "detections": n, "digest": h.hexdigest()}
    if features:
        fh = hashlib.sha256()
        for f in seen:
            fh.update(orjson.dumps(sorted(f)))  # a set of strings to the model (frozensets: hash order)
        out.update(candidates=len(seen), features_digest=fh.hexdigest())
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a JSONL news file (default: 10kGNAD)")
    parser.add_argument("--batch", type=int, default=64, help="articles per detect_many call (default 64)")
    parser.add_argument("--features", action="store_true", help="also digest the learned stage's features")
    args = parser.parse_args(argv)
    from detectors.pipeline import Pipeline

    print(orjson.dumps(digest(Pipeline.load(), load_news(args.data), args.batch, args.features)).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
