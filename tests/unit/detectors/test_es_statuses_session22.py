"""Spanish meeting statuses and false meetings of session 22 (es6): an appeal for dialogue ("llamó al diálogo",
"convocó ... a una mesa de diálogo"), a stated will or readiness to talk ("su voluntad de", "su disposición al
diálogo") and a demand "hasta que ... se reúna" are calls, a wish ("desearían") a plan (a conditional "quisiera" is
a call, as "would like" is), a declined invitation a refusal; future phone calls, lunches and appointments
("llamará a su homólogo", "telefoneará", "almorzará con", "se citó con") are meetings; a party's or a church's own
bodies ("comité federal", "sínodo") meet no counterpart. The sentences are written for these tests in the style of
news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses


@pytest.mark.parametrize("text, status", [
    ("El Gobierno llamó al diálogo a los líderes de la oposición venezolana.", "called_for"),
    ("La oposición convocó al Gobierno a una mesa de diálogo sobre la reforma electoral.", "called_for"),
    ("El presidente declinó la invitación a la cumbre de Lima.", "rejected"),
    ("El presidente llamará a su homólogo ruso para hablar de la guerra en Ucrania.", "planned"),
    ("El primer ministro telefoneará mañana al presidente francés.", "planned"),
    ("La vicepresidenta almorzará con el primer ministro de Portugal en Lisboa.", "planned"),
    ("El rey y el presidente portugués departirán durante la cena de gala.", "planned"),
    ("El jefe de la diplomacia europea se citó con el ministro iraní en Viena.", "held"),
    ("El ministro de Exteriores se citó en Roma con el enviado del Vaticano para Ucrania.", "held"),
    ("No nos iremos hasta que el ministro se reúna con nosotros, dijo la portavoz de las familias.", "called_for"),
    ("El líder rebelde mostró su voluntad de celebrar una reunión con el presidente.", "called_for"),
    ("El Gobierno manifestó su disposición al diálogo con el presidente de los transportistas.", "called_for"),
    ("Los socialistas desearían que del encuentro de esta tarde con el presidente saliesen acuerdos.", "planned"),
    ("El primer ministro quisiera reunirse con el presidente chino antes del verano.", "called_for"),
    ("Los líderes desean que la cumbre de Lima termine con un acuerdo.", "planned"),
])
def test_the_spanish_status(text: str, status: str) -> None:
    assert meeting_statuses(text, "es") == [status]


@pytest.mark.parametrize("text", [
    "El comité federal del PSOE se reunió el sábado con el secretario general para aprobar las listas.",
    "La asamblea del partido se reunió con su presidente para preparar las elecciones.",
    "El sínodo se reunió con el arzobispo en la catedral.",
])
def test_a_party_or_church_body_meets_no_counterpart(text: str) -> None:
    assert meeting_statuses(text, "es") == []


@pytest.mark.parametrize("text", [
    "El presidente llamó a su homólogo ruso para felicitarle por su reelección.",
    "El secretario general llamó a la calma tras la reunión con el presidente.",
    "Las negociaciones entre el Gobierno y los rebeldes continuaron hasta que el mediador se retiró.",
    "La consejera dijo que en el encuentro con el ministro se constató la voluntad de ambas administraciones de"
    " colaborar.",
])
def test_a_phone_call_or_a_meeting_before_an_appeal_stays_held(text: str) -> None:
    assert meeting_statuses(text, "es") == ["held"]
