"""Out-of-fold F1 under the held-out set's prevalence, over a grid of the learned stage's event thresholds (issue 12).

Our real-news units are mostly negatives (German 7 % meeting-positive) while the held-out set is ~60 % positive
with hard negatives. Each unit gets a weight per scored type so that, in each language, the weighted negatives
are to the positives as 40 : 60 (``weights``), two ways:

- ``all``: every negative of the language shares the negatives' weight;
- ``hard``: only the negatives on which the rules path reports that type share it (the others weigh 0), the
  kind the held-out set's negatives are (issue 12's list: "traf" in football, "getroffen", private calls, ...).

The positives weigh 1. For a type (meeting, ceasefire) a unit is positive when gold has that type and hard when
the rules report it; for the (type, status) pairs when gold has any event and the rules report any; the
high-level meeting F1 uses the meeting weights. ``plain`` is the unweighted F1 (cv_real.py's ``with``).

The folds, seed and training are cv_real.py's ``with`` (real units trained on); the models are fitted once per
fold and their out-of-fold probabilities kept, so each threshold only re-runs the decision (``decide_one``).

    cd corpus/tools && WIREWATCH_SHARED=/work/shared PYTHONPATH=../.. python prevalence.py --real $REAL
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

POSITIVE_SHARE = 0.6  # the held-out set: ~60 % positive units
GRID = tuple(round(0.20 + 0.05 * k, 2) for k in range(9))  # 0.20 .. 0.60


def weights(langs: Sequence[str], positive: Sequence[bool], pool: Sequence[bool],
            positive_share: float = POSITIVE_SHARE) -> list[float]:
    """A weight per unit: positives 1; the negatives in ``pool`` share, per language, a total weight of
    n_pos * (1 - share) / share (negatives : positives = 40 : 60 at share 0.6); negatives outside the pool 0.
    A language with no positive, or no pooled negative, gives its negatives 0."""
    n_pos: dict[str, int] = {}
    n_pool: dict[str, int] = {}
    for lang, pos, inside in zip(langs, positive, pool, strict=True):
        if pos:
            n_pos[lang] = n_pos.get(lang, 0) + 1
        elif inside:
            n_pool[lang] = n_pool.get(lang, 0) + 1
    ratio = (1 - positive_share) / positive_share
    out = []
    for lang, pos, inside in zip(langs, positive, pool, strict=True):
        if pos:
            out.append(1.0)
        elif inside and n_pool.get(lang):
            out.append(ratio * n_pos.get(lang, 0) / n_pool[lang])
        else:
            out.append(0.0)
    return out


def weighted_f1(gold: Sequence[set], pred: Sequence[set], w: Sequence[float]) -> float:
    """Micro F1 over per-unit item sets, each unit's true/false positives and misses counted ``w`` times."""
    tp = fp = fn = 0.0
    for g, p, x in zip(gold, pred, w, strict=True):
        tp += x * len(g & p)
        fp += x * len(p - g)
        fn += x * len(g - p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def items(pairs: Iterable[tuple[str, str]], kind: str, high: bool = False) -> set:
    """What one unit scores for ``kind``: a type name (the type, as ``_Tally`` counts types), "pairs" (its
    (type, status) pairs) or "high" (a high-level meeting)."""
    if kind == "pairs":
        return set(pairs)
    if kind == "high":
        return {"high"} if high else set()
    return {kind} if any(t == kind for t, _ in pairs) else set()


@dataclass
class Kept:
    """One out-of-fold candidate: its unit, type, fold model, calibrated probabilities, the next sentence's
    status."""

    unit: int
    type: str
    model: Any
    probs: Any
    told: str | None


def out_of_fold(ds: Any, cfg: Any, seed: int, k: int) -> list[Kept]:
    """cv_real.py's ``with`` folds (every unit trained on), keeping each test candidate's probabilities."""
    from detectors.learned.train import fold_fits
    from detectors.next_status import told_status

    kept = []
    for type_, model, test, probs in fold_fits(ds, cfg, k, seed):
        for i, row in zip(test, probs, strict=True):
            kept.append(Kept(ds.samples[i].unit, type_, model, row, told_status(ds.samples[i].feats)))
    return kept


@dataclass
class _At:
    """A fold model seen through another event threshold (``decide_one`` reads outputs, meta and name)."""

    outputs: tuple[str, ...]
    meta: dict[str, Any]
    name: str


def decide(kept: Sequence[Kept], n_units: int, thresholds: dict[str, float]) -> tuple[list[set], list[bool]]:
    """Each unit's pairs and high-level flag with these event thresholds per type (others: the model's own)."""
    from detectors.learned.stage import decide_one

    pairs: list[set] = [set() for _ in range(n_units)]
    high = [False] * n_units
    views: dict[int, _At] = {}
    for c in kept:
        view = views.get(id(c.model))
        if view is None:
            meta = dict(c.model.meta)
            if c.type in thresholds:
                meta["threshold"] = thresholds[c.type]
            view = views[id(c.model)] = _At(c.model.outputs, meta, c.model.name)
        for dec in decide_one(view, c.probs, c.told):  # type: ignore[arg-type]
            pairs[c.unit].add((c.type, dec.status))
            if c.type == "meeting" and dec.level == "high":
                high[c.unit] = True
    return pairs, high


KINDS = ("meeting", "ceasefire", "pairs", "high")


def table(gold: Sequence[set], rules: Sequence[set], langs: Sequence[str], sel: Sequence[int],
          pred: Sequence[set], high_pred: Sequence[bool], high_gold: Sequence[bool]) -> dict[str, dict[str, float]]:
    """{kind: {plain, all, hard}} on the units ``sel``."""
    out: dict[str, dict[str, float]] = {}
    lg = [langs[k] for k in sel]
    for kind in KINDS:
        basis = "meeting" if kind == "high" else kind
        pos = [bool(items(gold[k], basis)) for k in sel]
        hard = [bool(items(rules[k], basis)) for k in sel]
        g = [items(gold[k], kind, high_gold[k]) for k in sel]
        p = [items(pred[k], kind, high_pred[k]) for k in sel]
        out[kind] = {"plain": weighted_f1(g, p, [1.0] * len(sel)),
                     "all": weighted_f1(g, p, weights(lg, pos, [True] * len(sel))),
                     "hard": weighted_f1(g, p, weights(lg, pos, hard))}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    from detectors.learned.corpus import load_units
    from detectors.learned.train import FOLDS, SEED, Config, build, rules_prediction

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real", nargs="+", required=True, help="id prefixes of the real-news units")
    ap.add_argument("--seed", type=int, default=SEED, help="fold seed")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--grid", type=float, nargs="+", default=list(GRID))
    ap.add_argument("--json", help="also write every figure here")
    args = ap.parse_args(argv)
    cfg = Config()
    ds = build(load_units(), with_embeddings=cfg.embed, window=cfg.window)
    real = sorted(k for k, u in enumerate(ds.units) if u.id.startswith(tuple(args.real)))
    kept = out_of_fold(ds, cfg, args.seed, args.folds)
    rules = rules_prediction(ds).pairs
    gold = [u.pairs() for u in ds.units]
    high_gold = [u.high_meeting() for u in ds.units]
    langs = [u.lang for u in ds.units]
    sets = {"real": real}
    for lg in sorted({langs[k] for k in real}):
        sets[f"real:{lg}"] = [k for k in real if langs[k] == lg]
    base = {"meeting": cfg.meeting_threshold, "ceasefire": cfg.threshold}
    results: dict[str, Any] = {}
    print(f"{args.folds}-fold CV by group (seed {args.seed}), cv_real 'with'; {len(real)} real units; "
          "F1 plain / 40:60 all negatives / 40:60 hard negatives")
    for varied in ("meeting", "ceasefire"):
        for t in args.grid:
            pred, high = decide(kept, len(ds.units), {**base, varied: t})
            for name, sel in sets.items():
                results.setdefault(varied, {}).setdefault(f"{t:.2f}", {})[name] = table(
                    gold, rules, langs, sel, pred, high, high_gold)
        shown = ("meeting", "pairs", "high") if varied == "meeting" else ("ceasefire", "pairs")
        for name in sets:
            print(f"\n{varied} threshold, {name} ({len(sets[name])} units): " + "   ".join(shown))
            for t in args.grid:
                r = results[varied][f"{t:.2f}"][name]
                cells = "   ".join(f"{r[k]['plain']:.3f}/{r[k]['all']:.3f}/{r[k]['hard']:.3f}" for k in shown)
                print(f"  {t:.2f}  {cells}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
