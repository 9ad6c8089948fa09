"""Topic admin work (kafka-python): the topics exist with the partitions we asked for (names: streams/settings.py)."""

from __future__ import annotations

import contextlib
import logging

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

log = logging.getLogger(__name__)



def ensure_topics(bootstrap: str, names: list[str], partitions: int, config: dict[str, str] | None = None) -> None:
    """Create the missing topics; existing ones are left as they are."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="wirewatch-admin")
    try:
        existing = set(admin.list_topics())
        missing = [n for n in names if n not in existing]
        if missing:
            new = [NewTopic(n, num_partitions=partitions, replication_factor=1, topic_configs=config or {})
                   for n in missing]
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker won the race
                admin.create_topics(new)
            log.info("created topics %s with %d partitions", missing, partitions)
    finally:
        admin.close()
