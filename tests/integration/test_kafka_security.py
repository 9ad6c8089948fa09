"""A real broker with a SASL_SSL listener (certificates made by keytool here): clients authenticate over TLS."""

from __future__ import annotations

import secrets
import socket
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient
from kafka.errors import KafkaError

from tests.broker import KAFKA_SH
from tests.sinks import HttpEndpoint
from tests.tls import BrokerTls, make_broker_tls
from tests.workers import REPO, WORKER, Worker, seed_article

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


# --- the worker and the publisher on the SASL_SSL listener (kafka.security_protocol & co., streams/kafka_clients.py)


def _kafka_keys(k: SecureKafka, password: str, extra: str = "") -> str:
    """The security keys of a ``kafka:`` flow mapping (Worker's ``extra_kafka``)."""
    return (f"security_protocol: SASL_SSL, sasl_mechanism: SCRAM-SHA-512, sasl_username: {k.user}, "
            f"sasl_password: '{password}', ssl_cafile: '{k.tls.ca_pem}', replication_factor: 1{extra}")


def _publish(worker: Worker, article_id: str) -> subprocess.CompletedProcess:
    jsonl = worker.tmp / f"{article_id}.jsonl"
    jsonl.write_bytes(seed_article(article_id).to_json() + b"\n")
    return subprocess.run([*WORKER[:-1], "publish", "--config", str(worker.config), str(jsonl)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_a_worker_on_sasl_ssl_scram_consumes_detects_and_alerts(tmp_path: Path, secure_kafka: SecureKafka,
                                                                  http_sink: HttpEndpoint) -> None:
    run = uuid.uuid4().hex[:8]
    retention = "123456789"
    worker = Worker(tmp_path, secure_kafka.secure, http_sink.port, run=run, extra_kafka=_kafka_keys(
        secure_kafka, secure_kafka.password, f", topic_configs: {{articles-{run}: {{retention.ms: {retention}}}}}"))
    try:
        assert worker.wait_log("Worker ready", timeout=120), worker.tail()
        published = _publish(worker, f"sec-{run}")  # `wirewatch publish`: the kafka-python publisher, SASL_SSL
        assert published.returncode == 0, published.stderr
        assert "published 1 article(s)" in published.stderr
        assert http_sink.wait_delivered(1, timeout=90), f"no alert over SASL_SSL; worker log:\n{worker.tail()}"
        assert http_sink.wait_text("Haftar", timeout=60), http_sink.texts()  # 4 alerts; one (Conte, Macron) without
        # the topics were created through the secured admin client, with the configured topic configs
        admin = KafkaAdminClient(bootstrap_servers=secure_kafka.plaintext)
        try:
            described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, worker.articles)])
        finally:
            admin.close()
        entry = described["topic"][worker.articles]["retention.ms"]
        assert str(entry["value"] if isinstance(entry, dict) else entry) == retention
        metrics = urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/metrics", timeout=10).read().decode()
        assert "wirewatch" in metrics
        for where, text in (("worker log", worker.log()), ("/metrics", metrics), ("publish", published.stderr)):
            assert secure_kafka.password not in text, f"the SASL password is in the {where}"
    finally:
        assert worker.stop() == 0, worker.tail()


def test_wrong_credentials_stop_the_worker_and_publish_fast_with_one_clear_line(
        tmp_path: Path, secure_kafka: SecureKafka) -> None:
    wrong = f"wrong-{uuid.uuid4().hex[:10]}"
    worker = Worker(tmp_path, secure_kafka.secure, 9, extra_kafka=_kafka_keys(secure_kafka, wrong))
    started = time.monotonic()
    assert worker.proc is not None
    code = worker.proc.wait(timeout=60)
    worker_s = time.monotonic() - started
    t0 = time.monotonic()
    published = _publish(worker, "refused")
    publish_s = time.monotonic() - t0
    for name, rc, text, seconds in (("worker", code, worker.log(), worker_s),
                                    ("publish", published.returncode, published.stderr, publish_s)):
        assert rc != 0, f"{name} exited 0:\n{text}"
        lines = [line for line in text.splitlines() if "authentication failed" in line.lower()]
        assert len(lines) == 1, f"{name}: no single 'authentication failed' line:\n{text}"
        assert lines[0].startswith("wirewatch: Kafka authentication failed"), lines[0]
        assert "Traceback" not in text and "unable to bootstrap" not in text.lower(), text
        assert wrong not in text and secure_kafka.password not in text
        assert seconds < 20, f"{name} took {seconds:.1f} s to fail"  # Python start-up included; 30 s before
        print(f"{name}: refused credentials, exit {rc} after {seconds:.1f} s: {lines[0]}")


def test_a_broker_certificate_the_ca_file_does_not_vouch_for_is_one_clear_line(
        tmp_path: Path, secure_kafka: SecureKafka) -> None:
    other_ca = make_broker_tls(tmp_path / "other-tls").ca_pem  # a CA that did not sign the broker's certificate
    keys = _kafka_keys(secure_kafka, secure_kafka.password).replace(str(secure_kafka.tls.ca_pem), str(other_ca))
    worker = Worker(tmp_path, secure_kafka.secure, 9, extra_kafka=keys, start=False)
    published = _publish(worker, "untrusted")
    assert published.returncode != 0, published.stderr
    lines = [line for line in published.stderr.splitlines() if "failed" in line.lower()]
    assert lines == [f"wirewatch: Kafka TLS handshake failed at {secure_kafka.secure} (SASL_SSL SCRAM-SHA-512): "
                     "check the kafka section's credentials and certificates"], published.stderr
