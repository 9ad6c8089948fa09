"""Kinds of meeting status the rules read (issue 12, session 20): a call that governs the meeting through an
infinitive beyond the near window, refusals and cancellations, negated participation. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("Guterres urges Russia and Ukraine to return to the negotiating table.", "en"),
    ("The UN envoy urged both governments to resume peace talks.", "en"),
    ("Die Kirchenführer appellierten an Regierung und Rebellen, an den Verhandlungstisch zurückzukehren.", "de"),
    ("El enviado de la ONU instó a los dos gobiernos a iniciar conversaciones de paz.", "es"),
])
def test_a_call_governing_the_meeting_through_an_infinitive_is_a_call(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"called_for"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Guterres met the Russian and Ukrainian delegations at the negotiating table in Istanbul.", "en"),
    ("Lavrov held talks with his Turkish counterpart in Ankara.", "en"),
])
def test_a_meeting_that_took_place_stays_held(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"held"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre devrait rencontrer son homologue américain Antony Blinken jeudi.", "fr"),
    ("La premier Meloni dovrebbe incontrare il presidente Biden giovedì.", "it"),
    ("Secondo la Farnesina, il ministro dovrebbe incontrare il collega turco nei prossimi giorni.", "it"),
])
def test_an_expectation_with_a_time_for_the_meeting_is_a_plan(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Le président Macron va rencontrer le président Biden à Washington.", "fr"),
    ("Les deux ministres vont se retrouver à Genève pour des pourparlers.", "fr"),
    ("Il summit dei leader della Nato si terrà a Vilnius.", "it"),
    ("Саммит ШОС пройдёт в Астане.", "ru"),
    ("It was agreed that the Prime Minister of Armenia would visit Russia in the near future.", "en"),
])
def test_a_near_future_or_a_meeting_to_take_place_is_a_plan(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("text", "lang"), [
    ("The summit between President Ruto and President Museveni will not take place.", "en"),
    ("Talks between Prime Minister Netanyahu and President Abbas were put on hold.", "en"),
    ("The visit by President Lula to Beijing won't go ahead.", "en"),
    ("Präsident Macron wird nicht am Gipfel in Brüssel teilnehmen.", "de"),
    ("Kanzler Scholz verzichtet auf ein Treffen mit Präsident Erdogan.", "de"),
    ("Salta la visita del premier Meloni a Washington", "it"),
])
def test_a_meeting_that_will_not_take_place_or_is_forgone_is_rejected(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"rejected"}


@pytest.mark.parametrize(("text", "lang"), [
    ("El presidente Lula invitó al presidente Milei a visitar Brasil.", "es"),
    ("El canciller debería reunirse con el embajador ruso, según la oposición.", "es"),
])
def test_a_spanish_invitation_or_should_is_a_call(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"called_for"}


@pytest.mark.parametrize(("text", "lang"), [
    ("As part of his state visit, President Xi will hold talks with President Macron.", "en"),
    ("Dans le cadre de sa visite d'État, le président Xi rencontrera le président Macron.", "fr"),
    ("Nell'ambito della visita di Stato, il presidente Xi incontrerà il presidente Mattarella.", "it"),
    ("During his trip to Delhi, President Putin will have talks with Prime Minister Modi.", "en"),
])
def test_a_fronted_as_part_of_the_visit_phrase_before_a_future_is_ahead(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("text", "lang"), [
    ("As part of his state visit, President Xi held talks with President Macron.", "en"),
    ("The rebels released ten hostages as part of the peace talks with the government.", "en"),
])
def test_as_part_of_a_meeting_that_took_place_stays_held(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"held"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Al vertice di Roma, cui parteciperanno i ministri degli Esteri del G7, l'Italia presenterà un piano.", "it"),
    ("La cumbre de presidentes, en la que participarán los jefes de Estado de la región, abordará la migración.", "es"),
    ("The donors' conference, which will be attended by foreign ministers from 40 countries, focuses on Gaza.",
     "en"),
])
def test_a_relative_clause_on_the_meeting_that_tells_of_the_future_makes_it_ahead(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("text", "lang"), [
    ("President Ramaphosa arrived in Kyiv, where he will meet President Zelensky.", "en"),
    ("After the meeting, which lasted longer than planned, President Erdogan spoke to reporters.", "en"),
])
def test_a_place_relative_or_a_meeting_that_took_place_stays_held(text: str, lang: str) -> None:
    assert "held" in statuses(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Präsident Erdogan will keine Gespräche mit Präsident Assad", "de"),
    ("President Erdogan wants no talks with President Assad.", "en"),
])
def test_wanting_no_talks_is_a_refusal(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"rejected"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Los ministros de Exteriores de la UE se reúnen el martes en Luxemburgo para debatir la reforma.", "es"),
    ("NATO defence ministers meet in Brussels on Thursday to discuss air defence.", "en"),
    ("Le président Macron reçoit jeudi le Premier ministre indien Narendra Modi à l'Élysée.", "fr"),
    ("La premier Meloni riceve giovedì a Palazzo Chigi il cancelliere Scholz.", "it"),
])
def test_a_present_tense_with_a_weekday_is_a_plan(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Los ministros de Exteriores de la UE se reunieron el martes en Luxemburgo.", "es"),
    ("El presidente acogió este lunes la cumbre de presidentes de la región.", "es"),
    ("NATO defence ministers met in Brussels on Thursday to discuss air defence.", "en"),
    ("Le président Macron a reçu jeudi le Premier ministre indien Narendra Modi à l'Élysée.", "fr"),
    ("L'ambassadeur de Russie a été convoqué mardi par le ministère des Affaires étrangères.", "fr"),
    ("La premier Meloni ha ricevuto giovedì a Palazzo Chigi il cancelliere Scholz.", "it"),
    ("The prime minister flew to Washington on Sunday for talks with the president.", "en"),
])
def test_a_past_tense_with_a_weekday_stays_held(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"held"}


@pytest.mark.parametrize(("text", "lang"), [
    ("El secretario general Guterres hizo un llamado al diálogo entre las partes.", "es"),
    ("Le secrétaire général Guterres a plaidé pour un dialogue entre les deux gouvernements.", "fr"),
    ("Il Papa ha lanciato un appello al dialogo tra Russia e Ucraina.", "it"),
])
def test_an_appeal_for_dialogue_is_a_call(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"called_for"}
