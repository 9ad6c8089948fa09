"""One language's detection engine, built once per process: a blank spaCy pipeline, the lemma table, the
lexicon detectors, and the trigger words as sorted hashes (every inflection the lemma table maps to them) plus
the wildcard stems of compounds; and the numpy helpers that find sentences and trigger positions fast."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import StringStore
from spacy.tokens import Doc

from detectors import lemmas, registry
from detectors.base import Detector
from detectors.language import LanguageResources, resources
from detectors.meeting import HEADLINE_ONLY_TOKENS
from detectors.prefilter import ArticleFilter


@dataclass
class Engine:
    lang: str
    nlp: Language
    res: LanguageResources
    detectors: list[Detector]
    lemma_table: dict[str, str] | None
    trigger_hashes: np.ndarray
    stems: list[tuple[str, str]]  # (lowercase stem, prefix | suffix | contains) of wildcard triggers
    stem_keys: StemKeys  # the stems by a piece they share (stem_keys): a text is scanned once per piece
    prefilter: ArticleFilter | None = None  # the articles that may hold a candidate (None: every article)

    def tokenise(self, idxs: list[int], texts: Mapping[int, str], batch_size: int) -> tuple[list[int], Iterator[Doc]]:
        """The indices of the ``texts`` that may hold a candidate (``prefilter``; the others hold none: no trigger
        token, stem or headline word) and their docs, tokenised in batches."""
        todo = [k for k in idxs if self.prefilter is None or self.prefilter.may_hold(texts[k])]
        return todo, self.nlp.tokenizer.pipe((texts[k] for k in todo), batch_size=batch_size)


def make_nlp(lang: str) -> Language:
    """A blank pipeline with spaCy's sentencizer (for callers of ``engine.nlp(text)``); the detectors run only
    its tokenizer (``nlp.tokenizer.pipe``) and split sentences with :func:`sentence_starts`, the same way."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def sentence_punct() -> np.ndarray:
    """Hashes of spaCy's sentencizer punctuation (".", "!", "?", "。"…): a string's hash is the same in every
    vocabulary."""
    strings = StringStore()
    return np.array(sorted(strings.add(c) for c in Sentencizer.default_punct_chars), dtype=np.uint64)


def member(values: np.ndarray, sorted_hashes: np.ndarray) -> np.ndarray:
    """``np.isin`` for a sorted array of hashes, by binary search (isin sorts both arrays every call)."""
    if len(sorted_hashes) == 0:
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_hashes, values), len(sorted_hashes) - 1)
    return sorted_hashes[pos] == values


def sentence_starts(orth: np.ndarray, is_punct: np.ndarray, punct_hashes: np.ndarray) -> np.ndarray:
    """Token indices that start a sentence, as spaCy's sentencizer decides them (a sentence starts at the first
    token after a sentence-final mark that is neither punctuation nor such a mark), vectorised: the sentencizer
    iterates spaCy Token objects and was a fifth of the detectors' time."""
    final = member(orth, punct_hashes)
    content = np.flatnonzero(~(final | is_punct.astype(bool)))
    ends = np.flatnonzero(final)
    nxt = np.searchsorted(content, ends, side="right")
    starts = content[nxt[nxt < len(content)]]
    return np.concatenate([np.zeros(1, dtype=np.int64), starts.astype(np.int64)])  # sorted; may repeat


@cache
def build_engine(lang: str) -> Engine:
    """Built once per process and language, shared by every Pipeline (spaCy, lexicons, lemma table)."""
    nlp = make_nlp(lang)
    table = lemmas.lemma_table(lang)  # lemma tables and their derivatives come from the on-disk cache
    # words that are not names: every lemma of the lookup table, and spaCy's stop words
    stop_words = frozenset(w.lower() for w in nlp.Defaults.stop_words)
    # (names the table happens to list, "Merkel(s)", are no common words)
    proper = lemmas.proper_nouns(lang, table) - stop_words
    res = resources(lang, (lemmas.lemma_words(lang, table) - proper) | stop_words, stop_words, proper)
    dets: list[Detector] = []
    for name, factory in registry.detectors().items():
        lexicon = registry.lexicon(lang, name)
        if lexicon is not None:
            dets.append(factory(lang, lexicon, res))
    exact: set[str] = set()
    surface: set[str] = set()  # "=sprechen": the text alone, no inflection
    stems: list[tuple[str, str]] = []
    for det in dets:
        for e in det.triggers.anchor_elems(anchor_frequencies(lang)):  # one anchor per pattern, the rarest
            if e.kind == "exact":
                exact.add(e.value)
            elif e.kind == "surface":
                surface.add(e.value)
            else:
                stems.append((e.value, e.kind))
    exact |= lemmas.inflections(lang, table, exact)  # every form whose lemma is a trigger word ("traf" → "treffen")
    hashes = np.array(sorted(nlp.vocab.strings.add(w) for w in exact | surface), dtype=np.uint64)
    stems = sorted(set(stems))
    keys = stem_keys(stems)
    headline = {w for d in dets for w in getattr(d, "headline_words", None) or ()}
    prefilter = ArticleFilter(exact | surface, headline, nlp.tokenizer.rules,
                              (lambda text: stem_positions(text, stems, keys)) if stems else None, HEADLINE_ONLY_TOKENS)
    return Engine(lang, nlp, res, dets, table, hashes, stems, keys, prefilter)


@cache
def anchor_frequencies(lang: str) -> dict[str, float] | None:
    """``detectors/data/wordfreq/<lang>.json`` (pattern word → how often the pre-filter would flag a token for
    it, per million; rebuilt by ``bench/wordfreq_table.py``), read once per process; None when absent."""
    path = files("detectors").joinpath(f"data/wordfreq/{lang}.json")
    return json.loads(path.read_text("utf-8")) if path.is_file() else None


StemKeys = tuple[tuple[str, tuple[tuple[int, str, str], ...]], ...]
KEY_CHARS = 5  # characters of the piece stems are grouped by ("reise" in "asienreise", "-reise")


def stem_keys(stems: list[tuple[str, str]], size: int = KEY_CHARS) -> StemKeys:
    """(key, its stems as (offset of the key in the stem, stem, kind)): every stem under one key it contains,
    the keys chosen greedily (the piece of ``size`` characters most uncovered stems share; a shorter stem is
    its own key), so the text is scanned once per key, not once per stem."""
    left = sorted(set(stems))
    out: list[tuple[str, tuple[tuple[int, str, str], ...]]] = []
    while left:
        count: dict[str, int] = {}
        for stem, _kind in left:
            for piece in {stem[i:i + size] for i in range(max(1, len(stem) - size + 1))}:
                count[piece] = count.get(piece, 0) + 1
        key = max(count, key=lambda p: (count[p], len(p), p))
        out.append((key, tuple((stem.find(key), stem, kind) for stem, kind in left if key in stem)))
        left = [(stem, kind) for stem, kind in left if key not in stem]
    return tuple(out)


def stem_positions(text: str, stems: list[tuple[str, str]], keys: StemKeys | None = None) -> list[int]:
    """Character offsets where a wildcard trigger stem occurs (plain substring search: fast in C), each stem's
    occurrences left to right, the next from the end of the last (as ``str.find`` in a loop finds them).
    ``keys`` (``stem_keys(stems)``) scans the text once per key: every occurrence of a stem holds its key at
    the stem's offset, and the scan finds every occurrence of the key (one character on at a time)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowercased: search case-insensitively
        pattern = "|".join(re.escape(stem) for stem, _ in stems)
        return [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)] if stems else []
    out: list[int] = []
    size = len(low)
    for key, members in stem_keys(stems) if keys is None else keys:
        at = low.find(key)
        if at == -1:
            continue
        free = [0] * len(members)  # where each stem's next occurrence may start
        while at != -1:
            for k, (offset, stem, kind) in enumerate(members):
                start = at - offset
                if start < free[k] or not low.startswith(stem, start):
                    continue
                end = free[k] = start + len(stem)
                if (kind != "prefix" or start == 0 or not low[start - 1].isalnum()) and (
                    kind != "suffix" or end == size or not low[end].isalnum()
                ):
                    out.append(start)
            at = low.find(key, at + 1)
    return out
