"""Tiny token-pattern language for lexicon files, matched with dict lookups (no spaCy Matcher).

A pattern is a string of space-separated elements, matched against a sentence's tokens:

- ``word``    the token's lowercase text or its lowercase lemma equals ``word``
- ``=word``   the lowercase text (not the lemma) equals ``word`` ("=wird" must not match "wurde")
- ``word*``   the lowercase text starts with ``word`` (``*word`` ends with, ``*word*`` contains)
- ``...``     a gap of up to ``GAP`` tokens (separable verbs: ``kündigen ... an``)
- ``....``    a long gap of up to ``LONG_GAP`` tokens: the German verb bracket, whose auxiliary and participle
  hold a whole clause between them ("Die Minister haben die Verlängerung der Sanktionen um sechs Monate
  beschlossen")
- ``<p>``     a punctuation token or the end of the sentence

Patterns are indexed by their first element: exact words in a dict, wildcard words in one compiled regex,
so a sentence costs a few dict lookups per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

GAP = 8
LONG_GAP = 16
WILD_MEMO = 50_000  # words whose wildcard patterns a PatternSet remembers (then it starts afresh): bounded memory
_PUNCT = frozenset(".,;:!?\"'«»„“”‘’()[]–—-…/")


@dataclass(frozen=True, slots=True)
class Elem:
    kind: str  # exact | surface | prefix | suffix | contains | gap | punct
    value: str = ""

    def test(self, lower: str, lemma: str) -> bool:
        kind, value = self.kind, self.value
        if kind == "exact":
            return lower == value or lemma == value
        if kind == "surface":
            return lower == value
        if kind == "prefix":
            return lower.startswith(value)
        if kind == "suffix":
            return lower.endswith(value)
        if kind == "contains":
            return value in lower
        if kind == "punct":
            return lower in _PUNCT
        return False


def elem_key(e: Elem) -> str:
    """A word element as a pattern writes it, lowercased ("treffen", "=traf", "gipfel*", "*gipfel", "*gipfel*"):
    the key of the anchor frequency tables."""
    return {"surface": f"={e.value}", "prefix": f"{e.value}*", "suffix": f"*{e.value}",
            "contains": f"*{e.value}*"}.get(e.kind, e.value)


def parse_elem(raw: str) -> Elem:
    if raw == "...":
        return Elem("gap")
    if raw == "....":
        return Elem("gap", "long")
    if raw == "<p>":
        return Elem("punct")
    raw = raw.lower()
    if raw.startswith("=") and len(raw) > 1:
        return Elem("surface", raw[1:])
    if raw.startswith("*") and raw.endswith("*") and len(raw) > 2:
        return Elem("contains", raw[1:-1])
    if raw.endswith("*") and len(raw) > 1:
        return Elem("prefix", raw[:-1])
    if raw.startswith("*") and len(raw) > 1:
        return Elem("suffix", raw[1:])
    return Elem("exact", raw)


@dataclass(frozen=True, slots=True)
class Pattern:
    label: str
    text: str
    elems: tuple[Elem, ...]
    wildcard_only: bool  # a single wildcard element (may match inside a compound trigger token)
    needs: frozenset[str] = frozenset()  # the whole words after the first: a sentence without one cannot match


@dataclass(frozen=True, slots=True)
class Match:
    label: str
    start: int  # token index in the sentence
    end: int  # exclusive
    pattern: str


def token_gap(m: Match, span: tuple[int, int]) -> int:
    """Tokens between a match and a span (a trigger), 0 when they touch or overlap."""
    if m.end <= span[0]:
        return span[0] - m.end
    return max(0, m.start - span[1])


def gap_of(m: Match) -> tuple[int, int] | None:
    """The tokens a gapped match skips ("Ende der Woche" in "bricht Ende der Woche … auf"), or None: a cue
    there is not part of the trigger. One gap only; a trailing ``<p>`` counts as a token (at a sentence's end
    it matches none, so the gap's last token is then left out)."""
    elems = m.pattern.split()
    if elems.count("...") != 1:
        return None
    k = elems.index("...")
    a, b = m.start + k, m.end - (len(elems) - k - 1)
    return (a, b) if a < b else None


def covers(matches: Sequence[Match], span: tuple[int, int]) -> bool:
    """A match overlaps ``span`` with one of its own words, not only with the tokens its gap skips: the exclusion
    "entscheidung ... getroffen" holds "getroffen" but not the "Gipfel" of "Die Entscheidung wurde beim Gipfel
    getroffen", nor "besuch* ... krankenhaus" the "traf" of "Bei seinem Besuch traf er X im Krankenhaus"."""
    for m in matches:
        if m.start < span[1] and span[0] < m.end:
            gap = gap_of(m)
            if gap is None or not (gap[0] <= span[0] and span[1] <= gap[1]):
                return True
    return False


def lexicon_patterns(lexicon: dict, key: str, label: str | None = None) -> PatternSet:
    """The patterns listed under ``key`` of a lexicon file (none when absent), labelled ``label`` (default: key)."""
    return PatternSet((label or key, p) for p in lexicon.get(key, ()))


class PatternSet:
    """A set of labelled patterns; ``find`` returns every match in a token sequence."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._exact: dict[str, list[Pattern]] = {}
        self._wild: list[Pattern] = []
        parts: list[str] = []
        for label, text in entries:
            elems = tuple(parse_elem(e) for e in text.split())
            if not elems or elems[0].kind in ("gap", "punct"):
                raise ValueError(f"pattern {text!r} must start with a word")
            pat = Pattern(label, text, elems, len(elems) == 1 and elems[0].kind not in ("exact", "surface"),
                          frozenset(e.value for e in elems[1:] if e.kind in ("exact", "surface")))
            first = elems[0]
            if first.kind in ("exact", "surface"):
                self._exact.setdefault(first.value, []).append(pat)
            else:
                self._wild.append(pat)
                v = re.escape(first.value)
                parts.append({"prefix": f"^{v}", "suffix": f"{v}$", "contains": v}[first.kind])
        self._wild_re = re.compile("|".join(parts)) if parts else None
        self._wild_hits: dict[str, tuple[Pattern, ...]] = {}  # lowercase word -> its wildcard patterns (memo)
        self._no_wild: set[str] = set()  # the words of that memo that start no wildcard pattern
        self.size = sum(len(v) for v in self._exact.values()) + len(self._wild)

    def first_words(self) -> tuple[set[str], list[tuple[str, str]]]:
        """(exact first words, (stem, kind) of wildcard first words): what a cheap pre-filter looks for."""
        return set(self._exact), [(p.elems[0].value, p.elems[0].kind) for p in self._wild]

    def patterns(self) -> list[Pattern]:
        """Every pattern of the set (exact-first ones, then wildcard-first ones)."""
        return [p for pats in (*self._exact.values(), self._wild) for p in pats]

    def anchor_elems(self, freq: Mapping[str, float] | None = None) -> list[Elem]:
        """One anchor word element per pattern, so that every match holds a token that equals the word (text or
        lemma; text alone for a ``=word``) or carries the stem — a sentence without any
        cannot match and a cheap pre-filter can pass it by. Every word element of a pattern must match a token
        (the language has no optional elements), so any one will do. With ``freq`` (:func:`elem_key` → how
        often the pre-filter would flag a token for that element, ``detectors/data/wordfreq/``) a pattern is
        anchored on a word another pattern already needs, else on its rarest word; a pattern with a word the
        table lacks, and every pattern without ``freq``, on its longest ("zu Gesprächen", "sich ... treffen"
        are anchored on "gesprächen", "treffen", not on "zu", "sich")."""
        chosen: list[Elem] = []
        pending: list[list[Elem]] = []
        for pat in self.patterns():
            words = [e for e in pat.elems if e.kind not in ("gap", "punct")]
            if freq is None or len(words) == 1 or any(elem_key(e) not in freq for e in words):
                chosen.append(max(words, key=lambda e: len(e.value)))  # the first of the longest
            else:
                pending.append(words)
        needed = set(chosen)
        for words in pending:
            paid = [e for e in words if e in needed or (e.kind == "surface" and Elem("exact", e.value) in needed)]
            anchor = paid[0] if paid else min(words, key=lambda e: (freq[elem_key(e)], -len(e.value)))  # type: ignore[index]
            needed.add(anchor)
            chosen.append(anchor)
        return chosen

    def anchor_words(self, freq: Mapping[str, float] | None = None) -> tuple[set[str], list[tuple[str, str]]]:
        """:meth:`anchor_elems` as (exact and surface words, (stem, kind) of wildcard words)."""
        exact: set[str] = set()
        wild: list[tuple[str, str]] = []
        for anchor in self.anchor_elems(freq):
            if anchor.kind in ("exact", "surface"):
                exact.add(anchor.value)
            else:
                wild.append((anchor.value, anchor.kind))
        return exact, wild

    def __bool__(self) -> bool:
        return self.size > 0

    def first_candidates(self, lower: str, lemma: str) -> list[Pattern]:
        out: list[Pattern] = []
        hit = self._exact.get(lower)
        if hit:
            out.extend(hit)
        if lemma != lower:
            hit = self._exact.get(lemma)
            if hit:
                out.extend(p for p in hit if p.elems[0].kind == "exact")
        if self._wild_re is not None:
            out.extend(self._wild_of(lower))
        return out

    def _wild_of(self, lower: str) -> tuple[Pattern, ...]:
        """The wildcard patterns a word starts: a wildcard tests the lowercase word alone, so they are
        remembered per word."""
        wild = self._wild_hits.get(lower)
        if wild is None:
            assert self._wild_re is not None
            wild = tuple(p for p in self._wild if p.elems[0].test(lower, lower)) if self._wild_re.search(
                lower) else ()
            if len(self._wild_hits) >= WILD_MEMO:
                self._wild_hits.clear()
                self._no_wild.clear()
            self._wild_hits[lower] = wild
            if not wild:
                self._no_wild.add(lower)
        return wild

    def may_start(self, lowers: Sequence[str], lemmas: Sequence[str]) -> bool:
        """Whether some token could start a pattern (its word or lemma starts an exact one, or its word a
        wildcard one), by set operations on the distinct words: ``find`` passes most sentences by this way."""
        exact = self._exact.keys()
        if not exact.isdisjoint(lowers) or not exact.isdisjoint(lemmas):
            return True
        if self._wild_re is None:
            return False
        return any(self._wild_of(w) for w in set(lowers).difference(self._no_wild))

    def in_sentence(self, sent: Any) -> list[Match]:
        """Every match in a ``detectors.text.Sentence`` (its lower-cased words and lemmas), remembered in the
        sentence's cache: a sentence is searched again by the same set (a trigger sentence beside another, a
        candidate's neighbours), and the matches depend on nothing else. A fresh list each time."""
        return list(sent.memo("find", (self,), self.find, sent.lowers, sent.lemmas))

    def find(
        self, lowers: Sequence[str], lemmas: Sequence[str], start: int = 0, end: int | None = None
    ) -> list[Match]:
        if not self.size or (start == 0 and end is None and not self.may_start(lowers, lemmas)):
            return []
        end = len(lowers) if end is None else end
        out: list[Match] = []
        exact, wild = self._exact, (self._wild_hits.get if self._wild_re is not None else None)
        words: set[str] | None = None  # the sentence's words and lemmas, made when a pattern needs more words
        for i in range(start, end):
            lower, lemma = lowers[i], lemmas[i]
            if lower not in exact and lemma not in exact and (wild is None or wild(lower) == ()):
                continue  # no pattern can start here (most tokens): no call, no list
            for pat in self.first_candidates(lower, lemma):
                if pat.needs:  # "in ... =angekommen" starts at every "in": test its rare word first
                    if words is None:
                        words = {*lowers, *lemmas}
                    if not pat.needs <= words:
                        continue
                stop = _match_rest(pat.elems, 1, i + 1, lowers, lemmas, end)
                if stop is not None:
                    out.append(Match(pat.label, i, stop, pat.text))
        return out


def _match_rest(
    elems: tuple[Elem, ...], k: int, i: int, lowers: Sequence[str], lemmas: Sequence[str], end: int
) -> int | None:
    """Match ``elems[k:]`` from token ``i``; returns the end index or None."""
    if k == len(elems):
        return i
    elem = elems[k]
    if elem.kind == "gap":
        nxt = elems[k + 1] if k + 1 < len(elems) else None
        if nxt is None:
            return i
        for j in range(i, min(end, i + (LONG_GAP if elem.value else GAP) + 1)):
            if lowers[j] in _STOP_GAP:
                if nxt.kind == "punct" or nxt.test(lowers[j], lemmas[j]):
                    return _match_rest(elems, k + 2, j + 1, lowers, lemmas, end)
                return None
            if nxt.test(lowers[j], lemmas[j]):
                res = _match_rest(elems, k + 2, j + 1, lowers, lemmas, end)
                if res is not None:
                    return res
        return None
    if elem.kind == "punct" and i >= end:
        return i
    if i < end and elem.test(lowers[i], lemmas[i]):
        return _match_rest(elems, k + 1, i + 1, lowers, lemmas, end)
    return None


# A gap never crosses a sentence-internal stop (a separable particle belongs to its own clause).
_STOP_GAP = frozenset({".", ";", ":", "!", "?"})


class OutsideOf:
    """The matches of ``pats`` that no match of ``mask`` holds: a negative-context word inside a body's name is no
    such context ("Arab League", "Liga Árabe": a league only in sports); an exclusion inside a phrase that lifts it
    is none ("joint news conference"). Reads like a :class:`PatternSet` where the gates use one (``in_sentence``,
    truth)."""

    def __init__(self, pats: PatternSet, mask: PatternSet) -> None:
        self.pats = pats
        self.mask = mask

    def __bool__(self) -> bool:
        return bool(self.pats)

    def in_sentence(self, sent: Any) -> list[Match]:
        found = self.pats.in_sentence(sent)
        if not found:
            return found
        held = [(m.start, m.end) for m in self.mask.in_sentence(sent)]
        return [m for m in found if not any(a <= m.start and m.end <= b for a, b in held)]
