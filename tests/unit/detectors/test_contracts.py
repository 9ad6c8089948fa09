"""The Article and Detection contracts: decoding, precise reasons, round trips, and the JSON Schema files."""

from __future__ import annotations

import json

import jsonschema
import pytest

from detectors.contracts import (
    Actor,
    Article,
    Detection,
    Evidence,
    InvalidArticle,
    Location,
    decode_article,
    decode_detection,
    partition_key,
    schema,
)


def test_schemas_are_valid_json_schema() -> None:
    for name in ("article", "detection"):
        s = schema(name)
        jsonschema.validators.validator_for(s).check_schema(s)


def test_minimal_article_gets_an_id_from_its_text() -> None:
    a = decode_article(b'{"text": "Waffenruhe in Libyen"}')
    b = decode_article(b'{"text": "Waffenruhe in Libyen"}')
    assert a.id == b.id and len(a.id) == 16
    assert a.language is None


def test_article_id_defaults_to_a_hash_of_the_url() -> None:
    a = decode_article(json.dumps({"url": "https://x.example/1", "text": "a"}))
    b = decode_article(json.dumps({"url": "https://x.example/1", "text": "b"}))
    assert a.id == b.id


def test_unknown_fields_are_kept() -> None:
    a = decode_article(b'{"id": "a1", "text": "t", "scraper": {"v": 2}}')
    assert a.id == "a1"
    assert a.to_dict()["scraper"] == {"v": 2}


@pytest.mark.parametrize(
    ("raw", "code", "fragment"),
    [
        (b"", "empty", "empty"),
        (b"not json", "not_json", "not JSON"),
        (b"\xff\xfe{", "not_utf8", "byte 0"),
        (b"[1, 2]", "not_object", "list"),
        (b'{"title": "x"}', "missing_text", "'text'"),
        (b'{"text": 5}', "schema", "$.text"),
        (b'{"text": "   "}', "empty_text", "whitespace"),
        (b'{"text": "t", "language": "english"}', "schema", "$.language"),
        (b'{"text": "t", "language": "de-"}', "schema", "$.language"),
        (b'{"text": "t", "published_at": "2024-02-30"}', "schema", "calendar date"),
        (b'{"text": "t", "published_at": "yesterday"}', "schema", "$.published_at"),
        (b'{"text": "' + b"x" * 2_000_000 + b'"}', "too_large", "limit"),
    ],
)
def test_invalid_articles_have_a_precise_reason(raw: bytes, code: str, fragment: str) -> None:
    with pytest.raises(InvalidArticle) as info:
        decode_article(raw)
    assert info.value.code == code
    assert fragment in info.value.reason


@pytest.mark.parametrize(
    ("given", "normal", "note"),
    [
        ("2024-01-08", "2024-01-08T00:00:00Z", "without a time"),  # trafilatura, many feeds
        ("2024-01-08 10:15:00", "2024-01-08T10:15:00Z", "without a zone"),
        ("2024-01-08T10:15", "2024-01-08T10:15:00Z", "without a zone"),
        ("Mon, 08 Jan 2024 10:15:00 +0100", "2024-01-08T09:15:00Z", "RFC 2822"),  # RSS pubDate
        ("Mon, 8 Jan 2024 10:15:00 GMT", "2024-01-08T10:15:00Z", "RFC 2822"),
        ("2024-01-08T10:15:00+01:00", "2024-01-08T09:15:00Z", None),
        ("2024-01-08T10:15:00.250Z", "2024-01-08T10:15:00.250Z", None),
    ],
)
def test_scraper_dates_are_normalised_not_dead_lettered(given: str, normal: str, note: str | None) -> None:
    article = decode_article(json.dumps({"text": "t", "published_at": given}))
    assert article.published_at == normal
    if normal != given:
        assert article.extra["published_at_given"] == given
    if note is None:
        assert "published_at_note" not in article.extra
    else:
        assert note in article.extra["published_at_note"]


@pytest.mark.parametrize(
    ("given", "normal"), [("en-US", "en"), ("EN", "en"), ("de_AT", "de"), ("DE", "de"), ("fr", "fr")]
)
def test_language_tags_are_normalised(given: str, normal: str) -> None:
    article = decode_article(json.dumps({"text": "t", "language": given}))
    assert article.language == normal
    assert article.extra.get("language_given") == (None if given == normal else given)


def test_reason_never_echoes_a_huge_value() -> None:
    with pytest.raises(InvalidArticle) as info:
        decode_article(json.dumps({"text": "t", "title": "x" * 100_000}))
    assert len(info.value.reason) < 400


def _detection() -> Detection:
    article = Article.create("Am Abend kündigte General Haftar den Waffenstillstand an.", url="https://e.x/1",
                             source="e.x", published_at="2020-01-08T20:00:00Z")
    return Detection.create(
        article, language="de", type="ceasefire", status="announced", confidence=0.9,
        evidence=Evidence(article.text, 0, len(article.text), (38, 55)), detector="test/1",
        actors=(Actor("Haftar", "person", "General"),), countries=("LY",),
        location=Location("Rom", "IT"),
    )


def test_detection_round_trip_and_schema() -> None:
    d = _detection()
    obj = json.loads(d.to_json())
    jsonschema.validate(obj, schema("detection"))
    assert decode_detection(d.to_json()) == d
    assert obj["story_key"] == "ceasefire"
    assert obj["evidence"]["trigger"] == [38, 55]
    assert "level" not in obj  # optional fields are omitted, not null


def test_event_date_recency_and_entity_ids_round_trip() -> None:
    base = _detection()
    d = Detection.create(
        Article.create(base.evidence.text, url=base.url, published_at=base.published_at),
        language="de", type="meeting", status="held", confidence=0.8, evidence=base.evidence, detector="test/1",
        actors=(Actor("Chalifa Haftar", "person", None, "haftar"),), event_date="2019-04-15", recency="background",
    )
    obj = json.loads(d.to_json())
    jsonschema.validate(obj, schema("detection"))
    assert (obj["event_date"], obj["recency"], obj["actors"][0]["id"]) == ("2019-04-15", "background", "haftar")
    assert decode_detection(d.to_json()) == d
    old = {k: v for k, v in obj.items() if k not in ("event_date", "recency")}  # a record written before both
    assert decode_detection(json.dumps(old)).recency == "new"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**obj, "recency": "old"}, schema("detection"))


def test_detection_ids_are_deterministic() -> None:
    assert _detection().id == _detection().id


def test_partition_key_is_the_type_whatever_the_countries() -> None:
    assert partition_key("meeting", ()) == partition_key("meeting", ("LY", "IT")) == partition_key(
        "meeting", ("IT", "LY")) == "meeting"
