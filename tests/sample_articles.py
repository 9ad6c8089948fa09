"""Articles the detector tests feed a whole pipeline: the seed article and one short report per language."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "libya-haftar-rome-ceasefire.de.txt"
PUBLISHED = "2020-01-13T10:00:00Z"
# one meeting-and-ceasefire sentence per language, written by the team
SENTENCES = (
    "Putin met Erdogan in Ankara on Monday; both sides announced a ceasefire in Idlib.",
    "Macron a rencontré Merkel à Paris lundi pour parler d'un cessez-le-feu en Libye.",
    "Sánchez se reunió con Conte en Roma el lunes; anunciaron un alto el fuego.",
    "Conte ha incontrato Macron a Roma lunedì: annunciato un cessate il fuoco.",
    "Путин встретился с Эрдоганом в Анкаре в понедельник и объявил о прекращении огня.",
)


def seed_and_sentences(languages: int = len(SENTENCES)) -> list[dict[str, str]]:
    """The seed article, then the first ``languages`` sentences of SENTENCES, as article dicts."""
    articles = [{"text": SEED.read_text("utf-8"), "id": "seed", "published_at": PUBLISHED}]
    articles += [{"text": t, "id": f"t{i}", "published_at": PUBLISHED} for i, t in enumerate(SENTENCES[:languages])]
    return articles
