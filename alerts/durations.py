"""Durations as operators write them in Alertmanager: ``30s``, ``5m``, ``4h``, ``1h30m``, ``1d``."""

from __future__ import annotations

import re

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}
_PART = re.compile(r"([0-9]+)(ms|s|m|h|d|w)")
_WHOLE = re.compile(r"^(?:[0-9]+(?:ms|s|m|h|d|w))+$")


def parse_duration(text: str) -> float:
    """Seconds in ``text``; raises ValueError for anything else."""
    if not isinstance(text, str) or not _WHOLE.match(text):
        raise ValueError(f"{text!r} is not a duration such as 30s, 5m, 4h or 1h30m")
    return sum(int(n) * _UNITS[unit] for n, unit in _PART.findall(text))


def format_duration(seconds: float) -> str:
    """The short form for messages: ``4h``, ``5m``, ``30s`` (``90s`` stays seconds)."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{seconds / 3600:g}h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds / 60:g}m"
    return f"{seconds:g}s"
