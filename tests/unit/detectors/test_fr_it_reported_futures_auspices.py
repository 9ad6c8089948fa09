"""French and Italian meeting statuses (issue 12, session 21, romance5). Sentences written for these tests in the
style of news.

- An "after the meeting" phrase opening the sentence whose main clause reports, in a past form, what will happen
  ("Al termine dell'incontro, X ha detto che si troverà …") tells of a meeting that took place; a main clause
  that is itself the future ("Après l'entretien, le président signera …") keeps it ahead.
- Italian "auspicio" is also an omen ("non è di buon auspicio") and "sotto gli auspici" means under the
  sponsorship of: neither calls for talks; the verb "auspica" still does.
- "avviare" as a call matches the infinitive only: "ha avviato i negoziati" (the lemma) started them."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses
from tests.unit.detectors.rule_stage import meeting_statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("À l'issue de sa rencontre avec le ministre Rossi, le Premier ministre a déclaré qu'un accord sera trouvé.",
     "fr"),
    ("Al termine dell'incontro con il ministro Rossi, il premier ha detto che si troverà la sintesi.", "it"),
    ("After the talks with Minister Rossi, the prime minister said they will find a deal.", "en"),
])
def test_a_fronted_meeting_whose_main_clause_reports_a_future_took_place(text: str, lang: str) -> None:
    assert meeting_statuses(text, lang) == ["held"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Après l'entretien avec le ministre Rossi, le président signera une déclaration.", "fr"),
    ("Dopo il vertice con il ministro Rossi, il premier firmerà la dichiarazione.", "it"),
    ("Following the talks with Minister Rossi, the two leaders will sign a declaration.", "en"),
])
def test_a_fronted_meeting_with_a_future_main_clause_stays_ahead(text: str, lang: str) -> None:
    assert meeting_statuses(text, lang) == ["planned"]


@pytest.mark.parametrize("text", [
    "Questo voto non è di buon auspicio per l'avvio dei negoziati tra Ue e Svizzera.",
    "I negoziati tra Israele e Hamas si svolgono sotto gli auspici dell'Egitto.",
    "Il ministro Tajani ha avviato i negoziati con il governo libico.",
])
def test_an_omen_auspices_or_a_started_negotiation_is_no_call(text: str) -> None:
    assert "called_for" not in statuses(text, "it")


@pytest.mark.parametrize("text", [
    "Il presidente Mattarella auspica l'avvio dei negoziati tra Ue e Svizzera.",
    "Il ministro Tajani ha chiesto di avviare i negoziati con il governo libico.",
])
def test_a_hope_or_a_request_to_start_talks_is_still_a_call(text: str) -> None:
    assert statuses(text, "it") == {"called_for"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Les deux chefs d'État ont abordé la préparation du sommet du G20, qui se tiendra à Rome en juin.", "fr"),
    ("Les deux dirigeants ont abordé les thèmes de la prochaine conférence de Bagdad.", "fr"),
])
def test_leaders_talking_over_a_summit_ahead_is_a_meeting_held_beside_one_planned(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"held", "planned"}


def test_another_triggers_own_future_verb_still_dates_the_summit() -> None:
    text = "Le président Macron rencontrera le chancelier Scholz lors du sommet prévu en juin."
    assert statuses(text, "fr") == {"planned"}
