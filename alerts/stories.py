"""Stories: the reports of one event from many articles, merged.

A detection joins an open story of the same type when they share an actor or a country and the story was
seen within the window; otherwise it opens a new story. Stories are plain dicts (JSON-ready) in one mapping,
so the same code runs on a faust table (worker) and on a dict (embedded runner). Two kinds of keys:

* the detection's coarse partition key (``story_key``, e.g. ``ceasefire|LY``) → the *index*: one small ref per
  open story (id, type, actors, countries, last seen) — what matching reads;
* ``story/<id>`` → the story itself (articles, sources, languages, statuses, first report per status).

A faust table writes a whole value to its changelog on every change, so the split keeps that write small: a
report of a known story rewrites its story (and the index only when its actors or countries grew, or its
last-seen time is ``INDEX_REFRESH_S`` old), not every open story under the key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

from alerts.routing import fold
from detectors.contracts import Detection

STORY_WINDOW_S = 48 * 3600.0
INDEX_REFRESH_S = 600.0        # the index's last-seen times may lag this much (they only bound the window)
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


def story_ref_key(story_id: str) -> str:
    return f"story/{story_id}"


def find(stories: Mapping[str, Any], story_key: str, story_id: str) -> dict[str, Any] | None:
    """The story ``story_id`` (None when it expired or never was)."""
    story = stories.get(story_ref_key(story_id))
    if story is not None:
        return story
    # state written before the index existed kept whole stories under the partition key
    return next((s for s in stories.get(story_key, None) or () if s["id"] == story_id and "articles" in s), None)


def open_stories(stories: Mapping[str, Any], story_key: str) -> Iterator[dict[str, Any]]:
    """Every story still indexed under ``story_key`` (for inhibition)."""
    for ref in stories.get(story_key, None) or ():
        story = find(stories, story_key, ref["id"])
        if story is not None:
            yield story


def _overlaps(ref: dict[str, Any], actors: set[str], countries: set[str]) -> bool:
    return not (actors.isdisjoint(ref["actors"]) and countries.isdisjoint(ref["countries"]))


def _ref(story: dict[str, Any]) -> dict[str, Any]:
    return {k: story[k] for k in ("id", "type", "actors", "countries", "last_seen")}


def attach(
    stories: MutableMapping[str, Any], detection: Detection, now: float
) -> tuple[dict[str, Any], bool]:
    """Put ``detection`` into its story; returns (story, new_article) — new_article is False on a replay."""
    key = detection.story_key
    index = stories.get(key, None) or []
    live = [r for r in index if now - r["last_seen"] <= STORY_WINDOW_S + INDEX_REFRESH_S]
    actors = actor_keys(detection)
    actor_set, country_set = set(actors), set(detection.countries)
    ref = next((r for r in live if r["type"] == detection.type and _overlaps(r, actor_set, country_set)), None)
    story = find(stories, key, ref["id"]) if ref is not None else None
    new_article = True
    if story is None:
        story = {
            "id": ref["id"] if ref is not None else _story_id(detection),
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
        live = [r for r in live if r["id"] != story["id"]] + [_ref(story)]
    else:
        story = dict(story)
        new_article = detection.article_id not in story["articles"]
        story["last_seen"] = now
        story["actors"] = sorted(actor_set.union(story["actors"]))
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
        assert ref is not None
        if (ref["actors"] != story["actors"] or ref["countries"] != story["countries"]
                or now - ref["last_seen"] >= INDEX_REFRESH_S or "articles" in ref):
            live = [_ref(story) if r["id"] == story["id"] else r for r in live]
    # reassign, never mutate in place: faust tables only persist on __setitem__
    stories[story_ref_key(story["id"])] = story
    kept = live[-MAX_STORIES_PER_KEY:]
    if kept != index:
        stories[key] = kept
        for gone in {r["id"] for r in index} - {r["id"] for r in kept}:
            stories.pop(story_ref_key(gone), None)
    return story, new_article


def _story_id(detection: Detection) -> str:
    # deterministic: a replay of the same first detection opens the same story id
    return "s-" + hashlib.blake2b(f"{detection.story_key}|{detection.id}".encode(), digest_size=6).hexdigest()
