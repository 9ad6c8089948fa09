"""Settling a delivery: what its results do to the notification and its record — one lifecycle for the worker
and ``wirewatch scan``.

* every target took it → out of the outbox (``delivered``), then the history record;
* a target failed and the retry window is open → kept in the outbox for the failed targets with backoff
  (``retry_later``), history recorded, no dead letter yet;
* the window is over → the dead letter first, then out of the outbox: a crash in between can deliver it again,
  never lose the dead letter.

``wirewatch scan`` runs with a retry window of 0 (it does not wait for an outage to heal): a target that still
fails after the deliverer's own attempts (``alerts.delivery``) is dead-lettered at once. ``plan`` gives the steps
in order for a runner that awaits each write (the worker: ``streams/agents/deliver.py``); ``settle`` runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, Protocol

from alerts.notes import Notification
from alerts.vocabulary import Settled

# record(note, results, now, dead_letters): the history records, and the dead letters of failed targets unless
# ``dead_letters`` is False (``alerts.history.LocalRecords.record``)
Record = Callable[[Notification, Sequence[Any], float, bool], Any]


class Outbox(Protocol):
    def delivered(self, note: Notification) -> None: ...

    def retry_later(self, note: Notification, targets: frozenset[str] | set[str], now: float) -> bool: ...


class Step(StrEnum):
    """One step of settling, run by the runner in the order ``plan`` gives."""

    RELEASE = "release"   # outbox.delivered(note): out of the outbox (the worker then awaits that changelog write)
    RECORD = "record"     # the history records and the dead letters of failed targets
    HISTORY = "history"   # the history records only: the note stays in the outbox for a retry


def plan(outbox: Outbox, note: Notification, results: Sequence[Any], now: float) -> tuple[Settled, tuple[Step, ...]]:
    """What ``results`` (``alerts.delivery.DeliveryResult``) settle ``note`` as, and the steps in order. A retry is
    booked here (``retry_later``); the runner does the steps — synchronously (``settle``) or awaiting each write
    (the worker)."""
    if results and all(r.ok for r in results):
        return Settled.DELIVERED, (Step.RELEASE, Step.RECORD)
    failed = {r.target for r in results if not r.ok}
    if failed and outbox.retry_later(note, failed, now):
        return Settled.RETRYING, (Step.HISTORY,)
    return (Settled.DEAD if failed else Settled.DELIVERED), (Step.RECORD, Step.RELEASE)


def settle(outbox: Outbox, note: Notification, results: Sequence[Any], now: float, record: Record) -> Settled:
    """Settle ``note`` after ``results`` and run the steps at once (``wirewatch scan``); ``outbox``: the Dispatcher."""
    settled, steps = plan(outbox, note, results, now)
    for step in steps:
        if step is Step.RELEASE:
            outbox.delivered(note)
        else:
            record(note, results, now, step is Step.RECORD)
    return settled
