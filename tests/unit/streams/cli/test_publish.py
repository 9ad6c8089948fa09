"""publish's bookkeeping of send results (kafka-python's own Future class, resolved by hand)."""

from __future__ import annotations

from kafka.errors import MessageSizeTooLargeError
from kafka.future import Future

from streams.cli.publish import _sweep


def test_sweep_counts_successes_reports_failures_and_keeps_the_waiting() -> None:
    ok, refused, waiting = Future(), Future(), Future()
    ok.success("meta")
    refused.failure(MessageSizeTooLargeError("too large"))
    sent = [("a:1", ok), ("a:2", refused), ("a:3", waiting)]
    failed: list[dict[str, str]] = []
    assert _sweep(sent, failed, final=False) == 1
    assert sent == [("a:3", waiting)]
    assert [f["origin"] for f in failed] == ["a:2"] and "too large" in failed[0]["error"]
    assert _sweep(sent, failed, final=True) == 0
    assert sent == [] and failed[-1] == {"origin": "a:3", "error": "the broker did not confirm it in time"}
