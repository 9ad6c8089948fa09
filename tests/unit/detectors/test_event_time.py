"""Event dates read from sentences, resolved against the article's day, and new vs background."""

from __future__ import annotations

from datetime import date

import pytest

from detectors.event_time import article_reference, date_reader, direction_for, recency

REF = date(2020, 1, 8)  # a Wednesday


@pytest.mark.parametrize(
    ("lang", "text", "status", "iso", "words", "expected"),
    [
        ("de", "Der General war am 8. Januar in Rom, um Coates zu treffen.", "held", "2020-01-08", "8. Januar", "new"),
        ("de", "Haftar und Norland hatten am 15. April telefoniert.", "held", "2019-04-15", "15. April", "background"),
        ("de", "Am 24. November das erste Treffen in Bengasi.", "held", "2019-11-24", "24. November", "background"),
        ("de", "Krisentreffen der EU-Außenminister am Dienstag", "planned", "2020-01-14", "Dienstag", "new"),
        ("de", "Merkel traf gestern Macron.", "held", "2020-01-07", "gestern", "new"),
        ("de", "Die Minister treffen sich morgen in Wien.", "planned", "2020-01-09", "morgen", "new"),
        ("de", "Im April 2019 hatte Haftar Tripolis angegriffen.", "held", "2019-04", "Im April 2019", "background"),
        ("de", "1940 – Hitler und Mussolini treffen am Brenner zusammen", "held", "1940", "1940", "background"),
        ("de", "Am 08.01.2020 traf er ihn.", "held", "2020-01-08", "08.01.2020", "new"),
        ("de", "Kurz traf Orbán am 3. Jänner in Wien.", "held", "2020-01-03", "3. Jänner", "new"),
        ("en", "Putin met Erdogan in Ankara on Monday.", "held", "2020-01-06", "Monday", "new"),
        ("en", "Talks were held on January 8, 2020 in Geneva.", "held", "2020-01-08", "January 8, 2020", "new"),
        ("en", "The leaders met last month in Brussels.", "held", "2019-12-09", "last month", "background"),
        ("en", "The two sides will meet again in May.", "planned", "2020-05", "in May", "new"),
        ("es", "Se reunirán mañana en Bogotá.", "planned", "2020-01-09", "mañana", "new"),
        ("es", "El 5 de junio de 1998 firmaron la tregua.", "announced", "1998-06-05", "5 de junio de 1998",
         "background"),
        ("fr", "Macron s'est entretenu hier avec Poutine.", "held", "2020-01-07", "hier", "new"),
        ("fr", "Le sommet du 1er décembre à Paris", "held", "2019-12-01", "1er décembre", "background"),
        ("it", "Conte ha incontrato Haftar lunedì a Roma.", "held", "2020-01-06", "lunedì", "new"),
        ("it", "L'incontro del 12 marzo 2019 a Palermo", "held", "2019-03-12", "12 marzo 2019", "background"),
        ("ru", "Путин встретился с Эрдоганом 22 октября в Сочи.", "held", "2019-10-22", "22 октября", "background"),
        ("ru", "Переговоры пройдут в понедельник.", "planned", "2020-01-13", "понедельник", "new"),
    ],
)
def test_dates_in_six_languages(lang: str, text: str, status: str, iso: str, words: str, expected: str) -> None:
    reader = date_reader(lang)
    assert reader is not None
    when = reader.event_date(text, REF, direction_for(status))
    assert when is not None
    assert (when.iso(), text[when.start:when.end]) == (iso, words)
    assert recency(when, REF) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Am Morgen trafen sich die Minister."),        # Morgen = morning, not tomorrow
        ("en", "The ministers may meet again."),              # may = modal, not the month
        ("es", "Por la mañana se reunieron los ministros."),  # in the morning
        ("de", "Die Gespräche dauerten 15 Stunden."),
    ],
)
def test_words_that_only_look_like_dates(lang: str, text: str) -> None:
    assert date_reader(lang).event_date(text, REF, "either") is None


def test_an_undated_event_is_new() -> None:
    assert recency(None, REF) == "new"


def test_the_mention_nearest_the_trigger_wins() -> None:
    text = "Nach dem Treffen vom 15. April sprachen sie am 8. Januar erneut miteinander."
    reader = date_reader("de")
    assert reader.event_date(text, REF, "past", near=text.index("erneut")).iso() == "2020-01-08"
    assert reader.event_date(text, REF, "past", near=text.index("Treffen")).iso() == "2019-04-15"


def test_an_article_without_a_date_speaks_from_its_lead() -> None:
    reader = date_reader("de")
    lead = ["Libyen: Haftar in Rom", "Der General war am 8. Januar in Rom."]
    assert article_reference(lead, reader, date(2020, 2, 1)) == (date(2020, 1, 8), "lead")
    assert article_reference(["Keine Daten hier."], reader, date(2020, 2, 1)) == (date(2020, 2, 1), "received")


def test_languages_without_date_words_have_no_reader() -> None:
    assert date_reader("xx") is None


def test_a_remembered_text_gives_the_mentions_it_gave_first_in_a_fresh_list() -> None:
    reader = date_reader("de")
    assert reader is not None and date_reader("de") is reader  # one reader per language
    text = "Am Montag, dem 6. Januar, und gestern trafen sie sich."
    first = reader.mentions(text)
    again = reader.mentions(text)
    assert again == first and again is not first and [m.kind for m in first] == ["weekday", "date", "relative"]
    again.clear()
    assert reader.mentions(text) == first
    long_text = text + " " * 3000 + "Am 9. Januar."
    assert [m.kind for m in reader.mentions(long_text)] == ["weekday", "date", "relative", "date"]
