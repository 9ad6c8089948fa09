"""``wirewatch scan``: the embedded runner — files or stdin in, detections out, alerts routed and delivered."""

from __future__ import annotations

import argparse
import sys

from streams import logs
from streams.cli.common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, Subparsers, load_config


def run(args: argparse.Namespace) -> int:
    from detectors.pipeline import Pipeline
    from streams.embedded import scan
    from streams.inputs import read_items
    from streams.settings import worker_settings

    config = None if args.no_alerts else load_config(args.config)
    max_bytes = worker_settings(config).max_message_bytes if config else 1_000_000
    items = read_items(args.paths, args.input_format, max_bytes=max_bytes)
    if "-" not in args.paths and not sys.stdout.isatty():  # a progress line would tear the detections on a terminal
        from streams.progress import progress

        items = progress(items, "scan", unit="article")
    metrics = None
    if args.metrics_port is not None:
        from prometheus_client import start_http_server

        from streams.metrics import Metrics

        metrics = Metrics()
        start_http_server(args.metrics_port, addr=args.metrics_addr, registry=metrics.registry)
    records = None
    if config is not None:
        from alerts.history import LocalRecords

        # alert history + dead letters ($WIREWATCH_STATE_DIR, else ~/.local/state/wirewatch; --dlq-file)
        records = LocalRecords(dlq=args.dlq_file)
    summary = scan(items, Pipeline.load(), config, output_format=args.format, metrics=metrics,
                   delivery_records=records)
    if args.format == "text":
        print(f"\n{summary.articles} article(s), {summary.detections} detection(s), {summary.alerts} alert(s), "
              f"{f'{summary.failed} failed, ' if summary.failed else ''}"
              f"{summary.invalid} invalid input(s)", file=sys.stderr)
    if summary.invalid:
        return EXIT_INPUT
    return EXIT_FAILED if summary.failed else EXIT_OK  # an alert still failing after retries: in the DLQ file


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("scan", help="detect events in files or stdin (no broker) and alert")
    p.add_argument("paths", nargs="*", default=["-"], help="files, directories or - for stdin")
    p.add_argument("--input-format", choices=["auto", "text", "jsonl"], default="auto",
                   help="auto: .jsonl/.ndjson files and stdin starting with '{' are JSONL, the rest plain text")
    p.add_argument("--format", choices=["text", "json", "jsonl"], default="text",
                   help="detections as text lines, one JSON document, or a JSON line per article")
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG, else alerts to the console)")
    p.add_argument("--no-alerts", action="store_true", help="detect only; route and deliver nothing")
    p.add_argument("--dlq-file", help="dead letters of alerts that failed after retries (default: "
                                      "$WIREWATCH_STATE_DIR/alerts.dlq.jsonl, else ~/.local/state/wirewatch/…)")
    p.add_argument("--metrics-port", type=int, help="serve Prometheus /metrics on this port while scanning")
    p.add_argument("--metrics-addr", default="127.0.0.1", help="address for --metrics-port (default 127.0.0.1)")
    logs.add_arguments(p, default=argparse.SUPPRESS)
    p.set_defaults(func=run)
