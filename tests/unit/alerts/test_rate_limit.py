"""Rate limit (alerts.rate_limit): alerts over the cap are held for a catch-up, never dropped."""

from __future__ import annotations

from alerts.config import RateLimit
from alerts.dispatch import Dispatcher
from tests.unit.alerts.helpers import HOUR, T0, Runner, detection, digest_config


def test_a_rate_cap_holds_alerts_back_for_a_catch_up_never_drops_them() -> None:
    d = Dispatcher(digest_config(rate_limit=RateLimit(2, HOUR)), stories={}, log={})
    r = Runner(d)
    countries = ["AA", "BB", "CC", "DD", "EE"]
    sent = []
    for i, c in enumerate(countries):
        decision = d.process(detection(f"x{i}", actors=(f"Person{c}",), countries=(c,)), T0 + i)
        sent += decision.notifications
        for note in decision.notifications:
            d.delivered(note)
    assert len(sent) == 2
    assert d.process(detection("x9", actors=("PersonEE",), countries=("EE",)), T0 + 10).outcomes == \
        [("desk", "grouped")]
    assert r.due(T0 + 100) == []                            # still capped
    catch_up = r.due(T0 + HOUR + 1)
    assert len(catch_up) == 1 and catch_up[0].kind == "digest"
    assert len(catch_up[0].stories) == 3 and all(i.held for i in catch_up[0].stories)
    assert "rate limit" in catch_up[0].reason
    assert r.due(T0 + 3 * HOUR) == []
