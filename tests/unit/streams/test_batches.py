"""ready_batches: full batches from a fast source, single items from a slow one, errors re-raised in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from streams.batches import ready_batches


def test_a_fast_source_gives_full_batches_in_order() -> None:
    batches = list(ready_batches(range(10), 4))
    assert [x for b in batches for x in b] == list(range(10))
    assert all(1 <= len(b) <= 4 for b in batches)


def test_an_item_is_yielded_before_the_next_one_exists() -> None:
    release = threading.Event()

    def slow() -> Iterator[int]:
        yield 1
        assert release.wait(10)  # the consumer must see item 1 before item 2 is produced
        yield 2

    batches = ready_batches(slow(), 64)
    assert next(batches) == [1]
    release.set()
    assert next(batches) == [2]
    assert list(batches) == []


def test_an_error_in_the_source_reaches_the_consumer_after_the_items_before_it() -> None:
    def broken() -> Iterator[int]:
        yield 1
        raise OSError("disk gone")

    batches = ready_batches(broken(), 1)
    assert next(batches) == [1]
    with pytest.raises(OSError, match="disk gone"):
        next(batches)
