"""Session 17 real-news kinds of issue 12, German meetings (GUIDE.md; eval README conventions).

- Ministers or leaders who decide or agree together ("Die EU-Innenminister haben … beschlossen", "Die Staats- und
  Regierungschefs fassten …") met: a council or summit held, though no meeting word is written. The auxiliary and
  the participle may hold a long clause between them (the ``....`` gap of ``detectors/patterns.py``).
- Cabinet sessions (a government's own "Sitzung", "berät"), newspaper interviews ("sagte X in einem Gespräch") and
  works councils ("Betriebsräte") are negatives.
- A conference named by its international topic ("Klimakonferenz", "Westbalkankonferenz") is political by itself.

The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Die EU-Innenminister haben am Donnerstag in Luxemburg die Verteilung von weiteren zwanzigtausend "
    "Flüchtlingen beschlossen.",
    "Die EU-Agrarminister haben sich nach langem Streit auf neue Regeln für den Anbau von Gentechnik-Pflanzen "
    "geeinigt.",
    "Die Nato-Verteidigungsminister billigten in Brüssel die neuen Pläne für die Ostflanke.",
    "Die Euro-Finanzminister beschlossen in der Nacht ein weiteres Hilfspaket.",
    "Die Staats- und Regierungschefs fassten am Abend einstimmig einen Beschluss zur Migration.",
])
def test_office_holders_deciding_together_held_a_meeting(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Der Innenminister hat beschlossen, die Kontrollen an der Grenze bis Ende Juni zu verlängern.",
    "Das Gesetz wurde im Frühjahr vom Parlament beschlossen, sagte der Finanzminister.",
])
def test_one_office_holder_deciding_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Am Mittwoch wird die Landesregierung unter Landeshauptmann Peter Kaiser über das Paket beraten.",
    "Die Sitzung der Landesregierung mit Landeshauptmann Stelzer dauerte bis zum Abend.",
    "Der Kanzler sagte nach der Kabinettssitzung, die Maßnahmen würden verlängert.",
    "Die Lage sei ernst, sagte Außenminister Peter Lang in einem Gespräch mit Journalisten.",
    "Wir brauchen mehr Geld, klagte der Bürgermeister in einem Gespräch am Rande der Messe.",
    "Die Betriebsräte der Voest trafen sich am Montag mit Vorstandschef Wolfgang Eder.",
])
def test_cabinet_sessions_interviews_and_works_councils_are_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Die Klimakonferenz sei eine schwierige Angelegenheit für die Industrie.",
    "Wichtigstes Thema der Westbalkankonferenz war die Zusammenarbeit der Häfen.",
    "Auch auf der Syrien-Konferenz ging es vor allem um Geld.",
])
def test_a_conference_named_by_its_international_topic_is_political(text: str) -> None:
    assert _meetings(text) == ["held"]


def test_talks_with_a_leader_stay_a_meeting_beside_a_reporting_verb() -> None:
    assert _meetings("Der Kanzler sprach nach einem Gespräch mit dem russischen Präsidenten von Fortschritten.")
