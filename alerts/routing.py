"""Routes: which receivers a detection goes to (Alertmanager's matching, flattened)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from alerts.config import Matcher, Route
from detectors.contracts import Detection


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names across languages (Erdoğan = Erdogan = ERDOGAN)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def mismatch(matcher: Matcher, detection: Detection) -> str | None:
    """Why ``detection`` fails ``matcher`` (the first failing field), or None when it matches.

    AND across fields, OR within a list; an empty field matches everything."""
    def one_of(name: str, allowed: frozenset[str], value: str | None) -> str | None:
        if allowed and value not in allowed:
            return f"{name} {value!r} not in {sorted(allowed)}"
        return None

    for problem in (
        one_of("type", matcher.type, detection.type),
        one_of("status", matcher.status, detection.status),
        None if not matcher.countries or matcher.countries.intersection(detection.countries)
        else f"countries {list(detection.countries)} share none of {sorted(matcher.countries)}",
        one_of("level", matcher.level, detection.level),
        one_of("language", matcher.language, detection.language),
        one_of("source", matcher.source, detection.source),
        None if detection.confidence >= matcher.min_confidence
        else f"confidence {detection.confidence:.2f} < {matcher.min_confidence:.2f}",
        one_of("recency", matcher.recency, detection.recency),
        one_of("form", matcher.form, detection.form),
    ):
        if problem:
            return problem
    if matcher.actors:
        names = [fold(a.text) for a in detection.actors]
        if not any(fold(w) in name for w in matcher.actors for name in names):
            return f"no actor contains any of {list(matcher.actors)}"
    return None


def matches(matcher: Matcher, detection: Detection) -> bool:
    return mismatch(matcher, detection) is None


def select_routes(routes: Iterable[Route], detection: Detection) -> list[Route]:
    """Routes are tried in order; the first match wins unless it says ``continue``."""
    return [route for route, matched, _ in check_routes(routes, detection) if matched]


def check_routes(routes: Iterable[Route], detection: Detection) -> list[tuple[Route, bool, str]]:
    """Every route with (matched and selected, why) — the routing half of ``alerts explain``."""
    out = []
    stopped_by: str | None = None
    for i, route in enumerate(routes):
        label = f"route {i + 1} → {route.receiver}"
        if stopped_by is not None:
            out.append((route, False, f"{label}: not tried ({stopped_by} matched without continue)"))
            continue
        problem = mismatch(route.match, detection)
        if problem:
            out.append((route, False, f"{label}: no match: {problem}"))
            continue
        out.append((route, True, f"{label}: matched" + (" (continue)" if route.continue_ else "")))
        if not route.continue_:
            stopped_by = f"route {i + 1}"
    return out
