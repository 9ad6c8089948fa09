"""Topic admin work (kafka-python): the topics exist with the partitions we asked for (names: streams/settings.py)."""

from __future__ import annotations

import contextlib
import logging

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from streams.kafka_clients import Bootstrap, as_cluster, kafka_python, topic_config

log = logging.getLogger(__name__)



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
            log.info("created topics %s with %d partitions (replication factor %d)", missing, partitions,
                     cluster.replication_factor)
    finally:
        admin.close()
