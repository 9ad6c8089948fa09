"""The faust worker end to end on a real local broker: articles in, detections and DLQ out, an alert at a real
HTTP endpoint."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import pytest
from kafka.admin import KafkaAdminClient

from streams.publisher import Publisher
from tests.sinks import HttpEndpoint
from tests.workers import Worker, consume, detections_of, seed_article

pytestmark = pytest.mark.kafka


@pytest.fixture(scope="module")
def sink() -> Iterator[HttpEndpoint]:
    s = HttpEndpoint()
    yield s
    s.close()


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory, kafka: str, sink: HttpEndpoint) -> Iterator[Worker]:
    w = Worker(tmp_path_factory.mktemp("worker"), kafka, sink.port)
    yield w
    code = w.stop()
    assert code == 0, f"worker exited with {code} on SIGTERM:\n{w.tail()}"


def test_seed_and_fifty_articles_flow_to_detections_and_an_alert(
    worker: Worker, sink: HttpEndpoint, news_articles: list[dict]
) -> None:
    seed_id = f"seed-{uuid.uuid4().hex[:6]}"
    with Publisher(worker.bootstrap, topic=worker.articles) as pub:
        pub.send(seed_article(seed_id))
        for obj in news_articles[:50]:
            pub.publish(obj)

    def seed_done(records: list) -> bool:
        kinds = {(d["type"], d["status"]) for d in detections_of(records, seed_id)}
        return {("ceasefire", "announced"), ("meeting", "held")} <= kinds

    records = consume(worker.bootstrap, worker.detections, seed_done, timeout=120)
    assert seed_done(records), f"seed detections missing; worker log:\n{worker.tail()}"
    seed = detections_of(records, seed_id)
    ceasefire = next(d for d in seed if d["type"] == "ceasefire" and d["status"] == "announced")
    assert any("Haftar" in a["text"] for a in ceasefire["actors"])
    meetings = [d for d in seed if d["type"] == "meeting" and d["status"] == "held"]
    rome = [d for d in meetings if (d.get("location") or {}).get("text") == "Rom" and d.get("level") == "high"
            and all(any(n in a["text"] for a in d["actors"]) for n in ("Haftar", "Coates", "Norland"))]
    assert rome, f"no high-level meeting in Rome with Haftar, Coates and Norland: {meetings}"
    assert rome[0]["location"]["country"] == "IT"
    for d in seed:  # keyed by the coarse story partition key
        record = next(r for r in records if json.loads(r.value)["id"] == d["id"])
        assert record.key.decode() == d["story_key"]

    assert sink.wait_for(1, timeout=60), f"no alert reached the sink; worker log:\n{worker.tail()}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        bodies = [b for b in sink.json_bodies() if "Haftar" in b.get("message", "") + b.get("title", "")]
        if any("Ceasefire announced" in b.get("title", "") for b in bodies):
            break
        time.sleep(0.5)
    assert any("Ceasefire announced" in b.get("title", "") for b in bodies), sink.json_bodies()

    # every one of the 51 articles was consumed and its offset committed
    admin = KafkaAdminClient(bootstrap_servers=worker.bootstrap)
    deadline = time.monotonic() + 30
    committed = 0
    while time.monotonic() < deadline and committed < 51:
        offsets = admin.list_group_offsets(worker.group)[worker.group]
        committed = sum(o.offset for tp, o in offsets.items() if tp.topic == worker.articles and o.offset > 0)
        time.sleep(0.5)
    admin.close()
    assert committed == 51


MALFORMED: list[tuple[str, bytes]] = (
    [("not_json", b"this is not json %d" % i) for i in range(5)]
    + [("missing_text", json.dumps({"id": f"nt-{i}", "title": "no text"}).encode()) for i in range(5)]
    + [("too_large", json.dumps({"id": f"big-{i}", "text": "Waffenruhe " * 480_000}).encode()) for i in range(5)]
    + [("not_utf8", b'{"text": "Waffenruhe \xff\xfe in Libyen"}' + bytes([i])) for i in range(5)]
)


def test_malformed_messages_go_to_the_dlq_and_the_worker_keeps_going(worker: Worker) -> None:
    before, after = f"valid-before-{uuid.uuid4().hex[:6]}", f"valid-after-{uuid.uuid4().hex[:6]}"
    with Publisher(worker.bootstrap, topic=worker.articles, max_request_size=16 * 1024 * 1024) as pub:
        pub.send(seed_article(before))
        pub.flush()
        for _, raw in MALFORMED:
            pub.send_raw(None, raw)
        pub.flush()
        pub.send(seed_article(after))

    dlq = consume(worker.bootstrap, f"{worker.articles}.dlq", lambda r: len(r) >= 20, timeout=120)
    assert len(dlq) == 20, f"{len(dlq)} dead letters; worker log:\n{worker.tail()}"
    codes = sorted(dict(r.headers)["wirewatch-error-code"].decode() for r in dlq)
    assert codes == sorted(code for code, _ in MALFORMED)
    for r in dlq:
        headers = dict(r.headers)
        assert headers["wirewatch-error-reason"]
        assert r.value in {raw for _, raw in MALFORMED}  # the original bytes, untouched

    records = consume(worker.bootstrap, worker.detections,
                      lambda rs: detections_of(rs, after) and detections_of(rs, before), timeout=120)
    assert detections_of(records, before) and detections_of(records, after), worker.tail()
    assert worker.proc.poll() is None, "the worker died"
