"""The delivery record: every attempt and its result, and the dead letters of alerts that still failed.

Records are plain dicts (JSON): the worker produces them to ``<worker id>-alert-history`` and ``alerts.dlq``;
the embedded runner appends them to local JSONL files (``JsonlLog``). Targets are always redacted
(``alerts.delivery.redact``): a record never holds an apprise URL.

History record: ``{"at", "key", "story_id", "receiver", "target", "channel", "attempt", "outcome", "status"?,
"retry_after"?, "error"?, "elapsed_ms", "replay"?}`` with outcome ``delivered`` | ``retrying`` | ``failed``.
Dead letter: ``{"id", "failed_at", "receiver", "target", "error", "attempts", "notification"}``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from alerts.notes import Notification
from alerts.vocabulary import DeliveryOutcome
from detectors.contracts import detection_from_dict

OUTCOMES = tuple(DeliveryOutcome)  # a history record's "outcome"
STATE_DIR_ENV = "WIREWATCH_STATE_DIR"

log = logging.getLogger(__name__)


def state_dir() -> Path:
    """Where the embedded runner keeps its delivery files: ``$WIREWATCH_STATE_DIR``, else next to the silences
    file in ``$XDG_STATE_HOME/wirewatch`` (``~/.local/state/wirewatch``)."""
    if os.environ.get(STATE_DIR_ENV):
        return Path(os.environ[STATE_DIR_ENV])
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "wirewatch"


def default_history_file() -> Path:
    return state_dir() / "alert-history.jsonl"


def default_dlq_file() -> Path:
    return state_dir() / "alerts.dlq.jsonl"


def notification_from_dict(obj: dict[str, Any]) -> Notification:
    """Inverse of ``Notification.to_dict``; fields this version does not know are ignored."""
    if hasattr(Notification, "from_dict"):
        return Notification.from_dict(obj)
    known = {f.name for f in dataclasses.fields(Notification)}
    values = {k: v for k, v in obj.items() if k in known}
    values["detection"] = detection_from_dict(obj["detection"])
    for name in ("sources", "languages"):
        if name in values:
            values[name] = tuple(values[name])
    return Notification(**values)


def dead_letter(note: Notification, receiver: str, target: str, error: str | None, attempts: int,
                failed_at: float) -> dict[str, Any]:
    ident = hashlib.sha256(f"{note.key}|{target}|{failed_at}".encode()).hexdigest()[:16]
    return {"id": ident, "failed_at": failed_at, "receiver": receiver, "target": target, "error": error,
            "attempts": attempts, "notification": note.to_dict()}


def records_of(note: Notification, results: Iterable[Any], now: float) -> tuple[list[dict], list[dict]]:
    """(history records, dead letters) of one delivery: ``results`` are ``alerts.delivery.DeliveryResult``."""
    results = list(results)
    history = [h for r in results for h in r.history]
    dead = [dead_letter(note, r.receiver, r.target, r.error, r.attempts, now) for r in results if not r.ok]
    return history, dead


def replay(letters: Iterable[dict[str, Any]], deliver: Callable[..., list[Any]], now: Callable[[], float]
           ) -> tuple[list[dict], list[dict], int]:
    """Re-send each dead letter once, to the one target that failed.

    ``deliver(note, targets=…, replay=True)`` is ``Deliverer.deliver``. Returns (history records, dead letters
    that failed again — with ``replays`` counted, number delivered)."""
    history: list[dict] = []
    again: list[dict] = []
    delivered = 0
    for letter in letters:
        note = notification_from_dict(letter["notification"])
        try:
            results = deliver(note, targets={letter["target"]}, replay=True)
        except KeyError:
            results = []
        if not results:  # the receiver or the target is gone from the config: keep the letter, say why
            again.append({**letter, "error": "receiver or target no longer in the config",
                          "replays": letter.get("replays", 0) + 1})
            continue
        h, dead = records_of(note, results, now())
        history.extend(h)
        again.extend({**d, "replays": letter.get("replays", 0) + 1} for d in dead)
        delivered += all(r.ok for r in results)
    return history, again, delivered


class LocalRecords:
    """The embedded runner's delivery record: history and dead letters as local JSONL files."""

    def __init__(self, history: str | os.PathLike[str] | None = None,
                 dlq: str | os.PathLike[str] | None = None) -> None:
        self.history = JsonlLog(history or default_history_file())
        self.dlq = JsonlLog(dlq or default_dlq_file())

    def record(self, note: Notification, results: Iterable[Any], now: float, dead_letters: bool = True
               ) -> list[dict]:
        """Append the history records of one delivery, and its dead letters unless ``dead_letters`` is False (a
        failure that will be retried, ``alerts.settle``); returns the dead letters written."""
        history, dead = records_of(note, results, now)
        self.history.append(history)
        if not dead_letters:
            return []
        self.dlq.append(dead)
        return dead


def matches(record: dict[str, Any], receiver: str | None = None, story: str | None = None,
            outcome: str | None = None) -> bool:
    return ((receiver is None or record.get("receiver") == receiver)
            and (story is None or record.get("story_id") == story)
            and (outcome is None or record.get("outcome") == outcome))


def format_record(r: dict[str, Any]) -> str:
    from datetime import UTC, datetime

    at = r.get("at")
    when = (datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S") if isinstance(at, int | float)
            else "????-??-?? ??:??:??")
    extra = " ".join(x for x in (
        f"http={r['status']}" if r.get("status") else "",
        f"retry_after={r['retry_after']:.0f}s" if r.get("retry_after") is not None else "",
        "replay" if r.get("replay") else "",
        f"error={r['error']}" if r.get("error") else "",
    ) if x)
    return (f"{when} {r.get('outcome', '?'):<9} {r.get('receiver', '?')} {r.get('target', '?')} "
            f"story={r.get('story_id', '?')} attempt={r.get('attempt', '?')} {r.get('elapsed_ms', 0)}ms "
            f"{extra}").rstrip()  # a record missing a field (an edit, another version) still prints


class JsonlLog:
    """An append-only JSONL file, safe for the threads of one process; readers skip a torn last line."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def append(self, records: Iterable[dict[str, Any]]) -> None:
        data = b"".join(orjson.dumps(r) + b"\n" for r in records)
        if not data:
            return
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab") as fh:
                fh.write(data)

    def read(self) -> Iterator[dict[str, Any]]:
        try:
            fh = self.path.open("rb")
        except FileNotFoundError:
            return
        with fh:
            for n, line in enumerate(fh, start=1):
                if line.strip():
                    try:
                        record = orjson.loads(line)
                    except orjson.JSONDecodeError as exc:  # a torn last line after a crash, or an edit
                        log.warning("%s:%d: not a JSON record, skipped: %s", self.path, n, exc)
                        continue
                    if isinstance(record, dict):
                        yield record
                    else:
                        log.warning("%s:%d: not a JSON object, skipped", self.path, n)

    def replace(self, records: Iterable[dict[str, Any]]) -> None:
        """Atomically rewrite the file with ``records`` (the DLQ after a replay)."""
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(self.path.suffix + ".tmp")
            tmp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
            os.replace(tmp, self.path)
