"""Senses of es/fr/it meeting words that are no meeting (issue 12). Sentences written for these tests.

- A trip or tour ("viaje", "gira", "voyage", "viaggio", an infinitive "visitar"/"visiter"/"visitare", a first-person
  plural "incontriamo") is a visit only when an office-holder makes it (``needs_title``): travel diaries, concert
  tours, a space probe's journey and readers invited to visit a country are none. A president's trip still is.
- Spanish "cita a" / "que cita" is the verb of quoting ("el blog cita a un guerrillero"), not an appointment.
- Italian "andare/venire incontro" is to face or to go towards ("è andato incontro a un fallimento", "venendo
  incontro alle richieste"), "incontrare problemi" is to run into them, and "lo incontro spesso" is a first-person
  verb; French "violences commises en réunion" is the criminal-law "as a group". All are exclusions, a hard gate of
  both stages. "L'incontro con Zelensky" (the article "l'", whose lemma is "lo") stays a meeting.
"""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Las críticas afectaron tanto a Ramírez que abandonó la gira a los tres meses de su inicio."),
    ("es", "En marzo tuve la oportunidad de visitar a Ramírez, un viejo amigo del blog, y comimos juntos."),
    ("es", "Ramírez nos cuenta su viaje de seis horas en autobús por la costa."),
    ("fr", "Le voyage de Marcel le pigeon voyageur se termine en Amérique du Sud."),
    ("fr", "Les touristes pourront visiter le château de Chambord tout l'été."),
    ("it", "Il viaggio di Rosetta è stato segnato da diversi guasti ai motori."),
    ("it", "All'alba arriviamo al confine e incontriamo l'amico Mamadou, che ci aiuta con i documenti."),
    ("it", "Secondo Bianchi, i turisti non dovrebbero visitare alcune zone della città dopo il tramonto."),
])
def test_a_trip_without_an_office_holder_is_no_visit(lang: str, text: str) -> None:
    assert statuses(text, lang) == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El presidente de Chile inició ayer un viaje de tres días a Argentina."),
    ("fr", "Le président sénégalais effectuera un voyage officiel à Paris la semaine prochaine."),
    ("it", "Il viaggio del Papa in Libano è stato confermato dal Vaticano per settembre."),
])
def test_an_office_holders_trip_is_a_visit(lang: str, text: str) -> None:
    assert statuses(text, lang)


@pytest.mark.parametrize("text", [
    "El diario, que cita a Pedro Gómez, director de Migración, afirma que se habilitaron 40 oficinas.",
    "Por su parte, Ramírez cita a El Universal para describir lo ocurrido en el cementerio:",
])
def test_es_cita_a_is_quoting(text: str) -> None:
    assert statuses(text, "es") == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il ministro Bianchi ha spiegato che il progetto è andato incontro a un primo fallimento."),
    ("it", "Il sindaco Rossi ha deciso di venire incontro alle richieste dei commercianti."),
    ("it", "Secondo Bianchi, la missione va incontro a un grosso problema di bilancio."),
    ("it", "Il ristoratore ha detto di Rossi: lo incontro spesso al mercato del sabato."),
    ("it", "Il ministro Bianchi ha detto che la delegazione non ha incontrato alcun problema alla frontiera."),
    ("fr", "Les frères Martin devront répondre de violences commises en réunion, a indiqué le procureur Dupont."),
])
def test_idioms_of_meeting_words_are_no_meeting(lang: str, text: str) -> None:
    assert statuses(text, lang) == set()


def test_the_article_l_is_no_object_clitic() -> None:
    assert statuses("Draghi e Scholz in treno verso Kiev: giovedì l'incontro con Zelensky.", "it")
