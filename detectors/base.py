"""What every lexicon-driven event detector shares: trigger matching, cue scopes, candidates."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from detectors.arguments import Arguments
from detectors.language import LanguageResources, labelled
from detectors.names import names_in
from detectors.patterns import Match, PatternSet, token_gap
from detectors.places import country_spans
from detectors.text import Sentence


@dataclass
class Candidate:
    """One event found in one sentence (tokens are sentence-relative)."""

    type: str
    status: str
    trigger: tuple[int, int]
    confidence: float
    args: Arguments
    level: str | None = None
    form: str | None = None
    detector: str = ""


@dataclass
class ArticleContext:
    """Article-level state shared by detectors: names seen so far, country mentions. ``sentences`` are the context
    sentences (the first ones and those with a candidate); ``firsts`` (the first token of every sentence of the
    article) and ``build`` (sentence index → Sentence) reach any other, such as the one after a candidate."""

    res: LanguageResources
    sentences: list[Sentence]
    _names: set[str] | None = None
    _countries: list[str] | None = None
    firsts: list[int] | None = None
    build: Callable[[int], Sentence] | None = None

    def next_to(self, sent: Sentence) -> Sentence | None:
        """The sentence right after ``sent`` in the article (None at its end or when unknown)."""
        if self.firsts is None or self.build is None:  # every sentence of the text is in ``sentences``
            return min((s for s in self.sentences if s.first >= sent.last), key=lambda s: s.first, default=None)
        k = bisect_left(self.firsts, sent.first)
        if k + 1 >= len(self.firsts) or self.firsts[k] != sent.first:
            return None
        return self.build(k + 1)

    @property
    def known_names(self) -> set[str]:
        if self._names is None:
            names: set[str] = set()
            for sent in self.sentences[:200]:
                names |= names_in(sent, self.res)
            self._names = names
        return self._names

    @property
    def countries(self) -> list[str]:
        """Countries of the article by weighted mentions: names count 1, demonyms ("libysch") 0.5, and the
        first sentence (often the title) 5x: the story's country usually leads the headline."""
        if self._countries is None:
            counts: dict[str, float] = defaultdict(float)
            for k, sent in enumerate(self.sentences[:200]):
                for i, (j, code) in country_spans(sent, self.res).items():
                    weight = 1.0 if self.res.gazetteer.country(" ".join(sent.texts[i:j])) else 0.5
                    counts[code] += weight * (5 if k == 0 else 1)
            self._countries = sorted(counts, key=lambda c: -counts[c])
        return self._countries


class Detector(Protocol):
    name: str
    type: str
    triggers: PatternSet

    def detect(self, sent: Sentence, triggers: list[Match], ctx: ArticleContext) -> list[Candidate]: ...


_FAR = (1 << 30, 1 << 30)


GAP_LABELS = frozenset({"headline_time", "future", "scheduled", "perfect"})  # cues read inside a gapped trigger


class Cues:
    """Labelled cue patterns matched once per sentence, queried by clause first, then by sentence."""

    def __init__(self, groups: dict[str, list[str]] | None) -> None:
        self.patterns = PatternSet(labelled(groups))

    def find(self, sent: Sentence) -> list[Match]:
        return self.patterns.in_sentence(sent)

    @staticmethod
    def near(
        sent: Sentence, matches: list[Match], trigger: tuple[int, int], wanted: Iterable[str],
        gap: tuple[int, int] | None = None,
    ) -> tuple[dict[str, tuple[int, int]], bool]:
        """Cue labels (→ token distance to the trigger, start of the nearest cue) in the trigger's clause
        when any ``wanted`` label is there, else in the whole sentence. Returns (labels, found_in_clause).

        A cue inside the trigger is the trigger itself ("ende der" in "Ende der Kämpfe") unless it is a
        wildcard word (a compound such as "Waffenstillstandsverletzungen" carries its own cue); a gap may
        span the trigger ("kündigte … an"), and a time cue (GAP_LABELS) in the ``gap`` of a gapped trigger
        (``patterns.gap_of``) is no part of it ("bricht Ende der Woche … auf": at distance 0). Other cues in a gap
        stay out: there the gap holds the object ("discussed the ceasefire proposal with"); letting every cue in
        made no cross-validated difference for meetings (4 fold seeds, within ±0.001).
        """
        wanted = set(wanted)
        a, b = sent.clause(*trigger)
        clause: dict[str, tuple[int, int]] = {}
        whole: dict[str, tuple[int, int]] = {}
        t0, t1 = trigger
        for m in matches:
            in_gap = gap is not None and gap[0] <= m.start and m.end <= gap[1] and m.label in GAP_LABELS
            inside = t0 <= m.start and m.end <= t1 and not in_gap
            if inside and not (m.end - m.start == 1 and m.pattern.startswith("*")):
                continue
            if m.end - m.start == 1 and t0 <= m.start < t1 and not m.pattern.startswith("*") and not in_gap:
                continue
            if in_gap:
                dist = 0
            elif m.end <= t0 or m.start >= t1:
                dist = token_gap(m, trigger)
            else:  # a gapped cue around the trigger: measured from its first word
                dist = max(0, t0 - m.start - 1)
            if dist < whole.get(m.label, _FAR)[0]:
                whole[m.label] = (dist, m.start)
            if a <= m.start < b and dist < clause.get(m.label, _FAR)[0]:
                clause[m.label] = (dist, m.start)
        if set(clause) & wanted:
            return clause, True
        return whole, False


def overlapping(matches: list[Match], span: tuple[int, int]) -> bool:
    return any(m.start < span[1] and span[0] < m.end for m in matches)


MAX_TRIGGERS_PER_SENTENCE = 8


def dedupe(triggers: list[Match]) -> list[Match]:
    """Keep the longest of overlapping trigger matches (at most MAX_TRIGGERS_PER_SENTENCE)."""
    out: list[Match] = []
    for m in sorted(triggers, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out[:MAX_TRIGGERS_PER_SENTENCE]


def clamp(x: float) -> float:
    return max(0.05, min(0.98, x))
