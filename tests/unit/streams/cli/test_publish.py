"""publish's bookkeeping of send results, on kafka-python's own future classes (resolved here, as its sender
thread would: success with (base offset, timestamp, …), failure with the broker's error)."""

from __future__ import annotations

import threading

from kafka.errors import MessageSizeTooLargeError
from kafka.producer.future import FutureProduceResult, FutureRecordMetadata
from kafka.structs import TopicPartition

from streams.cli.publish import _sweep

TP = TopicPartition("articles", 0)


def send_future() -> tuple[FutureProduceResult, FutureRecordMetadata]:
    produced = FutureProduceResult(TP)
    return produced, FutureRecordMetadata(produced, 0, -1, None, 2, 10, -1)


def test_sweep_counts_successes_reports_failures_and_keeps_the_waiting() -> None:
    (ok_p, ok), (bad_p, bad), (_, waiting) = send_future(), send_future(), send_future()
    ok_p.success((0, -1, None))
    bad_p.failure(MessageSizeTooLargeError())
    sent = [("a:1", ok), ("a:2", bad), ("a:3", waiting)]
    failed: list[dict[str, str]] = []
    assert _sweep(sent, failed, final=False) == 1
    assert sent == [("a:3", waiting)]
    assert failed == [{"origin": "a:2", "error": f"MessageSizeTooLargeError: {MessageSizeTooLargeError.description}"}]
    assert _sweep(sent, failed, final=True, wait_s=0.2) == 0
    assert sent == [] and failed[-1] == {"origin": "a:3", "error": "the broker did not confirm it in time"}


def test_the_final_sweep_waits_for_a_late_answer() -> None:
    produced, future = send_future()
    threading.Timer(0.3, produced.success, args=((7, -1, None),)).start()
    failed: list[dict[str, str]] = []
    assert _sweep([("a:1", future)], failed, final=True, wait_s=10) == 1 and failed == []
