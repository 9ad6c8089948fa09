"""A real broker with a SASL_SSL listener (certificates made by keytool here): clients authenticate over TLS."""

from __future__ import annotations

import secrets
import socket
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from tests.conftest import KAFKA_SH
from tests.tls import BrokerTls, make_broker_tls

pytestmark = pytest.mark.kafka


@dataclass(frozen=True)
class SecureKafka:
    plaintext: str   # the broker's own PLAINTEXT listener (admin, topic set-up)
    secure: str      # SASL_SSL listener
    tls: BrokerTls
    user: str
    password: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def secure_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureKafka]:
    root = tmp_path_factory.mktemp("kafka-sasl-ssl")
    tls = make_broker_tls(root / "tls")
    user, password = "wirewatch", secrets.token_urlsafe(16)
    props = root / "secure.properties"
    props.write_text(tls.server_properties({user: password}), "utf-8")
    port = _free_port()
    data = root / "broker"
    proc = subprocess.run(
        ["bash", str(KAFKA_SH), "start", "--dir", str(data), "--secure-listener", f"SASL_SSL://127.0.0.1:{port}",
         "--properties", str(props),
         "--scram", f"SCRAM-SHA-256=[name={user},password={password}]",
         "--scram", f"SCRAM-SHA-512=[name={user},password={password}]"],
        capture_output=True, text=True, timeout=240,
    )
    if proc.returncode != 0:
        pytest.fail(f"secured Kafka did not start:\n{proc.stderr[-4000:]}")
    try:
        yield SecureKafka(proc.stdout.strip().splitlines()[-1], f"127.0.0.1:{port}", tls, user, password)
    finally:
        subprocess.run(["bash", str(KAFKA_SH), "stop", "--dir", str(data)], capture_output=True, timeout=120)


def _client_settings(k: SecureKafka, mechanism: str, password: str | None = None) -> dict:
    return {
        "bootstrap_servers": k.secure, "security_protocol": "SASL_SSL", "sasl_mechanism": mechanism,
        "sasl_plain_username": k.user, "sasl_plain_password": password or k.password,
        "ssl_cafile": str(k.tls.ca_pem),
    }


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_a_client_authenticates_over_tls_and_round_trips(secure_kafka: SecureKafka, mechanism: str) -> None:
    topic = f"sec-{uuid.uuid4().hex[:8]}"
    settings = _client_settings(secure_kafka, mechanism)
    producer = KafkaProducer(**settings, request_timeout_ms=15_000, max_block_ms=20_000)
    try:
        sent = producer.send(topic, b"hello over SASL_SSL").get(timeout=30)
    finally:
        producer.close(timeout=10)
    consumer = KafkaConsumer(**settings, consumer_timeout_ms=10_000)
    try:
        part = TopicPartition(topic, sent.partition)
        consumer.assign([part])
        consumer.seek(part, sent.offset)
        assert next(iter(consumer)).value == b"hello over SASL_SSL"
    finally:
        consumer.close()


def test_wrong_password_is_refused(secure_kafka: SecureKafka) -> None:
    settings = _client_settings(secure_kafka, "SCRAM-SHA-512", password="not-the-password")
    with pytest.raises(KafkaError):
        producer = KafkaProducer(**settings, request_timeout_ms=5_000, max_block_ms=8_000, bootstrap_timeout_ms=6_000)
        try:
            producer.send("sec-refused", b"x").get(timeout=10)
        finally:
            producer.close(timeout=5)


def test_the_plaintext_listener_is_only_on_loopback(secure_kafka: SecureKafka) -> None:
    props = (Path(secure_kafka.tls.dir).parent / "broker" / "server.properties").read_text("utf-8")
    listeners = next(line for line in props.splitlines() if line.startswith("listeners="))
    assert all("127.0.0.1:" in part for part in listeners.split("=", 1)[1].split(","))
