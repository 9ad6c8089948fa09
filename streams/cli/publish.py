"""``wirewatch publish``: feed text/JSONL files into the articles topic."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from streams.cli.common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, Subparsers, load_config

SEND_TIMEOUT_S = 10
BOOTSTRAP_TIMEOUT_MS = 6_000
SWEEP_EVERY = 10_000  # sends between two sweeps of the answered ones

if TYPE_CHECKING:
    from alerts.config import Config
    from streams.kafka_clients import Cluster


def run(args: argparse.Namespace) -> int:
    from kafka.errors import KafkaError

    from streams.kafka_clients import AuthenticationFailed, authentication_errors
    from streams.settings import cluster

    config = load_config(args.config)
    kafka_cluster = cluster(config, args.bootstrap)  # TLS/SASL of the kafka section
    if not args.verbose:  # kafka-python's retry chatter is not for the terminal; our lines say what failed
        quiet_kafka_logs()
    try:
        with authentication_errors(kafka_cluster):
            return _publish(args, config, kafka_cluster)
    except AuthenticationFailed as exc:
        print(f"wirewatch: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KafkaError as exc:  # no broker answered (kafka-python's bootstrap_timeout_ms), or it went away
        print(f"wirewatch: publish: cannot reach Kafka at {kafka_cluster.bootstrap}: {_reason(exc)} "
              "(is the broker running, and kafka.bootstrap or --bootstrap right?)", file=sys.stderr)
        return EXIT_FAILED


def quiet_kafka_logs() -> None:
    """kafka-python's own log lines go nowhere (not even to logging's last-resort handler)."""
    import logging

    kafka_log = logging.getLogger("kafka")
    kafka_log.addHandler(logging.NullHandler())
    kafka_log.propagate = False


def _reason(exc: BaseException) -> str:
    """One line: kafka-python's message, else its error's name and description (``[Error 10] …: None`` is neither)."""
    name = type(exc).__name__
    args = [str(a) for a in getattr(exc, "args", ()) if a not in (None, "None", "")]
    if args:
        return "; ".join(args).removeprefix(f"{name}: ")
    description = getattr(exc, "description", None)
    return f"{name}: {description}" if description else name


def _sweep(sent: list[tuple[str, Any]], failed: list[dict[str, str]], final: bool, wait_s: float = 0.0) -> int:
    """Count the answered sends that succeeded, move the refused ones to ``failed``, and keep only the sends still
    waiting in ``sent``; ``final``: wait up to ``wait_s`` in all for the unanswered ones (kafka-python's ``flush()``
    can return before every record is answered), then report those too. Returns how many succeeded."""
    from kafka.errors import KafkaError

    published = 0
    waiting = []
    deadline = time.monotonic() + wait_s
    for origin, future in sent:
        if not future.is_done and final:
            with contextlib.suppress(KafkaError):  # its error, if any, is read from the future just below
                future.get(timeout=max(0.05, deadline - time.monotonic()))
        if not future.is_done:
            if final:
                failed.append({"origin": origin, "error": "the broker did not confirm it in time"})
            else:
                waiting.append((origin, future))
        elif future.failed():
            failed.append({"origin": origin, "error": _reason(future.exception)})
        else:
            published += 1
    sent[:] = waiting
    return published


def _publish(args: argparse.Namespace, config: Config, kafka_cluster: Cluster) -> int:
    from kafka.errors import KafkaError

    from streams.inputs import read_items
    from streams.progress import note, progress
    from streams.publisher import Publisher
    from streams.settings import kafka_settings, worker_settings

    kafka = kafka_settings(config)
    topic = args.topic or kafka.articles_topic
    invalid: list[dict[str, str]] = []
    sent: list[tuple[str, Any]] = []  # (origin, the send's future)
    failed: list[dict[str, str]] = []
    published = 0
    sweep_at = SWEEP_EVERY
    # max_block_ms: a send waiting for metadata (or buffer space) fails after 10 s instead of kafka-python's 60 s;
    # bootstrap_timeout_ms: an unreachable broker is one line within 10 s of starting, interpreter included
    with Publisher(kafka_cluster, topic=topic, max_block_ms=SEND_TIMEOUT_S * 1000,
                   bootstrap_timeout_ms=BOOTSTRAP_TIMEOUT_MS) as publisher:
        items = read_items(args.paths, args.input_format, max_bytes=worker_settings(config).max_message_bytes)
        for item in progress(items, "publish", unit="article"):
            if item.article is None:
                invalid.append({"origin": item.origin, "error": item.error.reason})
                note(f"wirewatch: {item.origin}: not published: {item.error.reason}")  # beside the progress line
                continue
            try:
                sent.append((item.origin, publisher.send(item.article)))
            except KafkaError as exc:  # refused before it left: too large, no metadata within max_block_ms
                failed.append({"origin": item.origin, "error": _reason(exc)})
            if len(sent) >= sweep_at:  # answered sends counted and dropped: memory stays bounded
                published += _sweep(sent, failed, final=False)
                sweep_at = len(sent) + SWEEP_EVERY
        with contextlib.suppress(KafkaError):  # a timeout: the futures still pending are reported one by one
            publisher.flush(SEND_TIMEOUT_S + 5)
        published += _sweep(sent, failed, final=True, wait_s=SEND_TIMEOUT_S)
    for f in failed:
        print(f"wirewatch: {f['origin']}: not published: {f['error']}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps({"topic": topic, "bootstrap": kafka_cluster.bootstrap, "published": published,
                          "failed": failed, "invalid": invalid}, indent=1, ensure_ascii=False))
    print(f"published {published} article(s) to {topic} on {kafka_cluster.bootstrap}"
          f"{f', {len(failed)} failed' if failed else ''}{f', {len(invalid)} invalid' if invalid else ''}",
          file=sys.stderr)
    if failed:
        return EXIT_FAILED
    return EXIT_INPUT if invalid else EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("publish", help="feed text/JSONL files into the articles topic")
    p.add_argument("paths", nargs="+", help="text or JSONL files, directories, or - for stdin")
    p.add_argument("--topic", help="default: kafka.articles_topic of the config (articles)")
    p.add_argument("--bootstrap", help="default: kafka.bootstrap of the config")
    p.add_argument("--input-format", choices=["auto", "text", "jsonl"], default="auto",
                   help="auto: .jsonl/.ndjson files and stdin starting with '{' are JSONL, the rest plain text")
    p.add_argument("--config", help="YAML config (default: $WIREWATCH_CONFIG)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: also a report on stdout (published, failed and invalid, each with its origin)")
    p.set_defaults(func=run)
