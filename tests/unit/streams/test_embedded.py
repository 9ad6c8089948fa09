"""The embedded runner routes a whole scan like the worker: one alert per story, a follow-up at most, silences
from the local file."""

from __future__ import annotations

import io
from pathlib import Path

from alerts.config import Config, Receiver, Route, StateSettings
from alerts.silences import SilenceFile, new_silence
from detectors.contracts import Actor, Article, Detection, Evidence
from streams.embedded import scan
from streams.inputs import Item


class OneEventPerArticle:
    """Stands in for the detectors: each article reports the event its title names (``LY`` or ``UA``)."""

    def detect_many(self, articles: list[Article]) -> list[list[Detection]]:
        out = []
        for a in articles:
            country, actor = ("LY", "Khalifa Haftar") if a.title == "LY" else ("UA", "Wolodymyr Selenskyj")
            out.append([Detection.create(a, language="de", type="ceasefire", status="announced", confidence=0.9,
                                         evidence=Evidence(a.text, 0, len(a.text), (0, 5)), detector="test/1",
                                         actors=(Actor(actor, "person"),), countries=(country,))])
        return out


def items(n: int, title: str) -> list[Item]:
    return [Item(origin=f"{title}-{i}.txt", article=Article.create(
        f"{title} Waffenruhe {i}", id=f"{title}-{i}", title=title, source=f"outlet-{i}.example")) for i in range(n)]


def run(config: Config, its: list[Item]) -> str:
    alerts = io.StringIO()
    scan(its, OneEventPerArticle(), config, out=io.StringIO(), err=io.StringIO(), alerts_out=alerts)
    return alerts.getvalue()


def test_one_scan_of_fifty_articles_and_two_stories_alerts_once_per_story(tmp_path: Path) -> None:
    config = Config(receivers=(Receiver("console", console=True),), routes=(Route("console", group_wait=30.0),),
                    state=StateSettings(silences_file=str(tmp_path / "none.json")))
    text = run(config, items(50, "LY") + items(3, "UA"))
    assert text.count("Ceasefire announced") == 2, text
    assert "50 outlets" in text and "3 outlets" in text


def test_the_scan_honours_the_local_silences_file(tmp_path: Path) -> None:
    path = tmp_path / "silences.json"
    SilenceFile(path).put(new_silence({"countries": ["LY"]}, now=0.0, ends_at="2099-01-01T00:00:00Z"))
    config = Config(receivers=(Receiver("console", console=True),), routes=(Route("console"),),
                    state=StateSettings(silences_file=str(path)))
    text = run(config, items(5, "LY") + items(2, "UA"))
    assert "Haftar" not in text and "Selenskyj" in text


def test_jsonl_output_names_the_story_the_router_put_each_detection_in(tmp_path: Path) -> None:
    import orjson

    config = Config(receivers=(Receiver("console", console=True),), routes=(Route("console"),),
                    state=StateSettings(silences_file=str(tmp_path / "none.json")))
    out = io.StringIO()
    scan(items(3, "LY") + items(2, "UA"), OneEventPerArticle(), config, out=out, err=io.StringIO(),
         output_format="jsonl", alerts_out=io.StringIO())
    stories = [[d["story_id"] for d in orjson.loads(line)["detections"]] for line in out.getvalue().splitlines()]
    assert [len(s) for s in stories] == [1] * 5
    libya, ukraine = {s[0] for s in stories[:3]}, {s[0] for s in stories[3:]}
    assert len(libya) == 1 and len(ukraine) == 1 and libya != ukraine
    bare = io.StringIO()
    scan(items(1, "LY"), OneEventPerArticle(), None, out=bare, err=io.StringIO(), output_format="jsonl")
    assert "story_id" not in orjson.loads(bare.getvalue())["detections"][0]  # no routing, no story
