"""A meeting sentence that names nobody speaks of the people the sentence before names
(participants.from_previous). Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.contracts import Article
from detectors.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load(stage="rules")


def _observed(pipeline: Pipeline, text: str, lang: str) -> list:
    return [o.obs for o in pipeline.observe_many([Article.create(text, language=lang)])[0] if o.obs.type == "meeting"]


@pytest.mark.parametrize(("lang", "text", "person"), [
    ("de", "Kremlchef Wladimir Putin wandte sich am Abend an die Konfliktparteien. "
           "„Dann möchten wir weitere Konsultationen mit ihnen führen.“", "Wladimir Putin"),
    ("en", "Foreign Minister Penny Wong spoke to reporters in Jakarta on Friday. "
           "\"We will hold further talks with them next week.\"", "Penny Wong"),
])
def test_a_sentence_naming_nobody_borrows_the_person_before(pipeline: Pipeline, lang: str, text: str,
                                                             person: str) -> None:
    second = [o for o in _observed(pipeline, text, lang) if o.sent.first > 0]
    assert second, "no candidate in the second sentence"
    assert all(o.args.borrowed and [a.text for a in o.args.actors] == [person] for o in second), \
        [(o.args.borrowed, [a.text for a in o.args.actors]) for o in second]


def test_a_sentence_naming_nobody_in_the_third_person_borrows_nobody(pipeline: Pipeline) -> None:
    text = "Präsident Donald Trump rief den General an. Am 24. November das erste Treffen in Bengasi."
    second = [o for o in _observed(pipeline, text, "de") if o.sent.first > 0]
    assert second and not any(o.args.borrowed or o.args.actors for o in second)


def test_a_sentence_naming_its_own_participants_keeps_them(pipeline: Pipeline) -> None:
    text = "Kanzler Olaf Scholz sprach am Montag in Berlin. Danach traf Präsident Macron den Premier Sánchez."
    second = [o for o in _observed(pipeline, text, "de") if o.sent.first > 0]
    assert second and not any(o.args.borrowed for o in second)
    assert not any(a.text == "Olaf Scholz" for o in second for a in o.args.actors)
