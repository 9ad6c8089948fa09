from __future__ import annotations

from streams.dlq_limit import DlqLimit


def test_occasional_bad_messages_never_trip() -> None:
    limit = DlqLimit(max_invalid_ratio=0.5, window=100, min_messages=20, max_consecutive=50)
    assert not any(limit.record(i % 5 != 0) for i in range(10_000))  # 20 % invalid
    assert limit.tripped_reason is None


def test_a_flood_trips_on_the_ratio() -> None:
    limit = DlqLimit(max_invalid_ratio=0.5, window=100, min_messages=20, max_consecutive=1000)
    results = [limit.record(i % 4 == 0) for i in range(200)]  # 75 % invalid
    first = results.index(True)
    assert 19 <= first < 40
    assert all(results[first:])  # stays tripped: a person must look
    assert "invalid" in limit.tripped_reason


def test_few_messages_do_not_trip_the_ratio() -> None:
    limit = DlqLimit(max_invalid_ratio=0.5, window=100, min_messages=20, max_consecutive=50)
    assert not any(limit.record(False) for _ in range(19))


def test_a_run_of_invalid_messages_trips() -> None:
    limit = DlqLimit(max_invalid_ratio=1.0, window=100, min_messages=20, max_consecutive=30)
    for _ in range(1000):
        limit.record(True)
    assert [limit.record(False) for _ in range(30)][-1]
    assert "in a row" in limit.tripped_reason


def test_the_window_forgets_old_failures() -> None:
    limit = DlqLimit(max_invalid_ratio=0.5, window=50, min_messages=50, max_consecutive=45)
    outcomes = [False] * 20 + [True] * 30 + [False] * 20  # without a window: 40 of 70 invalid
    assert not any(limit.record(v) for v in outcomes)
    assert limit.ratio == 20 / 50
