"""The publisher API for scrapers (kafka-python): validate, key by article id, send, flush.

    from streams.publisher import Publisher
    with Publisher("localhost:9092") as pub:
        pub.publish({"url": "https://…", "title": "…", "text": "…"})
"""

from __future__ import annotations

from typing import Any

from kafka import KafkaProducer
from kafka.producer.future import FutureRecordMetadata

from detectors.contracts import Article, article_from_dict
from streams.kafka_clients import Bootstrap, kafka_python


class Publisher:
    def __init__(self, bootstrap: Bootstrap, topic: str = "articles", **producer_options: Any) -> None:
        """``bootstrap``: ``"host:port"`` (PLAINTEXT) or a ``Cluster`` with TLS/SASL (``streams.settings.cluster``)."""
        self.topic = topic
        options = {"acks": "all", "linger_ms": 5, "retries": 5, "max_request_size": 2_000_000}
        options.update(producer_options)
        self._producer = KafkaProducer(**{**kafka_python(bootstrap), **options})

    def publish(self, article: dict[str, Any] | Article) -> Article:
        """Validate (raises InvalidArticle) and send one article; returns it with its id filled in."""
        if not isinstance(article, Article):
            article = article_from_dict(article)
        self.send(article)
        return article

    def send(self, article: Article) -> FutureRecordMetadata:
        """Send one article; the future tells whether the broker took it (``flush()`` does not raise for a
        record the broker refused: check ``future.failed()`` / ``future.exception`` after it, or ``.get()``)."""
        return self._producer.send(self.topic, key=article.id.encode(), value=article.to_json())

    def send_raw(self, key: bytes | None, value: bytes) -> FutureRecordMetadata:
        """Send bytes as they are (tests and replays of dead letters)."""
        return self._producer.send(self.topic, key=key, value=value)

    def flush(self, timeout: float | None = 30.0) -> None:
        self._producer.flush(timeout)

    def close(self) -> None:
        self._producer.flush(30.0)
        self._producer.close(10.0)

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
