"""Which articles can hold a candidate at all, from the raw text: the others need no tokenizer.

The pipeline's pre-filter (``Pipeline._candidate_sentences``) flags a token whose lowercase form is a trigger word
(``Engine.trigger_hashes``) or where a compound stem occurs (``stem_positions``), and the first line when it is a
short headline holding a headline-only word. An article none of which can happen returns no detection, so its
tokenisation can be skipped. :class:`ArticleFilter` says so without false negatives:

- a token's lowercase form is a substring of the lowercased text (unless lowercasing changes the length or
  depends on the context: a final sigma; then every article passes);
- spaCy ends a token between two letters only in a special case ("cannot" → "can", "not"): its affixes and
  infixes are punctuation, quotes, hyphens, symbols, whitespace or units after a digit. So a trigger word whose
  edges are letters is looked for where no letter touches it, and a special case that yields a trigger word is
  looked for as a plain substring;
- a first line of at most ``head_tokens`` tokens lies in the first ``head_tokens`` whitespace-separated pieces
  of the text (each piece is one token or more; spaCy splits on the characters ``str.split`` splits on).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from spacy.attrs import ORTH

_LETTER = r"[^\W\d_]"


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching exactly the given (non-empty) words, as a trie: one pass over the text
    with a branch per character instead of one alternative per word."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + walk(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return walk(root)


def word_search(words: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern finding any of ``words`` as spaCy could tokenise it: where its first (last) character is a
    letter, no letter before (after) it."""
    parts: list[str] = []
    for (head, tail), group in _by_edges(words).items():
        parts.append((f"(?<!{_LETTER})" if head else "") + trie_pattern(group) + (f"(?!{_LETTER})" if tail else ""))
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


def _by_edges(words: Iterable[str]) -> dict[tuple[bool, bool], list[str]]:
    out: dict[tuple[bool, bool], list[str]] = {}
    for w in sorted(set(words)):
        if w:
            out.setdefault((w[0].isalpha(), w[-1].isalpha()), []).append(w)
    return out


class ArticleFilter:
    """``may_hold(text)``: False only when ``text`` can hold no trigger token, no stem and no headline word."""

    def __init__(
        self, words: Iterable[str], headline_words: Iterable[str], special_cases: Mapping[str, Sequence[Any]],
        stems: Callable[[str], Sequence[int]] | None, head_tokens: int,
    ) -> None:
        """``words``: the trigger words (lowercase token forms); ``stems``: the text's stem offsets (a candidate
        where any); ``head_tokens``: the longest first line searched for ``headline_words``."""
        words = {w.lower() for w in words}
        headline = {w.lower() for w in headline_words}
        wanted = words | headline
        # a special case whose pieces hold such a word ("cannot" → "can", "not"): looked for as it is written
        self.specials = tuple(sorted({key.lower() for key, pieces in special_cases.items()
                                      if any(str(p.get(ORTH, p.get("ORTH", ""))).lower() in wanted
                                             for p in pieces if isinstance(p, Mapping))}))
        self.body = word_search(words)
        self.head = word_search(headline)
        self.stems, self.head_tokens = stems, head_tokens

    def may_hold(self, text: str) -> bool:
        low = text.lower()
        if len(low) != len(text) or "σ" in low or "ς" in low:
            return True  # lowercasing a piece may differ from the piece of the lowercased text
        if self.body is not None and self.body.search(low):
            return True
        if any(s in low for s in self.specials):
            return True
        if self.head is not None and self.head.search(" ".join(low.split(None, self.head_tokens)[:self.head_tokens])):
            return True
        return self.stems is not None and bool(self.stems(text))
