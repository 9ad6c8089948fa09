"""Arguments users see in every alert: places, regions and countries named as places are never actors, and a
meeting's participants are the people who meet. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.arguments import Arguments, extract
from detectors.engine import build_engine
from detectors.language import resources
from detectors.places import country_at
from tests.unit.detectors.rule_candidates import actors, candidates, sentences


def _kinds(text: str, lang: str) -> dict[str, str]:
    return {a.text: a.kind for _s, c in candidates(text, lang) for a in c.args.actors}


@pytest.mark.parametrize(("lang", "text", "place"), [
    ("de", "Der Gesandte traf in Nordafrika den libyschen General Haftar.", "Nordafrika"),
    ("de", "Merkel empfing den französischen Präsidenten Macron im Kanzleramt.", "Kanzleramt"),
    ("de", "Der Sondergesandte Richard Norland traf in Libyen den General Haftar.", "Libyen"),
    ("en", "Governor Newsom met President Biden in California.", "California"),
    ("en", "Secretary Blinken met President Sisi in the Middle East.", "Middle East"),
    ("es", "El presidente Petro se reunió con el enviado Pérez en Oriente Medio.", "Oriente Medio"),
    ("ru", "Министр Лавров встретился с послом Ивановым на Ближнем Востоке.", "Ближнем Востоке"),
])
def test_a_place_is_never_an_actor(lang: str, text: str, place: str) -> None:
    found = actors(text, lang)
    assert found and not any(place in a or a in place for a in found), found


def test_a_region_becomes_the_location_not_a_person() -> None:
    found = candidates("Der Sondergesandte Richard Norland traf in Nordafrika den General Haftar.", "de")
    assert any(c.args.location is not None and c.args.location.text == "Nordafrika" for _s, c in found)


@pytest.mark.parametrize(("lang", "text", "country"), [
    ("de", "Chinas Präsident Xi Jinping traf Bundeskanzler Olaf Scholz.", "Chinas"),
    ("de", "Der Präsident Frankreichs Emmanuel Macron traf Kanzler Scholz.", "Frankreichs"),
    ("ru", "Путин провел телефонный разговор с президентом Франции Эммануэлем Макроном.", "Франции"),
    ("de", "Libyen: General Haftar traf in Rom den Sondergesandten Norland", "Libyen"),
])
def test_the_country_of_a_named_office_is_no_actor_of_its_own(lang: str, text: str, country: str) -> None:
    found = actors(text, lang)
    assert found and country not in found, found


def test_a_country_stands_for_an_unnamed_office_holder() -> None:
    assert "Türkei" in actors("Kanzler Scholz traf den Präsidenten der Türkei in Berlin.", "de")


def test_a_visited_country_takes_part() -> None:
    assert _kinds("Secretary Blinken cancelled a planned visit to Haiti.", "en").get("Haiti") == "country"


@pytest.mark.parametrize(("lang", "text", "absent", "present"), [
    ("de", "Präsident Putin, der General Haftar unterstützt, traf Kanzlerin Angela Merkel in Berlin.",
     "Haftar", {"Angela Merkel"}),
    ("de", "Außenminister Lawrow traf seinen Amtskollegen Cavusoglu in Ankara, sagte Sprecherin Maria Sacharowa.",
     "Maria Sacharowa", {"Lawrow", "Cavusoglu"}),
    ("en", "President Macron met Chancellor Scholz in Paris, spokesman Gabriel Attal said.",
     "Gabriel Attal", {"Macron", "Scholz"}),
    ("en", "President Putin, who backs General Haftar, met Chancellor Angela Merkel.", "Haftar", {"Angela Merkel"}),
])
def test_participants_are_the_people_who_meet(lang: str, text: str, absent: str, present: set[str]) -> None:
    found = actors(text, lang)
    assert present <= found and not any(absent in a for a in found), found


def test_an_apposition_with_an_article_keeps_its_person() -> None:
    text = ("Dominiert wurde das Treffen von Kanzlerin Angela Merkel mit Kanzler Werner Faymann, "
            "der EU-Außenbeauftragten Federica Mogherini und den Regierungschefs der Region.")
    assert {"Angela Merkel", "Werner Faymann", "Federica Mogherini"} <= actors(text, "de")


def test_a_speaker_is_kept_when_nobody_else_is_named() -> None:
    assert "Maria Sacharowa" in actors("Die Gespräche seien gut verlaufen, sagte Sprecherin Maria Sacharowa.", "de")


@pytest.mark.parametrize(("lang", "word", "code"), [
    ("de", "Libyens", "LY"), ("de", "Russlands", "RU"), ("de", "Österreichs", "AT"),
    ("ru", "России", "RU"), ("ru", "Турции", "TR"), ("ru", "Египта", "EG"),
])
def test_countries_are_found_through_inflections(lang: str, word: str, code: str) -> None:
    sent = sentences(f"{word} Präsident", lang)[0]
    assert country_at(sent, resources(lang), 0, 1) == code


def test_regions_in_every_lexicon_language() -> None:
    for lang, name in [("de", "Nordafrika"), ("en", "Western Asia"), ("es", "Norte de África"),
                       ("fr", "Moyen-Orient"), ("it", "Medio Oriente"), ("ru", "Северная Африка")]:
        assert resources(lang).gazetteer.region(name), (lang, name)
    assert not resources("de").gazetteer.region("Haftar")


def test_a_relative_clause_about_the_meeting_keeps_its_visitor() -> None:
    text = "Bei dem Staatsbesuch in China, den Präsident Erdogan am Mittwoch begann, wurde über Handel gesprochen."
    assert "Erdogan" in actors(text, "de")


def test_a_clause_with_another_trigger_speaks_of_the_same_meeting() -> None:
    text = ("Boris Johnson s'est rendu à Kiev après les dirigeants européens, "
            "où il a eu des entretiens avec le président Zelensky.")
    assert {"Boris Johnson", "Zelensky"} <= actors(text, "fr")


@pytest.mark.parametrize(("lang", "text", "remit", "present"), [
    ("de", "Kanzler Scholz traf Richard Norland, amerikanischer Botschafter für Libyen, in Berlin.", "Libyen",
     {"Scholz", "Richard Norland"}),
    ("de", "Haftar traf Brigadegeneral Steven de Milano, stellvertretender Direktor von Usafricom, in Bengasi.",
     "Usafricom", {"Haftar", "Steven de Milano"}),
    ("en", "President Biden met Geir Pedersen, special envoy for Syria, in Geneva.", "Syria",
     {"Biden", "Geir Pedersen"}),
    ("fr", "Le président Macron a rencontré Jean Dupont, ambassadeur pour la Syrie, à Paris.", "Syrie",
     {"Macron", "Jean Dupont"}),
    ("es", "El presidente Petro se reunió con Juan Pérez, embajador ante Venezuela, en Bogotá.", "Venezuela",
     {"Petro", "Juan Pérez"}),
])
def test_the_remit_of_a_named_office_is_no_participant(lang: str, text: str, remit: str, present: set[str]) -> None:
    found = actors(text, lang)
    assert present <= found and remit not in found, found


@pytest.mark.parametrize(("lang", "text", "aside"), [
    ("de", "Haftar traf Victoria Coates (zuständig für Libyen und Nordafrika) in Rom.", "Libyen"),
    ("en", "Secretary Blinken met Victoria Coates (responsible for Libya) in Rome.", "Libya"),
])
def test_a_bracketed_aside_names_no_participant(lang: str, text: str, aside: str) -> None:
    found = actors(text, lang)
    assert "Victoria Coates" in found and aside not in found, found


@pytest.mark.parametrize(("lang", "text", "word", "person"), [
    ("de", "General Haftar traf sich mit einer Delegation in Bengasi.", "Delegation", "Haftar"),
    ("en", "President Erdogan received a delegation in Ankara on Monday.", "delegation", "Erdogan"),
    ("fr", "Le président Macron a reçu une délégation à Paris.", "délégation", "Macron"),
])
def test_a_bare_delegation_is_no_named_actor(lang: str, text: str, word: str, person: str) -> None:
    found = actors(text, lang)
    assert person in found and word not in found, found


@pytest.mark.parametrize(("lang", "text", "present"), [
    ("de", "Außenminister Lawrow empfing die amerikanische Delegation in Moskau.", {"Lawrow", "Delegation"}),
    ("en", "Foreign Minister Lavrov met the US delegation in Moscow.", {"Lavrov", "delegation"}),
    ("de", "Russland und die Türkei verhandeln in Ankara über eine Waffenruhe.", {"Russland", "Türkei"}),
    ("en", "Russia and Turkey held talks in Ankara.", {"Russia", "Turkey"}),
])
def test_named_bodies_and_governments_as_subjects_stay_actors(lang: str, text: str, present: set[str]) -> None:
    assert present <= actors(text, lang)


@pytest.mark.parametrize(("lang", "text", "absent", "present"), [
    ("de", 'Putin sagte nach dem Treffen mit Kanzlerin Merkel: "Wir haben Erdogan gedrängt, das Feuer einzustellen."',
     "Erdogan", {"Putin", "Merkel"}),
    ("de", "Wladimir Putin - der Haftar unterstützt - traf Kanzlerin Angela Merkel.", "Haftar",
     {"Wladimir Putin", "Angela Merkel"}),
    ("en", "Vladimir Putin - who backs Haftar - met Chancellor Angela Merkel.", "Haftar",
     {"Vladimir Putin", "Angela Merkel"}),
    ("de", "Das Telefonat zwischen Präsident Macron und Kanzler Scholz sorgte für Unruhe im Außenministerium.",
     "Außenministerium", {"Macron", "Scholz"}),
])
def test_quotes_dashed_asides_and_venues_name_no_participant(lang: str, text: str, absent: str,
                                                           present: set[str]) -> None:
    found = actors(text, lang)
    assert present <= found and absent not in found, found


@pytest.mark.parametrize(("lang", "name", "code"), [
    ("en", "Turkey", "TR"), ("en", "Myanmar", "MM"), ("ru", "Мьянма", "MM"), ("fr", "Myanmar", "MM"),
])
def test_countries_under_their_common_names(lang: str, name: str, code: str) -> None:
    """CLDR writes "Türkiye" and "Myanmar (Burma)": the names news use are countries too."""
    assert resources(lang).gazetteer.country(name) == code


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Als EU fordern wir eine sofortige Waffenruhe, sagte Außenminister Di Maio."),
    ("en", "As the EU, we call for an immediate ceasefire, Foreign Minister Di Maio said."),
])
def test_the_capacity_a_speaker_talks_in_is_no_actor(lang: str, text: str) -> None:
    found = actors(text, lang, "ceasefire")
    assert "EU" not in found and any("Di Maio" in a for a in found), found


@pytest.mark.parametrize(("text", "people"), [
    ("Der General hat in Kairo die Amerikaner getroffen.", "Amerikaner"),
    ("Das Treffen zwischen den Amerikanern und dem General fand in Kairo statt.", "Amerikaner"),
    ("Kanzler Scholz traf sich in Berlin mit den Chinesen.", "Chinesen"),
])
def test_a_people_named_as_such_takes_part_for_its_government(text: str, people: str) -> None:
    found = {a.text: (a.kind, a.id) for _s, c in candidates(text, "de") for a in c.args.actors}
    assert found.get(people, ("", ""))[0] == "country" and found[people][1].startswith("country:"), found


def test_a_people_far_from_the_ceasefire_is_no_actor_of_it() -> None:
    text = ("Die Libyer sind die einzigen, die über ihre Zukunft entscheiden, sagte der Minister, und wir haben "
            "nach der Ankündigung des Generals Hofer eine Waffenruhe erreicht.")
    found = actors(text, "de", "ceasefire")
    assert "Libyer" not in found, found


@pytest.mark.parametrize(("text", "seat", "code"), [
    ("Seit Monaten knüpft Washington auch Kontakte zum General Hofer.", "Washington", "US"),
    ("Moskau und Kiew verhandeln seit Wochen über einen Waffenstillstand.", "Kiew", "UA"),
])
def test_a_seat_of_government_that_acts_takes_part_for_it(text: str, seat: str, code: str) -> None:
    found = {a.text: a.id for _s, c in candidates(text, "de") for a in c.args.actors}
    assert found.get(seat) == f"country:{code}", found


def test_a_seat_of_government_after_a_place_preposition_is_the_place() -> None:
    found = candidates("Kanzler Scholz traf in Washington den Präsidenten.", "de")
    assert found and all("Washington" not in {a.text for a in c.args.actors} for _s, c in found)
    assert any(c.args.location is not None and c.args.location.text == "Washington" for _s, c in found)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Das Treffen zwischen den Amerikanern und Putins Delegation fand in Wien statt."),
    ("de", "Die Unterhändler trafen sich in Genf mit Erdogans Beratern."),
    ("en", "Officials met Putin's aides in Geneva on Monday."),
])
def test_a_leader_who_sends_his_people_makes_no_meeting_high_level(lang: str, text: str) -> None:
    found = candidates(text, lang)
    assert found and not any(c.args.high for _s, c in found), [(c.args.actors, c.args.high) for _s, c in found]


def test_a_leader_who_calls_in_person_keeps_the_meeting_high_level() -> None:
    found = candidates("Putins Anruf bei den Amerikanern kam überraschend.", "de")
    assert found and all(c.args.high for _s, c in found)


@pytest.mark.parametrize(("text", "high"), [
    ("Die Wiener Konferenz über Syrien beginnt am Montag.", True),
    ("Vor dem Minsker Gipfel wurde weiter gekämpft.", True),
    ("Die Konferenz über Syrien beginnt in Wien.", False),
])
def test_a_summit_named_by_its_place_is_one_of_governments(text: str, high: bool) -> None:
    res = build_engine("de").res
    sent = sentences(text, "de")[0]
    k = next(i for i, w in enumerate(sent.lowers) if w in ("konferenz", "gipfel"))
    assert extract(sent, res, (k, k + 1), set()).high is high


def _meeting_args(text: str, lang: str) -> Arguments:
    (_s, cand), *_ = candidates(text, lang)
    return cand.args


@pytest.mark.parametrize(("lang", "text", "near"), [
    ("de", "Kanzlerin Angela Merkel kritisierte am Donnerstag die Regierung in Wien scharf, weil sie bei der "
           "Balkankonferenz im Februar die Grenzschließungen ausgelöst habe.", False),
    ("de", "Kanzlerin Angela Merkel traf am Donnerstag in Wien den Bürgermeister.", True),
    ("en", "Merz met the mayor in Berlin on Monday.", True),
])
def test_a_high_title_or_leader_is_read_near_the_trigger_or_away_from_it(lang: str, text: str, near: bool) -> None:
    args = _meeting_args(text, lang)
    assert args.high and args.high_near is near


def test_a_listed_leader_among_the_actors_is_a_feature() -> None:
    assert _meeting_args("Merz met the mayor in Berlin on Monday.", "en").leader
    assert not _meeting_args("The governor met the mayor in Berlin on Monday.", "en").leader
