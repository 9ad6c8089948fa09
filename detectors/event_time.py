"""When an event happened, read from its sentence relative to the article's time, and whether it is news.

    reader = date_reader("de")
    when = reader.event_date("Haftar war am 8. Januar in Rom.", reference=date(2020, 1, 9), direction="past")
    recency(when, date(2020, 1, 9))          # "new"; "am 15. April" in the same article is "background"

Dates are read as the text gives them: a day and month with or without a year ("am 8. Januar", "January 8,
2020", "8 de enero"), a month ("im April", "in March 2019"), a weekday ("on Monday"), relative words
("yesterday", "vergangene Woche", "el mes pasado") and numeric dates (08.01.2020, 2020-01-08). A date without a
year, and a weekday, are resolved towards the past or the future of the reference (the status decides: a
planned meeting looks forward, a held one back). Words and patterns per language are data
(``detectors/data/dates/<lang>.json``). Pure: no I/O beyond reading that file once per language.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Literal

Direction = Literal["past", "future", "either"]
Recency = Literal["new", "background"]

# A dated event whose representative day is more than this many days before the reference is background.
BACKGROUND_AFTER_DAYS = 7
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date read from text: ``day`` is the start of the period ``precision`` names."""

    day: date
    precision: Literal["day", "week", "month", "year"]
    start: int  # character span of the words it was read from
    end: int
    relative: bool = False  # read from a relative word ("yesterday", "last month")

    def representative(self) -> date:
        """One day standing for the period: the day, the middle of a month or year named by the text."""
        if self.relative or self.precision in ("day", "week"):
            return self.day
        if self.precision == "month":
            return self.day.replace(day=15)
        return self.day.replace(month=7, day=1)

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.day.year:04d}"
        if self.precision == "month" and not self.relative:
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()


@dataclass(frozen=True, slots=True)
class _Mention:
    kind: str
    start: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    offset: int | None = None
    precision: str = "day"


def alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, a space matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


MENTIONS_MEMO = 1024  # texts whose date mentions a reader remembers (then it starts afresh): bounded memory
MEMO_CHARS = 2000  # of at most this length (a sentence, a lead)


class DateReader:
    """The date patterns of one language, compiled once."""

    def __init__(self, data: dict) -> None:
        self._months = {w: int(m) for m, words in data["months"].items() for w in words}
        self._weekdays = {w: int(d) for d, words in data["weekdays"].items() for w in words}
        self._relative = {w: int(off) for off, words in data["relative"].items() for w in words}
        self._rel_precision = {int(k): v for k, v in data.get("relative_precision", {}).items()}
        self._memo: dict[str, tuple[_Mention, ...]] = {}  # text -> its mentions (mentions), bounded
        self._lower_only = {w.lower() for w in data.get("lowercase_only", [])}
        self._capital_only = {w.lower() for w in data.get("capitalised_only", [])}
        self._not_after = {w: [re.compile(r"(?:^|\W)" + alternation([c]) + r"\s+$", re.I) for c in cues]
                           for w, cues in data.get("not_relative_after", {}).items()}
        month = f"(?P<month>{alternation(list(self._months))})"
        day_month = [t.replace("{day}", _DAY).replace("{month}", month).replace(" ", r"\s+")
                     for t in data["day_month"]]
        year_tail = r"(?:,?\s+(?:de\s+|del\s+)?" + _YEAR + r")?"
        self._patterns: list[tuple[str, re.Pattern[str]]] = [
            ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
            ("numeric", re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d{2})\b")),
            *((f"day_month:{k}", re.compile(r"(?<!\w)" + p + year_tail + r"(?!\w)", re.I))
              for k, p in enumerate(day_month)),
            ("month_year", re.compile(r"(?<!\w)" + month + r"\s+(?:de\s+|del\s+)?" + _YEAR + r"(?!\w)", re.I)),
            ("month", re.compile(r"(?<!\w)(?:" + alternation(data["month_cues"]) + r")\s+" + month
                                 + r"(?:\s+(?:de\s+|del\s+)?" + _YEAR + r")?(?!\w)", re.I)),
            ("weekday", re.compile(r"(?<!\w)(?P<weekday>" + alternation(list(self._weekdays)) + r")(?!\w)", re.I)),
            ("relative", re.compile(r"(?<!\w)(?P<rel>" + alternation(list(self._relative)) + r")(?!\w)", re.I)),
            ("year", re.compile(r"(?<!\w)(?:" + alternation(data["year_cues"]) + r")\s+" + _YEAR + r"(?!\w)",
                                re.I)),
            ("chronicle", re.compile(r"^\s*" + _YEAR + r"\s*[–—-]\s")),
        ]

    def _allowed(self, word: str) -> bool:
        low = word.lower()
        if low in self._lower_only and word != low:
            return False
        return not (low in self._capital_only and word[:1] == low[:1])

    def mentions(self, text: str) -> list[_Mention]:
        """Every date mention in ``text``; overlapping matches keep the earliest, then longest. Remembered for
        the last texts read (a candidate's sentence is read for its features, its event date, its period
        dates): a fresh list each time."""
        if len(text) > MEMO_CHARS:
            return self._read(text)
        memo = self._memo
        known = memo.get(text)
        if known is None:
            if len(memo) >= MENTIONS_MEMO:
                memo.clear()
            known = memo[text] = tuple(self._read(text))
        return list(known)

    def _read(self, text: str) -> list[_Mention]:
        found: list[_Mention] = []
        for kind, pattern in self._patterns:
            for m in pattern.finditer(text):
                mention = self._mention(kind, m, text)
                if mention is not None:
                    found.append(mention)
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        out: list[_Mention] = []
        for mention in found:
            if out and mention.start < out[-1].end:
                continue
            out.append(mention)
        return out

    def _mention(self, kind: str, m: re.Match[str], text: str) -> _Mention | None:
        groups = m.groupdict()
        month = None
        if groups.get("month"):
            word = re.sub(r"\s+", " ", groups["month"])
            if not self._allowed(word):
                return None
            month = self._months[word.lower()]
        elif groups.get("mnum"):
            month = int(groups["mnum"])
        year = int(groups["year"]) if groups.get("year") else None
        day = int(groups["day"]) if groups.get("day") else None
        start, end = m.span("year") if kind == "chronicle" else m.span()
        if kind in ("iso", "numeric") or kind.startswith("day_month"):
            return _Mention("date", start, end, day=day, month=month, year=year)
        if kind == "month_year":
            return _Mention("month", start, end, month=month, year=year, precision="month")
        if kind == "month":
            return _Mention("month", start, end, month=month, year=year, precision="month")
        if kind == "weekday":
            word = groups["weekday"]
            if not self._allowed(word):
                return None
            return _Mention("weekday", start, end, weekday=self._weekdays[word.lower()])
        if kind == "relative":
            word = re.sub(r"\s+", " ", groups["rel"])
            if not self._allowed(word):
                return None
            if any(p.search(text[: m.start()]) for p in self._not_after.get(word.lower(), [])):
                return None
            offset = self._relative[word.lower()]
            return _Mention("relative", start, end, offset=offset, precision=self._rel_precision.get(offset, "day"))
        return _Mention("year", start, end, year=year, precision="year")

    def event_date(self, text: str, reference: date, direction: Direction = "past",
                   near: int | None = None) -> EventDate | None:
        """The date of the mention nearest ``near`` (a character offset, e.g. the trigger), else the first."""
        mentions = self.mentions(text)
        if near is not None:
            mentions.sort(key=lambda x: 0 if x.start <= near < x.end else min(abs(x.start - near), abs(x.end - near)))
        for mention in mentions:
            resolved = resolve(mention, reference, direction)
            if resolved is not None:
                return resolved
        return None


def _valid(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def _pick(candidates: list[date], reference: date, direction: Direction, slack: int) -> date | None:
    if not candidates:
        return None
    if direction == "past":
        past = [c for c in candidates if c <= reference + timedelta(days=slack)]
        return max(past) if past else min(candidates)
    if direction == "future":
        future = [c for c in candidates if c >= reference - timedelta(days=slack)]
        return min(future) if future else max(candidates)
    return min(candidates, key=lambda c: abs((c - reference).days))


def resolve(m: _Mention, reference: date, direction: Direction) -> EventDate | None:
    """A mention as a date: a missing year, and a weekday, taken towards ``direction`` of ``reference``."""
    if m.kind == "date":
        if m.year is not None:
            day = _valid(m.year, m.month or 0, m.day or 0)
            return EventDate(day, "day", m.start, m.end) if day else None
        years = (reference.year - 1, reference.year, reference.year + 1)
        options = [d for y in years if (d := _valid(y, m.month or 0, m.day or 0)) is not None]
        day = _pick(options, reference, direction, slack=1)
        return EventDate(day, "day", m.start, m.end) if day else None
    if m.kind == "month":
        if m.year is not None:
            return EventDate(date(m.year, m.month or 1, 1), "month", m.start, m.end)
        years = (reference.year - 1, reference.year, reference.year + 1)
        firsts = [date(y, m.month or 1, 1) for y in years]
        # a month counts as "on or before" the reference when it has begun by then
        first = _pick(firsts, reference.replace(day=1), direction, slack=0)
        return EventDate(first, "month", m.start, m.end) if first else None
    if m.kind == "weekday":
        back = reference - timedelta(days=(reference.weekday() - (m.weekday or 0)) % 7)
        ahead = reference + timedelta(days=((m.weekday or 0) - reference.weekday()) % 7)
        day = back if direction == "past" else ahead if direction == "future" else min(
            (back, ahead), key=lambda d: abs((d - reference).days))
        return EventDate(day, "day", m.start, m.end)
    if m.kind == "relative":
        return EventDate(reference + timedelta(days=m.offset or 0), m.precision, m.start, m.end,  # type: ignore[arg-type]
                         relative=True)
    if m.year is not None:
        return EventDate(date(m.year, 1, 1), "year", m.start, m.end)
    return None


def recency(when: EventDate | None, reference: date, *, after_days: int = BACKGROUND_AFTER_DAYS) -> Recency:
    """``background`` when the text dates the event clearly before the article's time, else ``new``."""
    if when is None:
        return "new"
    return "background" if when.representative() < reference - timedelta(days=after_days) else "new"


def article_reference(lead: list[str], reader: DateReader | None, received: date) -> tuple[date, str]:
    """The day an article speaks from: its ``published_at`` is best (the caller passes it as ``received``
    and never calls this); without one, the first full date of its title or lead ("war am 8. Januar in
    Rom"), read towards the past of the day it was received; else the day it was received."""
    if reader is not None:
        for text in lead:
            for mention in reader.mentions(text):
                if mention.kind == "date":
                    when = resolve(mention, received, "past")
                    if when is not None:
                        return when.day, "lead"
    return received, "received"


def direction_for(status: str) -> Direction:
    """Where an undated weekday or day-month points: forward for plans and calls, back for what happened."""
    if status == "planned":
        return "future"
    if status in ("called_for", "rejected"):
        return "either"
    return "past"


@cache
def date_words(lang: str) -> dict | None:
    """``detectors/data/dates/<lang>.json``, read once per process; None when the language has none."""
    path = resources.files("detectors").joinpath(f"data/dates/{lang}.json")
    return json.loads(path.read_text("utf-8")) if path.is_file() else None


@cache
def date_reader(lang: str) -> DateReader | None:
    """The reader for ``lang`` (built once per process: a dozen regexes), or None when no date words exist
    for it."""
    data = date_words(lang)
    return None if data is None else DateReader(data)
