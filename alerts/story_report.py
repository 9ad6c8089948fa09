"""What story matching knows of a detection (``alerts.story_match.Report``): when the news happened (event time),
persons by entity id or surname, other actors, place, evidence words and embedding."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from importlib import resources

import numpy as np

from alerts.routing import fold
from alerts.story_parts import Report
from detectors.contracts import Detection

FUTURE_SLACK_S = 86400.0  # an event time further ahead of the clock than this is clamped (untrusted input)
MAX_EVIDENCE_CHARS = 2000
ACTOR_COUNTRIES_FILE = "actor_countries.txt"
_WORD = re.compile(r"[^\W\d_]+")
_ARTICLES = ("the ", "die ", "der ", "das ", "le ", "la ", "les ", "el ", "il ")


def _epoch(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except (ValueError, TypeError):
        return None


def event_time(detection: Detection, now: float) -> float:
    """When the news happened: ``published_at``, else ``detected_at``, else ``now`` (clamped near the clock)."""
    at = _epoch(detection.published_at) or _epoch(detection.detected_at) or now
    return min(at, now + FUTURE_SLACK_S)


def _surname(text: str) -> str | None:
    words = [w for w in text.replace("-", " ").split() if w[:1].isalpha()]
    return fold(words[-1]).removesuffix("s") if words else None


def _party(text: str) -> str:
    name = fold(" ".join(text.split()))
    for article in _ARTICLES:
        name = name.removeprefix(article)
    return name


def _entity(actor_id: str | None) -> str | None:
    """An entity id without its kind (``person:hamas`` = ``org:hamas``: the kind is the detector's guess)."""
    return actor_id.split(":", 1)[-1] if actor_id else None


@cache
def actor_countries() -> dict[str, str]:
    """Entity id → the country the actor acts for (``assets/actor_countries.txt``)."""
    text = resources.files("alerts.assets").joinpath(ACTOR_COUNTRIES_FILE).read_text(encoding="utf-8")
    pairs = (line.split() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {p[0]: p[1] for p in pairs if len(p) == 2}


def _countries(detection: Detection, parties: list[str], persons: list[tuple[str | None, str]]) -> tuple[str, ...]:
    """The countries a report is about: the detector's, a country named as an actor ("the Kremlin"), and the
    country of a known actor ("Putin": RU) — compared as overlap, where one shared never joins alone."""
    home = actor_countries()
    out = list(dict.fromkeys(detection.countries))
    for key in [*(p[0] for p in persons), *parties]:
        country = key if key and len(key) == 2 and key.isupper() else home.get(key or "")
        if country and country not in out:
            out.append(country)
    return tuple(out)


def _vector(embedding: object) -> tuple[float, ...] | None:
    data, scale = getattr(embedding, "data", None), getattr(embedding, "scale", None)
    if isinstance(data, bytes) and isinstance(scale, float):  # detectors.contracts.Embedding: int8 × scale
        return tuple((np.frombuffer(data, dtype=np.int8) * scale).tolist())
    return tuple(embedding) if embedding else None  # type: ignore[call-overload]


def report_of(detection: Detection, now: float) -> Report:
    """What matching knows of ``detection``: persons by entity id or surname, other actors, place, time."""
    persons: list[tuple[str | None, str]] = []
    parties: list[str] = []
    named: set[str] = set()  # persons named by two words or more (with confidence: story_match.confident)
    for actor in detection.actors:
        entity = _entity(actor.id)
        if actor.kind == "person":
            name = _surname(actor.text)
            if name and all(p[1] != name for p in persons):
                persons.append((entity, name))
                if len([w for w in actor.text.replace("-", " ").split() if w[:1].isalpha()]) >= 2:
                    named.add(entity or name)
        elif actor.kind != "country" or entity:  # a country named as an actor is a country, unless an entity
            party = entity or _party(actor.text)
            if party and party not in parties:
                parties.append(party)
    loc = detection.location
    place = (fold(loc.text.strip()) or None, loc.country) if loc is not None else None
    embedding = getattr(detection, "embedding", None)
    return Report(type=detection.type, at=event_time(detection, now), event_date=detection.event_date,
                  persons=tuple(persons), parties=tuple(parties), countries=_countries(detection, parties, persons),
                  place=place, embedding=_vector(embedding) if embedding else None,
                  embedding_model=getattr(embedding, "model", None) if embedding else None,
                  words=content_words(detection.evidence.text), status=detection.status, named=frozenset(named))


def content_words(text: str) -> frozenset[str]:
    """The evidence's content words, folded: names (capitalised, three letters or more) and words of five or
    more letters — what two reports of one event in one language tend to share."""
    out = set()
    for word in _WORD.findall(text[:MAX_EVIDENCE_CHARS]):
        if len(word) >= 5 or (len(word) >= 3 and word[0].isupper()):
            out.add(fold(word))
    return frozenset(out)
