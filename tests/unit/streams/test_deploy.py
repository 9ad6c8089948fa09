"""The deployment files, checked by lint since no Docker engine runs here: compose, Dockerfile, Prometheus and
Grafana files agree with each other and with the code."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import yaml

from alerts.config import load_config
from streams.cli import build_parser
from streams.settings import kafka_settings
from tests.workers import REPO

DEPLOY = REPO / "deploy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text("utf-8"))


def test_compose_has_the_whole_stack_on_loopback_ports() -> None:
    services = compose()["services"]
    assert {"kafka", "worker", "prometheus", "grafana", "mailpit"} <= set(services)
    assert "controller" in services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"]  # KRaft, no ZooKeeper
    for name, service in services.items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name} mounts missing {source}"


def test_worker_commands_parse_and_the_compose_config_loads() -> None:
    services = compose()["services"]
    parser = build_parser()
    for name in ("worker", "publish"):
        args = parser.parse_args(services[name]["command"])
        assert args.command == name
    config = load_config(DEPLOY / "compose" / "wirewatch.yaml", env={})
    assert kafka_settings(config).bootstrap == "kafka:9092"
    assert any("mailpit" in url for r in config.receivers for url in r.urls)


def test_dockerfile_is_slim_non_root_and_copies_what_exists() -> None:
    text = (DEPLOY / "Dockerfile").read_text("utf-8")
    image = re.search(r"^ARG PYTHON_IMAGE=python:(\d+)\.(\d+)-slim", text, re.M)
    assert image, "a slim Python base image"
    assert tuple(map(int, image.groups())) == sys.version_info[:2], "the image runs the Python the tests run"
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert "HEALTHCHECK" in text and "/healthz" in text
    for line in re.findall(r"^COPY (?!--from)(.+)$", text, re.M):
        *sources, _dest = shlex.split(line)
        for source in sources:
            assert (REPO / source).exists(), source
    final_stage = text.rsplit("FROM ", 1)[1]
    assert "pip install" not in final_stage
    entry = json.loads(re.search(r"^CMD (.+)$", text, re.M).group(1))
    assert build_parser().parse_args(entry).command == "worker"


def test_prometheus_scrapes_the_compose_workers_and_loads_the_rules() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text("utf-8"))
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "wirewatch")
    names = [n for sd in job["dns_sd_configs"] for n in sd["names"]]
    assert set(names) <= set(compose()["services"])
    assert all(sd["port"] == 6066 for sd in job["dns_sd_configs"])
    for pattern in config["rule_files"]:
        assert list((DEPLOY / "prometheus").glob(pattern.split("#")[0].strip())), pattern


def test_grafana_provisioning_matches_the_dashboard() -> None:
    provisioning = DEPLOY / "grafana" / "provisioning"
    datasource = yaml.safe_load((provisioning / "datasources" / "prometheus.yaml").read_text("utf-8"))
    uid = datasource["datasources"][0]["uid"]
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "wirewatch.json").read_text("utf-8"))
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
    used = {t["datasource"]["uid"] for p in dashboard["panels"] for t in p.get("targets", [])}
    used |= {p["datasource"]["uid"] for p in dashboard["panels"] if p.get("datasource")}
    assert used == {"${datasource}"}, "every panel picks the datasource variable, no hard-coded uid"
    assert uid  # the provisioned datasource is the variable's default (type prometheus, isDefault)
    provider = yaml.safe_load((provisioning / "dashboards" / "wirewatch.yaml").read_text("utf-8"))
    mounts = compose()["services"]["grafana"]["volumes"]
    assert any(m.endswith(f":{provider['providers'][0]['options']['path']}:ro") for m in mounts)
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    assert not any("$" in t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])), \
        "no Grafana variables: the integration test evaluates the expressions as they are"


def test_last_article_panel_shows_no_value_before_the_first_article() -> None:
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "wirewatch.json").read_text("utf-8"))
    panel = next(p for p in dashboard["panels"] if p.get("title") == "Last article")
    assert "> 0" in panel["targets"][0]["expr"], "time() - 0 would show ~56 years before the first article"
    assert panel["fieldConfig"]["defaults"]["noValue"]


def test_every_rule_has_a_runbook_section() -> None:
    rules = yaml.safe_load((DEPLOY / "prometheus" / "rules" / "wirewatch.rules.yml").read_text("utf-8"))
    runbook = (DEPLOY / "RUNBOOK.md").read_text("utf-8")
    anchors = set(re.findall(r"^## (\S+)$", runbook, re.M))
    alerts = [r for g in rules["groups"] for r in g["rules"] if "alert" in r]
    assert alerts
    for rule in alerts:
        url = rule["annotations"]["runbook_url"]
        assert url.endswith("deploy/RUNBOOK.md#" + rule["alert"].lower()), url
        assert rule["alert"].lower() in anchors, f"RUNBOOK.md has no section for {rule['alert']}"


def test_compose_runs_the_kafka_the_tests_run_and_ignores_faust_data() -> None:
    pom = (DEPLOY / "kafka" / "pom.xml").read_text("utf-8")
    version = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom).group(1)
    assert compose()["services"]["kafka"]["image"] == f"apache/kafka:{version}"
    ignored = (REPO / ".dockerignore").read_text("utf-8").split()
    assert "wirewatch-*-data" in ignored and "**/wirewatch-*-data" in ignored


def test_every_metric_the_deploy_files_use_is_in_the_catalogue() -> None:
    from streams.metrics import CATALOGUE

    known = {f"wirewatch_{d.name}" for d in CATALOGUE}
    text = "".join(p.read_text("utf-8") for p in [*DEPLOY.glob("prometheus/rules/*.yml"),
                                                  *DEPLOY.glob("grafana/dashboards/*.json")])
    used = {re.sub(r"_(total|bucket|sum|count)$", "", m) for m in re.findall(r"\bwirewatch_[a-z_]+", text)}
    assert used and used <= known, used - known


def test_deploy_paths_exist() -> None:
    for path in ("prometheus/install-promtool.sh", "prometheus/tests/wirewatch.test.yml"):
        assert Path(DEPLOY / path).is_file()
