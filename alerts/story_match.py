"""Does a report belong to an open story? A pure score, one part at a time (``alerts explain`` prints each part).

A report (``Report``, what matching knows of one detection) is compared with a story's index ref (the union of
what its reports said). The parts, each a ``Part`` with a score in [0, 1], or None when one side does not know:

* **time** — the report's event time against the story's [first, last] event times: 1 at no distance, 0 at
  ``WINDOW_S``; beyond the window, or more than ``SPAN_S`` after the story's first report, it is another
  occasion (a conflict);
* **date** — the event dates the texts give, when both have one: compatible at their common precision
  (``2024-01`` ~ ``2024-01-08``; a day apart at day precision for time zones), else a conflict;
* **participants** — persons by entity id when both carry one, else by folded surname: a subset either way is
  1.0; a person in each that the other lacks is a conflict (another meeting, another speaker); other actors
  (organisations, governments) count by overlap;
* **place** — the location's city and country: the same city 1.0, the same country 0.5, another country a
  conflict; one missing is neutral;
* **meaning** — the cosine of the evidence embeddings, when both carry one.

Unknown parts count as ``NEUTRAL``. The report joins the best story whose weighted score reaches the threshold,
with no conflict and with *identity*: a shared participant, the same city or similar meaning. Type, time and a
shared country alone never join two reports.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

WINDOW_S = 48 * 3600.0   # a report more than this from every report of the story is another occasion
SPAN_S = 4 * 86400.0     # a story is one occasion: its reports lie within days, not weeks
THRESHOLD = 0.6          # the weighted score a join needs (``bench.stories`` reports the sensitivity)
NEUTRAL = 0.5            # an unknown part: neither for nor against
WEIGHTS: Mapping[str, float] = {"time": 0.3, "participants": 0.4, "place": 0.15, "meaning": 0.15}
SAME_MEANING = 0.75      # cosine at which two evidences say the same (identity); scored from COSINE_FLOOR up
COSINE_FLOOR = 0.4
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
    embedding: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Part:
    score: float | None  # None: unknown on one side (counts as NEUTRAL)
    note: str


@dataclass(slots=True)
class Match:
    """A report against one story: the parts, the weighted score and whether it joins."""

    story_id: str
    parts: dict[str, Part] = field(default_factory=dict)
    conflict: str | None = None
    identity: str | None = None  # what says it is the same event (a participant, the city, the meaning)
    score: float = 0.0
    joins: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story_id, "score": round(self.score, 3), "joins": self.joins,
                "conflict": self.conflict, "identity": self.identity,
                "parts": {k: {"score": None if p.score is None else round(p.score, 3), "note": p.note}
                          for k, p in self.parts.items()}}


def weighted(parts: Mapping[str, Part]) -> float:
    total = sum(WEIGHTS.values())
    return sum(w * (NEUTRAL if parts.get(k) is None or parts[k].score is None else parts[k].score)  # type: ignore[operator]
               for k, w in WEIGHTS.items()) / total


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
    from datetime import date

    return date.fromisoformat(d).toordinal()


def date_part(report: str | None, story: Sequence[str]) -> tuple[Part | None, str | None]:
    if report is None or not story:
        return None, None
    if any(dates_compatible(report, d) for d in story):
        return Part(1.0, f"{report} agrees with {', '.join(story)}"), None
    return Part(0.0, f"{report} vs {', '.join(story)}"), f"event dates differ ({report} vs {', '.join(story)})"


def same_person(a: Person, b: Person) -> bool:
    if a[0] is not None and b[0] is not None:
        return a[0] == b[0]
    return a[1] == b[1]


def participants_part(report: Report, persons: Sequence[Person], parties: Sequence[str]
                      ) -> tuple[Part, str | None, str | None]:
    """(part, conflict, identity) for the participants."""
    mine = report.persons
    shared = [p for p in mine if any(same_person(p, q) for q in persons)]
    if mine and persons:
        only_mine = [p for p in mine if p not in shared]
        only_theirs = [q for q in persons if not any(same_person(q, p) for p in mine)]
        if not shared:
            names = ", ".join(p[1] for p in mine)
            return (Part(0.0, f"{names} vs {', '.join(q[1] for q in persons)}"),
                    f"different people ({names} vs {', '.join(q[1] for q in persons)})", None)
        if only_mine and only_theirs:
            return (Part(0.0, f"share {', '.join(p[1] for p in shared)}, but {', '.join(p[1] for p in only_mine)} "
                              f"vs {', '.join(q[1] for q in only_theirs)}"),
                    f"different people ({', '.join(p[1] for p in only_mine)} vs "
                    f"{', '.join(q[1] for q in only_theirs)})", None)
        return Part(1.0, f"share {', '.join(p[1] for p in shared)}"), None, f"shared {shared[0][1]}"
    # one side names no person: any shared name counts (a story of the first versions kept folded words only)
    names = set(report.parties) | {p[1] for p in mine}
    theirs = set(parties) | {q[1] for q in persons}
    common = sorted(names & theirs)
    if common:
        score = len(common) / min(len(names), len(theirs))
        return Part(score, f"share {', '.join(common)}"), None, f"shared {common[0]}"
    if report.parties and parties and not mine and not persons:
        return Part(0.0, f"{', '.join(report.parties)} vs {', '.join(parties)}"), None, None
    return Part(None, "one side names nobody"), None, None


def place_part(place: tuple[str | None, str | None] | None, places: Sequence[Sequence[str | None]]
               ) -> tuple[Part, str | None, str | None]:
    if place is None or not places:
        return Part(None, "no place on one side"), None, None
    text, country = place
    if text and any(p[0] == text for p in places):
        return Part(1.0, f"both in {text}"), None, f"same place {text}"
    if country and any(p[1] == country for p in places):
        return Part(0.5, f"same country {country}"), None, None
    others = sorted({str(p[1]) for p in places if p[1]})
    if country and others:
        where = f"{country} vs {', '.join(others)}"
        return Part(0.0, where), f"another country ({where})", None
    return Part(0.0, f"{text} vs {', '.join(str(p[0]) for p in places)}"), None, None


def cosine(a: Sequence[float], b: Sequence[float]) -> float | None:
    if not a or len(a) != len(b):
        return None
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else None


def meaning_part(a: Sequence[float] | None, b: Sequence[float] | None) -> tuple[Part, str | None]:
    cos = cosine(a, b) if a is not None and b is not None else None
    if cos is None:
        return Part(None, "no embedding on one side"), None
    score = min(1.0, max(0.0, (cos - COSINE_FLOOR) / (SAME_MEANING - COSINE_FLOOR)))
    return Part(score, f"cosine {cos:.2f}"), (f"similar meaning (cosine {cos:.2f})" if cos >= SAME_MEANING else None)


def match(report: Report, ref: Mapping[str, Any], embedding: Sequence[float] | None = None,
          threshold: float = THRESHOLD) -> Match:
    """Score ``report`` against the story ``ref`` (an index ref of ``alerts.stories``); ``embedding``: the story's."""
    m = Match(str(ref["id"]))
    if ref.get("type") != report.type:
        m.conflict = f"another type ({ref.get('type')})"
        return m
    conflicts: list[str] = []
    identities: list[str] = []
    part, conflict = time_part(report.at, ref["first"], ref["last"])
    m.parts["time"] = part
    conflicts += [conflict] if conflict else []
    dpart, conflict = date_part(report.event_date, ref.get("dates", ()))
    if dpart is not None:
        m.parts["date"] = dpart
    conflicts += [conflict] if conflict else []
    part, conflict, identity = participants_part(report, [tuple(p) for p in ref.get("persons", ())],  # type: ignore[misc]
                                                 ref.get("parties", ()))
    m.parts["participants"] = part
    conflicts += [conflict] if conflict else []
    identities += [identity] if identity else []
    part, conflict, identity = place_part(report.place, ref.get("places", ()))
    m.parts["place"] = part
    conflicts += [conflict] if conflict else []
    identities += [identity] if identity else []
    part, identity = meaning_part(report.embedding, embedding)
    m.parts["meaning"] = part
    identities += [identity] if identity else []
    shared = sorted(set(report.countries).intersection(ref.get("countries", ())))
    m.parts["countries"] = Part(None, f"share {', '.join(shared)} (never enough alone)" if shared
                                else "none shared")
    m.score = weighted(m.parts)
    m.conflict = conflicts[0] if conflicts else None
    m.identity = identities[0] if identities else None
    m.joins = m.conflict is None and m.identity is not None and m.score >= threshold
    return m


def best(matches: Sequence[Match]) -> Match | None:
    """The joining match with the highest score (the first one on a tie)."""
    joining = [m for m in matches if m.joins]
    return max(joining, key=lambda m: m.score) if joining else None
