"""``upr remind``: which country groups must be reminded of a deadline, this week.

For every country group (``groups/<slug>/index.md``) and each deadline of its session in
the calendar (stakeholder submissions, national report), a reminder is due when the
deadline is at most N days away for one of ``--days`` (default 30 and 7) and not past.
The weekly workflow (.github/workflows/reminders.yml) turns each reminder into one
GitHub issue: the title is stable (same group and deadline -> same title every week), so
the issue is updated, not duplicated; the body carries the countdown.

A group that has already sent its submission is not reminded of the stakeholder deadline.
Approximate, month-only and projected deadlines count from their earliest possible day, so a
rough date never makes a reminder late. A group of a session OHCHR has not published yet
(``projected: true``) is reminded of the *projected* deadlines (:mod:`upr.projection`): the
title and body say "projected: not yet published by OHCHR" and ask to check OHCHR.

Time (case 41): "now" is an aware instant in Geneva time, never the runner's UTC clock.
A deadline whose source gives its time (12:00 Geneva) is past from that instant on; the
reminder shows it in Geneva time with the offset of that day (CET in winter, CEST in
summer). Without ``--today`` the date is today's date *in Geneva*.
"""
from __future__ import annotations

import datetime as dt
import json
import sys

from .. import geneva
from ..config import settings as make_settings
from ..content import load_content
from ..i18n import state_name
from ..sessions import Calendar

SENT = ("submitted", "published", "following up")
KINDS = (("stakeholder_deadline", "stakeholder submissions"), ("national_report_deadline", "national report"))


def _days(text: str) -> list[int]:
    try:
        days = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError:
        raise SystemExit(f"upr remind: --days must be whole numbers separated by commas, e.g. 30,7 (got '{text}')")
    if not days or days[0] < 0:
        raise SystemExit("upr remind: --days needs at least one number of days, 0 or more, e.g. 30,7")
    return days


def reminders(content, today: dt.date, days: list[int], site_url: str = "",
              now: dt.datetime | None = None) -> list[dict]:
    """One dict per (group, deadline) due on ``today``: group, state, session, kind, date,
    at (the Geneva instant, when the source gives a time), basis ('' or ``projected``),
    days_left, threshold, title, body. Sorted by date, then group. ``now`` (aware; a naive
    value is Geneva time) decides whether a timed deadline has passed; default: the start of
    ``today`` in Geneva. (No labels: the workflow's ``gh issue create --label`` fails on a
    label the repository does not have.)"""
    cal: Calendar | None = content.kinds.get("sessions")
    groups = content.kinds.get("groups") or {}
    states = content.kinds.get("states") or {}
    out = []
    if not cal:
        return out
    now = geneva.as_geneva(now) if now is not None else geneva.start_of_day(today)
    schedule = cal.schedule()
    for slug, group in sorted(groups.items()):
        session = schedule.get(getattr(group, "session", 0))
        if session is None or group.state not in session.states:
            continue  # unknown session, or a State it does not review: nothing to remind of
        state = states.get(group.state)
        name = state_name(state, "en") if state else group.state
        for key, what in KINDS:
            value = getattr(session, key)
            if value is None or (key == "stakeholder_deadline" and getattr(group, "status", "") in SENT):
                continue
            if value.is_past(now):
                continue
            left = (value.first - today).days
            due = [n for n in days if 0 <= left <= n]
            if not due:
                continue
            label = value.label()
            title = f"Reminder: {what} for {name} (UPR {session.number}) due {label} — group {slug}"
            page = f"{site_url.rstrip('/')}/groups/{slug}/" if site_url else f"groups/{slug}/"
            when = "today" if left == 0 else "tomorrow" if left == 1 else f"in {left} days"
            if (not value.exact or value.computed) and left > 1:
                when = f"in about {left} days"
            lines = [f"The **{what}** deadline of the UPR review of **{name}** "
                     f"(Working Group session {session.number}) is **{label}**: {when}.", ""]
            if key == "stakeholder_deadline" and value.at is None:
                lines += ["OHCHR deadlines are usually 12:00 Geneva time; late submissions are not considered. "
                          "Check the exact time on the OHCHR page for the session.", ""]
            elif key == "stakeholder_deadline":
                lines += [f"That is {value.at.astimezone(dt.timezone.utc):%H:%M} UTC. "
                          "Late submissions are not considered.", ""]
            if value.computed:
                lines += ["This date is projected from the 14-session pattern of the UPR calendar: OHCHR has not "
                          "published it yet. Check the OHCHR page for the session, and send the published date "
                          "with the issue form \"Correct a date\".", ""]
            elif not value.exact:
                lines += [f"This date is {'approximate' if value.precision == 'approximate' else 'known only to the month'}"
                          "; check it against OHCHR.", ""]
            if value.note:
                lines += [f"Source note: {value.note}", ""]
            lines += [f"- Group page: {page}", f"- Session calendar: states/sessions.yml (session {session.number})",
                      "", f"This issue is updated every week by the reminders workflow ({min(due)}-day reminder)."]
            out.append({"group": slug, "state": group.state, "session": session.number, "kind": key,
                        "date": value.value, "precision": value.precision,
                        "at": value.at.isoformat() if value.at else None, "basis": value.basis,
                        "days_left": left, "threshold": min(due), "title": title, "body": "\n".join(lines)})
    return sorted(out, key=lambda r: (r["date"], r["group"], r["kind"]))


def run(args) -> int:
    # Today in Geneva, not on the runner's (UTC) clock; --today fixes it for previews and tests.
    now = geneva.start_of_day(args.today) if args.today else geneva.now()
    s = make_settings(today=now.date())
    days = _days(args.days)
    content = load_content(s)
    from ..mkconfig import read_mkdocs_yml
    site_url = str(read_mkdocs_yml(s.root).get("site_url") or "")
    items = reminders(content, s.today, days, site_url, now)
    payload = {"today": s.today.isoformat(), "days": days, "reminders": items}
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if args.output and args.output != "-":
        from pathlib import Path
        from ..site import atomic_write
        atomic_write(Path(args.output), text.encode("utf-8"))
        for item in items:
            print(item["title"])
    else:
        sys.stdout.write(text)
    groups = len(content.kinds.get("groups") or {})
    print(f"upr remind: {len(items)} reminder(s) due on {s.today.isoformat()} "
          f"({groups} group(s), thresholds {', '.join(map(str, days))} days)", file=sys.stderr)
    return 0


def register(cli) -> None:
    from ..cli import iso_date
    p = cli.command("remind", "list the country-group deadline reminders due now (for the weekly reminders workflow)")
    p.add_argument("--days", default="30,7", help="remind this many days before each deadline (default: 30,7)")
    p.add_argument("--today", type=iso_date, default=None, help="compute from this date (YYYY-MM-DD) instead of today")
    p.add_argument("--output", default=None, help="write the reminders as JSON to this file (default: print them)")
    p.set_defaults(func=run)
