"""The offset guard's pure logic: every offset of a partition once, in order, from the committed offset on."""

from __future__ import annotations

from collections import defaultdict

from faust.types import TP
from hypothesis import given
from hypothesis import strategies as st
from intervaltree import IntervalTree

from streams.offset_guard import OffsetGuard, Verdict

P = ("articles", 0)


def test_in_order_from_the_committed_offset() -> None:
    g = OffsetGuard()
    g.start(P, 30)
    assert [g.check(P, o) for o in (30, 31, 32)] == [Verdict.PROCESS] * 3
    assert g.expected(P) == 33


def test_the_recovery_race_jump_is_a_gap_until_the_expected_offset_comes_back() -> None:
    g = OffsetGuard()
    g.start(P, 30)
    for o in range(30, 40):
        assert g.check(P, o) is Verdict.PROCESS
    # faust cleared 40..134 from the queue and the fetcher dropped their re-fetch: 135 arrives
    assert g.check(P, 135) is Verdict.GAP
    assert g.check(P, 136) is Verdict.GAP  # still queued behind it: dropped too
    assert g.expected(P) == 40
    # after the seek back: 40 onwards, then the stale ones again in order
    assert [g.check(P, o) for o in range(40, 137)] == [Verdict.PROCESS] * 97
    assert g.gaps == 2


def test_a_rewind_redelivers_what_was_processed_it_is_not_processed_twice() -> None:
    g = OffsetGuard()
    g.start(P, 30)
    for o in range(30, 34):
        g.check(P, o)
    assert [g.check(P, o) for o in (30, 31, 32, 33)] == [Verdict.DUPLICATE] * 4
    assert g.check(P, 34) is Verdict.PROCESS


def test_the_first_offset_above_the_committed_one_is_a_gap() -> None:
    g = OffsetGuard()
    g.start(P, 30)
    assert g.check(P, 63) is Verdict.GAP


def test_nothing_committed_trusts_the_first_offset_and_partitions_are_independent() -> None:
    g = OffsetGuard()
    g.start(P, None)
    assert g.check(P, 7) is Verdict.PROCESS
    assert g.check(("articles", 1), 500) is Verdict.PROCESS
    assert g.check(P, 8) is Verdict.PROCESS


def test_forget_on_rebalance_and_skip_a_real_hole() -> None:
    g = OffsetGuard()
    g.start(P, 10)
    g.check(P, 10)
    g.forget([P])
    assert not g.known(P)
    g.start(P, 5)
    assert g.check(P, 9) is Verdict.GAP
    g.skip_to(P, 9)  # retention deleted 5..8
    assert g.check(P, 9) is Verdict.PROCESS


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=200))
def test_processed_offsets_are_exactly_a_contiguous_run_from_the_start(offsets: list[int]) -> None:
    """Whatever order the fetcher delivers in, what is processed is start, start+1, … with no hole, no double."""
    g = OffsetGuard()
    g.start(P, 0)
    processed = [o for o in offsets if g.check(P, o) is Verdict.PROCESS]
    assert processed == list(range(len(processed)))


# -- the faust adapter, against a stand-in consumer (the real race is exercised in tests/reliability) -----------

class _Signal:
    def __init__(self) -> None:
        self.handlers: list = []

    def connect(self, fn) -> None:
        self.handlers.append(fn)


class _Consumer:
    def __init__(self, committed: int, earliest: int = 0) -> None:
        self.calls: list = []
        self.committed = committed
        self.earliest = earliest
        self.end = 0
        self._thread = self
        self._committed_offset: dict = defaultdict(lambda: None)  # read by faust's own _add_gap
        self._gap: dict = defaultdict(IntervalTree)

    def _ensure_consumer(self):
        return self

    async def call_thread(self, fn, *args):
        return fn(*args)

    def __call__(self, tp):  # aiokafka's committed(tp), via call_thread
        return self.committed

    async def earliest_offsets(self, *tps):
        return {tp: self.earliest for tp in tps}

    async def highwaters(self, *tps):  # the broker's log end offsets (the next offset to be written)
        return {tp: self.end for tp in tps}

    def assignment(self):
        return {TP("articles", 0)}

    def pause_partitions(self, tps) -> None:
        self.calls.append(("pause", set(tps)))

    def resume_partitions(self, tps) -> None:
        self.calls.append(("resume", set(tps)))

    async def seek_wait(self, partitions) -> None:
        self.calls.append(("seek", dict(partitions)))


class _App:
    def __init__(self, consumer: _Consumer) -> None:
        self.consumer = consumer
        self.on_partitions_revoked = _Signal()
        self.on_partitions_assigned = _Signal()


class _Message:
    def __init__(self, offset: int) -> None:
        self.topic, self.partition, self.offset, self.acked = "articles", 0, offset, False


class _Event:
    def __init__(self, offset: int) -> None:
        self.message = _Message(offset)


def _guard(committed: int, earliest: int = 0):
    import streams.offset_guard as og

    consumer = _Consumer(committed, earliest)
    guard = og.FaustOffsetGuard(_App(consumer), ["articles"])
    guard._committed = _committed_stub(committed)  # type: ignore[method-assign]
    return guard, consumer


def _committed_stub(value: int):
    async def committed(tp):
        return value
    return committed


def test_a_jump_releases_unacked_pauses_seeks_back_and_resumes(monkeypatch) -> None:
    import asyncio

    import streams.offset_guard as og

    monkeypatch.setattr(og, "SEEK_DELAY_S", 0.01)

    async def scenario() -> tuple[list, list[bool], list[bool]]:
        guard, consumer = _guard(committed=30)
        admitted = [await guard.admit(_Event(o)) for o in (30, 31)]
        jump, stale = _Event(135), _Event(136)
        admitted += [await guard.admit(jump), await guard.admit(stale)]
        await asyncio.sleep(0.1)
        admitted.append(await guard.admit(_Event(32)))  # the re-fetch after the seek
        return consumer.calls, admitted, [jump.message.acked, stale.message.acked]

    calls, admitted, released = asyncio.run(scenario())
    assert admitted == [True, True, False, False, True]
    assert released == [True, True]  # released without Consumer.ack: never committed
    assert calls == [("pause", {TP("articles", 0)}), ("seek", {TP("articles", 0): 32}),
                     ("resume", {TP("articles", 0)})]


def test_a_hole_left_by_retention_is_skipped_and_the_partition_sought_to_the_log_start(monkeypatch) -> None:
    import asyncio

    import streams.offset_guard as og

    monkeypatch.setattr(og, "SEEK_DELAY_S", 0.01)

    async def scenario() -> tuple[list[bool], _Consumer]:
        guard, consumer = _guard(committed=10, earliest=50)
        first = await guard.admit(_Event(50))  # 10..49 are gone: a jump as far as the agent can tell
        await asyncio.sleep(0.1)
        return [first, await guard.admit(_Event(50)), await guard.admit(_Event(51))], consumer

    admitted, consumer = asyncio.run(scenario())
    assert admitted == [False, True, True]  # the re-fetch from the log start is processed, in order
    assert ("seek", {TP("articles", 0): 50}) in consumer.calls
    # faust may commit over the deleted offsets (its own gap bookkeeping), else commits would stall at 10
    assert consumer._gap[TP("articles", 0)].overlaps(10, 50)


def test_a_stale_batch_still_arriving_after_the_seek_is_sought_again_once_it_stops(monkeypatch) -> None:
    """The fetcher works through a batch fetched before the seek: its messages raise faust's read offset past the
    re-fetch (which faust would then drop), so the guard seeks again once they stop coming."""
    import asyncio

    import streams.offset_guard as og

    monkeypatch.setattr(og, "SEEK_DELAY_S", 0.05)

    async def scenario() -> list:
        guard, consumer = _guard(committed=30)
        assert await guard.admit(_Event(30))
        assert not await guard.admit(_Event(100))  # the jump
        await asyncio.sleep(0.07)  # paused, then sought and resumed
        for o in (101, 102):  # the rest of the stale batch, after the resume
            assert not await guard.admit(_Event(o))
        await asyncio.sleep(0.3)
        return consumer.calls

    calls = asyncio.run(scenario())
    seeks = [c for c in calls if c[0] == "seek"]
    assert seeks == [("seek", {TP("articles", 0): 31})] * 2
    assert calls[-1] == ("resume", {TP("articles", 0)})


def test_a_dropped_tail_is_stalled_only_when_the_agent_is_idle_and_the_log_holds_more() -> None:
    from streams.offset_guard import stalled

    assert stalled(expected=40, end_offset=201, idle_s=5, busy=False)
    assert not stalled(expected=40, end_offset=40, idle_s=60, busy=False)  # caught up: nothing to read
    assert not stalled(expected=40, end_offset=201, idle_s=60, busy=True)  # still working on the last one
    assert not stalled(expected=40, end_offset=201, idle_s=0.5, busy=False)  # the next may be on its way
    assert not stalled(expected=None, end_offset=201, idle_s=60, busy=False)


def _watch(guard, consumer, at: float) -> tuple[list, list]:
    import asyncio

    async def run() -> tuple[list, list]:
        sought = await guard.check_stalled(at)
        await asyncio.sleep(0.1)  # the seek task
        return sought, consumer.calls

    return asyncio.run(run())


def test_the_watch_seeks_back_a_partition_whose_tail_was_dropped(monkeypatch) -> None:
    import asyncio

    import streams.offset_guard as og

    monkeypatch.setattr(og, "SEEK_DELAY_S", 0.01)

    async def scenario() -> tuple[list, list, list]:
        guard, consumer = _guard(committed=30)
        for o in range(30, 40):
            event = _Event(o)
            assert await guard.admit(event)
            event.message.acked = True  # the agent finished it
        consumer.end = 201  # the log holds 40..200, faust delivered them and then cleared them
        consumer._paused_partitions = set()
        now = og.time.monotonic()
        early = await guard.check_stalled(now + 1)
        late = await guard.check_stalled(now + og.STALL_S + 1)
        again = await guard.check_stalled(now + og.STALL_S + 1.5)  # one seek per stall period
        await asyncio.sleep(0.1)
        return early + again, late, consumer.calls

    early, late, calls = asyncio.run(scenario())
    assert early == [] and late == [TP("articles", 0)]
    assert ("seek", {TP("articles", 0): 40}) in calls and calls[-1] == ("resume", {TP("articles", 0)})


def test_the_watch_finds_a_partition_that_never_delivered_a_message_after_its_assignment(monkeypatch) -> None:
    """The stale batch held the whole rest of the partition: the agent admitted nothing of it in this process."""
    import asyncio

    import streams.offset_guard as og

    monkeypatch.setattr(og, "SEEK_DELAY_S", 0.01)
    guard, consumer = _guard(committed=120)
    consumer._paused_partitions = set()
    asyncio.run(guard._on_assigned(None, {TP("articles", 0)}))
    consumer.end = 500
    sought, calls = _watch(guard, consumer, og.time.monotonic() + og.STALL_S + 1)
    assert sought == [TP("articles", 0)]
    assert ("seek", {TP("articles", 0): 120}) in calls  # the committed offset: nothing of it was processed


def test_the_watch_leaves_a_caught_up_partition_and_a_busy_agent_alone(monkeypatch) -> None:
    import asyncio

    import streams.offset_guard as og

    guard, consumer = _guard(committed=30)
    consumer._paused_partitions = set()
    event = _Event(30)
    assert asyncio.run(guard.admit(event))
    later = og.time.monotonic() + og.STALL_S + 1
    consumer.end = 31  # caught up
    event.message.acked = True
    assert _watch(guard, consumer, later) == ([], [])
    consumer.end = 90  # more in the log, but the agent still works on @30: not a dropped tail
    event.message.acked = False
    assert _watch(guard, consumer, later + og.STALL_S + 1) == ([], [])
    # …unless it has held that one message for longer than any batch takes (a lost ack): look again
    monkeypatch.setattr(og, "SEEK_DELAY_S", 0.01)
    sought, calls = _watch(guard, consumer, later + og.BUSY_S + og.STALL_S)
    assert sought == [TP("articles", 0)] and ("seek", {TP("articles", 0): 31}) in calls


def test_the_watch_leaves_a_halted_partition_paused() -> None:
    import asyncio

    import streams.offset_guard as og

    async def scenario() -> list:
        guard, consumer = _guard(committed=30)
        event = _Event(30)
        assert await guard.admit(event)
        event.message.acked = True
        consumer.end = 61
        consumer._paused_partitions = {TP("articles", 0)}
        return await guard.check_stalled(og.time.monotonic() + 60)

    assert asyncio.run(scenario()) == []


def test_the_committed_offset_faust_read_after_the_assignment_is_used_without_a_round_trip() -> None:
    import asyncio

    import streams.offset_guard as og

    class _Thread:  # faust's consumer thread and its aiokafka consumer: counts the round trips
        asked = 0

        def _ensure_consumer(self):
            return self

        def committed(self, tp) -> int:
            self.asked += 1
            return 7

        async def call_thread(self, fn, *args):
            return fn(*args)

    consumer = _Consumer(committed=7)
    consumer._thread = thread = _Thread()
    guard = og.FaustOffsetGuard(_App(consumer), ["articles"])
    assert asyncio.run(guard._committed(TP("articles", 0))) == 7 and thread.asked == 1  # faust holds none
    consumer._committed_offset[TP("articles", 0)] = 42  # what faust's seek to the committed offsets read
    assert asyncio.run(guard._committed(TP("articles", 0))) == 42 and thread.asked == 1
