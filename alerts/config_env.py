"""Values from the environment: ``${VAR}`` in the file, ``WIREWATCH_<SECTION>__<KEY>`` overrides, typed by the
schema (an integer from the environment is an integer), each recorded with the variable it came from."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from alerts.config_schema import known_key, resolve, validator

ENV_PREFIX = "WIREWATCH_"
# WIREWATCH_* variables that are not config keys (read elsewhere): never warned about as unknown
OTHER_ENV = frozenset({
    "WIREWATCH_CONFIG", "WIREWATCH_STATE_DIR", "WIREWATCH_WEB_BIND", "WIREWATCH_PROGRESS",  # the CLI and worker
    "WIREWATCH_REQUIRE_SHARED", "WIREWATCH_SHARED", "WIREWATCH_DEV_SET", "WIREWATCH_FAULT_SEED",  # tests and CI
    "WIREWATCH_RELIABILITY_REPORT",
    "WIREWATCH_DETECTOR_CACHE", "WIREWATCH_EMBED_CACHE",  # the detectors' caches (detectors/cache.py, learned/embed.py)
    "WIREWATCH_WARM_LANGUAGES",  # detectors.warm handed to the detector processes (streams/detect_pool.py)
    "WIREWATCH_KAFKA_CACHE", "WIREWATCH_KAFKA_DIR", "WIREWATCH_KAFKA_HEAP", "WIREWATCH_KAFKA_PARTITIONS",  # the
    "WIREWATCH_KAFKA_START_TIMEOUT", "WIREWATCH_KAFKA_VERSION",  # local broker script (deploy/kafka/kafka.sh)
})
VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def substitute(value: Any, path: tuple[Any, ...], env: Mapping[str, str], missing: list,
               origins: dict[tuple[Any, ...], str]) -> Any:
    """``${VAR}`` from ``env``; every substituted value's path is recorded in ``origins`` (its variable)."""
    if isinstance(value, str):
        def repl(m: re.Match[str]) -> str:
            origins[path] = f"${{{m.group(1)}}}"
            if m.group(1) not in env:
                missing.append((path, m.group(1)))
                return ""
            return env[m.group(1)]

        return VAR.sub(repl, value)
    if isinstance(value, dict):
        return {k: substitute(v, (*path, k), env, missing, origins) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, (*path, i), env, missing, origins) for i, v in enumerate(value)]
    return value


@lru_cache(maxsize=1)
def env_names() -> tuple[str, ...]:
    """Every ``WIREWATCH_<SECTION>__<KEY>`` the schema allows (for "did you mean")."""
    names = []
    for section, schema in validator().schema["properties"].items():
        for key in resolve(schema).get("properties", {}):
            names.append(f"{ENV_PREFIX}{section}__{key}".upper())
    return tuple(names)


def apply_env_overrides(data: dict[str, Any], env: Mapping[str, str],
                        origins: dict[tuple[Any, ...], str]) -> list[str]:
    """``WIREWATCH_KAFKA__BOOTSTRAP=host:9092`` sets ``kafka.bootstrap`` (a string, typed by the schema later:
    ``type_env_values``); returns a warning for every ``WIREWATCH_*`` variable that matches no key."""
    warnings = []
    for name, raw in sorted(env.items()):
        if not name.startswith(ENV_PREFIX) or name in OTHER_ENV:
            continue
        parts = name[len(ENV_PREFIX):].lower().split("__")
        if "__" not in name or not known_key(parts):
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


def type_env_values(data: dict[str, Any], origins: Mapping[tuple[Any, ...], str]) -> None:
    """A value from the environment is a string; where the schema wants an integer, number, boolean or list,
    convert it (``partitions: ${PARTS}`` with PARTS=4 is the integer 4)."""
    for _ in range(4):  # a converted value may reveal another (nested) type error
        changed = False
        for error in validator().iter_errors(data):
            path = tuple(error.absolute_path)
            if error.validator == "type" and path in origins and isinstance(error.instance, str):
                value = _coerce(error.instance, error.validator_value)
                if value is not _NOT:
                    _set(data, path, value)
                    changed = True
        if not changed:
            return
