"""CLI for routing: ``wirewatch silence add|list|expire`` and ``wirewatch alerts explain``.

Silences go to the embedded runner's local file by default, or with ``--kafka`` to the worker's compacted topic
``<worker id>-silences`` (kafka-python), which every running worker follows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_INPUT, EXIT_CONFIG = 0, 1, 2


def _config(args: argparse.Namespace):
    from streams.cli import _load_config

    return _load_config(args.config)


class _Store:
    """The local file or the worker's topic, behind one small interface."""

    def __init__(self, args: argparse.Namespace) -> None:
        from alerts.silences import SilenceFile, silences_file

        self.config = _config(args)
        self.kafka = bool(args.kafka or args.bootstrap)
        if self.kafka:
            from streams.silence_topic import silences_topic

            self.bootstrap = args.bootstrap or self.config.kafka.bootstrap
            self.topic = silences_topic(self.config)
            self.where = f"topic {self.topic} on {self.bootstrap}"
        else:
            self.file = SilenceFile(Path(args.file) if args.file else silences_file(self.config))
            self.where = str(self.file.path)

    def load(self) -> dict[str, dict[str, Any]]:
        if self.kafka:
            from streams.silence_topic import read_silences

            return read_silences(self.bootstrap, self.topic)
        return self.file.load()

    def put(self, record: dict[str, Any]) -> None:
        if self.kafka:
            from streams.silence_topic import write_silence

            write_silence(self.bootstrap, self.topic, record)
        else:
            self.file.put(record)


def cmd_silence_add(args: argparse.Namespace) -> int:
    from alerts.silences import SilenceError, new_silence, parse_matchers

    try:
        matchers = parse_matchers(args.match or [])
        record = new_silence(matchers, now=time.time(), duration=args.duration, ends_at=args.until,
                             starts_at=args.start, author=args.author, comment=args.comment)
    except SilenceError as exc:
        print(f"wirewatch: silence: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    store = _Store(args)
    store.put(record)
    print(f"silence {record['id']} until {record['ends_at']} ({store.where})")
    return EXIT_OK


def _state(record: dict[str, Any], now: float) -> str:
    from alerts.silences import parse_time

    if parse_time(record["ends_at"]) <= now:
        return "expired"
    return "pending" if parse_time(record["starts_at"]) > now else "active"


def cmd_silence_list(args: argparse.Namespace) -> int:
    store = _Store(args)
    now = time.time()
    rows = sorted(store.load().values(), key=lambda r: r.get("ends_at", ""))
    if not args.all:
        rows = [r for r in rows if _state(r, now) != "expired"]
    if args.format == "json":
        print(json.dumps([{**r, "state": _state(r, now)} for r in rows], indent=1))
        return EXIT_OK
    for r in rows:
        matchers = " ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}"
                            for k, v in r["matchers"].items())
        print(f"{r['id']}  {_state(r, now):8} until {r['ends_at']}  by {r.get('author') or '?'}  {matchers}"
              + (f"  # {r['comment']}" if r.get("comment") else ""))
    if not rows:
        print(f"no {'' if args.all else 'active '}silences ({store.where})", file=sys.stderr)
    return EXIT_OK


def cmd_silence_expire(args: argparse.Namespace) -> int:
    from alerts.silences import expired

    store = _Store(args)
    records = store.load()
    if args.id not in records:
        print(f"wirewatch: silence: no silence {args.id!r} ({store.where})", file=sys.stderr)
        return EXIT_INPUT
    record = expired(records[args.id], time.time())
    store.put(record)
    print(f"silence {args.id} expired at {record['ends_at']}")
    return EXIT_OK


def _detections(path: str, config) -> list:
    """Detections from a detection JSON / JSONL file, else detected in article file(s) by the pipeline."""
    from detectors.contracts import InvalidDetection, detection_from_dict

    text = sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")
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
    for item in read_items([path], "auto", max_bytes=config.worker.max_message_bytes):
        if item.article is not None:
            out.extend(pipeline.detect(item.article))
    return out


def cmd_alerts_explain(args: argparse.Namespace) -> int:
    from alerts.dispatch import Dispatcher
    from alerts.silences import local_silences, parse_time

    config = _config(args)
    detections = _detections(args.input, config)
    if not detections:
        print(f"{args.input}: no detections: nothing would be routed")
        return EXIT_OK
    now = parse_time(args.at) if args.at else time.time()
    silences = local_silences(config)
    if args.kafka:
        from streams.silence_topic import read_silences, silences_topic

        for record in read_silences(config.kafka.bootstrap, silences_topic(config)).values():
            silences.put(record)
    dispatcher = Dispatcher(config, stories={}, log={}, silences=silences)
    for d in detections:
        decision = dispatcher.process(d, now)
        for note in decision.notifications:
            dispatcher.delivered(note)
        print(f"detection {d.id} {d.type}/{d.status} from {d.source or d.url or d.article_id} "
              f"({d.language}, confidence {d.confidence:.2f}) → story {decision.story_id}")
        for line in decision.checks:
            print(f"  {line}")
        if not decision.routes:
            print("  → no route matched: nothing is sent")
        for (receiver, outcome), (_, reason) in zip(decision.outcomes, decision.reasons, strict=True):
            print(f"  → {receiver}: {outcome.upper()} — {reason}")
    later = dispatcher.due(float("inf"))
    for note in later:
        print(f"later: {note.kind} to {note.receiver} for story {note.story_id} — {note.reason}")
    return EXIT_OK


def _alerts_subparsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The ``alerts`` command's subcommands (delivery adds preview/replay/history there): reuse or create."""
    alerts = sub.choices.get("alerts")
    if alerts is None:
        alerts = sub.add_parser("alerts", help="alert tools")
        return alerts.add_subparsers(dest="alerts_command", required=True)
    return next(a for a in alerts._actions if isinstance(a, argparse._SubParsersAction))


def add_parsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add ``silence …`` and ``alerts explain``; returns the ``alerts`` subparsers for other commands."""
    silence = sub.add_parser("silence", help="mute alerts by matchers for a while (add, list, expire)")
    ssub = silence.add_subparsers(dest="silence_command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
        p.add_argument("--kafka", action="store_true",
                       help="use the worker's compacted topic <worker id>-silences instead of the local file")
        p.add_argument("--bootstrap", help="broker (implies --kafka; default: kafka.bootstrap of the config)")
        p.add_argument("--file", help="local silences file (default: state.silences_file of the config, "
                                      "else ~/.local/state/wirewatch/silences.json)")

    p = ssub.add_parser("add", help="add a silence")
    p.add_argument("--match", "-m", action="append", metavar="FIELD=VALUE[,VALUE]",
                   help="type, status, countries, actors, level, language, source, story, min_confidence "
                        "(repeat: AND across fields, OR within a list)")
    p.add_argument("--duration", "-d", help="how long, e.g. 2h or 1d")
    p.add_argument("--until", help="end time, RFC 3339 (instead of --duration)")
    p.add_argument("--start", help="start time, RFC 3339 (default: now)")
    p.add_argument("--author", default=os.environ.get("USER") or "unknown")
    p.add_argument("--comment", "-c", required=True)
    common(p)
    p.set_defaults(func=cmd_silence_add)

    p = ssub.add_parser("list", help="list silences (active and pending; --all for expired too)")
    p.add_argument("--all", action="store_true")
    p.add_argument("--format", choices=["text", "json"], default="text")
    common(p)
    p.set_defaults(func=cmd_silence_list)

    p = ssub.add_parser("expire", help="end a silence now")
    p.add_argument("id")
    common(p)
    p.set_defaults(func=cmd_silence_expire)

    asub = _alerts_subparsers(sub)
    p = asub.add_parser("explain", help="dry run: which routes match a detection or article, and why it would be "
                                        "sent, grouped, silenced, inhibited or held back")
    p.add_argument("input", help="detections (JSON/JSONL, or the output of scan --format jsonl), an article file "
                                 "(.txt/.md/.jsonl) or -")
    p.add_argument("--config")
    p.add_argument("--at", help="evaluate at this RFC 3339 time (default: now; matters for silences)")
    p.add_argument("--kafka", action="store_true", help="also apply the worker's silences (its compacted topic)")
    p.set_defaults(func=cmd_alerts_explain)
    return asub
