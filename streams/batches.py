"""Batches of whatever input is ready: a full batch when items come fast (files), one item at a time when they
trickle in (``scan -`` on a pipe), so a line read from stdin is detected and printed before the next arrives.

A reader thread drains the iterator into a bounded queue; each batch waits for one item, then takes whatever
else is already queued (at most ``size``). An exception in the iterator is re-raised in the consumer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def ready_batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of 1..``size`` items, in order, each yielded as soon as at least one item is ready."""
    buffer: queue.Queue = queue.Queue(maxsize=size * 2)

    def read() -> None:
        try:
            for item in items:
                buffer.put(item)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            buffer.put(_Failed(exc))
        buffer.put(_END)

    threading.Thread(target=read, name="wirewatch-input", daemon=True).start()
    done = False
    while not done:
        batch: list[T] = []
        first = buffer.get()
        while True:
            if first is _END:
                done = True
                break
            if isinstance(first, _Failed):
                raise first.exc
            batch.append(first)
            if len(batch) >= size:
                break
            try:
                first = buffer.get_nowait()
            except queue.Empty:
                break
        if batch:
            yield batch
