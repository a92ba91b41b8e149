"""Lobby briefing pages (issue 15, item 2): ``states/<iso3>/briefing-<session>.md``
(``/states/<iso3>/briefing-<session>/``), one per State under Review for its next or
current review (:func:`upr.briefing.next_review`), and one per country group whose
review is another one.

Every language tree has the page: title, explanations and the summary tables (by
theme, and who recommended before) in its language. The detail, every earlier
recommendation theme by theme, is in the English page only, in English (as the
follow-up tables), and the French and Spanish pages say so and link to it.
Downloads: the Word briefing sheet and the Excel table under
``exports/briefings/`` (written by the post-build step of :mod:`upr.pages.recommendations`).

Data comes from :func:`upr.briefing.build` (public assessments only); this module
only writes Markdown and HTML, escaping every value from content or data where it is
written (:func:`upr.mdtext.md_inline` in Markdown, ``html.escape`` in HTML).
"""
from __future__ import annotations

import html
from urllib.parse import quote

from .. import briefing as model
from .. import i18n
from ..i18n import N_, tr_lang
from ..followup import FollowUp
from ..mdtext import md_inline
from ..yamlio import dump_yaml
from .recommendations import slug

EXPORT_DIR = "exports/briefings"

#: Long interface texts of these pages (English; translated in locale/<lang>/LC_MESSAGES/messages.po).
TITLE = N_(
    "{name}: lobby briefing for the review at session {n}")
REVIEW = N_(
    "Review: Working Group session {n}{dates}, cycle {c}.")
PROJECTED = N_(
    "The calendar does not list this review yet: its session is projected from the 14-session "
    "pattern (the same States return every 14 sessions).")
INTRO = N_(
    "What States asked {name} at its earlier reviews, theme by theme: which States raised each "
    "subject, how {name} responded (supported or noted), what NGOs found since (the latest "
    "assessment recorded on this platform), and whether a later review asked for the same again. Use "
    "it to prepare meetings with the missions of recommending States in Geneva before the review: a "
    "subject raised cycle after cycle, or supported and still not implemented, is a point to raise "
    "again.")
COUNTS = N_(
    "{n} recommendations in cycle(s) {cycles}, {themes} themes: {responses}.")
NONE = N_(
    "The platform has no recommendation to {name} from an earlier review yet.")
DOWNLOAD = N_(
    "Download for a meeting: <a href=\"{docx}\">briefing sheet (Word)</a> · <a href=\"{xlsx}\">table "
    "(Excel)</a>")
NO_FILES = N_(
    "The Word briefing sheet and the Excel table are made for the reviews the calendar lists and for "
    "the reviews of country groups; for this one a maintainer runs `upr report briefing --state "
    "{iso3} --session {n}` (add `--format xlsx` for Excel).")
FOR_MISSION = N_(
    "To prepare a meeting with one mission, filter the Excel table by recommending State, or ask a "
    "maintainer for a sheet with only what that State asked: `upr report briefing --state {iso3} "
    "--session {n} --for FRA`.")
HOW = N_(
    "**Raised again**: a recommendation of a later review to {name} asks for the same in other words "
    "(the similarity of the two texts, from 0 to 1, is shown; 1 means the same words). **Latest NGO "
    "assessment**: public assessments only; see each State's follow-up table for their narratives "
    "and sources.")
STATE_SECTION = N_(
    "Lobby briefing")
STATE_LINK = N_(
    "Before the review at session {n}{projected}: [what States asked before, theme by theme, with "
    "responses, NGO assessments and repeats]({href}) (also as Word and Excel).")
DETAIL_ELSEWHERE = N_(
    "The detail, each recommendation theme by theme, is on <a href=\"{href}\">the English version of "
    "this page</a>.")
PROJECTED_MARK = N_(
    " (projected)")

#: The headings of the two summary tables (English; translated in the catalogs).
SUMMARY_HEAD = (N_("Theme"), N_("Recommendations"), N_("Cycles"), N_("Recommending States"), N_("Supported"),
                N_("Noted"), N_("Assessed by NGOs"), N_("Raised again"))
STATES_HEAD = (N_("Recommending State"), N_("Recommendations"), N_("Supported"), N_("Noted"), N_("Main themes"))

DETAIL_HEAD = ("ID", "Cycle", "Recommendation", "Recommending States", "Response",
               "Latest NGO assessment", "Raised again")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def page_path(iso3: str, session: int) -> str:
    return f"states/{iso3.lower()}/briefing-{session}.md"


def export_name(iso3: str, session: int, ext: str) -> str:
    return f"{EXPORT_DIR}/{iso3.lower()}-{session}-briefing.{ext}"


def _followup(content) -> FollowUp:
    fu = content.kinds.get("followup")
    return fu.public if fu is not None else FollowUp()


def reviews(content, today) -> list[model.Review]:
    """The reviews that get a briefing: every State under Review with recommendations,
    its next or current review; and each country group's review when it is another."""
    corpus = content.kinds.get("recommendations")
    calendar = content.kinds.get("sessions")
    states = content.kinds.get("states") or {}
    out: dict[tuple[str, int], model.Review] = {}
    for iso3 in sorted((getattr(corpus, "by_state", None) or {})):
        if getattr(states.get(iso3), "is_observer", False):
            continue
        review = model.next_review(calendar, iso3, today)
        if review is not None:
            out[(iso3, review.session)] = review
    for g in (content.kinds.get("groups") or {}).values():
        if (g.state, g.session) not in out and corpus is not None and g.state in corpus.by_state:
            out[(g.state, g.session)] = model.review_of_session(calendar, g.state, g.session, g.projected)
    return [out[k] for k in sorted(out)]


def _name(ctx, iso3: str) -> str:
    states = ctx.content.kinds.get("states") or {}
    state = states.get(iso3) if isinstance(states, dict) else None
    return i18n.state_name(state, ctx.lang) if state is not None else iso3


def _cycles(numbers) -> str:
    numbers = sorted(set(numbers))
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _anchors(themes) -> dict[str, str]:
    out, used = {}, set()
    for t in themes:
        base = a = "theme-" + slug(t.name)
        n = 1
        while a in used:
            n += 1
            a = f"{base}-{n}"
        used.add(a)
        out[t.name] = a
    return out


def _review_line(ctx, review: model.Review) -> str:
    dates = ""
    info = review.session_info
    if info is not None and hasattr(info, "dates_label") and getattr(info, "start", None) is not None:
        dates = f" ({info.dates_label(ctx.lang)})"
    return tr_lang(ctx.lang, REVIEW, n=review.session, dates=dates, c=review.cycle)


def page(ctx, b: model.Briefing) -> str:
    """Markdown of one briefing page in ``ctx.lang``."""
    lang, review = ctx.lang, b.review
    name = _name(ctx, b.state)
    title = tr_lang(lang, TITLE, name=name, n=review.session)
    # from states/<iso3>/briefing-<n>/ (three folders deep; four under /fr/ and /es/) to the
    # English site's root, where the exports are
    up = "../../../" if lang == "en" else "../../../../"
    out = ["---", dump_yaml({"title": html.escape(title, quote=False), "search": {"exclude": True}}).strip(),
           "---", "", f"# {md_inline(title)}", "",
           f"[{md_inline(name)}](../{b.state.lower()}.md) · {md_inline(_review_line(ctx, review))}", ""]
    if review.projected:
        out += [tr_lang(lang, PROJECTED), ""]
    out += [tr_lang(lang, INTRO, name=md_inline(name)), ""]
    if not b.rows:
        return "\n".join(out + [tr_lang(lang, NONE, name=md_inline(name)), ""])
    responses = ", ".join(f"{n} {i18n.gettext(lang, x)}" for x, n in b.response_summary())
    out += [tr_lang(lang, COUNTS, n=len(b.rows), cycles=_cycles(b.cycles), themes=len(b.themes), responses=responses),
            ""]
    if has_files(ctx.content, b):
        out += ['<p class="upr-downloads">' + tr_lang(
            lang, DOWNLOAD, docx=_e(up + export_name(b.state, review.session, "docx")),
            xlsx=_e(up + export_name(b.state, review.session, "xlsx"))) + "</p>", "",
            tr_lang(lang, FOR_MISSION, iso3=b.state, n=review.session), ""]
    else:
        out += [tr_lang(lang, NO_FILES, iso3=b.state, n=review.session), ""]
    out += [tr_lang(lang, HOW, name=md_inline(name)), ""]
    anchors = _anchors(b.themes)
    state_name = (lambda c: _name(ctx, c))
    out += [f"## {tr_lang(lang, 'Summary by theme')}", "",
            "| " + " | ".join(tr_lang(lang, w) for w in SUMMARY_HEAD)
            + " |", "|---|---:|---|---|---:|---:|---:|---:|"]
    for t in b.themes:
        top = ", ".join(f"{md_inline(state_name(c))} ({n})" for c, n in sorted(
            t.recommending_states.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
        label = f"[{md_inline(t.name)}](#{anchors[t.name]})" if lang == "en" else md_inline(t.name)
        out.append(f"| {label} | {len(t.rows)} | {_cycles(t.cycles)} | {top} | {t.responses['supported']} | "
                   f"{t.responses['noted']} | {t.assessed} | {t.raised_again} |")
    out += ["", f"## {tr_lang(lang, 'Who recommended before')}", "",
            "| " + " | ".join(tr_lang(lang, w) for w in STATES_HEAD) + " |", "|---|---:|---:|---:|---|"]
    for s in b.recommending_states():
        themes = "; ".join(md_inline(t) for t, _ in sorted(s.themes.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        out.append(f"| {md_inline(state_name(s.code))} | {s.recommendations} | {s.responses['supported']} | "
                   f"{s.responses['noted']} | {themes} |")
    out.append("")
    if lang != "en":
        href = "../../../../states/{}/briefing-{}/".format(b.state.lower(), review.session)
        return "\n".join(out + [tr_lang(lang, DETAIL_ELSEWHERE, href=_e(href)), ""])
    for t in b.themes:
        out += [f"## {md_inline(t.name)} {{ #{anchors[t.name]} }}", "", _detail(ctx, t, name), ""]
    return "\n".join(out)


def _row_link(rec) -> str:
    return f"../cycle-{rec.cycle}/#{quote(rec.id)}"


def _detail(ctx, t: model.Theme, sur_name: str) -> str:
    """The theme's recommendations as an HTML table (English)."""
    rows = []
    for row in t.rows:
        rec, a = row.rec, row.assessment
        states = ", ".join(_e(_name(ctx, c)) for c in rec.recommending_states)
        if a is not None:
            href = f"../cycle-{rec.cycle}/#{quote(a.anchor)}"
            extra = f" (+{row.assessments - 1} earlier)" if row.assessments > 1 else ""
            latest = (f'<a href="{_e(href)}">{_e(a.status)}</a> {a.date.isoformat()}{_e(extra)}'
                      + (" (example)" if a.example else ""))
        else:
            latest = ""
        again = "<br>".join(f'cycle {m.rec.cycle}: <a href="{_e(_row_link(m.rec))}">{_e(m.rec.id)}</a> '
                            f"({m.score:.2f})" for m in row.again)
        rows.append(f'<tr><td><a href="{_e(_row_link(rec))}">{_e(rec.id)}</a></td><td>{rec.cycle}</td>'
                    f"<td>{_e(rec.text)}</td><td>{states}</td><td>{_e(rec.response)}</td><td>{latest}</td>"
                    f"<td>{again}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in DETAIL_HEAD)
    caption = _e(f"Recommendations to {sur_name} on {t.name}")
    return (f'<table class="upr-recs"><caption class="upr-sr-only">{caption}</caption><thead><tr>{head}</tr>'
            "</thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def state_link(ctx, iso3: str) -> str:
    """Markdown for the State page: a link to its briefing (the next review's), or ''."""
    rel = None
    review = model.next_review(ctx.content.kinds.get("sessions"), iso3.upper(), ctx.today)
    if review is not None:
        rel = page_path(iso3, review.session)
    if rel is None or rel not in ctx.written:
        return ""
    href = f"{iso3.lower()}/briefing-{review.session}.md"  # relative to states/<iso3>.md
    projected = tr_lang(ctx.lang, PROJECTED_MARK) if review.projected else ""
    return "\n".join([f"## {tr_lang(ctx.lang, STATE_SECTION)}", "",
                      tr_lang(ctx.lang, STATE_LINK, n=review.session, projected=projected, href=href), ""])


def has_files(content, b: model.Briefing) -> bool:
    """Whether the site carries the Word and Excel files of a briefing: for the reviews
    the calendar lists (the States under Review of the coming sessions) and for country
    groups' reviews, when there is something to brief on. python-docx and openpyxl take
    ~0.3 s a State: files for every State's projected review would add about a minute
    to a build without cache (CI) for reviews years away; ``upr report briefing`` makes
    any of them."""
    if not b.rows:
        return False
    groups = content.kinds.get("groups") or {}
    return not b.review.projected or any(
        g.state == b.state and g.session == b.review.session for g in groups.values())


def briefings(content, today) -> list[model.Briefing]:
    """Every briefing the site carries (see :func:`reviews`)."""
    from .. import similarity
    corpus = content.kinds.get("recommendations")
    fu = _followup(content)
    repeats = similarity.for_content(content)  # the follow-up tables' repeats, computed once a build
    return [model.build(corpus, fu, r, repeats=repeats) for r in reviews(content, today)]


def generate(ctx) -> None:
    if not getattr(ctx.content.kinds.get("recommendations"), "count", 0):
        return
    for b in briefings(ctx.content, ctx.today):
        ctx.write(page_path(b.state, b.review.session), page(ctx, b))
