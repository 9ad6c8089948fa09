"""Cross-validation where the test folds meet people the training never named: the models are fitted on the
units as labelled, and each test fold is scored twice, as labelled and with every labelled participant or actor
of two to four capitalised words (and its lone surname later in the text) replaced by an invented person
(bench.articles.invented_name). The gap between the two is how much the decisions lean on names.

    python corpus/tools/cv_swapped_names.py
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench.articles import invented_name  # noqa: E402
from detectors.learned.corpus import Loaded, Unit, load_units  # noqa: E402
from detectors.learned.fit import FOLDS, SEED, Config, build  # noqa: E402
from detectors.learned.train import cross_validate, score  # noqa: E402

_CAP = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]+$")


def swap_names(units: list[Unit]) -> list[Unit]:
    out, k = [], 0
    for u in units:
        text = u.text
        names = {p for e in u.events for p in (e.get("participants") or []) + (e.get("actors") or [])
                 if isinstance(p, str) and 2 <= len(p.split()) <= 4 and all(map(_CAP.match, p.split())) and p in text}
        for name in sorted(names, key=len, reverse=True):
            first, surname = invented_name(5000 + k)
            k += 1
            text = text.replace(name, f"{first} {surname}")
            last = name.split()[-1]
            if len(last) > 3:
                text = re.sub(rf"\b{re.escape(last)}\b", surname, text)
        out.append(replace(u, text=text))
    return out


def main() -> int:
    cfg = Config()
    loaded = load_units()
    swapped = swap_names(loaded.units)
    ds = build(loaded, with_embeddings=cfg.embed, window=cfg.window)
    dsw = build(Loaded(swapped, loaded.skipped), with_embeddings=cfg.embed, window=cfg.window)
    changed = [i for i, (a, b) in enumerate(zip(ds.units, dsw.units, strict=True)) if a.text != b.text]
    print(f"{len(ds.units)} units, {len(changed)} with names swapped; {FOLDS}-fold CV by group (seed {SEED})")
    for name, test_ds in (("as labelled", ds), ("names swapped", dsw)):
        pred = cross_validate(ds, cfg, test_ds=test_ds)
        for sel_name, sel in (("all units", None), ("units with names swapped", changed)):
            r = score(test_ds, pred, sel)
            print(f"  {name:<14} {sel_name:<26} meeting {r['types']['meeting']['f1']:.3f}  ceasefire "
                  f"{r['types']['ceasefire']['f1']:.3f}  pairs {r['pairs_micro']['f1']:.3f}  high "
                  f"{r['meeting_high']['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
