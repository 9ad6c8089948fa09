"""The DLQ limit: a flood of invalid messages (a broken scraper) halts the worker instead of dead-lettering a topic.

After arroyo's ``DlqLimit``: the worker trips when, among the last ``window`` messages, more than
``max_invalid_ratio`` were invalid (once at least ``min_messages`` were seen), or when ``max_consecutive``
invalid messages arrive in a row. Pure: the caller feeds outcomes and acts on the verdict.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass
class DlqLimit:
    max_invalid_ratio: float = 0.5
    window: int = 1000
    min_messages: int = 100
    max_consecutive: int = 500
    _recent: deque[bool] = field(default_factory=deque, repr=False)
    _invalid: int = 0
    _consecutive: int = 0
    tripped_reason: str | None = None

    def record(self, valid: bool) -> bool:
        """Record one message; returns True when the limit is (now or already) exceeded."""
        if self.tripped_reason is not None:
            return True
        self._recent.append(valid)
        if not valid:
            self._invalid += 1
            self._consecutive += 1
        else:
            self._consecutive = 0
        if len(self._recent) > self.window and not self._recent.popleft():
            self._invalid -= 1
        if self._consecutive >= self.max_consecutive:
            self.tripped_reason = f"{self._consecutive} invalid messages in a row (limit {self.max_consecutive})"
        elif len(self._recent) >= self.min_messages and self.ratio > self.max_invalid_ratio:
            self.tripped_reason = (f"{self._invalid} of the last {len(self._recent)} messages were invalid "
                                   f"({self.ratio:.0%} > {self.max_invalid_ratio:.0%})")
        return self.tripped_reason is not None

    @property
    def ratio(self) -> float:
        return self._invalid / len(self._recent) if self._recent else 0.0
