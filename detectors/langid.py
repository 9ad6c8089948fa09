"""Language of an article: the given tag (normalised) or identification with a confidence.

- A given ``language`` is trusted: BCP-47 and case are normalised (``en-US``, ``EN`` → ``en``).
- Otherwise py3langid ranks a set of widespread news languages (the supported ones among them) on the title plus
  the start of the text. A confident answer on enough text is taken as it is.
- On a short text or a low confidence, the lexicons of the likeliest few supported languages are tried: the share
  of the text's words that are the language's stop words, trigger words or titles decides, the identifier's
  probability breaking ties. "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in
  Ankara on Monday." ranks Turkish first on character n-grams; its words are English.

A text whose language is not supported gets ``lang=None`` (``identified`` keeps what the identifier said, so a
caller can count unsupported and unknown languages apart).
"""

from __future__ import annotations

import contextlib
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from detectors import cache as disk_cache
from detectors import registry

# Languages the identifier may answer with; detections exist only for the supported subset.
CANDIDATES = (
    "ar", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hu", "id", "it", "ja",
    "ko", "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr", "uk", "zh",
)
_SAMPLE_CHARS = 2000  # the start of the text is plenty and keeps identification fast
CONFIDENT = 0.9  # an identifier probability at least this high, on enough text, is taken as it is
SHORT_CHARS = 120  # shorter samples are always checked against the lexicons
TRY_LANGUAGES = 3  # the likeliest supported languages whose lexicons are tried
_PRIOR = 0.25  # weight of the identifier's probability beside the lexicon share
_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True, slots=True)
class ArticleLanguage:
    """The language an article is analysed in (None: unsupported or unknown) and how it was found."""

    lang: str | None
    source: str  # given | detected
    confidence: float  # 1.0 when given; the identifier's probability, or the lexicon share that decided
    identified: str | None = None  # the identifier's own answer (may be an unsupported language)


def normalise_tag(tag: str) -> str | None:
    """``en-US``, ``EN``, ``pt_BR`` → ``en``, ``en``, ``pt``; None when it is no language tag."""
    m = _TAG.match(tag.strip())
    return m.group(1).lower() if m else None


@lru_cache(maxsize=8)
def _identifier(langs: tuple[str, ...]) -> Any:
    from detectors.langid_model import identifier

    # from the on-disk cache (the package's model is LZMA-compressed), restricted to ``langs`` there
    return identifier(langs, norm_probs=True)


_LEXICONS = Path(__file__).resolve().parent / "lexicons"


@cache
def _lexicon_words(lang: str) -> frozenset[str]:
    """The words of :func:`_read_lexicon_words`, through the detector cache (keyed by spaCy's version and the
    lexicon files): building them imports spaCy's stop words, which runs the language package's ``__init__`` (for
    French, its tokenizer exceptions: 2–6 s on this machine), and validates the lexicons (~0.3 s) — paid by the
    first short untagged article after every restart, i.e. on the way to the first alert after a crash."""
    files = [*(_LEXICONS / lang).glob("*.json"), _LEXICONS / "detectors.json"]
    entry = disk_cache.key("spacy", disk_cache.version("spacy"), lang, disk_cache.files_key(files))
    return disk_cache.cached(f"lexicon-words-{lang}", entry, lambda: _read_lexicon_words(lang))


def _read_lexicon_words(lang: str) -> frozenset[str]:
    """Stop words (spaCy), trigger and cue first words, and titles of ``lang``'s lexicons (single words)."""
    words: set[str] = set()
    with contextlib.suppress(ImportError, AttributeError):  # a language spaCy has no stop words for
        words |= {w.lower() for w in importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS}

    def add(patterns: Any) -> None:
        if isinstance(patterns, dict):
            for v in patterns.values():
                add(v)
        elif isinstance(patterns, list):
            for p in patterns:
                if isinstance(p, str):
                    first = p.split()[0].lower().lstrip("=") if p.split() else ""
                    if first and "*" not in first:
                        words.add(first)

    common = registry.lexicon(lang, "common") or {}
    add(common.get("titles"))
    for name in registry.detectors():
        lex = registry.lexicon(lang, name) or {}
        add(lex.get("triggers"))
        add(lex.get("cues"))
    return frozenset(words)


def _lexicon_share(words: list[str], lang: str) -> float:
    vocab = _lexicon_words(lang)
    return sum(w in vocab for w in words) / len(words) if words else 0.0


def identify(text: str, supported: Iterable[str], title: str | None = None) -> ArticleLanguage:
    """Identify the language of ``title`` + ``text`` among ``supported`` (see the module docstring)."""
    sample = ((title + "\n") if title else "") + text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return ArticleLanguage(None, "detected", 0.0)
    supported = tuple(sorted(set(supported)))
    ranked = _identifier(tuple(sorted(set(CANDIDATES) | set(supported)))).rank(sample)
    top, p_top = ranked[0]
    if p_top >= CONFIDENT and len(sample) >= SHORT_CHARS:
        return ArticleLanguage(top if top in supported else None, "detected", round(float(p_top), 3), top)
    likely = [(lang, p) for lang, p in ranked if lang in supported][:TRY_LANGUAGES]
    words = [w.lower() for w in _WORD.findall(sample[:SHORT_CHARS * 4])]
    best, best_score, share = top, -1.0, 0.0
    for lang, p in likely:
        s = _lexicon_share(words, lang)
        score = s + _PRIOR * float(p)
        if score > best_score:
            best, best_score, share = lang, score, s
    if best_score < 0 or (share == 0.0 and top not in supported):
        return ArticleLanguage(None, "detected", round(float(p_top), 3), top)  # no supported language's words
    conf = float(dict(ranked).get(best, 0.0)) if best == top else share
    return ArticleLanguage(best, "detected", round(max(conf, share), 3), top)


def detect_language(text: str, supported: Iterable[str]) -> str | None:
    """The ISO 639-1 code of ``text`` when it is one of ``supported``, else None."""
    return identify(text, supported).lang
