"""A progress line on a terminal only: never when stderr is not a TTY, so logs, pipes and CI output stay clean.

tqdm writes to stderr, beside our one-line errors; with ``--log-format json`` or a redirected stderr nothing is
drawn. ``WIREWATCH_PROGRESS=0`` turns it off on a terminal too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def enabled() -> bool:
    return sys.stderr.isatty() and os.environ.get("WIREWATCH_PROGRESS", "1") != "0"


def progress(items: Iterable[T], what: str, unit: str = "item", total: int | None = None) -> Iterator[T]:
    """``items`` unchanged, counted on a progress line while a person watches."""
    if not enabled():
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, desc=what, unit=f" {unit}", total=total, file=sys.stderr, leave=False, dynamic_ncols=True,
              mininterval=0.5) as bar:
        yield from bar


@contextmanager
def counter(what: str, total: int | None, unit: str = "item") -> Iterator[Callable[[int], None]]:
    """``update(n)`` advances a progress line by ``n`` (a no-op when nobody watches)."""
    if not enabled():
        yield lambda n: None
        return
    from tqdm import tqdm

    with tqdm(desc=what, total=total, unit=f" {unit}", file=sys.stderr, leave=False, dynamic_ncols=True,
              mininterval=0.5) as bar:
        yield bar.update


def note(text: str) -> None:
    """A line on stderr that does not tear a progress line being drawn."""
    if enabled():
        from tqdm import tqdm

        tqdm.write(text, file=sys.stderr)
    else:
        print(text, file=sys.stderr, flush=True)
