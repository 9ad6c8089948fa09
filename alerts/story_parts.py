"""The parts of a story match that read one fact each — time, event dates, place, meaning — and what a report is
(``Report``: what matching knows of one detection). ``alerts.story_match`` weighs them; ``alerts.story_people``
scores the participants. Pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

WINDOW_S = 48 * 3600.0   # a report more than this from every report of the story is another occasion
SPAN_S = 4 * 86400.0     # a story is one occasion: its reports lie within days, not weeks
NEUTRAL = 0.5            # an unknown part: neither for nor against
SAME_MEANING = 0.75      # cosine at which two evidences say the same (identity); scored from COSINE_FLOOR up
COSINE_FLOOR = 0.4
SAME_WORDING = 0.5       # without embeddings: this share of the report's content words in the story's evidence,
MIN_SHARED_WORDS = 3     # and at least this many, say the same (identity)
DAY_S = 86400.0

Person = tuple[str | None, str]  # (entity id, folded surname)


@dataclass(frozen=True, slots=True)
class Report:
    """What matching knows of one detection."""

    type: str
    at: float                                   # event time (published_at, else detected_at), epoch seconds
    event_date: str | None = None               # YYYY[-MM[-DD]] when the text dates the event
    persons: tuple[Person, ...] = ()
    parties: tuple[str, ...] = ()               # other actors: entity id, else the folded name
    countries: tuple[str, ...] = ()
    place: tuple[str | None, str | None] | None = None  # (folded location text, its country)
    embedding: Sequence[float] | None = None
    embedding_model: str | None = None          # vectors of different encoders are never compared
    words: frozenset[str] = frozenset()        # content words of the evidence (folded)
    status: str | None = None                   # the detection's status (corroboration: of the same stage)
    named: frozenset[str] = frozenset()         # persons named with confidence beyond their id (two-word names)


@dataclass(frozen=True, slots=True)
class Part:
    score: float | None  # None: unknown on one side (counts as NEUTRAL)
    note: str


def time_part(at: float, first: float, last: float) -> tuple[Part, str | None]:
    gap = max(0.0, first - at, at - last)
    hours = gap / 3600.0
    if gap > WINDOW_S:
        return Part(0.0, f"{hours:.0f} h from its reports"), f"another occasion: {hours:.0f} h from the story"
    if at - first > SPAN_S:
        days = (at - first) / DAY_S
        return Part(0.0, f"{days:.1f} days after its first report"), "another occasion: the story began " \
                                                                     f"{days:.1f} days earlier"
    return Part(1.0 - gap / WINDOW_S, "within its reports" if gap == 0 else f"{hours:.1f} h from its reports"), None


def dates_compatible(a: str, b: str) -> bool:
    """Two event dates agree at their common precision (a day apart is allowed at day precision)."""
    n = min(len(a), len(b))
    if n >= 10:
        try:
            da = _day_number(a[:10])
            db = _day_number(b[:10])
        except ValueError:
            return a[:10] == b[:10]
        return abs(da - db) <= 1
    return a[:n] == b[:n]


def _day_number(d: str) -> int:
    return date.fromisoformat(d).toordinal()


def date_part(report: str | None, story: Sequence[str]) -> tuple[Part | None, str | None]:
    if report is None or not story:
        return None, None
    if any(dates_compatible(report, d) for d in story):
        return Part(1.0, f"{report} agrees with {', '.join(story)}"), None
    return Part(0.0, f"{report} vs {', '.join(story)}"), f"event dates differ ({report} vs {', '.join(story)})"


def place_part(place: tuple[str | None, str | None] | None, places: Sequence[Sequence[str | None]]
               ) -> tuple[Part, str | None, str | None]:
    """The same place (one name within the other: ``gaza`` ~ ``gazastreifen``) is identity; the same country
    half a point; another country 0 — not a conflict: a ceasefire's place is its venue or its theatre."""
    if place is None or not places:
        return Part(None, "no place on one side"), None, None
    text, country = place
    if text and any(p[0] and (p[0] in text or text in p[0]) and (not country or not p[1] or p[1] == country)
                    for p in places):
        return Part(1.0, f"both in {text}"), None, f"same place {text}"
    if country and any(p[1] == country for p in places):
        return Part(0.5, f"same country {country}"), None, None
    return Part(0.0, f"{text} vs {', '.join(str(p[0]) for p in places)}"), None, None


def cosine(a: Sequence[float], b: Sequence[float]) -> float | None:
    """In numpy: a report meets up to 200 stories' 512-d vectors (pure Python: ~25 ms a report)."""
    if len(a) == 0 or len(a) != len(b):
        return None
    va, vb = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    na, nb = float(np.linalg.norm(va)), float(np.linalg.norm(vb))
    return float(va @ vb) / (na * nb) if na and nb else None


def cosines(vector: Sequence[float], rows: Sequence[Sequence[float] | None]) -> list[float | None]:
    """``cosine(vector, row)`` for every row at once (one matrix product over the candidates of a report; a
    row that is None, of another length or zero gives None)."""
    out: list[float | None] = [None] * len(rows)
    v = np.asarray(vector, dtype=np.float64)
    nv = float(np.linalg.norm(v)) if v.size else 0.0
    at = [i for i, r in enumerate(rows) if r is not None and len(r) == v.size]
    if not nv or not at:
        return out
    matrix = np.asarray([rows[i] for i in at], dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1)
    dots = matrix @ v
    for i, dot, n in zip(at, dots.tolist(), norms.tolist(), strict=True):
        out[i] = dot / (n * nv) if n else None
    return out


def meaning_part(cos: float | None, words: frozenset[str] = frozenset(), story_words: Sequence[str] = ()
                 ) -> tuple[Part, str | None]:
    """The evidence's meaning: the cosine of the embeddings when both carry one, else the shared wording."""
    if cos is not None:
        score = min(1.0, max(0.0, (cos - COSINE_FLOOR) / (SAME_MEANING - COSINE_FLOOR)))
        return Part(score, f"cosine {cos:.2f}"), (f"similar meaning (cosine {cos:.2f})" if cos >= SAME_MEANING
                                                   else None)
    if not words or not story_words:
        return Part(None, "no embedding, no words on one side"), None
    shared = sorted(words.intersection(story_words))
    share = len(shared) / len(words)
    note = f"{len(shared)}/{len(words)} words shared{': ' + ', '.join(shared[:6]) if shared else ''} (no embedding)"
    same = share >= SAME_WORDING and len(shared) >= MIN_SHARED_WORDS
    return Part(share, note), (f"similar wording ({', '.join(shared[:3])}…)" if same else None)
