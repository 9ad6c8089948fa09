"""The thin adapter to apprise (and the console). Blocking: callers run it off the event loop's thread.

Retries live here, in one place. Each apprise plugin is built with ``retry=0`` (apprise's own retry loop is
bypassed: we call the plugin, not ``Apprise.notify``) and socket timeouts of ``timeout_s``; then each target
is tried up to ``attempts`` times:

* success → done; a URL apprise cannot parse, or an HTTP 4xx other than 408/429 → no retry (it will not heal);
* HTTP 429 with ``Retry-After`` → wait that long (``alerts.observe`` reads it; apprise does not surface it),
  or give up at once when it asks for more than ``max_retry_after_s``;
* anything else → exponential backoff ``backoff_s * 2**n`` capped at ``max_backoff_s``.

Generic webhook targets (apprise ``json://``, ``xml://``, ``form://`` and their TLS forms) get an
``Idempotency-Key`` header (draft-ietf-httpapi-idempotency-key-header): a hash of the notification key, the same
on every try and every re-send of one alert, so a receiver that honours it sees each alert once even when a
crash between its answer and our record makes us send again. Chat and mail targets have no such field.

Every attempt becomes a history record (``alerts.history``) on the returned ``DeliveryResult``; a result that
is still failed is the caller's to dead-letter. URLs are never logged or recorded whole (they carry secrets):
``redact`` keeps the scheme and a short hash.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlsplit

import apprise

from alerts.channels import channel_for
from alerts.config import Config, Receiver
from alerts.notes import Notification
from alerts.observe import observing
from alerts.render import Rendered, render, render_text
from alerts.vocabulary import DeliveryOutcome

log = logging.getLogger(__name__)

_URLISH = re.compile(r"[a-z][a-z0-9+.-]*://(?!…#)\S+", re.IGNORECASE)
_NOTIFY_FORMATS = {"text": apprise.NotifyFormat.TEXT, "markdown": apprise.NotifyFormat.MARKDOWN,
                   "html": apprise.NotifyFormat.HTML}


@dataclass(frozen=True)
class DeliveryResult:
    receiver: str
    target: str  # redacted: scheme + hash, never the URL
    ok: bool
    attempts: int
    error: str | None = None
    history: tuple[dict[str, Any], ...] = field(default=(), compare=False)


IDEMPOTENCY_HEADER = "Idempotency-Key"
WEBHOOK_SCHEMES = frozenset({"json", "jsons", "xml", "xmls", "form", "forms"})  # apprise's generic webhooks


BOT_NAME = "Wirewatch"
ICON = "wirewatch-icon.png"  # package data of alerts.assets


def bot_asset(icon_url: str | None) -> apprise.AppriseAsset:
    """How the chat bot presents itself: "Wirewatch" (Mattermost's and Slack's username, the User-Agent, …) with
    the shipped icon where a target uploads a local image, and ``alerts.icon_url`` where it needs a URL (without
    one, no icon: never apprise's)."""
    icon = Path(str(resources.files("alerts.assets").joinpath(ICON)))
    return apprise.AppriseAsset(app_id=BOT_NAME, app_desc="Wirewatch news event alerts",
                                image_url_mask=icon_url,
                                image_url_logo=icon_url, image_path_mask=str(icon))


def idempotency_key(note: Notification) -> str:
    """The same for every try and re-send of one alert; another alert (or a re-alert round) gets another."""
    return '"' + hashlib.blake2b(note.key.encode(), digest_size=16).hexdigest() + '"'


def redact(url: str) -> str:
    if url == "console":
        return url
    scheme = url.split("://", 1)[0] if "://" in url else "?"
    return f"{scheme}://…#{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def scrub(text: str, url: str | None = None) -> str:
    """Remove anything URL-shaped from an error message before it is logged or recorded, and every part of
    ``url`` that could identify or authenticate (host, user, password, path segments, query values)."""
    text = _URLISH.sub(lambda m: redact(m.group(0)), text)
    if url:
        parts = urlsplit(url)
        secrets = [parts.hostname, parts.username, parts.password,
                   *parts.path.split("/"), *(v for _, v in parse_qsl(parts.query))]
        for secret in sorted({s for s in secrets if s and len(s) >= 3}, key=len, reverse=True):
            text = text.replace(secret, "…")
    return text


class Deliverer:
    def __init__(
        self,
        config: Config,
        console: TextIO | None = None,
        attempts: int = 4,
        backoff_s: float = 0.5,
        max_backoff_s: float = 30.0,
        max_retry_after_s: float = 120.0,
        timeout_s: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.console = console or sys.stdout
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_retry_after_s = max_retry_after_s
        self.timeout_s = timeout_s
        self.sleep = sleep
        self.clock = clock
        self._local = threading.local()  # plugins per delivery thread: a plugin's headers change per alert
        self._templates: dict[str, str] = {}
        self._asset = bot_asset(getattr(config, "icon_url", None))

    # -- rendering -------------------------------------------------------------------------------------------
    def template_source(self, receiver: Receiver) -> str | None:
        """The receiver's own template file (``receivers[].template``), relative to the config file."""
        path = getattr(receiver, "template", None)
        if not path:
            return None
        if path not in self._templates:
            p = Path(path)
            if not p.is_absolute() and self.config.source not in ("<defaults>", ""):
                p = Path(self.config.source).parent / p
            self._templates[path] = p.read_text("utf-8")
        return self._templates[path]

    def render_for(self, receiver: Receiver, url: str, note: Notification) -> Rendered:
        return render(note, channel_for(url), self.template_source(receiver))

    def preview(self, note: Notification) -> list[tuple[str, Rendered]]:
        """(redacted target, what it would receive) for every target of the note's receiver."""
        receiver = self.config.receiver(note.receiver)
        out = []
        if receiver.console:
            out.append(("console", Rendered("console", "", render_text(note) + "\n", "text")))
        out.extend((redact(url), self.render_for(receiver, url, note)) for url in receiver.urls)
        return out

    # -- sending ---------------------------------------------------------------------------------------------
    def _plugin(self, url: str) -> Any:
        plugins = self._local.__dict__.setdefault("plugins", {})
        plugin = plugins.get(url)
        if plugin is None:
            plugin = apprise.Apprise.instantiate(url, asset=self._asset)
            if plugin is None:
                raise ValueError(f"apprise does not understand the URL {redact(url)}")
            plugin.retry = 0  # retries are ours (see the module docstring)
            timeout = getattr(self._receiver_of(url), "timeout", None) or self.timeout_s
            plugin.socket_connect_timeout = plugin.socket_read_timeout = float(timeout)
            plugin.wirewatch_headers = dict(getattr(plugin, "headers", None) or {})  # the URL's own (+Header=…)
            plugins[url] = plugin
        return plugin

    def _receiver_of(self, url: str) -> Receiver | None:
        return next((r for r in self.config.receivers if url in r.urls), None)

    def deliver(self, note: Notification, targets: Collection[str] | None = None,
                replay: bool = False) -> list[DeliveryResult]:
        """Send ``note`` to its receiver's targets (only the redacted ``targets`` given, for a replay)."""
        receiver = self.config.receiver(note.receiver)
        results = []
        if receiver.console and (targets is None or "console" in targets):
            started = time.monotonic()
            print(render_text(note), file=self.console, flush=True)
            print(file=self.console, flush=True)
            record = self._record(note, "console", "text", 1, DeliveryOutcome.DELIVERED, started, replay=replay)
            results.append(DeliveryResult(receiver.name, "console", True, 1, history=(record,)))
        for url in receiver.urls:
            if targets is None or redact(url) in targets:
                results.append(self._send(receiver, url, note, replay))
        return results

    def _record(self, note: Notification, target: str, channel: str, attempt: int, outcome: DeliveryOutcome,
                started: float, replay: bool, **extra: Any) -> dict[str, Any]:
        record = {"at": self.clock(), "key": note.key, "story_id": note.story_id, "receiver": note.receiver,
                  "target": target, "channel": channel, "attempt": attempt, "outcome": outcome,
                  "elapsed_ms": round((time.monotonic() - started) * 1000)}
        record.update({k: v for k, v in extra.items() if v is not None})
        if replay:
            record["replay"] = True
        return record

    def _send(self, receiver: Receiver, url: str, note: Notification, replay: bool) -> DeliveryResult:
        target = redact(url)
        history: list[dict[str, Any]] = []
        channel = channel_for(url)
        try:
            plugin = self._plugin(url)
            rendered = self.render_for(receiver, url, note)
        except (ValueError, OSError) as exc:  # a bad URL or template does not heal by retrying
            error = scrub(str(exc), url)
            history.append(self._record(note, target, channel.name, 1, DeliveryOutcome.FAILED, time.monotonic(), replay,
                                        error=error))
            log.warning("delivery to %s for receiver %s impossible: %s", target, receiver.name, error)
            return DeliveryResult(receiver.name, target, False, 1, error, tuple(history))
        if url.split("://", 1)[0].lower() in WEBHOOK_SCHEMES:
            plugin.headers = {**plugin.wirewatch_headers, IDEMPOTENCY_HEADER: idempotency_key(note)}
        error: str | None = None
        attempt = 0
        for attempt in range(1, self.attempts + 1):
            started = time.monotonic()
            with observing() as seen:
                try:
                    ok = bool(plugin.notify(body=rendered.body, title=rendered.title,
                                            body_format=_NOTIFY_FORMATS[rendered.body_format]))
                except Exception as exc:  # a plugin bug is this target's failure, never the worker's
                    ok = False
                    seen.warnings.append(f"{type(exc).__name__}: {exc}")
            if ok:
                history.append(self._record(note, target, channel.name, attempt, DeliveryOutcome.DELIVERED, started,
                                            replay, status=seen.status))
                return DeliveryResult(receiver.name, target, True, attempt, history=tuple(history))
            error = scrub(f"HTTP {seen.status}" if seen.status else
                          (seen.warnings[-1] if seen.warnings else "target refused the notification"), url)
            wait, final = self._next_wait(attempt, seen.status, seen.retry_after)
            if wait is not None and wait > self.max_retry_after_s:
                error += f" (Retry-After {wait:.0f}s exceeds {self.max_retry_after_s:.0f}s)"
            outcome = DeliveryOutcome.FAILED if final else DeliveryOutcome.RETRYING
            history.append(self._record(note, target, channel.name, attempt, outcome, started, replay,
                                        status=seen.status, retry_after=seen.retry_after, error=error))
            if final:
                break
            self.sleep(wait or 0.0)
        log.warning("delivery to %s for receiver %s failed after %d attempt(s): %s",
                    target, receiver.name, attempt, error)
        return DeliveryResult(receiver.name, target, False, attempt, error, tuple(history))

    def _next_wait(self, attempt: int, status: int | None, retry_after: float | None) -> tuple[float | None, bool]:
        """(seconds to wait, whether this was the last attempt)."""
        if attempt >= self.attempts:
            return None, True
        if status is not None and 400 <= status < 500 and status not in (408, 429):
            return None, True
        if status == 429 and retry_after is not None:
            return retry_after, retry_after > self.max_retry_after_s
        return min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1)), False
