"""The offset guard's pure logic: every offset of a partition once, in order, from the committed offset on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

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
