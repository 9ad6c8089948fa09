"""The messages the pipeline makes: one ``Notification`` per receiver, ``StoryItem``s inside a digest, and the
``Decision`` that says what happened to one detection (for logs, metrics and ``alerts explain``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alerts.vocabulary import Outcome
from detectors.contracts import Detection, detection_from_dict

# Said by an alert re-sent after a crash interrupted its first sending (the target may have it already).
REPEAT_REASON = "re-sent after a restart: this alert may have reached you already"


@dataclass(frozen=True)
class StoryItem:
    """One story inside a digest notification (``Notification.stories``)."""

    story_id: str
    status: str
    detection: Detection        # the lead evidence of this story × status
    sources: tuple[str, ...]
    languages: tuple[str, ...]
    outlets: int
    held: bool = False          # True: an instant alert held back by the receiver's rate limit

    def to_dict(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "status": self.status, "detection": self.detection.to_dict(),
                "sources": list(self.sources), "languages": list(self.languages), "outlets": self.outlets,
                "held": self.held}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StoryItem:
        return cls(d["story_id"], d["status"], detection_from_dict(d["detection"]), tuple(d["sources"]),
                   tuple(d["languages"]), int(d["outlets"]), bool(d.get("held", False)))


@dataclass(frozen=True)
class Notification:
    """One message for one receiver.

    ``kind``:
    * ``"new"`` — the first alert of a story × status (or a re-alert after repeat_interval); ``detection`` is the
      lead evidence, ``sources``/``languages``/``outlets`` the story so far.
    * ``"followup"`` — once, after group_interval, when more outlets reported the story; ``outlets`` is the new
      total (``reason`` says how many more).
    * ``"digest"`` — many stories in one message: ``stories`` holds one ``StoryItem`` per story × status (render
      each like a short alert). Sent every ``digest`` period to digest receivers, and as a catch-up when a rate
      limit held alerts back (then items have ``held=True``). ``detection``/``sources``/… describe the first item
      so a renderer that ignores ``stories`` still prints something sensible; ``story_id`` is ``"digest"``.
    ``reason`` is a short human sentence on why this was sent (for renderers and ``alerts explain``).
    ``log_key`` is the notification log's entry holding this notification until ``Dispatcher.delivered(note)``.
    """

    key: str
    kind: str  # alerts.vocabulary.Kind: "new" | "followup" | "digest"
    receiver: str
    story_id: str
    status: str
    detection: Detection        # the lead evidence
    sources: tuple[str, ...]
    languages: tuple[str, ...]
    outlets: int
    stories: tuple[StoryItem, ...] = ()
    reason: str = ""
    log_key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "kind": self.kind, "receiver": self.receiver, "story_id": self.story_id,
            "status": self.status, "detection": self.detection.to_dict(), "sources": list(self.sources),
            "languages": list(self.languages), "outlets": self.outlets,
            "stories": [s.to_dict() for s in self.stories], "reason": self.reason, "log_key": self.log_key,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Notification:
        return cls(
            key=d["key"], kind=d["kind"], receiver=d["receiver"], story_id=d["story_id"], status=d["status"],
            detection=detection_from_dict(d["detection"]), sources=tuple(d["sources"]),
            languages=tuple(d["languages"]), outlets=int(d["outlets"]),
            stories=tuple(StoryItem.from_dict(s) for s in d.get("stories", ())), reason=d.get("reason", ""),
            log_key=d.get("log_key", ""),
        )


@dataclass
class Decision:
    """What happened to one detection, for logs, metrics and ``alerts explain``.

    ``outcomes`` (receiver, outcome) with outcome an ``alerts.vocabulary.Outcome``; ``reasons`` (receiver, why) in
    the same order; ``checks`` one line per configured route saying whether it matched and why not."""

    detection_id: str
    story_id: str | None  # None: a background mention that matched no open story
    routes: list[str] = field(default_factory=list)
    outcomes: list[tuple[str, Outcome]] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    story: Any = None  # the ``alerts.stories.Attachment``: the stories compared and why it joined or opened one
