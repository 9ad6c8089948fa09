"""The rules-only path (``detectors.stage: rules``) for the lexicon tests: what a text's meetings come out as,
from one pipeline per test process."""

from __future__ import annotations

from functools import cache

from detectors.contracts import Article
from detectors.pipeline import Pipeline


@cache
def rules_pipeline() -> Pipeline:
    return Pipeline.load(stage="rules")


def meeting_statuses(text: str, lang: str = "de") -> list[str]:
    dets = rules_pipeline().detect(Article.create(text, language=lang))
    return [d.status for d in dets if d.type == "meeting"]


def meeting_levels(text: str, lang: str) -> set[str | None]:
    dets = rules_pipeline().detect(Article.create(text, language=lang))
    return {d.level for d in dets if d.type == "meeting"}
