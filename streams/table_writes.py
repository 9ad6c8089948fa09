"""Table writes the route agent makes after its iteration step, and waiting for one to be durable.

The route agent writes to a table after its iteration step, in a task of its own; it makes the event current again
there with ``streams.faust_compat.in_partition_of`` so the 'sent' record lands in the changelog partition of
the outbox entry it settles.

* ``Table.__setitem__`` drops the future of its changelog record. ``ChangelogWrites`` keeps the latest one per
  key so that ``await written(key)`` waits for exactly that record's broker ack — not for a whole-producer
  flush, which under load keeps waiting for everyone else's messages too.
"""

from __future__ import annotations

import asyncio
from typing import Any


class ChangelogWrites:
    """Remember the changelog future of each key written to ``table``; ``written(key)`` awaits it."""

    def __init__(self, table: Any) -> None:
        self._futures: dict[Any, asyncio.Future] = {}
        send = table.send_changelog

        def send_changelog(partition: Any, key: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
            fut = send(partition, key, value, *args, **kwargs)
            self._futures[key] = fut
            fut.add_done_callback(lambda f, key=key: self._forget(key, f))
            return fut

        table.send_changelog = send_changelog

    def _forget(self, key: Any, fut: asyncio.Future) -> None:
        if self._futures.get(key) is fut:
            del self._futures[key]

    async def written(self, key: Any) -> None:
        """Return once the latest change of ``key`` is on the broker (at once when none is pending)."""
        fut = self._futures.get(key)
        if fut is not None:
            await asyncio.shield(fut)
