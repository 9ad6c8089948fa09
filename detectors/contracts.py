"""The two wire contracts, Article and Detection, as code.

The JSON Schema files in ``detectors/schemas/`` are the single source of truth for validation: decoding
runs the schema and turns the first error into a precise, human-readable reason. Everything here is pure
(no Kafka, no I/O beyond reading the schema files once).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import numpy as np
import orjson

from detectors.normalise import InvalidValue, normalise_language, normalise_timestamp

# A message larger than this is refused before it is parsed (a broken scraper must not stall a worker).
DEFAULT_MAX_MESSAGE_BYTES = 1_000_000


class InvalidArticle(ValueError):
    """An input that is not a valid Article. ``code`` is a bounded label (metrics), ``reason`` says why."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


class InvalidDetection(ValueError):
    """A decoded object that breaks the Detection contract."""


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    text = resources.files("detectors.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of ``article`` or ``detection``."""
    return dict(_validator(name).schema)


def _first_error(name: str, obj: Any) -> str | None:
    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(obj))
    if error is None:
        return None
    where = error.json_path
    message = error.message
    if len(message) > 200:  # never echo a huge value back into logs or the DLQ header
        message = message[:200] + "…"
    return f"{where}: {message}"


def _utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    language: str | None = None
    published_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def default_id(url: str | None, text: str) -> str:
        """Article ids default to a hash of the URL, or of the text when there is no URL."""
        return _digest(url) if url else _digest(text)

    @classmethod
    def create(cls, text: str, **fields: Any) -> Article:
        fields.setdefault("id", None)
        if not fields["id"]:
            fields["id"] = cls.default_id(fields.get("url"), text)
        return cls(text=text, **fields)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.extra)
        out.update({k: v for k, v in asdict(self).items() if k != "extra" and v is not None})
        return out

    def to_json(self) -> bytes:
        return orjson.dumps(self.to_dict())


_ARTICLE_FIELDS = ("id", "url", "source", "title", "text", "language", "published_at")


def _lenient(obj: dict[str, Any]) -> dict[str, Any]:
    """Scraper-style language tags and dates in their normal form; the given value is kept beside it
    (``language_given``, ``published_at_given``, ``published_at_note``) whenever normalising changed it."""
    out = obj
    lang = obj.get("language")
    if isinstance(lang, str) and lang:
        try:
            norm = normalise_language(lang)
        except InvalidValue as exc:
            raise InvalidArticle("schema", f"$.language: {exc}") from None
        if norm != lang:
            out = {**out, "language": norm, "language_given": lang}
    published = obj.get("published_at")
    if isinstance(published, str):
        try:
            norm, note = normalise_timestamp(published)
        except InvalidValue as exc:
            raise InvalidArticle("schema", f"$.published_at: {exc}") from None
        if norm != published:
            out = {**out, "published_at": norm, "published_at_given": published}
            if note:
                out["published_at_note"] = note
    return out


def article_from_dict(obj: Any) -> Article:
    """Validate a decoded JSON value against the Article contract (lenient about language tags and dates)."""
    if isinstance(obj, dict):
        obj = _lenient(obj)
    error = _first_error("article", obj)
    if error is not None:
        if isinstance(obj, dict) and "text" not in obj:
            raise InvalidArticle("missing_text", "required field 'text' is missing")
        if not isinstance(obj, dict):
            raise InvalidArticle("not_object", f"expected a JSON object, got {type(obj).__name__}")
        raise InvalidArticle("schema", error)
    if not obj["text"].strip():
        raise InvalidArticle("empty_text", "'text' holds only whitespace")
    extra = {k: v for k, v in obj.items() if k not in _ARTICLE_FIELDS}
    known = {k: obj.get(k) for k in _ARTICLE_FIELDS if k != "text"}
    return Article.create(obj["text"], extra=extra, **known)


def decode_article(raw: bytes | str, *, max_bytes: int = DEFAULT_MAX_MESSAGE_BYTES) -> Article:
    """Decode one message of the ``articles`` topic; raises :class:`InvalidArticle` with a precise reason."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if raw is None or len(raw) == 0:
        raise InvalidArticle("empty", "the message is empty")
    if len(raw) > max_bytes:
        raise InvalidArticle("too_large", f"the message is {len(raw):,} bytes, the limit is {max_bytes:,}")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidArticle("not_utf8", f"invalid UTF-8 at byte {exc.start}: {exc.reason}") from None
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidArticle("not_json", f"not JSON: {exc}") from None
    return article_from_dict(obj)


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    kind: str  # person | org | country | group | other
    role: str | None = None
    id: str | None = None  # the entity across spellings and languages ("Haftar" = "Хафтар"), when known


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int
    trigger: tuple[int, int]


EMBEDDING_ENCODING = "int8-b64-v1"  # int8 components times one scale, base64 of the raw bytes


@dataclass(frozen=True, slots=True)
class Embedding:
    """A sentence embedding of the evidence, compact on the wire: int8 components (value ≈ int8 × ``scale``).

    Iterating gives the (dequantised) floats, so story matching can take ``tuple(detection.embedding)``; the
    cosine of two quantised vectors is within ~0.01 of the original one. ``model`` names the encoder: vectors
    of different models are never compared.
    """

    model: str
    scale: float
    data: bytes  # one signed byte per component

    @classmethod
    def quantise(cls, model: str, vector: Sequence[float] | np.ndarray) -> Embedding:
        # float64 division and round-half-to-even (np.rint), as Python's round(float(x) / scale): the same bytes
        v = np.asarray(vector, dtype=np.float64).ravel()
        if not np.isfinite(v).all():
            raise ValueError("an embedding holds a NaN or an infinity")
        peak = float(np.abs(v).max()) if v.size else 0.0
        scale = peak / 127 if peak > 0 else 1.0
        return cls(model, scale, np.clip(np.rint(v / scale), -127, 127).astype(np.int8).tobytes())

    def values(self) -> tuple[float, ...]:
        return tuple((np.frombuffer(self.data, dtype=np.int8) * self.scale).tolist())

    def __iter__(self) -> Iterator[float]:
        return iter(self.values())

    def __len__(self) -> int:
        return len(self.data)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "encoding": EMBEDDING_ENCODING, "scale": self.scale,
                "data": base64.b64encode(self.data).decode("ascii")}

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> Embedding:
        try:
            data = base64.b64decode(obj["data"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InvalidDetection(f"$.embedding.data: not base64: {exc}") from None
        return cls(obj["model"], float(obj["scale"]), data)


@dataclass(frozen=True, slots=True)
class Detection:
    id: str
    article_id: str
    url: str | None
    source: str | None
    published_at: str | None
    detected_at: str
    language: str
    type: str
    status: str
    confidence: float
    actors: tuple[Actor, ...]
    countries: tuple[str, ...]
    evidence: Evidence
    detector: str
    story_key: str
    level: str | None = None
    form: str | None = None
    location: Location | None = None
    event_date: str | None = None  # when the text dates the event: YYYY, YYYY-MM or YYYY-MM-DD
    recency: str = "new"           # new | background (a mention of an earlier event: never alerts as new)
    embedding: Embedding | None = None  # the learned stage's embedding of the evidence, when it made one

    @classmethod
    def create(
        cls,
        article: Article,
        *,
        language: str,
        type: str,
        status: str,
        confidence: float,
        evidence: Evidence,
        detector: str,
        actors: tuple[Actor, ...] = (),
        countries: tuple[str, ...] = (),
        level: str | None = None,
        form: str | None = None,
        location: Location | None = None,
        detected_at: str | None = None,
        event_date: str | None = None,
        recency: str = "new",
        embedding: Embedding | None = None,
    ) -> Detection:
        """Build a detection for ``article``; its id is deterministic (replays produce the same ids)."""
        return cls(
            id=_digest(article.id, type, status, str(evidence.start), str(evidence.trigger[0])),
            article_id=article.id,
            url=article.url,
            source=article.source,
            published_at=article.published_at,
            detected_at=detected_at or _utcnow(),
            language=language,
            type=type,
            status=status,
            confidence=round(float(confidence), 3),
            actors=tuple(actors),
            countries=tuple(countries),
            evidence=evidence,
            detector=detector,
            story_key=partition_key(type, countries),
            level=level,
            form=form,
            location=location,
            event_date=event_date,
            recency=recency,
            embedding=embedding,
        )

    def to_dict(self) -> dict[str, Any]:
        # by hand, not dataclasses.asdict (a recursive deep copy): the route agent calls this several times per
        # detection, and asdict was 4.5% of the worker's main-thread samples at 100 alerts/s
        ev = self.evidence
        out: dict[str, Any] = {
            "id": self.id, "article_id": self.article_id, "url": self.url, "source": self.source,
            "published_at": self.published_at, "detected_at": self.detected_at, "language": self.language,
            "type": self.type, "status": self.status, "confidence": self.confidence,
            "actors": [{"text": a.text, "kind": a.kind, **({"role": a.role} if a.role is not None else {}),
                        **({"id": a.id} if a.id is not None else {})} for a in self.actors],
            "countries": list(self.countries),
            "evidence": {"text": ev.text, "start": ev.start, "end": ev.end, "trigger": list(ev.trigger)},
            "detector": self.detector, "story_key": self.story_key, "recency": self.recency,
        }
        if self.event_date is not None:
            out["event_date"] = self.event_date
        if self.embedding is not None:
            out["embedding"] = self.embedding.to_dict()
        if self.level is not None:
            out["level"] = self.level
        if self.form is not None:
            out["form"] = self.form
        if self.location is not None:
            out["location"] = {"text": self.location.text}
            if self.location.country is not None:
                out["location"]["country"] = self.location.country
        return out

    def to_json(self) -> bytes:
        return orjson.dumps(self.to_dict())


def partition_key(type_: str, countries: tuple[str, ...] | list[str] = ()) -> str:
    """The coarse, deterministic story partition key: the event type.

    Every report of one story must land on one partition of ``detections``, whatever countries it lists or in
    which order, so the key is what every report of a story shares: its type (enough at news volumes, DESIGN.md
    "Scale-out and stories"). Fine story matching happens inside the partition (alerts). ``countries`` is
    accepted and ignored (the first versions keyed by type and first country).
    """
    del countries
    return type_


def detection_from_dict(obj: Any) -> Detection:
    error = _first_error("detection", obj)
    if error is not None:
        raise InvalidDetection(error)
    ev = obj["evidence"]
    loc = obj.get("location")
    return Detection(
        id=obj["id"],
        article_id=obj["article_id"],
        url=obj["url"],
        source=obj["source"],
        published_at=obj["published_at"],
        detected_at=obj["detected_at"],
        language=obj["language"],
        type=obj["type"],
        status=obj["status"],
        confidence=float(obj["confidence"]),
        actors=tuple(Actor(a["text"], a["kind"], a.get("role"), a.get("id")) for a in obj["actors"]),
        countries=tuple(obj["countries"]),
        evidence=Evidence(ev["text"], ev["start"], ev["end"], (ev["trigger"][0], ev["trigger"][1])),
        detector=obj["detector"],
        story_key=obj["story_key"],
        level=obj.get("level"),
        form=obj.get("form"),
        location=Location(loc["text"], loc.get("country")) if loc else None,
        event_date=obj.get("event_date"),
        recency=obj.get("recency", "new"),
        embedding=Embedding.from_dict(obj["embedding"]) if obj.get("embedding") else None,
    )


def decode_detection(raw: bytes | str) -> Detection:
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidDetection(f"not JSON: {exc}") from None
    return detection_from_dict(obj)
