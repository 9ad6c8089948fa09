"""The embedded runner: no broker. Articles from files or stdin → detections → alerts, in one process.

It calls the same pure functions as the worker: ``Pipeline.detect_many`` and ``Dispatcher``; state is plain
dicts, and groups still waiting at the end of a scan are flushed, so one scan of many files alerts once per story.
Delivery has the worker's lifecycle (``alerts.outbox``, ``alerts.settle``): each alert is recorded in the outbox,
kept in flight until it is delivered, and settled — with a retry window of 0, so a target that still fails after
the deliverer's attempts is dead-lettered at once, to the local alerts DLQ file (``alerts.history.LocalRecords``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

import orjson

from alerts.config import Config
from alerts.delivery import Deliverer
from alerts.dispatch import Dispatcher, Notification
from alerts.history import LocalRecords
from alerts.settle import settle
from alerts.silences import local_silences
from alerts.vocabulary import Settled
from detectors.contracts import Article, Detection
from streams.batches import ready_batches
from streams.inputs import Item
from streams.metrics import Metrics, story_opened

BATCH = 64


@dataclass
class ScanSummary:
    articles: int = 0
    invalid: int = 0
    detections: int = 0
    alerts: int = 0
    failed: int = 0  # alerts a target still refused after its retries: dead letters (the DLQ file, if any)


def _format_text(article: Article, detections: list[Detection], origin: str) -> str:
    head = f"{origin} [{article.id}] {len(detections)} detection{'s' if len(detections) != 1 else ''}"
    lines = [head]
    for d in detections:
        extra = " ".join(x for x in (d.level, d.form) if x)
        actors = ", ".join(f"{a.text} ({a.role})" if a.role else a.text for a in d.actors)
        place = f" @ {d.location.text}" if d.location else ""
        when = f" {d.recency}{' ' + d.event_date if d.event_date else ''}"  # new | background, the event's date
        lines.append(f"  {d.type}/{d.status}{' ' + extra if extra else ''} conf={d.confidence:.2f}{when}"
                     f"{place} [{actors}]")
        lines.append(f"    “{d.evidence.text[:300]}”")
    return "\n".join(lines)


def _recorder(records: LocalRecords | None):
    """``alerts.settle``'s record step: the local history and DLQ files (nothing without them)."""
    def record(note: Notification, results, now: float, dead_letters: bool) -> None:
        if records is not None:
            records.record(note, results, now, dead_letters=dead_letters)
    return record


def scan(
    items: Iterable[Item],
    pipeline,
    config: Config | None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    output_format: str = "text",
    alerts_out: TextIO | None = None,
    metrics: Metrics | None = None,
    delivery_records: LocalRecords | None = None,
) -> ScanSummary:
    """Run detection (and alerting unless ``config`` is None) over ``items``; print per ``output_format``."""
    summary = ScanSummary()
    dispatcher = deliverer = None
    if config is not None:
        # retry window 0: a scan does not wait for an outage to heal (alerts.settle)
        dispatcher = Dispatcher(config, stories={}, log={}, silences=local_silences(config), retry_window=0.0)
        deliverer = Deliverer(config, console=alerts_out or (out if output_format == "text" else err))
    collected: list[dict] = []
    pending_notes: list[Notification] = []
    for batch in ready_batches(items, BATCH):  # one line of a slow pipe at a time, full batches from files
        started = time.perf_counter()
        for item in batch:
            if item.error is not None:
                summary.invalid += 1
                if metrics is not None:
                    metrics.record_invalid(item.error.code)
                print(f"wirewatch: {item.origin}: invalid article: {item.error.reason}", file=err)
        valid = [item for item in batch if item.article is not None]
        results = pipeline.detect_many([item.article for item in valid])
        if metrics is not None:
            metrics.time_stage("scan_batch", time.perf_counter() - started)
            for item, detections in zip(valid, results, strict=True):
                metrics.record_article(item.article.text)
                metrics.record_detections(detections)
        for item, detections in zip(valid, results, strict=True):
            summary.articles += 1
            summary.detections += len(detections)
            record = {"article_id": item.article.id, "detections": [d.to_dict() for d in detections]}
            if dispatcher is not None:
                now = time.time()
                for d, shown in zip(detections, record["detections"], strict=True):
                    decision = dispatcher.process(d, now)
                    shown["story_id"] = decision.story_id  # the story the router put it in (json/jsonl output)
                    pending_notes.extend(decision.notifications)
                    # in the outbox until settled below; in flight meanwhile, so nothing re-sends them
                    dispatcher.in_flight.update(note.key for note in decision.notifications)
                    if metrics is not None:
                        metrics.record_decision(decision, d.type,
                                                story_opened(dispatcher.stories, d.story_key, decision.story_id, now))
            if output_format == "jsonl":
                out.write(orjson.dumps(record).decode() + "\n")
            elif output_format == "json":
                collected.append(record)
            else:
                print(_format_text(item.article, detections, item.origin), file=out)
        out.flush()
    if output_format == "json":
        out.write(orjson.dumps(collected, option=orjson.OPT_INDENT_2).decode() + "\n")
    if dispatcher is not None and deliverer is not None:
        pending_notes.extend(dispatcher.due(float("inf")))
        if pending_notes and output_format == "text":
            print(f"\n=== {len(pending_notes)} alert{'s' if len(pending_notes) != 1 else ''} ===\n", file=out)
        for note in pending_notes:
            dispatcher.attempting(note)
            results = deliverer.deliver(note, dispatcher.retry_targets(note))
            settled = settle(dispatcher, note, results, time.time(), _recorder(delivery_records))
            dispatcher.in_flight.discard(note.key)
            summary.alerts += any(r.ok for r in results)
            summary.failed += settled == Settled.DEAD
            if metrics is not None:
                metrics.record_delivery(note, results)
            for r in results:
                if not r.ok:
                    print(f"wirewatch: alert {note.key} to {r.receiver} ({r.target}) failed: {r.error}", file=err)
        if summary.failed:
            where = f" (dead letters in {delivery_records.dlq.path})" if delivery_records is not None else ""
            print(f"wirewatch: {summary.failed} alert{'s' if summary.failed != 1 else ''} not delivered after "
                  f"retries{where}", file=err)
    return summary
