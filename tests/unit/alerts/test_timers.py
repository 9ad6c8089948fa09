"""Timers (alerts.timers): follow-ups after group_interval, next_due."""

from __future__ import annotations

from alerts.dispatch import Dispatcher
from alerts.silences import Silences
from tests.unit.alerts.helpers import T0, Runner, config, detection


def test_timer_driven_followup_and_next_due() -> None:
    d = Dispatcher(config(group_interval=300.0), stories={}, log={}, silences=Silences())
    r = Runner(d)
    r.process(detection("a1"), T0)
    assert d.next_due() == float("inf")
    for i in range(2, 50):
        r.process(detection(f"a{i}"), T0 + i)
    assert d.next_due() == T0 + 300
    assert r.due(T0 + 299) == []
    follow = r.due(T0 + 300)
    assert [n.kind for n in follow] == ["followup"] and follow[0].outlets == 49
    assert "48 more outlets" in follow[0].reason
    assert r.due(T0 + 10_000) == [] and d.next_due() == float("inf")
