"""Configuration: defaults, substitution, env overrides, and errors naming file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.config import ConfigError, load_config
from streams.cli import main

GOOD = """\
kafka: {bootstrap: "127.0.0.1:9999"}
receivers:
  - name: ops
    urls: ["json://127.0.0.1:1/x?token=${TOKEN}"]
routes:
  - receiver: ops
    match: {type: [ceasefire], countries: [LY], min_confidence: 0.5}
    group_wait: 30s
    repeat_interval: 4h
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wirewatch.yaml"
    path.write_text(text)
    return path


def test_default_config_alerts_to_the_console() -> None:
    config = load_config(None, env={})
    assert [r.name for r in config.receivers] == ["console"]
    assert config.receivers[0].console


def test_good_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD), env={"TOKEN": "s3cret"})
    assert config.sections["kafka"]["bootstrap"] == "127.0.0.1:9999"  # typed by streams.settings
    assert config.receivers[0].urls == ("json://127.0.0.1:1/x?token=s3cret",)
    route = config.routes[0]
    assert route.group_wait == 30 and route.repeat_interval == 4 * 3600
    assert route.match.countries == {"LY"} and route.match.min_confidence == 0.5


def test_env_overrides(tmp_path: Path) -> None:
    env = {"TOKEN": "t", "WIREWATCH_KAFKA__BOOTSTRAP": "10.0.0.1:9092", "WIREWATCH_WORKER__DETECT_THREADS": "2",
           "WIREWATCH_KAFKA_CACHE": "/not/a/config/key"}
    config = load_config(write(tmp_path, GOOD), env=env)
    assert config.sections["kafka"]["bootstrap"] == "10.0.0.1:9092"
    assert config.sections["worker"]["detect_threads"] == 2


@pytest.mark.parametrize(
    ("text", "line", "key", "fragment"),
    [
        ("kafka: {bootstrap: x, colour: red}\n", 1, "kafka.colour", "unknown key"),
        ("receivers:\n  - name: a\nroutes:\n  - receiver: a\n    group_wait: soon\n", 5,
         "routes[0].group_wait", "not a duration"),
        ("receivers:\n  - name: a\nroutes:\n  - receiver: a\n    match: {level: [top]}\n", 5,
         "routes[0].match.level[0]", "'top'"),
        ("receivers:\n  - name: a\n    urls: ['x://${MISSING}']\n", 3, "receivers[0].urls[0]", "MISSING"),
        ("receivers:\n  - name: a\nroutes:\n  - receiver: b\n", 4, "routes[0].receiver", "unknown receiver"),
        ("kafka: [\n", 2, "", "invalid YAML"),
    ],
)
def test_errors_name_file_line_and_key(tmp_path: Path, text: str, line: int, key: str, fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    problem = info.value.problems[0]
    assert problem.file == str(path)
    assert problem.line == line
    assert problem.key == key
    assert fragment in problem.message


def test_check_config_exits_2_and_prints_every_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "kafka: {colour: red}\nworker: {detect_threads: 0}\n")
    with pytest.raises(SystemExit) as info:
        main(["check-config", str(path)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"{path}:1: kafka.colour: unknown key 'colour'" in err
    assert f"{path}:2: worker.detect_threads" in err


ROUTING = """\
receivers:
  - name: desk
    console: true
    digest: 1h
    rate_limit: {count: 10, per: 1h}
  - name: ops
    urls: ["json://127.0.0.1:1/x"]
routes:
  - receiver: ops
    match: {type: [ceasefire], actors: [Haftar], language: [de, it], source: [ansa.it]}
    group_interval: 5m
    continue: true
  - receiver: desk
inhibit_rules:
  - source_match: {status: [violated]}
    target_match: {status: [announced]}
    equal: [countries]
silences:
  - matchers: {countries: [SY], story: [s-1]}
    ends_at: "2030-01-01T00:00:00Z"
    author: ana
    comment: known
worker: {tick_interval: 2s}
state: {silences_file: silences.json}
"""


def test_routing_config(tmp_path: Path) -> None:
    from alerts.silences import Silences, silences_file

    config = load_config(write(tmp_path, ROUTING), env={})
    desk = config.receiver("desk")
    assert desk.digest == 3600 and desk.rate_limit is not None and desk.rate_limit.count == 10
    assert config.routes[0].continue_ and config.routes[0].group_interval == 300
    assert config.routes[0].match.actors == ("haftar",)
    rule = config.inhibit_rules[0]
    assert rule.source.status == {"violated"} and rule.equal == ("countries",)
    assert config.sections["worker"]["tick_interval"] == "2s"  # parsed by streams.settings.worker_settings
    assert silences_file(config) == tmp_path / "silences.json"
    assert len(Silences(config.silences)) == 1


@pytest.mark.parametrize(
    ("text", "line", "key", "fragment"),
    [
        ("receivers:\n  - name: a\nroutes:\n  - receiver: a\n    match: {country: [LY]}\n", 5,
         "routes[0].match.country", "unknown key 'country' (did you mean 'countries'?)"),
        ("receivers:\n  - name: a\nroutes:\n  - receiver: a\n    match: {countries: [Libya]}\n", 5,
         "routes[0].match.countries[0]", "does not match"),
        ("receivers:\n  - name: a\n    rate_limit: {count: 10, per: hourly}\n", 3,
         "receivers[0].rate_limit.per", "not a duration"),
        ("receivers:\n  - name: a\n    digest: daily\n", 3, "receivers[0].digest", "not a duration"),
        ("inhibit_rules:\n  - source_match: {status: [violated]}\n    target_match: {}\n    equal: [conflict]\n", 4,
         "inhibit_rules[0].equal[0]", "'conflict'"),
        ("silences:\n  - matchers: {countries: [LY]}\n    ends_at: tomorrow\n", 3, "silences[0].ends_at",
         "date-time"),
        ("silences:\n  - matchers: {}\n", 2, "silences[0].matchers", "non-empty"),
        ("routes: []\nreceivers:\n  - name: a\n    urls: ['slack://${SLACK_TOKEN}/#x']\n", 4,
         "receivers[0].urls[0]", "SLACK_TOKEN"),
    ],
)
def test_routing_errors_name_file_line_and_key(tmp_path: Path, text: str, line: int, key: str,
                                               fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.key) == (str(path), line, key), problem
    assert fragment in problem.message, problem.message


def test_check_config_reports_every_routing_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "receivers:\n  - name: a\n    digest: soon\nroutes:\n  - receiver: a\n"
                           "    match: {colour: [red]}\n    group_wait: 3 minutes\n")
    with pytest.raises(SystemExit) as info:
        main(["check-config", str(path)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"{path}:3: receivers[0].digest" in err
    assert f"{path}:6: routes[0].match.colour: unknown key" in err
    assert f"{path}:7: routes[0].group_wait" in err


# --- config that cannot lie (issue 15) ---------------------------------------------------------------------------


def problems_of(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, env=env or {})
    return [str(p).replace(str(path), "CFG") for p in info.value.problems]


def test_apprise_must_accept_every_url(tmp_path: Path) -> None:
    text = ("receivers:\n  - name: ops\n    urls:\n      - slak://abc/def\n      - not a url\n      - mailto://\n"
            "      - json://127.0.0.1:1/ok\n")
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith("CFG:4: receivers[0].urls[0]: ") and "did you mean slack://" in problems[0]
    assert problems[1].startswith("CFG:5: receivers[0].urls[1]: not a notification URL")
    assert problems[2].startswith("CFG:6: receivers[0].urls[2]: apprise cannot use this mailto:// URL")
    assert len(problems) == 3


def test_misspelt_words_get_a_suggestion(tmp_path: Path) -> None:
    text = ("receivers:\n  - name: a\nroutes:\n  - receiver: a\n    match:\n      type: [cesefire]\n"
            "      status: [anounced]\n")
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith("CFG:6: routes[0].match.type[0]: 'cesefire' is not a valid type (did you mean "
                                  "'ceasefire'?)")
    assert problems[1].startswith("CFG:7: routes[0].match.status[0]: 'anounced' is not a valid status (did you "
                                  "mean 'announced'?)")


def test_a_status_the_type_never_has_is_an_error(tmp_path: Path) -> None:
    text = "receivers:\n  - name: a\nroutes:\n  - receiver: a\n    match: {type: [meeting], status: [violated]}\n"
    assert "'violated' is not a status of meeting" in problems_of(tmp_path, text)[0]


def test_templates_are_read_and_compiled(tmp_path: Path) -> None:
    (tmp_path / "broken.j2").write_text("{{ headline }\n")
    (tmp_path / "good.j2").write_text("{{ headline }}\n")
    text = ("receivers:\n  - name: a\n    template: missing.j2\n  - name: b\n    template: broken.j2\n"
            "  - name: c\n    template: good.j2\n")
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith("CFG:3: receivers[0].template: template") and "cannot be read" in problems[0]
    assert problems[1].startswith("CFG:5: receivers[1].template: template") and "does not compile" in problems[1]
    assert len(problems) == 2


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    text = "receivers:\n  - name: a\n    console: true\n    console: false\nkafka:\n  partitions: 2\nkafka: {}\n"
    problems = problems_of(tmp_path, text)
    assert "CFG:4: receivers[0].console: duplicate key (first at line 3" in problems[0]
    assert "CFG:7: kafka: duplicate key (first at line 5" in problems[1]


def test_an_unknown_key_is_reported_at_its_own_line(tmp_path: Path) -> None:
    text = "kafka:\n  bootstrap: x\n  partitions: 2\n  replicaton_factor: 3\n"
    assert problems_of(tmp_path, text) == [
        "CFG:4: kafka.replicaton_factor: unknown key 'replicaton_factor' (did you mean 'replication_factor'?)"]


def test_values_from_the_environment_are_typed(tmp_path: Path) -> None:
    text = "kafka:\n  partitions: ${PARTS}\n  sasl_password: ${PW}\nworker:\n  detect_processes: 0\n"
    config = load_config(write(tmp_path, text), env={"PARTS": "4", "PW": "12345",
                                                      "WIREWATCH_WORKER__DETECT_THREADS": "2"})
    assert config.sections["kafka"]["partitions"] == 4
    assert config.sections["kafka"]["sasl_password"] == "12345"  # a string where the schema wants one
    assert config.sections["worker"]["detect_threads"] == 2


def test_an_error_names_the_variable_it_came_from(tmp_path: Path) -> None:
    text = "kafka:\n  bootstrap: x\n\n\n  partitions: ${PARTS}\n"
    problems = problems_of(tmp_path, text, {"PARTS": "four", "WIREWATCH_WORKER__DETECT_THREADS": "two"})
    assert problems[0].startswith("CFG:5: kafka.partitions: 'four'") and "(the value of ${PARTS})" in problems[0]
    assert problems[1].startswith("environment variable WIREWATCH_WORKER__DETECT_THREADS: worker.detect_threads:")


def test_unknown_wirewatch_variables_are_warned_about(tmp_path: Path) -> None:
    env = {"WIREWATCH_KAFAK__BOOTSTRAP": "h:9092", "WIREWATCH_KAFKA__BOOTSTRP": "h:9092", "WIREWATCH_CONFIG": "x"}
    config = load_config(write(tmp_path, "kafka: {bootstrap: x}\n"), env=env)
    assert config.sections["kafka"]["bootstrap"] == "x"  # neither was applied
    assert config.warnings == (
        "environment variable WIREWATCH_KAFAK__BOOTSTRAP matches no config key and is ignored "
        "(did you mean WIREWATCH_KAFKA__BOOTSTRAP?)",
        "environment variable WIREWATCH_KAFKA__BOOTSTRP matches no config key and is ignored "
        "(did you mean WIREWATCH_KAFKA__BOOTSTRAP?)",
    )


def test_a_password_is_never_echoed(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "kafka: {sasl_password: [hunter2]}\n")
    assert "hunter2" not in " ".join(problems) and "kafka.sasl_password" in problems[0]


def test_check_config_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import json

    path = write(tmp_path, "kafka: {partitions: zero}\n")
    assert main(["check-config", str(path), "--format", "json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"][0]["line"] == 1
    assert report["errors"][0]["key"] == "kafka.partitions"
    path = write(tmp_path, GOOD.replace("${TOKEN}", "t"))
    assert main(["check-config", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["receivers"] == ["ops"]


def test_alerts_icon_url(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "alerts: {icon_url: 'https://example.org/wirewatch.png'}\n"), env={})
    assert config.icon_url == "https://example.org/wirewatch.png"
    assert "alerts.icon_url" in problems_of(tmp_path, "alerts: {icon_url: 'file:///etc/passwd'}\n")[0]


def test_forms_come_from_the_registry(tmp_path: Path) -> None:
    ok = "receivers:\n  - name: a\nroutes:\n  - receiver: a\n    match: {type: [meeting], form: [summit, phone]}\n"
    assert load_config(write(tmp_path, ok), env={}).routes[0].match.form == {"summit", "phone"}
    problems = problems_of(tmp_path, ok.replace("summit", "sumit"))
    assert problems[0].startswith("CFG:5: routes[0].match.form[0]: 'sumit' is not a valid form (did you mean "
                                  "'summit'?)")


def test_every_wirewatch_variable_the_code_reads_is_a_config_key_or_known_not_to_be_one() -> None:
    """A variable read by name somewhere (a cache switch, a test knob) must not draw the 'matches no config key'
    warning: every command would print it, and scripts that expect one line of stderr break."""
    import re

    from alerts.config_env import OTHER_ENV

    root = Path(__file__).resolve().parents[3]
    read = set()
    for folder in ("alerts", "detectors", "streams", "bench", "tests", "deploy"):
        for path in (root / folder).rglob("*"):
            if path.suffix in {".py", ".sh"} and path.is_file():
                read |= set(re.findall(r"\bWIREWATCH_[A-Z][A-Z0-9_]*[A-Z0-9]\b", path.read_text(errors="replace")))
    read -= {"WIREWATCH_KAFAK__BOOTSTRAP", "WIREWATCH_KAFKA__BOOTSTRP"}  # the misspellings this file tests
    unknown = sorted(v for v in read if "__" not in v and v not in OTHER_ENV)
    assert unknown == []
