"""Wirewatch detectors: article → detections (language id, spaCy pipelines, event detectors, evaluation).

``Pipeline`` is imported lazily so that ``import detectors`` (and ``detectors.contracts``) never loads spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detectors.pipeline import Pipeline

__all__ = ["Pipeline"]


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from detectors.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'detectors' has no attribute {name!r}")
