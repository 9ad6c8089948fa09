"""GUIDE.md meeting level (issue 12): the office titles the news gives in each language, inflected and in
compounds, make a meeting high-level; a regional, party, union or community head stays other even where the
head word ("leader", "presidente") alone would be high. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Der Vize-Regierungschef traf am Montag den Gouverneur in Berlin."),
    ("de", "Der Gouverneur sprach nach dem Treffen mit den Rebellenführern von einer Einigung."),
    ("de", "Der Staatssekretär traf am Montag Vertreter der Bauern in Berlin."),
    ("ru", "Замминистра иностранных дел встретился с представителями бизнеса."),
    ("ru", "Председатель КНР встретился с представителями бизнеса в Москве."),
    ("es", "La viceministra se reunió con los representantes de los taxistas en Madrid."),
    ("es", "El jefe del Estado se reunió con los representantes de los taxistas en Madrid."),
    ("es", "El vicecanciller se reunió con los representantes de los taxistas en Madrid."),
    ("it", "La cancelliera ha incontrato i rappresentanti dei tassisti a Roma."),
    ("it", "Il capo dello Stato ha incontrato i rappresentanti dei tassisti a Roma."),
    ("it", "La viceministra ha incontrato i rappresentanti dei tassisti a Roma."),
    ("en", "European Union leaders met on Monday in Brussels."),
])
def test_an_office_title_makes_the_meeting_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Union leaders met government negotiators on Monday in a bid to avert a strike."),
    ("en", "Party leaders met on Monday to discuss a coalition."),
    ("it", "Il presidente della Regione ha incontrato i sindaci a Milano."),
    ("fr", "Le président de la région a rencontré les maires à Lyon."),
    ("ru", "Глава Чечни провёл встречу с представителями бизнеса в Грозном."),
    ("ru", "Состоялась встреча с главой Чувашской Республики Олегом Ивановым."),
    ("ru", "Глава Ростовской области встретился с фермерами."),
    ("ru", "Губернатор провёл встречу с главами муниципальных образований области."),
    ("es", "El lehendakari se reunió ayer con los representantes de los partidos en Vitoria."),
    ("es", "La ministra de la Generalitat negoció con los sindicatos durante toda la tarde."),
    ("es", "El líder de los socialistas se reunió con los alcaldes en Sevilla."),
])
def test_a_regional_party_or_union_head_stays_other(lang: str, text: str) -> None:
    assert "high" not in _levels(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Merz empfängt Prabowo im Kanzleramt."),
    ("ru", "Мишустин провел переговоры с представителями бизнеса в Москве."),
    ("es", "Pedro Sánchez se reunió con los representantes de los taxistas en Madrid."),
    ("it", "Mattarella ha ricevuto i rappresentanti dei tassisti al Quirinale."),
])
def test_a_listed_leader_named_without_title_is_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il premier incaricato Renzi ha incontrato i delegati del Pd."),
    ("it", "Il presidente del Consiglio incaricato Matteo Renzi ha ricevuto i capigruppo."),
    ("en", "Senator Rubio met the governor in Miami on Monday."),
])
def test_a_lower_title_before_a_listed_name_tells_the_office_held(lang: str, text: str) -> None:
    """The leaders list names people who held a high office at some time; a lower title in the text (a prime
    minister designate, a senator) says which office they held then."""
    assert "high" not in _levels(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "M. Macron a rencontré M. Scholz à Berlin."),
    ("en", "Mr Putin met Mr Erdogan in Ankara on Monday."),
    ("es", "El Sr. Pedro Sánchez se reunió con los representantes de los taxistas en Madrid."),
    ("de", "Der Sprecher von Präsident Putin traf den Gouverneur in Moskau."),
])
def test_a_form_of_address_or_a_high_title_keeps_the_listed_leader(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}
