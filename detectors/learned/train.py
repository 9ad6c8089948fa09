"""Training and cross-validation of the learned stage (needs scikit-learn; not used at run time).

    python -m detectors.learned.train            # rebuild detectors/data/models/*.npz (what `wirewatch train` runs)
    python -m detectors.learned.train --cv       # k-fold cross-validated figures, beside the rules-only path

A unit (1-3 sentences, GUIDE.md labels) yields candidates through the same pipeline code that runs in
production (``Pipeline.observe_many``, the unit's own language given). Each candidate of type T is labelled
from its unit: ``event`` = the unit has a T event, ``status:<s>`` = it has (T, s), ``level:high`` = it has a
high-level meeting (trained on the units with a meeting only). One logistic regression per output over the
string features (those seen in at least ``min_count`` training units) and, optionally, the sentence's
USE-multilingual embedding. Seeded and deterministic: the same corpus gives the same files.

Cross-validation folds are drawn by group (the corpus ``group``; dev units by source document), so units of
one article or one writing batch are never on both sides. Figures are text-level as in GUIDE.md "Scoring".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detectors.contracts import Article
from detectors.learned.corpus import Unit, load_units
from detectors.learned.fit import (  # noqa: F401 — re-exported: the training API lives in fit
    FOLDS,
    LEXICAL,
    SEED,
    VERSION,
    Config,
    Dataset,
    Sample,
    _folds,
    build,
    fit,
    outputs,
    predict,
)
from detectors.learned.model import LinearModel, model_path
from detectors.learned.stage import decide_one
from detectors.next_status import told_status
from detectors.vocabulary import STATUSES


@dataclass
class Prediction:
    """Out-of-fold predictions per unit: (type, status) pairs, high-level meeting, (confidence, correct)."""

    pairs: list[set[tuple[str, str]]]
    high: list[bool]
    scored: list[tuple[float, bool]]


def fold_fits(ds: Dataset, cfg: Config, k: int = FOLDS, seed: int = SEED, types: Sequence[str] = tuple(STATUSES),
              test_ds: Dataset | None = None, keep: Callable[[int], bool] | None = None,
              ) -> Iterator[tuple[str, LinearModel, list[int], np.ndarray]]:
    """Per type and fold (one fold assignment for all types: by unit group): the type, the model fitted on the
    other folds, the fold's candidates of ``test_ds`` (default ``ds``) and the model's probabilities for them.
    ``keep``: which training candidates (indices of ``ds``) a fold may train on."""
    test_ds = ds if test_ds is None else test_ds
    fold = _fold_map(ds, k, seed)
    test_fold = fold if test_ds is ds else _fold_map(test_ds, k, seed)
    for type_ in types:
        idx, test_idx = ds.of_type(type_, cfg), test_ds.of_type(type_, cfg)
        for f in range(k):
            train = [i for i in idx if fold[i] != f and (keep is None or keep(i))]
            test = [i for i in test_idx if test_fold[i] == f]
            if not train or not test:
                continue
            model = fit(ds, type_, train, cfg)
            yield type_, model, test, predict(test_ds, model, test)


def cross_validate(ds: Dataset, cfg: Config, k: int = FOLDS, seed: int = SEED,
                   types: Sequence[str] = tuple(STATUSES), test_ds: Dataset | None = None) -> Prediction:
    """Out-of-fold predictions for every unit. ``test_ds``: score each held-out fold on these units instead (units
    of the same groups with other texts, e.g. names swapped; a unit's fold is its group's in both)."""
    test_ds = ds if test_ds is None else test_ds
    pred = Prediction([set() for _ in test_ds.units], [False] * len(test_ds.units), [])
    for type_, model, test, probs in fold_fits(ds, cfg, k, seed, types, test_ds):
        for i, row in zip(test, probs, strict=True):
            u, feats = test_ds.samples[i].unit, test_ds.samples[i].feats
            for dec in decide_one(model, row, told_status(feats)):
                pred.pairs[u].add((type_, dec.status))
                pred.scored.append((dec.confidence, (type_, dec.status) in test_ds.units[u].pairs()))
                if type_ == "meeting" and dec.level == "high":
                    pred.high[u] = True
    return pred


def _fold_map(ds: Dataset, k: int, seed: int) -> dict[int, int]:
    all_idx = list(range(len(ds.samples)))
    return dict(zip(all_idx, _folds(ds, all_idx, k, seed), strict=True)) if all_idx else {}


def ece(scored: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error of (confidence, correct) pairs over equal-width bins."""
    if not scored:
        return float("nan")
    conf = np.array([c for c, _ in scored])
    ok = np.array([o for _, o in scored], dtype=float)
    which = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = which == b
        if m.any():
            total += m.sum() * abs(conf[m].mean() - ok[m].mean())
    return float(total / len(conf))


def rules_prediction(ds: Dataset) -> Prediction:
    """The rules-only path on the same units (language given, as for the learned stage)."""
    from detectors.pipeline import Pipeline

    pipeline = Pipeline.load(stage="rules")
    articles = [Article.create(u.text, id=u.id, language=u.lang) for u in ds.units]
    pred = Prediction([set() for _ in ds.units], [False] * len(ds.units), [])
    for k, dets in enumerate(pipeline.detect_many(articles)):
        for d in dets:
            pred.pairs[k].add((d.type, d.status))
            pred.scored.append((d.confidence, (d.type, d.status) in ds.units[k].pairs()))
            if d.type == "meeting" and d.level == "high":
                pred.high[k] = True
    return pred


def score(ds: Dataset, pred: Prediction, select: Sequence[int] | None = None) -> dict[str, Any]:
    """Text-level figures (detectors.evaluation's tally) plus high-level meeting F1 and ECE."""
    from detectors.evaluation import _prf, _Tally

    idx = range(len(ds.units)) if select is None else select
    tally = _Tally()
    hi = [0, 0, 0]
    for k in idx:
        u = ds.units[k]
        tally.add(u.pairs(), pred.pairs[k])
        g, p = u.high_meeting(), pred.high[k]
        hi[0] += g and p
        hi[1] += p and not g
        hi[2] += g and not p
    rep = tally.report()
    rep["meeting_high"] = _prf(*hi)
    return rep


def report(ds: Dataset, cfg: Config, k: int = FOLDS) -> dict[str, Any]:
    """Cross-validated figures of the learned stage and the rules-only path: overall, per language, per origin."""
    t0 = time.perf_counter()
    learned = cross_validate(ds, cfg, k)
    rules = rules_prediction(ds)
    out: dict[str, Any] = {
        "units": len(ds.units), "candidates": len(ds.samples), "folds": k, "seed": SEED,
        "config": cfg.__dict__, "skipped": ds.skipped,
        "learned": score(ds, learned), "rules": score(ds, rules),
        "ece": {"learned": round(ece(learned.scored), 4), "rules": round(ece(rules.scored), 4)},
        "languages": {}, "origins": {}, "seconds": 0.0,
    }
    for lang in sorted({u.lang for u in ds.units}):
        sel = [i for i, u in enumerate(ds.units) if u.lang == lang]
        out["languages"][lang] = {"units": len(sel), "learned": score(ds, learned, sel), "rules": score(ds, rules, sel)}
    for origin in ("corpus", "dev"):
        sel = [i for i, u in enumerate(ds.units) if u.origin == origin]
        if sel:
            out["origins"][origin] = {"units": len(sel), "learned": score(ds, learned, sel),
                                      "rules": score(ds, rules, sel)}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def _corpus_digest(units: Sequence[Unit]) -> str:
    h = hashlib.sha1()
    for u in units:
        h.update(json.dumps([u.id, u.lang, u.text, list(u.events)], sort_keys=True).encode())
    return h.hexdigest()[:12]


def train(ds: Dataset, cfg: Config, out_dir: Path | None = None) -> dict[str, Path]:
    """Fit every type on all units and write the model files."""
    written: dict[str, Path] = {}
    meta = {"units": len(ds.units), "corpus_sha1": _corpus_digest(ds.units),
            "languages": {lang: sum(u.lang == lang for u in ds.units) for lang in sorted({u.lang for u in ds.units})}}
    for type_ in STATUSES:
        idx = ds.of_type(type_, cfg)
        if not idx:
            continue
        model = fit(ds, type_, idx, cfg, {**meta, "candidates": len(idx)})
        path = (out_dir / f"{type_}.npz") if out_dir else model_path(type_)
        model.save(path)
        written[type_] = path
    return written


def _pct(m: dict[str, Any]) -> str:
    return f"P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} (n={m['support']})"


def format_report(rep: dict[str, Any]) -> str:
    lines = [f"{rep['folds']}-fold cross-validation by group (seed {rep['seed']}): {rep['units']} units, "
             f"{rep['candidates']} candidates; learned stage out-of-fold, rules-only path beside it"]
    if rep["skipped"]:
        lines.append("left out: " + ", ".join(f"{v} {k}" for k, v in rep["skipped"].items()))
    lines.append(f"{'':28}{'learned':<44}rules")

    def row(name: str, a: dict[str, Any] | None, b: dict[str, Any] | None) -> None:
        lines.append(f"  {name:<26}{_pct(a) if a else 'n/a':<44}{_pct(b) if b else 'n/a'}")

    L, R = rep["learned"], rep["rules"]
    for t in L["types"]:
        row(t, L["types"][t], R["types"].get(t))
    row("(type,status) micro", L["pairs_micro"], R["pairs_micro"])
    row("meeting level high", L["meeting_high"], R["meeting_high"])
    for pair in sorted(set(L["pairs"]) | set(R["pairs"])):
        row(pair, L["pairs"].get(pair), R["pairs"].get(pair))
    lines.append(f"  status accuracy           {L['status_accuracy']}   rules {R['status_accuracy']}")
    lines.append(f"  ECE of confidence         {rep['ece']['learned']}   rules {rep['ece']['rules']}")
    lines.append("per language (F1 learned / rules):")
    for lang, r in rep["languages"].items():
        parts = []
        for t in r["learned"]["types"]:
            a, b = r["learned"]["types"][t], r["rules"]["types"].get(t)
            parts.append(f"{t} {a['f1']:.3f}/{b['f1'] if b else 0:.3f} (n={a['support']})")
        a, b = r["learned"]["pairs_micro"], r["rules"]["pairs_micro"]
        parts.append(f"pairs {a['f1']:.3f}/{b['f1']:.3f}")
        lines.append(f"  {lang} ({r['units']}): " + ", ".join(parts))
    for origin, r in rep["origins"].items():
        a, b = r["learned"]["pairs_micro"], r["rules"]["pairs_micro"]
        ta = ", ".join(f"{t} {m['f1']:.3f}/{r['rules']['types'][t]['f1']:.3f}"
                       for t, m in r["learned"]["types"].items())
        lines.append(f"  origin {origin} ({r['units']}): {ta}, pairs {a['f1']:.3f}/{b['f1']:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="train or cross-validate the learned decision stage")
    parser.add_argument("--cv", action="store_true", help="cross-validated figures instead of training")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--no-embed", action="store_true", help="lexical and rule features only")
    parser.add_argument("--C", type=float, default=Config.C)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--out", type=Path, default=None, help="write model files here (default: the package)")
    parser.add_argument("--partial", action="store_true",
                        help="train even when ../shared (dev set, referenced German units) is missing")
    args = parser.parse_args(argv)
    cfg = Config(C=args.C, embed=not args.no_embed)
    loaded = load_units()
    missing = {k: v for k, v in loaded.skipped.items() if "not found" in k}
    if missing and not args.cv and not args.partial:
        print(f"train: refusing to replace the models without these units: {missing} (--partial to do it anyway)",
              file=sys.stderr)
        return 2
    ds = build(loaded, with_embeddings=cfg.embed, window=cfg.window)
    if args.cv:
        rep = report(ds, cfg, args.folds)
        print(json.dumps(rep, indent=1) if args.format == "json" else format_report(rep))
        return 0
    written = train(ds, cfg, args.out)
    for type_, path in written.items():
        print(f"{type_}: {path} ({path.stat().st_size:,} bytes)")
    print(f"trained on {len(ds.units)} units, {len(ds.samples)} candidates"
          + (f"; left out: {ds.skipped}" if ds.skipped else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
