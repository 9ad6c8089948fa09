"""``import spacy`` without its command line (``spacy.cli``), for a detector process's start.

spaCy's ``__init__`` imports ``spacy.cli.info`` for one name (``spacy.info``), and with it the whole command line:
typer, weasel, httpx, jinja2 — ~360 modules, 0.15–0.2 s of the 0.6 s ``import spacy`` takes here, on the way to
the first alert after a crash (the detector process is the longest part of a restart). Nothing the detectors run
needs them: spaCy itself imports ``spacy.cli`` nowhere else.

:func:`import_spacy` imports spaCy with two placeholder modules standing in for ``spacy.cli`` and
``spacy.cli.info`` during that one import, then removes them: a later ``import spacy.cli`` (or ``spacy.info()``,
which imports it on its first call) gets the real command line. When spaCy is imported already, it changes
nothing. Checked against spaCy 3.8 (pyproject.toml pins ``<3.9``); ``tests/unit/detectors/test_spacy_import.py``
checks that the detectors read the same with it.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_PLACEHOLDERS = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real one, imported on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """``import spacy``, skipping ``spacy.cli`` if spaCy is not imported yet (see the module docstring)."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _PLACEHOLDERS):
        import spacy

        return spacy
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    finally:
        for name, placeholder in zip(_PLACEHOLDERS, (cli, info), strict=True):
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and getattr(loaded, "cli", None) is cli:
            delattr(loaded, "cli")
    return spacy  # its ``info`` is :func:`_info` (bound by its ``from .cli.info import info``)
