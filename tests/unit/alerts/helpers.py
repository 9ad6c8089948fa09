"""What the alerts tests share: a detection factory, a one-route config, a fake-clock runner (not a test module)."""

from __future__ import annotations

from alerts.config import Config, Receiver, Route
from alerts.dispatch import Dispatcher, Notification
from detectors.contracts import Actor, Article, Detection, Evidence

T0 = 1_700_000_000.0


def detection(article_id: str, *, type_: str = "ceasefire", status: str = "announced",
              actors: tuple[str, ...] = ("Khalifa Haftar",), countries: tuple[str, ...] = ("LY",),
              source: str | None = None, text: str | None = None,
              published_at: str | None = None, **fields: object) -> Detection:
    """``fields``: more of ``Detection.create`` (location, event_date, recency, detected_at, level, form). The
    evidence names the actors (other actors, other wording: the same words would say it is the same event)."""
    if text is None:
        names = "Haftar" if actors == ("Khalifa Haftar",) else " und ".join(actors) or "Man"
        text = f"{names} kündigte eine Waffenruhe an."
    article = Article.create(text, id=article_id, source=source or f"outlet-{article_id}", published_at=published_at)
    return Detection.create(
        article, language="de", type=type_, status=status, confidence=0.9,
        evidence=Evidence(text, 0, len(text), (7, 15)), detector="test/1",
        actors=tuple(Actor(a, "person") for a in actors), countries=countries, **fields,  # type: ignore[arg-type]
    )


def config(**route: object) -> Config:
    return Config(receivers=(Receiver("ops", console=True),), routes=(Route(receiver="ops", **route),))


class Runner:
    """What a runner does: process, deliver (here: collect), confirm with ``delivered``; a fake clock."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.d = dispatcher
        self.sent: list[Notification] = []

    def _deliver(self, notes: list[Notification]) -> list[Notification]:
        for note in notes:
            self.sent.append(note)
            self.d.delivered(note)
        return notes

    def process(self, det: Detection, now: float) -> list[Notification]:
        return self._deliver(self.d.process(det, now).notifications)

    def due(self, now: float) -> list[Notification]:
        return self._deliver(self.d.due(now))


HOUR = 3600.0


def digest_config(**receiver: object) -> Config:
    """One receiver ``desk`` (console) with ``receiver``'s settings (digest, rate_limit), one route to it."""
    return Config(receivers=(Receiver("desk", console=True, **receiver),), routes=(Route("desk"),))
