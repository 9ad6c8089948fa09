"""Mute (alerts.mute): silences and inhibit rules, on a fake clock."""

from __future__ import annotations

from alerts.config import Config, InhibitRule, Matcher, Receiver, Route
from alerts.dispatch import Dispatcher
from alerts.silences import Silences, expired, new_silence, parse_matchers
from tests.unit.alerts.helpers import HOUR, T0, Runner, config, detection


def silences(*records: dict) -> Silences:
    return Silences(records)


def test_a_silenced_story_sends_nothing_and_alerts_again_after_expiry() -> None:
    record = new_silence(parse_matchers(["countries=LY", "type=ceasefire"]), now=T0, duration="1h",
                         author="ana", comment="known")
    d = Dispatcher(config(), stories={}, log={}, silences=silences(record))
    r = Runner(d)
    decision = d.process(detection("a1"), T0 + 10)
    assert decision.outcomes == [("ops", "silenced")]
    assert "ana" in decision.reasons[0][1] and "known" in decision.reasons[0][1]
    assert r.process(detection("a2"), T0 + 1800) == []
    assert r.due(T0 + 1900) == []
    notes = r.process(detection("a3"), T0 + HOUR + 1)  # the silence has ended
    assert [n.kind for n in notes] == ["new"]
    assert notes[0].outlets == 3  # the story kept counting while silenced


def test_an_expired_silence_mutes_nothing_and_other_stories_are_not_muted() -> None:
    record = new_silence({"countries": ["LY"]}, now=T0, duration="1h")
    d = Dispatcher(config(), stories={}, log={}, silences=silences(expired(record, T0 + 60)))
    assert d.process(detection("a1"), T0 + 61).outcomes == [("ops", "sent")]
    d = Dispatcher(config(), stories={}, log={}, silences=silences(record))
    ua = d.process(detection("u1", actors=("Selenskyj",), countries=("UA",)), T0 + 1)
    assert ua.outcomes == [("ops", "sent")]


def test_a_silence_applies_to_a_waiting_group_when_it_fires() -> None:
    d = Dispatcher(config(group_wait=30.0), stories={}, log={},
                   silences=silences(new_silence({"countries": ["LY"]}, now=T0 + 10, duration="1h")))
    assert d.process(detection("a1"), T0).outcomes == [("ops", "pending")]
    assert Runner(d).due(T0 + 31) == []


def test_a_silence_by_story_id() -> None:
    d = Dispatcher(config(), stories={}, log={})
    story = d.process(detection("a1"), T0).story_id
    d.silences.put(new_silence({"story": [story]}, now=T0, duration="1h"))
    assert d.process(detection("a2", status="violated"), T0 + 1).outcomes == [("ops", "silenced")]


VIOLATED_MUTES_ANNOUNCED = InhibitRule(source=Matcher(status=frozenset({"violated"})),
                                       target=Matcher(status=frozenset({"announced"})), equal=("countries",))


def test_an_inhibited_followup_sends_nothing() -> None:
    cfg = Config(receivers=(Receiver("ops", console=True),),
                 routes=(Route("ops", group_interval=300.0),), inhibit_rules=(VIOLATED_MUTES_ANNOUNCED,))
    d = Dispatcher(cfg, stories={}, log={})
    r = Runner(d)
    first = r.process(detection("a1"), T0)
    r.process(detection("a2"), T0 + 10)                       # more outlets: a follow-up is due at T0+300
    violated = r.process(detection("v1", status="violated"), T0 + 20)
    assert [n.status for n in first + violated] == ["announced", "violated"]  # announced then violated: two
    assert r.due(T0 + 400) == []                              # the announced follow-up is inhibited
    decision = d.process(detection("a3"), T0 + 500)
    assert decision.outcomes == [("ops", "inhibited")]
    assert "violated" in decision.reasons[0][1] and "countries" in decision.reasons[0][1]


def test_inhibition_needs_the_equal_fields() -> None:
    cfg = Config(receivers=(Receiver("ops", console=True),), routes=(Route("ops", group_interval=0.0),),
                 inhibit_rules=(VIOLATED_MUTES_ANNOUNCED,))
    r = Runner(Dispatcher(cfg, stories={}, log={}))
    r.process(detection("a1"), T0)
    r.process(detection("v1", status="violated", actors=("Assad",), countries=("SY",)), T0 + 5)
    assert [n.kind for n in r.process(detection("a2"), T0 + 10)] == ["followup"]  # another conflict
