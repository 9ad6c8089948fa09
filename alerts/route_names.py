"""Stable route names: the notification log refers to a route by name, never by its place in ``routes``.

A route may say ``name:``. Without one its name is derived from what it does — the receiver, then every
non-empty matcher field in a fixed order, values sorted:

    receiver                                    (no match: every detection)
    ops{type=ceasefire;status=announced,violated;countries=LY}

so reordering routes, or adding one, never re-binds an alert waiting in the log. Two routes with the same name
are a config error (two routes to one receiver with the same match must be told apart by a ``name:``).
"""

from __future__ import annotations

from typing import Any

_FIELDS = ("type", "status", "countries", "actors", "level", "language", "source")
# A route's min_confidence when the config gives none. Confidence is calibrated (of detections at 0.8, about 80 %
# are right), so by default a route alerts on what is more likely than not an event; 0 takes every detection.
DEFAULT_MIN_CONFIDENCE = 0.5


def derive_name(receiver: str, match: Any) -> str:
    """The name of a route without ``name:``: receiver plus its matcher (``alerts.config.Matcher``)."""
    parts = [f"{f}={','.join(sorted(getattr(match, f)))}" for f in _FIELDS if getattr(match, f)]
    if match.min_confidence != DEFAULT_MIN_CONFIDENCE:
        parts.append(f"min_confidence={match.min_confidence:g}")
    return f"{receiver}{{{';'.join(parts)}}}" if parts else receiver


def duplicates(names: list[str]) -> list[tuple[int, str]]:
    """(index, name) of every route whose name an earlier route already has."""
    seen: set[str] = set()
    out = []
    for i, name in enumerate(names):
        if name in seen:
            out.append((i, name))
        seen.add(name)
    return out
