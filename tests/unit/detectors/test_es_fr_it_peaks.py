"""Peaks are no summits (issue 12): "la cumbre del cerro", "la cumbre de su poesía", a climbing party
("alpinistas", "Everest", "randonneurs") next to "cumbre" / "sommet". Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Foto de la cumbre del cerro Aconcagua tomada por la expedición argentina."),
    ("es", "La novela está considerada como la cumbre de su obra, según el crítico."),
    ("es", "Los alpinistas peruanos llegaron a la cumbre del volcán tras seis horas."),
    ("fr", "Deux alpinistes italiens ont atteint le sommet samedi matin."),
    ("fr", "Le sommet sera fermé aux randonneurs jusqu'à dimanche."),
    ("it", "Il sindaco Mario Rossi ha incontrato gli alpinisti dispersi sul Monte Bianco."),
])
def test_a_peak_is_no_summit(lang: str, text: str) -> None:
    assert statuses(text, lang) == set()


def test_a_summit_of_leaders_stays() -> None:
    assert statuses("La cumbre de presidentes centroamericanos se celebró ayer en Panamá.", "es") == {"held"}
