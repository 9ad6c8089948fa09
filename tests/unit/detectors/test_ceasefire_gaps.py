"""Ceasefire constructions the lexicons missed in some languages (session 21, cease5): the same kind was read in
the others. GUIDE.md's ceasefire table; sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text", "status"), [
    # agreeing to / extending a truce is announced (fr "convenir de", it "prolungare")
    ("fr", "Israël et le Hamas ont convenu d'une pause humanitaire de quatre jours.", "announced"),
    ("fr", "Les deux camps sont convenus d'une trêve pour la fête.", "announced"),
    ("it", "La tregua è stata prolungata di altri due giorni.", "announced"),
    ("it", "Le parti hanno deciso il prolungamento della tregua fino a lunedì.", "announced"),
    # fighting resumes once the truce is over (de "Ablauf", "wieder aufgenommen")
    ("de", "Nach dem Ablauf der Feuerpause wurden die Kämpfe wieder aufgenommen.", "violated"),
    ("de", "Trotz der Waffenruhe nahmen die Rebellen die Kämpfe am Abend wieder auf.", "violated"),
])
def test_status_read_in_every_language(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang, "ceasefire") == {status}, text
