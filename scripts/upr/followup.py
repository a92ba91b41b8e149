"""NGO follow-up: hand-written assessments of how a State implements its recommendations.

One Markdown file per assessment, ``states/followup/<iso3>/<YYYY-MM-DD>-<slug>.md``
(``<iso3>``: the State under Review, lower case). Front matter (see :data:`SCHEMA`):
``recommendations`` (IDs from ``states/recommendations/<iso3>.csv``), ``status``,
``date``, ``assessed_by``, ``sources``, optional ``example`` and ``confidential``;
the body is the narrative (Markdown).

A new assessment never replaces an older one: every file is kept, the latest by
date is the *current* assessment of a recommendation and the others are its
history. Files with ``confidential: true`` (or ``private: true``) are checked
like the others but never reach the site, the feeds or the exports
(:attr:`FollowUp.public` leaves them out).

``upr check`` reports: a bad file name, an unknown field, a status outside
:data:`STATUSES`, an impossible or future date, a source that is neither a UN
document symbol nor an https link, and (in :func:`cross_check`) a recommendation
ID that the imported corpus does not hold or that belongs to another State, and
(a warning) an ``assessed_by`` that looks like a group folder name but is none.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .private_notes import strip_source  # private notes never reach the site (issue 13)
from .problems import WARNING, Problem
from .schema import line_of, validate
from . import repofiles
from .slugs import file_slug
from .yamlio import read_document

STATUSES = ("not implemented", "partially implemented", "implemented", "unclear")

FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
ISO3_FOLDER = re.compile(r"^[a-z]{3}$")
# UN document symbols: A/HRC/59/15/Add.1, A/HRC/WG.6/48/SVN/1, CCPR/C/SVN/CO/4, E/C.12/SVN/CO/3
SYMBOL = r"^[A-Z][A-Za-z0-9.]*(/[A-Za-z0-9.()\-]+)+$"
LINK = r"^https://\S+$"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")  # looks like a group folder name, not an organisation

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Implementation assessment (states/followup/<iso3>/<YYYY-MM-DD>-<slug>.md)",
    "type": "object",
    "additionalProperties": False,
    "required": ["recommendations", "status", "date", "assessed_by", "sources"],
    "properties": {
        "recommendations": {
            "description": "IDs of the recommendations assessed, one '- ID' per line, as shown on the "
                           "State's follow-up table (the ID is also the link anchor of each row)",
            "type": "array", "minItems": 1, "uniqueItems": True,
            "items": {"type": "string", "pattern": r"^[A-Z]{3}-[0-9]{1,2}-\S+$",
                      "description": "a recommendation ID: ISO3 code, session and paragraph, e.g. SVN-48-140.7",
                      "examples": ["SVN-48-140.7"]},
            "examples": [["SVN-48-140.7"]],
        },
        "status": {
            "description": "level of implementation found by the group",
            "enum": list(STATUSES),
            "examples": ["partially implemented"],
        },
        "date": {
            "description": "date of the assessment, YYYY-MM-DD in quotes; the latest date is the current assessment",
            "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "examples": ["2026-03-15"],
        },
        "assessed_by": {
            "description": "the country group's folder name under groups/ (e.g. svn-48) or the organisation's "
                           "name in full",
            "type": "string", "minLength": 2,
            "examples": ["svn-48"],
        },
        "sources": {
            "description": "evidence: UN document symbols (A/HRC/59/15/Add.1) or https links, one '- ' per line",
            "type": "array", "minItems": 1,
            "items": {"type": "string", "anyOf": [{"pattern": SYMBOL}, {"pattern": LINK}],
                      "description": "a UN document symbol such as A/HRC/59/15/Add.1, or a link starting with https://",
                      "examples": ["A/HRC/59/15/Add.1"]},
            "examples": [["A/HRC/59/15/Add.1"]],
        },
        "example": {
            "description": "true for an example written to show the format (shown as an example on the site)",
            "type": "boolean", "examples": [True],
        },
        "confidential": {
            "description": "true keeps this assessment off the site, feeds and exports (it stays in the repository: "
                         "never write secrets)",
            "type": "boolean", "examples": [True],
        },
        "private": {
            "description": "same as confidential",
            "type": "boolean", "examples": [True],
        },
    },
}


@dataclass
class Assessment:
    """One hand-written assessment (one file).

    ``state`` is the ISO3 code (upper case) of the folder; ``date`` a
    :class:`datetime.date`; ``lines`` maps each recommendation ID (and the key
    ``assessed_by``) to its file line, for cross-check messages.
    """

    path: str
    state: str
    slug: str
    recommendations: list[str]
    status: str
    date: dt.date
    assessed_by: str
    sources: list[str]
    body: str
    example: bool = False
    confidential: bool = False
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        """HTML id of this assessment on its State's pages."""
        return f"assessment-{self.slug}"

    @property
    def public(self) -> bool:
        return not self.confidential


@dataclass
class Reference:
    """The recommendation IDs and ``assessed_by`` one file names, with their lines."""

    path: str
    state: str
    recommendations: list[str]
    assessed_by: str
    lines: dict[str, int]


@dataclass
class FollowUp:
    """All assessments. ``by_recommendation[id]`` lists assessments oldest first."""

    assessments: list[Assessment] = field(default_factory=list)
    by_recommendation: dict[str, list[Assessment]] = field(default_factory=dict)
    # What every file names, valid or not, so that cross_check also reports unknown IDs
    # in a file that has other errors (all problems in one run).
    references: list["Reference"] = field(default_factory=list)

    #: former recommendation ID -> current ID (from the imported corpus): an assessment that
    #: names the ID a recommendation had before a source gave its paragraph still counts
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, assessments: list[Assessment], aliases: dict[str, str] | None = None) -> "FollowUp":
        aliases = aliases or {}
        ordered = sorted(assessments, key=lambda a: (a.date, a.path))
        index: dict[str, list[Assessment]] = {}
        for a in ordered:
            for rec_id in dict.fromkeys(aliases.get(r, r) for r in a.recommendations):
                index.setdefault(rec_id, []).append(a)
        return cls(ordered, index, aliases=aliases)

    @property
    def public(self) -> "FollowUp":
        """The same without confidential assessments: the only view pages and exports use."""
        return FollowUp.of([a for a in self.assessments if a.public], self.aliases)

    def history(self, rec_id: str) -> list[Assessment]:
        """Assessments of one recommendation, newest first."""
        return list(reversed(self.by_recommendation.get(rec_id, [])))

    def current(self, rec_id: str) -> Assessment | None:
        """The latest assessment of a recommendation (by date, then file name), or None."""
        found = self.by_recommendation.get(rec_id)
        return found[-1] if found else None

    def for_state(self, iso3: str) -> list[Assessment]:
        """Assessments filed under one State, newest first."""
        return [a for a in reversed(self.assessments) if a.state == iso3.upper()]


def followup_dir(settings: Settings) -> Path:
    return settings.states_dir / "followup"


def load(settings: Settings, content=None) -> tuple[FollowUp, list[Problem]]:
    """Read and validate every ``states/followup/<iso3>/*.md``.

    Returns ``(FollowUp, problems)``; a file with errors is left out of the model.
    Never raises on bad content.
    """
    problems: list[Problem] = []
    assessments: list[Assessment] = []
    references: list[Reference] = []
    root = followup_dir(settings)
    if not root.is_dir():
        return FollowUp(), problems
    for path in repofiles.entries(root):  # links are reported by upr.repofiles, never followed
        if repofiles.is_real_dir(path) or path.name.startswith(".") or not repofiles.is_regular(path):
            continue
        shown = settings.rel(path)
        rel = path.relative_to(root)
        if path.suffix != ".md":
            problems.append(Problem(shown, 0, "only Markdown assessments belong in states/followup/",
                                    "move this file elsewhere, or name it <YYYY-MM-DD>-<slug>.md"))
            continue
        if len(rel.parts) != 2 or not ISO3_FOLDER.match(rel.parts[0]):
            # still read it: its other problems are listed in the same run (issue 14)
            _, found, ref = _read(path, shown, "", settings.today)
            ids = [i for i in (ref.recommendations if ref else []) if re.match(r"^[A-Za-z]{3}-", i)]
            folder = ids[0][:3].lower() if ids else "<iso3>"
            problems.append(Problem(shown, 0, "an assessment must be in the folder of its State under Review",
                                    f"move it to states/followup/{folder}/{path.name}"
                                    + ("" if ids else " (the State's iso3 code in lower case, e.g. svn)")))
            problems.extend(found)
            continue
        assessment, found, ref = _read(path, shown, rel.parts[0].upper(), settings.today)
        problems.extend(found)
        if assessment:
            assessments.append(assessment)
        if ref:
            references.append(ref)
    corpus = content.kinds.get("recommendations") if content is not None else None
    model = FollowUp.of(assessments, getattr(corpus, "aliases", None))
    model.references = references
    return model, problems


def _reference(meta, shown: str, state: str) -> Reference | None:
    recs = meta.get("recommendations")
    if not isinstance(recs, list):
        return None
    ids = [r for r in recs if isinstance(r, str)]
    lines = {r: line_of(meta, ["recommendations", i]) for i, r in enumerate(recs) if isinstance(r, str)}
    by = meta.get("assessed_by") if isinstance(meta.get("assessed_by"), str) else ""
    lines["assessed_by"] = meta.lines.get("assessed_by", 1)
    return Reference(shown, state, ids, by, lines)


def _file_name_fix(path: Path, meta) -> str:
    """The exact new name: the assessment's date, then the old name transliterated
    (``Évaluation logement.md`` of 2026-03-15 -> ``2026-03-15-evaluation-logement.md``)."""
    date = meta.get("date") if meta else None
    date = date if isinstance(date, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", date) else None
    words = file_slug(re.sub(r"^\d{4}-\d{2}-\d{2}", "", path.stem), "assessment")
    if date:
        return f"rename the file to {date}-{words}.md (the date of the assessment, then short words)"
    return ("name it <date>-<short-slug>.md in lower case with hyphens, "
            f"e.g. 2026-03-15-{words}.md")


def _read(path: Path, shown: str, state: str, today: dt.date) -> tuple[Assessment | None, list[Problem], Reference | None]:
    doc = read_document(path, shown)
    problems = list(doc.problems)
    name = FILE_NAME.match(path.name)
    if not name:
        problems.append(Problem(shown, 0, f"file name '{path.name}' has the wrong form",
                                _file_name_fix(path, doc.meta)))
    if doc.problems and not doc.meta:
        return None, problems, None
    meta = doc.meta
    ref = _reference(meta, shown, state)
    problems.extend(validate(meta, SCHEMA, shown))
    date = None
    raw_date = meta.get("date")
    if isinstance(raw_date, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", raw_date):
        line = meta.lines.get("date", 1)
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            problems.append(Problem(shown, line, f"date '{raw_date}' does not exist in the calendar",
                                    "write a real date as YYYY-MM-DD, e.g. \"2026-03-15\""))
        if date and date > today:
            problems.append(Problem(shown, line, f"date {raw_date} is in the future (today is {today})",
                                    "write the date the assessment was made"))
            date = None
        if date and name and name.group(1) != raw_date:
            problems.append(Problem(shown, line, f"the file name starts with {name.group(1)} but date is {raw_date}",
                                    f"rename the file to start with {raw_date}, or correct the date",
                                    severity=WARNING))
    for i, src in enumerate(meta.get("sources") or []):
        if isinstance(src, str) and src.startswith("http://"):
            problems.append(Problem(shown, line_of(meta, ["sources", i]), f"link '{src}' is not secure",
                                    "write https:// instead of http://", severity=WARNING))
    if not doc.body.strip():
        problems.append(Problem(shown, doc.body_line, "the assessment has no narrative",
                                "below the second ---, write what the group found and why", severity=WARNING))
    if any(p.severity != WARNING for p in problems) or date is None:
        return None, problems, ref
    recs = list(meta["recommendations"])
    lines = {r: line_of(meta, ["recommendations", i]) for i, r in enumerate(recs)}
    lines["assessed_by"] = meta.lines.get("assessed_by", 1)
    return Assessment(
        path=shown, state=state, slug=path.stem, recommendations=recs, status=meta["status"],
        date=date, assessed_by=meta["assessed_by"], sources=list(meta["sources"]), body=strip_source(doc.body).strip(),
        example=bool(meta.get("example")),
        confidential=bool(meta.get("confidential") or meta.get("private")), lines=lines,
    ), problems, ref


def cross_check(content) -> list[Problem]:
    """Each recommendation ID exists in the imported corpus and belongs to the folder's State."""
    followup: FollowUp = content.followup
    corpus = content.kinds.get("recommendations")
    by_id = getattr(corpus, "by_id", {}) if corpus is not None else {}
    groups = content.kinds.get("groups")
    problems = []
    refs = followup.references or [Reference(a.path, a.state, a.recommendations, a.assessed_by, a.lines)
                                   for a in followup.assessments]
    for a in refs:
        if isinstance(groups, dict) and a.assessed_by and SLUG.match(a.assessed_by) and a.assessed_by not in groups \
                and not (getattr(content, "settings", None) and  # a group with errors: reported there
                         repofiles.is_regular(content.settings.groups_dir / a.assessed_by / "index.md")):
            problems.append(Problem(
                a.path, a.lines.get("assessed_by", 1), f"there is no country group '{a.assessed_by}' in groups/",
                "write the group's folder name (e.g. " + (next(iter(sorted(groups)), "svn-48")) + "), "
                "or your organisation's name in full", severity=WARNING))
        for rec_id in a.recommendations:
            line = a.lines.get(rec_id, 1)
            rec = by_id.get(rec_id) or by_id.get(getattr(corpus, "aliases", {}).get(rec_id, ""))
            if rec is None:
                problems.append(Problem(a.path, line, f"recommendation '{rec_id}' does not exist",
                                        _suggest(rec_id, a.state, by_id)))
            elif rec.state_under_review != a.state:
                problems.append(Problem(
                    a.path, line, f"recommendation '{rec_id}' was made to {rec.state_under_review}, "
                    f"but this file is in the folder of {a.state}",
                    f"move the assessment to states/followup/{rec.state_under_review.lower()}/ "
                    "or correct the ID"))
    return problems


_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _suggest(rec_id: str, state: str, by_id: dict) -> str:
    """What to write instead of an unknown ID: the closest existing ID of the same State
    (one character off: 'did you mean SVN-48-140.7?'), else what IDs of that session look like."""
    iso3 = rec_id.split("-", 1)[0].upper()
    pool = [i for i in by_id if i.startswith(f"{iso3}-")] or [i for i in by_id if i.startswith(f"{state}-")]

    def where(*ids: str) -> str:
        """The follow-up table(s) to copy an ID from: the cycle of ``ids``, else every cycle
        the State has (states/tgo/cycle-2/)."""
        cycles = sorted({getattr(by_id[i], "cycle", None) for i in (ids or pool)} - {None})
        state_dir = (pool[0].split("-", 1)[0] if pool else state).lower()
        pages = " or ".join(f"states/{state_dir}/cycle-{c}/" for c in cycles) or f"states/{state_dir}/cycle-…/"
        return f"copy the ID from the table on the site ({pages})"

    typed = rec_id.upper().translate(_LOOKALIKES)  # svn-48-140.7, SVN-48-l4O.7: case and look-alikes
    meant = [i for i in pool if i.upper().translate(_LOOKALIKES) == typed][:1]
    if not meant and pool:
        near = difflib.get_close_matches(rec_id, pool, n=6, cutoff=0.85)
        # of the near ones, the fewest edits, then the same length (a mistyped character)
        rank = {i: (_edits(rec_id, i), abs(len(i) - len(rec_id))) for i in near}
        meant = sorted(i for i in near if rank[i] == min(rank.values()))[:3]
    if meant:
        return f"did you mean {' or '.join(meant)}? (or {where(*meant)})"
    prefix = rec_id.rsplit("-", 1)[0] + "-"
    near = [i for i in by_id if i.startswith(prefix)]
    if near:
        tail = rec_id[len(prefix):]
        near.sort(key=lambda i: (i[len(prefix):].split(".")[0] != tail.split(".")[0], i))
        return f"{where(*near[:3])}; IDs of that session look like {', '.join(near[:3])}"
    return f"{where()}; an ID is ISO3-session-paragraph, e.g. SVN-48-140.7"


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short IDs only)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]
