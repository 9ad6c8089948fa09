"""Outbox (alerts.outbox): at-least-once — recorded before delivery, re-sent after a crash and marked as a
possible repeat, retried with backoff."""

from __future__ import annotations

import dataclasses

from alerts.dispatch import Dispatcher
from tests.unit.alerts.helpers import T0, config, detection


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


def test_a_failed_alert_is_tried_again_with_backoff_then_given_up() -> None:
    d = Dispatcher(dataclasses.replace(config(), delivery_retry_window=600.0), stories={}, log={})
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
