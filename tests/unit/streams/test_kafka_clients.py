"""Every client gets the cluster's security settings, spelt as each client library spells them."""

from __future__ import annotations

import ssl

import faust
import pytest

from streams.kafka_clients import (
    Cluster,
    aiokafka,
    faust_credentials,
    kafka_python,
    secrets,
    ssl_context,
    topic_config,
)

SASL_SSL = Cluster("b1:9093,b2:9093", security_protocol="SASL_SSL", sasl_mechanism="SCRAM-SHA-512",
                   sasl_username="ww", sasl_password="s3cret-pass", ssl_cafile=None, replication_factor=3,
                   topic_configs={"articles": {"retention.ms": 604800000}})


def test_a_plain_string_is_a_plaintext_cluster() -> None:
    options = kafka_python("localhost:9092")
    assert options["bootstrap_servers"] == "localhost:9092"
    assert options["security_protocol"] == "PLAINTEXT"
    assert "sasl_plain_password" not in options and "ssl_cafile" not in options
    assert faust_credentials("localhost:9092") is None
    assert ssl_context("localhost:9092") is None


def test_kafka_python_gets_sasl_and_tls() -> None:
    options = kafka_python(SASL_SSL)
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == ("ww", "s3cret-pass")
    assert "ssl_cafile" in options
    assert options["bootstrap_timeout_ms"] < 10_000  # wrong credentials or no broker: an error in seconds


def test_aiokafka_gets_an_ssl_context() -> None:
    options = aiokafka(SASL_SSL)
    assert isinstance(options["ssl_context"], ssl.SSLContext)
    assert options["ssl_context"].verify_mode == ssl.CERT_REQUIRED
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"


@pytest.mark.parametrize(("protocol", "kind", "expected"), [
    ("SASL_SSL", faust.SASLCredentials, "SASL_SSL"),
    ("SASL_PLAINTEXT", faust.SASLCredentials, "SASL_PLAINTEXT"),
    ("SSL", faust.SSLCredentials, "SSL"),
])
def test_faust_credentials_carry_the_protocol(protocol: str, kind: type, expected: str) -> None:
    cluster = Cluster("b:9093", security_protocol=protocol, sasl_mechanism="SCRAM-SHA-256", sasl_username="ww",
                      sasl_password="s3cret-pass")
    credentials = faust_credentials(cluster)
    assert isinstance(credentials, kind)
    assert credentials.protocol.value == expected
    if kind is faust.SASLCredentials:
        assert credentials.mechanism.value == "SCRAM-SHA-256"
    assert "s3cret-pass" not in repr(credentials)


def test_the_password_is_never_in_a_repr_and_is_a_secret() -> None:
    assert "s3cret-pass" not in repr(SASL_SSL)
    assert secrets(SASL_SSL) == ["s3cret-pass"]
    assert secrets("localhost:9092") == []


def test_topic_configs_are_strings_under_our_own() -> None:
    assert topic_config(SASL_SSL, "articles") == {"retention.ms": "604800000"}
    assert topic_config(SASL_SSL, "other") == {}
    cluster = Cluster("b:1", topic_configs={"x-silences": {"cleanup.policy": "delete", "min.insync.replicas": 2}})
    # compaction keeps the worker correct: a topic config cannot turn it off
    assert topic_config(cluster, "x-silences", {"cleanup.policy": "compact"}) == {
        "cleanup.policy": "compact", "min.insync.replicas": "2"}


SECURE_CONFIG = """\
kafka:
  bootstrap: "kafka-1:9093,kafka-2:9093"
  security_protocol: SASL_SSL
  sasl_mechanism: SCRAM-SHA-512
  sasl_username: wirewatch
  sasl_password: ${KAFKA_PASSWORD}
  ssl_cafile: /etc/wirewatch/ca.pem
  ssl_certfile: /etc/wirewatch/client.pem
  ssl_keyfile: /etc/wirewatch/client.key
  replication_factor: 3
  topic_configs:
    articles: {retention.ms: 604800000, min.insync.replicas: 2}
worker:
  instance_id: worker-0
  session_timeout: 30s
"""


def test_the_config_takes_the_security_keys_with_replication_factor_3(tmp_path, monkeypatch) -> None:
    from alerts.config import load_config
    from streams.settings import cluster, faust_settings

    monkeypatch.setenv("KAFKA_PASSWORD", "from-the-env-123")
    path = tmp_path / "wirewatch.yaml"
    path.write_text(SECURE_CONFIG, "utf-8")
    config = load_config(str(path))
    c = cluster(config)
    assert (c.security_protocol, c.sasl_mechanism, c.sasl_username, c.sasl_password) == (
        "SASL_SSL", "SCRAM-SHA-512", "wirewatch", "from-the-env-123")
    assert (c.ssl_cafile, c.ssl_certfile, c.ssl_keyfile) == (
        "/etc/wirewatch/ca.pem", "/etc/wirewatch/client.pem", "/etc/wirewatch/client.key")
    assert c.replication_factor == 3
    assert topic_config(c, "articles") == {"retention.ms": "604800000", "min.insync.replicas": "2"}
    assert cluster(config, "other:9093").bootstrap == "other:9093"  # --bootstrap keeps the security settings
    kafka_kwargs = kafka_python(c)
    assert kafka_kwargs["ssl_certfile"] == "/etc/wirewatch/client.pem"
    # faust: replication, static membership, session (the CA file does not exist here: no credentials built)
    monkeypatch.setattr("streams.settings.faust_credentials", lambda cluster: None)
    settings = faust_settings(config, c.bootstrap, None, "127.0.0.1")
    assert settings["topic_replication_factor"] == 3
    assert settings["consumer_group_instance_id"] == "worker-0"
    assert settings["broker_session_timeout"] == 30.0
    assert settings["broker_heartbeat_interval"] == 3.0


@pytest.mark.parametrize(("kafka", "message"), [
    ("{security_protocol: SASL_TLS}", "SASL_TLS"),
    ("{security_protocol: SASL_SSL, sasl_mechanism: PLAIN}", "sasl_username"),
    ("{sasl_mechanism: SCRAM-SHA-1}", "SCRAM-SHA-1"),
    ("{replication_factor: 0}", "replication_factor"),
    ("{ssl_certfile: /c.pem}", "ssl_keyfile"),
])
def test_a_wrong_security_key_is_a_config_error(tmp_path, kafka: str, message: str) -> None:
    from alerts.config import ConfigError, load_config

    path = tmp_path / "wirewatch.yaml"
    path.write_text(f"kafka: {kafka}\n", "utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(str(path))
    assert message in str(error.value.problems), error.value.problems
