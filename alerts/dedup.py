"""Stage 1, dedup: is this detection news for this receiver? (Alertmanager's dedup against the nflog.)

The alert key is story × receiver × status: a replay never alerts twice, a status change in a later article is a
new alert, and the statuses one article reports of one story make one alert. A first report passes on; a known
one ends here as grouped, replay or resend — or passes on as a re-alert (repeat_interval passed) or the one
follow-up (more outlets, group_interval passed)."""

from __future__ import annotations

from dataclasses import replace

from alerts.durations import format_duration
from alerts.notification_log import alert_key
from alerts.outbox import from_outbox
from alerts.silences import format_time
from alerts.stage import Alert, Context, Verdict, followup_reason
from alerts.vocabulary import EntryState, Kind, Outcome


def _alerted_from_same_article(ctx: Context, a: Alert) -> str | None:
    """Another status of this story whose first report came from this detection's article and was alerted to
    this receiver: an article that reports a call for a ceasefire and its announcement is one story's news, one
    alert (a later article with a new status is a new alert)."""
    for status, first in (a.story.get("by_status") or {}).items():
        if status == a.detection.status or first.get("article_id") != a.detection.article_id:
            continue
        if ctx.log.alert(alert_key(a.story["id"], a.route.receiver, status)) is not None:
            return status
    return None


def stage(ctx: Context, a: Alert) -> Verdict | None:
    entry, route = a.entry, a.route
    if entry.outbox:
        notes = [from_outbox(n) for n in entry.outbox if n.key not in ctx.in_flight]
        if notes:
            return Verdict(Outcome.RESEND, "recorded but never confirmed delivered (a crash?): delivering again", notes)
    if a.first:
        sibling = _alerted_from_same_article(ctx, a)
        if sibling is not None:
            return Verdict(Outcome.GROUPED, f"the story's {sibling} from this same article was alerted to "
                                            f"{route.receiver}: one alert per story per article")
        a.kind, a.reason = Kind.NEW, f"first report of this story × status for {route.receiver}"
        return None
    if not a.new_article:
        return Verdict(Outcome.REPLAY, "this article was already counted in the story (replay): nothing to send")
    if entry.state == EntryState.PENDING:
        return Verdict(Outcome.GROUPED, f"grouped into the alert waiting until {format_time(entry.due or 0.0)}")
    if entry.state == EntryState.QUEUED:
        return Verdict(Outcome.GROUPED, "already queued for the next digest")
    if entry.state == EntryState.HELD:
        return Verdict(Outcome.GROUPED, "grouped into an alert held back by the rate limit")
    if ctx.digest_period(route) is not None:
        return Verdict(Outcome.GROUPED, "already reported in a digest")
    sent = entry.sent
    assert sent is not None
    since = a.now - sent.at
    if since >= route.repeat_interval:
        a.kind = Kind.NEW
        a.reason = f"repeat_interval {format_duration(route.repeat_interval)} passed since the last alert"
        return None
    if a.outlets > sent.outlets and sent.followups == 0:
        if since >= route.group_interval:
            a.kind, a.reason = Kind.FOLLOWUP, followup_reason(entry, a.story)
            return None
        if sent.followup_due is None:
            ctx.log.put(a.key, replace(entry, sent=replace(sent, followup_due=sent.at + route.group_interval)))
        return Verdict(Outcome.GROUPED, f"more outlets: a follow-up is due at "
                                        f"{format_time(sent.at + route.group_interval)} (group_interval)")
    if sent.followups:
        return Verdict(Outcome.GROUPED, f"the one follow-up was sent; next alert after repeat_interval "
                                        f"{format_duration(route.repeat_interval)}")
    return Verdict(Outcome.GROUPED, "outlet already counted")
