"""An agreement verb that is only the content of an appeal makes a call, not an announcement (detectors.appeal).
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.appeal import Infinitive, governed
from detectors.patterns import Match
from tests.unit.detectors.rule_candidates import sentences, statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Der Außenminister rief die Regierung und die Rebellen auf, eine Waffenruhe zu vereinbaren."),
    ("de", "Die Bischöfe appellierten an beide Seiten, sofort einen Waffenstillstand auszurufen."),
    ("de", "Die Miliz zeigte sich bereit, einer Feuerpause zuzustimmen, falls die Armee abzieht."),
    ("en", "The envoy urged both armies to accept a 72-hour ceasefire in the north."),
    ("es", "El canciller instó a las partes a aceptar una tregua de tres días."),
    ("fr", "Le ministre a exhorté les belligérants à conclure un cessez-le-feu avant l'hiver."),
    ("it", "Il ministro ha esortato le parti ad accettare una tregua di tre giorni."),
    ("ru", "Министр призвал стороны заключить перемирие до конца недели."),
])
def test_an_appeal_to_agree_a_truce_is_a_call(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"called_for"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Nach langen Gesprächen vereinbarten die Unterhändler eine Waffenruhe."),
    ("en", "After the UN appeal, both sides agreed to a ceasefire on Sunday."),
    ("es", "Tras el llamamiento de la ONU, las partes acordaron una tregua."),
    ("fr", "Après l'appel de l'ONU, les deux camps ont conclu un cessez-le-feu."),
    ("en", "Putin called Zelensky about Donbas, where a new ceasefire is to take effect at midnight."),
])
def test_a_finite_agreement_after_an_appeal_stays_announced(lang: str, text: str) -> None:
    assert "announced" in statuses(text, lang, "ceasefire"), text


def test_a_finite_cue_after_the_governed_one_is_kept() -> None:
    sent = sentences("They urged the rebels to accept the truce that took effect on Monday.", "en")[0]
    cues = [Match("called_for", 1, 2, "urge*"), Match("agree", 5, 6, "accept"),
            Match("announced", 9, 11, "took effect")]
    assert governed(sent, cues, Infinitive.from_lexicon({"markers": ["to"]})) == [cues[1]]


def test_no_appeal_before_the_first_announcing_cue_governs_nothing() -> None:
    sent = sentences("The rebels agreed to a truce and urged the army to accept it.", "en")[0]
    cues = [Match("agree", 2, 4, "agreed to"), Match("called_for", 7, 8, "urge*"), Match("agree", 11, 12, "accept")]
    assert governed(sent, cues, Infinitive.from_lexicon({"markers": ["to"]})) == []
