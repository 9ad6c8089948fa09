"""Settling a delivery (alerts.settle): delivered leaves the outbox, a failure in the window is retried at the
failed target only, after the window it is dead-lettered — the dead letter recorded before the outbox lets go."""

from __future__ import annotations

import dataclasses
from typing import Any

from alerts.delivery import DeliveryResult
from alerts.dispatch import Dispatcher
from alerts.settle import settle
from alerts.vocabulary import Settled
from tests.unit.alerts.helpers import T0, config, detection


class Recorder:
    """Stands in for the record step; notes what the outbox held when each record was written."""

    def __init__(self, d: Dispatcher) -> None:
        self.d = d
        self.calls: list[tuple[bool, int]] = []

    def __call__(self, note: Any, results: Any, now: float, dead_letters: bool) -> None:
        self.calls.append((dead_letters, len(self.d.undelivered())))


def result(target: str, ok: bool) -> DeliveryResult:
    return DeliveryResult("ops", target, ok, 1 if ok else 4, None if ok else "HTTP 500")


def dispatcher(window: float) -> Dispatcher:
    cfg = config()
    return Dispatcher(dataclasses.replace(cfg, delivery_retry_window=window),
                      stories={}, log={})


def test_every_target_took_it() -> None:
    d = dispatcher(600.0)
    (note,) = d.process(detection("a1"), T0).notifications
    record = Recorder(d)
    assert settle(d, note, [result("a", True), result("b", True)], T0, record) == Settled.DELIVERED
    assert d.undelivered() == [] and record.calls == [(True, 0)]


def test_a_failed_target_is_retried_alone_while_the_window_is_open() -> None:
    d = dispatcher(600.0)
    (note,) = d.process(detection("a1"), T0).notifications
    record = Recorder(d)
    assert settle(d, note, [result("a", True), result("b", False)], T0, record) == Settled.RETRYING
    assert record.calls == [(False, 1)]  # history only, no dead letter: the note stays in the outbox
    assert d.retry_targets(note) == {"b"} and [n.key for n in d.undelivered(now=T0 + 5)] == [note.key]


def test_after_the_window_the_dead_letter_is_written_before_the_outbox_lets_go() -> None:
    d = dispatcher(0.0)  # wirewatch scan: no waiting
    (note,) = d.process(detection("a1"), T0).notifications
    record = Recorder(d)
    assert settle(d, note, [result("b", False)], T0, record) == Settled.DEAD
    assert record.calls == [(True, 1)] and d.undelivered() == []


def test_the_plan_orders_the_steps_for_a_runner_that_awaits_each_write() -> None:
    from alerts.settle import Step, plan

    d = dispatcher(600.0)
    (note,) = d.process(detection("a1"), T0).notifications
    assert plan(d, note, [result("a", True)], T0) == (Settled.DELIVERED, (Step.RELEASE, Step.RECORD))
    assert plan(d, note, [result("a", False)], T0) == (Settled.RETRYING, (Step.HISTORY,))
    assert plan(d, note, [result("a", False)], T0 + 601) == (Settled.DEAD, (Step.RECORD, Step.RELEASE))
