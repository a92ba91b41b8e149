"""States: one file per UN Member State or observer State, ``states/<iso3>.md``.

The file name is the ISO 3166 alpha-3 code in lower case (stable when a State is
renamed: Türkiye, Czechia, Eswatini); the front matter holds codes, the UN regional
group and the UN names (UNTERM) in English, French and Spanish, plus the other
spellings UPR sources use (``aliases``), which :mod:`upr.names` resolves. The files
were created by ``upr import states`` and are edited by hand from then on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import N_
from .names import NameIndex, name_key, strip_article, strip_leading_article
from .problems import Problem
from .schema import line_of, validate
from . import privacy, repofiles
from .yamlio import read_document

REGIONAL_GROUPS = (  # N_: their UN names in French and Spanish are in the catalogs (locale/)
    N_("African Group"),
    N_("Asia-Pacific Group"),
    N_("Eastern European Group"),
    N_("Latin American and Caribbean Group"),
    N_("Western European and Others Group"),
)
UN_STATUSES = ("member", "observer")

_NAME_PAIR = {
    "type": "object",
    "additionalProperties": False,
    "required": ["short", "formal"],
    "properties": {
        "short": {"type": "string", "minLength": 1,
                  "description": "the UN short name, without the article UNTERM puts in brackets",
                  "examples": ["Norway"]},
        "formal": {"type": "string", "minLength": 1,
                   "description": "the UN formal name, exactly as UNTERM writes it (with its article)",
                   "examples": ["the Kingdom of Norway"]},
    },
}

STATE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "State",
    "description": "A UN Member State or observer State (states/<iso3>.md)",
    "type": "object",
    "additionalProperties": False,
    "required": ["iso3", "iso2", "m49", "un_status", "names"],
    "properties": {
        "iso3": {"type": "string", "pattern": "^[A-Z]{3}$",
                 "description": "ISO 3166-1 alpha-3 code in capital letters; the file name is the same code "
                                "in lower case",
                 "examples": ["NOR"]},
        "iso2": {"type": "string", "pattern": "^[A-Z]{2}$",
                 "description": "ISO 3166-1 alpha-2 code in capital letters, in quotes",
                 "examples": ["NO"]},
        "m49": {"type": "string", "pattern": "^[0-9]{3}$",
                "description": "UN M49 numeric code: 3 digits in quotes, keeping leading zeros",
                "examples": ["012"]},
        "un_status": {"enum": list(UN_STATUSES),
                      "description": "member (reviewed by the UPR) or observer (Holy See, State of "
                                     "Palestine: they recommend but are not reviewed)",
                      "examples": ["member"]},
        "regional_group": {"enum": list(REGIONAL_GROUPS),
                           "description": "the UN regional group of a Member State (required for members); "
                                          "observer States have none: leave the line out",
                           "examples": ["Western European and Others Group"]},
        "names": {
            "type": "object",
            "additionalProperties": False,
            "required": ["en", "fr", "es"],
            "description": "UN names (UNTERM) in English (en), French (fr) and Spanish (es)",
            "examples": [{"en": {"short": "Norway", "formal": "the Kingdom of Norway"}}],
            "properties": {
                "en": {**_NAME_PAIR, "description": "English short and formal names"},
                "fr": {**_NAME_PAIR, "description": "French short and formal names"},
                "es": {**_NAME_PAIR, "description": "Spanish short and formal names"},
            },
        },
        "aliases": {"type": "array", "items": {"type": "string", "minLength": 1},
                    "description": "other spellings used by UPR sources (UPR Info, OHCHR, NGO sheets); "
                                   "each may belong to one State only",
                    "examples": [["Turkey", "Turkiye"]]},
        "sources": {"type": "object", "additionalProperties": {"type": "string"},
                    "description": "where each part of the file came from (file of the source data)",
                    "examples": [{"names": "cehdi_upr-maternal-health/countries.xlsx (UNTERM)"}]},
    },
}


@dataclass
class State:
    """One State. ``names`` is ``{lang: {"short": str, "formal": str}}`` for en/fr/es;
    ``regional_group`` is None for observer States; ``path`` is the display path."""

    iso3: str
    iso2: str
    m49: str
    un_status: str
    regional_group: str | None
    names: dict[str, dict[str, str]]
    aliases: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    body: str = ""
    path: str = ""

    @property
    def is_observer(self) -> bool:
        return self.un_status == "observer"

    @property
    def notes(self) -> str:
        """What people wrote in the body, without the importer's summary line."""
        lines = [line for line in self.body.split("\n")
                 if line.strip() != summary_line(self.names, self.un_status, self.regional_group)]
        return "\n".join(lines).strip()

    def name(self, lang: str = "en", form: str = "short") -> str:
        """The UN name in ``lang`` (``form`` "short" or "formal"); English if missing."""
        for code in (lang, "en"):
            value = (self.names.get(code) or {}).get(form)
            if value:
                return value
        return self.iso3


def summary_line(names: dict, un_status: str, regional_group: str | None) -> str:
    """The line ``upr import states`` writes as a State file's body (pages hide it:
    it repeats the table; what people add below it is shown as notes)."""
    if un_status == "observer":
        formal = names["en"]["formal"]
        return (f"{formal[:1].upper()}{formal[1:]} is a UN observer State: it makes recommendations "
                "in the UPR but is not reviewed.")
    return f"{names['en']['short']} is a UN Member State in the {regional_group}."


class States(dict):
    """``{ISO3: State}`` in ISO3 order, with name helpers.

    ``unreadable`` maps the ISO3 code of each State file that exists but has errors
    (left out of the models) to its path: checks elsewhere treat those codes as known,
    so one mistake in ``states/hti.md`` gives one message, not one per session, group
    and recommendation file that names HTI (issue 14)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable: dict[str, str] = {}

    def known(self, code: str) -> bool:
        """True for a loaded State and for one whose file exists but has errors."""
        return code in self or code in self.unreadable

    def name(self, iso3: str, lang: str = "en", form: str = "short") -> str:
        """Name of the State ``iso3``; the code itself if there is no such State."""
        state = self.get(iso3)
        return state.name(lang, form) if state else iso3

    def members(self) -> list[State]:
        return [s for s in self.values() if not s.is_observer]

    @property
    def index(self) -> NameIndex:
        """Name index of these States (see :mod:`upr.names`), built once."""
        if "_index" not in self.__dict__:
            self.__dict__["_index"] = NameIndex.from_states(self)
        return self.__dict__["_index"]


def _spellings(meta) -> list[tuple[str, int]]:
    """(spelling, line) for every name and alias of one State file's front matter."""
    out = []
    names = meta.get("names") or {}
    for lang in ("en", "fr", "es"):
        pair = names.get(lang) or {}
        for form in ("short", "formal"):
            value = pair.get(form)
            if isinstance(value, str) and value:
                line = line_of(meta, ["names", lang, form])
                stripped = strip_article(value) if form == "short" else strip_leading_article(value)
                out += [(value, line), (stripped, line)]
    for i, alias in enumerate(meta.get("aliases") or []):
        if isinstance(alias, str):
            out.append((alias, line_of(meta, ["aliases", i])))
    return out


def _check_status(meta, path: str) -> list[Problem]:
    status, group = meta.get("un_status"), meta.get("regional_group")
    if status == "member" and group is None:
        return [Problem(path, line_of(meta, ["un_status"]),
                        "a Member State must have a regional_group",
                        "write one of: " + ", ".join(REGIONAL_GROUPS))]
    if status == "observer" and "regional_group" in meta:
        return [Problem(path, line_of(meta, ["regional_group"]),
                        "an observer State is not in a UN regional group",
                        "delete the regional_group line")]
    return []


def _mark_unreadable(states: States, file: Path, meta, shown: str) -> None:
    """Remember the code(s) a State file with errors stands for (its name, its iso3)."""
    codes = {file.stem.upper()} if len(file.stem) == 3 else set()
    if isinstance(meta.get("iso3") if meta else None, str) and len(meta["iso3"]) == 3:
        codes.add(meta["iso3"].upper())
    for code in codes:
        states.unreadable.setdefault(code, shown)


def known_state(states, code: str) -> bool:
    """``code`` is a State of the site, or one whose file exists but has errors (already
    reported there). Works on any mapping; only :class:`States` knows unreadable files."""
    return code in states or code in (getattr(states, "unreadable", None) or {})


#: Folders of states/ that hold other kinds of files (recommendations, assessments).
OTHER_FOLDERS = ("recommendations", "followup")


def _misplaced(settings, folder: Path) -> list[Problem]:
    """A State file in a sub-folder is never read as a State: say where it belongs, and
    still list its other problems, so that one run shows everything to fix."""
    out = []
    for sub in repofiles.subdirs(folder):  # links are reported by upr.repofiles, never entered
        if sub.name in OTHER_FOLDERS or sub.name.startswith("."):
            continue
        for file in repofiles.files(sub, (".md",)):
            shown = settings.rel(file)
            doc = read_document(file, shown)
            iso3 = doc.meta.get("iso3") if isinstance(doc.meta.get("iso3"), str) else file.stem
            out.append(Problem(shown, 0, "a State file must be directly in states/, not in a sub-folder",
                               f"move it to states/{iso3.lower()}.md"))
            out += doc.problems + (validate(doc.meta, STATE_SCHEMA, shown) if doc.meta else [])
    return out


def load(settings, content=None) -> tuple[States, list[Problem]]:
    """Read and validate ``states/*.md``.

    Returns ``(States, problems)``. A file with errors is left out of the States;
    every error names ``states/<file>.md:line``. Codes and spellings that two files
    claim are errors naming both files. Never raises on bad content.
    """
    folder = Path(settings.states_dir)
    files = repofiles.files(folder, (".md",), recursive=False)  # never a link
    problems: list[Problem] = []
    if not files:
        return States(), [Problem(settings.rel(folder), 0, "there are no State files",
                                  "run  upr import states  to create states/<iso3>.md")]
    states = States()
    problems += _misplaced(settings, folder)
    owners: dict[tuple[str, str], tuple[str, str, int]] = {}  # (field, key) -> (iso3, path, line)
    for file in files:
        shown = settings.rel(file)
        doc = read_document(file, shown)
        file_problems = list(doc.problems)
        meta = doc.meta
        if meta:
            file_problems += privacy.refuse_confidential(
                meta, shown, "a State page",
                "delete this line: State pages hold public reference data (a private note about a State "
                "is a follow-up assessment with confidential: true in states/followup/)")
            file_problems += privacy.without_marker_noise(validate(meta, STATE_SCHEMA, shown))
            file_problems += _check_status(meta, shown)
            iso3 = meta.get("iso3")
            if isinstance(iso3, str) and iso3.lower() != file.stem:
                file_problems.append(Problem(
                    shown, line_of(meta, ["iso3"]),
                    f"the file name {file.name} does not match iso3: {iso3}",
                    f"name the file {iso3.lower()}.md"
                    + (f", or correct iso3 to {file.stem.upper()}" if len(file.stem) == 3 else "")))
        if not meta and not file_problems:
            file_problems.append(Problem(
                shown, 1, "the front matter is empty: this State would disappear from the site",
                f"write the State's fields between the two --- lines, starting with iso3: {file.stem.upper()}"
                " (see any other file in states/)"))
        if file_problems:
            problems += file_problems
            _mark_unreadable(states, file, meta, shown)
            continue
        iso3 = meta["iso3"]
        claims = [("iso3", meta["iso3"], line_of(meta, ["iso3"])),
                  ("iso2", meta["iso2"], line_of(meta, ["iso2"])),
                  ("m49", meta["m49"], line_of(meta, ["m49"]))]
        claims += [("spelling", name_key(s), line) for s, line in _spellings(meta)]
        clash = False
        for kind, key, line in claims:
            other = owners.get((kind, key))
            if other and other[0] != iso3:
                clash = True
                what = {"spelling": "name or alias", "iso3": "iso3", "iso2": "iso2", "m49": "m49"}[kind]
                problems.append(Problem(
                    shown, line, f"this {what} is also used by {other[1]}:{other[2]}",
                    "a code or spelling may belong to one State only: remove it from one of the two files",
                    also=((other[1], other[2]),)))
            elif not other:
                owners[(kind, key)] = (iso3, shown, line)
        if clash:
            _mark_unreadable(states, file, meta, shown)
            continue
        states[iso3] = State(
            iso3=iso3, iso2=meta["iso2"], m49=meta["m49"], un_status=meta["un_status"],
            regional_group=meta.get("regional_group"),
            names={lang: dict(pair) for lang, pair in meta["names"].items()},
            aliases=list(meta.get("aliases") or []), sources=dict(meta.get("sources") or {}),
            body=doc.body, path=shown)
    return states, problems
