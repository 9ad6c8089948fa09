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
