"""The gazetteer's name heads (``Gazetteer.country_heads``, ``region_heads``) only skip work: country and region
spans found with them are the ones an exhaustive search over every span length finds, for every name of several
words the gazetteer holds, written as it is, capitalised, and in a sentence."""

from __future__ import annotations

import pytest

from detectors.engine import build_engine
from detectors.language import LanguageResources
from detectors.places import country_at, country_spans, region_spans
from detectors.text import Sentence
from tests.unit.detectors.rule_candidates import sentences


def _exhaustive_countries(sent: Sentence, res: LanguageResources) -> dict[int, tuple[int, str]]:
    """``country_spans`` without the heads: every span length at every capitalised token."""
    out: dict[int, tuple[int, str]] = {}
    n = len(sent)
    i = 0
    while i < n:
        t = sent.texts[i]
        if t[:1].isupper() or t.isupper() or (t[:3] in ("al-", "el-", "ad-", "as-") and len(t) > 4):
            for k in range(min(res.gazetteer.max_words, n - i), 0, -1):
                code = country_at(sent, res, i, i + k)
                if code:
                    out[i] = (i + k, code)
                    i += k - 1
                    break
        i += 1
    for m in res.demonyms.in_sentence(sent):
        out.setdefault(m.start, (m.end, m.label))
    return out


def _exhaustive_regions(sent: Sentence, res: LanguageResources) -> list[tuple[int, int]]:
    gaz = res.gazetteer
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(sent):
        if sent.texts[i][:1].isupper():
            for k in range(min(gaz.max_region_words, len(sent) - i), 0, -1):
                if gaz.region(" ".join(sent.texts[i:i + k])) or gaz.region(" ".join(sent.raw_lemmas[i:i + k])):
                    out.append((i, i + k))
                    i += k - 1
                    break
        i += 1
    return out


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "it", "ru"])
def test_heads_find_every_name_of_several_words(lang: str) -> None:
    res = build_engine(lang).res
    gaz = res.gazetteer
    names = sorted(n for n in {*gaz.countries, *gaz.regions} if " " in n)
    assert names and gaz.country_heads and gaz.region_heads
    found = 0
    for name in names:
        text = f"Gestern sprach man in {_title(name)} und {name} über Grenzen."
        for sent in sentences(text, lang):
            assert country_spans(sent, res) == _exhaustive_countries(sent, res), (lang, name)
            assert region_spans(sent, res, set()) == _exhaustive_regions(sent, res), (lang, name)
            found += any(j - i > 1 for i, (j, _c) in country_spans(sent, res).items())
            found += any(j - i > 1 for i, j in region_spans(sent, res, set()))
    assert found >= len(names) // 2  # the names of several words are found as such


def test_a_name_is_cut_before_each_of_its_spaces() -> None:
    gaz = build_engine("en").res.gazetteer
    assert {"united", "united arab"} <= gaz.country_heads
    assert "united arab emirates" not in gaz.country_heads
    assert "middle" in gaz.region_heads
