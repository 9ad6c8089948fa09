"""Digest (alerts.digest): one digest per period holding every story."""

from __future__ import annotations

from alerts.dispatch import Dispatcher, Notification
from tests.unit.alerts.helpers import HOUR, T0, Runner, detection, digest_config


def test_a_digest_receiver_gets_one_digest_holding_every_story() -> None:
    d = Dispatcher(digest_config(digest=HOUR), stories={}, log={})
    r = Runner(d)
    start = 1_700_002_800.0  # 10:00 → the digest is due at 11:00
    assert d.process(detection("a1"), start + 60).outcomes == [("desk", "digest")]
    assert r.process(detection("a2"), start + 120) == []   # same story: grouped
    r.process(detection("b1", actors=("Selenskyj",), countries=("UA",)), start + 180)
    r.process(detection("c1", status="violated"), start + 240)
    r.process(detection("m1", type_="meeting", status="held", actors=("Putin",), countries=("RU",)), start + 300)
    assert r.due(start + 1800) == []
    notes = r.due(start + HOUR)
    assert len(notes) == 1 and notes[0].kind == "digest"
    items = notes[0].stories
    assert len(items) == 4 and len({(i.story_id, i.status) for i in items}) == 4
    assert items[0].outlets == 3  # a1, a2 and the violated report c1 of the same story
    assert r.due(start + 2 * HOUR) == []                    # nothing new: no empty digest
    r.process(detection("a3"), start + HOUR + 10)           # a known story: not again
    r.process(detection("z1", actors=("Xi",), countries=("CN",)), start + HOUR + 20)
    later = r.due(start + 2 * HOUR)
    assert [len(n.stories) for n in later] == [1]


def test_notifications_round_trip_through_json() -> None:
    d = Dispatcher(digest_config(digest=HOUR), stories={}, log={})
    d.process(detection("a1"), T0)
    note = d.due(T0 + 2 * HOUR)[0]
    assert Notification.from_dict(note.to_dict()) == note
