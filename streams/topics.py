"""Topic admin work (kafka-python): the topics exist with the partitions we asked for (names: streams/settings.py)."""

from __future__ import annotations

import contextlib
import logging
import time

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from streams.kafka_clients import Bootstrap, as_cluster, kafka_python, topic_config

log = logging.getLogger(__name__)

# A created topic is in the broker's metadata a moment after create_topics returns (longer on a loaded machine). A
# consumer that joins its group before that is assigned none of its partitions — a table's changelog missing from
# faust's assignment crashed the route agent with PartitionsMismatch ("… has 0 partitions") until the next metadata
# refresh, minutes later (seen on a first start at load 3-4) — so ensure_topics waits until they are described.
VISIBLE_WITHIN_S = 15.0
VISIBLE_POLL_S = 0.05


def described(topics: list[dict], partitions: int) -> set[str]:
    """The names among kafka-python ``describe_topics`` results that have ``partitions`` partitions, each led."""
    return {t["name"] for t in topics if not t.get("error_code") and len(t.get("partitions") or []) >= partitions
            and all(not p.get("error_code") and p.get("leader_id", -1) >= 0 for p in t["partitions"])}


def _wait_visible(admin: KafkaAdminClient, names: list[str], partitions: int) -> None:
    deadline = time.monotonic() + VISIBLE_WITHIN_S
    while (waiting := set(names) - described(admin.describe_topics(names), partitions)) \
            and time.monotonic() < deadline:
        time.sleep(VISIBLE_POLL_S)
    if waiting:
        log.warning("created topics %s not yet in the broker's metadata after %.0f s", sorted(waiting),
                    VISIBLE_WITHIN_S)


def ensure_topics(bootstrap: Bootstrap, names: list[str], partitions: int,
                  config: dict[str, str] | None = None) -> None:
    """Create the missing topics (the cluster's replication factor, ``kafka.topic_configs`` under ``config``);
    existing ones are left as they are."""
    cluster = as_cluster(bootstrap)
    admin = KafkaAdminClient(**kafka_python(cluster), client_id="wirewatch-admin")
    try:
        existing = set(admin.list_topics())
        missing = [n for n in names if n not in existing]
        if missing:
            new = [NewTopic(n, num_partitions=partitions, replication_factor=cluster.replication_factor,
                            topic_configs=topic_config(cluster, n, config)) for n in missing]
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker won the race
                admin.create_topics(new)
            _wait_visible(admin, missing, partitions)
            log.info("created topics %s with %d partitions (replication factor %d)", missing, partitions,
                     cluster.replication_factor)
    finally:
        admin.close()
