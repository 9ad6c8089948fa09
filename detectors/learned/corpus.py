"""The labelled units the learned stage is trained and cross-validated on: ``corpus/**/*.jsonl`` plus dev.

``corpus/README.md`` gives the format. Referenced units (``ref``) read their text from ``../shared/data`` and
are checked against their sha1; dev records (``../shared/eval/dev.jsonl``) are grouped by their source document
(``de-10kgnad-412-3`` → ``de-10kgnad-412``), so no document is split across cross-validation folds. A clone
without ``../shared`` has the team-written units only: :func:`load_units` says what it left out.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[2]
_DEV_DOC = re.compile(r"^([a-z]{2}-[a-z0-9]+-.+)-\d+$")
_SEED_DOC = re.compile(r"^([a-z]{2}-seed\d+)-")
_LANG_DIR = re.compile(r"^[a-z]{2}$")


def shared_dir() -> Path:
    """``../shared`` beside the repository (``WIREWATCH_SHARED`` overrides)."""
    return Path(os.environ.get("WIREWATCH_SHARED") or REPO.parent / "shared")


@dataclass(frozen=True)
class Unit:
    id: str
    lang: str
    text: str
    events: tuple[dict[str, Any], ...]
    group: str
    origin: str  # corpus | dev
    kind: str | None = None

    def pairs(self) -> set[tuple[str, str]]:
        return {(e["type"], e["status"]) for e in self.events}

    def types(self) -> set[str]:
        return {e["type"] for e in self.events}

    def high_meeting(self) -> bool:
        return any(e["type"] == "meeting" and e.get("level") == "high" for e in self.events)


@dataclass
class Loaded:
    units: list[Unit]
    skipped: dict[str, int] = field(default_factory=dict)  # reason → count


def dev_group(record_id: str) -> str:
    """The source document of a dev record: the id without its last number when three parts remain
    (``de-10kgnad-412-3`` → ``de-10kgnad-412``); the seed article's records are one document."""
    seed = _SEED_DOC.match(record_id)
    if seed:  # the seed article: one document
        return seed.group(1)
    m = _DEV_DOC.match(record_id)
    return m.group(1) if m else record_id


def _read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)


def _articles(path: Path) -> dict[str, str]:
    return {str(obj["id"]): obj["text"] for obj in _read_jsonl(path)}


def load_units(
    corpus: Path | None = None, dev: Path | None = None, data: Path | None = None, include_dev: bool = True
) -> Loaded:
    """Every labelled unit of the corpus (and dev), texts resolved."""
    corpus = corpus or REPO / "corpus"
    shared = shared_dir()
    dev = dev or shared / "eval" / "dev.jsonl"
    data = data or shared / "data"
    out = Loaded([])
    seen: set[str] = set()
    refs: dict[str, dict[str, str]] = {}

    def skip(reason: str) -> None:
        out.skipped[reason] = out.skipped.get(reason, 0) + 1

    # corpus/<lang>/*.jsonl (corpus/agreement/ holds the blind second pass: labels only, not training data)
    for path in sorted(p for p in corpus.glob("*/*.jsonl") if _LANG_DIR.match(p.parent.name)):
        for rec in _read_jsonl(path):
            uid = str(rec.get("id") or "")
            if not uid or uid in seen:
                skip("duplicate or missing id")
                continue
            text = rec.get("text")
            ref = rec.get("ref")
            if text is None and isinstance(ref, dict):
                file = data / str(ref.get("file"))
                if not file.is_file():
                    skip(f"{ref.get('file')} not found under {data}")
                    continue
                if str(file) not in refs:
                    refs[str(file)] = _articles(file)
                article = refs[str(file)].get(str(ref.get("article")))
                if article is None:
                    skip("referenced article not found")
                    continue
                text = article[int(ref["start"]) : int(ref["end"])]
                if hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != ref.get("sha1"):
                    skip("referenced span's sha1 differs")
                    continue
            if not isinstance(text, str) or not text.strip():
                skip("no text")
                continue
            seen.add(uid)
            out.units.append(Unit(uid, str(rec.get("lang") or ""), text, tuple(rec.get("events") or ()),
                                  str(rec.get("group") or uid), "corpus", rec.get("kind")))
    if include_dev:
        if dev.is_file():
            for rec in _read_jsonl(dev):
                uid = str(rec["id"])
                if uid in seen:
                    skip("dev id also in the corpus")
                    continue
                seen.add(uid)
                out.units.append(Unit(uid, str(rec.get("lang") or ""), rec["text"], tuple(rec.get("events") or ()),
                                      "dev:" + dev_group(uid), "dev"))
        else:
            skip(f"dev set not found at {dev}")
    return out
