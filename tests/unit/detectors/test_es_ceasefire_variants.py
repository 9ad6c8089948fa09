"""Spanish ceasefire variants (issue 12, session 20): "cese de fuego(s)" is a ceasefire, and reluctance
("renuencia", "reticencia", "reacio") to accept or respect one is a refusal. Sentences written for these tests in
the style of news. A commentator writing about a truce or wondering whether it worked tells no development
(as a poll does)."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates, statuses


@pytest.mark.parametrize("text", [
    "La guerrilla propuso al gobierno un cese de fuegos bilateral durante las fiestas.",
    "El ejército y los rebeldes acordaron un cese de fuego en la región.",
])
def test_cese_de_fuego_is_a_ceasefire(text: str) -> None:
    assert candidates(text, "es", "ceasefire"), text


@pytest.mark.parametrize("text", [
    "La renuencia del gobierno a respetar el alto el fuego de la guerrilla debilita el proceso.",
    "El gobierno se mostró reacio a aceptar una tregua con los rebeldes.",
])
def test_reluctance_to_accept_a_ceasefire_is_rejected(text: str) -> None:
    assert "rejected" in statuses(text, "es", "ceasefire"), text


@pytest.mark.parametrize("text", [
    "El ataque del ejército y el alto el fuego roto provocaron protestas en Bogotá.",
    "La tregua rota entre el gobierno y la guerrilla dejó diez muertos.",
])
def test_a_broken_ceasefire_is_violated(text: str) -> None:
    assert "violated" in statuses(text, "es", "ceasefire"), text


@pytest.mark.parametrize("text", [
    "El columnista Luis Ortega escribe sobre la conveniencia de prorrogar el alto el fuego.",
    "La analista Ana Duarte se pregunta si la tregua unilateral de la guerrilla ha funcionado.",
])
def test_commentary_about_a_ceasefire_is_no_event(text: str) -> None:
    assert not statuses(text, "es", "ceasefire"), text
