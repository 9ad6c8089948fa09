"""Inhibition (Alertmanager's inhibit/): an alert is muted while a *source* story exists that matches a rule.

A rule has a source matcher, a target matcher and ``equal`` fields. The target alert (a story × status, its lead
detection) is muted when another story × status in the same partition key — e.g. ``violated`` — matches the
source matcher and agrees with the target on every ``equal`` field. Scalar fields must be equal; ``countries``
and ``actors`` must overlap (the same conflict); ``story`` means the same story. Example: a ``violated``
ceasefire mutes further alerts of the ``announced`` one of the same conflict::

    inhibit_rules:
      - source_match: {type: [ceasefire], status: [violated]}
        target_match: {type: [ceasefire], status: [announced]}
        equal: [countries]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from alerts.config import InhibitRule
from alerts.routing import matches
from alerts.stories import actor_keys
from detectors.contracts import Detection, detection_from_dict


def _agrees(name: str, source: Detection, source_story: str, target: Detection, target_story: str) -> bool:
    if name == "story":
        return source_story == target_story
    if name == "countries":
        return bool(set(source.countries) & set(target.countries))
    if name == "actors":
        return bool(set(actor_keys(source)) & set(actor_keys(target)))
    return getattr(source, name) == getattr(target, name)


def inhibitor(
    rules: Iterable[InhibitRule], target: Detection, target_story: str, stories: Iterable[dict[str, Any]]
) -> str | None:
    """Why ``target`` (the lead detection of story ``target_story``) is inhibited, or None."""
    candidates = [(i, r) for i, r in enumerate(rules) if matches(r.target, target)]
    if not candidates:
        return None
    for story in stories:
        for status, lead in story.get("by_status", {}).items():
            if story["id"] == target_story and status == target.status:
                continue
            source = detection_from_dict(lead)
            for i, rule in candidates:
                if matches(rule.source, source) and all(
                    _agrees(f, source, story["id"], target, target_story) for f in rule.equal
                ):
                    equal = f" equal on {', '.join(rule.equal)}" if rule.equal else ""
                    return f"inhibited by {source.type}/{source.status} story {story['id']} (rule {i + 1}{equal})"
    return None
