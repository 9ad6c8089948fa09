"""Stage 6, rate limit: at most ``rate_limit.count`` alerts per ``rate_limit.per`` for one receiver; the rest
is held back and sent as one catch-up digest once the cap allows (``flush_held``, from ``alerts.timers.due``).

The cap is counted in the receiver's home scope (``Context.home``): alerts from other scopes arrive there by
hand-over (``alerts.handover``) and ``accept_alert`` sends or holds them."""

from __future__ import annotations

from dataclasses import replace

from alerts.digest import digest_note, items, mark_sent
from alerts.durations import format_duration
from alerts.notes import Notification, StoryItem
from alerts.notification_log import RECENT_KEPT, OutboxEntry, rate_key
from alerts.stage import INF, Alert, Context, Verdict
from alerts.vocabulary import EntryState, Kind, Outcome


def ok(ctx: Context, receiver: str, scope: int | None, now: float) -> bool:
    rate = ctx.config.receiver(receiver).rate_limit
    if rate is None or rate_key(receiver, scope) not in ctx.log.raw:
        return True
    entry = ctx.log.rate(rate_key(receiver, scope), scope)
    return len([t for t in entry.sent if now - t < rate.per]) < rate.count


def count(ctx: Context, receiver: str, scope: int | None, now: float) -> None:
    rate = ctx.config.receiver(receiver).rate_limit
    if rate is None:
        return
    rkey = rate_key(receiver, scope)
    entry = ctx.log.rate(rkey, scope)
    ctx.log.put(rkey, replace(entry, sent=(*[t for t in entry.sent if now - t < rate.per], now)))


def stage(ctx: Context, a: Alert) -> Verdict | None:
    receiver, scope = a.route.receiver, a.scope
    if ok(ctx, receiver, scope, a.now):
        return None  # the outbox stage, next, records it and counts it (``count``)
    rate = ctx.config.receiver(receiver).rate_limit
    assert rate is not None
    sent = replace(a.entry.sent, followup_due=None) if a.entry.sent else None
    if a.kind == Kind.NEW:
        held = replace(a.entry, sent=sent, state=EntryState.HELD, lead=a.detection.to_dict())
    else:
        assert sent is not None
        held = replace(a.entry, sent=replace(sent, followups=1))
    ctx.log.put(a.key, held)
    rkey = rate_key(receiver, scope)
    entry = ctx.log.rate(rkey, scope)
    if a.key not in entry.held:
        ctx.log.put(rkey, replace(entry, held=(*entry.held, a.key)))
    return Verdict(Outcome.HELD, f"rate limit {rate.count}/{format_duration(rate.per)} for {receiver} reached: "
                                 f"held for a catch-up digest")


def accept_alert(ctx: Context, note: Notification, receiver: str, now: float, scope: int | None) -> str:
    """A rate-limited alert handed over from another scope (idempotent): within the cap it waits in this scope's
    outbox (``alerts.outbox.undelivered`` returns it), else it is held for the catch-up."""
    rkey = rate_key(receiver, scope)
    entry = ctx.log.rate(rkey, scope)
    if note.key in entry.recent:
        return "already handled"
    entry = replace(entry, recent=(*entry.recent, note.key)[-RECENT_KEPT:])
    if ok(ctx, receiver, scope, now):
        note = replace(note, log_key=rkey)
        ctx.log.put(rkey, replace(entry, outbox=(*entry.outbox, OutboxEntry(note.to_dict()))))
        count(ctx, receiver, scope, now)
        return "accepted: within the rate limit"
    item = StoryItem(note.story_id, note.status, note.detection, note.sources, note.languages, note.outlets,
                     held=True)
    ctx.log.put(rkey, replace(entry, remote_held=(*entry.remote_held, item.to_dict())))
    return "held back by the rate limit for a catch-up digest"


def flush_held(ctx: Context, key: str, receiver: str, now: float) -> list[Notification]:
    """The catch-up digest of the alerts held back, once the cap allows one more message."""
    entry = ctx.log.rate(key, None)
    t = now if now != INF else max([*entry.sent, 0.0])
    found, sent_keys = items(ctx, entry.held, t, held=True)
    mark_sent(ctx, sent_keys, t)
    entry = ctx.log.rate(key, None)
    for item in map(StoryItem.from_dict, entry.remote_held):
        if ctx.silences.muting(item.detection, item.story_id, t) is None:
            found.append(item)
    entry = replace(entry, remote_held=())
    if not found:
        ctx.log.put(key, replace(entry, held=()))
        return []
    rate = ctx.config.receiver(receiver).rate_limit
    limit = f"{rate.count}/{format_duration(rate.per)}" if rate else ""
    note = digest_note(key, receiver, found, t, f"catch-up: {len(found)} alert{'s' if len(found) != 1 else ''} "
                                                f"held back by the rate limit {limit}")
    ctx.log.put(key, replace(entry, held=(), outbox=(*entry.outbox, OutboxEntry(note.to_dict(), attempted=True))))
    count(ctx, receiver, entry.scope, t)
    return [note]
