"""The faust/aiokafka internals Wirewatch relies on still exist, and the helpers over them do what they say."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import faust
from faust.transport.consumer import Consumer, ConsumerThread

from streams import faust_compat


def test_the_private_names_are_still_there() -> None:
    """An upgrade of faust-streaming / aiokafka that drops one of them fails here first (pyproject pins them)."""
    from faust import streams

    assert hasattr(streams, "_current_event")
    assert inspect.iscoroutinefunction(Consumer._add_gap)
    source = inspect.getsource(Consumer) + inspect.getsource(ConsumerThread)
    for name in ("_unacked_messages", "_paused_partitions", "_committed_offset"):
        assert name in source, name
    from faust.transport.drivers import aiokafka

    assert callable(aiokafka.AIOKafkaConsumerThread._ensure_consumer)  # committed_offset asks it, in its thread
    assert "self._thread" in inspect.getsource(aiokafka)


def test_an_event_made_current_is_faust_current_event_inside_the_block_only() -> None:
    class Event:
        pass

    event = Event()

    async def scenario() -> tuple[Any, Any]:
        with faust_compat.in_partition_of(event):
            inside = faust.current_event()
        return inside, faust.current_event()

    inside, after = asyncio.run(scenario())
    assert inside is event and after is None


class _Message:
    def __init__(self, topic: str) -> None:
        self.topic, self.acked = topic, False


class _Consumer:
    def __init__(self, messages: list[_Message]) -> None:
        self._unacked_messages = set(messages)


def test_release_unacked_releases_only_the_messages_of_that_topic() -> None:
    articles, detections = _Message("articles"), _Message("detections")
    assert faust_compat.release_unacked(_Consumer([articles, detections]), "articles") == 1
    assert articles.acked and not detections.acked


def test_paused_partitions_are_empty_before_faust_has_any() -> None:
    assert faust_compat.paused_partitions(object()) == set()


def test_the_prompt_table_manager_does_what_faust_does_at_start_without_the_pause() -> None:
    """faust's TableManager.on_start is a 1 s sleep, then these two steps; an upgrade that changes it fails here."""
    from faust.tables import TableManager

    faust_steps = [line.strip() for line in inspect.getsource(TableManager.on_start).splitlines()[2:]]
    assert faust_steps == ["await self.sleep(1.0)", "if not self.should_stop:", "await self._update_channels()",
                           "await self.recovery.start()"]
    ours = [line.strip() for line in inspect.getsource(faust_compat.PromptTableManager.on_start).splitlines()[1:]]
    assert ours == faust_steps[1:]
    app = faust.App("prompt-tables-test", TableManager=faust_compat.PromptTableManager)
    assert isinstance(app.tables, faust_compat.PromptTableManager)


def test_early_tasks_run_from_the_apps_on_start_as_its_futures() -> None:
    """faust starts ``app.task`` coroutines after the tables' recovery; an early task starts in ``on_start``, before
    the app's children (the consumer's group join), and is one of the app's futures (stopped with it)."""
    app = faust_compat.EarlyTasksApp("early-tasks-test", broker="kafka://127.0.0.1:1")
    ran: list[str] = []

    @app.early_task
    async def follow() -> None:
        ran.append("follow")
        await asyncio.sleep(3600)

    assert app.early_tasks == [follow]

    async def start() -> None:
        await app.on_start()
        await asyncio.sleep(0.01)
        assert ran == ["follow"]
        futures = list(app._futures)
        assert len(futures) == 1 and not futures[0].done()
        futures[0].cancel()

    asyncio.run(start())


def test_without_discovery_marks_faust_registers_without_venusian_and_puts_it_back(monkeypatch) -> None:
    from faust.app import base
    from faust.utils import venusian

    assert "venusian.attach(" in inspect.getsource(base)  # faust calls it through the module: the swap applies
    marks: list[Any] = []
    monkeypatch.setattr(venusian, "attach", lambda *args, **kwargs: marks.append(args))
    app = faust.App("no-marks-test")

    async def quiet() -> None: ...

    async def marked() -> None: ...

    with faust_compat.without_discovery_marks():
        app.task(quiet)
    assert marks == [] and len(app._app_tasks) == 1
    app.task(marked)
    assert len(marks) == 1 and len(app._app_tasks) == 2


def test_prompt_fetches_sets_the_worker_consumers_fetch_wait_and_a_later_call_changes_it() -> None:
    """faust hard-codes fetch_max_wait_ms=1500 for its worker consumer; a restart's first articles waited behind it."""
    from streams.settings import FETCH_MAX_WAIT_MS

    async def scenario() -> list[int]:
        app = faust.App("wirewatch-fetch-wait-probe", broker="kafka://127.0.0.1:1", store="memory://")
        thread = app.consumer._thread
        waits = []
        for wait in (123, FETCH_MAX_WAIT_MS):  # ends on the worker's value: other tests may build apps here
            faust_compat.prompt_fetches(wait)
            consumer = thread._create_worker_consumer(app.transport)  # not started: no broker needed
            waits.append(consumer._fetch_max_wait_ms)
            await consumer.stop()
        return waits

    assert asyncio.run(scenario()) == [123, FETCH_MAX_WAIT_MS]
    assert FETCH_MAX_WAIT_MS < 1500
