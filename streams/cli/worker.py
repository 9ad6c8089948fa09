"""``wirewatch worker``: the faust worker on Kafka (streams/app.py)."""

from __future__ import annotations

import argparse
import os
import sys

from streams import logs
from streams.cli.common import EXIT_FAILED, Subparsers, load_config


def run(args: argparse.Namespace) -> int:
    from kafka.errors import KafkaError

    from streams.detect_pool import Detectors
    from streams.kafka_clients import AuthenticationFailed
    from streams.settings import kafka_settings, worker_settings

    config = load_config(args.config)
    # The detector processes load first (spaCy, models, gazetteer: the longest part of a start, and of the
    # recovery after a crash), beside the worker's own imports, topic checks and faust's start-up.
    worker = worker_settings(config)
    detectors = Detectors(worker.detect_processes, threads=worker.detect_threads)
    from streams.app import run_worker

    try:
        return run_worker(config, bootstrap=args.bootstrap, loglevel=args.loglevel, web_port=args.web_port,
                          log_format=args.log_format, web_bind=args.web_bind, detectors=detectors)
    except AuthenticationFailed as exc:
        detectors.close()
        print(f"wirewatch: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KafkaError as exc:  # before faust starts: the topic checks could not reach the cluster
        detectors.close()
        print(f"wirewatch: Kafka at {args.bootstrap or kafka_settings(config).bootstrap}: {exc}", file=sys.stderr)
        return EXIT_FAILED


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("worker", help="run the faust worker on Kafka")
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
    p.add_argument("--bootstrap", help="default: kafka.bootstrap of the config")
    p.add_argument("--web-port", type=int, help="faust web port (default: worker.web_port of the config)")
    p.add_argument("--web-bind", default=os.environ.get("WIREWATCH_WEB_BIND", "127.0.0.1"),
                   help="address of /metrics, /healthz, /readyz (default: $WIREWATCH_WEB_BIND, else 127.0.0.1)")
    p.add_argument("--loglevel", default="info", help="faust's log level: debug, info, warning, error")
    logs.add_arguments(p, default=argparse.SUPPRESS)
    p.set_defaults(func=run)
