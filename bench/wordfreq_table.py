"""Rebuild ``detectors/data/wordfreq/<lang>.json``: how often the detectors' pre-filter would flag a token for each
word element of the trigger patterns, from the ``wordfreq`` package's word lists (data CC BY-SA 4.0, see that
folder's README). The pre-filter anchors each pattern on its rarest word with it (``PatternSet.anchor_words``).

Build time only: ``wordfreq`` is no dependency of Wirewatch (``pip install 'wordfreq>=3.1,<3.2'`` to run this).

    .venv/bin/python -m bench.wordfreq_table [--check]

An element's figure is a frequency per million tokens of running text (3 significant digits):
- an exact word (``treffen``): the word plus every form the lemma table maps to it ("traf", "trifft"), as the
  pre-filter flags all of them; a ``=word`` (text only): the word alone;
- a wildcard (``gipfel*``, ``*gipfel``, ``*gipfel*``): every listed word that starts with, ends with or holds the
  stem.
``--check`` writes nothing and exits 1 when a table lacks a pattern word (a lexicon changed since the build).
"""

from __future__ import annotations

import argparse
import bisect
import functools
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from detectors import lemmas, registry
from detectors.engine import build_engine
from detectors.patterns import Elem, elem_key

OUT = Path(__file__).resolve().parent.parent / "detectors" / "data" / "wordfreq"
WORDS = ("exact", "surface", "prefix", "suffix", "contains")


def pattern_words(lang: str) -> set[Elem]:
    """Every word element of every trigger pattern of ``lang``'s detectors."""
    out: set[Elem] = set()
    for det in build_engine(lang).detectors:
        for pat in det.triggers.patterns():
            out.update(e for e in pat.elems if e.kind in WORDS)
    return out


def frequencies(lang: str, elems: set[Elem], freq: dict[str, float], norm: Callable[[str], str]) -> dict[str, float]:
    """elem_key → summed frequency per million (see the module's docstring); ``norm`` folds a word as the word
    list's keys are folded (casefold: "saßen" is listed as "sassen")."""
    forms: dict[str, set[str]] = defaultdict(set)
    for form, lemma in (lemmas.lemma_table(lang) or {}).items():
        forms[lemma.lower()].add(form.lower())
    words = sorted(freq)
    backwards = sorted((w[::-1], w) for w in freq)
    out: dict[str, float] = {}
    for e in elems:
        v = norm(e.value)
        if e.kind == "exact":
            total = sum(freq.get(w, 0.0) for w in {norm(f) for f in {e.value} | forms.get(e.value, set())})
        elif e.kind == "surface":
            total = freq.get(v, 0.0)
        elif e.kind == "prefix":
            i = bisect.bisect_left(words, v)
            total = 0.0
            while i < len(words) and words[i].startswith(v):
                total += freq[words[i]]
                i += 1
        elif e.kind == "suffix":
            rv = v[::-1]
            i = bisect.bisect_left(backwards, (rv, ""))
            total = 0.0
            while i < len(backwards) and backwards[i][0].startswith(rv):
                total += freq[backwards[i][1]]
                i += 1
        else:
            total = sum(f for w, f in freq.items() if v in w)
        out[elem_key(e)] = float(f"{total * 1e6:.3g}")
    return dict(sorted(out.items()))


def _fold(word: str, lang: str) -> str:
    from wordfreq.preprocess import preprocess_text  # build time only

    return preprocess_text(word, lang)  # type: ignore[arg-type]  # (a language tag is accepted)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only report pattern words the tables lack")
    args = ap.parse_args(argv)
    missing = 0
    for lang in registry.languages():
        elems = pattern_words(lang)
        path = OUT / f"{lang}.json"
        if args.check:
            have = json.loads(path.read_text("utf-8")) if path.is_file() else {}
            lack = sorted(elem_key(e) for e in elems if elem_key(e) not in have)
            missing += len(lack)
            if lack:
                print(f"{lang}: {len(lack)} missing: {' '.join(lack[:20])}")
            continue
        import wordfreq  # build time only
        table = frequencies(lang, elems, wordfreq.get_frequency_dict(lang, wordlist="best"),
                            functools.partial(_fold, lang=lang))
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", "utf-8")
        print(f"{lang}: {len(table)} words -> {path}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
