"""The team's shared data (``../shared`` beside the checkout, or ``$WIREWATCH_SHARED``): found, or a one-line skip.

A clone of the repository has no ``../shared``; tests that need it skip, saying what is missing and where it
comes from. CI sets ``WIREWATCH_REQUIRE_SHARED=1`` (``.ci/run``): there a missing file fails the test, so CI never
skips them silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIREWATCH_SHARED") or REPO.parent / "shared")
REQUIRE_SHARED = os.environ.get("WIREWATCH_REQUIRE_SHARED", "") not in ("", "0")


def require_shared(path: Path, what: str) -> Path:
    """``path``, or skip the test with one line (fail it under ``WIREWATCH_REQUIRE_SHARED=1``)."""
    if path.exists():
        return path
    message = (f"{what} not found at {path}: the team's shared data, not in the repository "
               f"(put it at ../shared beside the checkout or set WIREWATCH_SHARED=DIR)")
    if REQUIRE_SHARED:
        pytest.fail(f"WIREWATCH_REQUIRE_SHARED=1: {message}", pytrace=False)
    pytest.skip(message)
