"""The compound-stem pre-filter scans a text once per shared key (``engine.stem_keys``) and finds exactly what a
scan per stem finds: every occurrence left to right, the next from the end of the last, a prefix stem only at
a word's start and a suffix stem only at its end."""

from __future__ import annotations

import random

import pytest

from detectors.engine import build_engine, stem_keys, stem_positions


def _per_stem(text: str, stems: list[tuple[str, str]]) -> list[int]:
    """One ``str.find`` loop per stem (what the keys replace)."""
    low = text.lower()
    out: list[int] = []
    for stem, kind in stems:
        start = low.find(stem)
        while start != -1:
            end = start + len(stem)
            if (kind != "prefix" or start == 0 or not low[start - 1].isalnum()) and (
                kind != "suffix" or end == len(low) or not low[end].isalnum()
            ):
                out.append(start)
            start = low.find(stem, end)
    return sorted(out)


def test_overlapping_and_bounded_stems() -> None:
    stems = [("anana", "contains"), ("nanas", "suffix"), ("ananas", "prefix"), ("aa", "contains"),
             ("reise", "suffix"), ("asienreise", "prefix"), ("-reise", "suffix")]
    keys = stem_keys(stems)
    assert len(keys) < len(stems)  # shared keys: fewer scans than stems
    for text in ("Bananas und Ananasse", "aaaaa", "Asienreise, Preise, Asienreisen, Europa-Reise", "ananananas"):
        assert sorted(stem_positions(text, stems, keys)) == _per_stem(text, stems), text
    assert stem_positions("aaaaa", [("aa", "contains")], stem_keys([("aa", "contains")])) == [0, 2]


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "it", "ru"])
def test_the_engine_keys_find_what_each_stem_finds(lang: str) -> None:
    engine = build_engine(lang)
    stems = engine.stems
    assert {s for _k, members in engine.stem_keys for _o, s, _kind in members} == {s for s, _ in stems}
    rnd = random.Random(7)
    words = [s for s, _ in stems] + ["und", "der", "Preise", "-", "x"]
    for _ in range(200):  # stems glued to words, at word edges and inside, in any case
        parts = [rnd.choice(words) for _ in range(12)]
        text = "".join(p.upper() if rnd.random() < 0.2 else p + rnd.choice(["", " ", ", ", "s "]) for p in parts)
        assert sorted(stem_positions(text, stems, engine.stem_keys)) == _per_stem(text, stems), text
