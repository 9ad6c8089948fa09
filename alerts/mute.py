"""Stage 3, mute: a silence (``alerts.silences``) or an inhibit rule (``alerts.inhibit``) keeps the alert quiet.

A muted first alert leaves no trace in the log, so the story alerts again once the silence ends; a muted
follow-up is not sent at all."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alerts import stories as story_book
from alerts.inhibit import inhibitor
from alerts.stage import Alert, Context, Verdict
from alerts.vocabulary import EntryState, Kind, Outcome
from detectors.contracts import Detection


def muted(ctx: Context, story: dict[str, Any], detection: Detection, now: float) -> Verdict | None:
    silence = ctx.silences.muting(detection, story["id"], now)
    if silence is not None:
        return Verdict(Outcome.SILENCED, f"muted by {silence.describe()}")
    why = inhibitor(ctx.config.inhibit_rules, detection, story["id"],
                    story_book.open_stories(ctx.stories, detection.story_key))
    if why is not None:
        return Verdict(Outcome.INHIBITED, why)
    return None


def stage(ctx: Context, a: Alert) -> Verdict | None:
    verdict = muted(ctx, a.story, a.detection, a.now)
    if verdict is None:
        return None
    if a.entry.state in (None, EntryState.PENDING):
        ctx.log.pop(a.key)  # not sent: the story alerts again once the silence ends
    elif a.kind == Kind.FOLLOWUP and a.entry.sent is not None:
        ctx.log.put(a.key, replace(a.entry, sent=replace(a.entry.sent, followup_due=None)))
    return verdict
