"""``upr report midterm`` and ``upr report briefing``: advocacy documents (issue 15).

    upr report midterm --state SVN --cycle 4 [--out FILE]
    upr report briefing --state SVN [--session 62] [--for FRA] [--format docx|xlsx] [--out FILE]

``midterm`` writes the CSO mid-term report (:mod:`upr.midterm`) as Word; ``briefing``
the lobby briefing (:mod:`upr.briefing`) for the State's next review (or ``--session``)
as a Word briefing sheet or an Excel table; ``--for`` keeps only what one recommending
State asked (for a meeting with its mission). Only public assessments are used.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .. import briefing, midterm, reports
from ..cli import iso_date
from ..config import settings
from ..content import load_content
from ..followup import FollowUp
from ..site import atomic_write
from .export import of_cycle


def _load(today=None):
    s = settings(today=today)
    content = load_content(s)
    corpus = content.kinds.get("recommendations")
    fu = content.kinds.get("followup")
    states = content.kinds.get("states")
    name_of = states.name if states is not None and hasattr(states, "name") else str
    return s, content, corpus, (fu.public if fu is not None else FollowUp()), name_of


def _state(args, corpus, command: str) -> str | None:
    iso3 = (args.state or "").strip().upper()
    if corpus is None or not corpus.count:
        print(f"upr report {command}: no recommendations imported (states/recommendations/ is empty); "
              "run  upr import recommendations  first", file=sys.stderr)
        return None
    if iso3 not in corpus.by_state:
        print(f"upr report {command}: no recommendations for '{args.state}'; write the ISO 3166 alpha-3 code "
              f"of a State under Review, e.g. SVN (known: {len(corpus.by_state)} States)", file=sys.stderr)
        return None
    return iso3


def run_midterm(args) -> int:
    _, _, corpus, fu, name_of = _load()
    iso3 = _state(args, corpus, "midterm")
    if iso3 is None:
        return 2
    if not of_cycle(corpus, iso3, args.cycle, "upr report midterm"):
        return 2
    report = midterm.build(corpus, fu, iso3, args.cycle)
    data = reports.midterm_docx(report, name_of)
    out = Path(args.out or f"{iso3.lower()}-cycle-{args.cycle}-midterm.docx")
    atomic_write(out, data)
    print(f"upr report midterm: wrote {out} ({len(report.entries)} recommendations, "
          f"{len(report.assessments)} public assessments)", file=sys.stderr)
    return 0


def run_briefing(args) -> int:
    s, content, corpus, fu, name_of = _load(args.today)
    iso3 = _state(args, corpus, "briefing")
    if iso3 is None:
        return 2
    calendar = content.kinds.get("sessions")
    if args.session:
        review = briefing.review_of_session(calendar, iso3, args.session)
    else:
        review = briefing.next_review(calendar, iso3, s.today)
        if review is None:
            print(f"upr report briefing: states/sessions.yml has no review of {iso3}; "
                  "give the session with --session N", file=sys.stderr)
            return 2
    for_state = args.for_state.strip().upper() if args.for_state else None
    b = briefing.build(corpus, fu, review, for_state)
    if not b.rows:
        who = f" by {for_state}" if for_state else ""
        print(f"upr report briefing: no recommendation{who} to {iso3} before session {review.session}",
              file=sys.stderr)
        return 2
    data = (reports.briefing_xlsx if args.format == "xlsx" else reports.briefing_docx)(b, name_of)
    default = f"{iso3.lower()}-{review.session}-briefing{'-' + for_state.lower() if for_state else ''}.{args.format}"
    out = Path(args.out or default)
    atomic_write(out, data)
    print(f"upr report briefing: wrote {out} ({len(b.rows)} earlier recommendations in {len(b.themes)} themes, "
          f"session {review.session}{' (projected)' if review.projected else ''})", file=sys.stderr)
    return 0


def register(cli) -> None:
    p = cli.command("midterm", "the CSO mid-term report of a State and cycle as Word: per theme each "
                    "recommendation, its response, the latest NGO assessment with sources and history",
                    group="report")
    p.add_argument("--state", required=True, help="ISO3 code of the State under Review, e.g. SVN")
    p.add_argument("--cycle", required=True, type=int, help="the UPR cycle (1-4), e.g. 4")
    p.add_argument("--out", help="file to write (default <iso3>-cycle-<n>-midterm.docx in the current folder)")
    p.set_defaults(func=run_midterm)
    p = cli.command("briefing", "a lobby briefing for a review as Word or Excel: per theme what States asked "
                    "before, the response, the latest NGO assessment, whether it was raised again",
                    group="report")
    p.add_argument("--state", required=True, help="ISO3 code of the State under Review, e.g. SVN")
    p.add_argument("--session", type=int, help="the review's Working Group session (default: the State's next "
                                               "review in states/sessions.yml, or the projected one)")
    p.add_argument("--for", dest="for_state", metavar="ISO3",
                   help="only what this recommending State asked, e.g. FRA (for a meeting with its mission)")
    p.add_argument("--format", choices=("docx", "xlsx"), default="docx", help="Word (default) or Excel")
    p.add_argument("--out", help="file to write (default <iso3>-<session>-briefing[-<for>].<format>)")
    p.add_argument("--today", type=iso_date, help="the date the next review is counted from, YYYY-MM-DD "
                                                 "(default today)")
    p.set_defaults(func=run_briefing)
