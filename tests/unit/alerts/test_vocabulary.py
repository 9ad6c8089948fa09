"""The alert words: str-valued (the wire stays as it was), suppression reasons only for outcomes that exist,
failure reasons a bounded set."""

from __future__ import annotations

import json

import pytest

from alerts.vocabulary import SUPPRESSED_REASONS, FailureReason, Outcome, SuppressedReason, failure_reason


def test_every_suppressed_reason_belongs_to_an_outcome_the_pipeline_emits() -> None:
    assert set(SUPPRESSED_REASONS) <= set(Outcome)
    assert set(SUPPRESSED_REASONS.values()) == set(SuppressedReason)
    assert "repeat" not in SUPPRESSED_REASONS  # nothing emits a "repeat" outcome; a replay counts as repeat
    assert SUPPRESSED_REASONS[Outcome.REPLAY] == "repeat"
    assert Outcome.PENDING not in SUPPRESSED_REASONS  # group_wait will send it


def test_words_serialise_as_plain_strings() -> None:
    assert json.dumps({"outcome": Outcome.SENT}) == '{"outcome": "sent"}'


@pytest.mark.parametrize(("error", "reason"), [
    ("apprise does not understand 'x://'", FailureReason.BAD_URL),
    ("Target refused the connection", FailureReason.REFUSED),
    ("read timed out", FailureReason.TIMEOUT),
    ("HTTP 500", FailureReason.ERROR),
    (None, FailureReason.ERROR),
])
def test_failure_reasons(error: str | None, reason: FailureReason) -> None:
    assert failure_reason(error) == reason
