"""ensure_topics returns once the topics it created are in the broker's metadata, every partition led."""

from __future__ import annotations

import uuid

import pytest
from kafka.admin import KafkaAdminClient

from streams.topics import described, ensure_topics


def _topic(name: str, leaders: list[int], error_code: int = 0) -> dict:
    return {"name": name, "error_code": error_code,
            "partitions": [{"partition_index": i, "leader_id": leader, "error_code": 0}
                           for i, leader in enumerate(leaders)]}


def test_a_topic_is_described_only_with_all_its_partitions_each_with_a_leader() -> None:
    topics = [_topic("ready", [1, 1, 1, 1]), _topic("leaderless", [1, -1, 1, 1]), _topic("short", [1, 1]),
              _topic("unknown", [], error_code=3)]
    assert described(topics, 4) == {"ready"}
    assert described(topics, 2) == {"ready", "short"}


@pytest.mark.kafka
def test_created_topics_are_described_when_ensure_topics_returns(kafka: str) -> None:
    names = [f"ensure-{uuid.uuid4().hex[:8]}-{i}" for i in range(3)]
    ensure_topics(kafka, names, 4)
    admin = KafkaAdminClient(bootstrap_servers=kafka)
    try:
        assert described(admin.describe_topics(names), 4) == set(names)  # at once: no second look needed
    finally:
        admin.close()
    ensure_topics(kafka, names, 4)  # existing ones: left as they are
