"""Word senses that are no meeting in Spanish, French and Italian news (issue 12): receiving a thing (an award,
congratulations, a draft, a salary, a threat) is not receiving a visitor; a match in sports is no meeting; Italian
'consultazioni' are also elections; site and private visits, 'il vertice' of an agency (its leadership) and social
or interfaith dialogue are no meetings either. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

NOT_MEETINGS = [
    ("it", "Il sindaco Marco Galli ha ricevuto le congratulazioni del presidente della Repubblica."),
    ("it", "Il ministro Paolo Rinaldi ha ricevuto un riconoscimento dal presidente francese."),
    ("it", "Il senatore Luca Berti ha ricevuto una minaccia di morte sui social."),
    ("es", "El ministro Pedro Ruiz recibió el borrador del acuerdo enviado por el presidente venezolano."),
    ("es", "El alcalde Juan Soler recibió el reconocimiento del presidente del Gobierno."),
    ("fr", "Le député Paul Martin a reçu des salaires de la part du président de la société."),
    ("fr", "Le ministre Jean Dupont a reçu les félicitations du président américain."),
    ("it", "Il tennista Marco Cecchi incontrerà l'olandese al prossimo turno dopo un incontro finito al quinto set."),
    ("es", "El tenista Rafael Ortiz se encontrará con el campeón ruso en el torneo de Madrid."),
    ("fr", "Le joueur de tennis Paul Roux rencontrera le Serbe au prochain tour du tournoi."),
    ("it", "Ieri si sono tenute nell'Ohio le prime consultazioni per scegliere i candidati alle elezioni."),
    # a site or private visit, the top of an agency, a dialogue between faiths or of society
    ("it", "Il ministro Dario Ferri era in visita alla caserma dei vigili del fuoco di Udine."),
    ("it", "Il sindaco Paolo Bruni si è recato in visita privata dai familiari della vittima."),
    ("it", "Ieri è cambiato il vertice della procura di Milano, con la nomina del nuovo capo Luca Sala."),
    ("fr", "Le ministre Paul Martin a visité l'entreprise Airbus avec le député de la circonscription."),
    ("fr", "Le président Jean Dupont a engagé un dialogue social avec les partenaires."),
    ("es", "El presidente Luis Ortega realizó una visita privada a la familia del soldado fallecido."),
]

MEETINGS = [
    ("it", "Il presidente della Repubblica ha ricevuto al Quirinale il premier spagnolo Pedro Sánchez."),
    ("es", "El presidente Luis Ortega recibió en el palacio de gobierno al canciller ruso Serguéi Lavrov."),
    ("fr", "Le président Jean Dupont a reçu à l'Élysée le Premier ministre indien."),
    ("it", "Il presidente della Repubblica Sergio Mattarella ha avviato le consultazioni al Quirinale."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_MEETINGS)
def test_no_meeting_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), text


@pytest.mark.parametrize(("lang", "text"), MEETINGS)
def test_a_received_visitor_and_consultations_with_a_president_stay_meetings(lang: str, text: str) -> None:
    assert candidates(text, lang), text
