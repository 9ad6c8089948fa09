"""Delivery beside routing: lanes per receiver, a settled record per alert, the message acked after its alerts.

The route agent records a notification in the outbox and hands it here (``DeliveryLanes.launch``), then goes on
with the next message. Each receiver has a lane of at most ``worker.delivery_concurrency`` alerts in flight —
from the attempt until the alert is settled, so a crash can send at most that many twice —, so a slow or failing
target never holds up the others; the whole worker holds at most ``DELIVERY_BACKLOG``
(backpressure on the route agent). The message that produced the notifications is acked only once every one is
settled ('sent' or retry-later on the changelog, in that message's partition): a commit never passes an alert
that was not recorded, a SIGTERM or a rebalance waits for the deliveries in flight (faust's ``wait_empty``), and
a crash re-sends from the outbox after the restart (at-least-once: see ``settle``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import Executor
from typing import Any

from alerts.settle import Step, plan
from alerts.vocabulary import Settled
from streams.faust_compat import in_partition_of

log = logging.getLogger("wirewatch.worker")

DELIVERY_BACKLOG = 256  # alerts in flight per worker before the route agent waits (backpressure)


def all_accepted(results: Any) -> bool:
    """Every target accepted the alert (and there was at least one)."""
    return bool(results) and all(r.ok for r in results)


def failed_targets(results: Any) -> set[str]:
    return {r.target for r in results if not r.ok}


class DeliveryLanes:
    """Deliver notifications concurrently per receiver and settle each one (see the module docstring)."""

    def __init__(self, *, concurrency: int, dispatcher: Any, deliverer: Any, log_writes: Any, records: Any,
                 metrics: Any, pool: Executor, backlog: int = DELIVERY_BACKLOG) -> None:
        self.concurrency = concurrency
        self.dispatcher = dispatcher
        self.deliverer = deliverer
        self.log_writes = log_writes  # streams.table_writes.ChangelogWrites of the alert log
        self.records = records  # streams.delivery_log.KafkaRecords: history and alerts.dlq topics
        self.metrics = metrics
        self.pool = pool  # blocking apprise calls run here
        self.lanes: dict[str, asyncio.Semaphore] = {}
        self.backlog = asyncio.Semaphore(backlog)
        self.settling: set[asyncio.Task] = set()

    async def settle(self, note: Any, results: Any) -> None:
        """After a delivery: record it and let the outbox go, awaiting each write — the steps and their order are
        ``alerts.settle.plan``'s, the same lifecycle ``wirewatch scan`` runs.

        A crash after the target accepted an alert but before its 'sent' record reaches the changelog sends it
        again after the restart (at-least-once; tests/reliability measure how often). So when every target
        accepted it, 'sent' is sent first — the double window is one produce round trip — and the history
        record right behind it, both awaited at once (one round trip, not two: the lane is held meanwhile, and
        under load the second trip made the lanes the bottleneck); a crash between the two acks can leave a
        history record for an alert the restart sends again — the history then shows both sends. When a target
        failed, the alerts.dlq record goes first, awaited alone, so a crash in between can only deliver again,
        never lose the dead letter."""
        now = time.time()
        settled, steps = plan(self.dispatcher, note, results, now)
        if steps == (Step.RELEASE, Step.RECORD):
            self.dispatcher.delivered(note)  # the 'sent' changelog write leaves here, before the history record
            await asyncio.gather(self.log_writes.written(note.log_key),
                                 self.records.record(note, results, now, dead_letters=True))
            return
        for step in steps:
            if step is Step.RELEASE:
                self.dispatcher.delivered(note)
                await self.log_writes.written(note.log_key)
            else:
                await self.records.record(note, results, now, dead_letters=step is Step.RECORD)
        if settled is Settled.RETRYING:
            # an outage heals by itself: the alert stays in the outbox and a tick tries the failed targets again
            await self.log_writes.written(note.log_key)
            log.warning("alert %s to %s failed; trying again later", note.key, note.receiver,
                        extra={"story_id": note.story_id, "receiver": note.receiver})

    async def deliver_one(self, event: Any, note: Any, timer: bool) -> None:
        loop = asyncio.get_running_loop()
        lane = self.lanes.setdefault(note.receiver, asyncio.Semaphore(self.concurrency))
        try:
            await self.log_writes.written(note.log_key)  # the attempt is on record before any target can have it
            # The lane is held until the alert is settled: an alert a target accepted but whose 'sent' record is not
            # yet on the changelog is what a crash sends twice, so a receiver never has more than
            # ``concurrency`` of them — the bound on doubles per crash, whatever the load.
            async with lane:
                t0 = time.perf_counter()
                results = await loop.run_in_executor(self.pool, self.deliverer.deliver, note,
                                                     self.dispatcher.retry_targets(note))
                t1 = time.perf_counter()
                self.metrics.time_stage("deliver", t1 - t0)
                with in_partition_of(event):
                    await self.settle(note, results)  # 'sent' on the changelog, history; failures retried, then dlq
                self.metrics.time_stage("settle", time.perf_counter() - t1)
            self.metrics.record_delivery(note, results)
            for r in results:
                log.info("alert %s%s story=%s receiver=%s target=%s ok=%s attempts=%d", note.kind,
                         " (timer)" if timer else "", note.story_id, r.receiver, r.target, r.ok, r.attempts,
                         extra={"article_id": note.detection.article_id, "story_key": note.detection.story_key,
                                "story_id": note.story_id, "receiver": r.receiver})
        finally:
            self.dispatcher.in_flight.discard(note.key)
            self.backlog.release()

    async def launch(self, event: Any, notes: list[Any], timer: bool = False) -> None:
        """Deliver ``notes`` concurrently; ack ``event`` when all are settled (at once when there are none)."""
        if not notes:
            event.ack()
            return
        tasks = []
        for note in notes:
            await self.backlog.acquire()
            self.dispatcher.in_flight.add(note.key)
            self.dispatcher.attempting(note)  # in this event's partition: a re-send after a crash says so
            tasks.append(asyncio.ensure_future(self.deliver_one(event, note, timer)))

        async def ack_when_settled() -> None:
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
            errors = [o for o in outcomes if isinstance(o, BaseException)]
            if errors:  # not acked: the outbox still holds the notification; a restart delivers it again
                log.error("delivery of %d alert(s) failed unexpectedly: %r", len(errors), errors[0])
                return
            event.ack()

        task = asyncio.ensure_future(ack_when_settled())
        self.settling.add(task)
        task.add_done_callback(self.settling.discard)
