"""The route agent waits for its own changelog record, not for a producer flush."""

from __future__ import annotations

import asyncio

from streams.table_writes import ChangelogWrites


class _Table:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str, object, asyncio.Future]] = []

    def send_changelog(self, partition, key, value, *args, **kwargs):
        fut = asyncio.get_running_loop().create_future()
        self.sent.append((partition, key, value, fut))
        return fut


def test_written_waits_for_the_latest_record_of_that_key_only() -> None:
    async def scenario() -> list[str]:
        table = _Table()
        writes = ChangelogWrites(table)
        table.send_changelog(0, "a", 1)
        table.send_changelog(0, "b", 1)
        table.send_changelog(0, "a", 2)
        events: list[str] = []

        async def wait(key: str) -> None:
            await writes.written(key)
            events.append(key)

        waiters = [asyncio.ensure_future(wait("a")), asyncio.ensure_future(wait("b"))]
        await asyncio.sleep(0)
        table.sent[1][3].set_result(None)  # b's record acked
        await asyncio.sleep(0.01)
        events.append("-")
        table.sent[0][3].set_result(None)  # a's first record: not the one a waits for
        await asyncio.sleep(0.01)
        events.append("-")
        table.sent[2][3].set_result(None)
        await asyncio.gather(*waiters)
        await writes.written("a")  # nothing pending: returns at once
        await writes.written("never written")
        return events

    assert asyncio.run(scenario()) == ["b", "-", "-", "a"]
