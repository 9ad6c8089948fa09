"""What every stage of the pipeline takes and gives: the shared ``Context``, the ``Alert`` on its way through, and
the ``Verdict`` a stage ends it with. A stage is ``(Context, Alert) -> Verdict | None``: None passes the alert on
to the next stage (``alerts.dispatch.PIPELINE`` lists them in order)."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from alerts.config import Config, Route
from alerts.notes import Notification
from alerts.notification_log import AlertEntry, NotificationLog
from alerts.silences import Silences
from alerts.vocabulary import EntryState, Kind, Outcome
from detectors.contracts import Detection

INF = float("inf")


@dataclass
class Context:
    """What the stages share: the config, the runner's state and the scopes' arrangement."""

    config: Config
    stories: MutableMapping[str, Any]
    log: NotificationLog
    silences: Silences
    # the scope that assembles a receiver's digests and counts its rate limit (None: one scope, no hand-overs)
    digest_scope: Callable[[str], int] | None = None
    in_flight: set[str] = field(default_factory=set)  # notes being delivered right now: never returned again
    forwarding: dict[str, None] | None = None  # keys with a hand-over pending; None: scan the log first

    def route(self, name: str) -> Route | None:
        return next((r for r in self.config.routes if r.name == name), None)

    def home(self, receiver: str, scope: int | None) -> int | None:
        """The scope that assembles ``receiver``'s digests and counts its rate limit."""
        return self.digest_scope(receiver) if self.digest_scope is not None and scope is not None else scope

    def forward(self, key: str, entry: AlertEntry) -> None:
        """Write an entry with a hand-over pending (``alerts.handover.forwards`` returns it until forwarded)."""
        self.log.put(key, entry)
        if self.forwarding is not None:
            self.forwarding[key] = None

    def digest_period(self, route: Route) -> float | None:
        return route.digest if route.digest is not None else self.config.receiver(route.receiver).digest


@dataclass(slots=True)
class Alert:
    """One story × receiver × status on its way through the stages."""

    key: str
    route: Route
    story: dict[str, Any]
    detection: Detection
    now: float
    entry: AlertEntry           # the log's entry (``state`` None: a first report, not in the log yet)
    new_article: bool = True    # False: a replay of an article the story already counts
    kind: Kind = Kind.NEW
    reason: str = ""

    @property
    def first(self) -> bool:
        return self.entry.state is None

    @property
    def scope(self) -> int | None:
        return self.entry.scope

    @property
    def outlets(self) -> int:
        return len(self.story["sources"])

    @property
    def rounds(self) -> int:
        """A re-alert after repeat_interval is a new round (a new notification key)."""
        base = self.entry.sent.round if self.entry.sent else 0
        return base + (1 if self.kind == Kind.NEW and self.entry.state == EntryState.SENT else 0)

    def note(self) -> Notification:
        # stable across resends of one alert; a re-alert after repeat_interval is a new round, a new key
        rounds = self.rounds
        story = self.story
        return Notification(
            key=f"{self.key}|{self.kind}" + (f"|{rounds}" if rounds else ""), kind=self.kind,
            receiver=self.route.receiver, story_id=story["id"], status=self.detection.status,
            detection=self.detection, sources=tuple(story["sources"]), languages=tuple(story["languages"]),
            outlets=len(story["sources"]), reason=self.reason, log_key=self.key,
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    reason: str
    notes: list[Notification] = field(default_factory=list)


Stage = Callable[[Context, Alert], Verdict | None]


def followup_reason(entry: AlertEntry, story: dict[str, Any]) -> str:
    more = len(story["sources"]) - (entry.sent.outlets if entry.sent else 0)
    langs = len(story["languages"])
    return f"{more} more outlet{'s' if more != 1 else ''} reported it ({langs} language{'s' if langs != 1 else ''})"
