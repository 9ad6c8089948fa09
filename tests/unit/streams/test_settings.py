"""Topic names and faust settings come from one module and follow the config."""

from __future__ import annotations

from pathlib import Path

from alerts.config import load_config
from streams.settings import (
    KafkaSettings,
    WorkerSettings,
    alerts_dlq_topic,
    dlq_topic,
    faust_settings,
    history_topic,
    silences_topic,
    ticks_topic,
    worker_settings,
    worker_topics,
)


def _config(tmp_path: Path):
    path = tmp_path / "wirewatch.yaml"
    path.write_text("kafka: {bootstrap: 'b:9092', articles_topic: news, detections_topic: found, "
                    "alerts_dlq_topic: failed, partitions: 8}\n"
                    "worker: {id: desk, web_port: 7000, tick_interval: 2s, delivery_retry_window: 10m}\n")
    return load_config(path)


def test_every_topic_name_follows_the_config(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert (ticks_topic(config), silences_topic(config), history_topic(config), alerts_dlq_topic(config)) == (
        "desk-ticks", "desk-silences", "desk-alert-history", "failed")
    assert dlq_topic("news") == "news.dlq"
    assert worker_topics(config) == ["news", "found", "news.dlq", "desk-alert-history", "failed"]


def test_the_faust_app_settings_follow_the_config_and_a_given_port_wins(tmp_path: Path) -> None:
    config = _config(tmp_path)
    settings = faust_settings(config, "other:9092", None, "0.0.0.0")
    assert settings["broker"] == "kafka://other:9092" and settings["topic_partitions"] == 8
    assert settings["web_port"] == 7000 and settings["web_bind"] == "0.0.0.0"
    assert settings["producer_acks"] == -1  # every produce awaits the in-sync replicas: at-least-once
    assert faust_settings(config, "b:9092", 7100, "127.0.0.1")["web_port"] == 7100


def test_the_worker_sections_are_typed_here_and_the_retry_window_is_the_alerts_own(tmp_path: Path) -> None:
    config = _config(tmp_path)
    worker = worker_settings(config)
    assert worker.id == "desk" and worker.tick_interval == 2.0 and worker.detect_processes == 1
    assert not hasattr(worker, "delivery_retry_window") and config.delivery_retry_window == 600.0
    assert worker_settings(load_config(None, env={})) == WorkerSettings()
    assert KafkaSettings().bootstrap == "localhost:9092"
