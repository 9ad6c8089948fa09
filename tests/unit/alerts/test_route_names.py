"""Routes have stable names: given, or derived from receiver and match; duplicates and unknown event words are
config errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.config import ConfigError, Matcher, Route, load_config

CONFIG = """\
receivers:
  - name: ops
    console: true
routes:
{routes}
"""


def load(tmp_path: Path, routes: str):
    path = tmp_path / "wirewatch.yaml"
    path.write_text(CONFIG.format(routes=routes))
    return load_config(path, env={})


def test_a_derived_name_is_the_receiver_and_its_match_in_a_fixed_order() -> None:
    a = Route("ops", Matcher(countries=frozenset({"UA", "LY"}), type=frozenset({"ceasefire"}), min_confidence=0.8))
    assert a.name == "ops{type=ceasefire;countries=LY,UA;min_confidence=0.8}"
    assert Route("ops", Matcher(min_confidence=0.5)).name == "ops"  # the default is not part of the name
    assert Route("ops").name == "ops"
    assert Route("ops", name="night desk").name == "night desk"


def test_routes_default_to_calibrated_more_likely_than_not(tmp_path: Path) -> None:
    config = load(tmp_path, "  - receiver: ops\n  - receiver: ops\n    match: {min_confidence: 0}\n")
    assert [r.match.min_confidence for r in config.routes] == [0.5, 0.0]


def test_reordering_routes_keeps_every_name(tmp_path: Path) -> None:
    one = "  - receiver: ops\n    match: {type: [meeting]}\n"
    two = "  - receiver: ops\n    match: {type: [ceasefire]}\n    group_wait: 30s\n"
    first = [r.name for r in load(tmp_path, one + two).routes]
    second = [r.name for r in load(tmp_path, two + one).routes]
    assert first == ["ops{type=meeting}", "ops{type=ceasefire}"] and second == first[::-1]


def test_two_routes_with_one_name_are_rejected_with_their_line(tmp_path: Path) -> None:
    same = "  - receiver: ops\n    match: {type: [meeting]}\n"
    with pytest.raises(ConfigError) as err:
        load(tmp_path, same + same.replace("\n", "\n    group_wait: 1m\n", 1))
    assert "wirewatch.yaml:7: routes[1]: duplicate route name 'ops{type=meeting}'" in str(err.value)
    named = same + "  - name: meetings-slow\n    receiver: ops\n    match: {type: [meeting]}\n"
    assert [r.name for r in load(tmp_path, named).routes] == ["ops{type=meeting}", "meetings-slow"]


@pytest.mark.parametrize(("match", "word"), [("{type: [ceasfire]}", "'ceasfire'"),
                                             ("{status: [announcd]}", "'announcd'"),
                                             ("{level: [top]}", "'top'")])
def test_an_event_word_the_detectors_do_not_have_is_an_error(tmp_path: Path, match: str, word: str) -> None:
    with pytest.raises(ConfigError) as err:
        load(tmp_path, f"  - receiver: ops\n    match: {match}\n")
    assert word in str(err.value) and "routes[0].match" in str(err.value)
