"""Settling a delivery: what its results do to the notification and its record — one lifecycle for the worker
and ``wirewatch scan``.

* every target took it → out of the outbox (``delivered``), then the history record;
* a target failed and the retry window is open → kept in the outbox for the failed targets with backoff
  (``retry_later``), history recorded, no dead letter yet;
* the window is over → the dead letter first, then out of the outbox: a crash in between can deliver it again,
  never lose the dead letter.

``wirewatch scan`` runs with a retry window of 0 (it does not wait for an outage to heal): a target that still
fails after the deliverer's own attempts (``alerts.delivery``) is dead-lettered at once. The worker
(``streams/app.py: settle``) takes the same steps in the same order, awaiting each changelog and topic write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from alerts.notes import Notification
from alerts.vocabulary import Settled

# record(note, results, now, dead_letters): the history records, and the dead letters of failed targets unless
# ``dead_letters`` is False (``alerts.history.LocalRecords.record``)
Record = Callable[[Notification, Sequence[Any], float, bool], Any]


class Outbox(Protocol):
    def delivered(self, note: Notification) -> None: ...

    def retry_later(self, note: Notification, targets: frozenset[str] | set[str], now: float) -> bool: ...


def settle(outbox: Outbox, note: Notification, results: Sequence[Any], now: float, record: Record) -> Settled:
    """Settle ``note`` after ``results`` (``alerts.delivery.DeliveryResult``); ``outbox`` is the Dispatcher."""
    if results and all(r.ok for r in results):
        outbox.delivered(note)
        record(note, results, now, True)
        return Settled.DELIVERED
    failed = {r.target for r in results if not r.ok}
    if failed and outbox.retry_later(note, failed, now):
        record(note, results, now, False)
        return Settled.RETRYING
    record(note, results, now, True)
    outbox.delivered(note)
    return Settled.DEAD if failed else Settled.DELIVERED
