"""Cross-validated figures with and without one corpus file's units, on the same folds (issue 12).

Moving a file aside changes the set of groups, and the folds are a permutation of the sorted groups, so every
fold changes with it: a with/without difference then mixes the file's effect with a new fold draw. Here the
file's units stay in the data (the folds are identical) and ``minus`` holds them back from training, while
``plus`` trains on them. Both variants train on the real-news units (``--real``), as ``cv_real.py``'s ``with``
does. The file's own units are scored on their own (``file``) and left out of ``old``.

    WIREWATCH_SHARED=../shared .venv/bin/python corpus/tools/cv_file.py fr-team-c7 --real en-wcep fr-itn …
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from cv_real import brief, cross_validate

from detectors.learned.corpus import load_units
from detectors.learned.train import Config, build, rules_prediction, score


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("prefix", help="id prefix of the file's units, e.g. fr-team-c7")
    ap.add_argument("--real", nargs="+", required=True, help="id prefixes of the real-news units")
    ap.add_argument("--flips", help="write the other units whose out-of-fold pairs differ between minus and plus")
    args = ap.parse_args(argv)
    cfg = Config()
    ds = build(load_units(), with_embeddings=cfg.embed, window=cfg.window)
    real = {k for k, u in enumerate(ds.units) if u.id.startswith(tuple(args.real))}
    mine = frozenset(k for k, u in enumerate(ds.units) if u.id.startswith(args.prefix))
    preds = {"minus": cross_validate(ds, cfg, real, True, held_back=mine),
             "plus": cross_validate(ds, cfg, real, True), "rules": rules_prediction(ds)}
    old = [k for k in range(len(ds.units)) if k not in real and k not in mine]
    sets: dict[str, list[int]] = {"old": old, "real": sorted(real), "file": sorted(mine)}
    for lang in sorted({ds.units[k].lang for k in real}):
        sets[f"real:{lang}"] = [k for k in real if ds.units[k].lang == lang]
        sets[f"old:{lang}"] = [k for k in old if ds.units[k].lang == lang]
    print(f"same folds; {len(ds.units)} units, {len(real)} real, {len(mine)} of {args.prefix}; "
          "F1 ceasefire / meeting / (type,status) / high-level meeting")
    for name, sel in sets.items():
        cells = "   ".join(f"{v} " + "/".join(f"{x:.3f}" for x in brief(score(ds, p, sel)).values())
                           for v, p in preds.items())
        print(f"  {name:<9} ({len(sel):>4})  {cells}")
    if args.flips:
        with open(args.flips, "w", encoding="utf-8") as fh:
            for k, u in enumerate(ds.units):
                a, b = preds["minus"].pairs[k], preds["plus"].pairs[k]
                if a != b and k not in mine:
                    row = {"id": u.id, "lang": u.lang, "gold": sorted(map(list, u.pairs())),
                           "minus": sorted(map(list, a)), "plus": sorted(map(list, b)), "text": u.text}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
