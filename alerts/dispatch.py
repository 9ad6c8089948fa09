"""Detections in, notifications out — a pure function of state and clock, on Alertmanager's pipeline.

Each detection joins a story (``alerts.stories``) and is routed (``alerts.routing``); for every matched route
one ``Alert`` (story × receiver × status) runs through ``PIPELINE``, the stages in order, each in a module of
its own. A stage ends the alert with a ``Verdict`` (an ``alerts.vocabulary.Outcome``) or passes it on:

    dedup → group → mute (silence, inhibit) → digest → hand-over → rate limit → outbox

Timers (``alerts.timers``: group_wait ended, the group_interval follow-up, digests, rate-limit catch-ups) fire
from ``due(now, scope)``, which the runner calls on a clock; a group or follow-up that fires enters at ``FIRE``
(mute onwards). What the stages remember is the typed notification log (``alerts.notification_log``) over a
mapping the runner supplies — changelog-backed faust tables in the worker, plain dicts in ``wirewatch scan`` —
and the stories mapping beside it. Silences are read-only input.

At-least-once delivery (``alerts.outbox``): a notification is recorded in its entry's outbox *before* it is
returned; the runner delivers it and settles it (``alerts.settle``: ``delivered``, ``retry_later`` or dead
letter). If the process dies in between, a replay of the detection or the next ``undelivered(scope)`` returns
it again, marked as a possible repeat.

``scope`` (the worker passes the detections partition) tags every log entry so that ``due`` and ``undelivered``
only touch the entries of the partition whose message is being processed (faust tables write their changelog to
the current message's partition); ``alerts.handover`` explains the one home scope per receiver.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from alerts import dedup, digest, group, handover, mute, outbox, rate_limit, timers
from alerts import stories as story_book
from alerts.config import Config
from alerts.notes import REPEAT_REASON, Decision, Notification, StoryItem
from alerts.notification_log import AlertEntry, NotificationLog, alert_key
from alerts.outbox import RETRY_BACKOFF_S
from alerts.routing import check_routes
from alerts.silences import Silences
from alerts.stage import INF, Alert, Context, Stage, Verdict
from alerts.vocabulary import Outcome
from detectors.contracts import Detection

__all__ = ["FIRE", "INF", "PIPELINE", "REPEAT_REASON", "RETRY_BACKOFF_S", "Decision", "Dispatcher", "Notification",
           "StoryItem"]

# The stage order, in one place. Each is ``(Context, Alert) -> Verdict | None`` (None: on to the next).
PIPELINE: tuple[Stage, ...] = (
    dedup.stage,       # known alert? replay, grouped, resend — or a re-alert / the one follow-up
    group.stage,       # a first report waits group_wait
    mute.stage,        # silences, then inhibit rules
    digest.stage,      # digest receivers: queued for the period (or handed to its home scope)
    handover.stage,    # a rate-limited receiver counted in another scope: handed over
    rate_limit.stage,  # over the cap: held for a catch-up digest
    outbox.stage,      # recorded, then returned for delivery
)
FIRE = PIPELINE[PIPELINE.index(mute.stage):]  # where a timer's group or follow-up enters


def background_reason(attached: story_book.Attachment) -> str:
    if attached.story is None:
        return "a background mention of an earlier event: it opens no story and never alerts as new"
    return (f"a background mention of an earlier event: one more source of story {attached.story_id}, "
            "no alert")


def run(stages: tuple[Stage, ...], ctx: Context, alert: Alert) -> Verdict:
    for stage in stages:
        verdict = stage(ctx, alert)
        if verdict is not None:
            return verdict
    raise AssertionError("the outbox stage ends every alert")


class Dispatcher:
    """Runs the stages; holds the runner's state. Every method says which module does the work."""

    # False: compare a report with every open story in its time window, not only those its names could join
    # (``alerts.stories.compare``: the same groupings; ``alerts explain`` shows why each other story was refused)
    indexed_stories: bool = True

    def __init__(
        self,
        config: Config,
        stories: MutableMapping[str, Any],
        log: MutableMapping[str, dict[str, Any]],
        silences: Silences | None = None,
        digest_scope: Callable[[str], int] | None = None,
        retry_window: float | None = None,
    ) -> None:
        """``digest_scope(receiver)`` (worker): the one scope that assembles that receiver's digests and counts
        its rate limit (``alerts.handover``); None (embedded runner): one scope, nothing to hand over.
        ``retry_window``: how long a failed alert is retried before it is dead-lettered (default the config's
        ``worker.delivery_retry_window``; ``wirewatch scan`` passes 0: it does not wait)."""
        self.config = config
        self.stories = stories
        self.log = log
        self.ctx = Context(config, stories, NotificationLog(log, [r.name for r in config.routes]),
                           silences if silences is not None else Silences(config.silences), digest_scope)
        self.retry_window = config.delivery_retry_window if retry_window is None else retry_window
        # Keys of notes this process is delivering right now (the worker delivers concurrently): never returned
        # again until the runner settles them (``delivered``/``retry_later``) and discards them here.
        self.in_flight = self.ctx.in_flight

    @property
    def silences(self) -> Silences:
        return self.ctx.silences

    def process(self, detection: Detection, now: float, scope: int | None = None) -> Decision:
        attached = story_book.attach(self.stories, detection, now, indexed=self.indexed_stories)
        story = attached.story
        decision = Decision(detection.id, attached.story_id, story=attached)
        for route, matched, why in check_routes(self.config.routes, detection):
            decision.checks.append(why)
            if not matched:
                continue
            decision.routes.append(route.receiver)
            if detection.recency == story_book.BACKGROUND or story is None:
                verdict = Verdict(Outcome.BACKGROUND, background_reason(attached))
            else:
                key = alert_key(story["id"], route.receiver, detection.status)
                entry = self.ctx.log.alert(key) or AlertEntry(scope, detection.story_key, route.name,
                                                               detection.to_dict())
                verdict = run(PIPELINE, self.ctx, Alert(key, route, story, detection, now, entry,
                                                        attached.new_article))
            decision.outcomes.append((route.receiver, verdict.outcome))
            decision.reasons.append((route.receiver, verdict.reason))
            decision.notifications.extend(verdict.notes)
        return decision

    def due(self, now: float, scope: int | None = None) -> list[Notification]:
        """``alerts.timers.due``: groups, follow-ups, digests and catch-ups due at ``now`` (inf: everything)."""
        return timers.due(self.ctx, lambda alert: run(FIRE, self.ctx, alert), now, scope)

    def next_due(self, scope: int | None = None) -> float:
        return timers.next_due(self.ctx, scope)

    # -- the outbox (alerts.outbox) ------------------------------------------------------------------------

    def undelivered(self, scope: int | None = None, now: float = INF) -> list[Notification]:
        return outbox.undelivered(self.ctx, scope, now)

    def retry_targets(self, note: Notification) -> frozenset[str] | None:
        return outbox.retry_targets(self.ctx, note)

    def retry_later(self, note: Notification, targets: frozenset[str] | set[str], now: float) -> bool:
        return outbox.retry_later(self.ctx, note, targets, now, self.retry_window)

    def attempting(self, note: Notification) -> None:
        outbox.attempting(self.ctx, note)

    def delivered(self, note: Notification) -> None:
        outbox.delivered(self.ctx, note)

    # -- hand-overs between scopes (alerts.handover) -------------------------------------------------------

    def forwards(self, scope: int | None = None) -> list[tuple[str, int, dict[str, Any]]]:
        return handover.forwards(self.ctx, scope)

    def forwarded(self, key: str) -> None:
        handover.forwarded(self.ctx, key)

    def accept_forward(self, payload: dict[str, Any], now: float, scope: int | None) -> str:
        return handover.accept_forward(self.ctx, payload, now, scope)

    def reindex(self) -> None:
        """The log changed underneath (a rebalance restored other partitions' entries): rebuild indexes lazily."""
        self.ctx.forwarding = None
