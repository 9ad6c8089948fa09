"""The YAML configuration: load, substitute ``${VAR}``, apply ``WIREWATCH_*`` overrides, validate.

Every error names the file, the line and the key, so an operator can fix it without guessing. The
schema (``alerts/schemas/config.schema.json``) is the one definition of what is allowed; unknown keys are errors.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from alerts.durations import parse_duration
from alerts.route_names import derive_name, duplicates
from alerts.vocabulary import LEVELS, TYPES, Status

ENV_PREFIX = "WIREWATCH_"
WORKER_SECTIONS = ("kafka", "worker")  # validated here, typed by streams/settings.py (KafkaSettings, WorkerSettings)
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class ConfigProblem:
    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key or '(top level)'}: {self.message}"


class ConfigError(ValueError):
    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Matcher:
    """AND across fields, OR within a list; an absent field matches everything."""

    type: frozenset[str] = frozenset()
    status: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    actors: tuple[str, ...] = ()
    level: frozenset[str] = frozenset()
    language: frozenset[str] = frozenset()
    source: frozenset[str] = frozenset()
    min_confidence: float = 0.0


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` alerts per ``per`` seconds for one receiver; the rest is held for a catch-up digest."""

    count: int
    per: float


@dataclass(frozen=True)
class Receiver:
    name: str
    urls: tuple[str, ...] = ()
    console: bool = False
    rate_limit: RateLimit | None = None
    digest: float | None = None  # every route to this receiver sends digests instead of instant alerts
    template: str | None = None  # delivery: a jinja2 file replacing the channel's template (alerts/render.py)
    timeout: float | None = None  # delivery: per-target socket timeout, seconds (alerts/delivery.py)


@dataclass(frozen=True)
class InhibitRule:
    """Alertmanager's inhibition: a ``source`` story mutes ``target`` alerts that agree on ``equal`` fields."""

    source: Matcher
    target: Matcher
    equal: tuple[str, ...] = ()


@dataclass(frozen=True)
class Route:
    receiver: str
    match: Matcher = field(default_factory=Matcher)
    group_by: tuple[str, ...] = ("story",)
    group_wait: float = 0.0
    group_interval: float = 300.0
    repeat_interval: float = 4 * 3600.0
    digest: float | None = None
    continue_: bool = False
    name: str = ""  # the notification log's reference to this route; derived when empty (alerts.route_names)

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", derive_name(self.receiver, self.match))


@dataclass(frozen=True)
class StateSettings:
    silences_file: str | None = None  # embedded runner; default: see alerts.silences.default_silences_file


@dataclass(frozen=True)
class Config:
    receivers: tuple[Receiver, ...] = ()
    routes: tuple[Route, ...] = ()
    silences: tuple[dict[str, Any], ...] = ()  # static silences, validated; see alerts.silences
    inhibit_rules: tuple[InhibitRule, ...] = ()
    state: StateSettings = field(default_factory=StateSettings)
    # worker.delivery_retry_window: a failed alert is retried (backoff) this long before alerts.dlq
    delivery_retry_window: float = 3600.0
    # The validated sections the worker owns (``kafka``, ``worker``), as written: streams/settings.py types them.
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "<defaults>"

    def receiver(self, name: str) -> Receiver:
        for r in self.receivers:
            if r.name == name:
                return r
        raise KeyError(name)


def default_config() -> Config:
    """Without a config file, every detection goes to the console."""
    return Config(
        receivers=(Receiver(name="console", console=True),),
        routes=(Route(receiver="console"),),
    )


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("alerts.schemas").joinpath("config.schema.json").read_text("utf-8"))
    for name in ("matcher", "silence_matcher"):  # the event words come from the vocabulary, not the schema file
        for key, words in (("type", TYPES), ("status", tuple(Status)), ("level", LEVELS)):
            schema["$defs"][name]["properties"][key] = {"type": "array", "items": {"enum": list(words)}}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _line_index(node: yaml.Node, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """Map every key path of a composed YAML document to its 1-based line."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*path, key_node.value)
            lines.update(_line_index(value_node, sub))
            lines[sub] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_line_index(item, (*path, i)))
    return lines


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _nearest_line(lines: Mapping[tuple[Any, ...], int], path: tuple[Any, ...]) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


def _substitute(value: Any, path: tuple[Any, ...], env: Mapping[str, str], missing: list) -> Any:
    if isinstance(value, str):
        def repl(m: re.Match[str]) -> str:
            if m.group(1) not in env:
                missing.append((path, m.group(1)))
                return ""
            return env[m.group(1)]

        return _VAR.sub(repl, value)
    if isinstance(value, dict):
        return {k: _substitute(v, (*path, k), env, missing) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, (*path, i), env, missing) for i, v in enumerate(value)]
    return value


def _apply_env_overrides(data: dict[str, Any], env: Mapping[str, str]) -> list[str]:
    """``WIREWATCH_KAFKA__BOOTSTRAP=host:9092`` sets ``kafka.bootstrap``; values are parsed as YAML scalars."""
    applied = []
    sections = set(_validator().schema["properties"])
    for name, raw in sorted(env.items()):
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        parts = name[len(ENV_PREFIX):].lower().split("__")
        if parts[0] not in sections:
            continue
        node = data
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = yaml.safe_load(raw) if raw else raw
            applied.append(name)
    return applied


def load_config(path: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None) -> Config:
    """Load and validate a config file; ``None`` gives the console default (still env-overridable)."""
    env = os.environ if env is None else env
    filename = str(path) if path else "<defaults>"
    if path is None:
        data: Any = {}
        lines: dict[tuple[Any, ...], int] = {}
    else:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigError([ConfigProblem(filename, None, "", f"cannot read: {exc.strerror}")]) from None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise ConfigError([ConfigProblem(filename, line, "", f"invalid YAML: {problem}")]) from None
        lines = _line_index(node) if node is not None else {}
        if data is None:
            data = {}
    problems: list[ConfigProblem] = []
    if not isinstance(data, dict):
        raise ConfigError([ConfigProblem(filename, 1, "", "the top level must be a mapping")])
    missing: list[tuple[tuple[Any, ...], str]] = []
    data = _substitute(data, (), env, missing)
    for p, var in missing:
        problems.append(ConfigProblem(filename, _nearest_line(lines, p), _dotted(p),
                                      f"environment variable ${{{var}}} is not set"))
    _apply_env_overrides(data, env)
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        p = tuple(error.absolute_path)
        message = error.message
        if error.validator == "additionalProperties":
            message = message.replace("Additional properties are not allowed", "unknown key")
        elif error.validator == "pattern" and error.schema == _validator().schema["$defs"]["duration"]:
            message = f"{error.instance!r} is not a duration such as 30s, 5m, 4h or 1h30m"
        problems.append(ConfigProblem(filename, _nearest_line(lines, p), _dotted(p), message))
    problems.extend(_check_references(data, filename, lines))
    if problems:
        raise ConfigError(problems)
    config = _build(data, filename)
    problems = [ConfigProblem(filename, _nearest_line(lines, ("routes", i)), _dotted(("routes", i)),
                              f"duplicate route name {name!r}: give one of these routes a `name:`")
                for i, name in duplicates([r.name for r in config.routes])]
    if problems:
        raise ConfigError(problems)
    return config


def _check_references(data: dict[str, Any], filename: str, lines: Mapping) -> list[ConfigProblem]:
    receivers = data.get("receivers") if isinstance(data.get("receivers"), list) else []
    routes = data.get("routes") if isinstance(data.get("routes"), list) else []
    names = [r.get("name") for r in receivers if isinstance(r, dict)]
    problems = []
    seen = set()
    for i, name in enumerate(names):
        if name in seen:
            path = ("receivers", i, "name")
            problems.append(ConfigProblem(filename, _nearest_line(lines, path), _dotted(path),
                                          f"duplicate receiver name {name!r}"))
        seen.add(name)
    watchlists = data.get("watchlists") if isinstance(data.get("watchlists"), dict) else {}
    for i, route in enumerate(routes):
        match = route.get("match") if isinstance(route, dict) else None
        for j, name in enumerate(match.get("watchlists", []) if isinstance(match, dict) else []):
            if isinstance(name, str) and name not in watchlists:
                path = ("routes", i, "match", "watchlists", j)
                known = ", ".join(sorted(watchlists)) or "none defined"
                problems.append(ConfigProblem(filename, _nearest_line(lines, path), _dotted(path),
                                              f"unknown watchlist {name!r} (watchlists: {known})"))
        if not isinstance(route, dict) or not isinstance(route.get("receiver"), str):
            continue
        if route["receiver"] not in seen:
            path = ("routes", i, "receiver")
            known = ", ".join(sorted(seen)) or "none defined"
            problems.append(ConfigProblem(filename, _nearest_line(lines, path), _dotted(path),
                                          f"unknown receiver {route['receiver']!r} (receivers: {known})"))
    return problems


def _build(data: dict[str, Any], filename: str) -> Config:
    if "receivers" not in data and "routes" not in data:
        base = default_config()
        receivers, routes = base.receivers, base.routes
    else:
        receivers = tuple(_receiver(r) for r in data.get("receivers", []))
        routes = tuple(_route(r, data.get("watchlists", {})) for r in data.get("routes", []))
    worker = data.get("worker", {})
    retry = worker.get("delivery_retry_window")
    return Config(
        receivers=receivers,
        routes=routes,
        silences=tuple(data.get("silences", ())),
        inhibit_rules=tuple(
            InhibitRule(source=matcher_from_dict(r["source_match"], data.get("watchlists", {})),
                        target=matcher_from_dict(r["target_match"], data.get("watchlists", {})),
                        equal=tuple(r.get("equal", ())))
            for r in data.get("inhibit_rules", ())
        ),
        state=StateSettings(**data.get("state", {})),
        **({"delivery_retry_window": parse_duration(retry)} if retry is not None else {}),
        sections={name: dict(data.get(name, {})) for name in WORKER_SECTIONS},
        source=filename,
    )


def _receiver(r: dict[str, Any]) -> Receiver:
    rate = r.get("rate_limit")
    return Receiver(
        name=r["name"], urls=tuple(r.get("urls", ())), console=r.get("console", False),
        rate_limit=RateLimit(int(rate["count"]), parse_duration(rate["per"])) if rate else None,
        digest=parse_duration(r["digest"]) if "digest" in r else None,
        template=r.get("template"),
        timeout=parse_duration(r["timeout"]) if "timeout" in r else None,
    )


def matcher_from_dict(m: Mapping[str, Any], watchlists: Mapping[str, list[str]] | None = None) -> Matcher:
    """A validated ``match`` mapping (routes, silences, inhibit rules) as a Matcher; ``watchlists: [name]`` adds
    the named lists of actors to ``actors`` (OR)."""
    actors = [*m.get("actors", ())]
    for name in m.get("watchlists", ()):
        actors.extend((watchlists or {}).get(name, ()))
    return Matcher(
        type=frozenset(m.get("type", ())),
        status=frozenset(m.get("status", ())),
        countries=frozenset(m.get("countries", ())),
        actors=tuple(dict.fromkeys(a.casefold() for a in actors)),
        level=frozenset(m.get("level", ())),
        language=frozenset(m.get("language", ())),
        source=frozenset(m.get("source", ())),
        min_confidence=float(m.get("min_confidence", 0.0)),
    )


def _route(r: dict[str, Any], watchlists: Mapping[str, list[str]]) -> Route:
    matcher = matcher_from_dict(r.get("match", {}), watchlists)
    defaults = Route(receiver=r["receiver"])
    return Route(
        receiver=r["receiver"],
        match=matcher,
        group_by=tuple(r.get("group_by", defaults.group_by)),
        group_wait=parse_duration(r["group_wait"]) if "group_wait" in r else defaults.group_wait,
        group_interval=parse_duration(r["group_interval"]) if "group_interval" in r else defaults.group_interval,
        repeat_interval=(parse_duration(r["repeat_interval"]) if "repeat_interval" in r
                         else defaults.repeat_interval),
        digest=parse_duration(r["digest"]) if "digest" in r else None,
        continue_=bool(r.get("continue", False)),
        name=r.get("name", ""),
    )
