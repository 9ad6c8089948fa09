"""The rule stage on its own: every candidate the lexicon detectors propose for a text, before any decision
stage (so these tests hold for ``detectors.stage: rules`` and ``learned`` alike)."""

from __future__ import annotations

from functools import cache

from detectors.base import ArticleContext, Candidate
from detectors.contracts import Article
from detectors.engine import build_engine
from detectors.learned.features import is_gated
from detectors.pipeline import Pipeline
from detectors.text import Sentence, sentence_ranges

NOT_PATTERNS = frozenset({"infinitive"})  # lexicon keys whose strings are grammar data (detectors.appeal)


def lexicon_patterns(node: object) -> list[str]:
    """Every pattern string of a lexicon file's JSON, however nested."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [p for v in node for p in lexicon_patterns(v)]
    if isinstance(node, dict):
        return [p for k, v in node.items() if k not in NOT_PATTERNS for p in lexicon_patterns(v)]
    return []


def sentences(text: str, lang: str) -> list[Sentence]:
    engine = build_engine(lang)
    doc = engine.nlp(text)
    breaks = {t.i + 1 for t in doc if "\n" in t.text and t.i + 1 < len(doc)}  # a line ends a sentence
    starts = sorted({0} | {s.start for s in doc.sents} | breaks)
    space = {t.i for t in doc if t.is_space}
    ranges = sentence_ranges(starts, len(doc), space)
    return [Sentence.from_span(doc[a:b], text, engine.lemma_table) for a, b in ranges]


def candidates(text: str, lang: str, kind: str = "meeting") -> list[tuple[Sentence, Candidate]]:
    """(sentence, candidate) for every rule candidate of type ``kind`` in ``text``."""
    engine = build_engine(lang)
    sents = sentences(text, lang)
    ctx = ArticleContext(engine.res, sents)
    out: list[tuple[Sentence, Candidate]] = []
    for sent in sents:
        for det in engine.detectors:
            if det.type != kind:
                continue
            found = det.triggers.in_sentence(sent)
            if found:
                out.extend((sent, c) for c in det.detect(sent, found, ctx))
    return out


def statuses(text: str, lang: str, kind: str = "meeting") -> set[str]:
    return {c.status for _s, c in candidates(text, lang, kind)}


def actors(text: str, lang: str, kind: str = "meeting") -> set[str]:
    return {a.text for _s, c in candidates(text, lang, kind) for a in c.args.actors}


@cache
def _rules_pipeline() -> Pipeline:
    return Pipeline.load(stage="rules")


def open_meeting_candidates(text: str, lang: str) -> list[str]:
    """The meeting candidates the learned stage would decide (those the rules' hard gates do not drop)."""
    observed = _rules_pipeline().observe_many([Article.create(text, language=lang)])[0]
    return [o.obs.trigger.pattern for o in observed if o.obs.type == "meeting" and not is_gated(o.obs)]
