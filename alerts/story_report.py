"""What story matching knows of a detection (``alerts.story_match.Report``): when the news happened (event time),
persons by entity id or surname, other actors, place, evidence words and embedding."""

from __future__ import annotations

import re
from datetime import datetime

from alerts.routing import fold
from alerts.story_match import Report
from detectors.contracts import Detection

FUTURE_SLACK_S = 86400.0  # an event time further ahead of the clock than this is clamped (untrusted input)
MAX_EVIDENCE_CHARS = 2000
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
                  persons=tuple(persons), parties=tuple(parties), countries=tuple(detection.countries),
                  place=place, embedding=tuple(embedding) if embedding else None,
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
