"""Background mentions (``recency: background``): never open a story, never alert as new; routes match recency."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.config import Config, ConfigError, Matcher, Receiver, Route, load_config
from alerts.dispatch import Dispatcher
from alerts.vocabulary import SUPPRESSED_REASONS, Outcome, SuppressedReason
from tests.unit.alerts.helpers import T0, Runner, config, detection


def test_a_background_mention_alone_opens_no_story_and_sends_nothing() -> None:
    d = Dispatcher(config(), stories={}, log={})
    decision = d.process(detection("b1", recency="background"), T0)
    assert decision.story_id is None and decision.outcomes == [("ops", Outcome.BACKGROUND)]
    assert "opens no story" in decision.reasons[0][1]
    assert decision.notifications == [] and d.due(float("inf")) == [] and d.stories == {}
    assert SUPPRESSED_REASONS[Outcome.BACKGROUND] == SuppressedReason.BACKGROUND


def test_a_background_mention_joins_an_open_story_as_one_more_source_without_an_alert() -> None:
    r = Runner(Dispatcher(config(group_wait=0.0), stories={}, log={}))
    assert len(r.process(detection("a1"), T0)) == 1
    decision = r.d.process(detection("b1", recency="background", status="violated"), T0 + 60)
    assert decision.outcomes == [("ops", Outcome.BACKGROUND)] and decision.notifications == []
    story = decision.story.story
    assert decision.story_id == story["id"] and len(story["sources"]) == 2
    assert r.d.due(float("inf")) == []  # and no 'violated' alert later either


def test_routes_match_on_recency() -> None:
    cfg = Config(receivers=(Receiver("a", console=True), Receiver("b", console=True)),
                 routes=(Route("a", match=Matcher(recency=frozenset({"new"}))),
                         Route("b", match=Matcher(recency=frozenset({"background"})))))
    d = Dispatcher(cfg, stories={}, log={})
    assert d.process(detection("a1"), T0).routes == ["a"]
    decision = d.process(detection("b1", recency="background"), T0)
    assert decision.routes == ["b"] and "recency 'background' not in ['new']" in decision.checks[0]
    assert decision.outcomes == [("b", Outcome.BACKGROUND)]  # matched, and still never alerted as new


def test_the_config_accepts_recency_and_names_a_wrong_value(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("receivers:\n  - name: a\n    urls: ['json://127.0.0.1:9/x']\n"
                    "routes:\n  - receiver: a\n    match: {recency: [new]}\n")
    assert load_config(path, env={}).routes[0].match.recency == frozenset({"new"})
    path.write_text("receivers:\n  - name: a\n    urls: ['json://127.0.0.1:9/x']\n"
                    "routes:\n  - receiver: a\n    match: {recency: [old]}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    assert "recency" in str(info.value) and ":6" in str(info.value)
