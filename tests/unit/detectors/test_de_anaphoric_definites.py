"""Session 17 real-news kind of issue 12: a German meeting word with a definite article in the nominative or
genitive ("Der Besuch … wurde abgesagt", "des Gipfels") refers to the meeting whose participants the sentence before
names (``anaphoric``), as "dem Besuch" and "die Gespräche" did. The sentences are written for these tests."""

from __future__ import annotations

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


def test_the_visit_the_sentence_before_announces_is_called_off() -> None:
    text = ("In Gevgelija wurde Staatspräsident Gjorge Ivanov gemeinsam mit seinem slowenischen Kollegen Borut Pahor "
            "erwartet. Der Besuch an der Grenze wurde aber aus Sicherheitsgründen abgesagt.")
    assert _meetings(text) == ["rejected"]


def test_a_definite_visit_without_office_holders_is_no_meeting() -> None:
    assert _meetings("Der Besuch im Zoo war für die Kinder ein Erlebnis. Die Eltern warteten am Eingang.") == []
