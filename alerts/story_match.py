"""Does a report belong to an open story? A pure score, one part at a time (``alerts explain`` prints each part).

A report (``Report``, what matching knows of one detection) is compared with a story's index ref (the union of
what its reports said). The parts, each a ``Part`` with a score in [0, 1], or None when one side does not know:

* **time** — the report's event time against the story's [first, last] event times: 1 at no distance, 0 at
  ``WINDOW_S``; beyond the window, or more than ``SPAN_S`` after the story's first report, it is another
  occasion (a conflict);
* **date** — the event dates the texts give, when both have one: compatible at their common precision
  (``2024-01`` ~ ``2024-01-08``; a day apart at day precision for time zones), else a conflict;
* **participants** (``alerts.story_people``) — persons by entity id when both carry one, else by folded
  surname; other actors (organisations, groups) by id or name: 0.75 for one shared, 1.0 for two or when the
  story has all of the report's, 0.25 for none shared; roles ("government", "troops": ``assets/role_nouns.txt``)
  and countries as actors are no participants (a side naming only those names nobody: unknown, not a
  mismatch), and a person named without confidence (one capitalised word the detector took for a name) counts
  only when shared. Different people are a conflict (another meeting) only between people named with
  confidence — a known person's entity id or a two-word name — when one side names two or more of them;
* **place** — the location's name and country: the same place 1.0, the same country 0.5, another 0; one
  missing is neutral;
* **meaning** — the cosine of the evidence embeddings, when both carry one (the story's: the mean direction of
  its reports'); else the wording: the share of the report's content words the story's evidence has.

* **corroboration** (shown, not weighted) — when no single part says it is the same event: a status of the
  same stage (``assets/status_stages.txt``: the statuses one development's reports blur, "agrees to the US
  proposal" read as the proposal) and a shared country, with two of close event time, evidence above the
  different-stories cosine, the same event day, the place's country; or, when one side names no country, the
  same stage, close in time and a cosine of ``UNPLACED_COSINE``. A report's countries are the detector's, the
  countries named as actors and those of known actors (``assets/actor_countries.txt``: "Putin" is RU), compared
  as overlap.

Unknown parts count as ``NEUTRAL``. The report joins the best story whose weighted score reaches the threshold,
with no conflict and with *identity*: a shared participant, the same city, similar meaning or corroboration.
Type, time and a shared country alone never join two reports. A different status is no conflict: the statuses
of one event are its updates (each still alerts once, as before).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from alerts.story_parts import (  # noqa: F401 — part of this module's API
    COSINE_FLOOR,
    DAY_S,
    MIN_SHARED_WORDS,
    NEUTRAL,
    SAME_MEANING,
    SAME_WORDING,
    SPAN_S,
    WINDOW_S,
    Part,
    Person,
    Report,
    cosine,
    cosines,
    date_part,
    dates_compatible,
    meaning_part,
    place_part,
    time_part,
)
from alerts.story_people import (  # noqa: F401 — part of this module's API
    ROLE_NOUNS,
    SHARED_STEP,
    Probe,
    confident,
    is_country,
    named_apart,
    participants_part,
    probe,
    quick_no,
    same_person,
)

THRESHOLD = 0.45         # a join needs the parts about balanced for it: tuned by cross-validation over stories
#                          (python -m bench.story_threshold --cv 5 on corpus/stories: 0.45 in 5 of 5 folds)
WEIGHTS: Mapping[str, float] = {"time": 0.3, "participants": 0.4, "place": 0.15, "meaning": 0.15}
CLOSE_S = WINDOW_S / 2     # corroboration: close in event time, where the time part is for the join (> NEUTRAL)
CORROBORATING_COSINE = 0.4  # corroboration: same story median 0.58, different stories of a type median 0.39
CORROBORATING = 2          # corroboration: signals needed beside the same stage and a shared country
UNPLACED_COSINE = 0.55      # corroboration when one side names no country: close in time and this similar
STAGES_FILE = "status_stages.txt"


@cache
def _stages() -> dict[tuple[str, str], int]:
    """(type, status) → its stage: the statuses one event's reports blur (``assets/status_stages.txt``)."""
    text = resources.files("alerts.assets").joinpath(STAGES_FILE).read_text(encoding="utf-8")
    out: dict[tuple[str, str], int] = {}
    for number, line in enumerate(text.splitlines()):
        if ":" in line and not line.startswith("#"):
            event_type, statuses = line.split(":", 1)
            out.update({(event_type.strip(), status): number for status in statuses.split()})
    return out


def same_stage(event_type: str, a: str | None, b: str | None) -> bool:
    """Two statuses of one development of an event: the same status, or two the reports of one event blur (a
    call for talks and the talks agreed; a truce proposed and accepted). A violation or a rejection is a new
    development: another stage. A status not listed is a stage of its own."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    stages = _stages()
    sa, sb = stages.get((event_type, a)), stages.get((event_type, b))
    return sa is not None and sa == sb


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


def corroboration(report: Report, ref: Mapping[str, Any], parts: Mapping[str, Part], statuses: Sequence[str],
                  shared_countries: Sequence[str], cos: float | None) -> tuple[Part, str | None]:
    """Weak signals that together say it is the same event when no single one does. The base is a status of the
    same stage (``same_stage``: one development of the event, as the reports may word it) and a shared country —
    never enough alone — and then at least ``CORROBORATING`` of: close in event time (``CLOSE_S``), evidence as
    similar as reports of one story are and different stories rarely (``CORROBORATING_COSINE``), the same event
    date (to the day), the story's place in the same country. When one side names no country at all (unknown,
    not different), the same stage needs all of: close in time and the evidence as similar as
    ``UNPLACED_COSINE``. The score, shown and not weighted, is the share of the signals."""
    stage = next((s for s in statuses if same_stage(report.type, report.status, s)), None)
    unplaced = not report.countries or not ref.get("countries")
    gap = max(0.0, ref["first"] - report.at, report.at - ref["last"])
    signals: list[str] = []
    if gap <= CLOSE_S:
        signals.append(f"{gap / 3600:.1f} h apart")
    if cos is not None and cos >= CORROBORATING_COSINE:
        signals.append(f"cosine {cos:.2f}")
    date = parts.get("date")
    if date is not None and date.score == 1.0 and report.event_date and len(report.event_date) >= 10:
        signals.append(f"event date {report.event_date}")
    place = parts.get("place")
    if place is not None and place.score is not None and place.score >= 0.5:
        signals.append(place.note)
    status = f"status {report.status}" + ("" if stage == report.status else f" (the story's {stage})")
    if stage is not None and shared_countries:
        head, ok = f"{status}, share {', '.join(shared_countries)}", len(signals) >= CORROBORATING
    elif stage is not None and unplaced:
        head = f"{status}, no country on one side"
        ok = gap <= CLOSE_S and cos is not None and cos >= UNPLACED_COSINE
    else:
        head, ok = "needs a status of the same stage and a shared country (or none on one side)", False
    note = f"{head}; {', '.join(signals) or 'no other signal'}"
    score = (len(signals) + 1) / 5 if stage is not None else 0.0
    return Part(score, note), (f"corroborated ({note})" if ok else None)


_named_apart = named_apart  # the name of earlier versions


def cannot_join(report: Report, ref: Mapping[str, Any], pr: Probe | None = None) -> Match | None:
    """A quick no, before the full score: both sides name people with confidence, share none (``named_apart``)
    and no participant at all — then only a shared participant could join them, so ``match`` would not. Saves
    scoring every open story of a type against a report of other people (and decoding their embeddings);
    ``pr``: the report's ``probe``, made once for all its candidates."""
    found = quick_no(pr if pr is not None else probe(report), ref)
    if found is None:
        return None
    part, conflict = found
    return Match(str(ref["id"]), parts={"participants": part}, conflict=conflict)


def match(report: Report, ref: Mapping[str, Any], embedding: Sequence[float] | None = None,
          threshold: float = THRESHOLD, words: Sequence[str] = (), statuses: Sequence[str] = (),
          cos: float | None = None) -> Match:
    """Score ``report`` against the story ``ref`` (an index ref of ``alerts.stories``); ``embedding``,
    ``words`` and ``statuses``: the story's (from its record); ``cos``: the evidence cosine when the caller
    computed it already (over all candidates at once), else from ``embedding``."""
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
                                                 ref.get("parties", ()), ref.get("named", ()))
    m.parts["participants"] = part
    conflicts += [conflict] if conflict else []
    identities += [identity] if identity else []
    # both name people with confidence and share none: only a shared participant can say it is the same event,
    # not the place, the wording or weak signals ("General A" and "General B" announcing truces in one city)
    apart = named_apart(report, ref)
    part, conflict, identity = place_part(report.place, ref.get("places", ()))
    m.parts["place"] = part
    conflicts += [conflict] if conflict else []
    identities += [identity] if identity and not apart else []
    if cos is None and report.embedding is not None and embedding is not None:
        cos = cosine(report.embedding, embedding)
    part, identity = meaning_part(cos, report.words, words)
    m.parts["meaning"] = part
    identities += [identity] if identity and not apart else []
    shared = sorted(set(report.countries).intersection(ref.get("countries", ())))
    m.parts["countries"] = Part(None, f"share {', '.join(shared)} (never enough alone)" if shared
                                else "none shared")
    m.score = weighted(m.parts)
    m.conflict = conflicts[0] if conflicts else None
    if not identities and m.conflict is None and not apart:
        part, identity = corroboration(report, ref, m.parts, statuses, shared, cos)
        m.parts["corroboration"] = part
        identities += [identity] if identity else []
    m.identity = identities[0] if identities else None
    m.joins = m.conflict is None and m.identity is not None and m.score >= threshold
    return m


def best(matches: Sequence[Match]) -> Match | None:
    """The joining match with the highest score (the first one on a tie)."""
    joining = [m for m in matches if m.joins]
    return max(joining, key=lambda m: m.score) if joining else None
