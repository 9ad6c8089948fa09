"""Cross-validated figures with and without the real-news units, on the same folds (issue 12).

The folds are drawn once over the groups of every unit (corpus + dev, real units included). Each fold is then
fitted twice: ``without`` trains on the fold's training part minus the real-news units, ``with`` on all of it.
Both are scored out-of-fold on the same units, so the difference is the real units' contribution alone:

- ``old``: every unit that is not a real-news unit (team-written, 10kGNAD, dev);
- ``real``: the real-news units (under ``without`` they are a pure test set: no real unit is ever trained on).

    WIREWATCH_SHARED=../shared .venv/bin/python corpus/tools/cv_real.py --real en-wcep- ru-real- es-gv- fr-itn-
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from detectors.learned.corpus import load_units
from detectors.learned.stage import decide_one
from detectors.learned.train import (
    FOLDS,
    SEED,
    Config,
    Dataset,
    Prediction,
    build,
    fold_fits,
    rules_prediction,
    score,
)
from detectors.next_status import told_status


def cross_validate(ds: Dataset, cfg: Config, real: set[int], with_real: bool, k: int = FOLDS,
                   seed: int = SEED, held_back: frozenset[int] = frozenset()) -> Prediction:
    pred = Prediction([set() for _ in ds.units], [False] * len(ds.units), [])

    def keep(i: int) -> bool:
        return ds.samples[i].unit not in held_back and (with_real or ds.samples[i].unit not in real)

    for type_, model, test, probs in fold_fits(ds, cfg, k, seed, keep=keep):
        for i, row in zip(test, probs, strict=True):
            u = ds.samples[i].unit
            for dec in decide_one(model, row, told_status(ds.samples[i].feats)):
                pred.pairs[u].add((type_, dec.status))
                if type_ == "meeting" and dec.level == "high":
                    pred.high[u] = True
    return pred


def brief(rep: dict[str, Any]) -> dict[str, float]:
    t = rep["types"]
    return {"ceasefire": t.get("ceasefire", {}).get("f1", float("nan")),
            "meeting": t.get("meeting", {}).get("f1", float("nan")),
            "pairs": rep["pairs_micro"]["f1"], "high": rep["meeting_high"]["f1"]}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real", nargs="+", required=True, help="id prefixes of the real-news units")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--but", nargs="*", default=[],
                    help="also a 'with-but' variant: the real units minus those with these id prefixes")
    ap.add_argument("--flips", help="write the units whose out-of-fold pairs differ between without and with here")
    args = ap.parse_args(argv)
    cfg = Config()
    ds = build(load_units(), with_embeddings=cfg.embed, window=cfg.window)
    real = {k for k, u in enumerate(ds.units) if u.id.startswith(tuple(args.real))}
    old = [k for k in range(len(ds.units)) if k not in real]
    preds = {"without": cross_validate(ds, cfg, real, False, args.folds),
             "with": cross_validate(ds, cfg, real, True, args.folds), "rules": rules_prediction(ds)}
    if args.but:
        but = frozenset(k for k in real if ds.units[k].id.startswith(tuple(args.but)))
        preds["with-but"] = cross_validate(ds, cfg, real, True, args.folds, held_back=but)
    sets: dict[str, list[int]] = {"old": old, "real": sorted(real)}
    for lang in sorted({ds.units[k].lang for k in real}):
        sets[f"real:{lang}"] = [k for k in real if ds.units[k].lang == lang]
        sets[f"old:{lang}"] = [k for k in old if ds.units[k].lang == lang]
    out = {name: {"units": len(sel), **{v: brief(score(ds, p, sel)) for v, p in preds.items()}}
           for name, sel in sets.items()}
    if args.flips:
        with open(args.flips, "w", encoding="utf-8") as fh:
            for k, u in enumerate(ds.units):
                a, b = preds["without"].pairs[k], preds["with"].pairs[k]
                if a != b:
                    row = {"id": u.id, "lang": u.lang, "real": k in real, "gold": sorted(map(list, u.pairs())),
                           "without": sorted(map(list, a)), "with": sorted(map(list, b)), "text": u.text}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"{args.folds}-fold CV by group (seed {SEED}), same folds; {len(ds.units)} units, {len(real)} real; "
          "F1 ceasefire / meeting / (type,status) / high-level meeting")
    for name, r in out.items():
        cells = "   ".join(f"{v} {r[v]['ceasefire']:.3f}/{r[v]['meeting']:.3f}/{r[v]['pairs']:.3f}/{r[v]['high']:.3f}"
                           for v in preds)
        print(f"  {name:<9} ({r['units']:>4})  {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
