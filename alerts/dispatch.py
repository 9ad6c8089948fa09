"""Detections in, notifications out: route → story → group/dedup, as a pure function of state and clock.

State lives in two mappings supplied by the runner — ``stories`` (partition key → stories) and ``log``
(alert key → what was sent) — so the worker can pass changelog-backed faust tables and the embedded runner
plain dicts. The alert key is story × receiver × status: a restart or replay never sends the same alert
twice, and a status change (announced → violated) is a new alert.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from alerts import stories as story_book
from alerts.config import Config, Route
from alerts.routing import select_routes
from detectors.contracts import Detection, detection_from_dict


@dataclass(frozen=True)
class Notification:
    """One message for one receiver about one story."""

    key: str
    kind: str  # "new" | "followup"
    receiver: str
    story_id: str
    status: str
    detection: Detection        # the lead evidence
    sources: tuple[str, ...]
    languages: tuple[str, ...]
    outlets: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "kind": self.kind, "receiver": self.receiver, "story_id": self.story_id,
            "status": self.status, "detection": self.detection.to_dict(), "sources": list(self.sources),
            "languages": list(self.languages), "outlets": self.outlets,
        }


@dataclass
class Decision:
    """What happened to one detection, for logs, metrics and ``alerts explain``."""

    detection_id: str
    story_id: str
    routes: list[str] = field(default_factory=list)
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (receiver, sent|pending|grouped|repeat|replay)
    notifications: list[Notification] = field(default_factory=list)


class Dispatcher:
    def __init__(
        self,
        config: Config,
        stories: MutableMapping[str, list[dict[str, Any]]],
        log: MutableMapping[str, dict[str, Any]],
    ) -> None:
        self.config = config
        self.stories = stories
        self.log = log

    def process(self, detection: Detection, now: float) -> Decision:
        story, new_article = story_book.attach(self.stories, detection, now)
        decision = Decision(detection.id, story["id"])
        for route in select_routes(self.config.routes, detection):
            decision.routes.append(route.receiver)
            outcome, note = self._decide(route, story, detection, now, new_article)
            decision.outcomes.append((route.receiver, outcome))
            if note is not None:
                decision.notifications.append(note)
        return decision

    def _decide(
        self, route: Route, story: dict[str, Any], detection: Detection, now: float, new_article: bool
    ) -> tuple[str, Notification | None]:
        key = f"{story['id']}|{route.receiver}|{detection.status}"
        entry = self.log.get(key)
        if entry is None:
            lead = detection.to_dict()
            if route.group_wait > 0:
                self.log[key] = {"state": "pending", "due": now + route.group_wait, "lead": lead,
                                 "story_key": detection.story_key, "sent_outlets": 0}
                return "pending", None
            self.log[key] = {"state": "sent", "sent_at": now, "sent_outlets": len(story["sources"]),
                             "followups": 0, "story_key": detection.story_key}
            return "sent", self._note(key, "new", route, story, detection)
        if not new_article:
            return "replay", None
        if entry["state"] == "pending":
            return "grouped", None
        outlets = len(story["sources"])
        since = now - entry["sent_at"]
        if since >= route.repeat_interval:
            self.log[key] = {**entry, "sent_at": now, "sent_outlets": outlets, "followups": 0}
            return "sent", self._note(key, "new", route, story, detection)
        if since >= route.group_interval and outlets > entry["sent_outlets"] and entry["followups"] == 0:
            self.log[key] = {**entry, "sent_at": now, "sent_outlets": outlets, "followups": 1}
            return "followup", self._note(key, "followup", route, story, detection)
        return "grouped", None

    def due(self, now: float) -> list[Notification]:
        """Flush groups whose group_wait has passed (``now=inf`` flushes everything)."""
        out = []
        for key, entry in list(self.log.items()):
            if entry.get("state") != "pending" or entry["due"] > now:
                continue
            story_id, receiver, _status = key.split("|")
            story = next((s for s in self.stories.get(entry["story_key"], []) if s["id"] == story_id), None)
            if story is None:
                continue
            route = next(r for r in self.config.routes if r.receiver == receiver)
            detection = detection_from_dict(entry["lead"])
            sent_at = entry["due"] if now == float("inf") else now
            self.log[key] = {"state": "sent", "sent_at": sent_at, "sent_outlets": len(story["sources"]),
                             "followups": 0, "story_key": entry["story_key"]}
            out.append(self._note(key, "new", route, story, detection))
        return out

    @staticmethod
    def _note(key: str, kind: str, route: Route, story: dict[str, Any], detection: Detection) -> Notification:
        return Notification(
            key=f"{key}|{kind}", kind=kind, receiver=route.receiver, story_id=story["id"],
            status=detection.status, detection=detection, sources=tuple(story["sources"]),
            languages=tuple(story["languages"]), outlets=len(story["sources"]),
        )
