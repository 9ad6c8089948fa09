"""Where lexicons and detectors are found: data files under ``detectors/lexicons/<lang>/``, detectors by name.

Adding a language = adding ``lexicons/<lang>/common.json`` plus one file per event type (``ceasefire.json``,
``meeting.json``). Adding an event type = a detector module that calls :func:`register` and its lexicon files;
list the module in ``lexicons/detectors.json`` so pipelines load it.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

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
    data = json.loads(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {lang}/{name}.json must hold a JSON object")
    return data


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Class decorator: make a detector factory available under ``name`` (its lexicon file stem)."""

    def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
        _DETECTORS[name] = factory
        return factory

    return deco


@lru_cache(maxsize=1)
def _load_modules() -> tuple[str, ...]:
    spec = json.loads(_root().joinpath("detectors.json").read_text("utf-8"))
    for module in spec["modules"]:
        importlib.import_module(module)
    return tuple(spec["modules"])


def detectors() -> dict[str, Callable[..., Any]]:
    """Every registered detector factory by name (the built-in modules are imported on first call)."""
    _load_modules()
    return dict(_DETECTORS)
