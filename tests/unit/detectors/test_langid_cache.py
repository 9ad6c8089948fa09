"""The lexicon words language id checks short untagged texts against come from the detector cache after the first
build: a restarted detector process no longer imports spaCy's French package (2–6 s) for its first short article."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from detectors import cache
from detectors.langid import CANDIDATES, _read_lexicon_words
from detectors.langid_model import identifier

PROBE = ("import json, sys\n"
         "from detectors.langid import _lexicon_words\n"
         "words = _lexicon_words('fr')\n"
         "print(json.dumps({'spacy_fr_imported': 'spacy.lang.fr' in sys.modules, 'words': sorted(words)}))\n")


def _probe(env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                         check=True)
    return json.loads(out.stdout)


def test_a_second_process_reads_the_lexicon_words_from_the_cache(tmp_path):
    env = {**os.environ, "WIREWATCH_STATE_DIR": str(tmp_path)}
    env.pop("WIREWATCH_DETECTOR_CACHE", None)
    built = _probe(env)  # builds the entry (and imports spacy.lang.fr for its stop words)
    assert built["spacy_fr_imported"]
    assert list(tmp_path.glob("cache/detectors/lexicon-words-fr.marshal"))
    read = _probe(env)
    assert not read["spacy_fr_imported"]
    assert read["words"] == built["words"] == sorted(_read_lexicon_words("fr"))
    assert {"le", "la", "et"} <= set(read["words"])  # spaCy's French stop words are in it


def test_with_the_cache_off_the_words_are_built(tmp_path):
    env = {**os.environ, "WIREWATCH_STATE_DIR": str(tmp_path), "WIREWATCH_DETECTOR_CACHE": "off"}
    assert _probe(env)["spacy_fr_imported"]
    assert not list(tmp_path.glob("cache/detectors/*"))


TEXTS = ("Waffenruhe in Libyen: General Haftar traf sich am Montag in Rom mit Vermittlern.",
         "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Ankara on Monday.",
         "Macron a rencontré Merkel à Paris", "Путин встретился с Эрдоганом", "Roma", "")


def test_the_cached_identifier_ranks_as_py3langid_restricted_to_the_same_languages(tmp_path, monkeypatch):
    """The model is cached restricted to the languages asked for (no set_languages copy on every start): cold
    (built and written) and warm (mapped from the file) it ranks every text exactly as py3langid's own loader
    restricted with set_languages does."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("WIREWATCH_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("WIREWATCH_DETECTOR_CACHE", raising=False)
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    reference.set_languages(list(CANDIDATES))
    cold = identifier(CANDIDATES)
    cache.wait_written()
    assert [p.name for p in (tmp_path / "cache" / "detectors").iterdir()] == ["langid-model.arrays"]
    warm = identifier(tuple(reversed(CANDIDATES)))  # the same set, in another order: the same entry
    assert len(warm.nb_classes) == len(CANDIDATES) and warm.nb_ptc.shape[1] == len(CANDIDATES)
    for text in TEXTS:
        assert cold.rank(text) == warm.rank(text) == reference.rank(text)
    with pytest.raises(ValueError, match="Unknown language"):
        identifier(["de", "xx"])
