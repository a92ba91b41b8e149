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
computes a :class:`BriefingPage` of plain values, laid out by the Jinja2 template
``templates/pages/briefing.md.j2`` (issue 16), which escapes every value from content or
data where it is written (:mod:`upr.templating`: ``md_inline`` in Markdown, ``html.escape``
in the HTML of the detail tables).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from .. import briefing as model
from .. import i18n
from ..i18n import N_, tr_lang
from ..followup import FollowUp
from ..templating import render, trusted
from ..yamlio import dump_yaml
from .recommendations import slug

EXPORT_DIR = "exports/briefings"

#: Long interface texts of these pages (English; translated in locale/<lang>/LC_MESSAGES/messages.po).
TITLE = N_(
    "{name}: lobby briefing for the review at session {n}")
REVIEW = N_(
    "Review: Working Group session {n}{dates}, cycle {c}.")
STATE_SECTION = N_(
    "Lobby briefing")
STATE_LINK = N_(
    "Before the review at session {n}{projected}: [what States asked before, theme by theme, with "
    "responses, NGO assessments and repeats]({href}) (also as Word and Excel).")
PROJECTED_MARK = N_(
    " (projected)")


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


@dataclass
class StateCount:
    name: str
    count: int


@dataclass
class ThemeSummary:
    name: str
    anchor: str                  # the theme's section on the English page
    recommendations: int
    cycles: str                  # "1–4" or "1, 2"
    top_states: list[StateCount]  # the five States that raised it most
    supported: int
    noted: int
    assessed: int
    raised_again: int
    rows: list["DetailRow"]      # the English page's detail


@dataclass
class RecommendingState:
    name: str
    recommendations: int
    supported: int
    noted: int
    themes: list[str]            # its three main themes


@dataclass
class Latest:
    href: str                    # the assessment on the follow-up table
    status: str
    date: str
    earlier: int                 # earlier public assessments of the recommendation
    example: bool


@dataclass
class Again:
    cycle: int
    href: str
    id: str
    score: str                   # similarity, two decimals


@dataclass
class DetailRow:
    id: str
    href: str                    # its row on the follow-up table
    cycle: int
    text: str
    states: list[str]
    response: str
    latest: Latest | None
    again: list[Again]


@dataclass
class BriefingPage:
    front_matter: Markup         # the YAML of the front matter (title HTML-escaped)
    title: str
    name: str                    # the State under Review in the page's language
    iso3: str
    session: int
    state_href: str
    review: str                  # "Review: Working Group session 54 (…), cycle 4."
    projected: bool
    recommendations: int         # 0: the platform has none from an earlier review
    cycles: str
    responses: str               # "287 supported, 53 noted" in the page's language
    docx_href: str               # the downloads, '' when the site has no files for this review
    xlsx_href: str
    themes: list[ThemeSummary]
    recommending_states: list[RecommendingState]
    detail: bool                 # the English page holds the detail; the others link to it
    english_href: str


def page(ctx, b: model.Briefing) -> str:
    """Markdown of one briefing page in ``ctx.lang``, from ``templates/pages/briefing.md.j2``."""
    lang, review = ctx.lang, b.review
    name = _name(ctx, b.state)
    title = tr_lang(lang, TITLE, name=name, n=review.session)
    # from states/<iso3>/briefing-<n>/ (three folders deep; four under /fr/ and /es/) to the
    # English site's root, where the exports are
    up = "../../../" if lang == "en" else "../../../../"
    files = has_files(ctx.content, b)
    anchors = _anchors(b.themes)
    detail = lang == "en"
    themes = [ThemeSummary(
        name=t.name, anchor=anchors[t.name], recommendations=len(t.rows), cycles=_cycles(t.cycles),
        top_states=[StateCount(_name(ctx, c), n) for c, n in sorted(
            t.recommending_states.items(), key=lambda kv: (-kv[1], kv[0]))[:5]],
        supported=t.responses["supported"], noted=t.responses["noted"], assessed=t.assessed,
        raised_again=t.raised_again, rows=_detail(ctx, t) if detail else []) for t in b.themes] if b.rows else []
    states = [RecommendingState(
        name=_name(ctx, s.code), recommendations=s.recommendations, supported=s.responses["supported"],
        noted=s.responses["noted"], themes=[t for t, _ in sorted(s.themes.items(), key=lambda kv: (-kv[1], kv[0]))[:3]])
        for s in b.recommending_states()] if b.rows else []
    return render("briefing.md.j2", lang, page=BriefingPage(
        front_matter=trusted(dump_yaml({"title": html.escape(title, quote=False), "search": {"exclude": True}}).strip()),
        title=title, name=name, iso3=b.state, session=review.session, state_href=f"../{b.state.lower()}.md",
        review=_review_line(ctx, review), projected=bool(review.projected), recommendations=len(b.rows),
        cycles=_cycles(b.cycles) if b.rows else "",
        responses=", ".join(f"{n} {i18n.gettext(lang, x)}" for x, n in b.response_summary()) if b.rows else "",
        docx_href=up + export_name(b.state, review.session, "docx") if files else "",
        xlsx_href=up + export_name(b.state, review.session, "xlsx") if files else "",
        themes=themes, recommending_states=states, detail=detail,
        english_href=f"../../../../states/{b.state.lower()}/briefing-{review.session}/"))


def _row_link(rec) -> str:
    return f"../cycle-{rec.cycle}/#{quote(rec.id)}"


def _detail(ctx, t: model.Theme) -> list[DetailRow]:
    """The theme's recommendations, for the English page's HTML table."""
    rows = []
    for row in t.rows:
        rec, a = row.rec, row.assessment
        latest = None
        if a is not None:
            latest = Latest(href=f"../cycle-{rec.cycle}/#{quote(a.anchor)}", status=a.status, date=a.date.isoformat(),
                            earlier=row.assessments - 1, example=bool(a.example))
        rows.append(DetailRow(
            id=rec.id, href=_row_link(rec), cycle=rec.cycle, text=rec.text,
            states=[_name(ctx, c) for c in rec.recommending_states], response=rec.response, latest=latest,
            again=[Again(cycle=m.rec.cycle, href=_row_link(m.rec), id=m.rec.id, score=f"{m.score:.2f}")
                   for m in row.again]))
    return rows


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
