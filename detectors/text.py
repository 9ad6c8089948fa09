"""Plain-Python views of the sentences that hold candidate triggers (no spaCy objects escape).

Only candidate sentences are copied out of the Doc, so a spaCy ``memory_zone`` can free it right after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import is_
from typing import Any, TypeVar

T = TypeVar("T")

# A sentence longer than this is cut into pieces of this many tokens (text without punctuation).
MAX_SENTENCE_TOKENS = 120
_CLAUSE_BREAKS = frozenset(",;:()[]\"«»„“”‘’–—")
_DASHES = frozenset("–—")


@dataclass(slots=True)
class Sentence:
    """One sentence: slices of the token arrays, with character offsets into the article text."""

    first: int  # token index of the sentence's first token in the document
    last: int  # exclusive
    start: int  # character offsets
    end: int
    text: str
    texts: list[str] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    raw_lemmas: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    cache: dict[Any, Any] = field(default_factory=dict)  # per-sentence analyses shared by all triggers (memo)

    @classmethod
    def from_span(cls, span: Any, article_text: str, lemma_table: dict[str, str] | None) -> Sentence:
        """Copy a spaCy span into plain lists (lemmas from the lookup table, only for this sentence)."""
        return cls.from_tokens(span.start, span.end, [t.text for t in span], [t.idx for t in span], article_text,
                               lemma_table)

    @classmethod
    def from_tokens(cls, first: int, last: int, texts: list[str], starts: list[int], article_text: str,
                    lemma_table: dict[str, str] | None) -> Sentence:
        """The sentence of doc tokens ``first..last`` from their texts and character offsets (``Pipeline`` slices
        them out of the article with the doc's IDX and LENGTH arrays: cheaper than a spaCy Token per word)."""
        lowers = [t.lower() for t in texts]
        if lemma_table:  # exact form first, then the lowercase form (sentence-initial capitals)
            raw = [lemma_table.get(t) or lemma_table.get(low) or t for t, low in zip(texts, lowers, strict=True)]
        else:
            raw = texts
        start = starts[0]
        end = starts[-1] + len(texts[-1])
        return cls(
            first=first,
            last=last,
            start=start,
            end=end,
            text=article_text[start:end],
            texts=texts,
            lowers=lowers,
            lemmas=[r.lower() for r in raw],
            raw_lemmas=raw,
            starts=starts,
        )

    def __len__(self) -> int:
        return len(self.texts)

    def memo(self, name: str, owners: tuple[object, ...], compute: Callable[..., T], *args: Any) -> T:
        """``compute(*args)``, remembered in this sentence's cache under ``name`` and the identities of
        ``owners`` (the objects the result depends on beside the sentence: a pattern set, a detector, its
        resources). The key holds the owners' ids and the entry the owners themselves, checked by identity on
        a hit, so an id reused by a new object after the old one died is never taken for it. The cache lives
        and dies with the sentence: nothing crosses to another sentence."""
        key = (name, *map(id, owners))
        hit = self.cache.get(key)
        if hit is not None and all(map(is_, hit[0], owners)):  # as long as owners: their ids are in the key
            return hit[1]
        value = compute(*args)
        self.cache[key] = (owners, value)
        return value

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        """Character offsets (into the article) of tokens ``i..j`` (sentence-relative, ``j`` exclusive)."""
        return self.starts[i], self.starts[j - 1] + len(self.texts[j - 1])

    def clause(self, i: int, j: int) -> tuple[int, int]:
        """The token range of the clause around tokens ``i..j``: bounded by commas, quotes, dashes… (not a dash
        glued to the words either side: "the Iran–U.S. ceasefire", "a 48–hour truce")."""
        a = i
        while a > 0 and not self._breaks(a - 1):
            a -= 1
        b = j
        n = len(self.texts)
        while b < n and not self._breaks(b):
            b += 1
        return a, b

    def _breaks(self, k: int) -> bool:
        t = self.texts[k]
        if t not in _CLAUSE_BREAKS:
            return False
        if t not in _DASHES or not 0 < k < len(self.texts) - 1:
            return True
        s = self.starts
        return s[k] != s[k - 1] + len(self.texts[k - 1]) or s[k + 1] != s[k] + len(t)

    def is_question(self) -> bool:
        return self.text.rstrip(" \"'»“”’").endswith("?")


def sentence_ranges(starts: list[int], n_tokens: int, space: set[int]) -> list[tuple[int, int]]:
    """(first, last) token ranges from sentence starts; whitespace tokens (``space``) are trimmed and a
    long sentence is cut into pieces of MAX_SENTENCE_TOKENS."""
    out: list[tuple[int, int]] = []
    bounds = [*starts, n_tokens]
    for k in range(len(bounds) - 1):
        a, b = bounds[k], bounds[k + 1]
        while a < b and a in space:
            a += 1
        while b > a and b - 1 in space:
            b -= 1
        while a < b:
            cut = min(b, a + MAX_SENTENCE_TOKENS)
            out.append((a, cut))
            a = cut
    return out
