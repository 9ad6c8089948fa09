"""Structured logs: plain text for people, one JSON object per line for machines (``--log-format json``).

Context travels as ``extra``: ``log.info("…", extra={"article_id": …, "story_key": …})``; the text format
appends it as ``key=value``, the JSON format as fields, so every line about an article or a story carries its
id. Redaction runs in the formatters, on the final text (message with its arguments, and tracebacks): apprise
URLs carry tokens and passwords (``slack://T0/B0/XYZ``, ``mailto://user:pass@host``), so any URL whose scheme
is not http(s) becomes ``scheme://…#hash``, http(s) URLs lose their userinfo and secret-looking query values,
and the configured receiver URLs are replaced wherever they appear.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import logging.config
import re
import time
from collections.abc import Iterable
from typing import Any

import orjson

FORMATS = ("text", "json")
CONTEXT_FIELDS = ("article_id", "story_key", "story_id", "detection_id", "receiver", "target", "topic",
                  "partition", "offset", "reason")
_URL = re.compile(r"\b([a-zA-Z][a-zA-Z0-9+.-]{1,20})://[^\s\"'<>]+")
_SECRET_QUERY = re.compile(r"(?i)([?&](?:token|key|apikey|api_key|secret|password|pass|pwd|sig|signature|auth|"
                           r"access_token|webhook)=)[^&#\s]+")
_USERINFO = re.compile(r"^([a-z]+://)[^/@\s]+@")
# URLs of these schemes keep their host and path (userinfo and secret query values still go); every other
# scheme is an apprise target or unknown, and is replaced whole.
KEEP_SCHEMES = frozenset({"http", "https", "kafka", "memory", "rocksdb"})


def _hash(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:8]


def redact_url(url: str) -> str:
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    if rest.startswith("…"):  # already redacted
        return url
    if scheme not in KEEP_SCHEMES:
        return f"{scheme}://…#{_hash(url)}"  # same shape as alerts.delivery.redact
    return _SECRET_QUERY.sub(r"\1…", _USERINFO.sub(r"\1…@", url))


class Redactor:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # longest first, so a URL is replaced before a secret it contains
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, redact_url(secret) if "://" in secret else "…")
        return _URL.sub(lambda m: redact_url(m.group(0)), text)


def _context(record: logging.LogRecord) -> dict[str, Any]:
    return {k: getattr(record, k) for k in CONTEXT_FIELDS if getattr(record, k, None) is not None}


class TextFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.redact = Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = _context(record)
        if context:
            head, sep, tail = line.partition("\n")
            line = head + " " + " ".join(f"{k}={v}" for k, v in context.items()) + sep + tail
        return self.redact(line)


class JsonFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.redact = Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z"
        out: dict[str, Any] = {"ts": ts, "level": record.levelname.lower(), "logger": record.name,
                               "message": self.redact(record.getMessage())}
        out.update({k: self.redact(str(v)) if isinstance(v, str) else v for k, v in _context(record).items()})
        if record.exc_info:
            out["exception"] = self.redact(self.formatException(record.exc_info))
        return orjson.dumps(out, default=str).decode()


def formatter(fmt: str, secrets: Iterable[str] = ()) -> logging.Formatter:
    if fmt not in FORMATS:
        raise ValueError(f"unknown log format {fmt!r}; one of {', '.join(FORMATS)}")
    return JsonFormatter(secrets) if fmt == "json" else TextFormatter(secrets)


def dict_config(fmt: str, level: str | int, secrets: Iterable[str] = ()) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dict (faust's Worker takes it as ``logging_config``)."""
    level_name = level if isinstance(level, str) else logging.getLevelName(level)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"wirewatch": {"()": formatter, "fmt": fmt, "secrets": list(secrets)}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "wirewatch",
                                "stream": "ext://sys.stderr"}},
        "root": {"level": level_name.upper(), "handlers": ["stderr"]},
    }


def configure(fmt: str, level: str | int, secrets: Iterable[str] = ()) -> None:
    logging.config.dictConfig(dict_config(fmt, level, secrets))


def add_arguments(parser: argparse.ArgumentParser, *, default: Any = "text") -> None:
    parser.add_argument("--log-format", choices=FORMATS, default=default,
                        help="text (default) or json: one object per line, secrets redacted")


def config_secrets(config: Any) -> list[str]:
    """The strings of a config that must never reach a log line: every receiver URL, the Kafka password."""
    kafka = getattr(config, "sections", {}).get("kafka", {})
    password = [str(kafka["sasl_password"])] if kafka.get("sasl_password") else []
    return [url for receiver in getattr(config, "receivers", ()) for url in receiver.urls] + password
