"""Benchmarks and the profiler: tooling of the source checkout, not part of the shipped packages.

``wirewatch bench`` (streams/cli/bench.py) runs ``bench.suite.main`` when it runs from a source checkout. The bench
is built on the tests' harness (``tests/broker.py``, ``tests/sinks.py``, ``tests/workers.py``): one broker
starter, one HTTP sink, one worker runner, one ``free_port``.

* ``suite`` — one run, side by side on the same real text (10kGNAD German news, read at run time, never copied):
  1. detectors vs. spaCy's bare tokenizer (the ceiling of this stack) and en_core_web_sm when installed
     (``detectors``);
  2. publish → alert latency: a worker subprocess on a real broker, apprise ``json://`` to an HTTP sink started
     here; each benchmark article is real news plus one planted ceasefire/meeting sentence with a unique invented
     actor and no country, so it opens its own story and yields its own alert; the alert is matched to its
     article by the actor's name in the evidence sentence (``articles``, ``sink``, ``latency``);
  3. scale-out: the rate at which 1 and 2 workers in one consumer group drain a backlog on a 4-partition topic,
     read from committed offsets once the backlog is published — with a CPU per worker, then unpinned — and
     where the CPU goes (workers, their main processes, the broker) (``scaleout``);
  4. peak RSS (VmHWM) of every worker (``measure``).
* ``deployment`` — the topics, consumer group and worker processes of one measurement;
* ``plan`` — durations and sizes (full, quick, tiny);
* ``profile_worker`` — py-spy on one worker under load; ``render`` — the BENCHMARKS.md figures block.

Benchmarks, not tests: nothing here asserts a speed. Every wait is bounded.
"""
