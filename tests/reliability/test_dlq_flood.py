"""A broken scraper floods the topic with garbage: the worker halts loudly instead of dead-lettering it all,
and loses nothing (the messages behind the halt stay unconsumed for after the fix)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

from streams.publisher import Publisher
from tests.sinks import HttpEndpoint
from tests.workers import Worker, consume, detections_of, seed_article

pytestmark = pytest.mark.kafka


def halt_offset(log: str) -> int:
    """The offset of the message that tripped the limit, from the last HALTED line."""
    return int(re.findall(r"HALTED: .*?@(\d+)\.", log)[-1])


@pytest.fixture
def sink() -> Iterator[HttpEndpoint]:
    s = HttpEndpoint()
    yield s
    s.close()


def test_a_flood_of_invalid_articles_halts_the_worker(tmp_path, kafka: str, sink: HttpEndpoint) -> None:
    worker = Worker(tmp_path, kafka, sink.port,
                    extra_worker="dlq_max_invalid_ratio: 0.5, dlq_window: 40, dlq_max_consecutive: 30")
    try:
        first = f"ok-{uuid.uuid4().hex[:6]}"
        with Publisher(kafka, topic=worker.articles) as pub:
            article = seed_article(first)  # one key for all: one partition, in order (seed at offset 0)
            pub.send_raw(b"one-partition", article.to_json())
            pub.flush()
            for i in range(200):
                pub.send_raw(b"one-partition", b"<html>scraper error %d</html>" % i)
        assert worker.wait_log("HALTED", timeout=90), worker.tail()
        assert "invalid messages in a row" in worker.tail()
        halted_at = halt_offset(worker.tail())
        assert halted_at == 30  # the 30th invalid message in a row
        dlq = consume(kafka, f"{worker.articles}.dlq", lambda r: len(r) >= 29, timeout=20)
        assert len(dlq) == 29  # the one that tripped the limit: not dead-lettered, not committed
        records = consume(kafka, worker.detections, lambda rs: bool(detections_of(rs, first)), timeout=30)
        assert detections_of(records, first)
        assert worker.proc.poll() is None, "a halted worker stays up (and says so) for a person to look"
        with pytest.raises(urllib.error.HTTPError) as ready:
            urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/readyz", timeout=10)
        assert ready.value.code == 503
        assert "halted: 30 invalid messages in a row" in json.loads(ready.value.read())["problems"][-1]

        # SIGTERM while halted: a clean exit, and the message that tripped the limit is not lost —
        # the restarted worker reads on from it (it is the first of 30 in a row again) and trips 29 later.
        assert worker.stop(timeout=45) == 0, worker.tail()
        before = len(worker.log_path.read_text(errors="replace"))
        worker.start()
        assert worker.wait_log("HALTED", timeout=90, occurrence=2), worker.tail()
        again = halt_offset(worker.tail())
        assert again == halted_at + 29
        # every offset seen once, in order, by the restarted worker (faust's recovery race skipped 40..134 here
        # before streams/offset_guard.py)
        seen = [int(n) for n in re.findall(r"invalid article at \S+\[0\]@(\d+)",
                                            worker.log_path.read_text(errors="replace")[before:])]
        assert seen == list(range(halted_at, again)), seen
        dlq = consume(kafka, f"{worker.articles}.dlq", lambda r: len(r) >= again - 1, timeout=90)
        sources = sorted(int(dict(r.headers)["wirewatch-source"].decode().rsplit("/", 1)[1]) for r in dlq)
        assert sources == list(range(1, again)), "a gap or a double in the dead letters"
    finally:
        assert worker.stop() == 0, worker.tail()
