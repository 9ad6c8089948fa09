"""Stage 4, digest: a receiver (or route) with ``digest: 1h`` gets one message per period listing its stories.

A first report is queued in the receiver's home scope (``Context.home``); from another scope it is handed over
(``alerts.handover``). ``flush`` assembles the digest when its period ends (``alerts.timers.due``); ``items`` and
``mark_sent`` are shared with the rate limit's catch-up digest."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from alerts import stories as story_book
from alerts.durations import format_duration
from alerts.notes import Notification, StoryItem
from alerts.notification_log import RECENT_KEPT, AlertEntry, DigestEntry, Forward, OutboxEntry, Sent, digest_key
from alerts.silences import format_time
from alerts.stage import INF, Alert, Context, Verdict
from alerts.vocabulary import EntryState, Kind, Outcome
from detectors.contracts import detection_from_dict


def aligned_due(now: float, period: float) -> float:
    """The end of the period ``now`` is in: an hourly digest comes on the hour."""
    return (math.floor(now / period) + 1) * period


def stage(ctx: Context, a: Alert) -> Verdict | None:
    period = ctx.digest_period(a.route)
    if period is None or not a.first:  # a known story of a digest route ended in dedup; timers never come here
        return None
    receiver, scope, story, detection = a.route.receiver, a.scope, a.story, a.detection
    target = ctx.home(receiver, scope)
    if target != scope:
        assert target is not None
        item = StoryItem(story["id"], detection.status, detection, tuple(story["sources"]),
                         tuple(story["languages"]), len(story["sources"]))
        payload = {"key": a.key, "receiver": receiver, "period": period, "item": item.to_dict()}
        ctx.forward(a.key, replace(a.entry, state=EntryState.SENT, sent=Sent(a.now, a.outlets, followups=1),
                                forward=Forward(target, payload)))
        return Verdict(Outcome.DIGEST, f"handed to the {format_duration(period)} digest of {receiver} "
                                       f"(assembled in scope {target})")
    dkey = digest_key(receiver, scope)
    digest = ctx.log.digest(dkey, scope)
    due = digest.due or aligned_due(a.now, period)
    ctx.log.put(dkey, replace(digest, due=due, items=(*digest.items, a.key)))
    ctx.log.put(a.key, replace(a.entry, state=EntryState.QUEUED))
    return Verdict(Outcome.DIGEST, f"queued for the {format_duration(period)} digest due at {format_time(due)}")


def accept_item(ctx: Context, payload: dict[str, Any], now: float, scope: int | None) -> str:
    """A digest item handed over from another scope (idempotent)."""
    receiver, key = payload["receiver"], payload["key"]
    dkey = digest_key(receiver, scope)
    digest = ctx.log.digest(dkey, scope)
    if key in digest.recent:
        return "already in a digest"
    due = digest.due or aligned_due(now, float(payload["period"]))
    ctx.log.put(dkey, replace(digest, due=due, remote={**digest.remote, key: payload["item"]}))
    return f"queued for the digest due at {format_time(due)}"


def story_of(ctx: Context, key: str, entry: AlertEntry) -> tuple[Any, dict[str, Any]] | None:
    """(route, story) of an alert entry, or None when either is gone."""
    story = story_book.find(ctx.stories, entry.story_key, key.split("|")[0])
    route = ctx.route(entry.route)
    if story is None or route is None:
        return None
    return route, story


def items(ctx: Context, keys: tuple[str, ...], now: float, held: bool) -> tuple[list[StoryItem], list[str]]:
    """The stories of queued (or held) alert keys, minus those silenced meanwhile (dropped from the log: they
    alert again after the silence)."""
    out, sent_keys = [], []
    for key in keys:
        entry = ctx.log.alert(key)
        found = story_of(ctx, key, entry) if entry else None
        if entry is None or found is None:
            continue
        _, story = found
        detection = detection_from_dict(entry.lead)
        if ctx.silences.muting(detection, story["id"], now) is not None:
            if entry.state in (EntryState.QUEUED, EntryState.HELD):
                ctx.log.pop(key)
            continue
        out.append(StoryItem(story["id"], detection.status, detection, tuple(story["sources"]),
                             tuple(story["languages"]), len(story["sources"]), held))
        sent_keys.append(key)
    return out, sent_keys


def mark_sent(ctx: Context, keys: list[str], t: float) -> None:
    for key in keys:
        entry = ctx.log.alert(key)
        assert entry is not None
        found = story_of(ctx, key, entry)
        previous = entry.sent or Sent(t, 0)
        outlets = len(found[1]["sources"]) if found else previous.outlets
        if entry.state in (EntryState.QUEUED, EntryState.HELD):
            ctx.log.put(key, replace(entry, state=EntryState.SENT,
                                     sent=replace(previous, at=t, outlets=outlets, followups=0, followup_due=None)))
        else:  # a held follow-up
            ctx.log.put(key, replace(entry, sent=replace(previous, outlets=outlets, followups=1, followup_due=None)))


def digest_note(log_key: str, receiver: str, stories: list[StoryItem], stamp: float, reason: str) -> Notification:
    first = stories[0]
    return Notification(
        key=f"{log_key}|{stamp:.0f}", kind=Kind.DIGEST, receiver=receiver, story_id="digest",
        status=first.status, detection=first.detection, sources=first.sources, languages=first.languages,
        outlets=first.outlets, stories=tuple(stories), reason=reason, log_key=log_key,
    )


def flush(ctx: Context, key: str, digest: DigestEntry, receiver: str, now: float) -> list[Notification]:
    """The digest whose period ended: its stories (local and handed over) in one notification, in the outbox."""
    assert digest.due is not None
    t = now if now != INF else digest.due
    found, sent_keys = items(ctx, digest.items, t, held=False)
    mark_sent(ctx, sent_keys, t)
    for item in map(StoryItem.from_dict, digest.remote.values()):
        if ctx.silences.muting(item.detection, item.story_id, t) is None:
            found.append(item)
    digest = replace(digest, remote={}, recent=(*digest.recent, *digest.remote)[-RECENT_KEPT:])
    if not found:
        ctx.log.put(key, replace(digest, items=(), due=None))
        return []
    period = next((ctx.digest_period(r) for r in ctx.config.routes if r.receiver == receiver), None)
    note = digest_note(key, receiver, found, digest.due,
                       f"{format_duration(period) if period else ''} digest: {len(found)} "
                       f"stor{'ies' if len(found) != 1 else 'y'} since the last one".strip())
    ctx.log.put(key, replace(digest, items=(), due=None,
                             outbox=(*digest.outbox, OutboxEntry(note.to_dict(), attempted=True))))
    return [note]
