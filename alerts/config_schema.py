"""The config's JSON Schema (``schemas/config.schema.json``, with the event words from the registry) and its
errors worded for an operator: an unknown key at its own line with "did you mean", an enum with a suggestion."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from alerts.vocabulary import FORMS, LEVELS, TYPES, Status


@lru_cache(maxsize=1)
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("alerts.schemas").joinpath("config.schema.json").read_text("utf-8"))
    for name in ("matcher", "silence_matcher"):  # the event words come from the vocabulary, not the schema file
        for key, words in (("type", TYPES), ("status", tuple(Status)), ("level", LEVELS), ("form", FORMS)):
            schema["$defs"][name]["properties"][key] = {"type": "array", "items": {"enum": list(words)}}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return validator().schema["$defs"][ref.rsplit("/", 1)[1]]
    return schema


def known_key(parts: list[str]) -> bool:
    """Whether ``parts`` (``["kafka", "bootstrap"]``) names a key the schema allows."""
    schema: Mapping[str, Any] = validator().schema
    for part in parts:
        schema = resolve(schema)
        props = schema.get("properties", {})
        if part in props:
            schema = props[part]
        elif isinstance(schema.get("additionalProperties"), dict):
            schema = schema["additionalProperties"]
        else:
            return False
    return True


def suggest(word: str, candidates: Any) -> str:
    close = difflib.get_close_matches(word, [str(c) for c in candidates], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def messages(error: jsonschema.ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message) for one schema error, worded for an operator."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        props = error.schema.get("properties", {})
        patterns = error.schema.get("patternProperties", {})
        extra = [k for k in error.instance if k not in props and not any(re.search(p, k) for p in patterns)]
        return [((*path, k), f"unknown key {k!r}{suggest(k, props)}") for k in extra]
    if error.validator == "enum":
        words = [str(w) for w in error.validator_value]
        what = next((p for p in reversed(path) if isinstance(p, str)), "value")
        return [(path, f"{error.instance!r} is not a valid {what}{suggest(str(error.instance), words)}; "
                       f"one of: {', '.join(words)}")]
    if error.validator == "pattern" and error.schema == validator().schema["$defs"]["duration"]:
        return [(path, f"{error.instance!r} is not a duration such as 30s, 5m, 4h or 1h30m")]
    if any(isinstance(p, str) and "password" in p for p in path):  # never echo a secret
        return [(path, f"invalid value (fails {error.validator}: {error.validator_value!r})")]
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return [(path, f"{error.instance!r} is not {' or '.join(_TYPE_WORDS.get(t, t) for t in wanted)}")]
    return [(path, error.message)]


_TYPE_WORDS = {"integer": "an integer", "number": "a number", "boolean": "true or false", "string": "a string",
               "array": "a list", "object": "a mapping", "null": "empty"}
