"""GUIDE.md meeting level (session 22): the ``entities.json`` ``leaders`` gazetteer generalised beyond the names
the corpus holds: heads of state or government, foreign, defence, interior and finance ministers, national
security advisers and envoys of the world's governments of about 2000-2025, and heads of international
organisations (team-written from public knowledge). A meeting of two of them named bare is high. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Spahn traf sich am Montag in Berlin mit Anschober."),
    ("de", "Kramp-Karrenbauer empfing am Montag in Berlin Hulusi Akar."),
    ("en", "Rumsfeld met Kouchner in Paris on Monday."),
    ("en", "Szijjártó held talks with Shaibani in Budapest."),
    ("en", "Herman Van Rompuy met José Manuel Barroso in Brussels."),
    ("fr", "Darmanin a rencontré lundi à Rome Piantedosi."),
    ("it", "Salvini ha incontrato ieri a Roma Lamorgese."),
    ("es", "Margallo se reunió el lunes en Madrid con Reynders."),
    ("ru", "Рябков провел переговоры с Грушко."),
])
def test_office_holders_of_the_world_named_bare_meet_at_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il mulino di Amano ha incontrato i commercianti del paese."),
    ("de", "Der Betriebsrat der Firma Hagel traf sich am Montag mit der Geschäftsführung."),
])
def test_common_words_among_the_surnames_stay_out(lang: str, text: str) -> None:
    assert "high" not in _levels(text, lang)
