"""``wirewatch alerts preview|replay|history|explain``: see, re-send, audit and dry-run what alerting does."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from streams.cli.common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, Subparsers, load_config

SEED_ARTICLE = "libya-haftar-rome-ceasefire.de.txt"  # package data of ``seeds``


@contextmanager
def seed_article() -> Iterator[str]:
    """The path of the seed article shipped as package data (``seeds``)."""
    from importlib.resources import as_file, files

    with as_file(files("seeds") / SEED_ARTICLE) as path:
        yield str(path)


def cmd_preview(args: argparse.Namespace) -> int:
    with seed_article() as seed:
        return _preview(args, args.articles or [seed])


def _preview(args: argparse.Namespace, paths: list[str]) -> int:
    from alerts.delivery import Deliverer
    from alerts.dispatch import Dispatcher
    from alerts.history import LocalRecords
    from detectors.pipeline import Pipeline
    from streams.inputs import read_items
    from streams.settings import worker_settings

    config = load_config(args.config)
    dispatcher = Dispatcher(config, stories={}, log={})
    deliverer = Deliverer(config, console=sys.stdout)
    items = list(read_items(paths, "auto", max_bytes=worker_settings(config).max_message_bytes))
    valid = [i for i in items if i.article is not None]
    invalid = report_invalid(items)
    now = time.time()
    notes = []
    for detections in Pipeline.load().detect_many([i.article for i in valid]):
        for d in detections:
            notes.extend(dispatcher.process(d, now).notifications)
    notes.extend(dispatcher.due(float("inf")))
    if not notes:
        if args.format == "json":
            print("[]")
        print("no alert: no detection matched a route", file=sys.stderr)
        return EXIT_INPUT if invalid else EXIT_OK
    failed = 0
    records = LocalRecords(args.history_file, args.dlq_file) if args.send else None
    shown: list[dict[str, Any]] = []  # --format json
    for note in notes:
        for target, rendered in deliverer.preview(note):
            if args.format == "json":
                shown.append({"receiver": note.receiver, "story_id": note.story_id, "kind": note.kind,
                              "target": target, "channel": rendered.channel, "format": rendered.body_format,
                              "chars": len(rendered.body), "shortened": rendered.shortened,
                              "title": rendered.title, "body": rendered.body})
                continue
            print(f"──── receiver={note.receiver} target={target} channel={rendered.channel} "
                  f"format={rendered.body_format} chars={len(rendered.body)}"
                  f"{' (shortened)' if rendered.shortened else ''}")
            if rendered.title:
                print(f"title: {rendered.title}")
            print(rendered.body)
        if records is not None:
            results = deliverer.deliver(note)
            records.record(note, results, time.time())
            for r in results:
                if args.format == "json":
                    sent = {"ok": r.ok, "attempts": r.attempts, "error": r.error}
                    for entry in shown:
                        if entry["receiver"] == note.receiver and entry["target"] == r.target and "sent" not in entry:
                            entry["sent"] = sent
                else:
                    print(f"sent to {r.target}: {'ok' if r.ok else 'FAILED: ' + str(r.error)} "
                          f"after {r.attempts} attempt(s)")
                failed += not r.ok
    if args.format == "json":
        print(json.dumps(shown, indent=1, ensure_ascii=False))
    if failed:
        return EXIT_FAILED
    return EXIT_INPUT if invalid else EXIT_OK


def report_invalid(items: list[Any]) -> int:
    """One line per invalid input, with its location; how many there were."""
    bad = [i for i in items if i.article is None]
    for item in bad:
        print(f"wirewatch: {item.origin}: invalid article: {item.error.reason}", file=sys.stderr)
    return len(bad)


def cmd_replay(args: argparse.Namespace) -> int:
    from alerts.delivery import Deliverer
    from alerts.history import LocalRecords, replay
    from streams.settings import cluster

    config = load_config(args.config)
    deliverer = Deliverer(config)
    if args.kafka:
        from streams.delivery_log import replay_topic

        delivered, failed = replay_topic(config, cluster(config, args.bootstrap), deliverer.deliver)
    else:
        records = LocalRecords(args.history_file, args.dlq_file)
        letters = list(records.dlq.read())
        history, again, delivered = replay(letters, deliverer.deliver, time.time)
        records.history.append(history)
        records.dlq.replace(again)
        failed = len(again)
    print(f"replayed: {delivered} delivered, {failed} failed again", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    import orjson

    from alerts.history import LocalRecords, format_record, matches
    from streams.settings import cluster

    if args.kafka:
        from streams.delivery_log import read_topic
        from streams.settings import history_topic

        config = load_config(args.config)
        records = (v for _, v in read_topic(cluster(config, args.bootstrap), history_topic(config)))
    else:
        records = LocalRecords(args.history_file, args.dlq_file).history.read()
    selected = [r for r in records if matches(r, args.receiver, args.story, args.outcome)]
    selected.sort(key=lambda r: r.get("at", 0))
    for r in selected[-args.limit:] if args.limit else selected:
        print(orjson.dumps(r).decode() if args.format == "jsonl" else format_record(r))
    return EXIT_OK


def detections_in(path: str, config: Any) -> list:
    """Detections from a detection JSON / JSONL file, else detected in article file(s) by the pipeline."""
    from detectors.contracts import InvalidDetection, detection_from_dict
    from streams.settings import worker_settings

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise SystemExit(f"wirewatch: {path}: not UTF-8 text (byte {exc.start})") from None
    objects: list[Any] = []
    try:
        loaded = json.loads(text)
        objects = loaded if isinstance(loaded, list) else [loaded]
    except ValueError:
        try:
            objects = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError:
            objects = []
    if objects and all(isinstance(o, dict) and isinstance(o.get("detections"), list) for o in objects):
        objects = [d for o in objects for d in o["detections"]]  # `wirewatch scan --format jsonl|json` output
        if not objects:
            return []
    if objects and all(isinstance(o, dict) and "story_key" in o for o in objects):
        try:
            return [detection_from_dict(o) for o in objects]
        except (InvalidDetection, KeyError, TypeError) as exc:
            raise SystemExit(f"wirewatch: {path}: not a valid detection: {exc}") from None
    from detectors.pipeline import Pipeline
    from streams.inputs import read_items

    pipeline = Pipeline.load()
    out = []
    items = list(read_items([path], "auto", max_bytes=worker_settings(config).max_message_bytes))
    report_invalid(items)
    for item in items:
        if item.article is not None:
            out.extend(pipeline.detect(item.article))
    return out


def cmd_explain(args: argparse.Namespace) -> int:
    from alerts.dispatch import Dispatcher
    from alerts.silences import local_silences, parse_time
    from alerts.story_explain import explain_dict, explain_lines
    from streams.settings import cluster

    config = load_config(args.config)
    detections = detections_in(args.input, config)
    if not detections:
        if args.format == "json":
            print(json.dumps({"detections": [], "later": []}))
        else:
            print(f"{args.input}: no detections: nothing would be routed")
        return EXIT_OK
    now = parse_time(args.at) if args.at else time.time()
    silences = local_silences(config)
    if args.kafka:
        from streams.settings import silences_topic
        from streams.silence_topic import read_silences

        for record in read_silences(cluster(config), silences_topic(config)).values():
            silences.put(record)
    dispatcher = Dispatcher(config, stories={}, log={}, silences=silences)
    dispatcher.indexed_stories = False  # explain every open story's refusal, not only the candidates'
    explained: list[dict[str, Any]] = []  # --format json
    for d in detections:
        decision = dispatcher.process(d, now)
        for note in decision.notifications:
            dispatcher.delivered(note)
        if args.format == "json":
            explained.append({
                "detection": {"id": d.id, "type": d.type, "status": d.status, "source": d.source or d.url or
                              d.article_id, "language": d.language, "confidence": d.confidence},
                "story_id": decision.story_id, "checks": list(decision.checks),
                "story": explain_dict(decision.story, d.recency == "background"),
                "outcomes": [{"receiver": receiver, "outcome": outcome, "reason": reason}
                             for (receiver, outcome), (_, reason) in zip(decision.outcomes, decision.reasons,
                                                                         strict=True)]})
            continue
        print(f"detection {d.id} {d.type}/{d.status} from {d.source or d.url or d.article_id} "
              f"({d.language}, confidence {d.confidence:.2f}) → story {decision.story_id or 'none'}")
        for line in explain_lines(decision.story, d.recency == "background"):
            print(f"  {line}")
        for line in decision.checks:
            print(f"  {line}")
        if not decision.routes:
            print("  → no route matched: nothing is sent")
        for (receiver, outcome), (_, reason) in zip(decision.outcomes, decision.reasons, strict=True):
            print(f"  → {receiver}: {outcome.upper()} — {reason}")
    later = dispatcher.due(float("inf"))
    if args.format == "json":
        print(json.dumps({"detections": explained, "later": [
            {"kind": note.kind, "receiver": note.receiver, "story_id": note.story_id, "reason": note.reason}
            for note in later]}, indent=1, ensure_ascii=False))
        return EXIT_OK
    for note in later:
        print(f"later: {note.kind} to {note.receiver} for story {note.story_id} — {note.reason}")
    return EXIT_OK


def _files(p: argparse.ArgumentParser, kafka: bool) -> None:
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
    p.add_argument("--history-file", help="embedded runner's history (default: $WIREWATCH_STATE_DIR/"
                                           "alert-history.jsonl, else ~/.local/state/wirewatch/…)")
    p.add_argument("--dlq-file", help="embedded runner's dead letters (default: …/alerts.dlq.jsonl)")
    if kafka:
        p.add_argument("--kafka", action="store_true", help="the worker's topics instead of local files")
        p.add_argument("--bootstrap", help="default: kafka.bootstrap of the config")


def add_parser(sub: Subparsers) -> None:
    alerts = sub.add_parser("alerts", help="preview, replay and audit alert delivery")
    cmds = alerts.add_subparsers(dest="alerts_command", required=True)

    p = cmds.add_parser("preview", help="render what each receiver would get for these articles")
    p.add_argument("articles", nargs="*", help="article files (default: the seed article)")
    p.add_argument("--send", action="store_true", help="also deliver, to test the channels")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: one array of {receiver, target, channel, title, body, …} (and each send's result)")
    _files(p, kafka=False)
    p.set_defaults(func=cmd_preview)

    p = cmds.add_parser("replay", help="re-send dead-lettered alerts once")
    _files(p, kafka=True)
    p.set_defaults(func=cmd_replay)

    p = cmds.add_parser("history", help="list delivery attempts and results")
    _files(p, kafka=True)
    p.add_argument("--receiver", help="only this receiver's attempts")
    p.add_argument("--story", help="only this story's attempts (a story id)")
    p.add_argument("--outcome", choices=["delivered", "retrying", "failed"], help="only attempts with this outcome")
    p.add_argument("--limit", type=int, default=0, help="only the last N records")
    p.add_argument("--format", choices=["text", "jsonl"], default="text", help="text lines or a JSON line each")
    p.set_defaults(func=cmd_history)

    p = cmds.add_parser("explain", help="dry run: which routes match a detection or article, and why it would be "
                                        "sent, grouped, silenced, inhibited or held back")
    p.add_argument("input", help="detections (JSON/JSONL, or the output of scan --format jsonl), an article file "
                                 "(.txt/.md/.jsonl) or -")
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
    p.add_argument("--at", help="evaluate at this RFC 3339 time (default: now; matters for silences)")
    p.add_argument("--kafka", action="store_true", help="also apply the worker's silences (its compacted topic)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: {detections: [{detection, story_id, checks, outcomes}], later: [...]}")
    p.set_defaults(func=cmd_explain)
