"""Lenient reading of the dates and language tags scrapers send, normalised once on the Article.

trafilatura, most RSS/Atom feeds and many scrapers emit bare dates ("2024-01-08"), timestamps without a zone
("2024-01-08 10:15:00") or RFC 2822 dates ("Mon, 08 Jan 2024 10:15:00 +0100"). Each is read here and turned
into one form, RFC 3339 in UTC with a ``Z`` ("2024-01-08T09:15:00Z"), so event-time windows and ordering
compare like with like. A value that none of the accepted forms reads is an error with the forms listed.

Language tags: BCP-47 and upper-case tags (``en-US``, ``EN``, ``pt_BR``) become their primary subtag (``en``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

ACCEPTED_FORMS = "RFC 3339, a bare date (YYYY-MM-DD), a timestamp without a zone (read as UTC) or RFC 2822"

_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ISO 8601 date and time, 'T' or a space between them, optional fraction, optional zone (Z or ±hh:mm / ±hhmm)
_ISO = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)\s*([Zz]|[+-]\d{2}:?\d{2})?$"
)
_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


class InvalidValue(ValueError):
    """A date or language tag no accepted form reads."""


def _utc_z(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    spec = "milliseconds" if moment.microsecond else "seconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


def normalise_timestamp(value: str) -> tuple[str, str | None]:
    """``value`` as RFC 3339 UTC, and a note when it was read leniently (None when it was RFC 3339 already).

    >>> normalise_timestamp("2024-01-08")
    ('2024-01-08T00:00:00Z', 'a date without a time: read as 00:00 UTC')
    >>> normalise_timestamp("2024-01-08T10:15:00+01:00")
    ('2024-01-08T09:15:00Z', None)
    """
    text = value.strip()
    if not text or len(text) > 64:
        raise InvalidValue(f"{value[:64]!r} is not a date; accepted: {ACCEPTED_FORMS}")
    if _BARE_DATE.match(text):
        try:
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            raise InvalidValue(f"{text!r} is not a calendar date") from None
        return _utc_z(day), "a date without a time: read as 00:00 UTC"
    iso = _ISO.match(text)
    if iso:
        day, clock, zone = iso.groups()
        clock = clock.replace(",", ".")
        if clock.count(":") == 1:
            clock += ":00"
        if zone and zone not in ("Z", "z") and ":" not in zone:
            zone = zone[:3] + ":" + zone[3:]
        try:
            moment = datetime.fromisoformat(f"{day}T{clock}{'+00:00' if zone in (None, 'Z', 'z') else zone}")
        except ValueError:
            raise InvalidValue(f"{text!r} is not a valid date and time") from None
        return _utc_z(moment), None if zone else "a time without a zone: read as UTC"
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        raise InvalidValue(f"{text!r} is not a date; accepted: {ACCEPTED_FORMS}") from None
    if moment.tzinfo is None:  # RFC 2822 '-0000' means "zone unknown"
        return _utc_z(moment.replace(tzinfo=UTC)), "an RFC 2822 date without a zone: read as UTC"
    return _utc_z(moment), "an RFC 2822 date"


def parse_timestamp(value: str | None) -> datetime | None:
    """An aware datetime for any accepted form, or None for None/unreadable values (never raises)."""
    if not value:
        return None
    try:
        text, _ = normalise_timestamp(value)
    except InvalidValue:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def normalise_language(tag: str) -> str:
    """The primary subtag of a BCP-47 or upper-case language tag: ``en-US`` → ``en``, ``DE`` → ``de``."""
    match = _LANG_TAG.match(tag.strip())
    if not match:
        raise InvalidValue(f"{tag[:32]!r} is not a language tag (ISO 639-1 such as 'de', or BCP-47 such as 'en-US')")
    return match.group(1).lower()
