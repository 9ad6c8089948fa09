"""The event words every package shares — types, statuses, levels, forms — as str-valued enums.

Built from the detector registry (``lexicons/detectors.json``: ``events``), so adding an event type or a status
there is the one edit; config validation, rendering, metrics labels and evaluation read these. The members are
``str`` (``StrEnum``): ``EventType.CEASEFIRE == "ceasefire"`` and JSON stays as it was.
"""

from __future__ import annotations

from enum import StrEnum

from detectors.registry import events

_EVENTS = events()


def _words(part: str) -> list[str]:
    return list(dict.fromkeys(w for words in _EVENTS.values() for w in words[part]))


EventType = StrEnum("EventType", {name.upper(): name for name in _EVENTS})  # type: ignore[misc]
Status = StrEnum("Status", {w.upper(): w for w in _words("statuses")})  # type: ignore[misc]
Level = StrEnum("Level", {w.upper(): w for w in _words("levels")})  # type: ignore[misc]
Form = StrEnum("Form", {w.upper(): w for w in _words("forms")})  # type: ignore[misc]

TYPES: tuple[str, ...] = tuple(_EVENTS)
# the statuses each type can have, in the registry's order
STATUSES: dict[str, tuple[str, ...]] = {name: words["statuses"] for name, words in _EVENTS.items()}
# the statuses of one story in the order of their weight as news: of the statuses one article reports of one story
# the first one leads (the alert it makes shows that one: "Haftar announced a ceasefire", not the call before it)
LEAD: dict[str, tuple[str, ...]] = {name: words["lead"] for name, words in _EVENTS.items()}
LEVELS: tuple[str, ...] = tuple(_words("levels"))
FORMS: tuple[str, ...] = tuple(_words("forms"))
TYPE_STATUSES: tuple[tuple[str, str], ...] = tuple((t, s) for t, ss in STATUSES.items() for s in ss)
