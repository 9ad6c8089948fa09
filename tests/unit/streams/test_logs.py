"""Structured logs: the JSON format, context on every line about an article or story, secrets redacted."""

from __future__ import annotations

import io
import json
import logging

import pytest

from streams.logs import JsonFormatter, Redactor, TextFormatter, dict_config, redact_url

SLACK = "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7F"
MAIL = "mailto://desk:hunter2-secret@mail.example.org?to=desk@example.org"


@pytest.mark.parametrize(("text", "must_not_contain", "must_contain"), [
    (f"delivery to {SLACK} failed", "TIiajkdnlazkcOXrIdevi7F", "slack://…#"),
    (f"bad url {MAIL}", "hunter2-secret", "mailto://…#"),
    ("GET https://bob:pw123@hooks.example.org/x?token=abcdef&x=1", "pw123", "https://…@hooks.example.org/x"),
    ("GET https://hooks.example.org/x?token=abcdef&x=1", "abcdef", "?token=…&x=1"),
    ("article https://example.org/news/42 read", "\0", "https://example.org/news/42"),  # article URLs stay
    ("broker kafka://127.0.0.1:9092 up", "\0", "kafka://127.0.0.1:9092"),
])
def test_redaction(text: str, must_not_contain: str, must_contain: str) -> None:
    out = Redactor()(text)
    assert must_not_contain not in out
    assert must_contain in out


def test_configured_secrets_are_redacted_even_outside_a_url() -> None:
    redact = Redactor([SLACK, "s3cr3t-value"])
    out = redact(f"token s3cr3t-value and {SLACK}")
    assert "s3cr3t-value" not in out and "TIiajkdnlazkcOXrIdevi7F" not in out
    assert redact_url(SLACK) in out


def record(msg: str, *args: object, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("wirewatch.worker", logging.INFO, __file__, 1, msg, args, None)
    for k, v in extra.items():
        setattr(rec, k, v)
    return rec


def test_json_lines_carry_the_context_fields() -> None:
    line = JsonFormatter([MAIL]).format(record("alert to %s failed", MAIL, article_id="a1", story_key="ceasefire|LY",
                                               story_id="s-1", receiver="desk"))
    obj = json.loads(line)
    assert obj["level"] == "info" and obj["logger"] == "wirewatch.worker" and obj["ts"].endswith("Z")
    assert obj["article_id"] == "a1" and obj["story_key"] == "ceasefire|LY" and obj["story_id"] == "s-1"
    assert "hunter2" not in line


def test_text_lines_append_the_context() -> None:
    line = TextFormatter().format(record("article %s: detection", "a1", article_id="a1", story_key="meeting|IT"))
    assert line.endswith("wirewatch.worker: article a1: detection article_id=a1 story_key=meeting|IT")


def test_tracebacks_are_redacted_too() -> None:
    try:
        raise ValueError(f"cannot reach {MAIL}")
    except ValueError:
        import sys

        rec = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    for fmt in (JsonFormatter(), TextFormatter()):
        assert "hunter2" not in fmt.format(rec)


def test_dict_config_drives_the_root_logger() -> None:
    stream = io.StringIO()
    config = dict_config("json", "INFO", [SLACK])
    config["handlers"]["stderr"]["stream"] = stream
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        logging.config.dictConfig(config)
        logging.getLogger("wirewatch.test").info("sending to %s", SLACK, extra={"article_id": "x"})
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
    obj = json.loads(stream.getvalue())
    assert obj["article_id"] == "x" and "TIiajk" not in obj["message"]
