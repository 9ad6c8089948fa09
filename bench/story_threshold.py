"""How sensitive story grouping on ``corpus/stories`` is to the join threshold (``alerts.story_match.THRESHOLD``).

``.venv/bin/python -m bench.story_threshold [SCAN.jsonl] [--thresholds 0.3,0.5,0.7]`` routes every detection of a
saved ``wirewatch scan --no-alerts --format jsonl corpus/stories/articles.jsonl`` (scanned here when no file is
given) through ``alerts.stories.attach`` at each threshold, in input order as ``scan`` does, and scores the
stories with ``bench.stories`` (B-cubed of the most confident detection of the labelled type per article).
No delivery: the grouping only, so the detectors run once for every threshold.
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
CLOCK = 4_000_000_000.0  # processing time for the run: after every corpus date (event time is the article's)


def group(records: Iterable[Mapping[str, Any]], threshold: float) -> list[dict[str, Any]]:
    """The scan records with each detection's ``story_id`` as the router would assign it at ``threshold``."""
    stories: dict[str, Any] = {}
    out = []
    for record in records:
        shown = []
        for d in record["detections"]:
            detection = detection_from_dict({k: v for k, v in d.items() if k != "story_id"})
            shown.append({**d, "story_id": book.attach(stories, detection, CLOCK, threshold=threshold).story_id})
        out.append({**record, "detections": shown})
    return out


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
    args = p.parse_args(argv)
    labels = load_labels(CORPUS / "labels.jsonl")
    records = read_jsonl(Path(args.scan)) if args.scan else scan(CORPUS / "articles.jsonl")
    rows = sensitivity(records, labels, [float(t) for t in args.thresholds.split(",")])
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
