"""Group (alerts.group): a first report waits group_wait."""

from __future__ import annotations

from alerts.dispatch import Dispatcher
from tests.unit.alerts.helpers import T0, Runner, config, detection


def test_group_wait_holds_the_first_alert_until_due() -> None:
    d = Dispatcher(config(group_wait=30.0), stories={}, log={})
    r = Runner(d)
    assert d.process(detection("a1"), T0).outcomes == [("ops", "pending")]
    assert d.process(detection("a2"), T0 + 5).outcomes == [("ops", "grouped")]
    assert r.due(T0 + 10) == []
    notes = r.due(T0 + 31)
    assert len(notes) == 1 and notes[0].outlets == 2
    assert r.due(T0 + 60) == []
