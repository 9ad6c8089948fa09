"""Routes: which receivers a detection goes to (Alertmanager's matching, flattened)."""

from __future__ import annotations

from collections.abc import Iterable

from alerts.config import Matcher, Route
from detectors.contracts import Detection


def matches(matcher: Matcher, detection: Detection) -> bool:
    """AND across fields, OR within a list; an empty field matches everything."""
    if matcher.type and detection.type not in matcher.type:
        return False
    if matcher.status and detection.status not in matcher.status:
        return False
    if matcher.countries and not matcher.countries.intersection(detection.countries):
        return False
    if matcher.level and detection.level not in matcher.level:
        return False
    if matcher.language and detection.language not in matcher.language:
        return False
    if matcher.source and detection.source not in matcher.source:
        return False
    if detection.confidence < matcher.min_confidence:
        return False
    if matcher.actors:
        names = [a.text.casefold() for a in detection.actors]
        if not any(w in name for w in matcher.actors for name in names):
            return False
    return True


def select_routes(routes: Iterable[Route], detection: Detection) -> list[Route]:
    """Routes are tried in order; the first match wins unless it says ``continue``."""
    chosen = []
    for route in routes:
        if matches(route.match, detection):
            chosen.append(route)
            if not route.continue_:
                break
    return chosen
