"""Dispatch: stories, alert keys and grouping, on a fake clock."""

from __future__ import annotations

from alerts.config import Config, Matcher, Receiver, Route
from alerts.dispatch import Dispatcher, Notification
from alerts.render import neutralise, render_text
from detectors.contracts import Actor, Article, Detection, Evidence

T0 = 1_700_000_000.0


def detection(article_id: str, *, type_: str = "ceasefire", status: str = "announced",
              actors: tuple[str, ...] = ("Khalifa Haftar",), countries: tuple[str, ...] = ("LY",),
              source: str | None = None, text: str = "Haftar kündigte eine Waffenruhe an.") -> Detection:
    article = Article.create(text, id=article_id, source=source or f"outlet-{article_id}")
    return Detection.create(
        article, language="de", type=type_, status=status, confidence=0.9,
        evidence=Evidence(text, 0, len(text), (7, 15)), detector="test/1",
        actors=tuple(Actor(a, "person") for a in actors), countries=countries,
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


def test_fifty_reports_of_one_story_make_one_alert_and_one_followup() -> None:
    r = Runner(Dispatcher(config(group_interval=300.0), stories={}, log={}))
    notes = []
    for i in range(50):
        notes += r.process(detection(f"a{i}"), T0 + i * 10)
    notes += r.due(T0 + 10_000)
    assert [n.kind for n in notes] == ["new", "followup"]
    assert notes[1].outlets > notes[0].outlets


def test_two_stories_make_two_alerts() -> None:
    d = Dispatcher(config(), stories={}, log={})
    a = d.process(detection("a1"), T0).notifications
    b = d.process(detection("b1", actors=("Wolodymyr Selenskyj",), countries=("UA",)), T0 + 1).notifications
    assert len(a) == 1 and len(b) == 1
    assert a[0].story_id != b[0].story_id


def test_a_status_change_is_a_new_alert() -> None:
    r = Runner(Dispatcher(config(), stories={}, log={}))
    first = r.process(detection("a1"), T0)
    second = r.process(detection("a2", status="violated"), T0 + 60)
    assert len(first) == 1 and len(second) == 1
    assert first[0].story_id == second[0].story_id
    assert second[0].status == "violated"


def test_a_replay_sends_nothing_twice() -> None:
    stories: dict = {}
    log: dict = {}
    d = Dispatcher(config(group_interval=0.0), stories=stories, log=log)
    assert len(Runner(d).process(detection("a1"), T0)) == 1
    # a new dispatcher over the same state: what a restarted worker recovers from its changelogs
    again = Dispatcher(config(group_interval=0.0), stories=stories, log=log)
    assert again.process(detection("a1"), T0 + 3600).outcomes == [("ops", "replay")]


def test_group_wait_holds_the_first_alert_until_due() -> None:
    d = Dispatcher(config(group_wait=30.0), stories={}, log={})
    r = Runner(d)
    assert d.process(detection("a1"), T0).outcomes == [("ops", "pending")]
    assert d.process(detection("a2"), T0 + 5).outcomes == [("ops", "grouped")]
    assert r.due(T0 + 10) == []
    notes = r.due(T0 + 31)
    assert len(notes) == 1 and notes[0].outlets == 2
    assert r.due(T0 + 60) == []


def test_repeat_interval_bounds_realerts() -> None:
    r = Runner(Dispatcher(config(group_interval=60.0, repeat_interval=3600.0), stories={}, log={}))
    notes = []
    for i, t in enumerate([0, 100, 200, 3700]):
        notes += r.process(detection(f"a{i}"), T0 + t)
    assert [n.kind for n in notes] == ["new", "followup", "new"]
    assert len({n.key for n in notes}) == 3  # a re-alert is a new alert, not a resend of the first


def test_routes_match_and_continue() -> None:
    cfg = Config(
        receivers=(Receiver("a", console=True), Receiver("b", console=True), Receiver("c", console=True)),
        routes=(
            Route("a", match=Matcher(type=frozenset({"meeting"}))),
            Route("b", match=Matcher(countries=frozenset({"LY"})), continue_=True),
            Route("c", match=Matcher(min_confidence=0.5)),
        ),
    )
    decision = Dispatcher(cfg, stories={}, log={}).process(detection("a1"), T0)
    assert decision.routes == ["b", "c"]


def test_untrusted_text_is_neutralised() -> None:
    evil = "<!channel> @here <@U123> [click](https://evil.example) <script>alert(1)</script>"
    safe = neutralise(evil)
    for bad in ("<!channel>", "@here", "<@U123>", "](https", "<script>"):
        assert bad not in safe
    note = Dispatcher(config(), stories={}, log={}).process(
        detection("a1", text=evil + " Waffenruhe"), T0).notifications[0]
    assert "<!channel>" not in render_text(note)
