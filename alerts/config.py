"""The YAML configuration: load, substitute ``${VAR}``, apply ``WIREWATCH_*`` overrides, validate.

Every error names the file, the line and the key, so an operator can fix it without guessing. The
schema (``alerts/schemas/config.schema.json``) is the one definition of what is allowed; unknown keys are errors.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alerts.config_checks import check_references, targets, type_statuses
from alerts.config_env import ENV_PREFIX, apply_env_overrides, substitute, type_env_values
from alerts.config_problems import (
    ConfigError,
    ConfigProblem,
    dotted,
    duplicate_keys,
    line_index,
    nearest_line,
    problem_at,
)
from alerts.config_schema import messages, validator
from alerts.durations import parse_duration
from alerts.route_names import DEFAULT_MIN_CONFIDENCE, derive_name, duplicates

__all__ = ["ENV_PREFIX", "Config", "ConfigError", "ConfigProblem", "InhibitRule", "Matcher", "RateLimit", "Receiver",
           "Route", "StateSettings", "default_config", "load_config", "matcher_from_dict"]

WORKER_SECTIONS = ("kafka", "worker", "detectors")  # validated here, typed by streams/settings.py


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
    min_confidence: float = DEFAULT_MIN_CONFIDENCE  # routes; silences and inhibit rules are read with 0
    recency: frozenset[str] = frozenset()  # new | background (a background mention never alerts as new)
    form: frozenset[str] = frozenset()  # a meeting's form: visit, summit, phone, … (the registry's forms)


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
    warnings: tuple[str, ...] = ()  # not errors: WIREWATCH_* variables that match no key
    icon_url: str | None = None  # alerts.icon_url: the chat bot's avatar (alerts/delivery.py)

    def receiver(self, name: str) -> Receiver:
        for r in self.receivers:
            if r.name == name:
                return r
        raise KeyError(name)


def default_config() -> Config:
    """Without a config file, every detection more likely than not an event goes to the console
    (``DEFAULT_MIN_CONFIDENCE``; ``scan --format jsonl`` still lists every detection)."""
    return Config(
        receivers=(Receiver(name="console", console=True),),
        routes=(Route(receiver="console", match=Matcher(min_confidence=DEFAULT_MIN_CONFIDENCE)),),
    )


def load_config(path: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None) -> Config:
    """Load and validate a config file; ``None`` gives the console default (still env-overridable)."""
    env = os.environ if env is None else env
    filename = str(path) if path else "<defaults>"
    problems: list[ConfigProblem] = []
    if path is None:
        data: Any = {}
        lines: dict[tuple[Any, ...], int] = {}
    else:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigError([ConfigProblem(filename, None, "", f"cannot read: {exc.strerror}")]) from None
        except UnicodeDecodeError as exc:
            raise ConfigError([ConfigProblem(filename, None, "", f"not UTF-8 text: {exc.reason}")]) from None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise ConfigError([ConfigProblem(filename, line, "", f"invalid YAML: {problem}")]) from None
        lines = line_index(node) if node is not None else {}
        if node is not None:
            problems.extend(duplicate_keys(node, filename))
        if data is None:
            data = {}
    if not isinstance(data, dict):
        raise ConfigError([ConfigProblem(filename, 1, "", "the top level must be a mapping")])
    missing: list[tuple[tuple[Any, ...], str]] = []
    origins: dict[tuple[Any, ...], str] = {}
    data = substitute(data, (), env, missing, origins)
    for p, var in missing:
        problems.append(ConfigProblem(filename, nearest_line(lines, p), dotted(p),
                                      f"environment variable ${{{var}}} is not set"))
    warnings = apply_env_overrides(data, env, origins)
    type_env_values(data, origins)
    unset = {p for p, _ in missing}  # already reported: not again as an empty value
    problems.extend(problem_at(filename, lines, origins, p, message)
                    for error in validator().iter_errors(data) for p, message in messages(error) if p not in unset)
    problems.extend(check_references(data, filename, lines))
    problems.extend(type_statuses(data, filename, lines, origins))
    problems.extend(targets(data, filename, lines, origins, unset))
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p.file != filename, p.line or 0, p.key)), tuple(warnings))
    config = _build(data, filename, tuple(warnings))
    problems = [ConfigProblem(filename, nearest_line(lines, ("routes", i)), dotted(("routes", i)),
                              f"duplicate route name {name!r}: give one of these routes a `name:`")
                for i, name in duplicates([r.name for r in config.routes])]
    if problems:
        raise ConfigError(problems, config.warnings)
    return config


def _build(data: dict[str, Any], filename: str, warnings: tuple[str, ...] = ()) -> Config:
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
        warnings=warnings,
        icon_url=data.get("alerts", {}).get("icon_url"),
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


def matcher_from_dict(m: Mapping[str, Any], watchlists: Mapping[str, list[str]] | None = None,
                      min_confidence: float = 0.0) -> Matcher:
    """A validated ``match`` mapping (routes, silences, inhibit rules) as a Matcher; ``watchlists: [name]`` adds
    the named lists of actors to ``actors`` (OR); ``min_confidence``: the default when the mapping has none
    (routes: ``DEFAULT_MIN_CONFIDENCE``; silences and inhibit rules match any confidence)."""
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
        min_confidence=float(m.get("min_confidence", min_confidence)),
        recency=frozenset(m.get("recency", ())),
        form=frozenset(m.get("form", ())),
    )


def _route(r: dict[str, Any], watchlists: Mapping[str, list[str]]) -> Route:
    matcher = matcher_from_dict(r.get("match", {}), watchlists, DEFAULT_MIN_CONFIDENCE)
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
