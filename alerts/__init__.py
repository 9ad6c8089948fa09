"""Alerts: detections in, notifications out, on Alertmanager's pipeline. Imports detectors (types) only.

Config and words
    config.py            the YAML config: load, ``${VAR}``, ``WIREWATCH_*`` overrides, validation (schemas/)
    config_schema.py     the config's JSON Schema and its errors worded for an operator ("did you mean")
    config_env.py        ``${VAR}`` and ``WIREWATCH_*`` values, typed by the schema, each with its variable
    config_problems.py   where a problem is (file:line: key, or the variable), duplicate keys, ConfigError
    config_checks.py     beyond the schema: references, statuses of a type, apprise URLs and templates
    target_checks.py     apprise instantiates a URL, a ``template:`` compiles
    route_names.py       stable route names (``name:``, else receiver + match)
    vocabulary.py        outcomes, kinds, states, delivery outcomes, failure reasons (+ the detectors' event words)
    durations.py         ``30s``/``5m``/``4h`` in and out

Routing and stories
    routing.py           which routes a detection matches (and why not: ``alerts explain``)
    stories.py           reports of one event from many articles, merged into a story (in event time)
    story_match.py       does a report belong to an open story? a pure score per part
    story_parts.py       the parts that read one fact each (time, dates, place, meaning) and the Report
    story_people.py      the participants part, "named apart" and its quick no
    story_report.py      what matching knows of a detection: event time, people, place, words, embedding
    story_index.py       the index of open stories under a key: a head and chunks of slim refs
    story_explain.py     why a report joined a story or opened one (``alerts explain``)

The pipeline (dispatch.py: ``PIPELINE`` runs the stages in this order; stage.py: what a stage takes and gives)
    dedup.py             known alert? replay, grouped, resend — or a re-alert / the one follow-up
    group.py             a first report waits group_wait
    mute.py              silences (silences.py) and inhibit rules (inhibit.py)
    digest.py            digest receivers: one message per period
    handover.py          one home scope per receiver for digests and rate limits
    rate_limit.py        over the cap: held for a catch-up digest
    outbox.py            recorded before delivery; attempting, delivered, retry_later, undelivered
    timers.py            group_wait ended, follow-ups, digests, catch-ups; bounded state

State and messages
    notification_log.py  the typed log (AlertEntry, Sent, OutboxEntry, Backoff, DigestEntry, RateEntry)
    notes.py             Notification, StoryItem, Decision

Delivery
    settle.py            what a delivery's results do: delivered, retried later, dead-lettered (worker and scan)
    delivery.py          apprise targets, retries with backoff, Idempotency-Key
    render.py            notification → title and body per channel (templates/), escape.py escapes article text
    channels.py          which channel (template, escaper, limit) an apprise URL gets
    history.py           delivery records and dead letters; local JSONL files for ``wirewatch scan``
    observe.py           what apprise reported for one send (status, Retry-After)
"""
