"""Article → detections: language id, a blank spaCy pipeline per language, the registered detectors.

    pipeline = Pipeline.load()            # or Pipeline.load(["de", "en"])
    detections = pipeline.detect(article)
    batches = pipeline.detect_many(articles)

Pure: no Kafka, no I/O beyond reading lexicon files once. spaCy pipelines (tokenizer + sentencizer) are
created lazily per language and cached; ``detect_many`` batches through ``nlp.pipe``; once the
vocabulary has grown to VOCAB_CAP entries, inside ``nlp.memory_zone()``, and the spaCy pipeline is rebuilt
after VOCAB_RECYCLE lexeme insertions, so memory stays flat over long runs.

Speed: a document is scanned once with numpy (token hashes against the trigger words and every inflection
the lemma table maps to them) and one regex (compound stems); only sentences with a candidate are copied
out of spaCy and lemmatized with the spacy-lookups-data table. Work per article is bounded (text length,
sentence length, number of detections).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from detectors import registry
from detectors.base import ArticleContext, Candidate, Detector
from detectors.contracts import Article, Detection, Evidence
from detectors.langid import detect_language
from detectors.language import LanguageResources, resources
from detectors.patterns import Match
from detectors.text import Sentence, sentence_ranges

MAX_CHARS = 100_000  # characters of an article that are analysed (a 5 MB text costs no more)
MAX_DETECTIONS = 50  # per article
MAX_CANDIDATE_SENTENCES = 200  # per article
BATCH_SIZE = 64
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates cannot be encoded: same-length replacement
# Words seen outside a memory zone stay in the vocabulary (fast: no lexeme re-creation per batch); once the
# vocabulary holds this many entries every batch runs inside ``nlp.memory_zone()``, so memory stays flat.
VOCAB_CAP = 150_000
# spaCy frees a memory zone's lexemes but its lexeme index keeps a slot per distinct word ever seen (16 bytes);
# after this many lexeme insertions the language's spaCy pipeline is rebuilt so that index cannot grow forever.
VOCAB_RECYCLE = 1_000_000
CONTEXT_SENTENCES = 2  # the first sentences (title, lead) always join the article context


@dataclass
class _Engine:
    lang: str
    nlp: Language
    res: LanguageResources
    detectors: list[Detector]
    lemma_table: dict[str, str] | None
    trigger_hashes: np.ndarray
    stems: list[tuple[str, str]]  # (lowercase stem, prefix | suffix | contains) of wildcard triggers


def _lemma_table(lang: str) -> dict[str, str] | None:
    """The spacy-lookups-data lemma lookup table (form → lemma), or None when the language has none."""
    try:
        import spacy_lookups_data
    except ImportError:
        return None
    files = getattr(spacy_lookups_data, lang, None)
    if not isinstance(files, dict) or "lemma_lookup" not in files:
        return None
    data = spacy.util.load_language_data(files["lemma_lookup"])
    table: dict[str, str] = {}
    for form, lemma in data.items():
        if isinstance(lemma, list):  # some tables (fr) list candidate lemmas: take the first
            lemma = lemma[0] if lemma else None
        if isinstance(form, str) and isinstance(lemma, str):
            table[form] = lemma
    return table


def _make_nlp(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def _build_engine(lang: str) -> _Engine:
    """Built once per process and language, shared by every Pipeline (spaCy, lexicons, lemma table)."""
    nlp = _make_nlp(lang)
    table = _lemma_table(lang)
    # words that are not names: every lemma of the lookup table, and spaCy's stop words
    stop_words = frozenset(w.lower() for w in nlp.Defaults.stop_words)
    known = set(stop_words)
    if table is not None:
        known |= {v.lower() for v in table.values()}
    res = resources(lang, frozenset(known), stop_words)
    dets: list[Detector] = []
    for name, factory in registry.detectors().items():
        lexicon = registry.lexicon(lang, name)
        if lexicon is not None:
            dets.append(factory(lang, lexicon, res))
    exact: set[str] = set()
    stems: list[tuple[str, str]] = []
    for det in dets:
        words, wild = det.triggers.first_words()
        exact |= words
        stems += wild
    if table is not None:  # every form whose lemma is a trigger word ("traf" → "treffen")
        exact |= {form.lower() for form, lemma in table.items() if lemma.lower() in exact}
    hashes = np.array(sorted(nlp.vocab.strings.add(w) for w in exact), dtype=np.uint64)
    return _Engine(lang, nlp, res, dets, table, hashes, sorted(set(stems)))


def _stem_positions(text: str, stems: list[tuple[str, str]]) -> list[int]:
    """Character offsets where a wildcard trigger stem occurs (plain substring search: fast in C)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowercased: search case-insensitively
        pattern = "|".join(re.escape(stem) for stem, _ in stems)
        return [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)] if stems else []
    out: list[int] = []
    size = len(low)
    for stem, kind in stems:
        start = low.find(stem)
        while start != -1:
            end = start + len(stem)
            if (kind != "prefix" or start == 0 or not low[start - 1].isalnum()) and (
                kind != "suffix" or end == size or not low[end].isalnum()
            ):
                out.append(start)
            start = low.find(stem, end)
    return out


class Pipeline:
    """Detect events in articles with every registered detector that has lexicons for the language."""

    def __init__(self, languages: Iterable[str] | None = None) -> None:
        available = registry.languages()
        wanted = available if languages is None else tuple(languages)
        unknown = sorted(set(wanted) - set(available))
        if unknown:
            raise ValueError(f"no lexicons for languages {unknown}; available: {list(available)}")
        self.languages: tuple[str, ...] = tuple(wanted)
        self._engines: dict[str, _Engine] = {}

    @classmethod
    def load(cls, languages: Iterable[str] | None = None) -> Pipeline:
        return cls(languages)

    def engine(self, lang: str) -> _Engine:
        engine = self._engines.get(lang)
        if engine is None:
            engine = self._engines[lang] = _build_engine(lang)
        return engine

    def language_of(self, article: Article, text: str | None = None) -> str | None:
        """The article's language when given (normalised), else detected; None when unsupported."""
        if article.language:
            lang = article.language.strip().lower().replace("_", "-").split("-")[0]
            return lang if lang in self.languages else None
        return detect_language(_SURROGATE.sub("\ufffd", article.text) if text is None else text, self.languages)

    def detect(self, article: Article) -> list[Detection]:
        return self.detect_many([article])[0]

    def detect_many(self, articles: Sequence[Article]) -> list[list[Detection]]:
        results: list[list[Detection]] = [[] for _ in articles]
        groups: dict[str, list[int]] = {}
        texts: dict[int, str] = {}
        for k, article in enumerate(articles):
            if not article.text or not article.text.strip():
                continue
            texts[k] = _SURROGATE.sub("\ufffd", article.text[:MAX_CHARS])
            lang = self.language_of(article, texts[k])
            if lang is not None:
                groups.setdefault(lang, []).append(k)
        for lang, idxs in groups.items():
            engine = self.engine(lang)
            if not engine.detectors:
                continue
            if len(engine.nlp.vocab) >= VOCAB_RECYCLE:  # len() counts every lexeme ever added
                engine.nlp = _make_nlp(lang)
            vocab_full = len(engine.nlp.vocab) >= VOCAB_CAP
            with engine.nlp.memory_zone() if vocab_full else contextlib.nullcontext():
                docs = engine.nlp.pipe((texts[k] for k in idxs), batch_size=BATCH_SIZE)
                for k, doc in zip(idxs, docs, strict=True):
                    results[k] = self._analyse(engine, articles[k], texts[k], doc)
        return results

    def _candidate_sentences(
        self, engine: _Engine, text: str, doc: Doc
    ) -> tuple[list[tuple[int, int]], list[int]]:
        """All sentence ranges, and the indices of those holding a possible trigger."""
        n = len(doc)
        if n == 0:
            return [], []
        arr = doc.to_array([LOWER, SENT_START, IS_SPACE])
        space_idx = np.flatnonzero(arr[:, 2])
        space = {int(i) for i in space_idx}
        starts = set(np.flatnonzero(arr[:, 1] == 1).tolist())
        starts.add(0)
        for i in space_idx.tolist():  # a line break ends a sentence (titles, headlines)
            if i + 1 < n and "\n" in doc[i].text:
                starts.add(i + 1)
        ranges = sentence_ranges(sorted(starts), n, space)
        hit = np.isin(arr[:, 0], engine.trigger_hashes)
        positions = _stem_positions(text, engine.stems)
        if positions:
            offsets = doc.to_array("IDX").astype(np.int64)
            tokens = np.searchsorted(offsets, np.array(positions, dtype=np.int64), side="right") - 1
            hit[np.clip(tokens, 0, n - 1)] = True
        cand_tokens = np.flatnonzero(hit)
        if len(cand_tokens) == 0:
            return ranges, []
        firsts = np.array([a for a, _ in ranges], dtype=np.int64)
        sent_idx = np.searchsorted(firsts, cand_tokens, side="right") - 1
        chosen = sorted({int(s) for s in sent_idx if s >= 0})
        return ranges, chosen[:MAX_CANDIDATE_SENTENCES]

    def _analyse(self, engine: _Engine, article: Article, text: str, doc: Doc) -> list[Detection]:
        ranges, chosen = self._candidate_sentences(engine, text, doc)
        if not chosen:
            return []
        table = engine.lemma_table
        built: dict[int, Sentence] = {}

        def sentence(s: int) -> Sentence:
            if s not in built:
                a, b = ranges[s]
                built[s] = Sentence.from_span(doc[a:b], text, table)
            return built[s]

        hits: list[tuple[int, Detector, list[Match]]] = []
        for s in chosen:
            sent = sentence(s)
            for det in engine.detectors:
                found = det.triggers.in_sentence(sent)
                if found:
                    hits.append((s, det, found))
        if not hits:
            return []
        context_ids = sorted(set(range(min(CONTEXT_SENTENCES, len(ranges)))) | {s for s, _, _ in hits})
        ctx = ArticleContext(engine.res, [sentence(s) for s in context_ids])
        best: dict[tuple[int, str, str], tuple[Candidate, Sentence]] = {}
        order: list[tuple[int, str, str]] = []
        for s, det, found in hits:
            sent = built[s]
            for cand in det.detect(sent, found, ctx):
                cand.detector = det.name
                key = (s, cand.type, cand.status)
                old = best.get(key)
                if old is None:
                    order.append(key)
                if old is None or old[0].confidence < cand.confidence:
                    best[key] = (cand, sent)
        return [self._detection(engine, article, *best[key]) for key in order[:MAX_DETECTIONS]]

    @staticmethod
    def _detection(engine: _Engine, article: Article, cand: Candidate, sent: Sentence) -> Detection:
        start, end = sent.char_span(*cand.trigger)
        return Detection.create(
            article,
            language=engine.lang,
            type=cand.type,
            status=cand.status,
            confidence=cand.confidence,
            evidence=Evidence(sent.text, sent.start, sent.end, (start, end)),
            detector=cand.detector or cand.type,
            actors=tuple(cand.args.actors),
            countries=tuple(cand.args.countries),
            level=cand.level,
            form=cand.form,
            location=cand.args.location,
        )
