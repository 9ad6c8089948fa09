"""Shared fixtures: the real local Kafka broker (once per session), a real HTTP sink, paths to shared data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.broker import KAFKA_SH, Broker, BrokerError
from tests.shared_data import SHARED, require_shared
from tests.sinks import HttpEndpoint

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "libya-haftar-rome-ceasefire.de.txt"
__all__ = ["KAFKA_SH", "REPO", "SEED", "SHARED"]  # tests import them from tests.broker/workers/shared_data


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared(SHARED, "the shared data directory (eval/dev.jsonl, data/news-de-10kgnad.jsonl)")


@pytest.fixture(scope="session")
def news_articles(shared_dir: Path) -> list[dict]:
    """Real German news (10kGNAD; CC BY-NC-SA — read from shared/, never copied into the repo)."""
    path = require_shared(shared_dir / "data" / "news-de-10kgnad.jsonl",
                          "867 German news articles from 10kGNAD (CC BY-NC-SA)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A single-node KRaft broker on 127.0.0.1, started once for the test session."""
    try:
        broker = Broker(tmp_path_factory.mktemp("kafka"))
    except BrokerError as exc:
        pytest.fail(f"local Kafka did not start: {exc}")
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@pytest.fixture
def http_sink() -> Iterator[HttpEndpoint]:
    sink = HttpEndpoint()
    try:
        yield sink
    finally:
        sink.close()
