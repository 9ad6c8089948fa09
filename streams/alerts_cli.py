"""``wirewatch alerts preview|replay|history``: see, re-send and audit what delivery does.

``add_commands(sub, load_config)`` registers the ``alerts`` command and returns its sub-parsers, so other
``alerts …`` commands (e.g. ``explain``) can be added next to these.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1


def _seed() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parent.parent / "seeds" / "libya-haftar-rome-ceasefire.de.txt")


def cmd_preview(args: argparse.Namespace, load_config: Callable[..., Any]) -> int:
    from alerts.delivery import Deliverer
    from alerts.dispatch import Dispatcher
    from alerts.history import LocalRecords
    from detectors.pipeline import Pipeline
    from streams.inputs import read_items

    config = load_config(args.config)
    dispatcher = Dispatcher(config, stories={}, log={})
    deliverer = Deliverer(config, console=sys.stdout)
    items = list(read_items(args.articles or [_seed()], "auto", max_bytes=config.worker.max_message_bytes))
    valid = [i for i in items if i.article is not None]
    now = time.time()
    notes = []
    for detections in Pipeline.load().detect_many([i.article for i in valid]):
        for d in detections:
            notes.extend(dispatcher.process(d, now).notifications)
    notes.extend(dispatcher.due(float("inf")))
    if not notes:
        print("no alert: no detection matched a route", file=sys.stderr)
        return EXIT_OK
    failed = 0
    records = LocalRecords(args.history_file, args.dlq_file) if args.send else None
    for note in notes:
        for target, rendered in deliverer.preview(note):
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
                print(f"sent to {r.target}: {'ok' if r.ok else 'FAILED: ' + str(r.error)} "
                      f"after {r.attempts} attempt(s)")
                failed += not r.ok
    return EXIT_FAILED if failed else EXIT_OK


def cmd_replay(args: argparse.Namespace, load_config: Callable[..., Any]) -> int:
    from alerts.delivery import Deliverer
    from alerts.history import LocalRecords, replay

    config = load_config(args.config)
    deliverer = Deliverer(config)
    if args.kafka:
        from streams.delivery_log import replay_topic

        delivered, failed = replay_topic(config, args.bootstrap or config.kafka.bootstrap, deliverer.deliver)
    else:
        records = LocalRecords(args.history_file, args.dlq_file)
        letters = list(records.dlq.read())
        history, again, delivered = replay(letters, deliverer.deliver, time.time)
        records.history.append(history)
        records.dlq.replace(again)
        failed = len(again)
    print(f"replayed: {delivered} delivered, {failed} failed again", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_history(args: argparse.Namespace, load_config: Callable[..., Any]) -> int:
    import orjson

    from alerts.history import LocalRecords, format_record, matches

    if args.kafka:
        from streams.delivery_log import history_topic, read_topic

        config = load_config(args.config)
        records = (v for _, v in read_topic(args.bootstrap or config.kafka.bootstrap, history_topic(config)))
    else:
        records = LocalRecords(args.history_file, args.dlq_file).history.read()
    selected = [r for r in records if matches(r, args.receiver, args.story, args.outcome)]
    selected.sort(key=lambda r: r.get("at", 0))
    for r in selected[-args.limit:] if args.limit else selected:
        print(orjson.dumps(r).decode() if args.format == "jsonl" else format_record(r))
    return EXIT_OK


def add_commands(sub: Any, load_config: Callable[..., Any]) -> Any:
    alerts = sub.add_parser("alerts", help="preview, replay and audit alert delivery")
    cmds = alerts.add_subparsers(dest="alerts_command", required=True)

    def common(p: argparse.ArgumentParser, kafka: bool) -> None:
        p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
        p.add_argument("--history-file", help="embedded runner's history (default: $WIREWATCH_STATE_DIR/"
                                               "alert-history.jsonl, else ~/.local/state/wirewatch/…)")
        p.add_argument("--dlq-file", help="embedded runner's dead letters (default: …/alerts.dlq.jsonl)")
        if kafka:
            p.add_argument("--kafka", action="store_true", help="the worker's topics instead of local files")
            p.add_argument("--bootstrap", help="default: kafka.bootstrap of the config")

    p = cmds.add_parser("preview", help="render what each receiver would get for these articles")
    p.add_argument("articles", nargs="*", help="article files (default: the seed article)")
    p.add_argument("--send", action="store_true", help="also deliver, to test the channels")
    common(p, kafka=False)
    p.set_defaults(func=lambda a: cmd_preview(a, load_config))

    p = cmds.add_parser("replay", help="re-send dead-lettered alerts once")
    common(p, kafka=True)
    p.set_defaults(func=lambda a: cmd_replay(a, load_config))

    p = cmds.add_parser("history", help="list delivery attempts and results")
    common(p, kafka=True)
    p.add_argument("--receiver")
    p.add_argument("--story")
    p.add_argument("--outcome", choices=["delivered", "retrying", "failed"])
    p.add_argument("--limit", type=int, default=0, help="only the last N records")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    p.set_defaults(func=lambda a: cmd_history(a, load_config))
    return cmds
