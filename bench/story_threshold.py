"""How sensitive story grouping on ``corpus/stories`` is to the join threshold (``alerts.story_match.THRESHOLD``).

``.venv/bin/python -m bench.story_threshold [SCAN.jsonl] [--thresholds 0.3,0.5,0.7]`` routes every detection of a
saved ``wirewatch scan --no-alerts --format jsonl corpus/stories/articles.jsonl`` (scanned here when no file is
given) through ``alerts.stories.attach`` at each threshold, in input order as ``scan`` does, and scores the
stories with ``bench.stories`` (B-cubed of the most confident detection of the labelled type per article).
No delivery: the grouping only, so the detectors run once for every threshold.

``--cv K`` tunes the threshold by cross-validation over stories: K folds of whole gold stories (a single report
is a story of its own), the threshold of the best B-cubed F1 on the other folds (precision at least
``MIN_PRECISION``, else the most precise) scored on the held-out fold, each fold routed on its own.
``--splits`` prints, at the default threshold, every report that did not join the story of its gold story's
earlier reports (a split) and every one that joined another gold story's (a merge), with each part's score.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from alerts import stories as book
from alerts.story_match import THRESHOLD
from bench.stories import CORPUS, REPO, Label, assigned_stories, bcubed, load_labels, read_jsonl
from detectors.contracts import detection_from_dict

DEFAULT_THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MIN_PRECISION = 0.95
CLOCK = 4_000_000_000.0  # processing time for the run: after every corpus date (event time is the article's)


def group(records: Iterable[Mapping[str, Any]], threshold: float,
          attachments: dict[str, book.Attachment] | None = None) -> list[dict[str, Any]]:
    """The scan records with each detection's ``story_id`` as the router would assign it at ``threshold``
    (``attachments``: filled with each detection id's ``Attachment``, for ``--splits``)."""
    stories: dict[str, Any] = {}
    out = []
    for record in records:
        shown = []
        for d in record["detections"]:
            detection = detection_from_dict({k: v for k, v in d.items() if k != "story_id"})
            attached = book.attach(stories, detection, CLOCK, threshold=threshold)
            if attachments is not None:
                attachments[d["id"]] = attached
            shown.append({**d, "story_id": attached.story_id})
        out.append({**record, "detections": shown})
    return out


def bcubed_of(predicted: Mapping[str, Any], gold: Mapping[str, Any], items: Sequence[str]) -> tuple[float, float]:
    """B-cubed (precision, recall) averaged over ``items`` only, each item's clusters taken over every item of
    ``predicted`` (so a held-out report merged with a report of another fold still costs precision)."""
    by_pred: dict[Any, set[str]] = {}
    by_gold: dict[Any, set[str]] = {}
    for i in predicted:
        by_pred.setdefault(predicted[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    if not items:
        return 0.0, 0.0
    same = [len(by_pred[predicted[i]] & by_gold[gold[i]]) for i in items]
    return (sum(n / len(by_pred[predicted[i]]) for n, i in zip(same, items, strict=True)) / len(items),
            sum(n / len(by_gold[gold[i]]) for n, i in zip(same, items, strict=True)) / len(items))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cross_validate(records: Sequence[Mapping[str, Any]], labels: Mapping[str, Label], thresholds: Sequence[float],
                   folds: int = 5) -> dict[str, Any]:
    """Per fold: the threshold picked on the other folds' labels and the held-out fold's B-cubed at it. Folds are
    whole gold stories, dealt round-robin in order of their first article; every article is routed at each
    threshold (routing reads no label: look-alikes and other stories stay in the way), and B-cubed is averaged
    over the fold's articles only (``bcubed_of``)."""
    gold = {i: label.gold for i, label in labels.items()}
    assigned = {t: {i: s for i, s in assigned_stories(group(records, t), labels).items()
                    if labels[i].kind != "background"} for t in {*thresholds, THRESHOLD}}
    order = list(dict.fromkeys(gold[r["article_id"]] for r in records if r["article_id"] in labels))
    fold_of = {g: n % folds for n, g in enumerate(order)}

    def score(t: float, k: int, held_out: bool) -> tuple[float, float]:
        return bcubed_of(assigned[t], gold, [i for i in assigned[t] if (fold_of[gold[i]] == k) is held_out])

    rows = []
    for k in range(folds):
        scored = [(t, *score(t, k, False)) for t in thresholds]
        ok = [row for row in scored if row[1] >= MIN_PRECISION] or [max(scored, key=lambda row: row[1])]
        pick = max(ok, key=lambda row: (_f1(row[1], row[2]), -abs(row[0] - THRESHOLD)))[0]
        (p, r), (dp, dr) = score(pick, k, True), score(THRESHOLD, k, True)
        rows.append({"fold": k, "threshold": pick, "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3),
                     "default_precision": round(dp, 3), "default_recall": round(dr, 3),
                     "articles": sum(fold_of[gold[i]] == k for i in assigned[pick])})
    n = sum(row["articles"] for row in rows)
    mean = {key: round(sum(row[key] * row["articles"] for row in rows) / n, 3)
            for key in ("bcubed_precision", "bcubed_recall", "default_precision", "default_recall")}
    return {"folds": rows, "weighted_mean": mean}


def _brief(d: Mapping[str, Any]) -> str:
    actors = ", ".join(f"{a['text']}={a.get('id')}" for a in d["actors"])
    place = d.get("location") or {}
    return (f"[{d['language']} {d['status']} {d['confidence']:.2f} actors: {actors or '-'}; countries "
            f"{','.join(d['countries']) or '-'}; place {place.get('text', '-')}; date {d.get('event_date') or '-'}]"
            f" {d['evidence']['text'][:120]!r}")


def _parts(m: Any) -> str:
    return "; ".join(f"{k} {'-' if p.score is None else f'{p.score:.2f}'} ({p.note})" for k, p in m.parts.items())


def splits_and_merges(records: Sequence[Mapping[str, Any]], labels: Mapping[str, Label],
                      threshold: float = THRESHOLD) -> list[str]:
    """Lines: every split (a report that did not join its gold story's story: the match against each story its
    gold story's earlier reports are in) and merge (a report that joined a story holding another gold story's
    reports: the chosen match), in input order."""
    attachments: dict[str, book.Attachment] = {}
    grouped = group(records, threshold, attachments)
    best = {}
    for record in grouped:
        label = labels.get(record["article_id"])
        mine = [d for d in record["detections"] if label is not None and d["type"] == label.type]
        if mine and label is not None and label.kind != "background":
            best[label.id] = max(mine, key=lambda d: d["confidence"])
    lines: list[str] = []
    seen: dict[str, list[tuple[str, str | None]]] = {}
    members: dict[str | None, list[str]] = {}
    for article, d in best.items():
        label, story = labels[article], d["story_id"]
        attached = attachments[d["id"]]
        earlier = {s for _, s in seen.get(label.gold, [])}
        others = sorted({labels[a].gold for a in members.get(story, []) if labels[a].gold != label.gold})
        if earlier and story not in earlier:
            lines.append(f"SPLIT {article} ({label.gold}) {'opened' if attached.opened else 'joined'} {story}: "
                         f"{_brief(d)}")
            compared = [m for m in attached.matches if m.story_id in earlier]
            lines += [f"    vs {m.story_id} score {m.score:.2f}, conflict {m.conflict}, identity {m.identity}: "
                      f"{_parts(m)}" for m in compared] or ["    its gold story's stories were not compared"]
        if others and not attached.opened and attached.chosen is not None:
            lines.append(f"MERGE {article} ({label.gold}) joined {story} of {', '.join(others)}: {_brief(d)}")
            lines.append(f"    chosen score {attached.chosen.score:.2f}, identity {attached.chosen.identity}: "
                         f"{_parts(attached.chosen)}")
        seen.setdefault(label.gold, []).append((article, story))
        members.setdefault(story, []).append(article)
    return lines


def sensitivity(records: Sequence[Mapping[str, Any]], labels: Mapping[str, Label],
                thresholds: Iterable[float]) -> list[dict[str, Any]]:
    gold = {i: label.gold for i, label in labels.items()}
    rows = []
    for t in thresholds:
        assigned = assigned_stories(group(records, t), labels)
        scored = {i: s for i, s in assigned.items() if labels[i].kind != "background"}
        p, r = bcubed(scored, gold)
        rows.append({"threshold": t, "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3),
                     "system_stories": len(set(scored.values()))})
    return rows


def scan(articles: Path) -> list[dict[str, Any]]:
    proc = subprocess.run([sys.executable, "-m", "streams.cli", "scan", "--no-alerts", "--format", "jsonl",
                           str(articles)], cwd=REPO, capture_output=True, text=True, timeout=900, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.story_threshold", description=__doc__.split("\n\n")[0])
    p.add_argument("scan", nargs="?", help="saved scan --no-alerts --format jsonl output (default: scan now)")
    p.add_argument("--thresholds", default=",".join(map(str, DEFAULT_THRESHOLDS)))
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--cv", type=int, default=0, metavar="K", help="tune the threshold by K-fold cross-validation "
                   "over stories and print the held-out folds' figures")
    p.add_argument("--splits", action="store_true", help="print every split and merge at the default threshold")
    args = p.parse_args(argv)
    labels = load_labels(CORPUS / "labels.jsonl")
    records = read_jsonl(Path(args.scan)) if args.scan else scan(CORPUS / "articles.jsonl")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    if args.splits:
        print("\n".join(splits_and_merges(records, labels)))
        return 0
    if args.cv:
        result = cross_validate(records, labels, thresholds, args.cv)
        if args.format == "json":
            print(json.dumps(result, indent=1))
            return 0
        for row in result["folds"]:
            print(f"  fold {row['fold']}: threshold {row['threshold']:.2f} → held-out B-cubed "
                  f"{row['bcubed_precision']:.3f} / {row['bcubed_recall']:.3f} (default {THRESHOLD}: "
                  f"{row['default_precision']:.3f} / {row['default_recall']:.3f}, {row['articles']} articles)")
        mean = result["weighted_mean"]
        print(f"  held-out, weighted by articles: {mean['bcubed_precision']:.3f} / {mean['bcubed_recall']:.3f} "
              f"(default: {mean['default_precision']:.3f} / {mean['default_recall']:.3f})")
        return 0
    rows = sensitivity(records, labels, thresholds)
    if args.format == "json":
        print(json.dumps({"default_threshold": THRESHOLD, "rows": rows}, indent=1))
        return 0
    print(f"story grouping on corpus/stories by join threshold (default {THRESHOLD}):")
    for row in rows:
        mark = "  ← default" if row["threshold"] == THRESHOLD else ""
        print(f"  {row['threshold']:.2f}  B-cubed precision {row['bcubed_precision']:.3f}  recall "
              f"{row['bcubed_recall']:.3f}  stories {row['system_stories']}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
