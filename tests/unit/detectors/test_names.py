"""Person names as users read them in an alert: a German genitive names the person in the nominative, and a
name ends at its genitive. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import actors


@pytest.mark.parametrize(("text", "kind", "name"), [
    ("Obamas Anruf bei Kanzlerin Angela Merkel dauerte eine Stunde.", "meeting", "Obama"),
    ("Kanzlerin Angela Merkel traf in Wien Hofers Berater.", "meeting", "Hofer"),
    ("Die Waffenruhe soll nach Hofers Ankündigung um Mitternacht beginnen.", "ceasefire", "Hofer"),
])
def test_a_genitive_name_before_its_noun_is_the_bare_name(text: str, kind: str, name: str) -> None:
    found = actors(text, "de", kind)
    assert name in found and not any(a.startswith(name + "s") for a in found), found


def test_a_listed_name_ending_in_s_keeps_it() -> None:
    found = actors("Kanzler Scholz traf Tsipras in Athen.", "de")
    assert "Tsipras" in found and "Tsipra" not in found, found


@pytest.mark.parametrize("name", ["Ilias Quilwyler", "Matthias Ostrowiak", "Andreas Keltbrunner"])
def test_a_first_name_in_s_before_an_unknown_surname_is_one_name(name: str) -> None:
    """An unknown capitalised word after a word in -s is as likely a surname as a noun: no genitive is read, and
    the name stays whole (the fault tests' planted generals)."""
    found = actors(f"General {name} kündigte am Abend eine Waffenruhe an.", "de", "ceasefire")
    assert found == {name}, found
