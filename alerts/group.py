"""Stage 2, group: a first report waits ``group_wait`` for more outlets before its alert goes out.

The wait ends on a timer (``alerts.timers.due``), which sends the alert through the stages after this one. A
digest route does not wait here: the digest is its grouping."""

from __future__ import annotations

from dataclasses import replace

from alerts.durations import format_duration
from alerts.stage import Alert, Context, Verdict
from alerts.vocabulary import EntryState, Outcome


def stage(ctx: Context, a: Alert) -> Verdict | None:
    route = a.route
    if not a.first or route.group_wait <= 0 or ctx.digest_period(route) is not None:
        return None
    ctx.log.put(a.key, replace(a.entry, state=EntryState.PENDING, due=a.now + route.group_wait))
    return Verdict(Outcome.PENDING, f"first report: waiting group_wait {format_duration(route.group_wait)} for more "
                                    f"outlets")
