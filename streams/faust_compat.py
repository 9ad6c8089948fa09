"""Every faust / aiokafka internal Wirewatch relies on, in one module (re-check all of it on any upgrade).

Checked against faust-streaming 0.15.3, aiokafka 0.14.0 and mode-streaming 0.7.1 (pyproject.toml pins the trio
below their next minor). Nothing else in ``streams/`` touches a private name of faust or aiokafka; what each
helper stands in for, and why we need it, is said next to it. ``tests/unit/streams/test_faust_compat.py`` checks
that the names still exist; ``tests/integration`` and ``tests/reliability`` cover the behaviour through a worker.

* ``in_partition_of(event)`` — faust writes a table change to the changelog partition of the *current event*, a
  context variable (``faust.streams._current_event``) a stream sets while an agent handles the event. The route
  agent settles a delivery in a task of its own, after it moved on: this makes that event current again there.
* ``release(message)`` — ``message.acked = True`` without ``Consumer.ack``: faust neither waits for the message
  (a SIGTERM or a rebalance goes on) nor commits its offset, so it is read again after a restart.
* ``release_unacked(consumer, topic)`` — the same for every message of ``topic`` faust still holds
  (``Consumer._unacked_messages``): the DLQ halt.
* ``paused_partitions(consumer)`` — the partitions paused in faust's fetcher (``Consumer._paused_partitions``).
* ``committed_offset(consumer, tp)`` — the group's committed offset, asked of aiokafka in faust's consumer thread
  (``Consumer._thread``, ``ConsumerThread._ensure_consumer``); ``known_committed(consumer)`` — what faust itself
  holds (``Consumer._committed_offset``: read from the broker when it sought to the committed offsets after an
  assignment, then what it committed since; the next offset to read, as Kafka's).
* ``filter_gaps(should_skip)`` — wraps ``faust.transport.consumer.Consumer._add_gap`` (faust records a hole in
  the offsets and later commits over it); ``add_gap(consumer, …)`` calls faust's original.
* ``PromptTableManager`` — faust's ``TableManager`` (the app's ``TableManager`` setting) without the fixed 1 s
  pause its ``on_start`` takes before ``_update_channels()`` and the recovery: a second of every start, and of
  every recovery after a crash. The pause leaves room for tables declared while the app starts; Wirewatch declares
  both of its tables in ``create_app``, before the worker starts (a table declared later fails loudly in faust:
  "Too late to add tables at this point").
* ``EarlyTasksApp`` — faust's ``App`` that also starts the coroutines registered with ``early_task`` when it starts
  (``on_start``, a mode ``Service`` hook; their futures are the app's, stopped with it), beside the consumer's group
  join and the tables' recovery. faust starts ``app.task`` coroutines only after the recovery: the silences
  follower (its own consumer; the route agent waits for it) then took ~0.5 s after "Worker: Ready", on the way to
  the first alert after a crash.
* ``prompt_fetches(max_wait_ms)`` — faust's worker consumer with aiokafka's ``fetch_max_wait_ms`` set to
  ``max_wait_ms`` instead of the 1500 faust hard-codes (``AIOKafkaConsumerThread._create_worker_consumer``).
  aiokafka keeps one fetch in flight per broker, and the broker holds a fetch whose partitions have nothing new
  for up to that long. During the tables' recovery only the changelogs are fetched (at their end: nothing new), so
  the articles and detections, resumed once the recovery is done, waited up to 1.5 s behind that fetch — 1.0-1.4 s
  after "Worker: Ready" in each restart of the SIGKILL test; the offset guard's seek back (the partition paused)
  waited behind one the same way.
* ``without_discovery_marks()`` — inside the block, faust's decorators (``app.agent``, ``task``, ``timer``,
  ``page``, ``service``) register without venusian's discovery mark (``faust.utils.venusian.attach``): each mark
  inspects the caller's frame, and ``inspect.getmodule`` then takes the real path of every loaded module — 0.09 s
  of ``create_app``'s 0.17 s CPU, on the way to the first alert after a crash. The marks serve only
  ``app.discover()`` (autodiscovery), which Wirewatch does not use.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import faust
from faust import streams as _faust_streams
from faust.tables import TableManager

CHECKED_AGAINST = {"faust-streaming": "0.15.3", "aiokafka": "0.14.0", "mode-streaming": "0.7.1"}


@contextmanager
def in_partition_of(event: Any) -> Iterator[None]:
    """Make ``event`` faust's current event inside the block: table writes go to its changelog partition."""
    token = _faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _faust_streams._current_event.reset(token)


def release(message: Any) -> None:
    """Let faust forget ``message`` without acking it: never committed, never waited for."""
    message.acked = True


def release_unacked(consumer: Any, topic: str) -> int:
    """Release every message of ``topic`` faust holds unacked (in flight or buffered); returns how many."""
    released = 0
    for message in list(consumer._unacked_messages):
        if message.topic == topic:
            release(message)
            released += 1
    return released


def paused_partitions(consumer: Any) -> set[Any]:
    """The partitions paused in faust's fetcher (e.g. a halt, or the offset guard seeking back)."""
    return getattr(consumer, "_paused_partitions", None) or set()


def known_committed(consumer: Any) -> Mapping[Any, Any]:
    """The committed offset faust holds per partition (None or absent when it has none)."""
    return getattr(consumer, "_committed_offset", None) or {}


async def committed_offset(consumer: Any, tp: Any) -> Any:
    """The group's committed offset of ``tp`` from aiokafka (None, -1 or an int); raises when it is unknown
    (AttributeError when faust's consumer thread is not there, or aiokafka's errors)."""
    thread = consumer._thread
    aio = thread._ensure_consumer()
    return await thread.call_thread(aio.committed, tp)


_AddGap = Callable[[Any, Any, int, int], Awaitable[None]]
_original_add_gap: _AddGap | None = None
_gap_filters: list[tuple[Callable[[Any], bool], Callable[[Any, int, int], None]]] = []


def filter_gaps(should_skip: Callable[[Any], bool], on_skip: Callable[[Any, int, int], None]) -> None:
    """From now on faust records no hole in a partition ``tp`` for which ``should_skip(tp)`` holds (it calls
    ``on_skip(tp, from, to)`` instead); other partitions keep faust's behaviour. Installed once per process."""
    global _original_add_gap
    from faust.transport.consumer import Consumer

    if _original_add_gap is None:
        _original_add_gap = Consumer._add_gap

        async def _add_gap(self: Any, tp: Any, offset_from: int, offset_to: int) -> None:
            for skip, skipped in _gap_filters:
                if skip(tp):
                    skipped(tp, offset_from, offset_to)
                    return
            await add_gap(self, tp, offset_from, offset_to)

        Consumer._add_gap = _add_gap  # type: ignore[method-assign]
    _gap_filters.append((should_skip, on_skip))


async def add_gap(consumer: Any, tp: Any, offset_from: int, offset_to: int) -> None:
    """faust's own ``Consumer._add_gap``: a real hole (retention deleted the offsets), commits may move on."""
    from faust.transport.consumer import Consumer

    original = _original_add_gap or Consumer._add_gap
    await original(consumer, tp, offset_from, offset_to)


class PromptTableManager(TableManager):
    """faust's table manager, starting its tables' changelog channels and recovery at once (see the docstring)."""

    async def on_start(self) -> None:
        if not self.should_stop:
            await self._update_channels()
            await self.recovery.start()


class EarlyTasksApp(faust.App):
    """faust's App, starting its ``early_task`` coroutines when it starts (see the docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.early_tasks: list[Callable[[], Awaitable[None]]] = []

    def early_task(self, fn: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """Start ``fn()`` when the app starts, before its consumer joins the group (not after the recovery)."""
        self.early_tasks.append(fn)
        return fn

    async def on_start(self) -> None:
        await super().on_start()
        for fn in self.early_tasks:
            self.add_future(fn())


_fetch_wait: dict[str, int] = {}  # "max_wait_ms" once prompt_fetches is installed


def prompt_fetches(max_wait_ms: int) -> None:
    """From now on faust's worker consumers fetch with ``fetch_max_wait_ms=max_wait_ms`` (see the docstring);
    installed once per process, a later call changes the value."""
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    if not _fetch_wait:
        create = AIOKafkaConsumerThread._create_worker_consumer

        def _create_worker_consumer(self: Any, transport: Any) -> Any:
            consumer = create(self, transport)
            consumer._fetch_max_wait_ms = _fetch_wait["max_wait_ms"]  # read by its Fetcher, made in start()
            return consumer

        AIOKafkaConsumerThread._create_worker_consumer = _create_worker_consumer  # type: ignore[method-assign]
    _fetch_wait["max_wait_ms"] = max_wait_ms


def _no_mark(*args: Any, **kwargs: Any) -> None:
    return None


@contextmanager
def without_discovery_marks() -> Iterator[None]:
    """faust's decorators inside the block leave no venusian mark (see the docstring)."""
    from faust.utils import venusian

    original = venusian.attach
    venusian.attach = _no_mark  # type: ignore[assignment]
    try:
        yield
    finally:
        venusian.attach = original  # type: ignore[assignment]
