"""Offset guard: an agent sees every offset of each partition in order, from the committed offset on, or nothing.

Why (faust-streaming 0.15.3, faust#596, #216/#217): after an assignment the recovery service resumes the flow
for the changelogs, then resumes the stream partitions and awaits ``perform_seek()``. During that await the
fetcher already delivers stream messages from the prefetched batch into the agents' queues and advances its
read offset; right after the seek ``app.flow_control.resume()`` *clears* those queues (``clear_on_resume``), and
the rest of the stale batch pushes the read offset past the seek, so the fetcher's "offset < read offset →
DROPPED" filter discards the re-fetched messages. The agent sees e.g. @30..@39, then @135: 40..134 are never
processed in this process. If faust also records that jump as a "gap" (``Consumer._add_gap``, meant for
compacted topics and transaction markers) it later commits over it — the messages are LOST.

The fix, in our thin layer (the faust internals it touches are in ``streams/faust_compat.py``):

* ``OffsetGuard`` (pure): per partition, the next expected offset, starting from the group's committed offset.
  ``PROCESS`` the expected offset; ``DUPLICATE`` below it (already processed: a seek re-delivered it); ``GAP``
  above it.
* ``FaustOffsetGuard`` (adapter): on a gap the message is released without acking (``message.acked = True``:
  faust neither waits for nor commits it — the same trick as the DLQ halt), the partition is paused in faust's
  fetcher (its filter is live, so the rest of a stale batch is skipped rather than delivered), and shortly after
  the consumer is sought back to the expected offset and the partition resumed. Messages already queued behind
  the gap are dropped the same way until the expected offset arrives; when some still arrive after the resume
  (the fetcher works through a batch it fetched before the seek, and each raises faust's read offset past the
  re-fetch), the guard seeks again once they stop. No broker round trip sits in the agent's path: with one per
  jumped message (through faust's consumer thread, which also runs its fetch) a restart at load 7 worked through
  a stale batch at one message per ~1.5 s, re-seeking after each.
* The same race can drop the *tail* of a partition: when the stale batch held every message up to the end, no
  later message ever arrives to reveal the gap and the partition sits still — and when it held the whole rest of
  the partition, the agent admits nothing from it at all in this process. ``FaustOffsetGuard.watch`` (an app task)
  therefore asks the broker, not faust's fetcher: every assigned partition of a guarded topic that admitted
  nothing for ``STALL_S`` (since its assignment, its last admitted message or its last seek), whose topic's agent
  is not busy with a message, and whose log end offset is past the offset the agent expects next (the committed
  offset when it admitted nothing yet) has messages waiting that will never come: it is sought back the same way.
  A seek while messages were in fact still queued costs only a re-fetch (they come back as ``DUPLICATE``).
* ``Consumer._add_gap`` is disabled for the guarded topics (plain, non-compacted, non-transactional topics have
  no legitimate holes); a real hole — retention deleted the expected offsets — is recognised by the log start
  offset and then handed to faust's original ``_add_gap`` so commits move on.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiokafka.errors import KafkaError
from faust.types import TP

from streams import faust_compat

log = logging.getLogger("wirewatch.offsets")

SEEK_DELAY_S = 0.2  # paused this long before a seek: the fetcher finishes the batch in hand (its records skipped)
SEEK_ATTEMPTS = 5
STALL_S = 3.0  # nothing admitted for this long while the log holds more: a dropped tail
# A message in hand longer than this is not "the agent is busy" any more (a stuck delivery, a lost ack): the watch
# looks at its topic again. A seek back then costs only a re-fetch.
BUSY_S = 30.0
WATCH_INTERVAL_S = 1.0
COMMITTED_S = 10.0  # longest wait for the broker's committed offset of a partition (then: trust the first offset)


class Verdict(enum.Enum):
    PROCESS = "process"
    DUPLICATE = "duplicate"
    GAP = "gap"


@dataclass
class OffsetGuard:
    """Next expected offset per partition key. Pure: the caller feeds offsets and acts on the verdict."""

    _next: dict[Hashable, int] = field(default_factory=dict)
    gaps: int = 0
    duplicates: int = 0

    def known(self, key: Hashable) -> bool:
        return key in self._next

    def start(self, key: Hashable, committed: int | None) -> None:
        """Begin tracking ``key`` at the committed offset (None: nothing committed — the first offset seen)."""
        if committed is not None and committed >= 0:
            self._next[key] = committed

    def expected(self, key: Hashable) -> int | None:
        return self._next.get(key)

    def check(self, key: Hashable, offset: int) -> Verdict:
        expected = self._next.get(key)
        if expected is None or offset == expected:
            self._next[key] = offset + 1
            return Verdict.PROCESS
        if offset < expected:
            self.duplicates += 1
            return Verdict.DUPLICATE
        self.gaps += 1
        return Verdict.GAP

    def skip_to(self, key: Hashable, offset: int) -> None:
        """Accept a real hole (the log start moved past the expected offset): ``offset`` is next."""
        self._next[key] = offset

    def forget(self, keys: Iterable[Hashable] | None = None) -> None:
        if keys is None:
            self._next.clear()
        else:
            for key in keys:
                self._next.pop(key, None)


def stalled(expected: int | None, end_offset: int | None, idle_s: float, busy: bool,
            stall_s: float = STALL_S) -> bool:
    """A partition whose messages were dropped on the way: the log holds offsets from ``expected`` on (its end
    offset, the next offset to be written, is past it), yet the agent, not busy with a message, has admitted
    nothing from it for ``stall_s``."""
    return (expected is not None and end_offset is not None and end_offset > expected
            and not busy and idle_s >= stall_s)


class FaustOffsetGuard:
    """Apply an ``OffsetGuard`` to the events of faust agents: ``if not await guard.admit(event): continue``."""

    def __init__(self, app: Any, topics: Iterable[str]) -> None:
        self.app = app
        self.topics = frozenset(topics)
        self.guard = OffsetGuard()
        self._seeking: set[Any] = set()
        self._tasks: set[asyncio.Task] = set()
        self._in_hand: dict[Any, tuple[Any, float]] = {}  # tp -> (last admitted message, when)
        self._quiet_since: dict[Any, float] = {}  # tp -> its assignment, last admitted message or last seek
        self._stale: dict[Any, int] = {}  # tp -> jumped messages dropped while a seek was under way
        app.on_partitions_revoked.connect(self._on_revoked)
        app.on_partitions_assigned.connect(self._on_assigned)
        _guard_gaps(self)

    async def _on_revoked(self, sender: Any, revoked: Any, **kwargs: Any) -> None:
        self._forget([TP(tp.topic, tp.partition) for tp in revoked])

    async def _on_assigned(self, sender: Any, assigned: Any, **kwargs: Any) -> None:
        tps = [TP(tp.topic, tp.partition) for tp in assigned]
        self._forget(tps)
        now = time.monotonic()
        self._quiet_since.update({tp: now for tp in tps if tp.topic in self.topics})

    def _forget(self, tps: list[Any]) -> None:
        self.guard.forget(tps)
        for tp in tps:
            self._in_hand.pop(tp, None)
            self._quiet_since.pop(tp, None)
            self._stale.pop(tp, None)

    async def _track(self, tp: Any) -> bool:
        """Start tracking ``tp`` at the group's committed offset unless it is tracked already; True if tracked."""
        if not self.guard.known(tp):
            committed = await self._committed(tp)
            if not self.guard.known(tp):  # another task may have started it meanwhile: keep its position
                self.guard.start(tp, committed)
        return self.guard.known(tp)

    async def admit(self, event: Any) -> bool:
        """True: process this event. False: it was released unacked (not committed); skip it."""
        message = event.message
        tp = TP(message.topic, message.partition)  # faust's own TP (message.tp may be aiokafka's)
        if tp.topic not in self.topics:
            return True
        await self._track(tp)
        verdict = self.guard.check(tp, message.offset)
        if verdict is Verdict.PROCESS:
            self._in_hand[tp] = (message, time.monotonic())
            self._quiet_since[tp] = time.monotonic()
            return True
        faust_compat.release(message)  # never committed, faust does not wait for it
        if verdict is Verdict.DUPLICATE:
            log.debug("offset guard: %s[%d]@%d already processed", tp.topic, tp.partition, message.offset)
            return False
        if tp in self._seeking:
            self._stale[tp] = self._stale.get(tp, 0) + 1  # the rest of a stale batch: the seek looks at this
            return False
        # No round trip here: the agent drains the rest of a stale batch at once (see the module docstring).
        log.warning("offset guard: %s[%d] jumped from %d to %d (faust recovery race): seeking back",
                    tp.topic, tp.partition, self.guard.expected(tp), message.offset)
        self._seek_back(tp)
        return False

    async def watch(self) -> None:
        """Run as an app task: seek back partitions whose tail was dropped (see the module docstring)."""
        while True:
            await asyncio.sleep(WATCH_INTERVAL_S)
            try:
                await self.check_stalled(time.monotonic())
            except (OSError, TimeoutError, KafkaError) as exc:  # the broker is away: look again next time
                log.debug("offset guard: watch skipped (%s)", exc)
            except Exception:  # a watchdog never takes the worker down
                log.exception("offset guard: watch failed")

    def quiet(self, now: float) -> list[Any]:
        """The assigned partitions of guarded topics that admitted nothing for ``STALL_S`` while their agent was
        not busy — candidates for a dropped tail (the broker's end offsets decide)."""
        consumer = self.app.consumer
        paused = faust_compat.paused_partitions(consumer)  # e.g. halted on a DLQ flood: leave it alone
        busy = {tp.topic for tp, (message, at) in self._in_hand.items()
                if not message.acked and now - at < BUSY_S}
        found = []
        for assigned in consumer.assignment():
            tp = TP(assigned.topic, assigned.partition)
            if tp.topic not in self.topics or tp.topic in busy or tp in self._seeking or tp in paused:
                continue
            since = self._quiet_since.setdefault(tp, now)
            if now - since >= STALL_S:
                found.append(tp)
        return found

    async def check_stalled(self, now: float) -> list[Any]:
        """Seek back every quiet partition whose log holds offsets its agent never got; returns them."""
        candidates = self.quiet(now)
        if not candidates:
            return []
        ends = await self.app.consumer.highwaters(*candidates)
        sought = []
        for tp in candidates:
            if not await self._track(tp):
                continue  # nothing committed: the first offset faust delivers starts the partition
            if tp in self._seeking:  # a jump started one while we asked the broker
                continue
            expected, end = self.guard.expected(tp), ends.get(tp)
            if stalled(expected, end, now - self._quiet_since.get(tp, now), busy=False):  # quiet(): not busy
                log.warning("offset guard: %s[%d] holds offsets up to %d but nothing from %d on arrived for "
                            "%.0f s (faust recovery race): seeking back", tp.topic, tp.partition, end - 1,
                            expected, now - self._quiet_since[tp])
                self._quiet_since[tp] = now  # one seek per stall period
                self._seek_back(tp)
                sought.append(tp)
            else:
                self._quiet_since[tp] = now  # caught up: look again after another quiet period
        return sought

    def _seek_back(self, tp: Any) -> None:
        if tp in self._seeking:
            return
        consumer = self.app.consumer
        consumer.pause_partitions({tp})
        self._seeking.add(tp)

        async def seek() -> None:
            paused = True
            try:
                # paused: faust skips the rest of a stale batch in hand, and a delivery in flight lands now
                await asyncio.sleep(SEEK_DELAY_S)
                await self._skip_deleted(tp)  # once per seek: a broker round trip
                for _ in range(SEEK_ATTEMPTS):
                    expected = self.guard.expected(tp)
                    if expected is None or tp not in consumer.assignment():
                        return
                    # in the consumer's thread, as faust's own recovery seeks: aiokafka position + faust read offset
                    await consumer.seek_wait({tp: expected})
                    # Resume at once: records aiokafka hands out while faust has the partition paused are skipped by
                    # faust yet count as consumed, so a re-fetch arriving during a pause would be lost.
                    stale = self._stale.get(tp, 0)
                    consumer.resume_partitions({tp})
                    paused = False
                    await asyncio.sleep(SEEK_DELAY_S)
                    # Messages of a batch fetched before the seek still arriving (the fetcher works through a batch
                    # before it fetches again) set faust's read offset past the re-fetch, which it would drop: seek
                    # again once they stop. A stray one after this is the watch's (STALL_S).
                    if self._stale.get(tp, 0) == stale and self.guard.expected(tp) is not None:
                        return
                    consumer.pause_partitions({tp})
                    paused = True
            finally:
                self._seeking.discard(tp)
                self._quiet_since[tp] = time.monotonic()  # the re-fetch gets a quiet period before the watch looks
                if paused:
                    consumer.resume_partitions({tp})

        task = asyncio.ensure_future(seek())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _skip_deleted(self, tp: Any) -> None:
        """When retention deleted the expected offsets of ``tp``, expect the log start instead (faust may then
        commit over the hole: its original ``_add_gap``)."""
        expected = self.guard.expected(tp)
        if expected is None:
            return
        earliest = (await self.app.consumer.earliest_offsets(tp)).get(tp)
        if earliest is not None and earliest > expected:
            log.warning("offset guard: %s[%d] offsets %d..%d were deleted by retention; going on from %d",
                        tp.topic, tp.partition, expected, earliest - 1, earliest)
            await faust_compat.add_gap(self.app.consumer, tp, expected, earliest - 1)
            self.guard.skip_to(tp, earliest)

    async def _committed(self, tp: Any) -> int | None:
        """The group's committed offset for ``tp`` (None when nothing is committed or the broker is away): the one
        faust read when it sought after the assignment — no round trip —, else asked of the broker."""
        known = faust_compat.known_committed(self.app.consumer).get(tp)
        if isinstance(known, int) and known > 0:
            return known
        try:
            committed = await asyncio.wait_for(faust_compat.committed_offset(self.app.consumer, tp), COMMITTED_S)
        except (AttributeError, RuntimeError, OSError, TimeoutError, KafkaError) as exc:
            log.warning("offset guard: committed offset of %s unknown (%s): trusting the first offset", tp, exc)
            return None
        return committed if isinstance(committed, int) and committed >= 0 else None


def _guard_gaps(guard: FaustOffsetGuard) -> None:
    """Stop faust from recording holes (and committing over them) on the guarded topics. Documented above."""

    def skipped(tp: Any, offset_from: int, offset_to: int) -> None:
        log.warning("offset guard: faust saw a hole in %s[%d] %d..%d; not committing over it",
                    tp.topic, tp.partition, offset_from, offset_to)

    faust_compat.filter_gaps(lambda tp: tp.topic in guard.topics, skipped)
