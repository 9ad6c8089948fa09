"""Silences: operator-set mutes with matchers, a start, an end, an author and a comment (Alertmanager's silence/).

A silence is a plain JSON object — the same shape in the config file (``silences:``), in the embedded runner's
local file and as the value of a record in the worker's compacted ``<worker id>-silences`` topic (key = id)::

    {"id": "…", "matchers": {"type": ["ceasefire"], "countries": ["LY"], "story": ["s-…"]},
     "starts_at": "2026-01-01T10:00:00Z", "ends_at": "2026-01-01T12:00:00Z", "author": "ana", "comment": "…"}

Matchers use the route vocabulary (AND across fields, OR within a list) plus ``story`` (story ids). Expiring a
silence rewrites it with ``ends_at`` = now: the record stays visible in ``silence list`` as expired. This module is
pure apart from the small JSON file store; Kafka lives in ``streams/``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alerts.config import Config, Matcher, matcher_from_dict
from alerts.durations import parse_duration
from alerts.routing import matches
from alerts.vocabulary import FORMS, LEVELS, STATUSES, TYPES
from detectors.contracts import Detection

MATCHER_FIELDS = ("type", "status", "form", "countries", "actors", "level", "language", "source", "story",
                  "min_confidence")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# the registry's words a matcher field may take (the config schema checks the same: alerts.config)
_WORDS: Mapping[str, tuple[str, ...]] = {
    "type": TYPES, "status": tuple(dict.fromkeys(s for ss in STATUSES.values() for s in ss)), "level": LEVELS,
    "form": FORMS}


class SilenceError(ValueError):
    """A silence that cannot be created: a bad matcher, duration or timestamp."""


@dataclass(frozen=True)
class Silence:
    id: str
    matcher: Matcher
    stories: frozenset[str]
    starts_at: float
    ends_at: float
    author: str = ""
    comment: str = ""
    raw: Mapping[str, Any] | None = None

    def active(self, now: float) -> bool:
        return self.starts_at <= now < self.ends_at

    def mutes(self, detection: Detection, story_id: str, now: float) -> bool:
        if not self.active(now):
            return False
        if self.stories and story_id not in self.stories:
            return False
        return matches(self.matcher, detection)

    def describe(self) -> str:
        return f"silence {self.id} by {self.author or '?'} until {format_time(self.ends_at)}" + (
            f" ({self.comment})" if self.comment else "")


def parse_time(text: str) -> float:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise SilenceError(f"{text!r} is not an RFC 3339 timestamp such as 2026-01-01T12:00:00Z") from None


def format_time(ts: float) -> str:
    if ts == float("inf"):
        return "never"
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def silence_from_dict(obj: Mapping[str, Any], default_start: float = 0.0) -> Silence:
    m = dict(obj.get("matchers") or {})
    stories = frozenset(m.pop("story", ()))
    return Silence(
        id=str(obj.get("id") or "config"),
        matcher=matcher_from_dict(m),
        stories=stories,
        starts_at=parse_time(obj["starts_at"]) if obj.get("starts_at") else default_start,
        ends_at=parse_time(obj["ends_at"]) if obj.get("ends_at") else float("inf"),
        author=str(obj.get("author", "")),
        comment=str(obj.get("comment", "")),
        raw=dict(obj),
    )


def parse_matchers(specs: Iterable[str]) -> dict[str, Any]:
    """``type=ceasefire`` ``countries=LY,SY`` ``min_confidence=0.8`` → a matchers mapping; errors say which one."""
    out: dict[str, Any] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip()
        if not sep or not name or not value.strip():
            raise SilenceError(f"matcher {spec!r}: expected FIELD=VALUE[,VALUE…]")
        if name not in MATCHER_FIELDS:
            raise SilenceError(f"matcher {spec!r}: unknown field {name!r}{_did_you_mean(name, MATCHER_FIELDS)} "
                               f"(fields: {', '.join(MATCHER_FIELDS)})")
        if name == "min_confidence":
            try:
                conf = float(value)
            except ValueError:
                raise SilenceError(f"matcher {spec!r}: not a number") from None
            if not 0 <= conf <= 1:
                raise SilenceError(f"matcher {spec!r}: must be between 0 and 1")
            out[name] = conf
            continue
        values = [v.strip() for v in value.split(",") if v.strip()]
        if name == "countries" and (bad := [v for v in values if not _COUNTRY.match(v)]):
            raise SilenceError(f"matcher {spec!r}: {bad[0]!r} is not an ISO 3166 alpha-2 code such as LY")
        if name in _WORDS and (bad := [v for v in values if v not in _WORDS[name]]):
            raise SilenceError(f"matcher {spec!r}: {bad[0]!r} is not a valid {name}"
                               f"{_did_you_mean(bad[0], _WORDS[name])}; one of: {', '.join(_WORDS[name])}")
        if name == "language" and (bad := [v for v in values if not _LANGUAGE.match(v)]):
            raise SilenceError(f"matcher {spec!r}: {bad[0]!r} is not a lower-case ISO 639 code such as de")
        out[name] = [*out.get(name, []), *values]
    if not out:
        raise SilenceError("a silence needs at least one matcher (e.g. --match countries=LY)")
    return out


def _did_you_mean(word: str, words: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(words), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def new_silence(matchers: Mapping[str, Any], *, now: float, duration: str | None = None, ends_at: str | None = None,
                author: str = "", comment: str = "", starts_at: str | None = None) -> dict[str, Any]:
    """A new silence record (a JSON-ready dict) ending after ``duration`` (``2h``) or at ``ends_at`` (RFC 3339)."""
    start = parse_time(starts_at) if starts_at else now
    if (duration is None) == (ends_at is None):
        raise SilenceError("give exactly one of a duration (e.g. 2h) or an end time (RFC 3339)")
    if duration is not None:
        try:
            end = start + parse_duration(duration)
        except ValueError as exc:
            raise SilenceError(str(exc)) from None
    else:
        end = parse_time(str(ends_at))
    if end <= start:
        raise SilenceError("the silence would end before it starts")
    return {"id": secrets.token_hex(6), "matchers": dict(matchers), "starts_at": format_time(start),
            "ends_at": format_time(end), "author": author, "comment": comment, "created_at": format_time(now)}


def expired(record: Mapping[str, Any], now: float) -> dict[str, Any]:
    return {**record, "ends_at": format_time(min(now, parse_time(record["ends_at"])))}


class SilenceFile:
    """The embedded runner's store: one JSON object ``{id: silence}``, rewritten atomically."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise SilenceError(f"{self.path}: unreadable silences file: {exc}") from None
        if not isinstance(data, dict):
            raise SilenceError(f"{self.path}: expected a JSON object of silences by id")
        return data

    def put(self, record: Mapping[str, Any]) -> None:
        data = self.load()
        data[record["id"]] = dict(record)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".silences-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.path)


def silences_file(config: Config, env: Mapping[str, str] | None = None) -> Path:
    """The config's ``state.silences_file`` (relative to the config file), else
    ``$XDG_STATE_HOME/wirewatch/silences.json`` (``~/.local/state/wirewatch/silences.json``)."""
    if config.state.silences_file:
        path = Path(os.path.expanduser(config.state.silences_file))
        if not path.is_absolute() and config.source not in ("<defaults>", ""):
            path = Path(config.source).resolve().parent / path
        return path
    env = os.environ if env is None else env
    base = Path(env.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "wirewatch" / "silences.json"


def local_silences(config: Config) -> Silences:
    """The embedded runner's silences: the config's static ones plus the local file's."""
    silences = Silences(config.silences)
    for record in SilenceFile(silences_file(config)).load().values():
        silences.put(record)
    return silences


class Silences:
    """The silences a runner knows, by id (config, file or topic); ``put`` replaces, so expiry is a rewrite."""

    def __init__(self, records: Iterable[Mapping[str, Any]] = ()) -> None:
        self._by_id: dict[str, Silence] = {}
        for i, record in enumerate(records):
            self.put(record if record.get("id") else {**record, "id": f"config-{i + 1}"})

    def put(self, record: Mapping[str, Any]) -> None:
        silence = silence_from_dict(record)
        self._by_id[silence.id] = silence

    def remove(self, silence_id: str) -> None:
        self._by_id.pop(silence_id, None)

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def muting(self, detection: Detection, story_id: str, now: float) -> Silence | None:
        return next((s for s in self._by_id.values() if s.mutes(detection, story_id, now)), None)
