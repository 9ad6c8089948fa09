"""Shared fixtures: the real local Kafka broker (once per session), a real HTTP sink, paths to shared data."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.broker import KAFKA_SH, Broker, BrokerError
from tests.sinks import HttpEndpoint

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))
SEED = REPO / "seeds" / "libya-haftar-rome-ceasefire.de.txt"
__all__ = ["KAFKA_SH", "REPO", "SEED", "SHARED"]  # test modules should import these from tests.broker/tests.workers


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set WIREWATCH_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def news_articles(shared_dir: Path) -> list[dict]:
    """Real German news (10kGNAD; CC BY-NC-SA — read from shared/, never copied into the repo)."""
    with (shared_dir / "data" / "news-de-10kgnad.jsonl").open(encoding="utf-8") as fh:
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
