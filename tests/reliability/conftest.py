"""Reliability fixtures: a broker of this module's own (it gets restarted), a sink that can fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.broker import Broker, BrokerError


@pytest.fixture(scope="module")
def own_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """A broker for tests that restart it (the session ``kafka`` fixture stays undisturbed)."""
    try:
        broker = Broker(tmp_path_factory.mktemp("kafka-own"), attempts=2)
    except BrokerError as exc:
        pytest.fail(str(exc))
    try:
        yield broker
    finally:
        broker.stop()
