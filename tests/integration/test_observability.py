"""Observability end to end: a real Prometheus scrapes a real worker consuming from the real broker.

Every PromQL expression of the Grafana dashboard and of the rules files evaluates through Prometheus' HTTP API
without error, and the throughput and detection series are non-zero after articles were published. The same
worker runs with ``--log-format json`` and a receiver URL holding a password: its log lines are JSON, lines
about an article carry its id and story key, and the password never appears.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from detectors.contracts import Article
from streams.publisher import Publisher
from tests.sinks import HttpEndpoint
from tests.workers import REPO, SEED, free_port

pytestmark = pytest.mark.kafka
DEPLOY = REPO / "deploy"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "wirewatch.json"
RULES = sorted((DEPLOY / "prometheus" / "rules").glob("*.rules.yml"))
SECRET = "s3cr3t-Pa55word"


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


BUDGET_S = 90.0  # the whole test body (publishing, scraping, every query) fits in this, however loaded the machine
_deadline = [float("inf")]


def wait_until(check: Callable[[], Any], timeout: float, step: float = 0.5) -> Any:
    deadline = min(time.monotonic() + timeout, _deadline[0])
    while True:
        try:
            result = check()
        except (OSError, urllib.error.URLError):
            result = None
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(step)


class Worker:
    """A ``wirewatch worker`` subprocess (the pattern of tests/integration/test_worker.py)."""

    def __init__(self, tmp: Path, bootstrap: str, sink: HttpEndpoint) -> None:
        run = uuid.uuid4().hex[:8]
        self.group = f"wirewatch-obs-{run}"
        self.articles = f"articles-obs-{run}"
        self.detections = f"detections-obs-{run}"
        self.bootstrap = bootstrap
        self.port = free_port()
        config = tmp / "wirewatch.yaml"
        config.write_text(
            f"kafka: {{bootstrap: '{bootstrap}', articles_topic: {self.articles}, "
            f"detections_topic: {self.detections}, partitions: 2}}\n"
            f"worker: {{id: {self.group}}}\n"
            "receivers:\n"
            f"  - name: sink\n    urls: ['json://alice:{SECRET}@127.0.0.1:{sink.port}/alerts']\n"
            "routes:\n  - receiver: sink\n"
        )
        self.log_path = tmp / "worker.log"
        self.log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streams.cli", "worker", "--config", str(config), "--web-port", str(self.port),
             "--loglevel", "info", "--log-format", "json"],
            cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()
        finally:
            self.log.close()


class Prometheus:
    """A real Prometheus server on 127.0.0.1 with its own config and storage in a temp dir."""

    def __init__(self, tmp: Path, target: str) -> None:
        binary = shutil.which("prometheus")
        if binary is None:
            pytest.fail("prometheus is not installed: run `make promtool` (deploy/prometheus/install-promtool.sh)")
        self.port = free_port()
        config = tmp / "prometheus.yml"
        config.write_text(yaml.safe_dump({
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(p) for p in RULES],
            "scrape_configs": [{"job_name": "wirewatch", "static_configs": [{"targets": [target]}]}],
        }))
        self.log_path = tmp / "prometheus.log"
        self.log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [binary, f"--config.file={config}", f"--storage.tsdb.path={tmp / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )

    def api(self, path: str, **params: str) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        status, body = http_get(f"http://127.0.0.1:{self.port}/api/v1/{path}{query}")
        return json.loads(body) | {"http_status": status}

    def query(self, expr: str) -> dict:
        return self.api("query", query=expr)

    def value(self, expr: str) -> float:
        result = self.query(expr)["data"]["result"]
        return sum(float(r["value"][1]) for r in result)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def dashboard_exprs() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text("utf-8"))
    panels = [p for top in dashboard["panels"] for p in [top, *top.get("panels", [])]]
    return [t["expr"] for p in panels for t in p.get("targets", []) if t.get("expr")]


def rule_exprs() -> list[str]:
    out = []
    for path in RULES:
        for group in yaml.safe_load(path.read_text("utf-8"))["groups"]:
            out.extend(rule["expr"] for rule in group["rules"])
    return out


def seed_article(article_id: str) -> Article:
    text = SEED.read_text("utf-8")
    return Article.create(text, id=article_id, title=text.splitlines()[0], source=f"outlet-{article_id}",
                          url=f"https://example.org/{article_id}", published_at="2026-01-08T20:00:00Z")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, kafka: str) -> Iterator[tuple[Worker, Prometheus, HttpEndpoint]]:
    tmp = tmp_path_factory.mktemp("observability")
    sink = HttpEndpoint()
    worker = Worker(tmp, kafka, sink)
    prometheus = Prometheus(tmp, f"127.0.0.1:{worker.port}")
    try:
        yield worker, prometheus, sink
    finally:
        prometheus.stop()
        code = worker.stop()
        sink.close()
        assert code == 0, f"worker exited with {code} on SIGTERM:\n{worker.tail()}"


def test_prometheus_evaluates_every_dashboard_and_rule_expression(
    stack: tuple[Worker, Prometheus, HttpEndpoint], news_articles: list[dict]
) -> None:
    worker, prometheus, sink = stack
    started = time.monotonic()
    _deadline[0] = started + BUDGET_S

    # the worker's own views: alive at once, ready once the broker answered and partitions are assigned
    assert wait_until(lambda: http_get(worker.url("/healthz"))[0] == 200, 60), worker.tail()
    assert wait_until(lambda: http_get(worker.url("/readyz"))[0] == 200, 60), (
        f"{http_get(worker.url('/readyz'))}\n{worker.tail()}")
    status, body = http_get(worker.url("/metrics"))
    assert status == 200 and b"# HELP wirewatch_articles_consumed_total" in body
    assert wait_until(lambda: prometheus.api("query", query="up")["status"] == "success", 20), prometheus.log_path

    # wave 1: the series appear; wave 2 (once Prometheus has them): their rates become non-zero
    with Publisher(worker.bootstrap, topic=worker.articles) as pub:
        pub.send(seed_article(f"seed-a-{uuid.uuid4().hex[:6]}"))
        for obj in news_articles[:10]:
            pub.publish(obj)
        pub.send_raw(None, b"not json at all")
    assert wait_until(lambda: prometheus.value("sum(wirewatch_detections_total)") > 0, 45), worker.tail()
    with Publisher(worker.bootstrap, topic=worker.articles) as pub:
        pub.send(seed_article(f"seed-b-{uuid.uuid4().hex[:6]}"))
        for obj in news_articles[10:20]:
            pub.publish(obj)

    throughput = "sum(rate(wirewatch_articles_consumed_total[5m]))"
    detections = "sum by (type) (rate(wirewatch_detections_total[5m]))"
    assert throughput in dashboard_exprs() and detections in dashboard_exprs()
    assert wait_until(lambda: prometheus.value(throughput) > 0 and prometheus.value(detections) > 0
                      and prometheus.value("wirewatch_consumer_lag_messages") >= 0
                      and prometheus.query("wirewatch_consumer_lag_messages")["data"]["result"], 30), worker.tail()
    by_type = {r["metric"]["type"] for r in prometheus.query(detections)["data"]["result"]
               if float(r["value"][1]) > 0}
    assert {"ceasefire", "meeting"} <= by_type
    assert prometheus.value('sum(wirewatch_articles_invalid_total{reason="not_json"})') == 1
    assert prometheus.value("sum(wirewatch_alerts_sent_total)") > 0
    assert prometheus.value("sum(wirewatch_stories_opened_total)") > 0
    # every article consumed and committed: the articles topic's lag, as the broker sees it, drains to 0
    lag = f'sum(wirewatch_consumer_lag_messages{{topic="{worker.articles}"}})'
    assert wait_until(lambda: prometheus.query(lag)["data"]["result"] and prometheus.value(lag) == 0, 30), (
        prometheus.query(lag))
    # 22 messages, 21 valid (at least once: a rebalance may hand a message to the worker again)
    assert wait_until(lambda: prometheus.value("sum(wirewatch_articles_consumed_total)") >= 22, 15), (
        prometheus.value("sum(wirewatch_articles_consumed_total)"), worker.tail())
    assert prometheus.value('sum(wirewatch_stage_duration_seconds_count{stage="detect"})') >= 21

    exprs = dashboard_exprs() + rule_exprs()
    assert len(exprs) > 25
    failures = {}
    for expr in exprs:
        answer = prometheus.query(expr)
        if answer["status"] != "success":
            failures[expr] = answer.get("error")
    assert not failures, failures
    rules = prometheus.api("rules")["data"]["groups"]
    broken = [(r["name"], r.get("lastError")) for g in rules for r in g["rules"] if r.get("health") == "err"]
    assert not broken, broken
    assert time.monotonic() - started < BUDGET_S + 10

    # logs: JSON lines, article lines carry the article id and story key, the receiver's password never appears
    log_text = worker.log_path.read_text(errors="replace")
    assert SECRET not in log_text
    assert sink.requests and "Authorization" in sink.requests[0]["headers"]  # the secret reached the target only
    records = [json.loads(line) for line in log_text.splitlines() if line.startswith("{")]
    about_articles = [r for r in records if r.get("logger") == "wirewatch.worker" and "detection" in r["message"]]
    assert about_articles and all(r.get("article_id") and r.get("story_key") for r in about_articles)
    alerts = [r for r in records if r["message"].startswith("alert ")]
    assert alerts and all(r.get("story_id") and r.get("receiver") == "sink" for r in alerts)
