"""Detections in, notifications out — a pure function of state and clock, on Alertmanager's pipeline.

For each detection: route (``alerts.routing``) → story (``alerts.stories``) → per matched route: dedup by alert
key → wait (group_wait) → silence → inhibit → digest or rate cap → record → notification. Timers (group_wait,
the group_interval follow-up, digests, rate-cap catch-ups) fire from ``due(now, scope)``, which the runner
calls on a clock: the worker on "tick" messages per partition, the embedded runner at the end of a scan.

State lives in two mappings supplied by the runner — ``stories`` (partition key → stories) and ``log`` (alert
key → entry) — so the worker passes changelog-backed faust tables and the embedded runner plain dicts. Silences
are read-only input. The alert key is story × receiver × status: a restart or a replay never sends the same alert
twice, and a status change (announced → violated) is a new alert.

At-least-once delivery: a notification is recorded in its log entry's ``outbox`` *before* it is returned; the
runner delivers it and then calls ``delivered(note)``. If the process dies in between, a replay of the detection
(``process``) or the next ``undelivered(scope)`` returns it again; once delivered it is never returned again.

``scope`` (the worker passes the detections partition) tags every log entry so that ``due`` and ``undelivered``
only touch the entries of the partition whose message is being processed (faust tables write their changelog
to the current message's partition). One "home" scope per receiver (``digest_scope``) assembles its digests and
counts its rate limit: other scopes hand digest items and rate-limited alerts over (``forwards`` → the runner
sends them to that partition → ``accept_forward``), so there is one digest per period and one cap per receiver.
"""

from __future__ import annotations

import math
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any

from alerts import stories as story_book
from alerts.config import Config, Route
from alerts.inhibit import inhibitor
from alerts.routing import check_routes
from alerts.silences import Silences, format_time
from detectors.contracts import Detection, detection_from_dict

INF = float("inf")
# A failed delivery stays in the outbox and is tried again after these waits (then every 5 min) until the
# config's worker.delivery_retry_window has passed; only then is it dead-lettered.
RETRY_BACKOFF_S = (5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 300.0)
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
    ``log_key`` is the dispatcher's entry holding this notification until ``Dispatcher.delivered(note)``.
    """

    key: str
    kind: str  # "new" | "followup" | "digest"
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

    ``outcomes`` (receiver, outcome) with outcome one of sent | followup | pending | grouped | replay | resend |
    silenced | inhibited | held | digest; ``reasons`` (receiver, why) in the same order; ``checks`` one line per
    configured route saying whether it matched and why not."""

    detection_id: str
    story_id: str
    routes: list[str] = field(default_factory=list)
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


def _queued(entry: dict[str, Any], note: Notification, attempted: bool = True) -> list[dict[str, Any]]:
    """``entry``'s outbox with ``note`` added. ``attempted``: it is returned for delivery at once, so the record
    that creates it also says a sending began (a re-send after a crash is then marked, see ``_from_outbox``)."""
    return [*entry.get("outbox", []), {**note.to_dict(), "attempted": True} if attempted else note.to_dict()]


def _secs(x: float) -> str:
    if x >= 3600 and x % 3600 == 0:
        return f"{x / 3600:g}h"
    if x >= 60 and x % 60 == 0:
        return f"{x / 60:g}m"
    return f"{x:g}s"


class Dispatcher:
    def __init__(
        self,
        config: Config,
        stories: MutableMapping[str, Any],
        log: MutableMapping[str, dict[str, Any]],
        silences: Silences | None = None,
        digest_scope: Callable[[str], int] | None = None,
    ) -> None:
        """``digest_scope(receiver)`` (worker): the one scope that assembles that receiver's digests; stories queued
        in another scope are handed over as ``forwards`` (the runner sends them there and calls ``forwarded``;
        the receiving scope calls ``accept_forward``). None (embedded runner): one scope, nothing to hand over."""
        self.config = config
        self.stories = stories
        self.log = log
        self.silences = silences if silences is not None else Silences(config.silences)
        self.digest_scope = digest_scope
        self.retry_window = config.worker.delivery_retry_window
        # Keys of notes this process is delivering right now (the worker delivers concurrently): never returned
        # again until the runner settles them (``delivered``/``retry_later``) and discards them here.
        self.in_flight: set[str] = set()
        self._forwarding: dict[str, None] | None = None  # keys with a hand-over pending; None: scan ``log`` first

    # -- detections ----------------------------------------------------------------------------------------

    def process(self, detection: Detection, now: float, scope: int | None = None) -> Decision:
        story, new_article = story_book.attach(self.stories, detection, now)
        decision = Decision(detection.id, story["id"])
        for index, (route, matched, why) in enumerate(check_routes(self.config.routes, detection)):
            decision.checks.append(why)
            if not matched:
                continue
            decision.routes.append(route.receiver)
            outcome, reason, notes = self._decide(index, route, story, detection, now, new_article, scope)
            decision.outcomes.append((route.receiver, outcome))
            decision.reasons.append((route.receiver, reason))
            decision.notifications.extend(notes)
        return decision

    def _decide(self, index: int, route: Route, story: dict[str, Any], detection: Detection, now: float,
                new_article: bool, scope: int | None) -> tuple[str, str, list[Notification]]:
        key = f"{story['id']}|{route.receiver}|{detection.status}"
        entry = self.log.get(key)
        if entry is not None and entry.get("outbox"):
            notes = [self._from_outbox(n) for n in entry["outbox"] if n["key"] not in self.in_flight]
            if notes:
                return "resend", "recorded but never confirmed delivered (a crash?): delivering again", notes
        if entry is None:
            base = {"scope": scope, "story_key": detection.story_key, "route": index, "lead": detection.to_dict()}
            if self._digest_period(route) is not None:
                return self._queue_digest(key, base, route, story, detection, now, scope)
            if route.group_wait > 0:
                self.log[key] = {**base, "state": "pending", "due": now + route.group_wait}
                return "pending", f"first report: waiting group_wait {_secs(route.group_wait)} for more outlets", []
            return self._fire(key, base, "new", route, story, detection, now,
                              f"first report of this story × status for {route.receiver}")
        if not new_article:
            return "replay", "this article was already counted in the story (replay): nothing to send", []
        state = entry["state"]
        if state == "pending":
            return "grouped", f"grouped into the alert waiting until {format_time(entry['due'])}", []
        if state == "queued":
            return "grouped", "already queued for the next digest", []
        if state == "held":
            return "grouped", "grouped into an alert held back by the rate limit", []
        if self._digest_period(route) is not None:
            return "grouped", "already reported in a digest", []
        outlets = len(story["sources"])
        since = now - entry["sent_at"]
        if since >= route.repeat_interval:
            return self._fire(key, entry, "new", route, story, detection, now,
                              f"repeat_interval {_secs(route.repeat_interval)} passed since the last alert")
        if outlets > entry["sent_outlets"] and entry.get("followups", 0) == 0:
            if since >= route.group_interval:
                return self._fire(key, entry, "followup", route, story, detection, now,
                                  self._followup_reason(entry, story))
            if entry.get("followup_due") is None:
                self.log[key] = {**entry, "followup_due": entry["sent_at"] + route.group_interval}
            return "grouped", (f"more outlets: a follow-up is due at "
                               f"{format_time(entry['sent_at'] + route.group_interval)} (group_interval)"), []
        if entry.get("followups", 0):
            return "grouped", (f"the one follow-up was sent; next alert after repeat_interval "
                               f"{_secs(route.repeat_interval)}"), []
        return "grouped", "outlet already counted", []

    @staticmethod
    def _followup_reason(entry: dict[str, Any], story: dict[str, Any]) -> str:
        more = len(story["sources"]) - entry["sent_outlets"]
        langs = len(story["languages"])
        return f"{more} more outlet{'s' if more != 1 else ''} reported it ({langs} language{'s' if langs != 1 else ''})"

    def _muted(self, story: dict[str, Any], detection: Detection, now: float) -> tuple[str, str] | None:
        silence = self.silences.muting(detection, story["id"], now)
        if silence is not None:
            return "silenced", f"muted by {silence.describe()}"
        why = inhibitor(self.config.inhibit_rules, detection, story["id"],
                        story_book.open_stories(self.stories, detection.story_key))
        if why is not None:
            return "inhibited", why
        return None

    def _fire(self, key: str, entry: dict[str, Any], kind: str, route: Route, story: dict[str, Any],
              detection: Detection, now: float, reason: str) -> tuple[str, str, list[Notification]]:
        """Silence → inhibit → rate cap → record in the outbox → notification."""
        muted = self._muted(story, detection, now)
        if muted is not None:
            if entry.get("state") in (None, "pending"):
                self.log.pop(key, None)  # not sent: the story alerts again once the silence ends
            elif kind == "followup":
                self.log[key] = {**entry, "followup_due": None}
            return muted[0], muted[1], []
        scope = entry.get("scope")
        outlets = len(story["sources"])
        rounds = entry.get("round", 0) + (1 if kind == "new" and entry.get("state") == "sent" else 0)
        home = self._home(route.receiver, scope)
        if home != scope and self.config.receiver(route.receiver).rate_limit is not None:
            # one scope counts this receiver's alerts: hand the alert over; it sends it or holds it back there
            note = self._note(key, kind, route, story, detection, reason, rounds)
            payload = {"kind": "alert", "key": key, "receiver": route.receiver, "note": note.to_dict()}
            self._forward(key, {
                **entry, "state": "sent", "round": rounds, "sent_at": now, "sent_outlets": outlets,
                "followup_due": None, "followups": 1 if kind == "followup" else 0, "lead": detection.to_dict(),
                "forward": {"scope": home, "payload": payload},
            })
            return ("sent" if kind == "new" else "followup"), (
                f"{reason}; handed to scope {home}, which applies the rate limit of {route.receiver}"), []
        if not self._rate_ok(route.receiver, scope, now):
            rate = self.config.receiver(route.receiver).rate_limit
            assert rate is not None
            held = {**entry, "followup_due": None}
            if kind == "new":
                held.update(state="held", lead=detection.to_dict())
            else:
                held.update(followups=1)
            self.log[key] = held
            rkey = self._rate_key(route.receiver, scope)
            rate_entry = self.log.get(rkey) or {"scope": scope, "sent": [], "held": [], "outbox": []}
            if key not in rate_entry["held"]:
                self.log[rkey] = {**rate_entry, "held": [*rate_entry["held"], key]}
            return "held", (f"rate limit {rate.count}/{_secs(rate.per)} for {route.receiver} reached: "
                            f"held for a catch-up digest"), []
        note = self._note(key, kind, route, story, detection, reason, rounds)
        self.log[key] = {
            **entry, "state": "sent", "round": rounds, "sent_at": now, "sent_outlets": outlets, "followup_due": None,
            "followups": 1 if kind == "followup" else 0, "lead": detection.to_dict(),
            "outbox": _queued(entry, note),
        }
        self._count(route.receiver, scope, now)
        return ("sent" if kind == "new" else "followup"), reason, [note]

    # -- digests and rate caps -----------------------------------------------------------------------------

    def _digest_period(self, route: Route) -> float | None:
        if route.digest is not None:
            return route.digest
        return self.config.receiver(route.receiver).digest

    @staticmethod
    def _digest_key(receiver: str, scope: int | None) -> str:
        return f"digest|{receiver}|{scope}"

    @staticmethod
    def _rate_key(receiver: str, scope: int | None) -> str:
        return f"rate|{receiver}|{scope}"

    def _queue_digest(self, key: str, base: dict[str, Any], route: Route, story: dict[str, Any],
                      detection: Detection, now: float, scope: int | None) -> tuple[str, str, list[Notification]]:
        muted = self._muted(story, detection, now)
        if muted is not None:
            return muted[0], muted[1], []
        period = self._digest_period(route)
        assert period is not None
        target = self._home(route.receiver, scope)
        if target != scope:
            item = StoryItem(story["id"], detection.status, detection, tuple(story["sources"]),
                             tuple(story["languages"]), len(story["sources"]))
            payload = {"key": key, "receiver": route.receiver, "period": period, "item": item.to_dict()}
            self._forward(key, {**base, "state": "sent", "sent_at": now, "sent_outlets": len(story["sources"]),
                                "followups": 1, "forward": {"scope": target, "payload": payload}})
            return "digest", (f"handed to the {_secs(period)} digest of {route.receiver} "
                              f"(assembled in scope {target})"), []
        dkey = self._digest_key(route.receiver, scope)
        digest = self.log.get(dkey) or {"scope": scope, "items": [], "outbox": [], "due": None}
        due = digest.get("due") or (math.floor(now / period) + 1) * period  # aligned: hourly on the hour
        self.log[dkey] = {**digest, "due": due, "items": [*digest["items"], key]}
        self.log[key] = {**base, "state": "queued"}
        return "digest", f"queued for the {_secs(period)} digest due at {format_time(due)}", []

    def _home(self, receiver: str, scope: int | None) -> int | None:
        """The scope that assembles ``receiver``'s digests and counts its rate limit."""
        return self.digest_scope(receiver) if self.digest_scope is not None and scope is not None else scope

    def forwards(self, scope: int | None = None) -> list[tuple[str, int, dict[str, Any]]]:
        """Digest items of ``scope`` not yet handed over: (log key, target scope, payload). Called after every
        detection, so it reads an index of the keys with a hand-over pending, not the whole log."""
        if self._forwarding is None:
            self._forwarding = dict.fromkeys(k for k, e in list(self.log.items()) if e.get("forward"))
        out = []
        for key in list(self._forwarding):
            e = self.log.get(key)
            if not e or not e.get("forward"):
                del self._forwarding[key]
            elif scope is None or e.get("scope") == scope:
                out.append((key, e["forward"]["scope"], e["forward"]["payload"]))
        return out

    def reindex(self) -> None:
        """The log changed underneath (a rebalance restored other partitions' entries): rebuild indexes lazily."""
        self._forwarding = None

    def _forward(self, key: str, entry: dict[str, Any]) -> None:
        self.log[key] = entry
        if self._forwarding is not None:
            self._forwarding[key] = None

    def forwarded(self, key: str) -> None:
        """The runner handed the item over (the target scope has it durably): stop returning it."""
        entry = self.log.get(key)
        if entry is not None and entry.get("forward"):
            self.log[key] = {**entry, "forward": None}

    def accept_forward(self, payload: dict[str, Any], now: float, scope: int | None) -> str:
        """Take a digest item or a rate-limited alert handed over from another scope (idempotent). An accepted
        alert waits in this scope's outbox: ``undelivered(scope)`` returns it."""
        receiver, key = payload["receiver"], payload["key"]
        if payload.get("kind") == "alert":
            return self._accept_alert(Notification.from_dict(payload["note"]), receiver, now, scope)
        dkey = self._digest_key(receiver, scope)
        digest = self.log.get(dkey) or {"scope": scope, "items": [], "outbox": [], "due": None}
        if key in digest.get("recent", ()):
            return "already in a digest"
        period = float(payload["period"])
        due = digest.get("due") or (math.floor(now / period) + 1) * period
        self.log[dkey] = {**digest, "due": due, "remote": {**digest.get("remote", {}), key: payload["item"]}}
        return f"queued for the digest due at {format_time(due)}"

    def _accept_alert(self, note: Notification, receiver: str, now: float, scope: int | None) -> str:
        rkey = self._rate_key(receiver, scope)
        entry = self.log.get(rkey) or {"scope": scope, "sent": [], "held": [], "outbox": []}
        if note.key in entry.get("recent", ()):
            return "already handled"
        entry = {**entry, "recent": [*entry.get("recent", []), note.key][-1000:]}
        if self._rate_ok(receiver, scope, now):
            note = replace(note, log_key=rkey)
            self.log[rkey] = {**entry, "outbox": _queued(entry, note, attempted=False)}
            self._count(receiver, scope, now)
            return "accepted: within the rate limit"
        item = StoryItem(note.story_id, note.status, note.detection, note.sources, note.languages, note.outlets,
                         held=True)
        self.log[rkey] = {**entry, "remote_held": [*entry.get("remote_held", []), item.to_dict()]}
        return "held back by the rate limit for a catch-up digest"

    def _rate_ok(self, receiver: str, scope: int | None, now: float) -> bool:
        rate = self.config.receiver(receiver).rate_limit
        if rate is None:
            return True
        entry = self.log.get(self._rate_key(receiver, scope))
        if entry is None:
            return True
        recent = [t for t in entry["sent"] if now - t < rate.per]
        return len(recent) < rate.count

    def _count(self, receiver: str, scope: int | None, now: float) -> None:
        rate = self.config.receiver(receiver).rate_limit
        if rate is None:
            return
        rkey = self._rate_key(receiver, scope)
        entry = self.log.get(rkey) or {"scope": scope, "sent": [], "held": [], "outbox": []}
        recent = [t for t in entry["sent"] if now - t < rate.per]
        self.log[rkey] = {**entry, "sent": [*recent, now]}

    # -- timers --------------------------------------------------------------------------------------------

    def due(self, now: float, scope: int | None = None) -> list[Notification]:
        """Fire what is due at ``now`` in ``scope`` (None: every scope): groups whose group_wait passed, follow-ups
        whose group_interval passed, digests whose period ended, rate-cap catch-ups once the cap allows.
        ``now=inf`` flushes everything (the end of an embedded scan)."""
        out: list[Notification] = []
        for key, entry in list(self.log.items()):
            if scope is not None and entry.get("scope") != scope:
                continue
            if key.startswith(("digest|", "rate|")):
                continue
            state = entry.get("state")
            if state == "pending" and entry["due"] <= now:
                t = now if now != INF else entry["due"]
                found = self._story_of(key, entry)
                if found is None:
                    self.log.pop(key, None)
                    continue
                route, story = found
                detection = detection_from_dict(entry["lead"])
                _, _, notes = self._fire(key, entry, "new", route, story, detection, t,
                                         f"group_wait {_secs(route.group_wait)} passed: first alert")
                out.extend(notes)
            elif state == "sent" and entry.get("followup_due") is not None and entry["followup_due"] <= now:
                t = now if now != INF else entry["followup_due"]
                found = self._story_of(key, entry)
                if found is None:
                    self.log[key] = {**entry, "followup_due": None}
                    continue
                route, story = found
                if len(story["sources"]) <= entry["sent_outlets"] or entry.get("followups", 0):
                    self.log[key] = {**entry, "followup_due": None}
                    continue
                detection = detection_from_dict(entry["lead"])
                _, _, notes = self._fire(key, entry, "followup", route, story, detection, t,
                                         self._followup_reason(entry, story))
                out.extend(notes)
            elif state == "sent" and now != INF and not entry.get("outbox") and self._expired(entry, now):
                self.log.pop(key, None)  # bounded state: long after the story and its repeat_interval
        for key, entry in list(self.log.items()):
            if scope is not None and entry.get("scope") != scope:
                continue
            if (key.startswith("digest|") and (entry.get("items") or entry.get("remote"))
                    and entry["due"] is not None and entry["due"] <= now):
                out.extend(self._flush_digest(key, entry, now))
            elif key.startswith("rate|") and (entry.get("held") or entry.get("remote_held")):
                receiver = key.split("|")[1]
                if self._rate_ok(receiver, entry.get("scope"), now):
                    out.extend(self._flush_held(key, entry, receiver, now))
        return out

    def _expired(self, entry: dict[str, Any], now: float) -> bool:
        routes = self.config.routes
        route = routes[entry["route"]] if 0 <= entry.get("route", -1) < len(routes) else None
        keep = max(story_book.STORY_WINDOW_S, route.repeat_interval if route else 0.0)
        return now - entry.get("sent_at", now) > keep

    def _story_of(self, key: str, entry: dict[str, Any]) -> tuple[Route, dict[str, Any]] | None:
        story_id = key.split("|")[0]
        story = story_book.find(self.stories, entry["story_key"], story_id)
        routes = self.config.routes
        index = entry.get("route", -1)
        if story is None or not 0 <= index < len(routes):
            return None
        return routes[index], story

    def _items(self, keys: list[str], now: float, held: bool) -> tuple[list[StoryItem], list[str]]:
        items, sent_keys = [], []
        for key in keys:
            entry = self.log.get(key)
            found = self._story_of(key, entry) if entry else None
            if entry is None or found is None:
                continue
            _, story = found
            detection = detection_from_dict(entry["lead"])
            if self.silences.muting(detection, story["id"], now) is not None:
                if entry["state"] in ("queued", "held"):
                    self.log.pop(key, None)  # silenced while waiting: alerts again after the silence
                continue
            items.append(StoryItem(story["id"], detection.status, detection, tuple(story["sources"]),
                                   tuple(story["languages"]), len(story["sources"]), held))
            sent_keys.append(key)
        return items, sent_keys

    def _mark_sent(self, keys: list[str], t: float) -> None:
        for key in keys:
            entry = self.log[key]
            found = self._story_of(key, entry)
            outlets = len(found[1]["sources"]) if found else entry.get("sent_outlets", 0)
            if entry["state"] in ("queued", "held"):
                self.log[key] = {**entry, "state": "sent", "sent_at": t, "sent_outlets": outlets, "followups": 0,
                                 "followup_due": None}
            else:  # a held follow-up
                self.log[key] = {**entry, "sent_outlets": outlets, "followups": 1, "followup_due": None}

    def _digest_note(self, log_key: str, receiver: str, items: list[StoryItem], stamp: float,
                     reason: str) -> Notification:
        first = items[0]
        return Notification(
            key=f"{log_key}|{stamp:.0f}", kind="digest", receiver=receiver, story_id="digest",
            status=first.status, detection=first.detection, sources=first.sources, languages=first.languages,
            outlets=first.outlets, stories=tuple(items), reason=reason, log_key=log_key,
        )

    def _flush_digest(self, key: str, entry: dict[str, Any], now: float) -> list[Notification]:
        receiver = key.split("|")[1]
        t = now if now != INF else entry["due"]
        items, sent_keys = self._items(entry["items"], t, held=False)
        self._mark_sent(sent_keys, t)
        remote = entry.get("remote") or {}
        for item in map(StoryItem.from_dict, remote.values()):
            if self.silences.muting(item.detection, item.story_id, t) is None:
                items.append(item)
        entry = {**entry, "remote": {}, "recent": [*entry.get("recent", []), *remote][-1000:]}
        if not items:
            self.log[key] = {**entry, "items": [], "due": None}
            return []
        period = next((self._digest_period(r) for r in self.config.routes if r.receiver == receiver), None)
        note = self._digest_note(key, receiver, items, entry["due"],
                                 f"{_secs(period) if period else ''} digest: {len(items)} "
                                 f"stor{'ies' if len(items) != 1 else 'y'} since the last one".strip())
        self.log[key] = {**entry, "items": [], "due": None, "outbox": _queued(entry, note)}
        return [note]

    def _flush_held(self, key: str, entry: dict[str, Any], receiver: str, now: float) -> list[Notification]:
        t = now if now != INF else max([*entry["sent"], 0.0])
        items, sent_keys = self._items(entry["held"], t, held=True)
        self._mark_sent(sent_keys, t)
        entry = self.log.get(key, entry)
        for item in map(StoryItem.from_dict, entry.get("remote_held", [])):
            if self.silences.muting(item.detection, item.story_id, t) is None:
                items.append(item)
        entry = {**entry, "remote_held": []}
        if not items:
            self.log[key] = {**entry, "held": []}
            return []
        rate = self.config.receiver(receiver).rate_limit
        limit = f"{rate.count}/{_secs(rate.per)}" if rate else ""
        note = self._digest_note(key, receiver, items, t,
                                 f"catch-up: {len(items)} alert{'s' if len(items) != 1 else ''} held back by the "
                                 f"rate limit {limit}")
        self.log[key] = {**entry, "held": [], "outbox": _queued(entry, note)}
        self._count(receiver, entry.get("scope"), t)
        return [note]

    # -- at-least-once -------------------------------------------------------------------------------------

    def undelivered(self, scope: int | None = None, now: float = INF) -> list[Notification]:
        """Notifications recorded but not confirmed by ``delivered`` — after a crash, deliver them again — and
        those waiting for another try (``retry_later``) whose time has come by ``now``."""
        out = []
        for entry in list(self.log.values()):
            if (scope is None or entry.get("scope") == scope) and entry.get("outbox"):
                out.extend(self._from_outbox(n) for n in entry["outbox"]
                           if n.get("retry_at", 0.0) <= now and n["key"] not in self.in_flight)
        return out

    @staticmethod
    def _from_outbox(n: dict[str, Any]) -> Notification:
        note = Notification.from_dict(n)
        if n.get("attempted"):  # a process began sending it and died before recording the outcome
            note = replace(note, reason=f"{REPEAT_REASON}; {note.reason}" if note.reason else REPEAT_REASON)
        return note

    def retry_targets(self, note: Notification) -> frozenset[str] | None:
        """The (redacted) targets still owed ``note`` after a failed try; None: all of the receiver's targets."""
        entry = self.log.get(note.log_key) or {}
        for n in entry.get("outbox", ()):
            if n["key"] == note.key and "targets" in n:
                return frozenset(n["targets"])
        return None

    def retry_later(self, note: Notification, targets: frozenset[str] | set[str], now: float) -> bool:
        """Keep ``note`` in the outbox for another try at the ``targets`` that failed, with exponential backoff
        (``RETRY_BACKOFF_S``), so an outage heals without a person. False once ``retry_window`` has passed since
        the first failure (or the note is unknown): the runner dead-letters it then."""
        entry = self.log.get(note.log_key)
        if entry is None:
            return False
        outbox = entry.get("outbox", [])
        for i, n in enumerate(outbox):
            if n["key"] != note.key:
                continue
            first = n.get("first_failed_at", now)
            if now - first >= self.retry_window:
                return False
            failures = n.get("failures", 0) + 1
            wait = RETRY_BACKOFF_S[min(failures, len(RETRY_BACKOFF_S)) - 1]
            retried = {**n, "attempted": False, "failures": failures, "first_failed_at": first, "retry_at": now + wait,
                       "targets": sorted(targets)}
            self.log[note.log_key] = {**entry, "outbox": [*outbox[:i], retried, *outbox[i + 1:]]}
            return True
        return False

    def attempting(self, note: Notification) -> None:
        """The runner is about to send ``note``: recorded in the outbox, so that after a crash a re-send of a note
        that may have reached its targets says so (``REPEAT_REASON``) where no idempotency key can. Notes returned
        for delivery at once are recorded so when they are made (no extra write); this records the others — an
        alert handed over from another scope, a retry after a failure."""
        entry = self.log.get(note.log_key)
        outbox = (entry or {}).get("outbox", [])
        for i, n in enumerate(outbox):
            if n["key"] == note.key and not n.get("attempted"):
                self.log[note.log_key] = {**entry, "outbox": [*outbox[:i], {**n, "attempted": True}, *outbox[i + 1:]]}
                return

    def delivered(self, note: Notification) -> None:
        """The runner delivered ``note`` (whatever each target answered; failures are delivery's DLQ)."""
        entry = self.log.get(note.log_key)
        if entry is None or not entry.get("outbox"):
            return
        self.log[note.log_key] = {**entry, "outbox": [n for n in entry["outbox"] if n["key"] != note.key]}

    def next_due(self, scope: int | None = None) -> float:
        """When ``due``/``undelivered`` next has work in ``scope`` (read-only: safe outside stream context)."""
        soonest = INF
        for key, entry in list(self.log.items()):
            if scope is not None and entry.get("scope") != scope:
                continue
            if entry.get("forward"):
                return 0.0
            waiting = [n.get("retry_at", 0.0) for n in entry.get("outbox", ()) if n["key"] not in self.in_flight]
            if waiting:
                soonest = min(soonest, *waiting)
                if soonest <= 0.0:
                    return 0.0
            if entry.get("state") == "pending":
                soonest = min(soonest, entry["due"])
            elif entry.get("followup_due") is not None:
                soonest = min(soonest, entry["followup_due"])
            elif key.startswith("digest|") and (entry.get("items") or entry.get("remote")) and entry.get("due"):
                soonest = min(soonest, entry["due"])
            elif key.startswith("rate|") and (entry.get("held") or entry.get("remote_held")):
                rate = self.config.receiver(key.split("|")[1]).rate_limit
                sent = sorted(entry["sent"])
                if rate is None or len(sent) < rate.count:
                    return 0.0
                soonest = min(soonest, sent[-rate.count] + rate.per)
        return soonest

    @staticmethod
    def _note(key: str, kind: str, route: Route, story: dict[str, Any], detection: Detection,
              reason: str, rounds: int = 0) -> Notification:
        # stable across resends of one alert; a re-alert after repeat_interval is a new round, a new key
        return Notification(
            key=f"{key}|{kind}" + (f"|{rounds}" if rounds else ""), kind=kind, receiver=route.receiver,
            story_id=story["id"],
            status=detection.status, detection=detection, sources=tuple(story["sources"]),
            languages=tuple(story["languages"]), outlets=len(story["sources"]), reason=reason, log_key=key,
        )
