"""Does a report belong to an open story? A pure score, one part at a time (``alerts explain`` prints each part).

A report (``Report``, what matching knows of one detection) is compared with a story's index ref (the union of
what its reports said). The parts, each a ``Part`` with a score in [0, 1], or None when one side does not know:

* **time** — the report's event time against the story's [first, last] event times: 1 at no distance, 0 at
  ``WINDOW_S``; beyond the window, or more than ``SPAN_S`` after the story's first report, it is another
  occasion (a conflict);
* **date** — the event dates the texts give, when both have one: compatible at their common precision
  (``2024-01`` ~ ``2024-01-08``; a day apart at day precision for time zones), else a conflict;
* **participants** — persons by entity id when both carry one, else by folded surname; other actors
  (organisations, groups) by id or name: 0.75 for one shared, 1.0 for two or when the story has all of the
  report's, 0.25 for none shared; roles ("government", "troops": ``assets/role_nouns.txt``) and countries as
  actors are no participants, and a person named without confidence (one capitalised word the detector took for
  a name) counts only when shared. Different people are a conflict (another meeting) only between people named
  with confidence — a known person's entity id or a two-word name — when one side names two or more of them;
* **place** — the location's name and country: the same place 1.0, the same country 0.5, another 0; one
  missing is neutral;
* **meaning** — the cosine of the evidence embeddings, when both carry one; else the wording: the share of the
  report's content words (names, words of five letters or more) the story's evidence has.

* **corroboration** (shown, not weighted) — when no single part says it is the same event: the same status and a
  shared country, with two of close event time, evidence above the different-stories cosine, the same event
  day, the place's country; or, when one side names no country, the same status, close in time and a cosine
  of ``UNPLACED_COSINE``.

Unknown parts count as ``NEUTRAL``. The report joins the best story whose weighted score reaches the threshold,
with no conflict and with *identity*: a shared participant, the same city, similar meaning or corroboration.
Type, time and a shared country alone never join two reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

WINDOW_S = 48 * 3600.0   # a report more than this from every report of the story is another occasion
SPAN_S = 4 * 86400.0     # a story is one occasion: its reports lie within days, not weeks
NEUTRAL = 0.5            # an unknown part: neither for nor against
SHARED_STEP = 0.25       # participants: each shared one above neutral (two shared: 1.0)
THRESHOLD = NEUTRAL      # a join needs the parts, on balance, for it (see the sensitivity in the closing note)
WEIGHTS: Mapping[str, float] = {"time": 0.3, "participants": 0.4, "place": 0.15, "meaning": 0.15}
SAME_MEANING = 0.75      # cosine at which two evidences say the same (identity); scored from COSINE_FLOOR up
COSINE_FLOOR = 0.4
CLOSE_S = WINDOW_S / 2     # corroboration: close in event time, where the time part is for the join (> NEUTRAL)
CORROBORATING_COSINE = 0.4  # corroboration: same story median 0.58, different stories of a type median 0.39
CORROBORATING = 2          # corroboration: signals needed beside the same status and a shared country
UNPLACED_COSINE = 0.55      # corroboration when one side names no country: close in time and this similar
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
    embedding: tuple[float, ...] | None = None
    embedding_model: str | None = None          # vectors of different encoders are never compared
    words: frozenset[str] = frozenset()        # content words of the evidence (folded)
    status: str | None = None                   # the detection's status (corroboration needs the same one)
    named: frozenset[str] = frozenset()         # persons named with confidence beyond their id (two-word names)


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
    """By entity id when both carry one — a partial name is the same person (``jong`` ~ ``kim-jong-un``) —
    else by folded surname."""
    if a[0] is not None and b[0] is not None:
        if a[0] == b[0]:
            return True
        ta, tb = set(a[0].split("-")), set(b[0].split("-"))
        return ta <= tb or tb <= ta
    return a[1] == b[1]


def _key(p: Person) -> str:
    return p[0] or p[1]


def _load_role_nouns() -> frozenset[str]:
    text = resources.files("alerts.assets").joinpath(ROLE_NOUNS_FILE).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


ROLE_NOUNS_FILE = "role_nouns.txt"
ROLE_NOUNS = _load_role_nouns()  # "government", "troops", "Konfliktparteien": a role, not an entity


def confident(p: Person, named: frozenset[str] = frozenset()) -> bool:
    """A person named with confidence: the entity id of a known person (a full name, ``vladimir-putin``) or a
    name of two words or more in the text (``named``); a single capitalised word the detector took for a person
    (``Russky``, ``Dolmabahce``) may be a place or a plain word."""
    return (p[0] is not None and "-" in p[0]) or _key(p) in named


def is_country(party: str) -> bool:
    """A country as a party (its entity id is the ISO code: ``US`` for "Washington", "the US", "White House")."""
    return len(party) == 2 and party.isalpha() and party.isupper()


def _found(report: Report, persons: Sequence[Person], parties: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the report's participants the story has, those it lacks), persons first; an entity may be a person on
    one side and a party on the other (a group tagged as a person). Neither list holds a role ("government",
    "troops": no entity), a person named without confidence whom the story lacks, nor a country as a party
    ("Washington", "the US": compared as countries, where one shared never joins)."""
    found: list[str] = []
    missing: list[str] = []
    for p in report.persons:
        if any(same_person(p, q) for q in persons) or _key(p) in parties:
            found.append(p[1])
        elif confident(p, report.named):
            missing.append(p[1])
    keys = {_key(q) for q in persons}
    for party in report.parties:
        if party in ROLE_NOUNS:
            continue
        if is_country(party):  # a country, whatever it is tagged: compared as a country, never as identity
            continue
        (found if party in parties or party in keys else missing).append(party)
    return found, missing


def participants_part(report: Report, persons: Sequence[Person], parties: Sequence[str],
                      named: Sequence[str] = ()) -> tuple[Part, str | None, str | None]:
    """(part, conflict, identity): the share of the report's participants the story has (the story holds the
    union of its reports'). A different person is a conflict only between people named with confidence, when
    one side names two or more of them (the cast of the event) and the other names someone not in it: one
    confident name on each side may be the two sides of one meeting."""
    found, missing = _found(report, persons, parties)
    if not (found or missing) or not (persons or parties):
        return Part(None, "one side names nobody identifying"), None, None
    sure = [p for p in report.persons if confident(p, report.named)]
    new_people = [p[1] for p in sure if p[1] in missing]
    known = frozenset(named)  # the story's persons its reports named by two words or more
    theirs = [q[1] for q in persons if confident(q, known) and not any(same_person(q, p) for p in report.persons)]
    cast = max(len(sure), sum(1 for q in persons if confident(q, known)))
    if new_people and theirs and cast >= 2 and len(new_people) >= len([p for p in sure if p[1] in found]):
        where = f"{', '.join(new_people)} vs {', '.join(theirs)}"
        return Part(0.0, where), f"different people ({where})", None
    if not found:  # one step below neutral, as one shared is one above: the story may not know all it had
        return Part(NEUTRAL - SHARED_STEP, f"{', '.join(missing)} not in the story"), None, None
    # an extra participant is no evidence against (the story knows only what its reports named; a different
    # person is the conflict above): every shared one counts, all of the report's found is 1.0
    score = 1.0 if not missing else min(1.0, NEUTRAL + SHARED_STEP * len(found))
    note = f"share {', '.join(found)}" + (f"; {', '.join(missing)} new" if missing else "")
    return Part(score, note), None, f"shared {found[0]}"


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


def corroboration(report: Report, ref: Mapping[str, Any], parts: Mapping[str, Part], statuses: Sequence[str],
                  shared_countries: Sequence[str], cos: float | None) -> tuple[Part, str | None]:
    """Weak signals that together say it is the same event when no single one does. The base is the same status
    and a shared country — never enough alone — and then at least ``CORROBORATING`` of: close in event time
    (``CLOSE_S``), evidence as similar as reports of one story are and different stories rarely
    (``CORROBORATING_COSINE``), the same event date (to the day), the story's place in the same country. When one
    side names no country at all (unknown, not different), the same status needs all of: close in time and the
    evidence as similar as ``UNPLACED_COSINE``. The score, shown and not weighted, is the share of the signals."""
    same_status = report.status is not None and report.status in statuses
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
    if same_status and shared_countries:
        head, ok = f"status {report.status}, share {', '.join(shared_countries)}", len(signals) >= CORROBORATING
    elif same_status and unplaced:
        head = f"status {report.status}, no country on one side"
        ok = gap <= CLOSE_S and cos is not None and cos >= UNPLACED_COSINE
    else:
        head, ok = "needs the same status and a shared country (or none on one side)", False
    note = f"{head}; {', '.join(signals) or 'no other signal'}"
    score = (len(signals) + 1) / 5 if same_status else 0.0
    return Part(score, note), (f"corroborated ({note})" if ok else None)


def _named_apart(report: Report, ref: Mapping[str, Any]) -> bool:
    """Both sides name people with confidence and share none of them: the place, the wording and weak signals
    never join such reports ("General A announced a ceasefire" and "General B announced a ceasefire" the same day
    are two stories); a shared participant (a party) still can."""
    known = frozenset(ref.get("named", ()))
    theirs = [q for q in (tuple(p) for p in ref.get("persons", ())) if confident(q, known)]  # type: ignore[arg-type]
    mine = [p for p in report.persons if confident(p, report.named)]
    return bool(mine and theirs) and not any(same_person(p, q) for p in mine for q in theirs)  # type: ignore[arg-type]


def cannot_join(report: Report, ref: Mapping[str, Any]) -> Match | None:
    """A quick no, before the full score: both sides name people with confidence, share none (``_named_apart``)
    and no participant at all — then only a shared participant could join them, so ``match`` would not. Saves
    scoring every open story of a type against a report of other people (and decoding their embeddings)."""
    if not _named_apart(report, ref):
        return None
    persons = [tuple(p) for p in ref.get("persons", ())]
    found, _missing = _found(report, persons, ref.get("parties", ()))  # type: ignore[arg-type]
    if found:
        return None
    part, conflict, _identity = participants_part(report, persons, ref.get("parties", ()),  # type: ignore[arg-type]
                                                  ref.get("named", ()))
    return Match(str(ref["id"]), parts={"participants": part},
                 conflict=conflict or f"other people named ({part.note}), no participant shared")


def match(report: Report, ref: Mapping[str, Any], embedding: Sequence[float] | None = None,
          threshold: float = THRESHOLD, words: Sequence[str] = (), statuses: Sequence[str] = ()) -> Match:
    """Score ``report`` against the story ``ref`` (an index ref of ``alerts.stories``); ``embedding``,
    ``words`` and ``statuses``: the story's (from its record)."""
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
    apart = _named_apart(report, ref)
    part, conflict, identity = place_part(report.place, ref.get("places", ()))
    m.parts["place"] = part
    conflicts += [conflict] if conflict else []
    identities += [identity] if identity and not apart else []
    cos = cosine(report.embedding, embedding) if report.embedding is not None and embedding is not None else None
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
