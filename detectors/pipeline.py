"""Article → detections: language id, a blank spaCy pipeline per language, the registered detectors.

    pipeline = Pipeline.load()            # or Pipeline.load(["de", "en"], stage="rules")
    detections = pipeline.detect(article)
    batches = pipeline.detect_many(articles)
    analyses = pipeline.analyse_many(articles)   # + each article's language, its source and confidence

Two decision stages (``detectors.stage``): ``rules`` emits what the lexicon detectors decide; ``learned`` (the
default) turns every trigger of a type with a shipped model into a candidate carrying the rules' reading as
features, and the model (``detectors.learned``) decides event or not, status, level and a calibrated confidence.

Pure: no Kafka, no I/O beyond reading lexicon files once. spaCy pipelines (tokenizer; sentences split in numpy) are
created lazily per language and cached; ``detect_many`` batches through ``nlp.tokenizer.pipe``; once the
vocabulary has grown to VOCAB_CAP entries, inside ``nlp.memory_zone()``, and the spaCy pipeline is rebuilt
after VOCAB_RECYCLE lexeme insertions, so memory stays flat over long runs.

Speed: a document is scanned once with numpy (token hashes against the trigger words and every inflection
the lemma table maps to them) and one regex (compound stems); only sentences with a candidate are copied
out of spaCy and lemmatized with the spacy-lookups-data table. Work per article is bounded (text length,
sentence length, number of detections).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH
from spacy.tokens import Doc

from detectors import registry
from detectors.arguments import Arguments, extract
from detectors.article_events import finalise
from detectors.base import ArticleContext, Candidate, Detector, dedupe
from detectors.contracts import Article, Detection, Embedding, Evidence
from detectors.engine import Engine, build_engine, make_nlp, member, sentence_punct, sentence_starts, stem_positions
from detectors.langid import ArticleLanguage, identify, normalise_tag
from detectors.learned import embed
from detectors.learned.features import Observed, cue_labels, embedding_text, gate_flags, is_headline, neighbour_context
from detectors.learned.stage import Decision, LearnedStage
from detectors.meeting import HEADLINE_ONLY_TOKENS
from detectors.next_status import told_next
from detectors.participants import from_previous
from detectors.patterns import Match, gap_of
from detectors.text import Sentence, sentence_ranges

MAX_CHARS = 100_000  # characters of an article that are analysed (a 5 MB text costs no more)
MAX_DETECTIONS = 50  # per article
MAX_CANDIDATE_SENTENCES = 200  # per article
MAX_LEARNED_CANDIDATES = 64  # per article: candidates the learned stage scores (each costs an embedding)
BATCH_SIZE = 64
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates cannot be encoded: same-length replacement
# Words seen outside a memory zone stay in the vocabulary (fast: no lexeme re-creation per batch); once the
# vocabulary holds this many entries every batch runs inside ``nlp.memory_zone()``, so memory stays flat.
VOCAB_CAP = 150_000
# spaCy frees a memory zone's lexemes but its lexeme index keeps a slot per distinct word ever seen (16 bytes);
# after this many lexeme insertions the language's spaCy pipeline is rebuilt so that index cannot grow forever.
VOCAB_RECYCLE = 1_000_000
CONTEXT_SENTENCES = 2  # the first sentences (title, lead) always join the article context
STAGES = ("rules", "learned")  # detectors.stage: the rules alone, or rule candidates decided by the models


@dataclass(frozen=True)
class Analysis:
    """What the pipeline made of one article: its detections and the language it was read in."""

    detections: list[Detection]
    language: ArticleLanguage


@dataclass
class _Observation:
    """A candidate for the learned stage, with what a detection needs if the models accept it."""

    article: int
    obs: Observed
    sent: Sentence
    rule: list[Candidate]


def default_stage() -> str:
    """``detectors.stage`` when the process was given it (``WIREWATCH_DETECTORS__STAGE``), else ``learned``."""
    return os.environ.get("WIREWATCH_DETECTORS__STAGE") or "learned"


class Pipeline:
    """Detect events in articles with every registered detector that has lexicons for the language."""

    def __init__(self, languages: Iterable[str] | None = None, stage: str | None = None) -> None:
        available = registry.languages()
        wanted = available if languages is None else tuple(languages)
        unknown = sorted(set(wanted) - set(available))
        if unknown:
            raise ValueError(f"no lexicons for languages {unknown}; available: {list(available)}")
        stage = stage or default_stage()
        if stage not in STAGES:
            raise ValueError(f"detectors.stage must be one of {list(STAGES)}, not {stage!r}")
        self.languages: tuple[str, ...] = tuple(wanted)
        self.stage = stage
        self._engines: dict[str, Engine] = {}
        # types without a model file keep the rules-only path
        self.learned = LearnedStage(tuple(registry.detectors())) if stage == "learned" else None

    @classmethod
    def load(cls, languages: Iterable[str] | None = None, stage: str | None = None) -> Pipeline:
        return cls(languages, stage)

    def engine(self, lang: str) -> Engine:
        engine = self._engines.get(lang)
        if engine is None:
            engine = self._engines[lang] = build_engine(lang)
        return engine

    def language(self, article: Article, text: str | None = None) -> ArticleLanguage:
        """The article's language: given (normalised: ``en-US``, ``EN`` → ``en``) or identified on title + text,
        with its source and confidence; ``lang`` is None when unsupported or unknown."""
        if article.language:
            lang = normalise_tag(article.language)
            return ArticleLanguage(lang if lang in self.languages else None, "given", 1.0, lang)
        body = _SURROGATE.sub("\ufffd", article.text[:MAX_CHARS]) if text is None else text
        title = _SURROGATE.sub("\ufffd", article.title) if article.title else None
        return identify(body, self.languages, title)

    def language_of(self, article: Article, text: str | None = None) -> str | None:
        """The article's language when given (normalised), else detected; None when unsupported."""
        return self.language(article, text).lang

    def detect(self, article: Article) -> list[Detection]:
        return self.detect_many([article])[0]

    def detect_many(self, articles: Sequence[Article]) -> list[list[Detection]]:
        return [a.detections for a in self.analyse_many(articles)]

    def analyse_many(self, articles: Sequence[Article]) -> list[Analysis]:
        """Detections and the language of each article (``scan`` shows the language's source and confidence)."""
        results: list[list[Detection]] = [[] for _ in articles]
        languages: list[ArticleLanguage] = [ArticleLanguage(None, "detected", 0.0)] * len(articles)
        groups: dict[str, list[int]] = {}
        texts: dict[int, str] = {}
        for k, article in enumerate(articles):
            if not article.text or not article.text.strip():
                continue
            texts[k] = _SURROGATE.sub("\ufffd", article.text[:MAX_CHARS])
            languages[k] = self.language(article, texts[k])
            lang = languages[k].lang
            if lang is not None:
                groups.setdefault(lang, []).append(k)
        for lang, idxs in groups.items():
            engine = self.engine(lang)
            if not engine.detectors:
                continue
            if len(engine.nlp.vocab) >= VOCAB_RECYCLE:  # len() counts every lexeme ever added
                engine.nlp = make_nlp(lang)
            vocab_full = len(engine.nlp.vocab) >= VOCAB_CAP
            observed: list[_Observation] = []
            with engine.nlp.memory_zone() if vocab_full else contextlib.nullcontext():
                todo, docs = engine.tokenise(idxs, texts, BATCH_SIZE)  # the others hold no candidate
                for k, doc in zip(todo, docs, strict=True):
                    results[k] = self._analyse(engine, articles[k], k, texts[k], doc, observed)
            if observed and self.learned is not None:
                self._decide(engine, articles, observed, results)
            for k in idxs:  # per article: event dates and recency, one detection per event
                results[k] = finalise(articles[k], results[k], lang)
        return [Analysis(dets, lang) for dets, lang in zip(results, languages, strict=True)]

    def observe_many(self, articles: Sequence[Article]) -> list[list[_Observation]]:
        """Every candidate the learned stage would see, per article (what training and evaluation use)."""
        out: list[list[_Observation]] = [[] for _ in articles]
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
            observed: list[_Observation] = []
            todo, docs = engine.tokenise(idxs, texts, BATCH_SIZE)
            for k, doc in zip(todo, docs, strict=True):
                self._analyse(engine, articles[k], k, texts[k], doc, observed, observe_all=True)
            for o in observed:
                out[o.article].append(o)
        return out

    def _decide(
        self, engine: Engine, articles: Sequence[Article], observed: list[_Observation],
        results: list[list[Detection]],
    ) -> None:
        assert self.learned is not None
        with embed.capture() as seen:  # the stage's embeddings, carried on the detections (nothing re-encoded)
            decisions = self.learned.decide([o.obs for o in observed])
        best: dict[tuple[int, int, str, str], tuple[Decision, _Observation]] = {}
        order: list[tuple[int, int, str, str]] = []
        for o, decs in zip(observed, decisions, strict=True):
            for dec in decs:
                key = (o.article, o.sent.first, o.obs.type, dec.status)
                old = best.get(key)
                if old is None:
                    order.append(key)
                if old is None or old[0].confidence < dec.confidence:
                    best[key] = (dec, o)
        for key in order:
            dec, o = best[key]
            if len(results[o.article]) < MAX_DETECTIONS:
                det = self._learned_detection(engine, articles[o.article], dec, o)
                results[o.article].append(replace(det, embedding=self._embedding(o, seen)))

    def _embedding(self, o: _Observation, seen: dict[str, np.ndarray]) -> Embedding | None:
        """The learned stage's embedding of the candidate's text (its trigger window or sentence), if it made one."""
        model = self.learned.models.get(o.obs.type) if self.learned is not None else None
        if not seen or model is None or not model.dense_dim:
            return None
        vector = seen.get(embedding_text(o.obs, int(model.meta.get("window", 0))))
        return Embedding.quantise(embed.MODEL, vector) if vector is not None else None  # the array: no list

    def _candidate_sentences(
        self, engine: Engine, text: str, doc: Doc
    ) -> tuple[list[tuple[int, int]], list[int]]:
        """All sentence ranges, and the indices of those holding a possible trigger."""
        n = len(doc)
        if n == 0:
            return [], []
        arr = doc.to_array([LOWER, ORTH, IS_PUNCT, IS_SPACE])
        space_idx = np.flatnonzero(arr[:, 3])
        space = {int(i) for i in space_idx}
        starts = set(sentence_starts(arr[:, 1], arr[:, 2], sentence_punct()).tolist())
        for i in space_idx.tolist():  # a line break ends a sentence (titles, headlines)
            if i + 1 < n and "\n" in doc[i].text:
                starts.add(i + 1)
        ranges = sentence_ranges(sorted(starts), n, space)
        hit = member(arr[:, 0], engine.trigger_hashes)
        positions = stem_positions(text, engine.stems, engine.stem_keys)
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

    def _analyse(
        self, engine: Engine, article: Article, k: int, text: str, doc: Doc, observed: list[_Observation],
        observe_all: bool = False,
    ) -> list[Detection]:
        """The rules' detections of types the learned stage does not decide; candidates of the others (every
        type when ``observe_all``) go to ``observed``."""
        ranges, chosen = self._candidate_sentences(engine, text, doc)
        head = doc[ranges[0][0]:ranges[0][1]] if ranges and ranges[0][1] - ranges[0][0] <= HEADLINE_ONLY_TOKENS else ()
        headline = [d for d in engine.detectors if getattr(d, "headline_words", None) and any(
            t.lower_ in d.headline_words for t in head)] if head else []  # type: ignore[attr-defined]
        only_headline = bool(headline) and (not chosen or chosen[0] != 0)
        if only_headline:  # a short first line may hold a headline-only trigger ("Merkel bei Putin")
            chosen = [0, *chosen]
        if not chosen:
            return []
        table = engine.lemma_table
        built: dict[int, Sentence] = {}
        tokens: list[list[int]] = []  # the doc's token offsets and lengths, read once (Sentence.from_tokens)

        def sentence(s: int) -> Sentence:
            if s not in built:
                a, b = ranges[s]
                if not tokens:
                    tokens.extend(doc.to_array([IDX, LENGTH]).T.tolist())
                starts = tokens[0][a:b]
                words = [text[i:i + n] for i, n in zip(starts, tokens[1][a:b], strict=True)]
                built[s] = Sentence.from_tokens(a, b, words, starts, text, table)
            return built[s]

        hits: list[tuple[int, Detector, list[Match]]] = []
        for s in chosen:
            sent = sentence(s)
            for det in engine.detectors:
                found = [] if s == 0 and only_headline else det.triggers.in_sentence(sent)
                if s == 0 and det in headline:
                    found = [*found, *det.headline_matches(sent)]  # type: ignore[attr-defined]
                if found:
                    hits.append((s, det, found))
        if not hits:
            return []
        limit = len(observed) + MAX_LEARNED_CANDIDATES  # observed holds the batch's earlier articles too
        # candidates the models will not decide need no arguments nor neighbours (training observes them all)
        drops = self.learned.drops if self.learned is not None and not observe_all else None
        context_ids = sorted(set(range(min(CONTEXT_SENTENCES, len(ranges)))) | {s for s, _, _ in hits})
        ctx = ArticleContext(engine.res, [sentence(s) for s in context_ids], firsts=[a for a, _ in ranges],
                             build=sentence)
        best: dict[tuple[int, str, str], tuple[Candidate, Sentence]] = {}
        order: list[tuple[int, str, str]] = []
        for s, det, found in hits:
            sent = built[s]
            if observe_all or (self.learned is not None and self.learned.covers(det.type)):
                if len(observed) < limit:
                    neighbours = lambda s=s: [sentence(j) for j in (s - 1, s + 1) if 0 <= j < len(ranges)]  # noqa: E731
                    prev = (lambda s=s: sentence(s - 1)) if s > 0 and det.type == "meeting" else None
                    self._observe(engine, det, sent, found, ctx, neighbours, k, observed, limit, prev, drops)
                continue
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
    def _observe(
        engine: Engine, det: Detector, sent: Sentence, found: list[Match], ctx: ArticleContext,
        neighbours: Callable[[], list[Sentence]], k: int, observed: list[_Observation], limit: int,
        prev: Callable[[], Sentence] | None = None, drops: Callable[[Observed], bool] | None = None,
    ) -> None:
        """One candidate per trigger, with what the rules make of it (possibly nothing); one the models will not
        decide (``drops``: a hard gate) counts to ``limit`` but gets no arguments or neighbours (none reads them)."""
        by_span: dict[tuple[int, int], list[Candidate]] = {}
        for cand in det.detect(sent, found, ctx):
            cand.detector = det.name
            by_span.setdefault(cand.trigger, []).append(cand)
        headline = is_headline(sent)
        for trig in dedupe(found):
            if len(observed) >= limit:
                return
            span = (trig.start, trig.end)
            rule = by_span.get(span, [])
            near, whole = cue_labels(det, sent, span, gap_of(trig) if det.type == "meeting" else None)
            obs = Observed(
                type=det.type, lang=engine.lang, sent=sent, trigger=trig,
                rule=[(c.status, c.confidence) for c in rule], args=rule[0].args if rule else Arguments(),
                gates=gate_flags(det, sent, span), cues_near=near, cues_sentence=whole,
                level=rule[0].level if rule else None, form=rule[0].form if rule else None, headline=headline,
            )
            observed.append(_Observation(k, obs, sent, rule))
            if drops is not None and drops(obs):
                continue
            if rule:
                args = rule[0].args
            else:
                args = extract(sent, engine.res, span, ctx.known_names)
                if det.type == "ceasefire" and not args.countries and ctx.countries:
                    args.add_country(ctx.countries[0])  # as the ceasefire rules do
            if prev is not None and not args.actors:  # a quote whose speaker the sentence before names
                borrowed = replace(args, actors=[], spans=[], borrowed=True)
                if from_previous(sent, prev, engine.res, ctx.known_names, borrowed):
                    args = borrowed
            obs.args = args
            if det.type == "meeting" and obs.form is None and args.named_summit:
                obs.form = "summit"  # "die Berliner Konferenz" with no rule candidate: a summit all the same
            obs.neighbours = neighbours()
            sides = [("p" if nb.first < sent.first else "n", nb) for nb in obs.neighbours]
            obs.context = neighbour_context(det, sides, engine.res, ctx.known_names, args) + told_next(det, obs, sides)

    @staticmethod
    def _learned_detection(engine: Engine, article: Article, dec: Decision, o: _Observation) -> Detection:
        sent, obs = o.sent, o.obs
        start, end = sent.char_span(obs.trigger.start, obs.trigger.end)
        args = obs.args
        return Detection.create(
            article,
            language=engine.lang,
            type=obs.type,
            status=dec.status,
            confidence=dec.confidence,
            evidence=Evidence(sent.text, sent.start, sent.end, (start, end)),
            detector=dec.detector,
            actors=tuple(args.actors),
            countries=tuple(args.countries),
            level=dec.level,
            form=obs.form if obs.type == "meeting" else None,
            location=args.location,
        )

    @staticmethod
    def _detection(engine: Engine, article: Article, cand: Candidate, sent: Sentence) -> Detection:
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
