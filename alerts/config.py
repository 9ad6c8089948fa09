"""The YAML configuration: load, substitute ``${VAR}``, apply ``WIREWATCH_*`` overrides, validate.

Every error names the file, the line and the key, so an operator can fix it without guessing. The
schema (``alerts/schemas/config.schema.json``) is the one definition of what is allowed; unknown keys are errors.
"""

from __future__ import annotations

import difflib
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
from alerts.vocabulary import FORMS, LEVELS, STATUSES, TYPES, Status

STATUSES_ALL = frozenset(Status)

ENV_PREFIX = "WIREWATCH_"
# WIREWATCH_* variables that are not config keys (read elsewhere): never warned about as unknown
OTHER_ENV = frozenset({
    "WIREWATCH_CONFIG", "WIREWATCH_STATE_DIR", "WIREWATCH_WEB_BIND", "WIREWATCH_PROGRESS",  # the CLI and worker
    "WIREWATCH_REQUIRE_SHARED", "WIREWATCH_SHARED", "WIREWATCH_DEV_SET", "WIREWATCH_FAULT_SEED",  # tests and CI
    "WIREWATCH_RELIABILITY_REPORT",
    "WIREWATCH_KAFKA_CACHE", "WIREWATCH_KAFKA_DIR", "WIREWATCH_KAFKA_HEAP", "WIREWATCH_KAFKA_PARTITIONS",  # the
    "WIREWATCH_KAFKA_START_TIMEOUT", "WIREWATCH_KAFKA_VERSION",  # local broker script (deploy/kafka/kafka.sh)
})
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
    def __init__(self, problems: list[ConfigProblem], warnings: tuple[str, ...] = ()) -> None:
        self.problems = problems
        self.warnings = warnings  # what a valid config would have carried as Config.warnings
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
    """Without a config file, every detection goes to the console."""
    return Config(
        receivers=(Receiver(name="console", console=True),),
        routes=(Route(receiver="console"),),
    )


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("alerts.schemas").joinpath("config.schema.json").read_text("utf-8"))
    for name in ("matcher", "silence_matcher"):  # the event words come from the vocabulary, not the schema file
        for key, words in (("type", TYPES), ("status", tuple(Status)), ("level", LEVELS), ("form", FORMS)):
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


def _duplicate_keys(node: yaml.Node, filename: str, path: tuple[Any, ...] = ()) -> list[ConfigProblem]:
    """Keys given twice in one mapping: YAML keeps the last silently, so each repeat is an error at its line."""
    problems = []
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key != "<<" and key in first:
                problems.append(ConfigProblem(filename, line, _dotted((*path, key)),
                                              f"duplicate key (first at line {first[key]}; YAML would silently "
                                              "keep only the last)"))
            first.setdefault(key, line)
            problems.extend(_duplicate_keys(value_node, filename, (*path, key)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems.extend(_duplicate_keys(item, filename, (*path, i)))
    return problems


def _substitute(value: Any, path: tuple[Any, ...], env: Mapping[str, str], missing: list,
                origins: dict[tuple[Any, ...], str]) -> Any:
    """``${VAR}`` from ``env``; every substituted value's path is recorded in ``origins`` (its variable)."""
    if isinstance(value, str):
        def repl(m: re.Match[str]) -> str:
            origins[path] = f"${{{m.group(1)}}}"
            if m.group(1) not in env:
                missing.append((path, m.group(1)))
                return ""
            return env[m.group(1)]

        return _VAR.sub(repl, value)
    if isinstance(value, dict):
        return {k: _substitute(v, (*path, k), env, missing, origins) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, (*path, i), env, missing, origins) for i, v in enumerate(value)]
    return value


def _resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _validator().schema["$defs"][ref.rsplit("/", 1)[1]]
    return schema


def _known_key(parts: list[str]) -> bool:
    """Whether ``parts`` (``["kafka", "bootstrap"]``) names a key the schema allows."""
    schema: Mapping[str, Any] = _validator().schema
    for part in parts:
        schema = _resolve(schema)
        props = schema.get("properties", {})
        if part in props:
            schema = props[part]
        elif isinstance(schema.get("additionalProperties"), dict):
            schema = schema["additionalProperties"]
        else:
            return False
    return True


@lru_cache(maxsize=1)
def env_names() -> tuple[str, ...]:
    """Every ``WIREWATCH_<SECTION>__<KEY>`` the schema allows (for "did you mean")."""
    names = []
    for section, schema in _validator().schema["properties"].items():
        for key in _resolve(schema).get("properties", {}):
            names.append(f"{ENV_PREFIX}{section}__{key}".upper())
    return tuple(names)


def _suggest(word: str, candidates: Any) -> str:
    close = difflib.get_close_matches(word, [str(c) for c in candidates], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _apply_env_overrides(data: dict[str, Any], env: Mapping[str, str],
                         origins: dict[tuple[Any, ...], str]) -> list[str]:
    """``WIREWATCH_KAFKA__BOOTSTRAP=host:9092`` sets ``kafka.bootstrap`` (a string, typed by the schema later:
    ``_coerce``); returns a warning for every ``WIREWATCH_*`` variable that matches no key."""
    warnings = []
    for name, raw in sorted(env.items()):
        if not name.startswith(ENV_PREFIX) or name in OTHER_ENV:
            continue
        parts = name[len(ENV_PREFIX):].lower().split("__")
        if "__" not in name or not _known_key(parts):
            close = difflib.get_close_matches(name, [*env_names(), *OTHER_ENV], n=1, cutoff=0.8)
            warnings.append(f"environment variable {name} matches no config key and is ignored"
                            + (f" (did you mean {close[0]}?)" if close else ""))
            continue
        node = data
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = raw
            origins[tuple(parts)] = name
    return warnings


_BOOLEANS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}


def _coerce(text: str, types: str | list[str]) -> Any:
    """A string from the environment as the type the schema wants there; ``_NOT`` when it is none of them."""
    for kind in [types] if isinstance(types, str) else types:
        stripped = text.strip()
        if kind == "integer" and re.fullmatch(r"[+-]?[0-9]+", stripped):
            return int(stripped)
        if kind == "number":
            try:
                return float(stripped)
            except ValueError:
                pass
        if kind == "boolean" and stripped.lower() in _BOOLEANS:
            return _BOOLEANS[stripped.lower()]
        if kind in ("array", "object"):
            try:
                loaded = yaml.safe_load(text)
            except yaml.YAMLError:
                continue
            if isinstance(loaded, list if kind == "array" else dict):
                return loaded
    return _NOT


_NOT = object()


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _type_env_values(data: dict[str, Any], origins: Mapping[tuple[Any, ...], str]) -> None:
    """A value from the environment is a string; where the schema wants an integer, number, boolean or list,
    convert it (``partitions: ${PARTS}`` with PARTS=4 is the integer 4)."""
    for _ in range(4):  # a converted value may reveal another (nested) type error
        changed = False
        for error in _validator().iter_errors(data):
            path = tuple(error.absolute_path)
            if error.validator == "type" and path in origins and isinstance(error.instance, str):
                value = _coerce(error.instance, error.validator_value)
                if value is not _NOT:
                    _set(data, path, value)
                    changed = True
        if not changed:
            return


def _origin(origins: Mapping[tuple[Any, ...], str], path: tuple[Any, ...]) -> str | None:
    for n in range(len(path), 0, -1):
        if path[:n] in origins:
            return origins[path[:n]]
    return None


def _problem(filename: str, lines: Mapping[tuple[Any, ...], int], origins: Mapping[tuple[Any, ...], str],
             path: tuple[Any, ...], message: str) -> ConfigProblem:
    """A problem at ``path``: at its line in the file, or at the environment variable its value came from."""
    origin = _origin(origins, path)
    if origin is not None and not origin.startswith("$"):  # a WIREWATCH_* override: not in the file at all
        return ConfigProblem(f"environment variable {origin}", None, _dotted(path), message)
    if origin is not None:
        message += f" (the value of {origin})"
    return ConfigProblem(filename, _nearest_line(lines, path), _dotted(path), message)


def _messages(error: jsonschema.ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message) for one schema error, worded for an operator."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        props = error.schema.get("properties", {})
        patterns = error.schema.get("patternProperties", {})
        extra = [k for k in error.instance if k not in props and not any(re.search(p, k) for p in patterns)]
        return [((*path, k), f"unknown key {k!r}{_suggest(k, props)}") for k in extra]
    if error.validator == "enum":
        words = [str(w) for w in error.validator_value]
        what = next((p for p in reversed(path) if isinstance(p, str)), "value")
        return [(path, f"{error.instance!r} is not a valid {what}{_suggest(str(error.instance), words)}; "
                       f"one of: {', '.join(words)}")]
    if error.validator == "pattern" and error.schema == _validator().schema["$defs"]["duration"]:
        return [(path, f"{error.instance!r} is not a duration such as 30s, 5m, 4h or 1h30m")]
    if any(isinstance(p, str) and "password" in p for p in path):  # never echo a secret
        return [(path, f"invalid value (fails {error.validator}: {error.validator_value!r})")]
    return [(path, error.message)]


def _type_statuses(data: dict[str, Any], filename: str, lines: Mapping, origins: Mapping) -> list[ConfigProblem]:
    """A matcher's statuses must belong to one of its types (``type: [meeting], status: [violated]`` matches
    nothing)."""
    matchers: list[tuple[tuple[Any, ...], Any]] = []
    for section, key in (("routes", "match"), ("silences", "matchers"), ("inhibit_rules", "source_match"),
                         ("inhibit_rules", "target_match")):
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get(key), dict):
                matchers.append(((section, i, key), item[key]))
    problems = []
    for path, m in matchers:
        types = [t for t in m.get("type", ()) if t in STATUSES]
        if not types:
            continue
        allowed = {s for t in types for s in STATUSES[t]}
        for j, status in enumerate(m.get("status", ())):
            if status in STATUSES_ALL and status not in allowed:
                problems.append(_problem(filename, lines, origins, (*path, "status", j),
                                         f"{status!r} is not a status of {', '.join(types)} (statuses: "
                                         f"{', '.join(sorted(allowed))}): this matcher can never match"))
    return problems


def _targets(data: dict[str, Any], filename: str, lines: Mapping, origins: Mapping,
             missing: set[tuple[Any, ...]]) -> list[ConfigProblem]:
    """Every apprise URL instantiated (apprise must accept it) and every ``template:`` file read and compiled."""
    receivers = data.get("receivers")
    receivers = [r for r in receivers if isinstance(r, dict)] if isinstance(receivers, list) else []
    if not any(r.get("urls") or r.get("template") for r in receivers):
        return []
    from alerts.target_checks import template_problem, url_problem  # apprise: imported only when needed

    problems = []
    for i, r in enumerate(receivers):
        urls = r.get("urls") if isinstance(r.get("urls"), list) else []
        for j, url in enumerate(urls):
            path = ("receivers", i, "urls", j)
            if isinstance(url, str) and path not in missing and (error := url_problem(url)):
                problems.append(_problem(filename, lines, origins, path, error))
        template = r.get("template")
        if isinstance(template, str) and template and (error := template_problem(template, filename)):
            problems.append(_problem(filename, lines, origins, ("receivers", i, "template"), error))
    return problems


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
        lines = _line_index(node) if node is not None else {}
        if node is not None:
            problems.extend(_duplicate_keys(node, filename))
        if data is None:
            data = {}
    if not isinstance(data, dict):
        raise ConfigError([ConfigProblem(filename, 1, "", "the top level must be a mapping")])
    missing: list[tuple[tuple[Any, ...], str]] = []
    origins: dict[tuple[Any, ...], str] = {}
    data = _substitute(data, (), env, missing, origins)
    for p, var in missing:
        problems.append(ConfigProblem(filename, _nearest_line(lines, p), _dotted(p),
                                      f"environment variable ${{{var}}} is not set"))
    warnings = _apply_env_overrides(data, env, origins)
    _type_env_values(data, origins)
    unset = {p for p, _ in missing}  # already reported: not again as an empty value
    problems.extend(_problem(filename, lines, origins, p, message)
                    for error in _validator().iter_errors(data) for p, message in _messages(error) if p not in unset)
    problems.extend(_check_references(data, filename, lines))
    problems.extend(_type_statuses(data, filename, lines, origins))
    problems.extend(_targets(data, filename, lines, origins, unset))
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p.file != filename, p.line or 0, p.key)), tuple(warnings))
    config = _build(data, filename, tuple(warnings))
    problems = [ConfigProblem(filename, _nearest_line(lines, ("routes", i)), _dotted(("routes", i)),
                              f"duplicate route name {name!r}: give one of these routes a `name:`")
                for i, name in duplicates([r.name for r in config.routes])]
    if problems:
        raise ConfigError(problems, config.warnings)
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
        recency=frozenset(m.get("recency", ())),
        form=frozenset(m.get("form", ())),
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
