"""``detectors.governing.without_others_ahead``: a future cue of a trigger's clause nearer to another meeting
trigger of that clause dates that meeting, not this one (session 21, romance5)."""

from __future__ import annotations

from detectors.governing import subject_past, without_others_ahead
from detectors.patterns import Match
from tests.unit.detectors.rule_candidates import sentences

LEADERS = "Les deux dirigeants ont abordé les thèmes de la prochaine conférence de Bagdad."


def _sent(text: str):
    return sentences(text, "fr")[0]


def test_a_future_next_to_another_trigger_is_left_to_it() -> None:
    sent = _sent(LEADERS)
    k = sent.lowers.index("prochaine")
    conf = (k + 1, k + 2)
    cue = Match("future", k, k + 1, "prochain*")
    ont = Match("perfect", 3, 4, "=ont")
    assert without_others_ahead(sent, [ont, cue], (1, 3), [(1, 3), conf]) == [ont]
    assert without_others_ahead(sent, [ont, cue], conf, [(1, 3), conf]) == [ont, cue]


def test_a_trigger_without_a_past_verb_of_its_own_keeps_the_future() -> None:
    # "the APEC Summit will be held via videoconference": one meeting ahead
    sent = sentences("The APEC Summit will be held via videoconference.", "en")[0]
    will = Match("planned_modal", 3, 4, "=will")
    assert without_others_ahead(sent, [will], (7, 8), [(2, 3), (7, 8)]) == [will]


def test_a_cue_on_another_trigger_or_with_no_other_trigger_stays() -> None:
    sent = _sent("Le président Macron rencontrera le chancelier Scholz lors du sommet prévu en juin.")
    k = sent.lowers.index("rencontrera")
    s = sent.lowers.index("sommet")
    verb = Match("planned_modal", k, k + 1, "*era")
    assert without_others_ahead(sent, [verb], (s, s + 1), [(k, k + 1), (s, s + 1)]) == [verb]
    sent = _sent(LEADERS)
    k = sent.lowers.index("prochaine")
    cue = Match("future", k, k + 1, "prochain*")
    assert without_others_ahead(sent, [cue], (1, 3), [(1, 3)]) == [cue]


def test_other_labels_are_kept() -> None:
    sent = _sent(LEADERS)
    k = sent.lowers.index("prochaine")
    held = Match("held", k, k + 1, "hier")
    assert without_others_ahead(sent, [held], (1, 3), [(1, 3), (k + 1, k + 2)]) == [held]


def test_a_subject_trigger_with_its_past_verb_drops_the_verbs_plans() -> None:
    # "The two leaders agreed to meet again next month": trigger 0-3, "agreed" 3
    cues = [Match("planned", 3, 5, "agreed to"), Match("perfect", 3, 4, "*ed"), Match("future", 7, 9, "next month"),
            Match("negation", 4, 5, "=not")]
    assert [m.label for m in subject_past(cues, (0, 3))] == ["perfect", "negation"]
    will = [Match("planned_modal", 3, 4, "=will"), Match("future", 5, 7, "next week")]  # no past verb after it
    assert subject_past(will, (0, 3)) == will
