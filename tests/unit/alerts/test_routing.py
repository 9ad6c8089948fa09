"""Routes: matching, continue, explanations, watchlists (alerts.routing, alerts.config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.config import Config, Matcher, Receiver, Route
from alerts.dispatch import Dispatcher
from tests.unit.alerts.helpers import T0, detection


def test_routes_match_and_continue() -> None:
    cfg = Config(
        receivers=(Receiver("a", console=True), Receiver("b", console=True), Receiver("c", console=True)),
        routes=(
            Route("a", match=Matcher(type=frozenset({"meeting"}))),
            Route("b", match=Matcher(countries=frozenset({"LY"})), continue_=True),
            Route("c", match=Matcher(min_confidence=0.5)),
        ),
    )
    decision = Dispatcher(cfg, stories={}, log={}).process(detection("a1"), T0)
    assert decision.routes == ["b", "c"]


def test_explanations_name_every_route() -> None:
    cfg = Config(
        receivers=(Receiver("a", console=True), Receiver("b", console=True)),
        routes=(Route("a", match=Matcher(type=frozenset({"meeting"}))), Route("b", match=Matcher(
            countries=frozenset({"LY"}), min_confidence=0.95))),
    )
    decision = Dispatcher(cfg, stories={}, log={}).process(detection("a1"), T0)
    assert decision.routes == []
    assert "type 'ceasefire' not in ['meeting']" in decision.checks[0]
    assert "confidence 0.90 < 0.95" in decision.checks[1]


def test_watchlists_extend_actor_matchers(tmp_path: Path) -> None:
    from alerts.config import ConfigError, load_config

    path = tmp_path / "w.yaml"
    path.write_text("watchlists:\n  libya: [Haftar, Sarraj]\nreceivers: [{name: a, console: true}]\n"
                    "routes:\n  - receiver: a\n    match: {watchlists: [libya]}\n")
    cfg = load_config(path, env={})
    d = Dispatcher(cfg, stories={}, log={})
    assert d.process(detection("a1", actors=("Fayez al-Sarraj",)), T0).routes == ["a"]
    assert d.process(detection("b1", actors=("Selenskyj",), countries=("UA",)), T0).routes == []
    path.write_text("receivers: [{name: a}]\nroutes:\n  - receiver: a\n    match: {watchlists: [syria]}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    p = info.value.problems[0]
    assert (p.line, p.key) == (4, "routes[0].match.watchlists[0]") and "unknown watchlist 'syria'" in p.message


def test_a_route_can_match_a_meeting_form() -> None:
    from alerts.routing import mismatch

    summit = detection("a1", type_="meeting", status="held", form="summit")
    assert mismatch(Matcher(form=frozenset({"summit", "visit"})), summit) is None
    assert mismatch(Matcher(form=frozenset({"phone"})), summit) == "form 'summit' not in ['phone']"
