"""The alert pipeline's words in one place: what happened to a detection, to a notification, to a delivery.

Every word is a str-valued enum (``StrEnum``), so logs, metrics labels, changelog records and JSON carry the same
strings as before. The event words (types, statuses, levels, forms) come from the detector registry and are
re-exported from ``detectors.vocabulary``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from detectors.vocabulary import FORMS, LEVELS, STATUSES, TYPE_STATUSES, TYPES, EventType, Form, Level, Status

__all__ = [
    "FAILURE_REASONS", "FORMS", "LEVELS", "STATUSES", "SUPPRESSED_REASONS", "TYPES", "TYPE_STATUSES",
    "DeliveryOutcome", "EntryState", "EventType", "FailureReason", "Form", "Kind", "Level", "Outcome", "Settled",
    "Status", "SuppressedReason", "failure_reason",
]


class Outcome(StrEnum):
    """What the pipeline did with one detection for one receiver (``Decision.outcomes``)."""

    SENT = "sent"              # a first alert (or a re-alert after repeat_interval) is out
    FOLLOWUP = "followup"      # the one follow-up after group_interval is out
    PENDING = "pending"        # waiting group_wait for more outlets
    GROUPED = "grouped"        # merged into an alert already sent, waiting or queued
    REPLAY = "replay"          # this article was already counted (a replay after a restart)
    RESEND = "resend"          # recorded but never confirmed delivered: delivering again
    SILENCED = "silenced"
    INHIBITED = "inhibited"
    HELD = "held"              # the receiver's rate limit: held for a catch-up digest
    DIGEST = "digest"          # queued for (or handed to) the receiver's digest
    BACKGROUND = "background"  # a background mention of an earlier event: never alerts as new


class Kind(StrEnum):
    """A notification's kind (``Notification.kind``)."""

    NEW = "new"
    FOLLOWUP = "followup"
    DIGEST = "digest"


class EntryState(StrEnum):
    """Where one story × receiver × status stands in the notification log."""

    PENDING = "pending"  # group_wait running
    QUEUED = "queued"    # waiting for the digest
    HELD = "held"        # held back by the rate limit
    SENT = "sent"        # an alert went out (follow-ups and re-alerts may follow)


class DeliveryOutcome(StrEnum):
    """One attempt at one target, in the delivery history (``alerts.history``)."""

    DELIVERED = "delivered"
    RETRYING = "retrying"
    FAILED = "failed"


class Settled(StrEnum):
    """What a delivery's results did to its notification (``alerts.settle``)."""

    DELIVERED = "delivered"  # every target took it: out of the outbox
    RETRYING = "retrying"    # a target failed: kept in the outbox for another try after a backoff
    DEAD = "dead"            # still failing after the retry window: dead-lettered, out of the outbox


class SuppressedReason(StrEnum):
    """The ``reason`` label of ``wirewatch_alerts_suppressed_total``."""

    GROUPED = "grouped"
    REPEAT = "repeat"
    SILENCED = "silenced"
    INHIBITED = "inhibited"
    HELD = "held"
    BACKGROUND = "background"


# Outcomes that mean "no message for this detection", and the suppression reason each one is counted under.
# "pending" is not a suppression: group_wait will send it.
SUPPRESSED_REASONS: Mapping[str, SuppressedReason] = {
    Outcome.GROUPED: SuppressedReason.GROUPED,
    Outcome.REPLAY: SuppressedReason.REPEAT,
    Outcome.SILENCED: SuppressedReason.SILENCED,
    Outcome.INHIBITED: SuppressedReason.INHIBITED,
    Outcome.HELD: SuppressedReason.HELD,
    Outcome.BACKGROUND: SuppressedReason.BACKGROUND,
}


class FailureReason(StrEnum):
    """The ``reason`` label of ``wirewatch_alerts_failed_total``: a bounded set."""

    BAD_URL = "bad_url"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    ERROR = "error"


# Matched anywhere in ``DeliveryResult.error`` (lower-cased), first match wins.
FAILURE_REASONS: tuple[tuple[str, FailureReason], ...] = (
    ("apprise does not understand", FailureReason.BAD_URL),
    ("target refused", FailureReason.REFUSED),
    ("timeout", FailureReason.TIMEOUT),
    ("timed out", FailureReason.TIMEOUT),
)


def failure_reason(error: str | None) -> FailureReason:
    text = (error or "").lower()
    for fragment, reason in FAILURE_REASONS:
        if fragment in text:
            return reason
    return FailureReason.ERROR


