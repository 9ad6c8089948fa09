"""The pipeline end to end (alerts.dispatch): stories, alert keys, one alert per story, untrusted text."""

from __future__ import annotations

import dataclasses

from alerts.dispatch import Dispatcher
from alerts.render import neutralise, render_text
from tests.unit.alerts.helpers import T0, Runner, config, detection


def test_fifty_reports_of_one_story_make_one_alert_and_one_followup() -> None:
    r = Runner(Dispatcher(config(group_interval=300.0), stories={}, log={}))
    notes = []
    for i in range(50):
        notes += r.process(detection(f"a{i}"), T0 + i * 10)
    notes += r.due(T0 + 10_000)
    assert [n.kind for n in notes] == ["new", "followup"]
    assert notes[1].outlets > notes[0].outlets


def test_two_stories_make_two_alerts() -> None:
    d = Dispatcher(config(), stories={}, log={})
    a = d.process(detection("a1"), T0).notifications
    b = d.process(detection("b1", actors=("Wolodymyr Selenskyj",), countries=("UA",)), T0 + 1).notifications
    assert len(a) == 1 and len(b) == 1
    assert a[0].story_id != b[0].story_id


def test_reports_in_several_languages_merge_into_one_story_and_the_followup_counts_them() -> None:
    r = Runner(Dispatcher(config(group_interval=60.0), stories={}, log={}))
    first = r.process(detection("de1", actors=("Recep Tayyip Erdoğan",), countries=("TR",)), T0)
    more = []
    for i, (lang, name) in enumerate([("en", "Erdogan"), ("it", "Recep Erdogan"), ("fr", "ERDOĞAN")]):
        d = detection(f"{lang}1", actors=(name,), countries=("TR",))
        d = dataclasses.replace(d, language=lang)
        more += r.process(d, T0 + 10 + i)
    assert [n.kind for n in first] == ["new"] and more == []
    follow = r.due(T0 + 60)
    assert [n.kind for n in follow] == ["followup"]
    assert follow[0].outlets == 4 and set(follow[0].languages) == {"de", "en", "it", "fr"}
    assert "3 more outlets reported it (4 languages)" in follow[0].reason


def test_untrusted_text_is_neutralised() -> None:
    evil = "<!channel> @here <@U123> [click](https://evil.example) <script>alert(1)</script>"
    safe = neutralise(evil)
    for bad in ("<!channel>", "@here", "<@U123>", "](https", "<script>"):
        assert bad not in safe
    note = Dispatcher(config(), stories={}, log={}).process(
        detection("a1", text=evil + " Waffenruhe"), T0).notifications[0]
    assert "<!channel>" not in render_text(note)


def test_the_stage_order_is_alertmanagers_and_timers_enter_at_mute() -> None:
    from alerts.dispatch import FIRE, PIPELINE

    assert [s.__module__ for s in PIPELINE] == ["alerts.dedup", "alerts.group", "alerts.mute", "alerts.digest",
                                                "alerts.handover", "alerts.rate_limit", "alerts.outbox"]
    assert PIPELINE[2:] == FIRE


def test_every_outcome_is_a_vocabulary_word() -> None:
    from alerts.vocabulary import Outcome

    r = Runner(Dispatcher(config(group_wait=30.0), stories={}, log={}))
    decision = r.d.process(detection("a1"), T0)
    assert decision.outcomes == [("ops", Outcome.PENDING)] and isinstance(decision.outcomes[0][1], Outcome)
