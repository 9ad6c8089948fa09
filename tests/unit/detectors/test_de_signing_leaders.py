"""Session 17 real-news kind of issue 12: office-holders who sign an agreement, a treaty or a declaration together
("unterzeichneten … ein Abkommen", "haben … einen Vertrag … unterzeichnet") met (GUIDE.md: a consultation between
named political actors). One signing alone, or a petition, is none. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Perus Präsidentin und Boliviens Staatschef unterzeichneten in La Paz ein Abkommen über den Bau einer Bahnstrecke.",
    "Kanzler Kohl und Präsident Jelzin haben am Montag in Moskau einen Vertrag über die Zusammenarbeit unterzeichnet.",
])
def test_leaders_signing_together_met(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Minister Müller unterzeichnete das Gesetz am Montag.",
    "Die Abgeordneten unterzeichneten eine Petition gegen das Gesetz.",
])
def test_one_signature_or_a_petition_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []
