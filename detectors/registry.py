"""Where lexicons and detectors are found: data files under ``detectors/lexicons/<lang>/``, detectors by name.

Adding a language = adding ``lexicons/<lang>/common.json`` plus one file per event type (``ceasefire.json``,
``meeting.json``). Adding an event type = a detector module that calls :func:`register` and its lexicon files;
list the module in ``lexicons/detectors.json`` so pipelines load it, and its statuses (levels, forms) under
``events`` there: ``detectors.vocabulary`` builds the shared words from that list.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import jsonschema

_ROOT = "lexicons"
_DETECTORS: dict[str, Callable[..., Any]] = {}


def _root() -> Traversable:
    return resources.files("detectors").joinpath(_ROOT)


@cache
def languages() -> tuple[str, ...]:
    """Languages that have a ``common.json`` lexicon."""
    return tuple(
        sorted(p.name for p in _root().iterdir() if p.is_dir() and p.joinpath("common.json").is_file())
    )


@cache
def lexicon(lang: str, name: str) -> dict[str, Any] | None:
    """The parsed lexicon ``lexicons/<lang>/<name>.json``, or None when the language lacks it."""
    path = _root().joinpath(lang, f"{name}.json")
    if not path.is_file():
        return None
    text = path.read_text("utf-8")
    data = json.loads(text)
    _check_once(data, name, f"{lang}/{name}.json", text)
    return data


def _check_once(data: Any, kind: str, where: str, text: str) -> None:
    """:func:`check_lexicon`, once per file content: the detector cache (``detectors.cache``) remembers a content
    that passed, keyed by it, the schema's text and jsonschema's version, so a detector process's start does not
    validate it again (jsonschema took 0.19 s of a German engine's build: 3 lexicons). A content that fails is
    never remembered: it fails again."""
    import hashlib

    from detectors import cache as disk_cache

    schema = resources.files("detectors.schemas").joinpath("lexicon.schema.json").read_text("utf-8")
    digest = hashlib.sha256(f"{kind}\0{schema}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    entry = disk_cache.key("lexicon-valid", disk_cache.version("jsonschema"), digest)

    def validate() -> bool:
        check_lexicon(data, kind, where)
        return True

    disk_cache.cached(f"lexicon-valid-{where.replace('/', '-')}", entry, validate)


class LexiconError(ValueError):
    """A lexicon file that does not follow ``schemas/lexicon.schema.json``."""


@cache
def _lexicon_schema() -> dict[str, Any]:
    text = resources.files("detectors.schemas").joinpath("lexicon.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = _lexicon_schema()
    if kind not in schema["$defs"] or kind in ("pattern", "patterns", "words", "alpha2"):
        raise LexiconError(f"no schema for lexicon files named {kind}.json: add it to lexicon.schema.json")
    sub = {"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"}
    cls = jsonschema.validators.validator_for(schema)
    return cls(sub)


def check_lexicon(data: Any, kind: str, where: str) -> None:
    """Raise LexiconError naming the file and key when ``data`` breaks the schema for ``kind`` files."""
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    err = errors[0]
    key = "/".join(str(p) for p in err.absolute_path) or "(top level)"
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        key = "/".join([*map(str, err.absolute_path), extra[0]]) if extra else key
        raise LexiconError(f"lexicon {where}: unknown key {key!r}")
    raise LexiconError(f"lexicon {where}: {key}: {err.message[:200]}")


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Class decorator: make a detector factory available under ``name`` (its lexicon file stem)."""

    def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
        _DETECTORS[name] = factory
        return factory

    return deco


@cache
def _spec() -> dict[str, Any]:
    return json.loads(_root().joinpath("detectors.json").read_text("utf-8"))


def events() -> dict[str, dict[str, tuple[str, ...]]]:
    """Every event type with its words: ``{type: {"statuses": (…), "levels": (…), "forms": (…), "lead": (…)}}``
    (levels and forms empty when the type has none; ``lead``, the statuses by news weight, defaults to the
    statuses), in the order of ``lexicons/detectors.json``."""
    out = {name: {part: tuple(words.get(part, words["statuses"] if part == "lead" else ()))
                  for part in ("statuses", "levels", "forms", "lead")}
           for name, words in _spec()["events"].items()}
    for name, words in out.items():
        if sorted(words["lead"]) != sorted(words["statuses"]):
            raise ValueError(f"{_root().joinpath('detectors.json')}: events.{name}.lead {list(words['lead'])} must "
                             f"list the statuses {list(words['statuses'])} once each")
    return out


@lru_cache(maxsize=1)
def _load_modules() -> tuple[str, ...]:
    spec = _spec()
    for module in spec["modules"]:
        importlib.import_module(module)
    return tuple(spec["modules"])


def detectors() -> dict[str, Callable[..., Any]]:
    """Every registered detector factory by name (the built-in modules are imported on first call)."""
    _load_modules()
    return dict(_DETECTORS)
