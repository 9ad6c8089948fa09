"""The routing stages on a fake clock: silences, inhibition, digests, rate caps, at-least-once, explanations."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from alerts.config import Config, InhibitRule, Matcher, RateLimit, Receiver, Route
from alerts.dispatch import Dispatcher, Notification
from alerts.silences import SilenceError, SilenceFile, Silences, expired, new_silence, parse_matchers
from tests.unit.test_dispatch import T0, Runner, config, detection

HOUR = 3600.0


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


def test_the_silence_file_survives_a_restart(tmp_path: Path) -> None:
    store = SilenceFile(tmp_path / "state" / "silences.json")
    record = new_silence({"type": ["meeting"]}, now=T0, ends_at="2099-01-01T00:00:00Z", comment="c")
    store.put(record)
    store.put(expired(record, T0 + 5) | {"id": "other"})
    again = SilenceFile(tmp_path / "state" / "silences.json").load()
    assert set(again) == {record["id"], "other"}
    assert Silences(again.values())


@pytest.mark.parametrize(
    ("specs", "fragment"),
    [(["country=LY"], "unknown field 'country'"), (["countries=Libya"], "ISO 3166"), (["type"], "FIELD=VALUE"),
     (["min_confidence=2"], "between 0 and 1"), ([], "at least one matcher"), (["level=top"], "high or other")],
)
def test_bad_silence_matchers_are_precise_errors(specs: list[str], fragment: str) -> None:
    with pytest.raises(SilenceError, match=fragment):
        parse_matchers(specs)


def test_a_silence_needs_a_valid_end() -> None:
    with pytest.raises(SilenceError, match="not a duration"):
        new_silence({"type": ["x"]}, now=T0, duration="soon")
    with pytest.raises(SilenceError, match="RFC 3339"):
        new_silence({"type": ["x"]}, now=T0, ends_at="tomorrow")


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


def digest_config(**receiver: object) -> Config:
    return Config(receivers=(Receiver("desk", console=True, **receiver),), routes=(Route("desk"),))


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


def test_an_unconfirmed_alert_is_delivered_again_and_a_confirmed_one_never() -> None:
    stories: dict = {}
    log: dict = {}
    d = Dispatcher(config(), stories=stories, log=log)
    note = d.process(detection("a1"), T0).notifications[0]
    # crash before delivered(): a new dispatcher on the recovered state, the detection is replayed
    again = Dispatcher(config(), stories=stories, log=log)
    replay = again.process(detection("a1"), T0 + 5)
    # the same alert (its key), marked as a possible repeat: it was handed out for sending before the crash
    assert replay.outcomes == [("ops", "resend")] and [n.key for n in replay.notifications] == [note.key]
    assert [n.key for n in again.undelivered()] == [note.key]
    again.delivered(note)
    assert again.undelivered() == []
    assert again.process(detection("a1"), T0 + 6).outcomes == [("ops", "replay")]


def test_an_alert_in_flight_is_neither_resent_nor_timed_until_it_is_settled() -> None:
    d = Dispatcher(config(group_interval=300.0), stories={}, log={})
    note = d.process(detection("a1"), T0).notifications[0]
    d.in_flight.add(note.key)  # the worker is delivering it concurrently
    more = d.process(detection("a2"), T0 + 1)  # same story, another outlet, while the first is in flight
    assert more.notifications == [] and more.outcomes == [("ops", "grouped")]
    assert d.undelivered() == [] and d.next_due(None) > T0 + 2
    d.in_flight.discard(note.key)  # the process died before settling it: it is owed again
    assert [n.key for n in d.undelivered()] == [note.key]
    d.delivered(note)
    assert d.undelivered() == []


def test_a_resend_after_a_crash_mid_sending_says_it_may_repeat_and_other_outbox_notes_do_not() -> None:
    from alerts.dispatch import REPEAT_REASON
    from alerts.render import REPEAT_MARK, render

    stories: dict = {}
    log: dict = {}
    d = Dispatcher(config(), stories=stories, log=log)
    sending = d.process(detection("a1"), T0).notifications[0]  # returned to be sent at once: an attempt
    handed = d.process(detection("b1", actors=("Aguila Saleh",), countries=("EG",)), T0).notifications[0]
    d.delivered(handed)
    d.accept_forward({"kind": "alert", "key": "k", "receiver": "ops", "note": handed.to_dict()}, T0, None)
    again = Dispatcher(config(), stories=stories, log=log)  # the process died while sending ``sending``
    notes = {n.key: n for n in again.undelivered()}
    assert notes[sending.key].reason.startswith(REPEAT_REASON) and notes[sending.key].key == sending.key
    assert REPEAT_REASON not in notes[handed.key].reason  # accepted from another scope, never tried yet
    for url in ("slack://T0/B0/X/#c", "json://127.0.0.1:1/x", "mailto://u:p@example.org", "tgram://1:a/2"):
        marked, plain = render(notes[sending.key], url), render(notes[handed.key], url)
        assert REPEAT_MARK.split(" (")[0] in marked.title + marked.body
        assert "Possible repeat" not in plain.title + plain.body
    replay = again.process(detection("a1"), T0 + 5)  # the detection replayed: the same marked re-send
    assert replay.outcomes == [("ops", "resend")] and replay.notifications[0].reason.startswith(REPEAT_REASON)
    # a failed try is retried later without the mark (the failed target never had it) until tried again
    assert again.retry_later(notes[sending.key], {"console"}, T0 + 6)
    [retried] = [n for n in again.undelivered(now=T0 + 60) if n.key == sending.key]
    assert REPEAT_REASON not in retried.reason
    again.attempting(retried)
    [crashed] = [n for n in Dispatcher(config(), stories=stories, log=log).undelivered(now=T0 + 60)
                 if n.key == sending.key]
    assert crashed.reason.startswith(REPEAT_REASON)


def test_hand_overs_come_from_an_index_that_survives_a_reindex() -> None:
    def scope_of(receiver: str) -> int:
        return 1
    cfg = digest_config(digest=HOUR)
    log: dict = {}
    d = Dispatcher(cfg, stories={}, log=log, digest_scope=scope_of)
    d.process(detection("a1"), T0, scope=0)
    pending = d.forwards(0)
    assert [target for _, target, _ in pending] == [1] and d.forwards(1) == []
    d.reindex()  # e.g. a rebalance restored entries: the index is rebuilt from the log
    assert d.forwards(0) == pending
    d.forwarded(pending[0][0])
    assert d.forwards(0) == [] and d.forwards() == []


def test_notifications_round_trip_through_json() -> None:
    d = Dispatcher(digest_config(digest=HOUR), stories={}, log={})
    d.process(detection("a1"), T0)
    note = d.due(T0 + 2 * HOUR)[0]
    assert Notification.from_dict(note.to_dict()) == note


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


def test_reports_in_several_languages_merge_into_one_story_and_the_followup_counts_them() -> None:
    r = Runner(Dispatcher(config(group_interval=60.0), stories={}, log={}))
    first = r.process(detection("de1", actors=("Recep Tayyip Erdoğan",), countries=("TR",)), T0)
    more = []
    for i, (lang, name) in enumerate([("en", "Erdogan"), ("it", "Recep Erdogan"), ("fr", "ERDOĞAN")]):
        d = detection(f"{lang}1", actors=(name,), countries=("TR",))
        d = dataclasses.replace(d, language=lang)
        more += r.process(d, T0 + 10 + i)
    assert [n.kind for n in first] == ["new"] and more == []
    follow = r.due(T0 + 60)
    assert [n.kind for n in follow] == ["followup"]
    assert follow[0].outlets == 4 and set(follow[0].languages) == {"de", "en", "it", "fr"}
    assert "3 more outlets reported it (4 languages)" in follow[0].reason


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


def test_in_the_worker_one_scope_assembles_a_receivers_digest_from_every_partition() -> None:
    state: dict[int, tuple[dict, dict]] = {0: ({}, {}), 1: ({}, {})}  # per partition: what its worker holds
    cfg = digest_config(digest=HOUR)

    def dispatcher(scope: int) -> Dispatcher:
        return Dispatcher(cfg, stories=state[scope][0], log=state[scope][1], digest_scope=lambda receiver: 0)

    start = 1_700_002_800.0
    ly = dispatcher(0).process(detection("a1"), start + 1, scope=0)
    assert ly.outcomes == [("desk", "digest")]
    ua_part = dispatcher(1)
    ua = ua_part.process(detection("u1", actors=("Selenskyj",), countries=("UA",)), start + 2, scope=1)
    assert ua.outcomes == [("desk", "digest")] and "assembled in scope 0" in ua.reasons[0][1]
    (key, target, payload), = ua_part.forwards(1)
    assert target == 0 and ua_part.next_due(1) == 0.0
    # the runner sends the payload to partition 0 (at least once: here twice) and confirms
    d0 = dispatcher(0)
    d0.accept_forward(payload, start + 3, scope=0)
    d0.accept_forward(payload, start + 4, scope=0)
    ua_part.forwarded(key)
    assert ua_part.forwards(1) == [] and ua_part.process(detection("u2", actors=("Selenskyj",), countries=(
        "UA",)), start + 5, scope=1).outcomes == [("desk", "grouped")]
    r0 = Runner(d0)
    notes = r0.due(start + HOUR)
    assert len(notes) == 1 and {i.detection.countries[0] for i in notes[0].stories} == {"LY", "UA"}
    assert d0.accept_forward(payload, start + HOUR + 1, scope=0) == "already in a digest"
    assert r0.due(start + 3 * HOUR) == [] and Runner(ua_part).due(start + 3 * HOUR) == []


def test_in_the_worker_one_scope_counts_a_receivers_rate_limit_across_partitions() -> None:
    state: dict[int, tuple[dict, dict]] = {0: ({}, {}), 1: ({}, {})}
    cfg = digest_config(rate_limit=RateLimit(2, HOUR))

    def part(scope: int) -> Dispatcher:
        return Dispatcher(cfg, stories=state[scope][0], log=state[scope][1], digest_scope=lambda receiver: 0)

    home = Runner(part(0))
    delivered: list[Notification] = []
    for i, c in enumerate(["AA", "BB", "CC"]):  # three stories reported in partition 1
        p1 = part(1)
        decision = p1.process(detection(f"x{i}", actors=(f"Person{c}",), countries=(c,)), T0 + i, scope=1)
        assert decision.notifications == [] and "rate limit" in decision.reasons[0][1]
        for key, target, payload in p1.forwards(1):   # the runner: send to partition 0, then confirm
            home.d.accept_forward(payload, T0 + i, scope=target)
            home.d.accept_forward(payload, T0 + i, scope=target)  # at least once: a duplicate is ignored
            p1.forwarded(key)
        notes = home.d.undelivered(0)
        for note in notes:
            home.d.delivered(note)
        delivered += notes
    local = home.d.process(detection("y0", actors=("PersonDD",), countries=("DD",)), T0 + 5, scope=0).notifications
    assert len(delivered) == 2 and local == []           # 2 per hour over both partitions, not 2 per partition
    catch_up = home.d.due(T0 + HOUR + 1, scope=0)
    assert len(catch_up) == 1 and len(catch_up[0].stories) == 2 and all(i.held for i in catch_up[0].stories)
    assert part(1).due(T0 + HOUR + 1, scope=1) == []


def test_a_failed_alert_is_tried_again_with_backoff_then_given_up() -> None:
    d = Dispatcher(dataclasses.replace(config(), worker=dataclasses.replace(config().worker,
                                                                            delivery_retry_window=600.0)),
                   stories={}, log={})
    note = d.process(detection("a1"), T0).notifications[0]
    assert d.retry_targets(note) is None                    # first try: every target
    assert d.retry_later(note, {"json://…#aaaa"}, T0)        # the endpoint is down
    assert d.undelivered(now=T0 + 1) == []                  # not before the backoff
    assert d.next_due() == T0 + 5
    assert d.undelivered(now=T0 + 5) == [note]
    assert d.retry_targets(note) == {"json://…#aaaa"}        # only the target that failed
    assert d.retry_later(note, {"json://…#aaaa"}, T0 + 5)
    assert d.next_due() == T0 + 15                          # 5 s, then 10 s, 20 s … 300 s
    assert not d.retry_later(note, {"json://…#aaaa"}, T0 + 600)  # the window is over: the runner dead-letters
    d.delivered(note)
    assert d.undelivered() == [] and d.next_due() == float("inf")
    # the story goes on normally: a later report is its follow-up, not a second first alert
    assert d.process(detection("a2"), T0 + 700).outcomes == [("ops", "followup")]
