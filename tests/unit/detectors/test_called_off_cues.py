"""Called-off meetings in every language (issue 12): a meeting that falls through, is dropped, renounced,
annulled or will not take place is rejected; a troop withdrawal beside resumed talks is no rejection of them.
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The planned summit between President Tom Reed and Prime Minister Ana Gil fell through at the last minute."),
    ("en", "The meeting of the two foreign ministers was dropped from the agenda, a diplomat said."),
    ("en", "President Tom Reed will not attend the summit in Cairo."),
    ("de", "Das Gipfeltreffen der Afrikanischen Union in Addis Abeba fällt wegen der Unruhen aus."),
    ("de", "Ein geplantes Telefonat zwischen Kanzler Otto Berg und Präsident Jan Kos kam nicht zustande."),
    ("de", "Der Besuch des Bundespräsidenten in Kiew ist nach Angaben aus Kiew nicht erwünscht."),
    ("fr", "Le président Paul Morel a renoncé à sa visite officielle à Alger, selon l'Élysée."),
    ("it", "Il presidente annulla l'incontro con le fazioni previsto al Cairo."),
    ("es", "El presidente Luis Ortega renunció a la reunión con su homólogo peruano."),
    ("ru", "Встреча министров иностранных дел в Женеве не состоится, заявили в МИД."),
])
def test_a_called_off_meeting_is_rejected(lang: str, text: str) -> None:
    assert "rejected" in statuses(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Israeli forces withdraw from southern Gaza as ceasefire talks between Israel and Hamas resume in Cairo."),
    ("de", "Kanzler Otto Berg traf Präsident Jan Kos in Prag; Russland zog zugleich Truppen von der Grenze zurück."),
])
def test_a_withdrawal_of_troops_is_no_rejection(lang: str, text: str) -> None:
    assert "rejected" not in statuses(text, lang)
