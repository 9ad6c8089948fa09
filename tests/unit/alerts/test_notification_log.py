"""The typed notification log: records keep the keys the log always had, a route is referred to by name (so
reordering routes re-binds nothing), and records of the index format are still read."""

from __future__ import annotations

import logging

import pytest

from alerts.config import Config, Matcher, Receiver, Route
from alerts.dispatch import Dispatcher
from alerts.notification_log import AlertEntry, Backoff, NotificationLog, OutboxEntry, RateEntry
from alerts.vocabulary import EntryState
from tests.unit.alerts.helpers import T0, detection

FAST = Route("ops", Matcher(type=frozenset({"ceasefire"})), group_wait=30.0)
SLOW = Route("ops", Matcher(type=frozenset({"ceasefire"}), countries=frozenset({"LY"})), group_wait=600.0)


def two_routes(*routes: Route) -> Config:
    return Config(receivers=(Receiver("ops", console=True),), routes=routes)


def test_a_pending_alert_keeps_its_route_when_the_routes_are_reordered() -> None:
    stories: dict = {}
    log: dict = {}
    d = Dispatcher(two_routes(SLOW, FAST), stories, log)
    assert [o for _, o in d.process(detection("a1"), T0).outcomes] == ["pending"]
    (key,) = log
    assert log[key]["route"] == SLOW.name
    reordered = Dispatcher(two_routes(FAST, SLOW), stories, log)  # a restart with the routes swapped
    assert reordered.due(T0 + 60) == []  # the slow route's group_wait (10 min) still runs
    assert [n.kind for n in reordered.due(T0 + 601)] == ["new"]


def test_an_old_record_with_a_route_index_is_mapped_through_the_current_config() -> None:
    stories: dict = {}
    log: dict = {}
    d = Dispatcher(two_routes(FAST), stories, log)
    d.process(detection("a1"), T0)
    (key,) = log
    log[key] = {**log[key], "route": 0}  # as the index format wrote it
    assert [n.kind for n in Dispatcher(two_routes(FAST), stories, log).due(T0 + 31)] == ["new"]


def test_an_old_route_index_the_config_lacks_is_dropped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    stories: dict = {}
    log: dict = {}
    Dispatcher(two_routes(FAST), stories, log).process(detection("a1"), T0)
    (key,) = log
    log[key] = {**log[key], "route": 3}
    with caplog.at_level(logging.WARNING, logger="alerts.notification_log"):
        assert Dispatcher(two_routes(FAST), stories, log).due(T0 + 31) == []
    assert key not in log  # the pending group went with its route
    assert "route 3 (an index of the old format) is not in the current config (1 routes): dropped" in caplog.text


def test_a_sent_alert_of_a_dropped_route_warns_once_not_on_every_tick(caplog: pytest.LogCaptureFixture) -> None:
    stories: dict = {}
    log: dict = {}
    d = Dispatcher(two_routes(Route("ops")), stories, log)
    d.process(detection("b1"), T0)
    (key,) = log
    log[key] = {**log[key], "route": 7, "outbox": []}
    with caplog.at_level(logging.WARNING, logger="alerts.notification_log"):
        for tick in range(3):
            Dispatcher(two_routes(Route("ops")), stories, log).due(T0 + tick)
    assert caplog.text.count("route 7 (an index of the old format)") == 1 and key in log


def test_records_keep_the_logs_json_keys() -> None:
    note = {"key": "s|ops|announced|new", "kind": "new"}
    retried = OutboxEntry(note, attempted=False, backoff=Backoff(2, 10.0, 30.0, ("json://h/…",)))
    assert retried.to_dict() == {**note, "attempted": False, "failures": 2, "first_failed_at": 10.0,
                                 "retry_at": 30.0, "targets": ["json://h/…"]}
    assert OutboxEntry.from_dict(retried.to_dict()) == retried
    assert OutboxEntry(note, attempted=True).to_dict() == {**note, "attempted": True}
    entry = AlertEntry(1, "ceasefire|LY", "ops", {"id": "x"}, EntryState.SENT, outbox=(retried,))
    assert AlertEntry.from_dict("s|ops|announced", entry.to_dict(), ()) == entry
    rate = RateEntry(0, sent=(1.0,), held=("k",))
    assert rate.to_dict()["sent"] == [1.0] and RateEntry.from_dict(rate.to_dict()) == rate


def test_the_log_tells_entries_apart_by_key() -> None:
    raw = {"digest|ops|0": {"scope": 0, "items": ["k"], "due": 5.0, "outbox": []},
           "rate|ops|0": {"scope": 0, "sent": [1.0], "held": [], "outbox": []}}
    log = NotificationLog(raw, ())
    assert type(log.get("digest|ops|0")).__name__ == "DigestEntry"
    assert type(log.get("rate|ops|0")).__name__ == "RateEntry"
    assert list(log.keys(1)) == [] and sorted(log.keys(0)) == sorted(raw)
