"""``wirewatch publish``: feed text/JSONL files into the articles topic."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from streams.cli.common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, Subparsers, load_config

if TYPE_CHECKING:
    from alerts.config import Config
    from streams.kafka_clients import Cluster


def run(args: argparse.Namespace) -> int:
    from streams.kafka_clients import AuthenticationFailed, authentication_errors
    from streams.settings import cluster

    config = load_config(args.config)
    kafka_cluster = cluster(config, args.bootstrap)  # TLS/SASL of the kafka section
    try:
        with authentication_errors(kafka_cluster):
            return _publish(args, config, kafka_cluster)
    except AuthenticationFailed as exc:
        print(f"wirewatch: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _publish(args: argparse.Namespace, config: Config, kafka_cluster: Cluster) -> int:
    from streams.inputs import read_items
    from streams.publisher import Publisher
    from streams.settings import kafka_settings, worker_settings

    kafka = kafka_settings(config)
    bootstrap = kafka_cluster.bootstrap
    sent = invalid = 0
    with Publisher(kafka_cluster, topic=args.topic or kafka.articles_topic) as publisher:
        for item in read_items(args.paths, args.input_format, max_bytes=worker_settings(config).max_message_bytes):
            if item.article is None:
                invalid += 1
                print(f"wirewatch: {item.origin}: not published: {item.error.reason}", file=sys.stderr)
                continue
            publisher.send(item.article)
            sent += 1
    print(f"published {sent} article(s) to {args.topic or kafka.articles_topic} on {bootstrap}"
          f"{f', {invalid} invalid' if invalid else ''}", file=sys.stderr)
    return EXIT_INPUT if invalid else EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("publish", help="feed text/JSONL files into the articles topic")
    p.add_argument("paths", nargs="+", help="text or JSONL files, directories, or - for stdin")
    p.add_argument("--topic", help="default: kafka.articles_topic of the config (articles)")
    p.add_argument("--bootstrap", help="default: kafka.bootstrap of the config")
    p.add_argument("--input-format", choices=["auto", "text", "jsonl"], default="auto",
                   help="auto: .jsonl/.ndjson files and stdin starting with '{' are JSONL, the rest plain text")
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
    p.set_defaults(func=run)
