"""UPR recommendations: the model, and the CSV files the importers write.

Storage (imported data only, never hand-written): ``states/recommendations/<iso3>.csv``,
one file per State under Review (lower-case ISO 3166 alpha-3), UTF-8 without BOM,
LF line endings, comma-separated, quoted by Python's csv module (QUOTE_MINIMAL).
Columns, in this order: see :data:`COLUMNS`. Rows are sorted by (session,
paragraph-or-id) so that a re-import leaves unchanged rows where they were and a
newer export shows up as a readable diff. Texts are stored on one line (runs of
white space, line breaks included, become one space), so one row = one file line.

``source_dataset`` lists every source that holds a recommendation, highest first
(``UHRI;OHCHR thematic list;UPR Info export 2018-07-25``); ``source_rows`` the rows
they came from (``file:2-4,17``, entries joined with ``|``); ``annotation_id`` OHCHR's
UHRI annotation id; ``former_ids`` the IDs the recommendation had before a source
gave its paragraph (an assessment naming one still finds it: :meth:`Corpus.get`).
How sources are merged: :mod:`upr.importers.store`.

Granularity is OHCHR's: one row per recommendation *text* per review. The UPR Info
database has one row per recommending State; the importer merges the rows of one
review whose normalised text (:func:`normalise_text`) and response are the same into
one recommendation that lists every recommending State in source order
(``FRA;LTU``), and records the source lines it came from in ``source_rows``.

IDs are stable across re-imports:

* with a report paragraph (OHCHR lists): ``{ISO3}-{session}-{paragraph}``, e.g.
  ``SVN-48-140.7``. The paragraph is a string: ``115.10`` is not ``115.1``.
* a second annotation of the same paragraph in one source (UHRI duplicates): ``-2``;
* without one (UPR Info): ``{ISO3}-{session}-u{8 hex}``, the first 8 hex digits of
  the SHA-1 of the normalised text; a second recommendation of the same review
  with the same text (a different response) gets ``-2``, in source order.

Loading the whole corpus (about 60,000 rows) takes about a second: csv module,
no YAML. :func:`load` also validates every row (ID form and uniqueness, session and
cycle, response vocabulary, action category, ISO3 codes); :func:`cross_check`
checks that the States exist once the States are loaded.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .sessions import cycle_of  # noqa: F401 (re-exported: importers use it from here)
from . import repofiles
from .i18n import N_
from .problems import Problem

COLUMNS: tuple[str, ...] = (
    "id", "state_under_review", "cycle", "session", "paragraph", "text",
    "recommending_states", "response", "action_category", "issues", "affected_persons",
    "sdgs", "source_dataset", "source_symbol", "source_rows", "annotation_id", "former_ids",
)

#: Allowed values of ``response``. UPR Info's older "Accepted" means supported.
RESPONSES: tuple[str, ...] = (N_("supported"), N_("noted"), N_("supported in part"), N_("pending"),
                              N_("no clear position"))  # N_: the pages translate them (plural: "12 supported")

#: UPR Info action categories (UPR Info database methodology).
ACTION_CATEGORIES: dict[int, str] = {
    1: "minimal action", 2: "continuing action", 3: "considering action",
    4: "general action", 5: "specific action",
}

LIST_SEPARATOR = ";"
#: Between the entries of ``source_rows`` (``file:lines``); lines are joined with ``,``.
ROWS_SEPARATOR = "|"

_WS = re.compile(r"\s+")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_PARAGRAPH = re.compile(r"^\d+(\.\d+)*$")
_UID = re.compile(r"^[A-Z]{3}-\d+-u[0-9a-f]{8}(-\d+)?$")
_ANY_ID = re.compile(r"^[A-Z]{3}-\d+-(u[0-9a-f]{8}|\d+(\.\d+)*)(-\d+)?$")
_ANNOTATION = re.compile(r"^[0-9A-Za-z-]{1,64}$")


@dataclass(slots=True)
class Recommendation:
    """One recommendation text received by a State under Review in one review.

    ``state_under_review`` and ``recommending_states`` are upper-case ISO3 codes;
    ``recommending_states`` is empty only when the source does not record it (UPR
    Info's ``(Unknown)``); ``cycle`` and ``session`` are ints; ``paragraph`` is a string ("" when unknown);
    ``action_category`` is 1–5 or None; ``response`` is one of :data:`RESPONSES`.
    ``line`` is the file line the row was read from (0 when built in memory); it is
    not part of the stored data.
    """

    id: str
    state_under_review: str
    cycle: int
    session: int
    paragraph: str
    text: str
    recommending_states: list[str] = field(default_factory=list)
    response: str = "supported"
    action_category: int | None = None
    issues: list[str] = field(default_factory=list)
    affected_persons: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)
    source_dataset: str = ""
    source_symbol: str = ""
    source_rows: str = ""
    annotation_id: str = ""
    former_ids: list[str] = field(default_factory=list)
    line: int = field(default=0, compare=False, repr=False)

    @property
    def datasets(self) -> list[str]:
        """The sources that hold this recommendation, highest precedence first
        (``["UHRI", "OHCHR thematic list", "UPR Info export 2018-07-25"]``)."""
        return split_list(self.source_dataset)

    @property
    def source(self) -> str:
        """The highest source that holds this recommendation (what pages show)."""
        return self.datasets[0] if self.source_dataset else ""

    def to_row(self) -> list[str]:
        """The CSV row, in :data:`COLUMNS` order."""
        j = LIST_SEPARATOR.join
        return [
            self.id, self.state_under_review, str(self.cycle), str(self.session), self.paragraph,
            self.text, j(self.recommending_states), self.response,
            "" if self.action_category is None else str(self.action_category),
            j(self.issues), j(self.affected_persons), j(self.sdgs),
            self.source_dataset, self.source_symbol, self.source_rows,
            self.annotation_id, j(self.former_ids),
        ]

    @property
    def sort_key(self) -> tuple:
        return (self.session, paragraph_key(self.paragraph) if self.paragraph else (), self.id)


@dataclass
class Corpus:
    """All recommendations. ``by_state``: ISO3 -> list in file order (session,
    paragraph-or-id); ``by_id``: ID -> recommendation; ``count``: how many."""

    by_state: dict[str, list[Recommendation]] = field(default_factory=dict)
    by_id: dict[str, Recommendation] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    #: former ID -> ID: a recommendation first imported without its report paragraph
    #: (``NOR-6-u1a2b3c4d``) keeps answering to that ID once a source gives the paragraph
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.by_id)

    def get(self, rec_id: str) -> Recommendation | None:
        """The recommendation with this ID or former ID, or None."""
        return self.by_id.get(rec_id) or self.by_id.get(self.aliases.get(rec_id, ""))

    def canonical(self, rec_id: str) -> str:
        """The current ID of ``rec_id`` (itself when it is not a former ID)."""
        return rec_id if rec_id in self.by_id else self.aliases.get(rec_id, rec_id)

    def __iter__(self):
        for recs in self.by_state.values():
            yield from recs


# --- helpers shared with the importers -------------------------------------------------

def normalise_text(text: str) -> str:
    """The form used to compare texts and to derive IDs: NFC, white space collapsed,
    case-folded."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def clean_text(text: str) -> str:
    """The stored form of a text: NFC, runs of white space (line breaks too) as one
    space, trimmed. Case and punctuation are kept as in the source."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    """First 8 hex digits of SHA-1 of :func:`normalise_text` (UTF-8)."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:8]


def paragraph_key(paragraph: str) -> tuple[int, ...]:
    """Sort key of a report paragraph: ``115.2`` < ``115.10`` < ``116.1``."""
    try:
        return tuple(int(part) for part in paragraph.split("."))
    except ValueError:
        return (1 << 30,)


def make_id(sur: str, session: int, paragraph: str = "", text: str = "") -> str:
    """``SVN-48-140.7`` with a paragraph, ``SVN-20-u1a2b3c4d`` without."""
    if paragraph:
        return f"{sur}-{session}-{paragraph}"
    return f"{sur}-{session}-u{text_hash(text)}"


def list_item(value: str) -> str:
    """A value as stored in a ``;``-joined list column: a ``;`` inside it becomes
    ``,`` (OHCHR theme ``F31 Children: definition; general principles; protection``)."""
    return " ".join(value.replace(";", ",").split())


def rows_file(name: str) -> str:
    """A file name as written in ``source_rows`` (``|`` separates entries there)."""
    return name.replace(ROWS_SEPARATOR, "_")


def split_list(value: str) -> list[str]:
    """``"FRA;LTU"`` -> ``["FRA", "LTU"]``; ``""`` -> ``[]``."""
    if not value:
        return []
    return value.split(LIST_SEPARATOR)  # files are written by dump_csv: no stray spaces


def file_for(recommendations_dir: Path, iso3: str) -> Path:
    return recommendations_dir / f"{iso3.lower()}.csv"


def dump_csv(recs: list[Recommendation]) -> bytes:
    """The bytes of one State's CSV file (header + rows sorted by :attr:`sort_key`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for rec in sorted(recs, key=lambda r: r.sort_key):
        writer.writerow(rec.to_row())
    return buf.getvalue().encode("utf-8")


# --- reading and validating -----------------------------------------------------------

def read_csv(path: Path, display: str) -> tuple[list[Recommendation], list[Problem]]:
    """Read one ``states/recommendations/<iso3>.csv``. Returns the valid rows and a
    problem (``display:line``) for every bad one; never raises on bad content."""
    problems: list[Problem] = []
    out: list[Recommendation] = []

    def bad(line: int, message: str, fix: str) -> None:
        problems.append(Problem(display, line, message, fix))

    try:
        raw = repofiles.read_bytes(path, display)
    except repofiles.UnsafeFile as exc:  # a link: never followed (upr.repofiles)
        return out, [exc.problem]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        bad(line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02X})",
            "re-run `upr import recommendations`; these files are written by the importer, not by hand")
        return out, problems
    expected_sur = path.stem.upper()
    if path.stem != path.stem.lower() or not _ISO3.match(expected_sur):
        bad(0, f"file name '{path.name}' is not a lower-case ISO 3166 alpha-3 code",
            "name the file after the State under Review, e.g. svn.csv")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(header) != COLUMNS:
        bad(1, "the header row is not the recommendations layout",
            "the first line must be exactly: " + ",".join(COLUMNS))
        return out, problems
    start = reader.line_num + 1
    for row in reader:
        line, start = start, reader.line_num + 1
        if not row:
            continue
        if len(row) != len(COLUMNS):
            bad(line, f"row has {len(row)} fields, expected {len(COLUMNS)}",
                "re-run the import; if you edited this file, check the quotes and commas")
            continue
        (rid, sur, cycle, session, paragraph, rtext, rs, response, action, issues,
         persons, sdgs, dataset, symbol, rows, annotation, former) = row
        errors_before = len(problems)
        if sur != expected_sur:
            bad(line, f"state_under_review '{sur}' does not match the file name {path.name}",
                f"write {expected_sur}, or move the row to {sur.lower()}.csv")
        try:
            session_no = int(session)
            if session_no < 1:
                raise ValueError
        except ValueError:
            bad(line, f"session '{session}' is not a session number", "write the Working Group session, e.g. 48")
            session_no = 0
        try:
            cycle_no = int(cycle)
        except ValueError:
            cycle_no = 0
        if session_no and cycle_no != cycle_of(session_no):
            bad(line, f"cycle '{cycle}' does not match session {session_no}",
                f"write {cycle_of(session_no)} (session {session_no} is in cycle {cycle_of(session_no)})")
        if paragraph and not _PARAGRAPH.match(paragraph):
            bad(line, f"paragraph '{paragraph}' is not a report paragraph number",
                "write it as in the report, e.g. 140.7, or leave it empty")
        if session_no and sur:
            if paragraph:
                expected = make_id(sur, session_no, paragraph)
                # a second annotation with the same paragraph (a duplicate in the source) is -2, -3 …
                ok = rid == expected or (rid.startswith(expected + "-") and rid[len(expected) + 1:].isdigit())
            else:
                # the hash itself is the importer's business (checked in its tests):
                # recomputing 60,000 of them would double the load time
                ok = _UID.match(rid) is not None and rid.startswith(f"{sur}-{session_no}-u")
                if not ok:
                    expected = f"{sur}-{session_no}-u{text_hash(rtext)}"
            if not ok:
                bad(line, f"id '{rid}' does not match its State, session and "
                    + ("paragraph" if paragraph else "text"), f"write {expected}")
        if not rtext.strip():
            bad(line, "the recommendation text is empty", "copy the text from the source document")
        rs_list = split_list(rs)
        for code in rs_list:
            if not _ISO3.match(code):
                bad(line, f"recommending State '{code}' is not an upper-case ISO3 code",
                    "write ISO 3166 alpha-3 codes joined by ';', e.g. FRA;LTU")
        if response not in RESPONSES:
            bad(line, f"response '{response}' is not one of the allowed values",
                "write one of: " + ", ".join(RESPONSES))
        action_no: int | None = None
        if action:
            if action in ("1", "2", "3", "4", "5"):
                action_no = int(action)
            else:
                bad(line, f"action_category '{action}' is not 1–5",
                    "write 1, 2, 3, 4 or 5 (UPR Info action category), or leave it empty")
        if annotation and not all(_ANNOTATION.match(a) for a in split_list(annotation)):
            bad(line, f"annotation_id '{annotation}' is not an OHCHR annotation id",
                "re-run the import; annotation ids are written by the UHRI importer")
        former_list = split_list(former)
        for old in former_list:
            if not _ANY_ID.match(old) or not old.startswith(f"{sur}-"):
                bad(line, f"former id '{old}' is not a recommendation ID of {sur}",
                    "re-run the import; former ids are written by the importer")
        if len(problems) > errors_before:
            continue
        out.append(Recommendation(
            rid, sur, cycle_no, session_no, paragraph, rtext, rs_list, response, action_no,
            split_list(issues), split_list(persons), split_list(sdgs), dataset, symbol, rows,
            annotation, former_list, line))
    return out, problems


def recommendations_dir(settings) -> Path:
    return settings.states_dir / "recommendations"


def load(settings, content=None) -> tuple[Corpus, list[Problem]]:
    """Load and validate every ``states/recommendations/*.csv``.

    Returns ``(Corpus, problems)``; bad rows are reported (``path:line``) and left
    out. Duplicate IDs across the corpus are errors naming both places."""
    corpus = Corpus()
    problems: list[Problem] = []
    folder = recommendations_dir(settings)
    if not folder.is_dir():
        return corpus, problems
    where: dict[str, str] = {}
    for path in repofiles.files(folder, (".csv",), recursive=False):  # never a link
        display = settings.rel(path)
        recs, file_problems = read_csv(path, display)
        problems.extend(file_problems)
        kept = []
        for rec in recs:
            if rec.id in corpus.by_id:
                problems.append(Problem(display, rec.line, f"duplicate id '{rec.id}' (also at {where[rec.id]})",
                                        "each recommendation must have its own id; re-run the import"))
                continue
            corpus.by_id[rec.id] = rec
            where[rec.id] = f"{display}:{rec.line}"
            kept.append(rec)
            for old in rec.former_ids:
                corpus.aliases.setdefault(old, rec.id)
        if kept:
            corpus.by_state.setdefault(path.stem.upper(), []).extend(kept)
        corpus.files[path.stem.upper()] = path
    unify_themes(corpus)
    return corpus, problems


def theme_key(theme: str) -> str:
    """What makes two theme names the same theme: letter case, Unicode form, curly or
    straight apostrophes and runs of spaces do not count (``Women's Rights`` =
    ``women’s rights``)."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", theme).replace("\u2019", "'")).strip().casefold()


def unify_themes(corpus: Corpus) -> dict[str, str]:
    """Give every theme one spelling across the corpus, in memory only (the CSV files
    stay as imported). A re-import whose source changed only the letter case of an
    issue (UPR Info ``Women's rights`` -> ``Women's Rights``) must not split one theme
    into two, with two theme pages (``womens-rights`` and ``womens-rights-2``) and a
    table filter that finds only half. The spelling kept is the one most
    recommendations use (ties: the one with fewer capitals, then the first in sort
    order), so one State's re-import does
    not rename the theme for everyone. Returns variant -> spelling kept."""
    counts: dict[str, dict[str, int]] = {}
    for rec in corpus:
        for t in rec.issues:
            per = counts.setdefault(theme_key(t), {})
            per[t] = per.get(t, 0) + 1
    spelling = {}
    for per in counts.values():
        kept = min(per, key=lambda t: (-per[t], sum(c.isupper() for c in t), t))
        spelling.update((t, kept) for t in per)
    if any(t != kept for t, kept in spelling.items()):
        for rec in corpus:
            if rec.issues:
                rec.issues = list(dict.fromkeys(spelling[t] for t in rec.issues))
    return spelling


def cross_check(content) -> list[Problem]:
    """Every State under Review and recommending State must be a known State.

    Uses ``content.states`` (a mapping keyed by ISO3) when it is loaded, plus the
    observer States the name index knows (Holy See, State of Palestine), which
    recommend but are not reviewed."""
    states = getattr(content, "kinds", {}).get("states")
    corpus = getattr(content, "kinds", {}).get("recommendations")
    if not corpus or not isinstance(states, dict) or not states:
        return []
    known = set(states)
    unreadable = set(getattr(states, "unreadable", None) or ())  # already reported in their own file
    observers = _observer_codes(content.settings)
    settings = content.settings
    problems: list[Problem] = []
    for iso3, recs in corpus.by_state.items():
        display = settings.rel(corpus.files[iso3])
        if iso3 not in known and iso3 not in unreadable:
            problems.append(Problem(display, 0, f"no State file for State under Review {iso3}",
                                    f"add states/{iso3.lower()}.md or check the file name"))
        elif iso3 in known and getattr(states[iso3], "is_observer", False):
            problems.append(Problem(display, 0, f"{iso3} is an observer State and cannot be a State under review",
                                    "the Holy See and the State of Palestine make recommendations but are not reviewed"))
        unknown_seen: set[str] = set()
        for rec in recs:
            for code in rec.recommending_states:
                if code not in known and code not in unreadable and code not in observers \
                        and code not in unknown_seen:
                    unknown_seen.add(code)
                    problems.append(Problem(display, rec.line, f"unknown recommending State '{code}'",
                                            "use the ISO3 code of a State in states/ (or VAT, PSE for observers)"))
    return problems


def _observer_codes(settings) -> set[str]:
    try:
        from . import names
        return set(getattr(names, "OBSERVERS", {"VAT", "PSE"}))
    except ImportError:
        return {"VAT", "PSE"}
