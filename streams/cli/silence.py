"""``wirewatch silence add|list|expire``: mute alerts by matchers for a while.

Silences go to the embedded runner's local file by default, or with ``--kafka`` to the worker's compacted topic
``<worker id>-silences`` (kafka-python), which every running worker follows.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streams.cli.common import EXIT_CONFIG, EXIT_INPUT, EXIT_OK, Subparsers, load_config


class _Store:
    """The local file or the worker's topic, behind one small interface."""

    def __init__(self, args: argparse.Namespace) -> None:
        from alerts.silences import SilenceFile, silences_file

        self.config = load_config(args.config)
        self.kafka = bool(args.kafka or args.bootstrap)
        if self.kafka:
            from streams.settings import cluster, silences_topic

            self.bootstrap = cluster(self.config, args.bootstrap)  # with the kafka section's TLS/SASL
            self.topic = silences_topic(self.config)
            self.where = f"topic {self.topic} on {self.bootstrap.bootstrap}"
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


def cmd_add(args: argparse.Namespace) -> int:
    from alerts.silences import SilenceError, new_silence, parse_matchers

    try:
        matchers = parse_matchers(args.match or [])
        record = new_silence(matchers, now=time.time(), duration=args.duration, ends_at=args.until,
                             starts_at=args.start, author=args.author or os.environ.get("USER") or "unknown",
                             comment=args.comment)
    except SilenceError as exc:
        print(f"wirewatch: silence: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    store = _Store(args)
    store.put(record)
    print(f"silence {record['id']} until {record['ends_at']} ({store.where})")
    return EXIT_OK


def state(record: dict[str, Any], now: float) -> str:
    """expired, pending or active at ``now``."""
    from alerts.silences import parse_time

    if parse_time(record["ends_at"]) <= now:
        return "expired"
    return "pending" if parse_time(record["starts_at"]) > now else "active"


def cmd_list(args: argparse.Namespace) -> int:
    store = _Store(args)
    now = time.time()
    rows = sorted(store.load().values(), key=lambda r: r.get("ends_at", ""))
    if not args.all:
        rows = [r for r in rows if state(r, now) != "expired"]
    if args.format == "json":
        print(json.dumps([{**r, "state": state(r, now)} for r in rows], indent=1))
        return EXIT_OK
    for r in rows:
        matchers = " ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}"
                            for k, v in r["matchers"].items())
        print(f"{r['id']}  {state(r, now):8} until {r['ends_at']}  by {r.get('author') or '?'}  {matchers}"
              + (f"  # {r['comment']}" if r.get("comment") else ""))
    if not rows:
        print(f"no {'' if args.all else 'active '}silences ({store.where})", file=sys.stderr)
    return EXIT_OK


def cmd_expire(args: argparse.Namespace) -> int:
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


def _one_line(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A silences file that cannot be read is one line naming it (exit 1), never a traceback."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        from alerts.silences import SilenceError

        try:
            return command(args)
        except SilenceError as exc:
            print(f"wirewatch: silence: {exc}", file=sys.stderr)
            return EXIT_INPUT

    return run


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
    p.add_argument("--kafka", action="store_true",
                   help="use the worker's compacted topic <worker id>-silences instead of the local file")
    p.add_argument("--bootstrap", help="broker (implies --kafka; default: kafka.bootstrap of the config)")
    p.add_argument("--file", help="local silences file (default: state.silences_file of the config, "
                                  "else ~/.local/state/wirewatch/silences.json)")


def add_parser(sub: Subparsers) -> None:
    silence = sub.add_parser("silence", help="mute alerts by matchers for a while (add, list, expire)")
    ssub = silence.add_subparsers(dest="silence_command", required=True)

    p = ssub.add_parser("add", help="add a silence")
    p.add_argument("--match", "-m", action="append", metavar="FIELD=VALUE[,VALUE]",
                   help="type, status, form, countries, actors, level, language, source, story, min_confidence "
                        "(repeat: AND across fields, OR within a list)")
    p.add_argument("--duration", "-d", help="how long, e.g. 2h or 1d")
    p.add_argument("--until", help="end time, RFC 3339 (instead of --duration)")
    p.add_argument("--start", help="start time, RFC 3339 (default: now)")
    p.add_argument("--author", help="who set it (default: $USER)")
    p.add_argument("--comment", "-c", required=True, help="why (shown with every alert it mutes)")
    _common(p)
    p.set_defaults(func=_one_line(cmd_add))

    p = ssub.add_parser("list", help="list silences (active and pending; --all for expired too)")
    p.add_argument("--all", action="store_true", help="expired silences too")
    p.add_argument("--format", choices=["text", "json"], default="text", help="text lines or one JSON array")
    _common(p)
    p.set_defaults(func=_one_line(cmd_list))

    p = ssub.add_parser("expire", help="end a silence now")
    p.add_argument("id", help="the silence's id (silence list shows it)")
    _common(p)
    p.set_defaults(func=_one_line(cmd_expire))
