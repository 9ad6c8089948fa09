"""The shipped models (and the rules beside them) scored on labelled units as a test set, per language, with the
high-level meeting F1 that ``wirewatch eval FILE`` does not print. Only meaningful for units the shipped models
were not trained on (run it before a retrain that includes them):

    WIREWATCH_SHARED=../shared .venv/bin/python corpus/tools/test_real.py corpus/en/wcep-1.jsonl corpus/ru/*.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from detectors.contracts import Article
from detectors.pipeline import Pipeline


def f1(tp: int, fp: int, fn: int) -> float:
    return round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--prefix", nargs="*", default=[], help="only units whose id starts with one of these")
    args = ap.parse_args(argv)
    units = [json.loads(line) for f in args.files for line in f.read_text(encoding="utf-8").splitlines() if line]
    units = [u for u in units if "text" in u and (not args.prefix or u["id"].startswith(tuple(args.prefix)))]
    langs = sorted({u["lang"] for u in units})
    print("F1 ceasefire / meeting / (type,status) micro / high-level meeting; n = units")
    for stage in ("learned", "rules"):
        pipeline = Pipeline.load(langs, stage=stage)
        arts = [Article.create(u["text"], id=u["id"], language=u["lang"]) for u in units]
        counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
        for u, dets in zip(units, pipeline.detect_many(arts), strict=True):
            gold = {(e["type"], e["status"]) for e in u["events"]}
            pred = {(d.type, d.status) for d in dets}
            ghi = any(e["type"] == "meeting" and e.get("level") == "high" for e in u["events"])
            phi = any(d.type == "meeting" and d.level == "high" for d in dets)
            for key in ("all", u["lang"]):
                c = counts[key]
                for t in ("ceasefire", "meeting"):
                    g, p = any(x[0] == t for x in gold), any(x[0] == t for x in pred)
                    c[t][0] += g and p
                    c[t][1] += p and not g
                    c[t][2] += g and not p
                c["pairs"][0] += len(gold & pred)
                c["pairs"][1] += len(pred - gold)
                c["pairs"][2] += len(gold - pred)
                c["high"][0] += ghi and phi
                c["high"][1] += phi and not ghi
                c["high"][2] += ghi and not phi
                c["n"][0] += 1
        for key in ["all", *langs]:
            c = counts[key]
            cells = "/".join(f"{f1(*c[m]):.3f}" for m in ("ceasefire", "meeting", "pairs", "high"))
            gold_c, gold_m = c["ceasefire"][0] + c["ceasefire"][2], c["meeting"][0] + c["meeting"][2]
            print(f"  {stage:<8} {key:<4} (n={c['n'][0]:>4})  {cells}  positives: ceasefire {gold_c}, meeting {gold_m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
