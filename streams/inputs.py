"""Files, directories and stdin → articles (or precise errors), for ``scan`` and ``publish``.

A .txt/.md file is one article whose first line is its title; a .jsonl file holds one article per line;
a directory is walked in name order. ``-`` reads stdin (JSON Lines when it starts with ``{``).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from detectors.contracts import DEFAULT_MAX_MESSAGE_BYTES, Article, InvalidArticle, decode_article

TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class Item:
    """One input unit: an article, or the error that made it invalid, with where it came from."""

    origin: str  # "path" or "path:line"
    article: Article | None = None
    error: InvalidArticle | None = None
    raw: bytes = b""


def text_article(text: str, origin: str) -> Article:
    stripped = text.strip()
    if not stripped:
        raise InvalidArticle("empty_text", "the file holds no text")
    title = stripped.splitlines()[0].strip()
    return Article.create(text, title=title, source=os.path.basename(origin))


def _jsonl_items(lines: Iterator[bytes], origin: str, max_bytes: int) -> Iterator[Item]:
    for n, line in enumerate(lines, start=1):
        raw = line.rstrip(b"\r\n")
        if not raw.strip():
            continue
        where = f"{origin}:{n}"
        try:
            yield Item(where, article=decode_article(raw, max_bytes=max_bytes), raw=raw)
        except InvalidArticle as exc:
            yield Item(where, error=exc, raw=raw)


def _text_item(raw: bytes, origin: str, max_bytes: int) -> Item:
    if len(raw) > max_bytes:
        return Item(origin, error=InvalidArticle(
            "too_large", f"the file is {len(raw):,} bytes, the limit is {max_bytes:,}"), raw=b"")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Item(origin, error=InvalidArticle("not_utf8", f"invalid UTF-8 at byte {exc.start}"), raw=raw)
    try:
        return Item(origin, article=text_article(text, origin), raw=raw)
    except InvalidArticle as exc:
        return Item(origin, error=exc, raw=raw)


def _walk(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                yield child
    else:
        yield path


def _stdin_items(stdin: BinaryIO, input_format: str, max_bytes: int) -> Iterator[Item]:
    """JSON Lines are read (and yielded) a line at a time, as they arrive; text is read to the end."""
    head: list[bytes] = []
    if input_format == "auto":  # JSON Lines when the first non-blank line starts with "{"
        while (line := stdin.readline()) and not line.strip():
            head.append(line)
        head.append(line)
        input_format = "jsonl" if line.lstrip()[:1] == b"{" else "text"
    if input_format == "jsonl":
        yield from _jsonl_items(itertools.chain(head, iter(stdin.readline, b"")), "<stdin>", max_bytes)
    else:
        yield _text_item(b"".join(head) + stdin.read(), "<stdin>", max_bytes)


def read_items(
    paths: list[str], input_format: str = "auto", max_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
) -> Iterator[Item]:
    """Every article (or error) in ``paths``; ``-`` is stdin. Never raises for one bad input."""
    for spec in paths or ["-"]:
        if spec == "-":
            yield from _stdin_items(sys.stdin.buffer, input_format, max_bytes)
            continue
        root = Path(spec)
        if not root.exists():
            yield Item(spec, error=InvalidArticle("not_found", "no such file or directory"))
            continue
        for path in _walk(root):
            fmt = input_format
            if fmt == "auto":
                fmt = "jsonl" if path.suffix.lower() in JSONL_SUFFIXES else "text"
            try:
                if fmt == "jsonl":
                    with path.open("rb") as fh:
                        yield from _jsonl_items(iter(fh), str(path), max_bytes)
                else:
                    yield _text_item(path.read_bytes(), str(path), max_bytes)
            except OSError as exc:
                yield Item(str(path), error=InvalidArticle("unreadable", exc.strerror or str(exc)))
