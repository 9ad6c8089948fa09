"""Dedup (alerts.dedup): the alert key is story × receiver × status; replays and re-alerts."""

from __future__ import annotations

from alerts.dispatch import Dispatcher
from tests.unit.alerts.helpers import T0, Runner, config, detection


def test_a_status_change_is_a_new_alert() -> None:
    r = Runner(Dispatcher(config(), stories={}, log={}))
    first = r.process(detection("a1"), T0)
    second = r.process(detection("a2", status="violated"), T0 + 60)
    assert len(first) == 1 and len(second) == 1
    assert first[0].story_id == second[0].story_id
    assert second[0].status == "violated"


def test_one_article_reporting_two_statuses_of_a_story_is_one_alert() -> None:
    r = Runner(Dispatcher(config(), stories={}, log={}))
    call = r.process(detection("a1", status="called_for"), T0)
    same_article = r.d.process(detection("a1", status="announced"), T0 + 1)
    assert len(call) == 1 and same_article.notifications == []
    assert same_article.outcomes == [("ops", "grouped")]
    assert "same article" in same_article.reasons[0][1]
    # a later article reporting the announcement is the status change: it alerts
    later = r.process(detection("a2", status="announced"), T0 + 60)
    assert len(later) == 1 and later[0].status == "announced" and later[0].story_id == call[0].story_id


def test_a_replay_sends_nothing_twice() -> None:
    stories: dict = {}
    log: dict = {}
    d = Dispatcher(config(group_interval=0.0), stories=stories, log=log)
    assert len(Runner(d).process(detection("a1"), T0)) == 1
    # a new dispatcher over the same state: what a restarted worker recovers from its changelogs
    again = Dispatcher(config(group_interval=0.0), stories=stories, log=log)
    assert again.process(detection("a1"), T0 + 3600).outcomes == [("ops", "replay")]


def test_repeat_interval_bounds_realerts() -> None:
    r = Runner(Dispatcher(config(group_interval=60.0, repeat_interval=3600.0), stories={}, log={}))
    notes = []
    for i, t in enumerate([0, 100, 200, 3700]):
        notes += r.process(detection(f"a{i}"), T0 + t)
    assert [n.kind for n in notes] == ["new", "followup", "new"]
    assert len({n.key for n in notes}) == 3  # a re-alert is a new alert, not a resend of the first
