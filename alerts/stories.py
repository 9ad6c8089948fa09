"""Stories: the reports of one event from many articles, merged — in the time of the news.

A detection is compared with every open story of its partition key (its event type: ``detectors.contracts.
partition_key``) by ``alerts.story_match`` and joins the best one that matches; otherwise it opens a story. A
background mention (``recency: background``) never opens one: it may join an open story as one more source.

Time is event time: the detection's ``published_at``, else its ``detected_at`` (when it was received), so a scan,
a backfill or a replay groups as the live stream did. The index expires stories by an event-time *watermark* —
the newest event time seen under the key, minus the window and ``ALLOWED_LATENESS_S`` — never by wall clock.

Stories are plain dicts (JSON-ready) in one mapping, so the same code runs on a faust table (worker) and on a dict
(embedded runner). Two kinds of keys:

* the partition key → the *index* (``alerts.story_index``): a head and chunks of slim refs, one per open story —
  its id and first and last event time, what picks the candidates in the time window;
* ``story/<id>`` → the story itself: the facts matching reads (dates, persons, parties, countries, places,
  words, embedding — the mean direction of its first reports' —, statuses) and articles, sources, languages,
  first report per status. A report is scored against the candidates in its time window: a quick no for a
  report of other people (``story_match.cannot_join``), the evidence cosines of the rest in one matrix product.

A faust table writes a whole value to its changelog on every change, and every report of a type shares one key,
so a report writes its story and at most a chunk or two of the index: a report of a known story rewrites only its
story unless its event times moved (an earlier first report, a last one ``INDEX_REFRESH_S`` on) or it named a new
participant of a story that names people with confidence (the ref's names); a story that opens adds its ref to
the newest chunk. A report that names someone with confidence passes by the refs whose names share none of its
(``compare``: the same groupings as scoring them, without reading their records). State of earlier versions is
still read and joined, and rewritten in this format on the next write: an index of fat refs (``{"v": 2, "refs":
[...]}``), a bare list of refs with processing times, whole stories under the key (they get records of their own).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from array import array
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alerts import story_index, story_match, story_people
from alerts.story_match import Match, Report
from alerts.story_report import content_words, event_time, report_of  # noqa: F401 — part of this module's API
from detectors.contracts import Detection

STORY_WINDOW_S = story_match.WINDOW_S
ALLOWED_LATENESS_S = 6 * 3600.0  # a report this late (event time behind the watermark) still finds its story
INDEX_REFRESH_S = 600.0          # a ref's last event time may lag this much (it only bounds the window)
MAX_STORIES_PER_KEY = 200        # bounded state per partition key
MAX_ARTICLES_PER_STORY = 500     # article ids remembered per story (for dedup of replays)
MAX_FACTS = 12                   # persons, parties, places, dates remembered per story
MAX_WORDS = 80                   # content words of the evidence remembered per story
MAX_EMBEDDED = 8                 # reports whose evidence embeddings make the story's (their mean direction)
INDEX_VERSION = story_index.VERSION
BACKGROUND = "background"
@dataclass(slots=True)
class Attachment:
    """Where ``attach`` put a detection, and why (``alerts explain``)."""

    story: dict[str, Any] | None  # None: a background mention that matched no open story
    new_article: bool = True      # False: a replay of an article the story already counts
    opened: bool = False
    report: Report | None = None
    matches: list[Match] = field(default_factory=list)  # every open story compared, best first
    out_of_time: int = 0          # open stories not compared: more than the window away in event time
    apart: int = 0                # open stories not compared: of other people by their names (the index)

    @property
    def story_id(self) -> str | None:
        return None if self.story is None else str(self.story["id"])

    @property
    def chosen(self) -> Match | None:
        return next((m for m in self.matches if self.story is not None and m.story_id == self.story["id"]
                     and m.joins), None)


def actor_keys(detection: Detection) -> list[str]:
    """Folded surnames of persons and names of other actors (the story's ``actors``, for display and rules)."""
    report = report_of(detection, 0.0)
    return sorted({p[1] for p in report.persons} | set(report.parties))


def story_ref_key(story_id: str) -> str:
    return f"story/{story_id}"


def _legacy_ref(r: Mapping[str, Any]) -> dict[str, Any]:
    """A ref (or whole story) of the first versions: processing times, folded actor words."""
    seen = float(r.get("last_seen", 0.0))
    return {"id": r["id"], "type": r.get("type"), "first": seen, "last": seen, "dates": [], "persons": [],
            "parties": list(r.get("actors", ())), "countries": list(r.get("countries", ())), "places": [],
            "legacy": True}


def read_index(stories: Mapping[str, Any], key: str) -> tuple[float, list[dict[str, Any]]]:
    """(watermark, refs) under ``key``; the first versions' bare lists are read as refs of their own time."""
    index = story_index.load(stories, key)
    if index is not None:
        return index.watermark, index.refs()
    value = stories.get(key, None)
    if not value:
        return float("-inf"), []
    if isinstance(value, dict) and value.get("v") == 2:  # every story's facts in its ref
        return float(value["watermark"]), list(value["refs"])
    refs = [_legacy_ref(r) for r in value if isinstance(r, Mapping) and "id" in r] if isinstance(value, list) else []
    return max((r["last"] for r in refs), default=float("-inf")), refs


def find(stories: Mapping[str, Any], story_key: str, story_id: str | None) -> dict[str, Any] | None:
    """The story ``story_id`` (None when it expired or never was)."""
    if story_id is None:
        return None
    story = stories.get(story_ref_key(story_id))
    if story is not None:
        return story
    # state written before the index existed kept whole stories under the partition key
    legacy = stories.get(story_key, None)
    if isinstance(legacy, list):
        return next((s for s in legacy if s.get("id") == story_id and "articles" in s), None)
    return None


def open_stories(stories: Mapping[str, Any], story_key: str) -> Iterator[dict[str, Any]]:
    """Every story still indexed under ``story_key`` (for inhibition)."""
    for ref in read_index(stories, story_key)[1]:
        story = find(stories, story_key, ref["id"])
        if story is not None:
            yield story


def pack(vector: Sequence[float]) -> dict[str, Any]:
    """A story's embedding in its record: int8 components and one scale, base64 (a 512-d vector: ~700 bytes,
    not the ~4 KB of its floats in every rewrite of the story)."""
    values = np.asarray(vector, dtype=np.float64)
    peak = float(np.abs(values).max()) if values.size else 0.0
    scale = peak / 127 if peak > 0 else 1.0
    raw = np.clip(np.round(values / scale), -127, 127).astype(np.int8).tobytes()
    return {"scale": scale, "int8": base64.b64encode(raw).decode("ascii")}


def unpack(packed: Any) -> tuple[float, ...] | None:
    if isinstance(packed, list):  # floats
        return tuple(float(x) for x in packed)
    if not isinstance(packed, dict):
        return None
    try:
        values = array("b", base64.b64decode(packed["int8"]))
    except (KeyError, TypeError, ValueError):
        return None
    return tuple(v * float(packed["scale"]) for v in values)


@functools.lru_cache(maxsize=4 * MAX_STORIES_PER_KEY)
def _decoded(int8: str, scale: float) -> np.ndarray | None:
    try:
        vector = np.frombuffer(base64.b64decode(int8), dtype=np.int8) * scale
    except (TypeError, ValueError):
        return None
    vector.setflags(write=False)
    return vector


def vector(packed: Any) -> Sequence[float] | None:
    """A story's embedding for matching, decoded once per process (keyed by its content: a report compares
    with every open story's vector)."""
    if isinstance(packed, dict) and isinstance(packed.get("int8"), str):
        try:
            return _decoded(packed["int8"], float(packed["scale"]))
        except (KeyError, TypeError, ValueError):
            return None
    return unpack(packed)


def _add(values: list[Any], new: Any) -> list[Any]:
    return values if new in values or len(values) >= MAX_FACTS else [*values, new]


def _learn(story: dict[str, Any], report: Report) -> None:
    """The story's facts grow with what ``report`` adds (union of participants, places, dates)."""
    for person in report.persons:
        if not any(story_match.same_person(person, tuple(p)) for p in story["persons"]):  # type: ignore[arg-type]
            story["persons"] = _add(story["persons"], list(person))
        elif person[0] is not None:  # an id learnt for a surname known so far
            story["persons"] = [list(person) if p[0] is None and p[1] == person[1] else p for p in story["persons"]]
    for key in sorted(report.named):
        story["named"] = _add(story.get("named", []), key)
    for party in report.parties:
        story["parties"] = _add(story["parties"], party)
    for country in report.countries:
        story["countries"] = _add(story["countries"], country)
    if report.place is not None:
        story["places"] = _add(story["places"], list(report.place))
    if report.event_date is not None:
        story["dates"] = _add(story["dates"], report.event_date)
    if len(story.get("words", ())) < MAX_WORDS:
        known = story.setdefault("words", [])
        story["words"] = known + sorted(report.words.difference(known))[:MAX_WORDS - len(known)]
    _learn_meaning(story, report)


def _learn_meaning(story: dict[str, Any], report: Report) -> None:
    """The story's embedding is the mean direction of its reports' (of one encoder, the first ``MAX_EMBEDDED``):
    a report meets what the story's reports said on average, not only its first one's wording."""
    if report.embedding is None:
        return
    count = int(story.get("embedded", 1 if story.get("embedding") is not None else 0))
    if story.get("embedding") is None:
        story["embedding"], story["embedding_model"], story["embedded"] = pack(report.embedding), \
            report.embedding_model, 1
        return
    if count >= MAX_EMBEDDED or story.get("embedding_model") != report.embedding_model:
        return
    mean, new = vector(story["embedding"]), np.asarray(report.embedding, dtype=np.float64)
    if mean is None or len(mean) != len(new):
        return
    mean = np.asarray(mean, dtype=np.float64)
    norm_mean, norm_new = float(np.linalg.norm(mean)), float(np.linalg.norm(new))
    if not norm_mean or not norm_new:
        return
    story["embedding"] = pack((mean / norm_mean * count + new / norm_new) / (count + 1))
    story["embedded"] = count + 1


def _new_story(detection: Detection, report: Report, now: float, story_id: str | None = None) -> dict[str, Any]:
    story: dict[str, Any] = {
        "id": story_id or _story_id(detection),
        "type": detection.type,
        "opened_at": now,     # processing time (metrics: stories opened)
        "last_seen": now,
        "first": report.at,   # event time of its earliest and latest report
        "last": report.at,
        "persons": [], "parties": [], "countries": [], "places": [], "dates": [], "embedding": None, "words": [],
        "articles": [detection.article_id],
        "sources": [detection.source or detection.url or detection.article_id],
        "languages": [detection.language],
        "statuses": [detection.status],
        "by_status": {detection.status: detection.to_dict()},  # first report of each status (inhibition)
    }
    _learn(story, report)
    return story


def _upgraded(story: Mapping[str, Any]) -> dict[str, Any]:
    """A story record of the first versions with the fields matching needs (from its own times and actors)."""
    out = dict(story)
    if "first" not in out:
        legacy = _legacy_ref(story)
        for k in ("first", "last", "dates", "persons", "parties", "places"):
            out[k] = legacy[k]
        out.setdefault("embedding", None)
    return out


def _facts(stories: Mapping[str, Any], ref: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """What matching reads of an indexed story: its record (the ref of the first versions when it has none)."""
    record = stories.get(f"story/{ref['id']}")
    if type(record) is dict or isinstance(record, Mapping):  # a dict first: the abc check costs per candidate
        return record if "first" in record else _upgraded(record)
    return ref if ref.get("legacy") or "type" in ref else None  # a ref of v1/v2 carries its facts


def compare(stories: Mapping[str, Any], key: str, report: Report, now: float,
            threshold: float = story_match.THRESHOLD, indexed: bool = True
            ) -> tuple[float, list[dict[str, Any]], list[Match], int, int]:
    """Read-only: (watermark, live refs, matches best first, stories out of time, stories apart) for ``report``
    under ``key``. ``indexed``: pass by the stories of other people by the names in their refs (the same
    groupings as comparing every one: ``story_people.apart_by_names`` is ``quick_no``'s refusal); False: compare
    every story in the time window (the exhaustive matcher, for tests)."""
    watermark, refs = read_index(stories, key)
    watermark = max(watermark, report.at)
    horizon = watermark - STORY_WINDOW_S - ALLOWED_LATENESS_S
    live = [r for r in refs if r["last"] >= horizon]
    matches: list[Match] = []
    far = apart = 0
    pr = story_match.probe(report)
    skip = indexed and bool(pr.sure)
    full: list[Mapping[str, Any]] = []  # the candidates scored in full, their cosines computed at once below
    early, late = report.at + STORY_WINDOW_S, report.at - STORY_WINDOW_S - INDEX_REFRESH_S
    for ref in live:
        if "type" in ref and ref["type"] != report.type:
            continue
        if ref["first"] > early or ref["last"] < late:
            far += 1
            continue
        if skip and story_people.apart_by_names(pr, ref.get("names")):
            apart += 1
            continue
        facts = _facts(stories, ref)
        if facts is None or facts.get("type") != report.type:
            continue
        quick = story_match.cannot_join(report, facts, pr)
        if quick is not None:
            matches.append(quick)
        else:
            full.append(facts)
    vectors = [vector(f.get("embedding")) if report.embedding is not None
               and f.get("embedding_model") == report.embedding_model else None for f in full]
    cosines = story_match.cosines(report.embedding, vectors) if report.embedding is not None else [None] * len(full)
    for facts, cos in zip(full, cosines, strict=True):
        matches.append(story_match.match(report, facts, None, threshold, facts.get("words", ()),
                                         facts.get("statuses", ()), cos=cos))
    matches.sort(key=lambda m: (m.joins, m.score), reverse=True)
    return watermark, live, matches, far, apart


def _index(stories: Mapping[str, Any], key: str) -> story_index.Index:
    index = story_index.load(stories, key)
    if index is None:  # another format: its live refs become the index (written whole on save)
        watermark, refs = read_index(stories, key)
        index = story_index.from_refs(key, watermark, refs)
    return index


def _migrate(stories: MutableMapping[str, Any], key: str) -> None:
    """Whole stories kept under the key by the first versions get records of their own before the index
    replaces them (their facts go with them: a legacy ref keeps its own)."""
    stored = stories.get(key, None)
    if isinstance(stored, list):
        for whole in stored:
            if isinstance(whole, Mapping) and "articles" in whole and story_ref_key(whole["id"]) not in stories:
                stories[story_ref_key(whole["id"])] = _upgraded(whole)


def attach(stories: MutableMapping[str, Any], detection: Detection, now: float,
           threshold: float = story_match.THRESHOLD, indexed: bool = True) -> Attachment:
    """Put ``detection`` into its story (``now``: processing time, for the record only; ``indexed``: ``compare``'s)."""
    key = detection.story_key
    report = report_of(detection, now)
    index = _index(stories, key)
    watermark, live, matches, far, apart = compare(stories, key, report, now, threshold, indexed)
    chosen = story_match.best(matches)
    result = Attachment(None, report=report, matches=matches, out_of_time=far, apart=apart)
    ref = next((r for r in live if chosen is not None and r["id"] == chosen.story_id), None)
    found = find(stories, key, ref["id"]) if ref is not None else None
    if detection.recency == BACKGROUND and found is None:
        return result  # a background mention opens no story
    if found is None:
        story = _new_story(detection, report, now, ref["id"] if ref is not None else None)
        index.update(story_index.slim(story, story_people.name_keys(story)))
        result.opened = True
    else:
        story = _upgraded(found)
        result.new_article = detection.article_id not in story["articles"]
        story["last_seen"] = now
        if detection.recency != BACKGROUND:  # a background mention is one more source, not a later report
            story["first"], story["last"] = min(story["first"], report.at), max(story["last"], report.at)
            _learn(story, report)
        if result.new_article:
            story["articles"] = [*story["articles"], detection.article_id][-MAX_ARTICLES_PER_STORY:]
            source = detection.source or detection.url or detection.article_id
            if source not in story["sources"]:
                story["sources"] = [*story["sources"], source][-MAX_ARTICLES_PER_STORY:]
        if detection.language not in story["languages"]:
            story["languages"] = [*story["languages"], detection.language]
        if detection.recency != BACKGROUND:
            if detection.status not in story["statuses"]:
                story["statuses"] = [*story["statuses"], detection.status]
            if detection.status not in story.setdefault("by_status", {}):
                story["by_status"] = {**story["by_status"], detection.status: detection.to_dict()}
        assert ref is not None
        names = story_people.name_keys(story)
        if ref.get("legacy") or story["first"] < ref["first"] or story["last"] - ref["last"] >= INDEX_REFRESH_S \
                or ref.get("names") != names:
            index.update(story_index.slim(story, names))  # times bound the window, names pass other people by
    result.story = story
    # reassign, never mutate in place: faust tables only persist on __setitem__
    stories[story_ref_key(story["id"])] = story
    index.advance(watermark, INDEX_REFRESH_S)
    gone = index.expire(watermark - STORY_WINDOW_S - ALLOWED_LATENESS_S) | index.cap(MAX_STORIES_PER_KEY)
    if not index.stored:
        _migrate(stories, key)
    index.save(stories)
    for story_id in gone - {story["id"]}:
        stories.pop(story_ref_key(story_id), None)
    return result


def _story_id(detection: Detection) -> str:
    # deterministic: a replay of the same first detection opens the same story id
    return "s-" + hashlib.blake2b(f"{detection.story_key}|{detection.id}".encode(), digest_size=6).hexdigest()
