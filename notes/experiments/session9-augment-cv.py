import sys
from dataclasses import replace
sys.path.insert(0, "corpus/tools"); sys.path.insert(0, ".")
from cv_swapped_names import swap_names, out_of_fold
from detectors.learned.corpus import Loaded, load_units
from detectors.learned.fit import Config, build
from detectors.learned.train import score
from bench.articles import invented_name
import cv_swapped_names as m
cfg = Config()
loaded = load_units()
swapped = swap_names(loaded.units)
changed_ids = {a.id for a, b in zip(loaded.units, swapped) if a.text != b.text}
# a second, different swap for the training copies (other invented names)
orig_inv = m.invented_name
m.invented_name = lambda i: orig_inv(i + 900000)
train_copies = [replace(b, id=b.id + "-aug") for a, b in zip(loaded.units, swap_names(loaded.units)) if a.id in changed_ids]
m.invented_name = orig_inv
ds = build(loaded, with_embeddings=True, window=cfg.window)
dsw = build(Loaded(swapped, loaded.skipped), with_embeddings=True, window=cfg.window)
dsa = build(Loaded(loaded.units + train_copies, loaded.skipped), with_embeddings=True, window=cfg.window)
changed = [i for i, u in enumerate(ds.units) if u.id in changed_ids]
print(len(train_copies), "training copies")
for name, test_ds in (("as labelled", ds), ("names swapped", dsw)):
    pred = out_of_fold(dsa, test_ds, cfg)
    for sel_name, sel in (("all", None), ("swapped units", changed)):
        r = score(test_ds, pred, sel)
        print("augmented", name, sel_name, "meeting %.3f ceasefire %.3f pairs %.3f high %.3f" % (
            r["types"]["meeting"]["f1"], r["types"]["ceasefire"]["f1"], r["pairs_micro"]["f1"], r["meeting_high"]["f1"]))
    sel = [i for i, u in enumerate(test_ds.units) if u.origin == "dev"]
    r = score(test_ds, pred, sel); print("  dev", name, "meeting %.3f pairs %.3f" % (r["types"]["meeting"]["f1"], r["pairs_micro"]["f1"]))
    sel = [i for i, u in enumerate(test_ds.units) if u.lang == "de"]
    r = score(test_ds, pred, sel); print("  de", name, "meeting %.3f pairs %.3f" % (r["types"]["meeting"]["f1"], r["pairs_micro"]["f1"]))
