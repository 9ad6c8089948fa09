"""Stories: the reports of one event from many articles, merged.

A detection joins an open story of the same type when they share an actor or a country and the story was
seen within the window; otherwise it opens a new story. Stories are plain dicts (JSON-ready) kept in a
mapping keyed by the detection's coarse partition key, so the same code runs on a faust table (worker)
and on a dict (embedded runner).
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from typing import Any

from alerts.routing import fold
from detectors.contracts import Detection

STORY_WINDOW_S = 48 * 3600.0
MAX_STORIES_PER_KEY = 200      # bounded state per partition key
MAX_ARTICLES_PER_STORY = 500   # article ids remembered per story (for dedup of replays)


def actor_keys(detection: Detection) -> list[str]:
    """Comparable actor keys: the case-folded last word of each actor (``General Khalifa Haftar`` → ``haftar``)."""
    keys = []
    for actor in detection.actors:
        words = [w for w in actor.text.replace("-", " ").split() if w[:1].isalpha()]
        if words:
            last = fold(words[-1])
            keys.append(last.removesuffix("s") if actor.kind == "person" else last)
    return sorted(set(keys))


def _overlaps(story: dict[str, Any], detection: Detection, actors: list[str]) -> bool:
    if set(story["actors"]) & set(actors):
        return True
    return bool(set(story["countries"]) & set(detection.countries))


def attach(
    stories: MutableMapping[str, list[dict[str, Any]]], detection: Detection, now: float
) -> tuple[dict[str, Any], bool]:
    """Put ``detection`` into its story; returns (story, new_article) — new_article is False on a replay."""
    key = detection.story_key
    bucket = [s for s in stories.get(key, []) if now - s["last_seen"] <= STORY_WINDOW_S]
    actors = actor_keys(detection)
    story = next((s for s in bucket if s["type"] == detection.type and _overlaps(s, detection, actors)), None)
    new_article = True
    if story is None:
        story = {
            "id": _story_id(detection),
            "type": detection.type,
            "opened_at": now,
            "last_seen": now,
            "actors": actors,
            "countries": list(detection.countries),
            "articles": [detection.article_id],
            "sources": [detection.source or detection.url or detection.article_id],
            "languages": [detection.language],
            "statuses": [detection.status],
            "by_status": {detection.status: detection.to_dict()},  # first report of each status (inhibition)
        }
        bucket.append(story)
    else:
        new_article = detection.article_id not in story["articles"]
        story["last_seen"] = now
        story["actors"] = sorted(set(story["actors"]) | set(actors))
        story["countries"] = list(dict.fromkeys([*story["countries"], *detection.countries]))
        if new_article:
            story["articles"] = [*story["articles"], detection.article_id][-MAX_ARTICLES_PER_STORY:]
            source = detection.source or detection.url or detection.article_id
            if source not in story["sources"]:
                story["sources"] = [*story["sources"], source][-MAX_ARTICLES_PER_STORY:]
        if detection.language not in story["languages"]:
            story["languages"] = [*story["languages"], detection.language]
        if detection.status not in story["statuses"]:
            story["statuses"] = [*story["statuses"], detection.status]
        if detection.status not in story.setdefault("by_status", {}):
            story["by_status"] = {**story["by_status"], detection.status: detection.to_dict()}
    stories[key] = bucket[-MAX_STORIES_PER_KEY:]  # reassign: faust tables only persist on __setitem__
    return story, new_article


def _story_id(detection: Detection) -> str:
    # deterministic: a replay of the same first detection opens the same story id
    return "s-" + hashlib.blake2b(f"{detection.story_key}|{detection.id}".encode(), digest_size=6).hexdigest()
