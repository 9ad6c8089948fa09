"""The worker's agents and timers, one module each; ``streams/app.py`` builds the faust app from them.

* ``detect`` — ``articles`` → validate → detectors → ``detections`` (invalid articles → ``articles.dlq``, a
  flood of them halts the worker);
* ``route`` — ``detections`` + ticks → the alerts' ``Dispatcher`` (stories, alert log) → notifications;
* ``deliver`` — notifications delivered in lanes per receiver, settled on the changelog, then the message acked;
* ``ticks`` — the timer that wakes partitions with work due, and digest hand-overs between partitions.

Each is a class over plain collaborators (no app at import time) with its logic in pure functions, so unit tests
reach them without a broker (``tests/unit/streams/agents/``).
"""
