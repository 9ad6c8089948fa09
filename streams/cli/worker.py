"""``wirewatch worker``: the faust worker on Kafka (streams/app.py)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from streams import logs
from streams.cli.common import EXIT_FAILED, Subparsers, load_config

if TYPE_CHECKING:
    from alerts.config import Config

STAGE_ENV = "WIREWATCH_DETECTORS__STAGE"  # detectors.stage's environment form (streams.settings)


DetectorPlan = tuple[int, int, str, tuple[str, ...]]  # detector processes, threads, detectors.stage, .warm


def early_plan(env: Mapping[str, str]) -> DetectorPlan:
    """The detectors a worker starts before it has read its config: the defaults, with the stage of
    ``WIREWATCH_DETECTORS__STAGE`` (the key's environment override, which the config would apply too)."""
    from streams.detect_pool import warm_wanted
    from streams.settings import DetectorSettings, WorkerSettings

    defaults = WorkerSettings()
    return (defaults.detect_processes, defaults.detect_threads, env.get(STAGE_ENV) or DetectorSettings().stage,
            warm_wanted(env))


def configured_plan(config: Config) -> DetectorPlan:
    from streams.settings import detector_settings, worker_settings

    worker = worker_settings(config)
    detectors = detector_settings(config)
    return worker.detect_processes, worker.detect_threads, detectors.stage, detectors.warm


def run(args: argparse.Namespace) -> int:
    # No cyclic garbage collection while the worker starts (run_worker freezes what the start built and turns it
    # back on before faust runs): the imports and the config's checks build objects by the hundred thousand, and
    # the ~300 collections they set off were 0.2-0.4 s of the start's 1.5 s CPU — the way to the first alert
    # after a crash (tmp script, 3 runs each, load 4). On again however the command ends (in-process callers: tests).
    gc.disable()
    try:
        return _start(args)
    finally:
        gc.enable()


def _start(args: argparse.Namespace) -> int:
    from streams.detect_pool import Detectors

    # The detector processes load first — spaCy, models, gazetteer: the longest part of a start, and so of the
    # recovery after a crash — beside everything else the worker does: validating its config (apprise loads its
    # plugins: ~0.5 s), its imports, topic checks and faust's start-up. They cannot wait for the config, so they
    # start with the defaults (``early_plan``); a config that asks for other detector settings replaces them.
    plan = early_plan(os.environ)
    detectors = Detectors(plan[0], threads=plan[1])
    try:
        config = load_config(args.config)
    except BaseException:  # a bad config (exit 2): the detector processes go with it
        detectors.close()
        raise
    if configured_plan(config) != plan:
        detectors.close()
        plan = configured_plan(config)
        detectors = Detectors(plan[0], threads=plan[1])
    return _run_worker(args, config, detectors)


def _run_worker(args: argparse.Namespace, config: Config, detectors: Any) -> int:
    from kafka.errors import KafkaError

    from streams.app import run_worker
    from streams.kafka_clients import AuthenticationFailed
    from streams.settings import kafka_settings

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
