"""Story grouping on ``corpus/stories`` (issue 14): does Wirewatch put every report of one real-world story, and
nothing else, in one story, and send one alert per story?

``.venv/bin/python -m bench.stories [--config F] [--format json]`` runs ``wirewatch scan --config F --format jsonl``
in a subprocess over ``corpus/stories/articles.jsonl``; the config's receivers point at a real HTTP endpoint on
127.0.0.1 (``tests/sinks.HttpEndpoint``) through ``${STORIES_SINK_PORT}`` (default: ``bench/stories.yaml``, one
route to a Mattermost webhook). Per article it takes the detection of the labelled type (the most confident one)
and the ``story_id`` scan gives it, then scores:

- B-cubed precision and recall of those story ids against the labels, over the articles with such a detection
  (a look-alike single report is a gold story of its own);
- misses: the share of labelled articles with no detection of their type (background mentions apart: for them a
  detection is the error, counted as ``background_detected``);
- alerts received by the endpoint ÷ (stories + single reports);
- the same B-cubed for a naive key, type + the published day (UTC after normalisation), on the same articles and
  on every labelled article (as if detection were perfect).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "stories"
DEFAULT_CONFIG = Path(__file__).resolve().parent / "stories.yaml"
SCAN_TIMEOUT_S = 900


@dataclass(frozen=True)
class Label:
    id: str
    story: str | None
    type: str
    status: str
    kind: str

    @property
    def gold(self) -> str:
        """The gold cluster: the story, or the article itself for a single report."""
        return self.story if self.story is not None else f"single:{self.id}"


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> tuple[float, float]:
    """B-cubed (precision, recall) of a clustering of the items of ``predicted`` (item -> cluster) against
    ``gold`` (item -> cluster; every predicted item must be in it). Empty: (0.0, 0.0)."""
    items = list(predicted)
    if not items:
        return 0.0, 0.0
    by_pred: dict[Hashable, set[str]] = defaultdict(set)
    by_gold: dict[Hashable, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += same / len(by_pred[predicted[item]])
        recall += same / len(by_gold[gold[item]])
    return precision / len(items), recall / len(items)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_labels(path: Path) -> dict[str, Label]:
    return {r["id"]: Label(r["id"], r["story"], r["type"], r["status"], r.get("kind", "report"))
            for r in read_jsonl(path)}


def assigned_stories(scan_records: Iterable[Mapping[str, Any]], labels: Mapping[str, Label]) -> dict[str, str]:
    """Article id -> the ``story_id`` of its most confident detection of the labelled type (articles without one
    are left out)."""
    out: dict[str, str] = {}
    for record in scan_records:
        label = labels.get(record["article_id"])
        if label is None:
            continue
        mine = [d for d in record["detections"] if d["type"] == label.type]
        if mine:
            best = max(mine, key=lambda d: d["confidence"])
            out[label.id] = best.get("story_id") or f"no-story:{best['id']}"
    return out


def day_key(label: Label, published_at: str) -> str:
    """The naive baseline: type + the UTC day of the normalised ``published_at``."""
    from detectors.normalise import normalise_timestamp

    return f"{label.type}|{normalise_timestamp(published_at)[0][:10]}"


def score(labels: Mapping[str, Label], articles: Mapping[str, Mapping[str, Any]], assigned: Mapping[str, str],
          alerts: int) -> dict[str, Any]:
    gold = {i: label.gold for i, label in labels.items()}
    stories = {label.story for label in labels.values() if label.story is not None}
    singles = [label for label in labels.values() if label.story is None]
    reports = [label for label in labels.values() if label.story is not None]
    background = [label for label in singles if label.kind == "background"]
    expected = [label for label in labels.values() if label.kind != "background"]
    scored = {i: s for i, s in assigned.items() if labels[i].kind != "background"}
    baseline = {i: day_key(labels[i], articles[i]["published_at"]) for i in labels}
    p, r = bcubed(scored, gold)
    bp, br = bcubed({i: baseline[i] for i in scored}, gold)
    ap, ar = bcubed({i: baseline[i] for i in (label.id for label in expected)}, gold)
    reports_found = sum(label.id in assigned for label in reports)
    singles_found = sum(label.id in assigned for label in singles if label.kind != "background")
    opened = Counter(scored.values())
    return {
        "articles": len(labels), "stories": len(stories), "reports": len(reports), "singles": len(singles),
        "background": len(background),
        "detected": len(scored),
        "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3),
        "miss_rate": round(1 - (reports_found + singles_found) / len(expected), 3),
        "miss_rate_reports": round(1 - reports_found / len(reports), 3),
        "miss_rate_singles": round(1 - singles_found / (len(singles) - len(background)), 3),
        "background_detected": sum(label.id in assigned for label in background),
        "system_stories": len(opened),
        "alerts": alerts,
        "alerts_per_story": round(alerts / (len(stories) + len(singles)), 3),
        "alerts_per_story_ideal": round((len(stories) + len(singles) - len(background)) / (len(stories) + len(singles)),
                                        3),
        "baseline_bcubed_precision": round(bp, 3), "baseline_bcubed_recall": round(br, 3),
        "baseline_all_bcubed_precision": round(ap, 3), "baseline_all_bcubed_recall": round(ar, 3),
    }


def run_scan(config: Path, articles: Path, workdir: Path, port: int) -> tuple[list[dict[str, Any]], int, str]:
    """``wirewatch scan --config`` in a subprocess: (its JSONL records, exit code, stderr)."""
    env = {**os.environ, "STORIES_SINK_PORT": str(port), "WIREWATCH_STATE_DIR": str(workdir / "state")}
    proc = subprocess.run(
        [sys.executable, "-m", "streams.cli", "scan", "--config", str(config), "--format", "jsonl",
         "--dlq-file", str(workdir / "alerts.dlq.jsonl"), str(articles)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=SCAN_TIMEOUT_S, check=False)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return records, proc.returncode, proc.stderr


def measure(config: Path = DEFAULT_CONFIG, corpus: Path = CORPUS) -> dict[str, Any]:
    from tests.sinks import HttpEndpoint

    labels = load_labels(corpus / "labels.jsonl")
    articles = {a["id"]: a for a in read_jsonl(corpus / "articles.jsonl")}
    sink = HttpEndpoint()
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="wirewatch-stories-") as tmp:
            records, code, stderr = run_scan(config, corpus / "articles.jsonl", Path(tmp), sink.port)
        with sink.lock:
            alerts = sum(1 for r in sink.requests if r["status"] == 200)
    finally:
        sink.close()
    assigned = assigned_stories(records, labels)
    result = score(labels, articles, assigned, alerts)
    result.update({
        "config": str(config), "scan_exit": code, "scanned": len(records),
        "invalid": sum("invalid article" in line for line in stderr.splitlines()),
        "seconds": round(time.monotonic() - started, 1),
        "per_article": [{"id": i, "gold": labels[i].gold, "kind": labels[i].kind, "story_id": assigned.get(i),
                         "baseline": day_key(labels[i], articles[i]["published_at"])} for i in labels],
    })
    if code not in (0, 1) or not records:
        result["scan_stderr_tail"] = stderr.splitlines()[-20:]
    return result


ROWS = (
    ("articles scanned / invalid (dead-lettered)", lambda r: f"{r['scanned']} / {r['invalid']}"),
    ("articles with a detection of their type", lambda r: f"{r['detected']} of {r['articles'] - r['background']}"),
    ("misses: all / story reports / singles", lambda r: f"{r['miss_rate']:.3f} / {r['miss_rate_reports']:.3f} / "
                                                       f"{r['miss_rate_singles']:.3f}"),
    ("background mentions detected", lambda r: f"{r['background_detected']} of {r['background']}"),
    ("story keys, B-cubed precision / recall", lambda r: f"{r['bcubed_precision']:.3f} / {r['bcubed_recall']:.3f}"),
    ("naive type + day key, same articles", lambda r: f"{r['baseline_bcubed_precision']:.3f} / "
                                                      f"{r['baseline_bcubed_recall']:.3f}"),
    ("naive type + day key, every labelled article", lambda r: f"{r['baseline_all_bcubed_precision']:.3f} / "
                                                               f"{r['baseline_all_bcubed_recall']:.3f}"),
    ("stories the system opened", lambda r: str(r["system_stories"])),
    ("alerts received", lambda r: str(r["alerts"])),
    ("alerts ÷ (stories + singles)", lambda r: f"{r['alerts_per_story']:.3f} "
                                               f"(ideal {r['alerts_per_story_ideal']:.3f}: background never alerts)"),
)


def table(result: Mapping[str, Any]) -> str:
    head = (f"corpus/stories: {result['stories']} stories ({result['reports']} reports), {result['singles']} "
            f"single reports ({result['background']} background mentions); config {result['config']}, "
            f"scan exit {result['scan_exit']}, {result['seconds']} s")
    width = max(len(name) for name, _ in ROWS)
    return "\n".join([head, *(f"  {name:<{width}}  {fmt(result)}" for name, fmt in ROWS)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stories", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG,
                        help="scan config; receivers may use ${STORIES_SINK_PORT} (default bench/stories.yaml)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with articles.jsonl and labels.jsonl")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    result = measure(args.config.resolve(), args.corpus.resolve())
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(table(result))
        for line in result.get("scan_stderr_tail", []):
            print(f"  scan: {line}", file=sys.stderr)
    return 0 if result["scanned"] else 1


if __name__ == "__main__":
    sys.exit(main())
