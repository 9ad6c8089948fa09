"""The detect agent's batch: valid articles → detections keyed by story, invalid ones → dead letters."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from detectors.contracts import InvalidArticle
from streams.agents.detect import DetectAgent, dead_letter
from streams.detect_pool import Detectors
from streams.dlq_limit import DlqLimit
from streams.metrics import Metrics
from tests.workers import SEED


def test_a_dead_letter_keeps_the_original_bytes_and_says_why_and_where_from() -> None:
    exc = InvalidArticle("missing_text", "no 'text' field")
    value, headers = dead_letter(b'{"id": 1}', exc, "articles", 2, 41)
    assert value == b'{"id": 1}'
    assert headers == {"wirewatch-error-code": b"missing_text", "wirewatch-error-reason": b"no 'text' field",
                       "wirewatch-source": b"articles/2/41"}


def test_an_oversized_dead_letter_is_cut_and_says_how_long_it_was() -> None:
    value, headers = dead_letter(b"x" * 50, InvalidArticle("too_large", "r" * 5000), "articles", 0, 0,
                                 max_bytes=10)
    assert value == b"x" * 10 and headers["wirewatch-truncated"] == b"50"
    assert len(headers["wirewatch-error-reason"]) == 1000


class _Message:
    def __init__(self, offset: int) -> None:
        self.topic, self.partition, self.offset, self.acked = "articles", 0, offset, False


class _Event:
    def __init__(self, offset: int, value: bytes) -> None:
        self.message, self.value, self.key, self.acks = _Message(offset), value, None, 0

    def ack(self) -> None:
        self.acks += 1


class _Topic:
    """Records what is produced (the worker's topics need a broker: tests/integration cover them)."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def send(self, **kwargs: Any) -> Any:
        self.sent.append(kwargs)
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


class _AdmitAll:
    async def admit(self, event: Any) -> bool:
        return True


def test_a_batch_produces_the_detections_of_valid_articles_and_dead_letters_the_rest() -> None:
    detections, dlq = _Topic(), _Topic()
    agent = DetectAgent(app=None, articles_topic="articles", max_message_bytes=1_000_000,
                        detectors=Detectors(0), detections=detections, dlq=dlq, dlq_topic="articles.dlq",
                        dlq_limit=DlqLimit(), offset_guard=_AdmitAll(), metrics=Metrics(), on_halt=None)
    seed = json.dumps({"id": "seed", "text": Path(SEED).read_text("utf-8")}).encode()
    events = [_Event(0, seed), _Event(1, b"not json"), _Event(2, json.dumps({"id": "x"}).encode())]
    asyncio.run(agent.batch(events))
    assert detections.sent, "the seed article yields detections"
    for sent in detections.sent:
        found = json.loads(sent["value"])
        assert found["article_id"] == "seed" and sent["key"] == found["story_key"].encode()
    assert [d["headers"]["wirewatch-source"] for d in dlq.sent] == [b"articles/0/1", b"articles/0/2"]
    assert dlq.sent[0]["value"] == b"not json"


class _FailsOn(Detectors):
    """The real detectors, with a bug that raises on one article (what a regression in a detector looks like)."""

    def __init__(self, poison: str) -> None:
        super().__init__(0)
        self.poison = poison

    async def detect_many(self, articles):
        if any(a.id == self.poison for a in articles):
            raise IndexError("list index out of range")
        return await super().detect_many(articles)


def test_an_article_the_detectors_fail_on_is_dead_lettered_and_the_rest_of_its_batch_goes_on() -> None:
    detections, dlq = _Topic(), _Topic()
    metrics = Metrics()
    agent = DetectAgent(app=None, articles_topic="articles", max_message_bytes=1_000_000,
                        detectors=_FailsOn("poison"), detections=detections, dlq=dlq, dlq_topic="articles.dlq",
                        dlq_limit=DlqLimit(), offset_guard=_AdmitAll(), metrics=metrics, on_halt=None)
    seed = json.dumps({"id": "seed", "text": Path(SEED).read_text("utf-8")}).encode()
    poison = json.dumps({"id": "poison", "text": "Haftar kündigte eine Waffenruhe an."}).encode()
    asyncio.run(agent.batch([_Event(0, poison), _Event(1, seed)]))
    assert detections.sent and {json.loads(d["value"])["article_id"] for d in detections.sent} == {"seed"}
    assert [d["value"] for d in dlq.sent] == [poison]  # the original bytes, for a replay once fixed
    assert dlq.sent[0]["headers"]["wirewatch-error-code"] == b"detector_error"
    assert dlq.sent[0]["headers"]["wirewatch-error-reason"] == b"IndexError: list index out of range"
    assert metrics.registry.get_sample_value("wirewatch_articles_invalid_total", {"reason": "detector_error"}) == 1
