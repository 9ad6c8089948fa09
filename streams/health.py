"""The worker's observability surface on faust's web server: ``/metrics``, ``/healthz``, ``/readyz``.

Background work, never on the hot path:

* a heartbeat task ticks every second; its drift is the event-loop lag, its age tells ``/healthz`` the loop
  still runs;
* a lag poller asks the broker (kafka-python admin, in a thread) for the group's committed offsets and the
  log end offsets of the consumed topics every few seconds; a successful poll also proves the broker is
  reachable for ``/readyz``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from streams.kafka_clients import Bootstrap, kafka_python
from streams.metrics import CONTENT_TYPE_LATEST, Metrics

log = logging.getLogger("wirewatch.health")

HEARTBEAT_S = 1.0
HEALTHY_WITHIN_S = 10.0     # /healthz fails when the heartbeat is older than this
LAG_POLL_S = 5.0
BROKER_FRESH_S = 30.0       # /readyz fails when the broker has not answered for this long


@dataclass
class HealthState:
    started: float = field(default_factory=time.monotonic)
    last_beat: float = field(default_factory=time.monotonic)
    loop_lag_s: float = 0.0
    broker_ok_at: float | None = None
    broker_error: str | None = None
    halted: str | None = None   # why the worker stopped consuming (a flood of invalid input); never cleared

    def healthy(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        return now - self.last_beat <= HEALTHY_WITHIN_S

    def broker_reachable(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        return self.broker_ok_at is not None and now - self.broker_ok_at <= BROKER_FRESH_S


def consumer_lag(admin: Any, group: str, topics: Sequence[str]) -> dict[tuple[str, int], int]:
    """End offset minus committed offset for every partition of ``topics``; blocking (kafka-python admin).

    A partition the group never committed counts from its earliest offset: everything there is still to do.
    """
    from kafka import TopicPartition
    from kafka.admin import OffsetSpec

    partitions = [TopicPartition(t.get("name") or t.get("topic"), p.get("partition_index", p.get("partition")))
                  for t in admin.describe_topics(list(topics)) if not t.get("error_code")
                  for p in t.get("partitions") or []]
    if not partitions:
        return {}
    committed = admin.list_group_offsets({group: partitions}).get(group, {})
    latest = admin.list_partition_offsets({tp: OffsetSpec.LATEST for tp in partitions})
    missing = [tp for tp in partitions if tp not in committed or committed[tp].offset < 0]
    earliest = admin.list_partition_offsets({tp: OffsetSpec.EARLIEST for tp in missing}) if missing else {}
    lag = {}
    for tp in partitions:
        done = committed[tp].offset if tp not in earliest else earliest[tp].offset
        lag[(tp.topic, tp.partition)] = latest[tp].offset - done
    return lag


def install(app: Any, metrics: Metrics, *, bootstrap: Bootstrap, group: str, topics: Sequence[str]) -> HealthState:
    """Register the web views and the background tasks on a faust ``app``."""
    state = HealthState()

    @app.page("/metrics")
    async def metrics_view(web: Any, request: Any) -> Any:
        return web.bytes(metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        ok = state.healthy()
        return web.json({"status": "ok" if ok else "stalled", "event_loop_lag_seconds": round(state.loop_lag_s, 4),
                         "uptime_seconds": round(time.monotonic() - state.started, 1)},
                        status=200 if ok else 503)

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        assigned = assigned_counts(app, topics)
        problems = []
        if not state.broker_reachable():
            problems.append(f"broker not reachable: {state.broker_error or 'no answer yet'}")
        if not sum(assigned.values()):
            problems.append("no partitions assigned")
        if state.halted:
            problems.append(f"halted: {state.halted}")
        return web.json({"status": "ready" if not problems else "not ready", "partitions": assigned,
                         "problems": problems}, status=200 if not problems else 503)

    @app.task
    async def heartbeat() -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(HEARTBEAT_S)
            state.last_beat = time.monotonic()
            state.loop_lag_s = max(0.0, state.last_beat - before - HEARTBEAT_S)
            metrics["event_loop_lag_seconds"].set(state.loop_lag_s)

    @app.task
    async def lag_poller() -> None:
        from kafka.admin import KafkaAdminClient
        from kafka.errors import KafkaError

        loop = asyncio.get_running_loop()
        admin = None
        try:
            while True:
                try:
                    if admin is None:
                        admin = await loop.run_in_executor(None, lambda: KafkaAdminClient(
                            **kafka_python(bootstrap), client_id=f"{group}-lag", request_timeout_ms=10_000))
                    lag = await loop.run_in_executor(None, consumer_lag, admin, group, list(topics))
                    metrics.set_lag(lag)
                    state.broker_ok_at, state.broker_error = time.monotonic(), None
                except (KafkaError, OSError) as exc:
                    if state.broker_error is None:
                        log.warning("consumer lag poll failed: %s", exc)
                    state.broker_error = type(exc).__name__
                metrics.set_assigned(assigned_counts(app, topics))
                await asyncio.sleep(LAG_POLL_S)
        finally:
            if admin is not None:
                admin.close()

    metrics["worker_halted"].set(0)
    return state


def halted(app: Any, reason: str) -> None:
    """Record that the worker stopped consuming: ``/readyz`` fails and ``wirewatch_worker_halted`` is 1."""
    state: HealthState | None = getattr(app, "wirewatch_health", None)
    metrics: Metrics | None = getattr(app, "wirewatch_metrics", None)
    if state is not None:
        state.halted = reason
    if metrics is not None:
        metrics["worker_halted"].set(1)


def assigned_counts(app: Any, topics: Sequence[str]) -> dict[str, int]:
    counts = dict.fromkeys(topics, 0)
    try:
        assignment = app.consumer.assignment()
    except (AttributeError, RuntimeError):  # consumer not started yet
        return counts
    for tp in assignment:
        if tp.topic in counts:
            counts[tp.topic] += 1
    return counts
