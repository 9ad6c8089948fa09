"""The last stage, outbox: a notification is recorded *before* it is handed to delivery, and leaves the outbox
only once delivery settled it — at-least-once across a crash.

``stage`` records an alert that passed every other stage. The rest is the outbox's life after that, called by
the runners (worker and ``wirewatch scan`` alike, through ``alerts.settle``):

* ``attempting`` — a sending begins: recorded, so a re-send after a SIGKILL says "Possible repeat"
  (``REPEAT_REASON``; notes returned for delivery at once are recorded so in the write that makes them);
* ``delivered`` — every target answered (or the note was dead-lettered): out of the outbox;
* ``retry_later`` — a target failed: kept, with ``Backoff`` (``RETRY_BACKOFF_S``) at the targets still owed,
  until ``worker.delivery_retry_window`` has passed since the first failure;
* ``undelivered`` — what a restart (or a tick) must deliver: notes never confirmed, and retries now due.
"""

from __future__ import annotations

from dataclasses import replace

from alerts import rate_limit
from alerts.notes import REPEAT_REASON, Notification
from alerts.notification_log import Backoff, OutboxEntry, Sent
from alerts.stage import INF, Alert, Context, Verdict
from alerts.vocabulary import EntryState, Kind, Outcome

# A failed delivery stays in the outbox and is tried again after these waits (then every 5 min) until the
# config's worker.delivery_retry_window has passed; only then is it dead-lettered.
RETRY_BACKOFF_S = (5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 300.0)


def queued(outbox: tuple[OutboxEntry, ...], note: Notification, attempted: bool = True) -> tuple[OutboxEntry, ...]:
    """``outbox`` with ``note`` added. ``attempted``: it is returned for delivery at once, so the record that
    creates it also says a sending began (a re-send after a crash is then marked, see ``from_outbox``)."""
    return (*outbox, OutboxEntry(note.to_dict(), attempted=attempted))


def stage(ctx: Context, a: Alert) -> Verdict:
    note = a.note()
    entry = a.entry
    sent = Sent(a.now, a.outlets, a.rounds, 1 if a.kind == Kind.FOLLOWUP else 0, None)
    ctx.log.put(a.key, replace(entry, state=EntryState.SENT, sent=sent, lead=a.detection.to_dict(),
                               outbox=queued(entry.outbox, note)))
    rate_limit.count(ctx, a.route.receiver, a.scope, a.now)  # one more message within the receiver's cap
    return Verdict(Outcome.SENT if a.kind == Kind.NEW else Outcome.FOLLOWUP, a.reason, [note])


def from_outbox(n: OutboxEntry) -> Notification:
    note = Notification.from_dict(n.note)
    if n.attempted:  # a process began sending it and died before recording the outcome
        note = replace(note, reason=f"{REPEAT_REASON}; {note.reason}" if note.reason else REPEAT_REASON)
    return note


def undelivered(ctx: Context, scope: int | None = None, now: float = INF) -> list[Notification]:
    """Notifications recorded but not confirmed by ``delivered`` — after a crash, deliver them again — and
    those waiting for another try (``retry_later``) whose time has come by ``now``."""
    out = []
    for key in ctx.log.keys(scope):
        entry = ctx.log.get(key)
        if entry is not None and entry.outbox:
            out.extend(from_outbox(n) for n in entry.outbox if n.retry_at <= now and n.key not in ctx.in_flight)
    return out


def _update(ctx: Context, note: Notification, change) -> bool:
    """Replace ``note``'s outbox entry by ``change(entry)`` (None: remove it); False when it is not there."""
    entry = ctx.log.get(note.log_key)
    if entry is None:
        return False
    for i, n in enumerate(entry.outbox):
        if n.key == note.key:
            new = change(n)
            if new is False:
                return False
            kept = () if new is None else (new,)
            ctx.log.put(note.log_key, replace(entry, outbox=(*entry.outbox[:i], *kept, *entry.outbox[i + 1:])))
            return True
    return False


def retry_targets(ctx: Context, note: Notification) -> frozenset[str] | None:
    """The (redacted) targets still owed ``note`` after a failed try; None: all of the receiver's targets."""
    entry = ctx.log.get(note.log_key)
    for n in entry.outbox if entry else ():
        if n.key == note.key and n.backoff is not None:
            return frozenset(n.backoff.targets)
    return None


def retry_later(ctx: Context, note: Notification, targets: frozenset[str] | set[str], now: float,
                window: float) -> bool:
    """Keep ``note`` for another try at the ``targets`` that failed, with exponential backoff, so an outage heals
    without a person. False once ``window`` has passed since the first failure (or the note is unknown): the
    runner dead-letters it then."""
    def retried(n: OutboxEntry) -> OutboxEntry | bool:
        first = n.backoff.first_failed_at if n.backoff else now
        if now - first >= window:
            return False
        failures = (n.backoff.failures if n.backoff else 0) + 1
        wait = RETRY_BACKOFF_S[min(failures, len(RETRY_BACKOFF_S)) - 1]
        return replace(n, attempted=False, backoff=Backoff(failures, first, now + wait, tuple(sorted(targets))))

    return _update(ctx, note, retried)


def attempting(ctx: Context, note: Notification) -> None:
    """The runner is about to send ``note``: recorded, so that after a crash a re-send of a note that may have
    reached its targets says so where no idempotency key can. Notes returned for delivery at once are recorded
    so when they are made (no extra write); this records the others — an alert handed over from another scope,
    a retry after a failure."""
    _update(ctx, note, lambda n: False if n.attempted else replace(n, attempted=True))


def delivered(ctx: Context, note: Notification) -> None:
    """The runner settled ``note`` (delivered, or dead-lettered after its retries)."""
    _update(ctx, note, lambda n: None)
