"""The bench's alert sink: the tests' HTTP endpoint, timing every alert and matching it to its article."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

import orjson

from tests.sinks import HttpEndpoint

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


class AlertSink:
    """A real HTTP server on 127.0.0.1 (apprise json:// posts here) that timestamps every alert on arrival and
    matches it to a published article by the planted actor's surname."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.expected: dict[str, float] = {}  # surname -> publish time (perf_counter)
        self.latency: dict[str, float] = {}  # surname -> seconds
        self.other = 0
        self.endpoint = HttpEndpoint(on_request=self._record, keep=False)  # answers 200, keeps no request
        self.port = self.endpoint.port

    def _record(self, body: bytes, now: float) -> None:
        try:
            obj = orjson.loads(body)
        except orjson.JSONDecodeError:
            obj = {}
        text = f"{obj.get('title', '')}\n{obj.get('message', '')}"
        with self.cond:
            for word in _WORD.findall(text):
                sent = self.expected.get(word)
                if sent is not None and word not in self.latency:
                    self.latency[word] = now - sent
                    break
            else:
                self.other += 1
            self.cond.notify_all()

    def expect(self, surname: str, sent_at: float) -> None:
        with self.lock:
            self.expected[surname] = sent_at

    def wait_all(self, surnames: Sequence[str], timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: all(s in self.latency for s in surnames), timeout=timeout)

    def latencies(self, surnames: Sequence[str]) -> list[float | None]:
        with self.lock:
            return [self.latency.get(s) for s in surnames]

    def close(self) -> None:
        self.endpoint.close()
