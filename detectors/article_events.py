"""Article-level post-processing of detections: when each event happened, and one report per event.

    detections = finalise(article, detections, lang)     # what the pipeline returns for one article

* **When.** Every detection gets ``event_date`` (the date its sentence gives, nearest the trigger; else the
  date of the mention its sentence continues, or of the sentence before it — "Am 24. November das erste
  Treffen in Bengasi. Haftar traf sich mit …") and ``recency`` (``background`` when that date lies clearly
  before the article's reference day).
  The reference day is the article's ``published_at``; without one, the first full date of its title or lead;
  else the day it was received (the detections' ``detected_at``: no clock is read here).
* **One report per event.** Mentions of one event in one article (headline, lead, body) are merged: same type
  and status, compatible participants (entity ids; a mention naming nobody joins one that names someone),
  place and date. The merged detection keeps the most informative mention's evidence, id and embedding, and
  the union of the participants; different events of one type stay apart (a person on each side the other
  lacks, another date, another place).

Pure functions over one article's detections; imports nothing of ours beyond ``detectors``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache

from detectors.contracts import Actor, Article, Detection
from detectors.entities import fold
from detectors.event_time import (
    DateReader,
    Direction,
    EventDate,
    alternation,
    article_reference,
    date_reader,
    date_words,
    direction_for,
    recency,
)
from detectors.vocabulary import LEAD

LEAD_PARAGRAPHS = 2  # the title and this many first paragraphs are the lead (where an undated article dates itself)
LEAD_CHARS = 1_000  # per lead paragraph
FAR_BACK_DAYS = 180  # a yearless date read this far back, while a few days ahead is possible: see read_date
NEAR_AHEAD_DAYS = 14
PREVIOUS_CHARS = 600  # characters before a sentence searched for the one before it
_SENTENCE_END = re.compile(r"(?<!\d)[.!?…][\"'“”»«]?\s+")


def day_of(timestamp: str | None) -> date | None:
    """The calendar day of an RFC 3339 timestamp (as the contract normalises them), None when absent or bad."""
    if not timestamp:
        return None
    try:
        return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def lead_texts(article: Article) -> list[str]:
    """The title and the first paragraphs of the text (bounded)."""
    paragraphs = [p.strip() for p in article.text[: LEAD_CHARS * (LEAD_PARAGRAPHS + 1)].split("\n") if p.strip()]
    lead = [article.title] if article.title else []
    return lead + [p[:LEAD_CHARS] for p in paragraphs[:LEAD_PARAGRAPHS]]


def reference_day(article: Article, reader: DateReader | None, received: date) -> tuple[date, str]:
    """The day the article speaks from and where it came from: ``published``, ``lead`` or ``received``."""
    published = day_of(article.published_at)
    if published is not None:
        return published, "published"
    return article_reference(lead_texts(article), reader, received)


def _cue_alternation(lang: str, key: str) -> str | None:
    """The ``key`` cue words of ``detectors/data/dates/<lang>.json`` as one regex alternation (None: no words)."""
    words = (date_words(lang) or {}).get(key, [])
    return alternation(words) if words else None


@cache
def _period_cues(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Words after which a date bounds a period instead of dating the event ("the first talks since 2022",
    "bis Ende März"): ``period_cues`` of ``detectors/data/dates/<lang>.json``, as (before, inside) patterns."""
    alt = _cue_alternation(lang, "period_cues")
    if alt is None:
        return None
    return re.compile(r"(?:^|\W)(?:" + alt + r")\s+$", re.I), re.compile(r"^(?:" + alt + r")\s", re.I)


def without_periods(text: str, reader: DateReader, lang: str | None) -> str:
    """``text`` with every date that bounds a period blanked out (same length: offsets hold)."""
    cues = _period_cues(lang) if lang else None
    if cues is None:
        return text
    before, inside = cues
    out = text
    for m in reader.mentions(text):
        if before.search(text[max(0, m.start - 24) : m.start]) or inside.match(text[m.start : m.end]):
            out = out[: m.start] + " " * (m.end - m.start) + out[m.end :]
    return out


def read_date(text: str, reader: DateReader, reference: date, direction: Direction, near: int) -> EventDate | None:
    """The date of the mention nearest ``near``; a yearless date that the calendar puts a few days after the
    reference is that date, not the same day a year or more earlier ("à partir du 15 février" on 12 February;
    "August 15 summit" read as held): a wrong status is likelier than a year-old date without its year."""
    when = reader.event_date(text, reference, direction, near=near)
    if when is None or direction != "past" or when.relative or when.day >= reference - timedelta(days=FAR_BACK_DAYS):
        return when
    ahead = reader.event_date(text, reference + timedelta(days=NEAR_AHEAD_DAYS), direction, near=near)
    if ahead is not None and reference < ahead.day <= reference + timedelta(days=NEAR_AHEAD_DAYS):
        return ahead
    return when


@cache
def _start_cue(lang: str) -> re.Pattern[str] | None:
    """Words after which a date starts what is announced ("ab Sonntag", "from Monday", "à partir du 15"):
    ``start_cues`` of ``detectors/data/dates/<lang>.json``."""
    alt = _cue_alternation(lang, "start_cues")
    if alt is None:
        return None
    return re.compile(r"(?:^|\W)(?:" + alt + r")\s+(?:(?:dem|den|the|le|el|il)\s+)?$", re.I)


# a start cue points forward for what is announced or planned; a held meeting "from Monday" stays in the past
_FORWARD_FROM_START = frozenset({"announced", "planned", "called_for"})


def event_date_of(detection: Detection, reader: DateReader, reference: date) -> EventDate | None:
    """The date its sentence gives the detection's event, nearest the trigger (dates bounding a period apart;
    a date that starts what is announced looks forward: a ceasefire "ab Sonntag")."""
    ev = detection.evidence
    text = without_periods(ev.text, reader, detection.language)
    near = max(0, ev.trigger[0] - ev.start)
    when = read_date(text, reader, reference, direction_for(detection.status), near)
    cue = _start_cue(detection.language) if detection.status in _FORWARD_FROM_START else None
    if when is not None and cue is not None and cue.search(text[max(0, when.start - 24) : when.start]):
        return read_date(text, reader, reference, "future", near)
    return when


def continues(previous: Detection, d: Detection, text: str) -> bool:
    """``d``'s sentence goes on about ``previous``'s event: the next sentence of the same paragraph, the same
    type, people and place compatible ("Am 24. November das erste Treffen in Bengasi. Haftar traf sich mit …")."""
    gap = text[previous.evidence.end : d.evidence.start]
    return (previous.type == d.type and previous.evidence.start < d.evidence.start
            and previous.evidence.end <= d.evidence.start and len(gap) <= 3 and not gap.strip() and "\n" not in gap
            and same_people(_persons(previous), _persons(d)) and same_place(previous, d))


def previous_sentence(text: str, start: int) -> str:
    """The sentence before offset ``start`` in its paragraph ("" at a paragraph's start); a full stop after a
    digit ("am 24. November") ends no sentence, nor one before a lowercase word."""
    para = text.rfind("\n", 0, start) + 1
    body = text[max(para, start - PREVIOUS_CHARS) : start].rstrip()
    cut = 0
    for m in _SENTENCE_END.finditer(body):
        nxt = body[m.end() : m.end() + 2].lstrip("\"'„“”«»")
        if m.end() < len(body) and nxt[:1].isupper():
            cut = m.end()
    return body[cut:]


def dated(detections: Sequence[Detection], text: str, reader: DateReader | None, reference: date) -> list[Detection]:
    """Each detection with its ``event_date`` and ``recency`` relative to ``reference``: its sentence's date;
    else the date of the mention it continues (:func:`continues`); else, when no detection sits in the previous
    sentence of its paragraph, that sentence's date (a date frames the sentence after it)."""
    out: list[Detection] = []
    for d in detections:
        when = event_date_of(d, reader, reference) if reader is not None else None
        out.append(replace(d, event_date=when.iso() if when else None, recency=recency(when, reference)))
    if reader is None:
        return out
    by_start = sorted(range(len(out)), key=lambda k: out[k].evidence.start)
    for pos, k in enumerate(by_start):
        d = out[k]
        if d.event_date is not None:
            continue
        before = [out[j] for j in reversed(by_start[:pos]) if out[j].evidence.start < d.evidence.start]
        adjacent = [p for p in before if p.evidence.end <= d.evidence.start
                    and not text[p.evidence.end : d.evidence.start].strip()
                    and "\n" not in text[p.evidence.end : d.evidence.start]]
        if adjacent:
            source = next((p for p in adjacent if p.event_date is not None and continues(p, d, text)), None)
            if source is not None:
                out[k] = replace(d, event_date=source.event_date, recency=source.recency)
            continue
        framing = without_periods(previous_sentence(text, d.evidence.start), reader, d.language)
        when = read_date(framing, reader, reference, direction_for(d.status), len(framing)) if framing.strip() else None
        if when is not None:
            out[k] = replace(d, event_date=when.iso(), recency=recency(when, reference))
    return out


def actor_key(actor: Actor) -> str:
    """An actor across spellings: its entity id without the kind (the kind is a guess), else its folded
    surname (a person) or name."""
    if actor.id:
        return actor.id.split(":", 1)[-1]
    words = actor.text.split()
    return fold(words[-1] if actor.kind == "person" and words else actor.text)


def _persons(d: Detection) -> set[str]:
    return {actor_key(a) for a in d.actors if a.kind == "person"}


def _parties(d: Detection) -> set[str]:
    return {actor_key(a) for a in d.actors if a.kind not in ("person", "country")}


def same_people(a: set[str], b: set[str]) -> bool:
    """Compatible participants: one side names nobody, or one side's are all on the other, or two shared.
    One shared person with others on each side is two events (Haftar in Rome with Coates; Putin meeting Merkel,
    Haftar named)."""
    if not a or not b:
        return True
    shared = a & b
    return bool(shared) and (a <= b or b <= a or len(shared) >= 2)


def same_date(a: str | None, b: str | None) -> bool:
    """Dates at their precision: equal, or one the period of the other (2019-11 and 2019-11-24)."""
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def same_place(a: Detection, b: Detection) -> bool:
    """The same place by name (containment, folded); another name in the same country is not against it
    (a city and its country), another country is."""
    la, lb = a.location, b.location
    if la is None or lb is None:
        return True
    fa, fb = fold(la.text), fold(lb.text)
    if fa and fb and (fa in fb or fb in fa):
        return True
    return la.country is not None and la.country == lb.country


def forms_apart(a: Detection, b: Detection) -> bool:
    """Two events whatever their participants: a phone call and a mention of another form where either names a
    place (a call has no place of its own to share: "Conte rief Macron an. … die Berliner Konferenz"), or a
    summit named by its place that names nobody ("die Berliner Konferenz") and a meeting of another form with no
    place ("Putin sandte nach dem Treffen mit Merkel …")."""
    if (a.form == "phone") != (b.form == "phone") and (a.location is not None or b.location is not None):
        return True
    return any(x.form == "summit" and x.location is not None and not _persons(x) and y.form != "summit"
               and y.location is None for x, y in ((a, b), (b, a)))


def informativeness(d: Detection) -> tuple[int, int, int]:
    """How much a mention tells (higher is better): named people, a place; on a tie the earlier mention (news
    says the main thing first; later sentences quote and comment)."""
    return (len(_persons(d)), d.location is not None, -d.evidence.start)


@dataclass
class _Event:
    members: list[Detection] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)

    def add(self, d: Detection) -> None:
        self.members.append(d)
        self.persons |= _persons(d)
        self.parties |= _parties(d)

    def accepts(self, d: Detection) -> bool:
        people = _persons(d)
        if people and self.persons:
            if not same_people(people, self.persons):
                return False
        elif not people and not self.persons and not same_people(_parties(d), self.parties):
            return False  # no person on either side: the other parties decide
        return all(same_date(d.event_date, m.event_date) and same_place(d, m) and not forms_apart(d, m)
                   for m in self.members)

    def affinity(self, d: Detection) -> tuple[int, int, int]:
        """Which compatible event a mention joins: the same date, the same place, then the nearest before it."""
        dates = sum(1 for m in self.members if d.event_date and m.event_date == d.event_date)
        places = sum(1 for m in self.members if d.location and m.location and same_place(d, m))
        nearest = max((m.evidence.start for m in self.members if m.evidence.start <= d.evidence.start), default=-1)
        return (dates > 0, places > 0, nearest)


def merge(members: Sequence[Detection]) -> Detection:
    """One detection for the mentions of one event: the most informative mention (its evidence, id,
    embedding), the union of the participants (by key) and countries, the highest confidence, the most precise
    date and its recency."""
    best = max(members, key=informativeness)
    if len(members) == 1:
        return best
    actors = list(best.actors)
    keys = {actor_key(a) for a in actors}
    countries = list(best.countries)
    for m in sorted(members, key=lambda m: m.evidence.start):
        for a in m.actors:
            if actor_key(a) not in keys:
                keys.add(actor_key(a))
                actors.append(a)
        countries += [c for c in m.countries if c not in countries]
    dated_members = [m for m in members if m.event_date]
    when = max(dated_members, key=lambda m: (len(m.event_date or ""), m is best)) if dated_members else None
    location = best.location or next((m.location for m in members if m.location is not None), None)
    return replace(
        best,
        actors=tuple(actors),
        countries=tuple(countries),
        location=location,
        confidence=max(m.confidence for m in members),
        level="high" if any(m.level == "high" for m in members) else best.level,
        event_date=when.event_date if when else best.event_date,
        recency=when.recency if when else best.recency,
        embedding=best.embedding or next((m.embedding for m in members if m.embedding is not None), None),
    )


def one_per_event(detections: Sequence[Detection]) -> list[Detection]:
    """Mentions of one event merged (see the module docstring), in the order of each event's first mention.
    Mentions are taken in text order, those naming people first, so a mention naming nobody joins an event
    that names someone rather than opening one."""
    events: dict[tuple[str, str], list[_Event]] = {}
    order = sorted(range(len(detections)), key=lambda k: (not _persons(detections[k]), detections[k].evidence.start))
    for k in order:
        d = detections[k]
        group = events.setdefault((d.type, d.status), [])
        fitting = [e for e in group if e.accepts(d)]
        if fitting:
            max(fitting, key=lambda e: e.affinity(d)).add(d)
        else:
            event = _Event()
            event.add(d)
            group.append(event)
    found = sorted((e for group in events.values() for e in group),
                   key=lambda e: min(m.evidence.start for m in e.members))
    return [merge(e.members) for e in found]


def finalise(article: Article, detections: Sequence[Detection], lang: str,
             received: date | None = None) -> list[Detection]:
    """One article's detections dated (relative to its reference day) and merged to one per event.
    ``received``: the day the article came in (default: the day of the first detection's ``detected_at``)."""
    if not detections:
        return []
    reader = date_reader(lang)
    received = received or day_of(detections[0].detected_at) or date(1970, 1, 1)
    reference, _ = reference_day(article, reader, received)
    return by_lead(one_per_event(dated(detections, article.text, reader, reference)))


def by_lead(detections: Sequence[Detection]) -> list[Detection]:
    """The detections with each type's weightier statuses first (``vocabulary.LEAD``; stable otherwise). The
    statuses one article reports of one story make one alert, and the first to arrive leads it: "Putin urged a
    ceasefire … in the evening Haftar announced it" must alert as the announcement."""
    return sorted(detections, key=lambda d: _lead_rank(d.type, d.status))


def _lead_rank(type_: str, status: str) -> int:
    order = LEAD.get(type_, ())
    return order.index(status) if status in order else len(order)
