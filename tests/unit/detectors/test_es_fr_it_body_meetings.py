"""A body meets on its own (issue 12): "El Consejo de Seguridad de la ONU se reunió", "La reunión de la OPEP terminó en
Viena", "Le Conseil de sécurité se réunira lundi": an organisation actor satisfies the person a meeting word needs
(``org_meets``); without one it still needs a person ("La reunión del partido"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text", "status"), [
    ("es", "El Consejo de Seguridad de la ONU se reunió de urgencia para analizar la crisis de Ruanda.", "held"),
    ("es", "La reunión de la OEA terminó en Washington sin una declaración conjunta.", "held"),
    ("fr", "Le Conseil de sécurité de l'ONU se réunira lundi à la demande de la France.", "planned"),
    ("it", "Il Consiglio di sicurezza dell'Onu si è riunito d'urgenza per esaminare la crisi in Ruanda.", "held"),
])
def test_a_body_meets_without_a_person(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang) == {status}


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La reunión del partido terminó a medianoche sin acuerdo."),
    ("it", "La riunione del condominio si è conclusa a tarda sera."),
])
def test_no_body_no_meeting(lang: str, text: str) -> None:
    assert statuses(text, lang) == set()
