"""Spanish parties to talks and senses of meeting words (issue 12, session 20): the authorities, both countries,
both delegations or administrations and a European commissioner are political actors; a round of negotiation is
talks; a meeting room, gathering support or signatures, meeting requirements and a climate for dialogue are no
meeting, nor is a match ("encuentro ante/contra", "segundo tiempo", "marcador"); talks that begin ("inicia",
"comenzaron") are held, and ones that begin tomorrow planned. Sentences written for these tests in the style of
news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates, statuses

MEETINGS = [
    "Las autoridades de Oaxaca se reunieron con los maestros en huelga.",
    "Las negociaciones entre ambos países se reanudaron en Ginebra.",
    "Miembros de las dos delegaciones se reunirán mañana en otro lugar.",
    "Ambas administraciones se reunieron ayer en Sevilla.",
    "Comenzó en Oslo la tercera ronda de negociación.",
    "Los comisarios europeos comunicaron su voluntad de celebrar una reunión.",
]

NOT_MEETINGS = [
    "El ministro presentó el plan en la sala de reuniones del hotel.",
    "El diputado Luis Ortega está reuniendo apoyo para la reforma entre sus colegas.",
    "El diputado Luis Ortega reúne los requisitos para presentarse a las elecciones.",
    "El diputado Luis Ortega reunió firmas para la consulta.",
    "El presidente dijo que la amnistía creará un ambiente propicio para el diálogo.",
]


@pytest.mark.parametrize("text", MEETINGS)
def test_state_parties_hold_talks(text: str) -> None:
    assert candidates(text, "es"), text


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_rooms_collecting_and_climates_are_no_meeting(text: str) -> None:
    assert not candidates(text, "es"), text


@pytest.mark.parametrize("text", [
    "El ministro de Salud visitó a la joven Ana Duarte en el hospital central el sábado.",
    "El presidente visitó a los damnificados de las inundaciones en Piura.",
    "La ministra visitó a los heridos del atentado.",
])
def test_visiting_patients_or_victims_is_no_meeting(text: str) -> None:
    assert not candidates(text, "es"), text


@pytest.mark.parametrize("text", [
    "El gobierno de Colombia inicia una nueva ronda de negociación con la guerrilla en La Habana.",
    "Las negociaciones entre el gobierno y los rebeldes comenzaron en Oslo.",
])
def test_talks_that_begin_are_held(text: str) -> None:
    assert "held" in statuses(text, "es"), text


def test_talks_that_begin_tomorrow_are_planned() -> None:
    assert statuses("Las negociaciones entre el gobierno y los rebeldes comienzan mañana en Oslo.", "es") \
        == {"planned"}


@pytest.mark.parametrize("text", [
    "El entrenador del Betis, Luis Ortega, habló del encuentro ante el Sevilla del domingo.",
    "El alcalde Luis Ortega asistió al encuentro contra el Valencia en Mestalla.",
    "Con el marcador a favor, el alcalde Luis Ortega celebró el encuentro en Vigo.",
    "En el segundo tiempo del encuentro, el alcalde Luis Ortega saludó a la afición.",
])
def test_a_match_is_no_meeting(text: str) -> None:
    assert not candidates(text, "es"), text
