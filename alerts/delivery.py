"""The thin adapter to apprise (and the console). Blocking: callers run it off the event loop's thread.

Retries live here, in one place: each apprise target is tried up to ``attempts`` times with exponential
backoff. The result of every target is returned so callers can record it; URLs are never logged whole
(they carry secrets), only their scheme and a short hash.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

import apprise

from alerts.config import Config, Receiver
from alerts.dispatch import Notification
from alerts.render import headline, render_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryResult:
    receiver: str
    target: str  # redacted: scheme + hash, never the URL
    ok: bool
    attempts: int
    error: str | None = None


def redact(url: str) -> str:
    scheme = url.split("://", 1)[0] if "://" in url else "?"
    return f"{scheme}://…#{hashlib.sha256(url.encode()).hexdigest()[:8]}"


class Deliverer:
    def __init__(
        self,
        config: Config,
        console: TextIO | None = None,
        attempts: int = 3,
        backoff_s: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.console = console or sys.stdout
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.sleep = sleep
        self._targets: dict[str, apprise.Apprise] = {}

    def _target(self, url: str) -> apprise.Apprise:
        target = self._targets.get(url)
        if target is None:
            target = apprise.Apprise()
            if not target.add(url):
                raise ValueError(f"apprise does not understand the URL {redact(url)}")
            self._targets[url] = target
        return target

    def deliver(self, note: Notification) -> list[DeliveryResult]:
        receiver = self.config.receiver(note.receiver)
        results = []
        if receiver.console:
            print(render_text(note), file=self.console, flush=True)
            print(file=self.console, flush=True)
            results.append(DeliveryResult(receiver.name, "console", True, 1))
        for url in receiver.urls:
            results.append(self._send(receiver, url, note))
        return results

    def _send(self, receiver: Receiver, url: str, note: Notification) -> DeliveryResult:
        error = None
        for attempt in range(1, self.attempts + 1):
            try:
                ok = self._target(url).notify(title=headline(note), body=render_text(note),
                                              body_format=apprise.NotifyFormat.TEXT)
                error = None if ok else "target refused the notification"
            except ValueError as exc:  # a URL apprise cannot parse will not get better by retrying
                return DeliveryResult(receiver.name, redact(url), False, attempt, str(exc))
            if ok:
                return DeliveryResult(receiver.name, redact(url), True, attempt)
            if attempt < self.attempts:
                self.sleep(self.backoff_s * 2 ** (attempt - 1))
        log.warning("delivery to %s for receiver %s failed after %d attempts: %s",
                    redact(url), receiver.name, self.attempts, error)
        return DeliveryResult(receiver.name, redact(url), False, self.attempts, error)
