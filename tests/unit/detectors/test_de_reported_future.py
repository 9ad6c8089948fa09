"""Session 21 (demiss5): German reported speech puts the future in the subjunctive, "werde" ("bei dem … ein
wichtiges Thema sein werde"), a planned_modal cue beside "wird": a summit a relative clause tells of so is ahead,
planned. The sentences are written for these tests in the style of news."""

from __future__ import annotations

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


def test_a_summit_whose_relative_clause_speaks_of_werde_is_planned() -> None:
    assert _meetings("Kanzler Faymann verwies auf den Sozialgipfel im Herbst, bei dem die Pensionen ein wichtiges "
                     "Thema sein werde.") == ["planned"]
    assert _meetings("Merkel verwies auf den EU-Gipfel, bei dem über die Flüchtlinge beraten werde.") == ["planned"]


def test_a_meeting_told_in_the_past_stays_held() -> None:
    assert _meetings("Merkel sagte nach dem Treffen mit Putin, sie werde die Sanktionen nicht aufheben.") == ["held"]
