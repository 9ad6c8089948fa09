"""Timers: what fires without a detection — groups whose group_wait passed, follow-ups whose group_interval
passed, digests whose period ended, rate-limit catch-ups once the cap allows — and bounded state (entries long
past their story and repeat_interval leave the log).

The runner calls ``due(now, scope)`` on a clock: the worker on "tick" messages per partition (when ``next_due``
says so), the embedded runner once at the end of a scan with ``now=inf`` (flush everything). A group or
follow-up that fires goes through the stages from ``mute`` on (``fire``: ``alerts.dispatch.FIRE``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from alerts import digest, rate_limit
from alerts import stories as story_book
from alerts.durations import format_duration
from alerts.notes import Notification
from alerts.notification_log import DIGEST_PREFIX, RATE_PREFIX, AlertEntry, receiver_of
from alerts.stage import INF, Alert, Context, Verdict, followup_reason
from alerts.vocabulary import EntryState, Kind
from detectors.contracts import detection_from_dict

Fire = Callable[[Alert], Verdict]


def due(ctx: Context, fire: Fire, now: float, scope: int | None = None) -> list[Notification]:
    """Fire what is due at ``now`` in ``scope`` (None: every scope); ``now=inf`` flushes everything."""
    out: list[Notification] = []
    for key in ctx.log.keys(scope):
        if key.startswith((DIGEST_PREFIX, RATE_PREFIX)):
            continue
        entry = ctx.log.alert(key)
        if entry is None:
            continue
        sent = entry.sent
        if entry.state == EntryState.PENDING and entry.due is not None and entry.due <= now:
            found = digest.story_of(ctx, key, entry)
            if found is None:
                ctx.log.pop(key)
                continue
            route, story = found
            t = now if now != INF else entry.due
            out.extend(fire(Alert(key, route, story, detection_from_dict(entry.lead), t, entry, kind=Kind.NEW,
                                  reason=f"group_wait {format_duration(route.group_wait)} passed: first alert")).notes)
        elif (entry.state == EntryState.SENT and sent is not None and sent.followup_due is not None
              and sent.followup_due <= now):
            found = digest.story_of(ctx, key, entry)
            if found is None or len(found[1]["sources"]) <= sent.outlets or sent.followups:
                ctx.log.put(key, replace(entry, sent=replace(sent, followup_due=None)))
                continue
            route, story = found
            t = now if now != INF else sent.followup_due
            out.extend(fire(Alert(key, route, story, detection_from_dict(entry.lead), t, entry, kind=Kind.FOLLOWUP,
                                  reason=followup_reason(entry, story))).notes)
        elif entry.state == EntryState.SENT and now != INF and not entry.outbox and expired(ctx, entry, now):
            ctx.log.pop(key)  # bounded state: long after the story and its repeat_interval
    for key in ctx.log.keys(scope):
        raw = ctx.log.raw.get(key) or {}
        if (key.startswith(DIGEST_PREFIX) and (raw.get("items") or raw.get("remote"))
                and raw.get("due") is not None and raw["due"] <= now):
            out.extend(digest.flush(ctx, key, ctx.log.digest(key, None), receiver_of(key), now))
        elif key.startswith(RATE_PREFIX) and (raw.get("held") or raw.get("remote_held")):
            receiver = receiver_of(key)
            if rate_limit.ok(ctx, receiver, raw.get("scope"), now):
                out.extend(rate_limit.flush_held(ctx, key, receiver, now))
    return out


def expired(ctx: Context, entry: AlertEntry, now: float) -> bool:
    route = ctx.route(entry.route)
    keep = max(story_book.STORY_WINDOW_S, route.repeat_interval if route else 0.0)
    return now - (entry.sent.at if entry.sent else now) > keep


def next_due(ctx: Context, scope: int | None = None) -> float:
    """When ``due`` or ``alerts.outbox.undelivered`` next has work in ``scope`` (read-only: safe outside stream
    context). Reads the raw records: it runs on every tick for every partition."""
    soonest = INF
    for key, entry in list(ctx.log.raw.items()):
        if scope is not None and entry.get("scope") != scope:
            continue
        if entry.get("forward"):
            return 0.0
        waiting = [n.get("retry_at", 0.0) for n in entry.get("outbox", ()) if n["key"] not in ctx.in_flight]
        if waiting:
            soonest = min(soonest, *waiting)
            if soonest <= 0.0:
                return 0.0
        if entry.get("state") == EntryState.PENDING:
            soonest = min(soonest, entry["due"])
        elif entry.get("followup_due") is not None:
            soonest = min(soonest, entry["followup_due"])
        elif key.startswith(DIGEST_PREFIX) and (entry.get("items") or entry.get("remote")) and entry.get("due"):
            soonest = min(soonest, entry["due"])
        elif key.startswith(RATE_PREFIX) and (entry.get("held") or entry.get("remote_held")):
            rate = ctx.config.receiver(receiver_of(key)).rate_limit
            sent = sorted(entry["sent"])
            if rate is None or len(sent) < rate.count:
                return 0.0
            soonest = min(soonest, sent[-rate.count] + rate.per)
    return soonest
