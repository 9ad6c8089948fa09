"""The ``wirewatch`` command line. Heavy imports (spaCy, faust) happen inside the commands that need them."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from streams import logs

EXIT_OK, EXIT_INPUT, EXIT_CONFIG = 0, 1, 2


def _load_config(path: str | None, *, required: bool = False):
    from alerts.config import ConfigError, load_config

    path = path or os.environ.get("WIREWATCH_CONFIG")
    try:
        return load_config(path)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"wirewatch: config error: {problem}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from None


def cmd_scan(args: argparse.Namespace) -> int:
    from detectors.pipeline import Pipeline
    from streams.embedded import scan
    from streams.inputs import read_items

    config = None if args.no_alerts else _load_config(args.config)
    max_bytes = config.worker.max_message_bytes if config else 1_000_000
    items = read_items(args.paths, args.input_format, max_bytes=max_bytes)
    metrics = None
    if args.metrics_port is not None:
        from prometheus_client import start_http_server

        from streams.metrics import Metrics

        metrics = Metrics()
        start_http_server(args.metrics_port, addr=args.metrics_addr, registry=metrics.registry)
    records = None
    if config is not None:
        from alerts.history import LocalRecords

        records = LocalRecords()  # alert history + dead letters ($WIREWATCH_STATE_DIR, else ~/.local/state/wirewatch)
    summary = scan(items, Pipeline.load(), config, output_format=args.format, metrics=metrics,
                   delivery_records=records)
    if args.format == "text":
        print(f"\n{summary.articles} article(s), {summary.detections} detection(s), {summary.alerts} alert(s), "
              f"{summary.invalid} invalid input(s)", file=sys.stderr)
    return EXIT_INPUT if summary.invalid else EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from streams.inputs import read_items
    from streams.publisher import Publisher

    config = _load_config(args.config)
    bootstrap = args.bootstrap or config.kafka.bootstrap
    sent = invalid = 0
    with Publisher(bootstrap, topic=args.topic or config.kafka.articles_topic) as publisher:
        for item in read_items(args.paths, args.input_format, max_bytes=config.worker.max_message_bytes):
            if item.article is None:
                invalid += 1
                print(f"wirewatch: {item.origin}: not published: {item.error.reason}", file=sys.stderr)
                continue
            publisher.send(item.article)
            sent += 1
    print(f"published {sent} article(s) to {args.topic or config.kafka.articles_topic} on {bootstrap}"
          f"{f', {invalid} invalid' if invalid else ''}", file=sys.stderr)
    return EXIT_INPUT if invalid else EXIT_OK


def cmd_worker(args: argparse.Namespace) -> int:
    from streams.app import run_worker

    config = _load_config(args.config)
    return run_worker(config, bootstrap=args.bootstrap, loglevel=args.loglevel, web_port=args.web_port,
                      log_format=args.log_format, web_bind=args.web_bind)


def cmd_eval(args: argparse.Namespace) -> int:
    import orjson

    from detectors.evaluation import evaluate_file, format_text
    from detectors.pipeline import Pipeline

    report = evaluate_file(args.dataset, Pipeline.load())
    if args.format == "json":
        print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    else:
        print(format_text(report))
    return EXIT_OK


def cmd_check_config(args: argparse.Namespace) -> int:
    config = _load_config(args.file)
    print(f"{args.file}: OK — {len(config.receivers)} receiver(s), {len(config.routes)} route(s)")
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from streams.bench import main as bench_main

    return bench_main(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirewatch", description="News event detection and alerting.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    logs.add_arguments(parser)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("scan", help="detect events in files or stdin (no broker) and alert")
    p.add_argument("paths", nargs="*", default=["-"], help="files, directories or - for stdin")
    p.add_argument("--input-format", choices=["auto", "text", "jsonl"], default="auto")
    p.add_argument("--format", choices=["text", "json", "jsonl"], default="text")
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG, else alerts to the console)")
    p.add_argument("--no-alerts", action="store_true", help="detect only; route and deliver nothing")
    p.add_argument("--metrics-port", type=int, help="serve Prometheus /metrics on this port while scanning")
    p.add_argument("--metrics-addr", default="127.0.0.1", help="address for --metrics-port (default 127.0.0.1)")
    logs.add_arguments(p, default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("publish", help="feed text/JSONL files into the articles topic")
    p.add_argument("paths", nargs="+")
    p.add_argument("--topic", help="default: kafka.articles_topic of the config (articles)")
    p.add_argument("--bootstrap", help="default: kafka.bootstrap of the config")
    p.add_argument("--input-format", choices=["auto", "text", "jsonl"], default="auto")
    p.add_argument("--config")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("worker", help="run the faust worker on Kafka")
    p.add_argument("--config")
    p.add_argument("--bootstrap", help="default: kafka.bootstrap of the config")
    p.add_argument("--web-port", type=int, help="faust web port (default: worker.web_port of the config)")
    p.add_argument("--web-bind", default=os.environ.get("WIREWATCH_WEB_BIND", "127.0.0.1"),
                   help="address of /metrics, /healthz, /readyz (default: $WIREWATCH_WEB_BIND, else 127.0.0.1)")
    p.add_argument("--loglevel", default="info")
    logs.add_arguments(p, default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("eval", help="precision/recall/F1 on a labelled JSONL dataset")
    p.add_argument("dataset")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("check-config", help="validate a config file; exit 2 on errors")
    p.add_argument("file")
    p.set_defaults(func=cmd_check_config)

    p = sub.add_parser("bench", help="throughput, end-to-end latency, scale-out and memory figures")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--quick", action="store_true", help="short phases (development), not the published figures")
    p.add_argument("--data", default=None, help="JSONL news (default: ../shared/data/news-de-10kgnad.jsonl)")
    p.add_argument("--bootstrap", help="use this broker instead of starting a local one")
    p.add_argument("--only", help="comma-separated subset of detectors,latency,scaleout")
    p.add_argument("--detect-processes", type=int, default=None,
                   help="the workers' worker.detect_processes (default: its default; 0: detectors in a thread)")
    p.set_defaults(func=cmd_bench)

    from streams.alerts_cli import add_commands

    add_commands(sub, _load_config)  # alerts preview | replay | history

    from streams import routing_cli

    routing_cli.add_parsers(sub)  # silence add|list|expire, alerts explain
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logs.configure(args.log_format, logging.DEBUG if args.verbose else logging.WARNING)
    try:
        return args.func(args)
    except BrokenPipeError:  # `wirewatch scan … | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
