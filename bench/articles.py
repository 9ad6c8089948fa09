"""Bench articles: real news with one planted event sentence naming a unique invented actor."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson


def load_news(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]


_FIRST = ("Quorvan", "Mirelda", "Ostrid", "Jelko", "Tavik", "Branimo", "Seluna", "Dorvik")
_SYL = ("ka", "lo", "mir", "ten", "vo", "ra", "zel", "dun", "bri", "tor", "wen", "gor", "lin", "pe", "du", "sha")
_END = ("bek", "rov", "lan", "dor", "vic", "mar", "tek", "zan")
# Two invented people per sentence: reports of one event type read alike (their evidence embeddings are close),
# and one person on each side is no conflict in story matching — a different cast of two is (another story).
_TEMPLATES = (
    "Der Milizenführer {name} und sein Stellvertreter {deputy} kündigten am Montag eine Waffenruhe an.",
    "Der Rebellenchef {name} und sein Stellvertreter {deputy} trafen sich am Dienstag mit Vermittlern zu Gesprächen.",
)
_DEPUTY = 1 << 20  # the deputy of planted article i is invented person i + _DEPUTY (no bench plants that many)


def invented_name(i: int) -> tuple[str, str]:
    """A unique invented person (first name, surname) for every i: no country, no lexicon word."""
    digits, k = [], i
    while k or len(digits) < 3:
        digits.append(_SYL[k % len(_SYL)])
        k //= len(_SYL)
    return _FIRST[i % len(_FIRST)], ("".join(digits) + _END[len(digits) % len(_END)]).capitalize()


def planted_article(base: dict[str, Any], i: int, run: str) -> tuple[dict[str, Any], str]:
    """Real news text with one planted event sentence naming a unique invented actor (and a deputy); returns
    (article, surname)."""
    first, surname = invented_name(i)
    deputy = " ".join(invented_name(i + _DEPUTY))
    sentence = _TEMPLATES[i % len(_TEMPLATES)].format(name=f"{first} {surname}", deputy=deputy)
    article = {"id": f"bench-{run}-{i}", "source": base.get("source") or "bench", "language": "de",
               "text": f"{sentence}\n{base['text']}"}
    return article, surname


def usable_bases(news: Sequence[dict[str, Any]], pipeline: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """Real articles which, with a planted sentence, yield exactly the planted detection, actor named, no country,
    at a confidence the bench's route alerts on (``is_planted_detection``)."""
    pool = list(news[:limit] if limit else news)
    good = [True] * len(pool)
    for t in range(len(_TEMPLATES)):
        planted = [planted_article(b, 1000 + k * len(_TEMPLATES) + t, "probe") for k, b in enumerate(pool)]
        for k, ok in enumerate(yield_planted(pipeline, planted)):
            good[k] = good[k] and ok
    return [b for b, ok in zip(pool, good, strict=True) if ok]


def is_planted_detection(found: Sequence[Any], surname: str) -> bool:
    """Whether an article's detections are exactly its planted one — one detection, the actor named, no country —
    and the bench's route alerts on it (its confidence reaches a route's default ``min_confidence``)."""
    from alerts.route_names import DEFAULT_MIN_CONFIDENCE

    return (len(found) == 1 and not found[0].countries and surname in found[0].evidence.text
            and any(surname in a.text for a in found[0].actors) and found[0].confidence >= DEFAULT_MIN_CONFIDENCE)


def yield_planted(pipeline: Any, planted: Sequence[tuple[dict[str, Any], str]]) -> list[bool]:
    """For each (article, surname) of ``planted_article``: does ``pipeline`` yield exactly the planted detection,
    with a confidence the bench's route alerts on?

    Not every invented name does: the learned stage reads the names too, and for a few the planted sentence's
    score falls under the model's threshold or its confidence under the route's (``usable_bases`` probes other
    names than the phases publish)."""
    from detectors.contracts import Article

    arts = [Article.create(a["text"], id=a["id"], language="de") for a, _ in planted]
    return [is_planted_detection(found, surname)
            for found, (_, surname) in zip(pipeline.detect_many(arts), planted, strict=True)]
