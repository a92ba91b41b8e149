"""Pages of the country groups (issue 5).

* ``groups/index.md``: groups by upcoming session (the next Working Group sessions and
  the first projected session of the next cycle), each session listing the States
  under Review that have no group yet, as a call to form one; then earlier groups.
* ``groups/<slug>/index.md``: State, session, status, contacts, members, working
  languages, the group's dates from the calendar with countdowns, briefings, the
  submission, links to the State's page (its follow-up table) and to the draft.
* ``groups/<slug>/submission.md``: the joint submission draft as published.

Everything comes from :func:`upr.groups.public_view`: confidential contacts, members
and speakers never reach a page. E-mail addresses are not published either (personal
contact details, issue 8): people reach a group through its public ``channel``.
Front-matter strings are HTML-escaped (contributions are untrusted, case 21).
"""
from __future__ import annotations

import datetime as dt
import html
from urllib.parse import quote

from .. import i18n, privacy, repofiles
from ..i18n import N_, tr_lang
from .. import outcome as outcome_model
from ..mdtext import md_inline
from .briefings import page_path as briefing_path
from ..tools import tools_links_markdown
from ..gitinfo import page_footer
from ..groups import DEADLINE_LABELS, SESSIONS_PER_CYCLE, STATUSES, Group, public_view, session_of
from ..submission import _FOOTREF as FOOTREF, parse
from ..yamlio import dump_yaml

STATUS_LABELS = {
    "forming": N_("forming: looking for members"),
    "drafting": N_("drafting the joint submission"),
    "submitted": N_("submission sent to OHCHR"),
    "published": N_("submission published by OHCHR"),
    "following up": N_("following up the recommendations"),
}


#: Long interface texts of these pages (English; translated in locale/<lang>/LC_MESSAGES/messages.po).
GROUPS_INTRO = N_(
    "NGOs working on the same State under Review form a **country group** for its review: they agree "
    "on a contact person, write a joint stakeholder submission that meets OHCHR's rules before the "
    "deadline, brief recommending States before the session, and then follow up the "
    "recommendations.\nEach group is a folder in the repository; anyone can start or join one with a "
    "pull request (see [Contribute](../contribute.md)).")
START_GROUP = N_(
    "Working on one of these States? Start its group: create `groups/<state code>-{n}/index.md` (for "
    "example `groups/{example}-{n}/index.md`) as explained on the [Contribute](../contribute.md) "
    "page.")
HIDDEN_1 = N_(
    "1 further member organisation asked not to be named, for their safety.")
HIDDEN_N = N_(
    "{n} further member organisations asked not to be named, for their safety.")
SUBSCRIBE = N_(
    "[Subscribe to this group's calendar (ICS)](../{slug}.ics): deadlines and briefings.")
REPORT = N_(
    "**Report:** [read the report in the News section]({href})")
DRAFT = N_(
    "Draft: [read the joint submission draft](submission.md) or [download it as a Word "
    "document](submission.docx) (confidential members left out)")
NO_DATES_PROJECTED = N_(
    "OHCHR has not yet published the dates of this session; they will appear here once they are in "
    "the calendar.")
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
BRIEFING = N_(
    "Lobby briefing for this review: [what States asked {name} before, theme by theme]({href})")


#: The columns of the groups index (English; translated in the catalogs).
GROUPS_HEAD = (N_("State under Review"), N_("Group"), N_("Status"), N_("Members listed"), N_("Contact"))
SUMMARY_LABEL = N_("OHCHR's label in the summary of stakeholders' information")
SUMMARY_3 = N_("Summary of stakeholders' information")


def status_label(status: str, lang: str) -> str:
    label = STATUS_LABELS.get(status, status)
    return label if lang == "en" else tr_lang(lang, label)


def _esc(text) -> str:
    """Text from a group's file placed in Markdown: HTML and Markdown specials escaped
    (a name with ``[x](javascript:…)`` or ``{: onclick=… }`` stays text; issue 13)."""
    return md_inline(text)


def _link(url: str, label: str) -> str:
    """A link to an address from a group's file, as raw HTML with the address escaped:
    in a Markdown link or autolink a ``)`` or ``>`` in it would end the address early."""
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


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


def _state_link(ctx, iso3: str, depth: int) -> str:
    """Raw-HTML link to the State's page (``/states/<iso3>/``, which holds its follow-up
    table); raw HTML so the URL is the same whichever file layout the State pages use."""
    states = getattr(ctx.content, "states", None) or {}
    name = _esc(state_label(ctx, iso3))
    if iso3 not in states:
        return name
    return f'<a href="{"../" * depth}states/{iso3.lower()}/">{name}</a>'


def _followup_link(ctx, iso3: str, depth: int) -> str:
    """Raw-HTML link to the State's most recent follow-up table (``states/<iso3>/cycle-N/``,
    written by :mod:`upr.pages.recommendations` in the English site only), or ""."""
    corpus = getattr(ctx.content, "recommendations", None)
    recs = (getattr(corpus, "by_state", None) or {}).get(iso3) or []
    cycles = sorted({getattr(r, "cycle", None) for r in recs} - {None})
    if not cycles or ctx.lang != "en":
        return ""
    return (f'<a href="{"../" * depth}states/{iso3.lower()}/cycle-{cycles[-1]}/">follow-up table of the '
            f'cycle {cycles[-1]} recommendations</a>')


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


def _group_row(ctx, g: Group, depth: int = 1) -> str:
    view = public_view(g)
    contact = view.contacts[0].organisation if view.contacts else "—"
    return (f"| {_state_link(ctx, g.state, depth)} | [{_esc(g.slug)}]({g.slug}/index.md) | "
            f"{_esc(g.status if ctx.lang == 'en' else status_label(g.status, ctx.lang))} | {len(view.members)} | {_esc(contact)} |")


def index_page(ctx) -> str:
    groups: dict[str, Group] = getattr(ctx.content, "groups", None) or {}
    out = ["---", f"title: {ctx.t('Country groups')}", "---", "", f"# {ctx.t('Country groups')}", "",
           tr_lang(ctx.lang, GROUPS_INTRO), ""]
    header = ["| " + " | ".join(tr_lang(ctx.lang, w) for w in GROUPS_HEAD) + " |", "|---|---|---|---|---|"]
    shown_groups = set()
    for number, session, projected_from, states in _sessions_to_show(ctx, groups):
        out += [f"## {_esc(_session_heading(session, number, projected_from, ctx.lang))}", ""]
        if session is not None and getattr(session, "stakeholder_deadline", None) is not None:
            d = session.stakeholder_deadline
            out += [f"{tr_lang(ctx.lang, 'Stakeholder submissions due')}: **{_esc(d.label(ctx.lang))}** "
                    f"({countdown(d.days_from(ctx.today), ctx.lang)}).", ""]
        mine = sorted((g for g in groups.values() if g.session == number), key=lambda g: g.state)
        if mine:
            out += header + [_group_row(ctx, g) for g in mine] + [""]
            shown_groups |= {g.slug for g in mine}
        taken = {g.state for g in mine}
        missing = [s for s in states if s not in taken]
        if missing:
            names = ", ".join(_state_link(ctx, s, 1) for s in missing)
            out += [f"**{tr_lang(ctx.lang, 'No group yet')}**: {names}.", "",
                    tr_lang(ctx.lang, START_GROUP, n=number, example=missing[0].lower()), ""]
    rest = sorted((g for g in groups.values() if g.slug not in shown_groups), key=lambda g: (-g.session, g.state))
    if rest:
        out += [f"## {tr_lang(ctx.lang, 'Earlier sessions')}", ""] + header + [_group_row(ctx, g) for g in rest] + [""]
    return "\n".join(out) + "\n"


def _deadline_lines(ctx, g: Group) -> list[str]:
    if not g.deadlines:
        if g.projected:
            return [tr_lang(ctx.lang, NO_DATES_PROJECTED), ""]
        return [tr_lang(ctx.lang, "The calendar has no dates for this session yet."), ""]
    lines = [f"| {tr_lang(ctx.lang, 'Date')} | {tr_lang(ctx.lang, 'What')} | {tr_lang(ctx.lang, 'Countdown')} |", "|---|---|---|"]
    for d in g.deadlines:
        when = d.source.label(ctx.lang) if callable(getattr(d.source, "label", None)) else d.when
        label = d.label if ctx.lang == "en" or d.key not in DEADLINE_LABELS else \
            tr_lang(ctx.lang, DEADLINE_LABELS[d.key], n=g.session)
        if getattr(d.source, "computed", False):  # a projected month: the calendar's own wording
            from .calendar import left
            remaining = left(d.source, ctx.today, ctx.lang)
        else:
            remaining = countdown(d.days_left(ctx.today), ctx.lang)
        lines.append(f"| {_esc(when or d.date.isoformat())} | {_esc(label)} | {remaining} |")
    return lines + [""]


def _briefing_lines(ctx, g: Group, view: Group) -> list[str]:
    if not view.briefings:
        return []
    out = [f"## {tr_lang(ctx.lang, 'Briefings')}", ""]
    for b in sorted(view.briefings, key=lambda b: b.start):
        day = i18n.format_day(b.start.date(), ctx.lang)
        when = f"{day}, {b.start:%H:%M}–{b.end:%H:%M} {tr_lang(ctx.lang, 'Geneva time')}"
        state = tr_lang(ctx.lang, "past") if b.start.date() < ctx.today else countdown((b.start.date() - ctx.today).days, ctx.lang)
        out += [f"### {_esc(b.title)}", "", f"- **{tr_lang(ctx.lang, 'When')}:** {_esc(when)} ({state})"]
        if b.place:
            out.append(f"- **{tr_lang(ctx.lang, 'Where')}:** {_esc(b.place)}")
        if b.online:
            # an autolink: the schema allows no space, quote or angle bracket in it
            out.append(f"- **{tr_lang(ctx.lang, 'Online')}:** <{b.online}>")
        if b.speakers:
            out.append(f"- **{tr_lang(ctx.lang, 'Speakers from')}:** " + ", ".join(_esc(s.organisation) for s in b.speakers))
        if b.report and repofiles.is_regular(ctx.settings.docs_dir / b.report) \
                and not privacy.is_hidden_page(ctx.settings, b.report):  # linked once it is published
            out.append("- " + tr_lang(ctx.lang, REPORT, href=f"{'../' * 2}{b.report}"))
        out += [""]
        if b.body.strip():
            out += [b.body.strip(), ""]
    return out


def group_page(ctx, g: Group) -> str:
    view = public_view(g)
    name = state_label(ctx, g.state)
    title = g.title or tr_lang(ctx.lang, "{name}: country group, session {n}", name=name, n=g.session)
    out = ["---", dump_yaml({"title": html.escape(str(title), quote=False)}).strip(), "---", "", f"# {_esc(title)}", ""]
    followup = _followup_link(ctx, g.state, 2)
    out += [f"- **{tr_lang(ctx.lang, 'State under Review')}:** {_state_link(ctx, g.state, 2)} ({g.state}): {tr_lang(ctx.lang, 'review history')}"
            + (f"; {followup}" if followup else ""),
            f"- **{tr_lang(ctx.lang, 'Session')}:** {g.session}" + (f" ({tr_lang(ctx.lang, 'projected')})" if g.projected else "")
            + f", {tr_lang(ctx.lang, 'cycle')} {g.cycle or g.expected_cycle}",
            f"- **{tr_lang(ctx.lang, 'Status')}:** {_esc(status_label(g.status, ctx.lang))}",
            *_briefing_line(ctx, g, name),
            f"- **{tr_lang(ctx.lang, 'Working languages')}:** " + ", ".join(i18n.NATIVE_NAMES.get(code, code) if code in i18n.NATIVE_NAMES
                                                    else code for code in g.languages), ""]
    out += [f"## {tr_lang(ctx.lang, 'Contact')}", ""]
    for c in view.contacts:
        who = f"{_esc(c.name)}, " if c.name else ""
        line = f"- {who}{_esc(c.organisation)} ({_esc(c.role)}): {_link(c.channel, _esc(c.channel))}" \
            if c.channel.startswith(("https://", "http://")) \
            else f"- {who}{_esc(c.organisation)} ({_esc(c.role)}): {_esc(c.channel)}"
        if c.github:
            handle = c.github.lstrip("@")
            line += f" · GitHub [@{_esc(handle)}](https://github.com/{handle})"
        out.append(line)
    out += ["", f"## {tr_lang(ctx.lang, 'Members')}", ""]
    for m in view.members:
        label = _esc(m.organisation) + (f" ({_esc(m.acronym)})" if m.acronym else "")
        out.append(f"- {_link(m.website, label)}" if m.website else f"- {label}")
    hidden = len(g.members) - len(view.members)
    if hidden:
        out += ["", tr_lang(ctx.lang, HIDDEN_N if hidden > 1 else HIDDEN_1, n=hidden)]
    out += ["", f"## {tr_lang(ctx.lang, 'Dates')}", ""] + _deadline_lines(ctx, g)
    if f"groups/{g.slug}.ics" in ctx.written:  # the calendar feed (upr.pages.calendar) runs before this
        out += [tr_lang(ctx.lang, SUBSCRIBE, slug=g.slug), ""]
    out += _briefing_lines(ctx, g, view)
    out += [f"## {tr_lang(ctx.lang, 'Joint submission')}", ""]
    sub = g.submission
    facts = []
    if g.publishes_draft:
        facts.append(tr_lang(ctx.lang, DRAFT))
    if sub.sent:
        facts.append(tr_lang(ctx.lang, "Sent to OHCHR on {day}",
                        day=i18n.format_day(dt.date.fromisoformat(sub.sent), ctx.lang)))
    if sub.js_label:
        facts.append(f"{tr_lang(ctx.lang, SUMMARY_LABEL)}: {_esc(sub.js_label)}")
    if sub.summary_symbol:
        facts.append(f"{tr_lang(ctx.lang, SUMMARY_3)}: {_esc(sub.summary_symbol)}")
    out += ([f"- {f}" for f in facts] if facts else [tr_lang(ctx.lang, "Not started yet.")]) + [""]
    result = outcome_model.of_group(g, getattr(ctx.content, "recommendations", None))
    if result is not None:
        out += [f"## {tr_lang(ctx.lang, 'Recommendations of the joint submission')} {{ #outcome }}", ""]
        out += outcome_lines(ctx, result, "../../" if ctx.lang == "en" else "../../../")
    if g.plan.strip():
        out += [_demote(g.plan.strip()), ""]
    tools = tools_links_markdown(ctx.content, STAGE_OF_STATUS.get(g.status, "preparation"),
                                 f"groups/{g.slug}/index.md", ctx.lang)
    if tools:
        out += [f"## {tr_lang(ctx.lang, 'Tools for this stage')}", "", tools]
    return "\n".join(out) + "\n"


def _briefing_line(ctx, g: Group, name: str) -> list[str]:
    """A bullet linking the lobby briefing of the group's review (:mod:`upr.pages.briefings`)."""
    rel = briefing_path(g.state, g.session)
    if rel not in ctx.written:
        return []
    return ["- " + tr_lang(ctx.lang, BRIEFING, name=md_inline(name), href=f"../../{rel}")]


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
