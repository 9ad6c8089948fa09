"""Scoring against a labelled JSONL set, as GUIDE.md "Scoring" defines it.

- per type: precision, recall and F1 at text level (a predicted type counts when the gold record has it);
- status accuracy: among (record, type) matched on both sides, the share whose predicted status set equals
  the gold status set;
- F1 on (type, status) pairs, micro-averaged over records;
- all of it per language too, plus the list of errors (id, lang, text, gold, predicted).

Each record becomes an Article with ``language=None`` (the language is detected, as in production) unless
``use_gold_language`` is set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import orjson

from detectors.contracts import Article, Detection
from detectors.vocabulary import TYPES

_BATCH = 256


class _Detects(Protocol):
    def detect_many(self, articles: list[Article]) -> list[list[Detection]]: ...


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn,
            "support": tp + fn}


class _Tally:
    def __init__(self) -> None:
        self.types: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.pairs: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.status_ok = 0
        self.status_n = 0
        self.status_by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.records = 0

    def add(self, gold: set[tuple[str, str]], pred: set[tuple[str, str]]) -> None:
        self.records += 1
        gold_types = {t for t, _ in gold}
        pred_types = {t for t, _ in pred}
        for t in gold_types | pred_types:
            cell = self.types[t]
            if t in gold_types and t in pred_types:
                cell[0] += 1
                ok = {s for tt, s in gold if tt == t} == {s for tt, s in pred if tt == t}
                self.status_ok += ok
                self.status_n += 1
                self.status_by_type[t][0] += ok
                self.status_by_type[t][1] += 1
            elif t in pred_types:
                cell[1] += 1
            else:
                cell[2] += 1
        for pair in gold | pred:
            key = f"{pair[0]}/{pair[1]}"
            cell = self.pairs[key]
            if pair in gold and pair in pred:
                cell[0] += 1
            elif pair in pred:
                cell[1] += 1
            else:
                cell[2] += 1

    def report(self) -> dict[str, Any]:
        tp = sum(c[0] for c in self.pairs.values())
        fp = sum(c[1] for c in self.pairs.values())
        fn = sum(c[2] for c in self.pairs.values())
        return {
            "records": self.records,
            "types": {t: _prf(*self.types[t]) for t in sorted(set(TYPES) | set(self.types))},
            "status_accuracy": round(self.status_ok / self.status_n, 4) if self.status_n else None,
            "status_accuracy_by_type": {
                t: round(ok / n, 4) if n else None for t, (ok, n) in sorted(self.status_by_type.items())
            },
            "status_matched": self.status_n,
            "pairs": {k: _prf(*v) for k, v in sorted(self.pairs.items())},
            "pairs_micro": _prf(tp, fp, fn),
        }


def _gold(record: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["type"], e["status"]) for e in record.get("events") or ()}


def evaluate(
    records: Iterable[dict[str, Any]], pipeline: _Detects, *, use_gold_language: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Score ``pipeline`` on labelled records (GUIDE.md format); see the module docstring. ``on_batch(n)`` is
    called after each batch of ``n`` records (a progress display)."""
    records = list(records)
    overall = _Tally()
    by_lang: dict[str, _Tally] = defaultdict(_Tally)
    errors: list[dict[str, Any]] = []
    for i in range(0, len(records), _BATCH):
        chunk = records[i : i + _BATCH]
        articles = [
            Article.create(r["text"], id=str(r.get("id") or ""), language=r.get("lang") if use_gold_language else None)
            for r in chunk
        ]
        for record, dets in zip(chunk, pipeline.detect_many(articles), strict=True):
            gold = _gold(record)
            pred = {(d.type, d.status) for d in dets}
            lang = str(record.get("lang") or "?")
            overall.add(gold, pred)
            by_lang[lang].add(gold, pred)
            if gold != pred:
                errors.append({
                    "id": record.get("id"),
                    "lang": lang,
                    "text": record["text"],
                    "gold": sorted(f"{t}/{s}" for t, s in gold),
                    "predicted": sorted(f"{t}/{s}" for t, s in pred),
                    "detected_language": dets[0].language if dets else None,
                })
        if on_batch is not None:
            on_batch(len(chunk))
    report = overall.report()
    report["scored_with"] = scored_with(pipeline)
    report["languages"] = {lang: t.report() for lang, t in sorted(by_lang.items())}
    report["errors"] = errors
    return report


def scored_with(pipeline: object) -> str:
    """Which detectors scored: the shipped learned models (by name and version) or the rules only."""
    learned = getattr(pipeline, "learned", None)
    models = getattr(learned, "models", None) or {}
    if getattr(pipeline, "stage", None) == "rules":
        return "the rules-only path (detectors.stage: rules)"
    if models:
        names = ", ".join(m.name for m in models.values())
        return (f"the shipped models ({names}), trained on corpus/ + dev: not cross-validated, in-sample for any "
                "unit of this file that is in the training data (`wirewatch eval` without a file cross-validates)")
    return type(pipeline).__name__


class DatasetError(ValueError):
    """A line of a labelled dataset that is not a JSON object; the message starts with ``path:line``."""


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file (raises OSError, or DatasetError naming the bad line)."""
    out = []
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise DatasetError(f"{path}:{n}: not JSON: {exc}") from None
            if not isinstance(record, dict):
                raise DatasetError(f"{path}:{n}: not a JSON object")
            if not isinstance(record.get("text"), str):
                raise DatasetError(f"{path}:{n}: no \"text\" string")
            out.append(record)
    return out


def evaluate_file(path: str | Path, pipeline: _Detects, *, use_gold_language: bool = False) -> dict[str, Any]:
    """Score ``pipeline`` on a JSONL file of labelled records (what ``wirewatch eval`` calls)."""
    return evaluate(load_records(path), pipeline, use_gold_language=use_gold_language)


def _line(name: str, m: dict[str, Any]) -> str:
    return (f"  {name:<22} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
            f"  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")


def format_text(report: dict[str, Any], *, max_errors: int = 50) -> str:
    """A human-readable summary of an :func:`evaluate` report."""
    lines = [f"records: {report['records']}", *([f"scored with {report['scored_with']}"]
                                                  if report.get("scored_with") else []), "types:"]
    lines += [_line(t, m) for t, m in report["types"].items()]
    acc = report["status_accuracy"]
    lines.append(f"status accuracy: {acc:.3f} over {report['status_matched']} matched"
                 if acc is not None else "status accuracy: n/a")
    lines.append(_line("(type,status) micro", report["pairs_micro"]))
    lines.append("(type, status):")
    lines += [_line(k, m) for k, m in report["pairs"].items()]
    lines.append("per language:")
    for lang, rep in report.get("languages", {}).items():
        parts = [f"{t} F1 {m['f1']:.3f} (n={m['support']})" if m["support"] or m["fp"] else f"{t} n/a"
                 for t, m in rep["types"].items()]
        acc = rep["status_accuracy"]
        parts.append(f"status acc {acc:.3f}" if acc is not None else "status acc n/a")
        parts.append(f"pairs F1 {rep['pairs_micro']['f1']:.3f}")
        lines.append(f"  {lang} ({rep['records']}): " + ", ".join(parts))
    errors = report.get("errors", [])
    lines.append(f"errors: {len(errors)}" + (f" (first {max_errors})" if len(errors) > max_errors else ""))
    for e in errors[:max_errors]:
        text = e["text"] if len(e["text"]) <= 200 else e["text"][:197] + "…"
        lines.append(f"  [{e['id']}] {e['lang']} gold={e['gold']} pred={e['predicted']}\n      {text}")
    return "\n".join(lines)
