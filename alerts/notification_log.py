"""The notification log, typed: what the pipeline remembers between detections (Alertmanager's nflog).

The runner supplies a plain mapping — a changelog-backed faust table in the worker, a dict in the embedded
runner — of key → JSON dict. ``NotificationLog`` reads and writes it as dataclasses. Three kinds of entry,
told apart by their key:

* ``<story>|<receiver>|<status>`` → ``AlertEntry``: one story × receiver × status — its state
  (``alerts.vocabulary.EntryState``), the route it came through **by name**, the lead detection, what was sent
  (``Sent``) and the notifications not yet confirmed delivered (``outbox``);
* ``digest|<receiver>|<scope>`` → ``DigestEntry``: a receiver's digest being assembled in one scope;
* ``rate|<receiver>|<scope>`` → ``RateEntry``: a receiver's rate limit (send times, alerts held back).

Every entry has an ``outbox`` of ``OutboxEntry``: a notification recorded *before* it is handed to delivery
(``attempted`` once a sending began; ``backoff`` after a failed try). The JSON keeps the field names the log
has always had, so a record is readable by this code whichever version wrote it.

Rolling upgrade: records written before routes had names hold ``"route": <index into config.routes>``. Such an
index is mapped through the *current* config — what the old code did on every read, so an upgrade that keeps
the config keeps every pending alert; an index the current config does not have is dropped with a warning
(the entry then behaves like an alert of a removed route: a pending group is dropped, no follow-up is sent).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from alerts.vocabulary import EntryState

log = logging.getLogger(__name__)

DIGEST_PREFIX, RATE_PREFIX = "digest|", "rate|"
RECENT_KEPT = 1000  # keys remembered per digest / rate entry to make a hand-over idempotent


def alert_key(story_id: str, receiver: str, status: str) -> str:
    return f"{story_id}|{receiver}|{status}"


def digest_key(receiver: str, scope: int | None) -> str:
    return f"{DIGEST_PREFIX}{receiver}|{scope}"


def rate_key(receiver: str, scope: int | None) -> str:
    return f"{RATE_PREFIX}{receiver}|{scope}"


def receiver_of(key: str) -> str:
    """The receiver of a digest or rate key."""
    return key.split("|")[1]


@dataclass(frozen=True, slots=True)
class Backoff:
    """A failed try: the targets still owed the notification and when to try them again."""

    failures: int
    first_failed_at: float
    retry_at: float
    targets: tuple[str, ...]  # redacted (alerts.delivery.redact)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """A notification recorded for delivery and not yet confirmed (``Notification.to_dict()`` in ``note``)."""

    note: dict[str, Any]
    attempted: bool = False  # a sending began: a re-send after a crash says it may repeat
    backoff: Backoff | None = None

    @property
    def key(self) -> str:
        return self.note["key"]

    @property
    def retry_at(self) -> float:
        return self.backoff.retry_at if self.backoff else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = {**self.note, "attempted": True} if self.attempted else dict(self.note)
        if self.backoff is not None:
            b = self.backoff
            out.update(attempted=self.attempted, failures=b.failures, first_failed_at=b.first_failed_at,
                       retry_at=b.retry_at, targets=list(b.targets))
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OutboxEntry:
        note = {k: v for k, v in d.items() if k not in _OUTBOX_KEYS}
        backoff = None
        if "retry_at" in d:
            backoff = Backoff(int(d.get("failures", 0)), float(d.get("first_failed_at", 0.0)), float(d["retry_at"]),
                              tuple(d.get("targets", ())))
        return cls(note, bool(d.get("attempted")), backoff)


_OUTBOX_KEYS = frozenset({"attempted", "failures", "first_failed_at", "retry_at", "targets"})


def _outbox(d: dict[str, Any]) -> tuple[OutboxEntry, ...]:
    return tuple(OutboxEntry.from_dict(n) for n in d.get("outbox") or ())


@dataclass(frozen=True, slots=True)
class Sent:
    """What the last alert of an entry said, and the one follow-up it may get."""

    at: float
    outlets: int
    round: int = 0          # re-alerts after repeat_interval: each round is a new notification key
    followups: int = 0
    followup_due: float | None = None


@dataclass(frozen=True, slots=True)
class Forward:
    """A hand-over to the scope that assembles the receiver's digest or counts its rate limit."""

    scope: int
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AlertEntry:
    scope: int | None
    story_key: str
    route: str                       # the route's name (alerts.route_names); "" when the route is gone
    lead: dict[str, Any]             # the lead detection, Detection.to_dict()
    state: EntryState | None = None  # None: not in the log yet (a first report on its way through the stages)
    due: float | None = None         # pending: when group_wait ends
    sent: Sent | None = None
    outbox: tuple[OutboxEntry, ...] = ()
    forward: Forward | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"scope": self.scope, "story_key": self.story_key, "route": self.route,
                               "lead": self.lead, "state": self.state}
        if self.due is not None:
            out["due"] = self.due
        if self.sent is not None:
            s = self.sent
            out.update(sent_at=s.at, sent_outlets=s.outlets, round=s.round, followups=s.followups,
                       followup_due=s.followup_due)
        if self.outbox:
            out["outbox"] = [n.to_dict() for n in self.outbox]
        if self.forward is not None:
            out["forward"] = {"scope": self.forward.scope, "payload": self.forward.payload}
        return out

    @classmethod
    def from_dict(cls, key: str, d: dict[str, Any], route_names: Sequence[str]) -> AlertEntry:
        # read on every detection of a known story: plain lookups, no conversions the JSON already made
        get = d.get
        at = get("sent_at")
        sent = None if at is None else Sent(at, get("sent_outlets", 0), get("round", 0), get("followups", 0),
                                            get("followup_due"))
        route = get("route")
        if not isinstance(route, str):
            route = _route_name(key, route, route_names)
        fwd = get("forward")
        return cls(get("scope"), d["story_key"], route,
                   d["lead"], _STATES.get(get("state")), get("due"), sent, _outbox(d) if get("outbox") else (),
                   Forward(fwd["scope"], fwd["payload"]) if fwd else None)


_STATES: dict[Any, EntryState] = {s.value: s for s in EntryState}


def _route_name(key: str, value: Any, route_names: Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and 0 <= value < len(route_names):
        return route_names[value]  # a record of the index format: the current config's route at that index
    if key not in _WARNED and len(_WARNED) < 10_000:  # once per entry: timers read the log on every tick
        _WARNED.add(key)
        log.warning("notification log %s: route %r (an index of the old format) is not in the current config "
                    "(%d routes): dropped", key, value, len(route_names))
    return ""


_WARNED: set[str] = set()


@dataclass(frozen=True, slots=True)
class DigestEntry:
    scope: int | None
    items: tuple[str, ...] = ()                             # alert keys queued in this scope
    remote: dict[str, dict[str, Any]] = field(default_factory=dict)  # alert key → StoryItem dict handed over
    recent: tuple[str, ...] = ()                            # remote keys already in a digest
    due: float | None = None
    outbox: tuple[OutboxEntry, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"scope": self.scope, "items": list(self.items), "remote": self.remote, "recent": list(self.recent),
                "due": self.due, "outbox": [n.to_dict() for n in self.outbox]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DigestEntry:
        return cls(d.get("scope"), tuple(d.get("items", ())), dict(d.get("remote") or {}),
                   tuple(d.get("recent", ())), d.get("due"), _outbox(d))


@dataclass(frozen=True, slots=True)
class RateEntry:
    scope: int | None
    sent: tuple[float, ...] = ()                      # send times within the rate window
    held: tuple[str, ...] = ()                        # alert keys held back in this scope
    remote_held: tuple[dict[str, Any], ...] = ()      # StoryItem dicts held back after a hand-over
    recent: tuple[str, ...] = ()                      # handed-over notification keys already taken
    outbox: tuple[OutboxEntry, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"scope": self.scope, "sent": list(self.sent), "held": list(self.held),
                "remote_held": list(self.remote_held), "recent": list(self.recent),
                "outbox": [n.to_dict() for n in self.outbox]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RateEntry:
        return cls(d.get("scope"), tuple(d.get("sent", ())), tuple(d.get("held", ())),
                   tuple(d.get("remote_held", ())), tuple(d.get("recent", ())), _outbox(d))


Entry = AlertEntry | DigestEntry | RateEntry


class NotificationLog:
    """Typed reads and writes over the runner's mapping. ``route_names``: the current config's routes, in order
    (only to read records of the index format)."""

    def __init__(self, raw: MutableMapping[str, dict[str, Any]], route_names: Sequence[str]) -> None:
        self.raw = raw
        self.route_names = tuple(route_names)

    def get(self, key: str) -> Entry | None:
        d = self.raw.get(key)
        if d is None:
            return None
        if key.startswith(DIGEST_PREFIX):
            return DigestEntry.from_dict(d)
        if key.startswith(RATE_PREFIX):
            return RateEntry.from_dict(d)
        return AlertEntry.from_dict(key, d, self.route_names)

    def alert(self, key: str) -> AlertEntry | None:
        d = self.raw.get(key)
        return None if d is None else AlertEntry.from_dict(key, d, self.route_names)

    def digest(self, key: str, scope: int | None) -> DigestEntry:
        d = self.raw.get(key)
        return DigestEntry(scope) if d is None else DigestEntry.from_dict(d)

    def rate(self, key: str, scope: int | None) -> RateEntry:
        d = self.raw.get(key)
        return RateEntry(scope) if d is None else RateEntry.from_dict(d)

    def put(self, key: str, entry: Entry) -> None:
        self.raw[key] = entry.to_dict()

    def pop(self, key: str) -> None:
        self.raw.pop(key, None)

    def keys(self, scope: int | None = None) -> Iterator[str]:
        """Keys of ``scope``'s entries (None: all), read from a snapshot (the loop may write the log)."""
        for key, d in list(self.raw.items()):
            if scope is None or d.get("scope") == scope:
                yield key
