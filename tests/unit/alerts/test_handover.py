"""Hand-over (alerts.handover): one scope per receiver assembles its digest and counts its rate limit."""

from __future__ import annotations

from alerts.config import RateLimit
from alerts.dispatch import Dispatcher, Notification
from tests.unit.alerts.helpers import HOUR, T0, Runner, detection, digest_config


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
