""""At/during the meeting" (``at_prep``) against "after the meeting" (``held_prep``), issue 12: a meeting at which
someone intends, wants or plans to raise something is ahead (planned); one at which something was done, or after
which something happened, took place (held). Sentences written for these tests in the style of news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.detectors.rule_candidates import statuses

LEXICONS = Path(__file__).resolve().parents[3] / "detectors" / "lexicons"


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Obama kündigte an, er wolle bei seinem Treffen mit Präsident Putin die Lage in Syrien ansprechen."),
    ("de", "Kanzler Scholz will beim Treffen mit Präsident Macron über die Energiepreise sprechen."),
    ("en", "President Tom Reed wants to raise human rights during his talks with Prime Minister Ana Gil."),
    ("es", "El presidente Luis Ortega quiere plantear el tema durante su reunión con el primer ministro Juan Vera."),
    ("fr", "Le président Paul Morel veut aborder la question lors de sa rencontre avec le Premier ministre Jean Roux."),
    ("it", "Il presidente Mario Rossi vuole sollevare la questione durante l'incontro con il premier Luca Bianchi."),
    ("ru", "Президент Иван Петров заявил, что намерен обсудить вопрос в ходе встречи с премьером Олегом Сидоровым."),
])
def test_an_intention_at_the_meeting_makes_it_planned(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"planned"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Bei seinem Treffen mit Präsident Macron sprach Kanzler Scholz über die Energiepreise."),
    ("de", "Nach dem Treffen mit Präsident Macron sprach Kanzler Scholz von Fortschritten."),
    ("en", "President Tom Reed raised the issue at his meeting with Prime Minister Ana Gil."),
    ("en", "Foreign Minister Ana Gil spoke to reporters after lengthy talks with her Chinese counterpart."),
    ("es", "El presidente Luis Ortega planteó el tema durante su reunión con el primer ministro Juan Vera."),
    ("fr", "Le président Paul Morel a abordé la question lors de sa rencontre avec le Premier ministre Jean Roux."),
    ("it", "Il presidente Mario Rossi ha sollevato la questione durante l'incontro con il premier Luca Bianchi."),
    ("ru", "Президент Иван Петров обсудил этот вопрос в ходе встречи с премьер-министром Олегом Сидоровым."),
    # an agreement or announcement made at the meeting, a past wish, a future in another clause: no intention
    ("en", "President Tom Reed and Prime Minister Ana Gil agree to upgrade ties during a meeting in Vancouver."),
    ("en", "The two leaders signed a trade pact, which will cut tariffs on steel, on the sidelines of the summit."),
    ("de", "Beim EU-Gipfel wollte Kanzler Otto Berg eine Lösung für die Flüchtlinge finden."),
    ("fr", "Le président Paul Morel a annoncé une aide de deux milliards lors de sa visite à Dakar."),
])
def test_at_or_after_the_meeting_without_an_intention_is_held(lang: str, text: str) -> None:
    assert "held" in statuses(text, lang), text


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "it", "ru"])
def test_every_language_splits_after_from_at(lang: str) -> None:
    cues = json.loads((LEXICONS / lang / "meeting.json").read_text(encoding="utf-8"))["cues"]
    assert cues["held_prep"] and cues["at_prep"]
    assert not set(cues["held_prep"]) & set(cues["at_prep"])


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "During the visit, President Tom Reed will hold talks with Prime Minister Ana Gil."),
    ("fr", "Lors de sa visite, le président Paul Morel rencontrera le Premier ministre Jean Roux."),
    ("es", "Durante su visita, el presidente Luis Ortega se reunirá con el primer ministro Juan Vera."),
    ("it", "Durante la visita, il presidente Mario Rossi incontrerà il premier Luca Bianchi."),
])
def test_a_fronted_at_phrase_before_a_future_main_clause_is_planned(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"planned"}, text
