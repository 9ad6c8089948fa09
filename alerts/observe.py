"""What a target answered during one apprise call: HTTP status, ``Retry-After``, apprise's own warnings.

Why this exists (measured with apprise 2.3.0 against a real local server answering 429 + ``Retry-After: 2``):
apprise's HTTP plugins (json, mmost, slack, discord, …) make one request, log ``error=429`` and return
``False``; the status code reaches the caller only as log text and the ``Retry-After`` header not at all. With
``?retry=N`` apprise retries after a fixed ``wait`` (0.5 s), ignoring ``Retry-After``. To honour it we observe
the responses apprise receives: ``requests.Session.send`` is wrapped once, and the wrapper only *records* the
response when the calling thread is inside ``observing()`` — it changes nothing that is sent or returned, and
costs nothing to other threads. A custom apprise plugin would cover one scheme; this covers every HTTP plugin.
Apprise's warnings are captured the same way (a handler that records only for an observing thread) so a
failed target has a readable error.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import requests

_local = threading.local()
_install_lock = threading.Lock()
_installed = False


@dataclass
class Observation:
    statuses: list[int] = field(default_factory=list)
    retry_after: float | None = None  # seconds, from the last response carrying the header
    warnings: list[str] = field(default_factory=list)

    @property
    def status(self) -> int | None:
        return self.statuses[-1] if self.statuses else None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` is delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _Warnings(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        obs: Observation | None = getattr(_local, "current", None)
        if obs is not None and record.levelno >= logging.WARNING:
            obs.warnings.append(record.getMessage()[:500])


def install() -> None:
    """Wrap ``requests.Session.send`` and hook apprise's logger, once per process."""
    global _installed
    with _install_lock:
        if _installed:
            return
        original = requests.Session.send

        def send(self: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
            response = original(self, request, **kwargs)
            obs: Observation | None = getattr(_local, "current", None)
            if obs is not None:
                obs.statuses.append(response.status_code)
                after = parse_retry_after(response.headers.get("Retry-After"))
                if after is not None:
                    obs.retry_after = after
            return response

        send.__wrapped__ = original  # type: ignore[attr-defined]
        requests.Session.send = send  # type: ignore[method-assign]
        logging.getLogger("apprise").addHandler(_Warnings(logging.WARNING))
        _installed = True


@contextlib.contextmanager
def observing() -> Iterator[Observation]:
    install()
    previous = getattr(_local, "current", None)
    obs = Observation()
    _local.current = obs
    try:
        yield obs
    finally:
        _local.current = previous
