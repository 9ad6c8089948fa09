"""Table writes on behalf of an event after its iteration step (faust internals, one place).

faust writes a table change to the changelog partition of the *current event*, a context variable that a
stream sets while an agent handles the event. The route agent settles a delivery in a task of its own, after
it moved on; ``in_partition_of(event)`` makes that event current again there, so the 'sent' record lands in
the same changelog partition as the outbox entry it settles. Re-check on any faust upgrade
(``faust.streams._current_event``; ``tests/integration`` covers it through the worker).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from faust import streams as _streams


@contextmanager
def in_partition_of(event: Any) -> Iterator[None]:
    token = _streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _streams._current_event.reset(token)
