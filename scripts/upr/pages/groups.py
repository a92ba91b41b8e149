"""Pages of the country groups (issue 5).

* ``groups/index.md``: groups by upcoming session (the next Working Group sessions and
  the first projected session of the next cycle), each session listing the States
  under Review that have no group yet, as a call to form one; then earlier groups.
* ``groups/<slug>/index.md``: State, session, status, contacts, members, working
  languages, the group's dates from the calendar with countdowns, briefings, the
  submission, links to the State's page (its follow-up table) and to the draft.
* ``groups/<slug>/submission.md``: the joint submission draft as published.

The index and the group page are written from Jinja2 templates (issue 16):
:func:`index_page` computes a :class:`GroupsIndex`, :func:`group_page` a :class:`GroupPage`,
laid out by ``templates/pages/groups_index.md.j2`` and ``templates/pages/group.md.j2``
(values escaped there, :mod:`upr.templating`). What came of a submission
(:func:`outcome_lines`, also put into News posts), the group's plan and briefings (its own
Markdown, checked by ``upr check``) and the tools list come in as Markdown.

Everything comes from :func:`upr.groups.public_view`: confidential contacts, members
and speakers never reach a page. E-mail addresses are not published either (personal
contact details, issue 8): people reach a group through its public ``channel``.
Front-matter strings are HTML-escaped (contributions are untrusted, case 21).
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from .. import i18n, privacy, repofiles
from ..i18n import N_, tr_lang
from .. import outcome as outcome_model
from ..mdtext import md_inline
from .briefings import page_path as briefing_path
from ..tools import tools_links_markdown
from ..gitinfo import page_footer
from ..groups import DEADLINE_LABELS, SESSIONS_PER_CYCLE, Group, public_view
from ..submission import _FOOTREF as FOOTREF, parse
from ..templating import render, trusted
from ..yamlio import dump_yaml

STATUS_LABELS = {
    "forming": N_("forming: looking for members"),
    "drafting": N_("drafting the joint submission"),
    "submitted": N_("submission sent to OHCHR"),
    "published": N_("submission published by OHCHR"),
    "following up": N_("following up the recommendations"),
}


#: Long interface texts of the outcome (English; translated in locale/<lang>/LC_MESSAGES/messages.po).
OUTCOME_BEFORE = N_(
    "The {n} recommendations the coalition made in its joint submission. After the review, once the "
    "Working Group's recommendations of session {session} are imported, this list shows which ones "
    "States took up, by which States, and how {name} responded.")
OUTCOME_SUMMARY = N_(
    "**{k} of the {n} recommendations** of the joint submission were taken up by **{s} recommending "
    "States**, in {m} of the Working Group's {total} recommendations to {name} at session {session} "
    "({responses}).")
OUTCOME_NONE = N_(
    "None of the {n} recommendations of the joint submission was found among the Working Group's "
    "{total} recommendations to {name} at session {session}.")
OUTCOME_HOW = N_(
    "A recommendation of the submission counts as taken up when a recommendation of the review asks "
    "for the same in other words: the similarity of the two texts (from 0 to 1, shown in brackets) "
    "is {threshold} or more. The platform compares words, not meaning: check each match before you "
    "cite it. The recommendations of the review are in English.")
OUTCOME_GROUP_LINK = N_(
    "From the [{slug} country group]({href}).")


def status_label(status: str, lang: str) -> str:
    label = STATUS_LABELS.get(status, status)
    return label if lang == "en" else tr_lang(lang, label)


def _esc(text) -> str:
    """Text from a group's file placed in Markdown: HTML and Markdown specials escaped
    (a name with ``[x](javascript:…)`` or ``{: onclick=… }`` stays text; issue 13)."""
    return md_inline(text)


def state_label(ctx, iso3: str) -> str:
    states = getattr(ctx.content, "states", None) or {}
    state = states.get(iso3) if isinstance(states, dict) else None
    return i18n.state_name(state, ctx.lang) if state is not None else iso3


def countdown(days: int, lang: str = "en") -> str:
    """``in 12 days``, ``today``, ``tomorrow``, ``passed 3 days ago`` (in ``lang``)."""
    if days == 0:
        return tr_lang(lang, "today")
    if days == 1:
        return tr_lang(lang, "tomorrow")
    if days > 1:
        return tr_lang(lang, "in {n} days", n=days)
    if days == -1:
        return tr_lang(lang, "passed 1 day ago")
    return tr_lang(lang, "passed {n} days ago", n=-days)


def _followup_cycle(ctx, iso3: str) -> int | None:
    """The cycle of the State's most recent follow-up table (``states/<iso3>/cycle-N/``,
    written by :mod:`upr.pages.recommendations` in the English site only), or None."""
    corpus = getattr(ctx.content, "recommendations", None)
    recs = (getattr(corpus, "by_state", None) or {}).get(iso3) or []
    cycles = sorted({getattr(r, "cycle", None) for r in recs} - {None})
    if not cycles or ctx.lang != "en":
        return None
    return cycles[-1]


def _session_heading(session, number: int, projected_from: int | None, lang: str = "en") -> str:
    if projected_from is not None:
        return tr_lang(lang, "Session {n} (projected: the States of session {m}; OHCHR has not published the list yet)",
                  n=number, m=projected_from)
    label = (session.dates_label(lang) if session is not None and hasattr(session, "dates_label")
             else tr_lang(lang, "dates unknown"))
    return f"{tr_lang(lang, 'Session')} {number} ({label})"


def _sessions_to_show(ctx, groups: dict[str, Group]) -> list[tuple[int, object, int | None, list[str]]]:
    """(number, Session or None, projected_from, States) for the upcoming sessions."""
    calendar = getattr(ctx.content, "sessions", None)
    out: list[tuple[int, object, int | None, list[str]]] = []
    if calendar is not None and hasattr(calendar, "next_sessions"):
        for s in calendar.next_sessions(ctx.today):
            out.append((s.number, s, None, list(s.states)))
        projected = calendar.projected() if hasattr(calendar, "projected") else []
        with_groups = {g.session for g in groups.values() if g.projected}
        for i, (number, source) in enumerate(projected):
            if i == 0 or number in with_groups:
                out.append((number, None, source.number, list(source.states)))
    shown = {n for n, *_ in out}
    for g in groups.values():  # a group whose session the calendar does not list yet
        if g.session not in shown and g.session > max(shown or {0}):
            out.append((g.session, None, g.session - SESSIONS_PER_CYCLE if g.projected else None, []))
            shown.add(g.session)
    return sorted(out, key=lambda item: item[0])


@dataclass
class StateLink:
    name: str   # the State's name in the page's language (escaped by the template)
    href: str   # its page, '' when the site has no page for it


@dataclass
class GroupRow:
    state: StateLink
    slug: str
    href: str
    status: str        # the status word (English) or its label (French, Spanish)
    members: int       # public members
    contact: str       # the first public contact's organisation, or '—'


@dataclass
class IndexSession:
    number: int
    heading: str                      # "Session 54 (January 2027, approx.)"
    deadline: str                     # the stakeholder deadline, '' when unknown
    countdown: str                    # to the deadline
    groups: list[GroupRow]
    without_group: list[StateLink]    # the States under Review of the session without a group
    example: str                      # the first of them in lower case, for the file name to create


@dataclass
class GroupsIndex:
    sessions: list[IndexSession]
    earlier: list[GroupRow]           # groups of sessions not shown above, latest first


def _state(ctx, iso3: str, depth: int) -> StateLink:
    """The State's name and page (``/states/<iso3>/``, which holds its follow-up table; a
    raw-HTML link in the template, so the URL is the same whichever file layout the State
    pages use)."""
    states = getattr(ctx.content, "states", None) or {}
    return StateLink(name=state_label(ctx, iso3), href=f"{'../' * depth}states/{iso3.lower()}/" if iso3 in states else "")


def _group_row(ctx, g: Group, depth: int = 1) -> GroupRow:
    view = public_view(g)
    return GroupRow(state=_state(ctx, g.state, depth), slug=g.slug, href=f"{g.slug}/index.md",
                    status=g.status if ctx.lang == "en" else status_label(g.status, ctx.lang),
                    members=len(view.members), contact=view.contacts[0].organisation if view.contacts else "—")


def index_page(ctx) -> str:
    """``groups/index.md`` from ``templates/pages/groups_index.md.j2``."""
    groups: dict[str, Group] = getattr(ctx.content, "groups", None) or {}
    sessions = []
    shown_groups = set()
    for number, session, projected_from, states in _sessions_to_show(ctx, groups):
        deadline = countdown_text = ""
        if session is not None and getattr(session, "stakeholder_deadline", None) is not None:
            d = session.stakeholder_deadline
            deadline, countdown_text = d.label(ctx.lang), countdown(d.days_from(ctx.today), ctx.lang)
        mine = sorted((g for g in groups.values() if g.session == number), key=lambda g: g.state)
        shown_groups |= {g.slug for g in mine}
        taken = {g.state for g in mine}
        missing = [s for s in states if s not in taken]
        sessions.append(IndexSession(
            number=number, heading=_session_heading(session, number, projected_from, ctx.lang), deadline=deadline,
            countdown=countdown_text, groups=[_group_row(ctx, g) for g in mine],
            without_group=[_state(ctx, s, 1) for s in missing], example=missing[0].lower() if missing else ""))
    rest = sorted((g for g in groups.values() if g.slug not in shown_groups), key=lambda g: (-g.session, g.state))
    return render("groups_index.md.j2", ctx.lang,
                  page=GroupsIndex(sessions=sessions, earlier=[_group_row(ctx, g) for g in rest]))


@dataclass
class DateRow:
    when: str
    what: str
    countdown: str


@dataclass
class BriefingItem:
    title: str
    when: str                 # day and hours, Geneva time
    countdown: str            # "past" or the countdown to the day
    place: str
    online: Markup | str      # an autolink's address (the schema allows no space, quote or angle bracket)
    speakers: list[str]       # public speakers' organisations
    report_href: str          # the published report in News, or ''
    body: Markup | str        # the briefing's Markdown as written (checked by `upr check`)


@dataclass
class ContactLine:
    name: str
    organisation: str
    role: str
    channel: str
    channel_is_url: bool      # an http(s) address: a link
    github: str               # handle without '@', or ''


@dataclass
class MemberLine:
    organisation: str
    acronym: str
    website: str


@dataclass
class GroupPage:
    front_matter: Markup      # the YAML of the front matter (title HTML-escaped)
    title: str
    slug: str
    state: StateLink
    iso3: str
    followup_href: str        # the State's latest follow-up table (English site), or ''
    followup_cycle: int | None
    session: int
    projected: bool
    cycle: int
    status: str
    briefing_href: str        # the lobby briefing of the group's review, or ''
    languages: list[str]      # working languages, native names
    contacts: list[ContactLine]
    members: list[MemberLine]
    hidden: int               # confidential members, counted and never named
    dates: list[DateRow]
    subscribe: bool           # the group's calendar feed exists
    briefings: list[BriefingItem]
    draft: bool               # the draft is published
    sent: str                 # the day it was sent to OHCHR, or ''
    js_label: str
    summary_symbol: str
    outcome: Markup | None    # what came of the submission (:func:`outcome_lines`, shared with News)
    plan: Markup | str        # the group's own Markdown, headings one level down
    tools: Markup | str       # tools for the group's stage (:mod:`upr.tools`)


def _dates(ctx, g: Group) -> list[DateRow]:
    rows = []
    for d in g.deadlines:
        when = d.source.label(ctx.lang) if callable(getattr(d.source, "label", None)) else d.when
        label = d.label if ctx.lang == "en" or d.key not in DEADLINE_LABELS else \
            tr_lang(ctx.lang, DEADLINE_LABELS[d.key], n=g.session)
        if getattr(d.source, "computed", False):  # a projected month: the calendar's own wording
            from .calendar import left
            remaining = left(d.source, ctx.today, ctx.lang)
        else:
            remaining = countdown(d.days_left(ctx.today), ctx.lang)
        rows.append(DateRow(when=when or d.date.isoformat(), what=label, countdown=remaining))
    return rows


def _briefings(ctx, view: Group) -> list[BriefingItem]:
    out = []
    for b in sorted(view.briefings, key=lambda b: b.start):
        day = i18n.format_day(b.start.date(), ctx.lang)
        published = b.report and repofiles.is_regular(ctx.settings.docs_dir / b.report) \
            and not privacy.is_hidden_page(ctx.settings, b.report)  # linked once it is published
        out.append(BriefingItem(
            title=b.title, when=f"{day}, {b.start:%H:%M}–{b.end:%H:%M} {tr_lang(ctx.lang, 'Geneva time')}",
            countdown=tr_lang(ctx.lang, "past") if b.start.date() < ctx.today
            else countdown((b.start.date() - ctx.today).days, ctx.lang),
            place=b.place or "", online=trusted(b.online) if b.online else "",
            speakers=[s.organisation for s in b.speakers],
            report_href=f"{'../' * 2}{b.report}" if published else "", body=trusted(b.body.strip())))
    return out


def group_page(ctx, g: Group) -> str:
    """``groups/<slug>/index.md`` from ``templates/pages/group.md.j2`` (without the footer)."""
    view = public_view(g)
    name = state_label(ctx, g.state)
    title = g.title or tr_lang(ctx.lang, "{name}: country group, session {n}", name=name, n=g.session)
    followup = _followup_cycle(ctx, g.state)
    rel = briefing_path(g.state, g.session)
    sub = g.submission
    result = outcome_model.of_group(g, getattr(ctx.content, "recommendations", None))
    outcome = None
    if result is not None:
        outcome = trusted("\n".join(outcome_lines(ctx, result, "../../" if ctx.lang == "en" else "../../../")))
    tools = tools_links_markdown(ctx.content, STAGE_OF_STATUS.get(g.status, "preparation"),
                                 f"groups/{g.slug}/index.md", ctx.lang)
    page = GroupPage(
        front_matter=trusted(dump_yaml({"title": html.escape(str(title), quote=False)}).strip()),
        title=title, slug=g.slug, state=_state(ctx, g.state, 2), iso3=g.state,
        followup_href=f"../../states/{g.state.lower()}/cycle-{followup}/" if followup else "",
        followup_cycle=followup, session=g.session, projected=bool(g.projected), cycle=g.cycle or g.expected_cycle,
        status=status_label(g.status, ctx.lang), briefing_href=f"../../{rel}" if rel in ctx.written else "",
        languages=[i18n.NATIVE_NAMES.get(code, code) for code in g.languages],
        contacts=[ContactLine(name=c.name or "", organisation=c.organisation, role=c.role, channel=c.channel,
                              channel_is_url=c.channel.startswith(("https://", "http://")),
                              github=c.github.lstrip("@") if c.github else "") for c in view.contacts],
        members=[MemberLine(organisation=m.organisation, acronym=m.acronym or "", website=m.website or "")
                 for m in view.members],
        hidden=len(g.members) - len(view.members), dates=_dates(ctx, g),
        subscribe=f"groups/{g.slug}.ics" in ctx.written,  # the calendar feed (upr.pages.calendar) runs before this
        briefings=_briefings(ctx, view) if view.briefings else [], draft=bool(g.publishes_draft),
        sent=i18n.format_day(dt.date.fromisoformat(sub.sent), ctx.lang) if sub.sent else "",
        js_label=sub.js_label or "", summary_symbol=sub.summary_symbol or "", outcome=outcome,
        plan=trusted(_demote(g.plan.strip())) if g.plan.strip() else "", tools=trusted(tools) if tools else "")
    return render("group.md.j2", ctx.lang, page=page)


def _responses(counts, lang: str) -> str:
    return ", ".join(f"{n} {tr_lang(lang, x)}" if lang != "en" else f"{n} {x}" for x, n in counts)


def outcome_lines(ctx, result: "outcome_model.Outcome", up: str) -> list[str]:
    """Markdown: what came of a group's submission (:func:`upr.outcome.of_group`). ``up``
    leads from the page to the English site's root, where the follow-up tables are
    (each match links to its row)."""
    g, lang = result.group, ctx.lang
    name = md_inline(state_label(ctx, g.state))
    if not result.imported:
        return [tr_lang(lang, OUTCOME_BEFORE, n=len(result.items), session=g.session, name=name), ""] + [
            f"{i.rec.number}. {md_inline(i.rec.text)}" + (
                f" ({tr_lang(lang, 'paragraph')} {md_inline(i.rec.paragraph)})" if i.rec.paragraph else "")
            for i in result.items] + [""]
    if result.taken_up:
        out = [tr_lang(lang, OUTCOME_SUMMARY, k=len(result.taken_up), n=len(result.items),
                  s=len(result.recommending_states), m=len(result.matched), total=result.review_size, name=name,
                  session=g.session, responses=_responses(result.response_summary(), lang)), ""]
    else:
        out = [tr_lang(lang, OUTCOME_NONE, n=len(result.items), total=result.review_size, name=name,
                  session=g.session), ""]
    matched_head = tr_lang(lang, "Working Group's recommendations (response, similarity)")
    out += [tr_lang(lang, OUTCOME_HOW, threshold=f"{result.threshold:.2f}"), "",
            f"| # | {tr_lang(lang, 'Recommendation of the submission')} | {tr_lang(lang, 'Taken up by')} | {matched_head} |",
            "|---:|---|---|---|"]
    for item in result.items:
        number = f"{item.rec.number}" + (f" (¶{md_inline(item.rec.paragraph)})" if item.rec.paragraph else "")
        if item.taken_up:
            states = ", ".join(md_inline(state_label(ctx, c)) for c in item.recommending_states)
            matches = "<br>".join(
                f'<a href="{_esc_attr(_row_href(up, m.rec))}">{_esc(m.rec.id)}</a> '
                f"{_esc(tr_lang(lang, m.rec.response) if lang != 'en' else m.rec.response)} ({m.score:.2f})"
                for m in item.matches)
        else:
            states, matches = "—", f"*{tr_lang(lang, 'not taken up')}*"
        out.append(f"| {number} | {md_inline(item.rec.text)} | {states} | {matches} |")
    return out + [""]


def expand_outcome_includes(text: str, ctx) -> str:
    """A News post's ``<!-- upr:outcome <group> -->`` lines (:data:`upr.news.INCLUDE`)
    replaced by what came of that group's submission (:func:`outcome_lines`) and a link
    to the group page. A line naming no valid group, or a group without recommendations,
    is left as it is (an HTML comment: invisible; ``upr check`` reports it)."""
    from ..news import INCLUDE
    groups = getattr(ctx.content, "groups", None) or {}
    up = "../../" if ctx.lang == "en" else "../../../"  # a post is at news/<file name>/

    def replace(found) -> str:
        group = groups.get(found.group(1))
        result = outcome_model.of_group(group, getattr(ctx.content, "recommendations", None)) if group else None
        if result is None:
            return found.group(0)
        link = tr_lang(ctx.lang, OUTCOME_GROUP_LINK, slug=group.slug, href=f"../../groups/{group.slug}/index.md#outcome")
        return "\n".join(outcome_lines(ctx, result, up) + [link])

    return INCLUDE.sub(replace, text)


def _row_href(up: str, rec) -> str:
    """The recommendation's row on its follow-up table (English site)."""
    return f"{up}states/{rec.state_under_review.lower()}/cycle-{rec.cycle}/#{quote(rec.id)}"


def _esc_attr(text: str) -> str:
    return html.escape(text, quote=True)


# Where a group's status puts it in the UPR, as a stage of the tools library.
STAGE_OF_STATUS = {"forming": "preparation", "drafting": "submission", "submitted": "pre-session",
                   "published": "pre-session", "following up": "follow-up"}


def _demote(body: str) -> str:
    """The plan's headings one level down, so the page keeps a single H1."""
    lines = []
    fence = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and line.startswith("#"):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)


def submission_page(ctx, g: Group) -> str:
    """The draft as published: coalition list from the public members (never from the
    draft), numbered paragraphs kept as written ("1\\." so Markdown keeps the number)."""
    from ..submission import count, member_label, render
    draft = parse(g.draft_path, f"groups/{g.slug}/submission.md")
    view = public_view(g)
    words = count(draft, g)
    title = draft.meta.get("title", f"Joint submission on {g.state}")
    out = ["---", dump_yaml({"title": html.escape(str(title), quote=False)}).strip(), "---", "",
           f"[← the {_esc(g.slug)} country group](index.md)", "", f"# {_esc(title)}", "",
           f"!!! note \"Draft\"\n    Word count: {words.total:,} of {words.limit:,} allowed "
           f"(footnotes {'counted' if words.count_footnotes else 'not counted'}, annexes "
           f"{'counted' if words.count_annexes else 'not counted'}).", ""]
    listed = False
    for p in render(draft, view):
        if p.kind == "title":
            continue
        if p.kind != "item" and out[-1] != "":
            out.append("")  # end the list, or Markdown continues the last item
        if p.kind == "heading":
            out += [f"{'#' * max(p.level, 2)} {p.text}", ""]
        elif p.kind == "coalition":
            if not listed:
                out += [f"- {_esc(member_label(m))}" for m in view.members] + [""]
                listed = True
        elif p.number is not None:
            out += [f"{p.number}\\. {p.text}", ""]
        elif p.kind == "item":
            out += [f"- {p.text}"]
        else:
            out += [p.text, ""]
    used = {label for block in draft.blocks for label in FOOTREF.findall(block.text)}
    out += [""] + [f"[^{label}]: {note.text}" for label, note in draft.footnotes.items() if label in used]
    return "\n".join(out) + "\n"


def generate(ctx) -> None:
    groups: dict[str, Group] = getattr(ctx.content, "groups", None) or {}
    ctx.write("groups/index.md", index_page(ctx))
    for g in groups.values():
        # last updated, contributors (issue 7); the group's own file, not its briefings
        ctx.write(f"groups/{g.slug}/index.md", group_page(ctx, g) + page_footer(ctx, g.path))
        if g.publishes_draft:  # a confidential draft is kept off the site (issue 13)
            ctx.write(f"groups/{g.slug}/submission.md", submission_page(ctx, g))
            ctx.write(f"groups/{g.slug}/submission.docx", _docx_bytes(g, ctx.settings))


def _docx_bytes(g: Group, settings) -> bytes:
    """The Word export (:func:`upr.submission.to_docx`) as bytes, for download from the site."""
    import tempfile
    from pathlib import Path

    from ..submission import to_docx
    with tempfile.TemporaryDirectory() as tmp:
        return to_docx(g, Path(tmp) / "submission.docx", settings).read_bytes()
