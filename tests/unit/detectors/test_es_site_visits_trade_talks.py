"""Spanish meetings (issue 12, session 21): a visit to a site (a power station, a base, a river, a camp, a port, the
troops) has no political counterpart and is no meeting; talks among manufacturers, distributors, traders or banks
are business. A visit to a person, or to a city named "Río", still is. Sentences written for these tests in the
style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize("text", [
    "Los diputados de la comisión de Medio Ambiente visitaron la central nuclear para evaluar los daños del incendio.",
    "La ministra de Defensa visitó la base naval de Rota, donde saludó a los marineros destinados en el Golfo.",
    "Los senadores acordaron visitar el río Ebro para conocer el estado de los diques.",
    "El presidente del Gobierno visitó el campamento de refugiados de Melilla acompañado por el alcalde.",
    "El jefe del Estado visitó a las tropas desplegadas en Líbano durante la Nochebuena.",
    "El consejero visitó el puerto de Algeciras tras el temporal.",
])
def test_a_site_visit_is_no_meeting(text: str) -> None:
    assert statuses(text, "es") == set()


@pytest.mark.parametrize("text", [
    "Las negociaciones entre fabricantes y distribuidores se endurecieron tras el acuerdo de las cadenas francesas.",
    "Los comerciantes se reunieron con el alcalde para pedir más aparcamiento.",
    "Las entidades bancarias mantienen abiertas las negociaciones con los sindicatos sobre el convenio.",
])
def test_trade_and_bank_talks_are_business(text: str) -> None:
    assert statuses(text, "es") == set()


@pytest.mark.parametrize("text", [
    "El presidente Luis Ortega visitó a su homólogo peruano en el palacio de Gobierno.",
    "El canciller visitó Río de Janeiro y se reunió con el gobernador.",
    "La ministra de Trabajo se reunió con los sindicatos para negociar la reforma.",
])
def test_a_visit_to_a_person_or_a_city_still_is(text: str) -> None:
    assert statuses(text, "es") == {"held"}
