"""Stage 5, hand-over: one scope (the worker: one partition) per receiver assembles its digests and counts its
rate limit (``Context.home``), so a receiver gets one digest per period and one cap, not one per partition.

An alert for a rate-limited receiver made in another scope is handed over (``forwards`` → the runner sends it
to that partition → ``accept_forward`` there → it is sent or held back there); digest items likewise
(``alerts.digest``). The embedded runner has one scope: nothing is handed over."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alerts import digest, rate_limit
from alerts.notes import Notification
from alerts.notification_log import Forward, Sent
from alerts.stage import Alert, Context, Verdict
from alerts.vocabulary import EntryState, Kind, Outcome


def stage(ctx: Context, a: Alert) -> Verdict | None:
    receiver, scope = a.route.receiver, a.scope
    home = ctx.home(receiver, scope)
    if home == scope or ctx.config.receiver(receiver).rate_limit is None:
        return None
    assert home is not None
    note = a.note()
    payload = {"kind": "alert", "key": a.key, "receiver": receiver, "note": note.to_dict()}
    sent = Sent(a.now, a.outlets, a.rounds, 1 if a.kind == Kind.FOLLOWUP else 0, None)
    ctx.forward(a.key, replace(a.entry, state=EntryState.SENT, sent=sent, lead=a.detection.to_dict(),
                               forward=Forward(home, payload)))
    return Verdict(Outcome.SENT if a.kind == Kind.NEW else Outcome.FOLLOWUP,
                   f"{a.reason}; handed to scope {home}, which applies the rate limit of {receiver}")


def forwards(ctx: Context, scope: int | None = None) -> list[tuple[str, int, dict[str, Any]]]:
    """Hand-overs of ``scope`` not yet sent: (log key, target scope, payload). Called after every detection, so
    it reads an index of the keys with a hand-over pending, not the whole log."""
    if ctx.forwarding is None:
        ctx.forwarding = dict.fromkeys(k for k, e in list(ctx.log.raw.items()) if e.get("forward"))
    out = []
    for key in list(ctx.forwarding):
        e = ctx.log.raw.get(key)
        if not e or not e.get("forward"):
            del ctx.forwarding[key]
        elif scope is None or e.get("scope") == scope:
            out.append((key, e["forward"]["scope"], e["forward"]["payload"]))
    return out


def forwarded(ctx: Context, key: str) -> None:
    """The runner handed the item over (the target scope has it durably): stop returning it."""
    entry = ctx.log.alert(key)
    if entry is not None and entry.forward is not None:
        ctx.log.put(key, replace(entry, forward=None))


def accept_forward(ctx: Context, payload: dict[str, Any], now: float, scope: int | None) -> str:
    """Take a digest item or a rate-limited alert handed over from another scope (idempotent)."""
    if payload.get("kind") == "alert":
        return rate_limit.accept_alert(ctx, Notification.from_dict(payload["note"]), payload["receiver"], now, scope)
    return digest.accept_item(ctx, payload, now, scope)
