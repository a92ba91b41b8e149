"""Country groups: NGOs working together on one State under Review in one session.

A group is a folder ``groups/<iso3>-<session>/`` (e.g. ``groups/tgo-54/``) holding

* ``index.md``: front matter described by :data:`SCHEMA` (State, session, contacts,
  members, status, submission details, working languages); the body is the plan;
* ``submission.md`` (optional): the joint submission draft (see :mod:`upr.submission`);
* ``briefings/*.md`` (optional): pre-session briefings, front matter :data:`BRIEFING_SCHEMA`.

Confidentiality is defined here and nowhere else. Any contact, member or briefing
speaker may carry ``confidential: true``; :func:`public_view` returns only what may be
published, and :func:`private_values` the strings that must never appear in the built
site, search index, feeds, exports or DOCX (the privacy scan looks for them).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .config import Settings
from .i18n import N_
from .problems import Problem, WARNING
from .schema import line_of, validate
from .sessions import PATTERN_STEP as SESSIONS_PER_CYCLE, cycle_of  # noqa: F401 (re-exported)
from . import privacy, repofiles
from .states import known_state
from .suggest import with_state_codes
from .yamlio import read_document

GENEVA = ZoneInfo("Europe/Zurich")  # Geneva has no zone of its own in the tz database
STATUSES = ("forming", "drafting", "submitted", "published", "following up")

#: The dates of a group's session that its page and calendar show, in order: key (a field of
#: the session in states/sessions.yml) -> label, English (the pages translate it; {n} is the session).
DEADLINE_LABELS = {
    "stakeholder_deadline": N_("Stakeholder submissions due (12:00 Geneva time)"),
    "national_report_deadline": N_("National report due"),
    "start": N_("Working Group session {n} opens"),
    "hrc_adoption_date": N_("Outcome adopted at the Human Rights Council"),
}
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
FOLDER = re.compile(r"^([a-z]{3})-([1-9][0-9]*)$")

_CONFIDENTIAL = {
    "type": "boolean",
    "description": "true keeps this entry off the website, feeds, exports and the Word export "
                   "(for organisations or people at risk)",
    "examples": [True],
}
_GITHUB = {
    "type": "string", "pattern": r"^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$",
    "description": "GitHub user name (optional), e.g. @example-ngo; used for CODEOWNERS",
    "examples": ["@example-ngo-coordinator"],
}
_EMAIL = {
    "type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "description": "e-mail address (optional)", "examples": ["upr@example.org"],
}

CONTACT_SCHEMA = {
    "type": "object",
    "description": "a contact person of the group",
    "required": ["organisation", "role", "channel"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 2, "description": "the person's name (optional)",
                 "examples": ["Ama Example"]},
        "organisation": {"type": "string", "minLength": 2, "description": "the contact's organisation",
                         "examples": ["Example NGO Lomé Rights Forum"]},
        "role": {"type": "string", "minLength": 2, "description": "role in the group",
                 "examples": ["coordinator"]},
        "channel": {"type": "string", "minLength": 5,
                    "description": "a public way to reach the group: a web form, a GitHub discussion or an "
                                   "organisation's public address",
                    "examples": ["https://example.org/upr-contact"]},
        "email": _EMAIL,
        "github": _GITHUB,
        "confidential": _CONFIDENTIAL,
    },
}
MEMBER_SCHEMA = {
    "type": "object",
    "description": "a member organisation of the coalition",
    "required": ["organisation"],
    "additionalProperties": False,
    "properties": {
        "organisation": {"type": "string", "minLength": 2, "description": "the organisation's full name",
                         "examples": ["Example NGO Association for Children's Rights"]},
        "acronym": {"type": "string", "description": "short name (optional)", "examples": ["ENACR"]},
        "website": {"type": "string", "pattern": r"^https?://\S+$", "description": "web site (optional)",
                    "examples": ["https://example.org"]},
        "github": _GITHUB,
        "confidential": _CONFIDENTIAL,
    },
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Country group (groups/<iso3>-<session>/index.md)",
    "type": "object",
    "required": ["state", "session", "status", "contacts", "members", "languages"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "description": "page title (optional; default: the State and session)",
                  "examples": ["Togo country group, session 54"]},
        "state": {"type": "string", "pattern": "^[A-Z]{3}$",
                  "description": "ISO 3166 alpha-3 code of the State under Review, in capitals",
                  "examples": ["TGO"]},
        "session": {"type": "integer", "minimum": 1,
                    "description": "number of the UPR Working Group session that reviews the State",
                    "examples": [54]},
        "cycle": {"type": "integer", "minimum": 1, "maximum": 9,
                  "description": "UPR cycle (optional, checked against the session)", "examples": [4]},
        "projected": {"type": "boolean",
                      "description": "true when the session's list of States is not yet published and the "
                                     "group follows the projected list (same States as 14 sessions earlier)",
                      "examples": [True]},
        "status": {"enum": list(STATUSES),
                   "description": "where the group is: " + ", ".join(STATUSES), "examples": ["drafting"]},
        "contacts": {"type": "array", "minItems": 1, "items": CONTACT_SCHEMA,
                     "description": "contact persons (at least one); the first is the main contact"},
        "members": {"type": "array", "minItems": 1, "items": MEMBER_SCHEMA,
                    "description": "member organisations of the coalition"},
        "languages": {"type": "array", "minItems": 1, "items": {"enum": list(LANGUAGES)},
                      "description": "working languages, as two-letter codes: " + ", ".join(LANGUAGES),
                      "examples": [["en"]]},
        "submission": {
            "type": "object", "additionalProperties": False,
            "description": "the joint submission (optional until it is sent)",
            "properties": {
                "sent": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                         "description": "date the submission was sent to OHCHR, YYYY-MM-DD",
                         "examples": ["2026-06-20"]},
                "js_label": {"type": "string", "pattern": r"^JS[1-9][0-9]*$",
                             "description": "label OHCHR gave the joint submission in its summary",
                             "examples": ["JS3"]},
                "summary_symbol": {"type": "string", "pattern": r"^A/HRC/WG\.6/[1-9][0-9]*/[A-Z]{3}/3$",
                                   "description": "document symbol of OHCHR's summary of stakeholders' information",
                                   "examples": ["A/HRC/WG.6/54/TGO/3"]},
                "count_footnotes": {"type": "boolean",
                                    "description": "count footnotes in the word limit (default true)",
                                    "examples": [True]},
                "count_annexes": {"type": "boolean",
                                  "description": "count annexes in the word limit (default false)",
                                  "examples": [False]},
                "word_limit": {"type": "integer", "minimum": 100,
                               "description": "word limit when OHCHR sets another one (default 5630 for a "
                                              "joint submission, 2815 for an individual one)",
                               "examples": [5630]},
                "recommendations": {
                    "type": "array", "minItems": 1,
                    "description": "the recommendations of the joint submission, as sent to OHCHR, one "
                                   "'- text: \"…\"' each; published on the group page and, after the review, "
                                   "matched to the Working Group's recommendations",
                    "examples": [[{"text": "Ratify the Optional Protocol to the International Covenant on "
                                           "Economic, Social and Cultural Rights"}]],
                    "items": {
                        "type": "object", "required": ["text"], "additionalProperties": False,
                        "description": "one recommendation of the submission",
                        "properties": {
                            "text": {"type": "string", "minLength": 20,
                                     "description": "the recommendation as written in the submission, in "
                                                    "double quotes (at least 20 characters)",
                                     "examples": ["Ratify the Optional Protocol to the International Covenant "
                                                  "on Economic, Social and Cultural Rights"]},
                            "paragraph": {"type": "string", "pattern": r"^[0-9]{1,3}(\.[0-9]{1,2})?[a-z]?$",
                                          "description": "the number of the submission's paragraph that holds "
                                                         "it, in quotes (optional)",
                                          "examples": ["14"]},
                        },
                    },
                },
            },
        },
    },
}
BRIEFING_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Pre-session briefing (groups/<iso3>-<session>/briefings/<name>.md)",
    "type": "object",
    "required": ["title", "date", "start", "end", "speakers"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 5, "description": "title of the briefing",
                  "examples": ["Briefing for recommending States on Togo"]},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                 "description": "date, YYYY-MM-DD", "examples": ["2026-12-10"]},
        "start": {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$",
                  "description": "start time in Geneva time, HH:MM in quotes", "examples": ["14:00"]},
        "end": {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$",
                "description": "end time in Geneva time, HH:MM in quotes", "examples": ["15:00"]},
        "place": {"type": "string", "minLength": 3, "description": "where it takes place",
                  "examples": ["Palais des Nations, Room XXIV, Geneva"]},
        "online": {"type": "string", "pattern": r"^https://[^\s<>\"']+$",
                   "description": "public link to join online", "examples": ["https://meet.example.org/tgo-54"]},
        "speakers": {"type": "array", "minItems": 1,
                     "description": "organisations of the speakers",
                     "items": {"type": "object", "required": ["organisation"], "additionalProperties": False,
                               "properties": {
                                   "organisation": {"type": "string", "minLength": 2,
                                                    "description": "speaker's organisation",
                                                    "examples": ["Example NGO Lomé Rights Forum"]},
                                   "confidential": _CONFIDENTIAL}}},
        "confidential": {**_CONFIDENTIAL, "description": "true keeps the whole briefing off the website, "
                         "calendar and feeds (a closed meeting); it stays in the public repository"},
        "private": {**_CONFIDENTIAL, "description": "same as confidential"},
        "report": {"type": "string", "pattern": r"^news/posts/(?:(?!\.\.?/)[^\s/]+/)*[^\s/]+\.md$",
                   "description": "the News post reporting on the briefing, once published",
                   "examples": ["news/posts/2026-11-13-tgo-54-briefing.md"]},
    },
}


@dataclass
class Contact:
    organisation: str
    role: str
    channel: str
    name: str | None = None
    email: str | None = None
    github: str | None = None
    confidential: bool = False
    line: int = 0


@dataclass
class Member:
    organisation: str
    acronym: str | None = None
    website: str | None = None
    github: str | None = None
    confidential: bool = False
    line: int = 0


@dataclass
class Speaker:
    organisation: str
    confidential: bool = False


@dataclass
class Briefing:
    """A pre-session briefing; ``start``/``end`` are aware datetimes in Geneva time."""

    slug: str
    path: str
    title: str
    start: dt.datetime
    end: dt.datetime
    speakers: list[Speaker]
    place: str | None = None
    online: str | None = None
    report: str | None = None
    body: str = ""
    report_line: int = 1


@dataclass
class Deadline:
    """One date of the group's review taken from the session calendar."""

    key: str          # stable id: stakeholder_deadline, national_report_deadline, start, hrc_adoption_date
    label: str
    date: dt.date     # the last day it may be (FuzzyDate.last) when the source is not exact
    approximate: bool = False
    when: str = ""    # the date as the calendar shows it ("May 2027, approx.")
    source: Any = None  # the calendar's FuzzyDate, for labels in other languages

    def days_left(self, today: dt.date) -> int:
        return (self.date - today).days


@dataclass(frozen=True)
class SubmissionRecommendation:
    """One recommendation of a group's joint submission (``submission.recommendations``):
    ``number`` is its place in the list (1, 2 …), the key of its row on the group page;
    ``paragraph`` the submission's paragraph that holds it, when given."""

    number: int
    text: str
    paragraph: str | None = None
    line: int = 0


@dataclass
class SubmissionInfo:
    sent: str | None = None
    js_label: str | None = None
    summary_symbol: str | None = None
    count_footnotes: bool = True
    count_annexes: bool = False
    word_limit: int | None = None
    recommendations: list[SubmissionRecommendation] = field(default_factory=list)


@dataclass
class Group:
    """A country group (see module docstring). ``slug`` is the folder name, ``path`` the
    index file as shown in messages, ``folder`` the absolute folder."""

    slug: str
    path: str
    folder: Path
    state: str
    session: int
    status: str
    contacts: list[Contact]
    members: list[Member]
    languages: list[str]
    cycle: int | None = None
    projected: bool = False
    title: str | None = None
    submission: SubmissionInfo = field(default_factory=SubmissionInfo)
    plan: str = ""
    briefings: list[Briefing] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    lines: dict = field(default_factory=dict)

    draft_hidden: bool = False  # submission.md says confidential: true (kept off the site)

    @property
    def has_draft(self) -> bool:
        return repofiles.is_regular(self.folder / "submission.md")

    @property
    def publishes_draft(self) -> bool:
        """True when the draft is published (page and Word file): it exists and is not confidential."""
        return self.has_draft and not self.draft_hidden

    @property
    def draft_path(self) -> Path:
        return self.folder / "submission.md"

    @property
    def expected_cycle(self) -> int:
        return cycle_of(self.session)


def _models(meta) -> tuple:
    contacts = [Contact(**{k: v for k, v in c.items()}, line=meta["contacts"].lines[i])
                for i, c in enumerate(meta["contacts"])]
    members = [Member(**{k: v for k, v in m.items()}, line=meta["members"].lines[i])
               for i, m in enumerate(meta["members"])]
    return contacts, members


def load(settings: Settings, content) -> tuple[dict[str, Group], list[Problem]]:
    """Read every ``groups/*/index.md``. Returns ``({slug: Group}, problems)``; a group
    with errors in its front matter is left out of the models, its briefings are still
    checked (all problems in one run)."""
    groups: dict[str, Group] = {}
    problems: list[Problem] = []
    root = settings.groups_dir
    if not root.is_dir():
        return groups, problems
    for stray in (p for p in repofiles.files(root, (".md",), recursive=False) if p.name != "README.md"):
        # groups/tgo-54.md: never read as a group; say where it belongs and list its other problems
        shown = settings.rel(stray)
        doc = read_document(stray, shown)
        problems.append(Problem(shown, 0, "a group's file must be index.md in the group's folder",
                                f"move it to groups/{stray.stem.lower()}/index.md (on GitHub: edit the file and "
                                f"type {stray.stem.lower()}/index.md as its name)"))
        problems += doc.problems + (validate(doc.meta, SCHEMA, shown) if doc.meta else [])
    for folder in repofiles.subdirs(root):  # a linked folder is reported by upr.repofiles, never entered
        index = folder / "index.md"
        shown = settings.rel(index)
        if not index.is_file():
            problems.append(Problem(settings.rel(folder), 0, "group folder without index.md",
                                    "add index.md (run: upr new group --state XXX --session N)"))
            continue
        group, found = _load_group(settings, folder, shown)
        problems.extend(found)
        # the briefings are checked even when index.md is not valid: their own problems
        # belong in the same run (they never depend on the index)
        briefings, found = _load_briefings(settings, folder)
        problems.extend(found)
        if group is None:
            problems.extend(_check_reports(briefings, settings))  # a valid group's: in cross_check
            if content is not None:
                problems.extend(_check_invalid_group(folder / "index.md", shown, content))
        if group:
            group.briefings = briefings
            group.deadlines = deadlines_from_calendar(group, getattr(content, "sessions", None)
                                                      if content is not None else None)
            groups[group.slug] = group
    return groups, with_state_codes(problems, getattr(content, "states", None))  # state: Haiti -> HTI


def _check_invalid_group(index: Path, shown: str, content) -> list[Problem]:
    """A group left out for other errors still gets its State and session checked
    against the calendar, so that one run of ``upr check`` reports every problem."""
    from types import SimpleNamespace
    meta = read_document(index, shown).meta
    state, session = meta.get("state"), meta.get("session")
    if not (isinstance(state, str) and re.fullmatch(r"[A-Z]{3}", state) and isinstance(session, int)
            and not isinstance(session, bool)):
        return []
    ref = SimpleNamespace(path=shown, state=state, session=session, lines=meta.lines,
                          projected=meta.get("projected") is True)
    return _check_session(ref, getattr(content, "sessions", None))


def _load_group(settings: Settings, folder: Path, shown: str) -> tuple[Group | None, list[Problem]]:
    doc = read_document(folder / "index.md", shown)
    problems = list(doc.problems)
    if doc.problems and not doc.meta:
        return None, problems
    found = privacy.refuse_confidential(
        doc.meta, shown, "a country group's page",
        "delete this line, and mark the contacts or members who must not be named with confidential: true "
        "instead (the page then leaves them out)")
    found += privacy.without_marker_noise(
        [_explain_private_recommendation(p) for p in validate(doc.meta, SCHEMA, shown)])
    problems.extend(found)
    match = FOLDER.match(folder.name)
    meta = doc.meta
    if not match:
        problems.append(Problem(shown, 1, f"group folder '{folder.name}' is not named <iso3>-<session>",
                                f"rename the folder like tgo-54 (State code in lower case, a dash, "
                                f"the session number)"))
    elif not found:
        want = f"{meta['state'].lower()}-{meta['session']}"
        if folder.name != want:
            problems.append(Problem(shown, meta.lines.get("state", 1),
                                    f"folder '{folder.name}' does not match state {meta['state']} "
                                    f"and session {meta['session']}",
                                    f"name the folder groups/{want}/ or correct state and session"))
    sent = (meta.get("submission") or {}).get("sent")
    if not found and isinstance(sent, str):
        try:
            dt.date.fromisoformat(sent)
        except ValueError:
            found = [Problem(shown, line_of(meta, ["submission", "sent"]),
                             f"submission.sent '{sent}' is not a real date",
                             "write the day the submission was sent as YYYY-MM-DD, e.g. \"2026-03-15\"")]
            problems.extend(found)
    if found or not match:
        return None, problems
    contacts, members = _models(meta)
    sub = SubmissionInfo(**{k: v for k, v in (meta.get("submission") or {}).items() if k != "recommendations"})
    sub.recommendations = _submission_recommendations(meta)
    group = Group(slug=folder.name, path=shown, folder=folder, state=meta["state"], session=meta["session"],
                  status=meta["status"], contacts=contacts, members=members,
                  languages=list(meta["languages"]), cycle=meta.get("cycle"),
                  projected=bool(meta.get("projected", False)), title=meta.get("title"),
                  submission=sub, plan=doc.body, lines=dict(meta.lines))
    if group.cycle is not None and group.cycle != group.expected_cycle:
        problems.append(Problem(shown, meta.lines["cycle"],
                                f"cycle {group.cycle} does not match session {group.session} "
                                f"(session {group.session} is in cycle {group.expected_cycle})",
                                f"write cycle: {group.expected_cycle}"))
    orgs = [m.organisation for m in members]
    for i, m in enumerate(members):
        if orgs.index(m.organisation) != i:
            problems.append(Problem(shown, m.line, f"member '{m.organisation}' is listed twice",
                                    "delete one of the two entries"))
    if sub.summary_symbol and not sub.summary_symbol.startswith(f"A/HRC/WG.6/{group.session}/{group.state}/"):
        problems.append(Problem(shown, meta["submission"].lines["summary_symbol"],
                                f"summary_symbol {sub.summary_symbol} is not for {group.state} in session "
                                f"{group.session}",
                                f"write A/HRC/WG.6/{group.session}/{group.state}/3"))
    if group.status in ("submitted", "published", "following up") and not sub.sent:
        problems.append(Problem(shown, meta.lines["status"],
                                f"status is '{group.status}' but the date the submission was sent is missing",
                                "add under submission: a line  sent: \"YYYY-MM-DD\"", WARNING))
    if group.has_draft:
        from .yamlio import YamlSyntaxError, read_text
        try:
            group.draft_hidden = privacy.text_is_confidential(read_text(group.draft_path), ".md")
        except YamlSyntaxError:
            group.draft_hidden = True  # unreadable: submission.parse reports it; never published
    problems += _check_submission_recommendations(group, shown)
    return group, problems


_REC_ITEM = re.compile(r"^submission\.recommendations\[\d+\] must be a group of 'key: value' lines")


def _explain_private_recommendation(problem: Problem) -> Problem:
    """Two likely mistakes in ``submission.recommendations``, said plainly: ``confidential:
    true`` on one of them (it cannot work: the list is published), and a bare text
    where ``- text: "…"`` is expected."""
    if problem.message.startswith(("unknown field 'confidential' in submission.recommendations",
                                   "unknown field 'private' in submission.recommendations")):
        return replace(problem, fix="every recommendation listed here is published on the group page; "
                                    "to keep one private, delete it from the list")
    if _REC_ITEM.match(problem.message):
        return replace(problem, fix='start the line with  - text:  and put the recommendation in double quotes, '
                                    'e.g.  - text: "Ratify the Optional Protocol …"')
    return problem


def _submission_recommendations(meta) -> list[SubmissionRecommendation]:
    items = (meta.get("submission") or {}).get("recommendations") or []
    return [SubmissionRecommendation(i + 1, " ".join(item["text"].split()), item.get("paragraph"),
                                     line_of(meta, ["submission", "recommendations", i, "text"]))
            for i, item in enumerate(items)]


def _check_submission_recommendations(group: Group, shown: str) -> list[Problem]:
    """The same text listed twice, and a confidential member named in a text (the list
    is published on the group page)."""
    problems, seen = [], {}
    secret = [m.organisation for m in group.members if m.confidential]
    for rec in group.submission.recommendations:
        key = " ".join(re.sub(r"[^\w\s]", " ", rec.text.casefold()).split())
        if key in seen:
            problems.append(Problem(shown, rec.line, f"recommendation {rec.number} of the submission repeats "
                                    f"recommendation {seen[key].number} (line {seen[key].line})",
                                    "delete one of the two"))
        else:
            seen[key] = rec
        if any(name.casefold() in rec.text.casefold() for name in secret):
            problems.append(Problem(shown, rec.line, f"recommendation {rec.number} of the submission names a "
                                    "confidential member", "remove the organisation's name: the submission's "
                                    "recommendations are published on the group page"))
    return problems


def _load_briefings(settings: Settings, folder: Path) -> tuple[list[Briefing], list[Problem]]:
    briefings, problems = [], []
    bdir = folder / "briefings"
    if not bdir.is_dir():
        return briefings, problems
    for path in repofiles.files(bdir, (".md",), recursive=False):
        shown = settings.rel(path)
        doc = read_document(path, shown)
        problems.extend(doc.problems)
        if doc.problems and not doc.meta:
            continue  # unreadable front matter: checking fields would only add noise
        found = validate(doc.meta, BRIEFING_SCHEMA, shown)
        problems.extend(found)
        if found or privacy.marked(doc.meta):
            continue  # a confidential briefing is kept off the site (issue 13)
        meta = doc.meta
        if not meta.get("place") and not meta.get("online"):
            problems.append(Problem(shown, meta.lines.get("speakers", 1), "the briefing has no place and no online link",
                                    "add a line  place: Palais des Nations, Geneva  or  online: https://…  (or both)"))
            continue
        try:
            day = dt.date.fromisoformat(meta["date"])
        except ValueError:
            problems.append(Problem(shown, meta.lines["date"], f"date '{meta['date']}' does not exist",
                                    "write a real date as YYYY-MM-DD, e.g. 2026-12-10"))
            continue
        start = dt.datetime.combine(day, dt.time.fromisoformat(meta["start"]), GENEVA)
        end = dt.datetime.combine(day, dt.time.fromisoformat(meta["end"]), GENEVA)
        if end <= start:
            problems.append(Problem(shown, meta.lines["end"], f"the briefing ends ({meta['end']}) before it "
                                    f"starts ({meta['start']})", "write an end time after the start time"))
            continue
        briefings.append(Briefing(
            slug=path.stem, path=shown, title=meta["title"], start=start, end=end,
            speakers=[Speaker(s["organisation"], bool(s.get("confidential", False))) for s in meta["speakers"]],
            place=meta.get("place"), online=meta.get("online"), report=meta.get("report"), body=doc.body,
            report_line=meta.lines.get("report", 1)))
    return briefings, problems


# --- the calendar ----------------------------------------------------------------------------

def _as_date(value: Any) -> tuple[dt.date | None, bool, str]:
    """(date, approximate, label) from a calendar value: a :class:`upr.sessions.FuzzyDate`
    (its ``last`` possible day, so a countdown never runs past the real deadline; for a
    projected value its *first* possible day, so a projection never promises more time than
    there may be), a date or an ISO string."""
    if value is None:
        return None, False, ""
    if isinstance(value, dt.datetime):
        return value.date(), False, value.date().isoformat()
    if isinstance(value, dt.date):
        return value, False, value.isoformat()
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return None, False, ""
        return day, False, day.isoformat()
    last = getattr(value, "last", None)
    if isinstance(last, dt.date):
        precision = getattr(value, "precision", "day")
        label = value.label() if callable(getattr(value, "label", None)) else last.isoformat()
        day = value.first if getattr(value, "basis", "") else last
        return day, precision != "day" or bool(getattr(value, "basis", "")), label
    return None, False, ""


def session_of(calendar: Any, number: int) -> Any:
    """The calendar's Session for ``number`` (or None); tolerant of a missing calendar."""
    sessions = getattr(calendar, "sessions", None)
    if isinstance(sessions, dict):
        return sessions.get(number)
    return None


def scheduled_session(calendar: Any, number: int) -> Any:
    """The Session ``number`` of the calendar's schedule, projected values included (each one
    marked, see :mod:`upr.projection`), or None."""
    schedule = getattr(calendar, "schedule", None)
    if callable(schedule):
        return schedule().get(number)
    return session_of(calendar, number)


def deadlines_from_calendar(group: Group, calendar: Any) -> list[Deadline]:
    """The group's dates from the session calendar (``content.sessions``), in date order:
    stakeholder submission deadline, national report deadline, the review itself
    (first day of the Working Group session) and the HRC adoption when it is a date.
    For a session OHCHR has not published yet (``projected: true``), the projected dates:
    their labels say "projected: not yet published by OHCHR"."""
    session = scheduled_session(calendar, group.session)
    if session is None:
        return []
    out = []
    for key, label in DEADLINE_LABELS.items():
        label = label.format(n=group.session)
        value = getattr(session, key, None)
        if key == "stakeholder_deadline" and getattr(value, "at", None) is not None:
            label = "Stakeholder submissions due"  # the label of the date gives the time
        day, approx, when = _as_date(value)
        if day:
            out.append(Deadline(key, label, day, approx, when, value))
    return sorted(out, key=lambda d: d.date)


def events_for_group(group: Group) -> list[dict]:
    """Events of one group for calendars and ICS feeds, public values only.

    Returns dicts ``{uid, summary, start, end, all_day, location, url, description}``:
    deadlines are all-day (``start`` a date, ``end`` the next day, exclusive as ICS
    wants it); briefings are timed (aware datetimes, tz Europe/Zurich). ``url`` is
    relative to the site root.
    """
    view = public_view(group)
    url = f"groups/{group.slug}/"
    events = []
    for d in group.deadlines:
        if d.key == "start":
            continue  # the session itself is on the calendar already
        events.append({
            "uid": f"{group.slug}-{d.key}@upr-platform", "summary": f"{group.state} UPR {group.session}: {d.label}"
            + (" (projected: not yet published by OHCHR)" if getattr(d.source, "basis", "")
               else " (approximate)" if d.approximate else ""),
            "start": d.date, "end": d.date + dt.timedelta(days=1), "all_day": True,
            "location": None, "url": url, "description": f"Country group {group.slug}"})
    for b in view.briefings:
        orgs = ", ".join(s.organisation for s in b.speakers)
        events.append({
            "uid": f"{group.slug}-briefing-{b.slug}@upr-platform", "summary": b.title,
            "start": b.start, "end": b.end, "all_day": False,
            "location": b.place or b.online, "url": url,
            "description": f"Pre-session briefing by the {group.slug} country group."
            + (f" Speakers: {orgs}." if orgs else "") + (f" Online: {b.online}" if b.online else "")})
    return events


# --- confidentiality --------------------------------------------------------------------------

def public_view(group: Group) -> Group:
    """A copy of ``group`` holding only what may be published: confidential contacts,
    members and briefing speakers removed, e-mail addresses blanked. Every page, feed
    and export uses this."""
    return replace(
        group,
        # e-mail addresses are personal contact details: never published (issue 8)
        contacts=[replace(c, email=None) for c in group.contacts if not c.confidential],
        members=[m for m in group.members if not m.confidential],
        briefings=[replace(b, speakers=[s for s in b.speakers if not s.confidential]) for b in group.briefings],
    )


_PRIVATE_FIELDS = ("name", "organisation", "acronym", "email", "github", "channel", "website")


def private_values(content) -> set[str]:
    """Strings that must never reach the built site, search index, feeds, exports or DOCX:
    every e-mail address, and every identifying field of a confidential contact, member
    or speaker. A value stays private even when the group also writes it publicly (an
    organisation that is both a public member and a confidential contact's employer):
    ``upr check`` reports that public mention (:mod:`upr.privacy`), and values too short
    to be recognised are refused there too."""
    groups = getattr(content, "groups", None) or {}
    private = set()
    for group in groups.values():
        entries = [(c, c.confidential) for c in group.contacts] + [(m, m.confidential) for m in group.members]
        entries += [(s, s.confidential) for b in group.briefings for s in b.speakers]
        for entry, secret in entries:
            for name in _PRIVATE_FIELDS:
                value = getattr(entry, name, None)
                if isinstance(value, str) and value.strip() and (secret or name == "email"):
                    private.add(value.strip())
    return private


# --- cross-checks ------------------------------------------------------------------------------

def cross_check(content) -> list[Problem]:
    """State and session exist in the calendar. (CODEOWNERS is not checked here: a
    workflow on main regenerates it after a merge, so no contributor edits ``.github/``.)"""
    problems: list[Problem] = []
    groups = getattr(content, "groups", None) or {}
    states = getattr(content, "states", None)
    calendar = getattr(content, "sessions", None)
    for group in groups.values():
        line = group.lines.get("state", 1)
        if isinstance(states, dict) and states and not known_state(states, group.state):
            problems.append(Problem(group.path, line, f"state {group.state} is not a known State",
                                    "write the ISO 3166 alpha-3 code of a UN Member State, e.g. TGO"))
        problems.extend(_check_session(group, calendar))
        problems.extend(_check_reports(group.briefings, content.settings))
        problems.extend(_check_draft(group, content.settings))
    return problems


def _session_states(session: Any) -> list[str]:
    return [str(s) for s in (getattr(session, "states", None) or [])]


def _check_session(group: Group, calendar: Any) -> list[Problem]:
    if calendar is None or not getattr(calendar, "sessions", None):
        return []
    line = group.lines.get("session", 1)
    session = session_of(calendar, group.session)
    if group.projected:
        # the schedule's States: the session's own when a source lists them, otherwise those of
        # the session 14 earlier, less any State a source places elsewhere in the cycle
        scheduled = scheduled_session(calendar, group.session)
        earlier = session_of(calendar, group.session - SESSIONS_PER_CYCLE)
        states = _session_states(scheduled) or _session_states(session) or _session_states(earlier)
        where = f"session {group.session} (projected from session {group.session - SESSIONS_PER_CYCLE})"
    else:
        if session is None:
            return [Problem(group.path, line, f"session {group.session} is not in the calendar (states/sessions.yml)",
                            "check the session number; for a session whose States are not yet published, "
                            "add  projected: true")]
        states = _session_states(session)
        where = f"session {group.session}"
    if states and group.state not in states:
        return [Problem(group.path, group.lines.get("state", line),
                        f"{group.state} is not reviewed in {where}",
                        f"the States of {where} are: {', '.join(states)}")]
    return []


def _check_reports(briefings: list[Briefing], settings: Settings) -> list[Problem]:
    """Each briefing's ``report``: a published News post that exists."""
    out = []
    for b in briefings:
        if b.report and privacy.is_hidden_page(settings, b.report):
            out.append(Problem(b.path, b.report_line, f"the report docs/{b.report} is marked confidential, so it "
                               "is not published", "remove the report line, or publish the post"))
        elif b.report and not repofiles.is_regular(settings.docs_dir / b.report):
            out.append(Problem(b.path, b.report_line, f"the report docs/{b.report} does not exist",
                               "write the News post first (docs/news/posts/), or remove the report line"))
    return out


def _check_draft(group: Group, settings: Settings) -> list[Problem]:
    """The draft's form problems, as warnings (a draft is work in progress), except a
    draft naming a confidential member or unreadable, which are errors: the draft is
    published on the site."""
    if not group.publishes_draft:
        return []
    from . import submission
    blocking, form = submission.publication_checks(group, settings)
    return blocking + [replace(p, severity=WARNING) for p in form]


def upcoming_briefings(content, today: dt.date) -> list[tuple[Group, Briefing]]:
    """``(group, briefing)`` for every public briefing on or after ``today``, soonest first,
    for the calendar page. Speakers are already filtered by :func:`public_view`."""
    out = []
    for group in (getattr(content, "groups", None) or {}).values():
        view = public_view(group)
        out += [(view, b) for b in view.briefings if b.start.date() >= today]
    return sorted(out, key=lambda item: (item[1].start, item[0].slug))
