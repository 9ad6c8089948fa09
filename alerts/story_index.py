"""The index of the open stories under one partition key, in chunks, so a report writes a bounded amount.

Every report of an event type shares one partition key, and a faust table writes a whole value to its changelog
on every change: an index of every open story's facts (up to 200 of them) rewritten when a story opens cost
~42 KB per report and queued alerts' own writes behind it. The index therefore holds only what finds the
candidates — a *slim ref* per story: its id and its first and last event time — and the facts matching reads
come from the story records of the candidates in the time window. A story that names someone with
confidence also keeps its *names* in its ref (``story_people.name_keys``: the words any shared participant
shares), so a report of other people passes it by without reading its record (``story_people.apart_by_names``:
the same no as ``quick_no``); a ref without them (nobody named so, or written before them) is always a candidate.
The refs sit in chunks of ``CHUNK_REFS``:

* the partition key → the *head*: ``{"v": 3, "watermark": t, "chunks": [n, …]}`` (chunk numbers, oldest first);
* ``<key>/refs/<n>`` → a chunk: ``[{"id", "first", "last"[, "names"]}, …]``.

A story that opens is appended to the newest chunk (a new chunk when it is full: the head is rewritten); a ref
whose times or names moved rewrites its chunk; the head is rewritten when a chunk comes or goes or the watermark moved
``refresh`` seconds — and then the chunks with expired refs are swept. So a report writes its story, at most one
or two chunks and now and then the head: bounded by ``CHUNK_REFS``, not by the number of open stories.

Pure data handling over a mapping (a dict or a faust table); ``alerts.stories`` decides what to add and update.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

VERSION = 3
CHUNK_REFS = 16  # refs per chunk: a chunk of slim refs is ~1 KB


def chunk_key(key: str, number: int) -> str:
    return f"{key}/refs/{number}"


def slim(ref: Mapping[str, Any], names: Sequence[str] | None = None) -> dict[str, Any]:
    """What the index keeps of a story (or of a ref of the first versions: ``legacy`` — its facts are in it);
    ``names``: the story's ``story_people.name_keys`` when it names someone with confidence (kept as ``names``)."""
    out: dict[str, Any] = {"id": ref["id"], "first": ref["first"], "last": ref["last"]}
    if ref.get("legacy"):
        out.update({k: v for k, v in ref.items() if k not in out})
    elif names is not None:
        out["names"] = list(names)
    return out


@dataclass(slots=True)
class Index:
    """The head and chunks under one key as read, and what changed since (``save`` writes only that)."""

    key: str
    watermark: float
    chunks: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # number → refs, oldest chunk first
    stored: bool = True                     # False: another format (or none) is stored: write everything
    dirty: set[int] = field(default_factory=set)
    head_dirty: bool = False

    def refs(self) -> list[dict[str, Any]]:
        return [r for refs in self.chunks.values() for r in refs]

    def add(self, ref: dict[str, Any]) -> None:
        last = next(reversed(self.chunks), None)
        if last is None or len(self.chunks[last]) >= CHUNK_REFS:
            last = 0 if last is None else last + 1
            self.chunks[last] = []
            self.head_dirty = True
        self.chunks[last] = [*self.chunks[last], ref]
        self.dirty.add(last)

    def update(self, ref: dict[str, Any]) -> None:
        """Replace the ref of the same id (added when absent)."""
        for number, refs in self.chunks.items():
            if any(r["id"] == ref["id"] for r in refs):
                self.chunks[number] = [ref if r["id"] == ref["id"] else r for r in refs]
                self.dirty.add(number)
                return
        self.add(ref)

    def advance(self, watermark: float, refresh: float) -> None:
        if watermark - self.watermark >= refresh:
            self.head_dirty = True
        self.watermark = max(self.watermark, watermark)

    def expire(self, horizon: float) -> set[str]:
        """Drop the refs last seen before ``horizon`` from the chunks written anyway (every chunk when the head
        is): the ids dropped."""
        gone: set[str] = set()
        sweep = self.dirty | (set(self.chunks) if self.head_dirty or not self.stored else set())
        for number in sweep:
            kept = [r for r in self.chunks[number] if r["last"] >= horizon]
            if len(kept) != len(self.chunks[number]):
                gone.update(r["id"] for r in self.chunks[number] if r["last"] < horizon)
                self.chunks[number] = kept
                self.dirty.add(number)
        return gone

    def cap(self, limit: int) -> set[str]:
        """Drop the oldest refs beyond ``limit``: the ids dropped."""
        gone: set[str] = set()
        excess = sum(len(refs) for refs in self.chunks.values()) - limit
        for number in list(self.chunks):
            if excess <= 0:
                break
            drop = self.chunks[number][:excess]
            gone.update(r["id"] for r in drop)
            self.chunks[number] = self.chunks[number][len(drop):]
            self.dirty.add(number)
            excess -= len(drop)
        return gone

    def save(self, stories: MutableMapping[str, Any]) -> None:
        """Write the chunks that changed (an empty one is removed), then the head if it changed."""
        for number in sorted(self.dirty):
            if not self.chunks.get(number):
                self.chunks.pop(number, None)
                stories.pop(chunk_key(self.key, number), None)
                self.head_dirty = True
        if not self.stored:
            self.dirty = set(self.chunks)
        for number in sorted(self.dirty):
            if number in self.chunks:
                stories[chunk_key(self.key, number)] = self.chunks[number]
        if self.head_dirty or not self.stored:
            stories[self.key] = {"v": VERSION, "watermark": self.watermark, "chunks": list(self.chunks)}
        self.dirty, self.head_dirty, self.stored = set(), False, True


def is_head(value: Any) -> bool:
    return isinstance(value, dict) and value.get("v") == VERSION


def load(stories: Mapping[str, Any], key: str) -> Index | None:
    """The index under ``key`` when it is of this format, else None."""
    head = stories.get(key, None)
    if not is_head(head):
        return None
    chunks = {int(n): list(stories.get(chunk_key(key, int(n)), None) or ()) for n in head["chunks"]}
    return Index(key, float(head["watermark"]), chunks)


def from_refs(key: str, watermark: float, refs: Iterable[Mapping[str, Any]]) -> Index:
    """An index of another format, as slim refs in chunks (written whole on the first save)."""
    index = Index(key, watermark, stored=False)
    for ref in refs:
        index.add(slim(ref))
    index.dirty, index.head_dirty = set(), False
    return index
