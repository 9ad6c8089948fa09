"""Language identification with py3langid, restricted to common news languages.

The identifier scores only a set of widespread news languages (the supported ones among them), which
avoids exotic guesses on short headlines; a text whose best language is not supported gets None.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# Languages the identifier may answer with; detections exist only for the supported subset.
CANDIDATES = (
    "ar", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hu", "id", "it", "ja",
    "ko", "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr", "uk", "zh",
)
_SAMPLE_CHARS = 2000  # the start of the text is plenty and keeps identification fast


@lru_cache(maxsize=8)
def _identifier(langs: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(langs))
    return ident


def detect_language(text: str, supported: Iterable[str]) -> str | None:
    """The ISO 639-1 code of ``text`` when it is one of ``supported``, else None."""
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    supported = set(supported)
    langs = tuple(sorted(set(CANDIDATES) | supported))
    lang, _prob = _identifier(langs).classify(sample)
    return lang if lang in supported else None
