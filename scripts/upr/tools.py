"""The shared tools library: questionnaires, templates, guides, checklists and
training material that NGOs made for their work on the UPR (issue 6).

One file per tool, ``tools_library/<slug>.md``: YAML front matter (see
:data:`SCHEMA`) and a Markdown body that says how to use the tool. Attachments
live in ``tools_library/files/`` or are links. The slug (file name without
``.md``) is the stable key and the URL: ``/tools/<slug>/``.

Checks (every problem is reported, as ``path:line: what — fix``):

* fields and values against :data:`SCHEMA`; an unknown field names the field
  that was probably meant (``type`` -> ``kind``, ``language`` -> ``languages``);
* languages are ISO 639-1 codes (``no`` is Norwegian: the strict loader keeps it
  a string) checked with pycountry;
* attachment files exist under ``tools_library/files/``, have an allowed type
  (:data:`ALLOWED_TYPES`), are not macro-enabled or executable
  (:data:`DANGEROUS_TYPES`, and Office files carrying a ``vbaProject.bin``),
  their bytes match their extension, they are no bigger than the limit set
  in ``tools_library/config.yml`` (``max_attachment_mb``, default 10; a bigger file is
  not read at all), and an Office file would not decompress past the limits of
  :mod:`upr.archives` (read from its central directory, before anything is decompressed);
* links are well-formed ``https://`` (or ``http://``) addresses.

Used by: ``upr check`` (via :mod:`upr.content`), :mod:`upr.pages.tools`, and the
calendar, State and group pages through :func:`tools_for_stage` and
:func:`tools_links_markdown`.
"""
from __future__ import annotations

import difflib
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pycountry
from babel import Locale, UnknownLocaleError

from . import archives, privacy, repofiles
from .config import Settings
from .i18n import N_
from .mdtext import md_inline
from .problems import WARNING, Problem
from .schema import validate
from .slugs import file_slug
from .yamlio import LineDict, LineList, read_document, read_yaml_file

# --- vocabularies -----------------------------------------------------------

#: Kinds of tool, value -> label.
KINDS = {
    "questionnaire": N_("Questionnaire"),
    "template": N_("Template"),
    "guide": N_("Guide"),
    "checklist": N_("Checklist"),
    "training": N_("Training material"),
    "other": N_("Other"),
}

#: Stages of one UPR review, in the order they happen (DOMAIN.md, "Timeline").
STAGES = {
    "preparation": N_("Preparation"),
    "submission": N_("Submission"),
    "pre-session": N_("Pre-session advocacy"),
    "review": N_("Review"),
    "follow-up": N_("Follow-up and mid-term"),
}

#: Topics: the issues UPR Info codes recommendations with (the 56 values of the
#: ``Issue`` column of its 2018 database export, see data/real/SOURCES.md §1),
#: as slugs, plus a few practice topics for tools that are about how NGOs work
#: (OHCHR's work on reprisals against those who cooperate with the UN).
UPR_INFO_ISSUES = [  # N_: their labels in French and Spanish are in the catalogs (locale/)
    N_("Asylum-seekers - refugees"), N_("Business and human rights"), N_("CP rights - general"),
    N_("Civil society"), N_("Corruption"), N_("Counter-terrorism"), N_("Death penalty"), N_("Detention"),
    N_("Development"), N_("Disabilities"), N_("ESC rights - general"), N_("Elections"),
    N_("Enforced disappearances"), N_("Environment"), N_("Extrajudicial executions"),
    N_("Freedom of association and peaceful assembly"), N_("Freedom of movement"),
    N_("Freedom of opinion and expression"), N_("Freedom of religion and belief"),
    N_("Freedom of the press"), N_("General"), N_("HIV - Aids"), N_("Human rights defenders"),
    N_("Human rights education and training"), N_("Human rights violations by state agents"),
    N_("Impunity"), N_("Indigenous peoples"), N_("Internally displaced persons"),
    N_("International humanitarian law"), N_("International instruments"), N_("Justice"), N_("Labour"),
    N_("Migrants"), N_("Minorities"), N_("National Human Rights Institution"), N_("Other"), N_("Poverty"),
    N_("Privacy"), N_("Public security"), N_("Racial discrimination"), N_("Right to education"),
    N_("Right to food"), N_("Right to health"), N_("Right to housing"), N_("Right to land"),
    N_("Right to water and sanitation"), N_("Rights of the Child"),
    N_("Sexual Orientation and Gender Identity"), N_("Special procedures"),
    N_("Statelessness and the right to nationality"), N_("Technical assistance and cooperation"),
    N_("Torture and other CID treatment"), N_("Trafficking"), N_("Treaty bodies"), N_("UPR process"),
    N_("Women's rights"),
]
PRACTICE_TOPICS = {
    "monitoring-and-documentation": N_("Monitoring and documentation"),
    "advocacy": N_("Advocacy"),
    "coalition-work": N_("Coalition work"),
    "safety-and-reprisals": N_("Safety and reprisals"),
}


def _slug(label: str) -> str:
    return file_slug(label)  # transliterated, never dropped: Türkiye guide -> turkiye-guide


TOPICS: dict[str, str] = {_slug(label): label for label in UPR_INFO_ISSUES}
TOPICS.update(PRACTICE_TOPICS)

#: Attachment types people may upload, extension -> what it is.
ALLOWED_TYPES = {
    "pdf": "PDF", "docx": "Word", "odt": "OpenDocument text", "xlsx": "Excel",
    "ods": "OpenDocument spreadsheet", "md": "Markdown", "txt": "text", "csv": "CSV",
}
#: Types refused outright because they can run code on the reader's computer,
#: extension -> what to do instead.
DANGEROUS_TYPES = {
    "docm": "save it as a Word Document (.docx) without macros",
    "dotm": "save it as a Word Document (.docx) without macros",
    "xlsm": "save it as an Excel Workbook (.xlsx) without macros",
    "xltm": "save it as an Excel Workbook (.xlsx) without macros",
    "xlsb": "save it as an Excel Workbook (.xlsx)",
    "pptm": "save it as PDF",
    "exe": "share a PDF or Word version of the content instead",
    "msi": "share a PDF or Word version of the content instead",
    "bat": "share a PDF or Word version of the content instead",
    "cmd": "share a PDF or Word version of the content instead",
    "com": "share a PDF or Word version of the content instead",
    "scr": "share a PDF or Word version of the content instead",
    "ps1": "share a PDF or Word version of the content instead",
    "vbs": "share a PDF or Word version of the content instead",
    "js": "share a PDF or Word version of the content instead",
    "jar": "share a PDF or Word version of the content instead",
    "sh": "share a PDF or Word version of the content instead",
    "apk": "share a PDF or Word version of the content instead",
    "html": "put the text in the tool's page or attach a PDF",
    "htm": "put the text in the tool's page or attach a PDF",
    "svg": "attach a PDF instead (SVG images can carry scripts)",
}
_OFFICE_ZIP = {"docx", "xlsx", "odt", "ods"}
_TEXT = {"md", "txt", "csv"}

DEFAULT_MAX_MB = 10
CONFIG_FILE = "config.yml"
FILES_DIR = "files"

# Fields people write by habit or by copying from elsewhere -> the field meant.
RENAMES = {
    "type": "kind", "category": "kind", "format": "kind",
    "language": "languages", "lang": "languages", "langs": "languages", "locale": "languages",
    "stage": "stages", "upr_stage": "stages", "phase": "stages",
    "topic": "topics", "tags": "topics", "themes": "topics", "theme": "topics", "issues": "topics",
    "organization": "organisation", "org": "organisation", "author": "organisation",
    "authors": "organisation", "publisher": "organisation",
    "license": "licence", "rights": "licence",
    "description": "summary", "abstract": "summary",
    "attachment": "attachments", "files": "attachments", "file": "attachments",
    "downloads": "attachments", "links": "attachments", "date": "year",
}

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

_ATTACHMENT = {
    "type": "object",
    "description": "One download: a file you put in tools_library/files/, or a link to a file elsewhere.",
    "properties": {
        "file": {"type": "string", "description": "name of the file in tools_library/files/ "
                 "(pdf, docx, odt, xlsx, ods, md, txt or csv; no macros)",
                 "examples": ["joint-submission-template.docx"]},
        "link": {"type": "string", "description": "full web address of the file, starting with https://",
                 "examples": ["https://www.ohchr.org/en/hr-bodies/upr/ngos-nhris"]},
        "label": {"type": "string", "minLength": 1,
                  "description": "what the button says (defaults to the file name)",
                  "examples": ["Template (Word)"]},
    },
    "additionalProperties": False,
}

#: Languages of the public site a summary can be translated into (``summary_fr`` …).
SUMMARY_LANGUAGES = (
    ("en", "English", "A Word template that follows the OHCHR guidelines for joint stakeholder submissions."),
    ("fr", "French", "Un modèle Word qui suit les directives du HCDH pour les contributions conjointes des "
                     "parties prenantes."),
    ("es", "Spanish", "Una plantilla de Word que sigue las directrices del ACNUDH para las contribuciones "
                      "conjuntas de las partes interesadas."),
)

#: JSON Schema of a tool's front matter (drives validation, CONTRIBUTING and the issue form).
SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Tool in the shared tools library",
    "type": "object",
    "required": ["title", "summary", "kind", "stages", "topics", "languages",
                 "organisation", "year", "licence"],
    "properties": {
        "title": {"type": "string", "minLength": 3,
                  "description": "name of the tool, in its own language; put it in quotes if it contains ': '",
                  "examples": ["Joint submission template"]},
        "summary": {"type": "string", "minLength": 10, "maxLength": 400,
                    "description": "one or two sentences: what the tool is for and who uses it",
                    "examples": ["A Word template that follows the OHCHR guidelines for joint stakeholder submissions."]},
        **{f"summary_{code}": {
            "type": "string", "minLength": 10, "maxLength": 400,
            "description": f"the summary in {name}, shown on the {name} site (issue 9); leave it out "
                           f"when the tool itself is in {name}: its summary is already in {name}",
            "examples": [example]} for code, name, example in SUMMARY_LANGUAGES},
        "kind": {"enum": list(KINDS), "description": "what kind of tool it is: " + ", ".join(KINDS),
                 "examples": ["template"]},
        "stages": {"type": "array", "minItems": 1, "uniqueItems": True,
                   "items": {"enum": list(STAGES)},
                   "description": "stages of the UPR where the tool helps: " + ", ".join(STAGES),
                   "examples": [["submission"]]},
        "topics": {"type": "array", "minItems": 1, "uniqueItems": True,
                   "items": {"enum": list(TOPICS)},
                   "description": "topics from the list in CONTRIBUTING (UPR Info issues and practice topics), e.g. upr-process, human-rights-defenders, womens-rights",
                   "examples": [["upr-process", "civil-society"]]},
        "languages": {"type": "array", "minItems": 1, "uniqueItems": True,
                      "items": {"type": "string", "pattern": "^[a-z]{2}$"},
                      "description": "languages the tool is written in, as two-letter ISO 639-1 codes (en, fr, es, ar, no …)",
                      "examples": [["en"]]},
        "organisation": {"type": "string", "minLength": 2,
                         "description": "who made the tool (organisation or coalition)",
                         "examples": ["UPR Platform contributors"]},
        "year": {"type": "integer", "minimum": 2006, "maximum": 2100,
                 "description": "year the tool was made or last revised", "examples": [2026]},
        "licence": {"type": "string", "minLength": 2,
                    "description": "terms under which others may reuse the tool",
                    "examples": ["CC BY 4.0"]},
        "attachments": {"type": "array", "items": _ATTACHMENT,
                        "description": "files to download: each '- file: name' (in tools_library/files/) or '- link: https://…', with an optional label",
                        "examples": [[{"file": "joint-submission-template.docx", "label": "Template (Word)"}]]},
        "translation_of": {"type": "string", "pattern": _SLUG,
                           "description": "if this tool is a translation, the file name (without .md) of the original",
                           "examples": ["local-defenders-guide"]},
    },
    "additionalProperties": False,
}


# --- models -----------------------------------------------------------------

@dataclass
class Attachment:
    """A download. Exactly one of ``file`` (name under ``tools_library/files/``) and
    ``link`` (https URL) is set. ``size`` is in bytes (files only); ``line`` is the
    file line of the entry."""

    label: str
    file: str | None = None
    link: str | None = None
    size: int = 0
    line: int = 0

    @property
    def extension(self) -> str:
        name = self.file or urlsplit(self.link or "").path
        return PurePosixPath(name).suffix.lower().lstrip(".")


@dataclass
class Tool:
    """One tool of the library (a validated ``tools_library/<slug>.md``)."""

    slug: str
    path: str                      # display path, e.g. tools_library/x.md
    title: str
    summary: str
    kind: str
    stages: list[str]
    topics: list[str]
    languages: list[str]
    organisation: str
    year: int
    licence: str
    attachments: list[Attachment] = field(default_factory=list)
    translation_of: str | None = None
    summaries: dict[str, str] = field(default_factory=dict)  # lang -> translated summary
    body: str = ""
    body_line: int = 0
    lines: dict = field(default_factory=dict)  # file line of each front-matter key

    def summary_in(self, lang: str) -> tuple[str, str]:
        """``(text, language of the text)``: the summary in ``lang`` when the tool is
        written in it or has ``summary_<lang>``; otherwise the tool's own summary."""
        if lang in self.summaries:
            return self.summaries[lang], lang
        return self.summary, self.languages[0]

    @property
    def url(self) -> str:
        """Site path of the tool's page, from the site root."""
        return f"tools/{self.slug}/"

    @property
    def page(self) -> str:
        """Source path of the generated page inside ``build/docs``."""
        return f"tools/{self.slug}.md"


def kind_label(kind: str) -> str:
    return KINDS.get(kind, kind)


def stage_label(stage: str) -> str:
    return STAGES.get(stage, stage)


def topic_label(topic: str) -> str:
    return TOPICS.get(topic, topic)


def language_label(code: str, locale: str = "en") -> str:
    """Name of an ISO 639-1 language in ``locale`` (Babel/CLDR), e.g. ``no`` -> Norwegian;
    the name in the language itself is :func:`language_autonym`."""
    try:
        name = Locale.parse(locale).languages.get(code)
    except (ValueError, TypeError):
        name = None
    if not name:
        lang = pycountry.languages.get(alpha_2=code)
        name = lang.name if lang else code
    return name[:1].upper() + name[1:]


def language_autonym(code: str) -> str:
    """Name of a language in itself (``fr`` -> Français), for people who read only that one."""
    try:
        name = Locale.parse(code).get_display_name(code)
    except (ValueError, TypeError, UnknownLocaleError):  # CLDR has no locale for rarer languages
        name = None
    return (name[:1].upper() + name[1:]) if name else language_label(code)


# --- settings ---------------------------------------------------------------

def max_attachment_bytes(settings: Settings) -> tuple[int, list[Problem]]:
    """The size limit for one attachment, in bytes, from ``tools_library/config.yml``
    (``max_attachment_mb``: a number of megabytes, 1 MB = 1,000,000 bytes; default 10)."""
    path = settings.tools_dir / CONFIG_FILE
    if not path.is_file():
        return DEFAULT_MAX_MB * 1_000_000, []
    shown = settings.rel(path)
    data, problems = read_yaml_file(path, shown)
    if data is None:
        return DEFAULT_MAX_MB * 1_000_000, problems
    value = data.get("max_attachment_mb", DEFAULT_MAX_MB) if isinstance(data, LineDict) else None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            value = None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        line = data.lines.get("max_attachment_mb", 1) if isinstance(data, LineDict) else 1
        problems.append(Problem(shown, line, "max_attachment_mb must be a positive number of megabytes",
                                f"write e.g. max_attachment_mb: {DEFAULT_MAX_MB}"))
        return DEFAULT_MAX_MB * 1_000_000, problems
    return int(value * 1_000_000), problems


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"


# --- loading and checks -----------------------------------------------------

def tool_files(settings: Settings) -> list[Path]:
    """The tool files: ``tools_library/*.md`` except README.md (sorted)."""
    folder = settings.tools_dir
    if not folder.is_dir():
        return []
    return [p for p in repofiles.files(folder, (".md",), recursive=False) if p.name.lower() != "readme.md"]


def load(settings: Settings, content=None) -> tuple[list[Tool], list[Problem]]:
    """Read and check every tool. Returns ``(tools, problems)``; a file with errors
    is left out of ``tools`` but all its problems are reported. Never raises on bad
    content. Tools are sorted by title (case-insensitive), then slug."""
    limit, problems = max_attachment_bytes(settings)
    tools = []
    for path in tool_files(settings):
        tool, found = load_tool(path, settings, limit)
        problems.extend(found)
        if tool is not None:
            tools.append(tool)
    tools.sort(key=lambda t: (t.title.casefold(), t.slug))
    return tools, problems


def load_tool(path: Path, settings: Settings, limit: int) -> tuple[Tool | None, list[Problem]]:
    """Read and check one tool file; ``limit`` is the attachment size limit in bytes."""
    shown = settings.rel(path)
    doc = read_document(path, shown)
    problems = list(doc.problems)
    slug = path.stem
    if not re.match(_SLUG, slug):
        better = _slug(slug) or "my-tool"
        problems.append(Problem(shown, 1, f"file name '{path.name}' is not a valid tool name "
                                "(it becomes the page address)",
                                f"rename the file to {better}.md (lower-case letters, digits and hyphens)"))
    if doc.problems and not doc.meta:
        return None, problems  # unreadable front matter: checking fields would only add noise
    meta = doc.meta
    problems += privacy.refuse_confidential(
        meta, shown, "a tool of the library",
        "delete this line to publish the tool; a tool that must not be published does not belong in the "
        "public repository (see SECURITY.md)")
    problems += privacy.without_marker_noise(_unknown_fields(meta, shown))
    problems += [p for p in validate(meta, SCHEMA, shown)
                 if not p.message.startswith("unknown field")
                 and not _covered_by_rename(p, meta)
                 and not re.match(r"attachments\[\d+\] must be a group", p.message)]  # said better below
    problems += _check_languages(meta, shown)
    attachments, found = _check_attachments(meta, shown, settings, limit)
    problems += found
    problems += _check_body(doc.body, doc.body_line, shown)
    if any(p.severity != WARNING for p in problems):
        return None, problems
    tool = Tool(
        slug=slug, path=shown, title=meta["title"].strip(), summary=meta["summary"].strip(),
        kind=meta["kind"], stages=list(meta["stages"]), topics=list(meta["topics"]),
        languages=list(meta["languages"]), organisation=meta["organisation"].strip(),
        year=meta["year"], licence=meta["licence"].strip(), attachments=attachments,
        translation_of=meta.get("translation_of"), body=doc.body, body_line=doc.body_line,
        lines=dict(meta.lines),
        summaries={code: meta[f"summary_{code}"].strip() for code, _, _ in SUMMARY_LANGUAGES
                   if isinstance(meta.get(f"summary_{code}"), str)})
    return tool, problems


def _unknown_fields(meta: LineDict, shown: str) -> list[Problem]:
    """One problem per unknown field (the schema reports only the first), naming the
    field that was probably meant."""
    allowed = list(SCHEMA["properties"])
    problems = []
    for key in meta:
        if key in SCHEMA["properties"]:
            continue
        name = str(key)
        meant = RENAMES.get(name.lower()) or next(iter(difflib.get_close_matches(name.lower(), allowed, 1, 0.7)), None)
        if meant and meant in meta:
            fix = f"'{meant}' is already there: delete this line or merge it into '{meant}'"
        elif meant:
            fix = f"did you mean '{meant}'?"
            value = meta[key]
            if SCHEMA["properties"][meant].get("type") == "array" and not isinstance(value, list):
                shown_value = "" if value is None else (str(value).lower() if isinstance(value, bool) else str(value))
                fix += f" It is a list: write {meant}: [{shown_value}]"
        else:
            fix = "check the spelling; allowed fields are: " + ", ".join(allowed)
        problems.append(Problem(shown, meta.lines.get(key, 1), f"unknown field '{name}'", fix))
    return problems


def _covered_by_rename(problem: Problem, meta: LineDict) -> bool:
    """True for 'required field X is missing' when the file has a misnamed X (already reported)."""
    m = re.match(r"required field '([^']+)' is missing$", problem.message)
    if not m:
        return False
    return any(RENAMES.get(str(k).lower()) == m.group(1) for k in meta if k not in SCHEMA["properties"])


def _check_body(body: str, first_line: int, shown: str) -> list[Problem]:
    """Warn about level-1 headings: the page already has the tool's title as its heading."""
    problems, fenced = [], False
    for i, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"^# \S", line):
            problems.append(Problem(shown, first_line + i, "a heading with one # repeats the page title level",
                                    "start headings at ## (e.g. ## How to use it)", severity=WARNING))
    return problems


def _check_languages(meta: LineDict, shown: str) -> list[Problem]:
    langs = meta.get("languages")
    if not isinstance(langs, LineList):
        return []
    problems = []
    for i, code in enumerate(langs):
        if isinstance(code, str) and re.match(r"^[a-z]{2}$", code) and pycountry.languages.get(alpha_2=code) is None:
            problems.append(Problem(shown, langs.lines[i], f"languages: '{code}' is not an ISO 639-1 language code",
                                    "write the two-letter code, e.g. en (English), fr (French), es (Spanish), "
                                    "ar (Arabic), pt (Portuguese), no (Norwegian)"))
    return problems


def _check_attachments(meta: LineDict, shown: str, settings: Settings,
                       limit: int) -> tuple[list[Attachment], list[Problem]]:
    items = meta.get("attachments")
    if not isinstance(items, LineList):
        return [], []
    problems: list[Problem] = []
    result = []
    files_dir = settings.tools_dir / FILES_DIR
    for i, item in enumerate(items):
        line = items.lines[i]
        if isinstance(item, str):
            problems.append(Problem(shown, line, f"attachments[{i + 1}] is a bare value: '{item}'",
                                    f"write - file: {item}  (a file in tools_library/files/) or "
                                    f"- link: https://…  (a web address)"))
            continue
        if not isinstance(item, LineDict):
            continue  # the schema has reported it
        has_file, has_link = "file" in item, "link" in item
        if has_file == has_link:
            problems.append(Problem(shown, line, f"attachments[{i + 1}] needs exactly one of 'file' or 'link'",
                                    "write - file: name-in-tools_library-files.pdf  or  - link: https://…"))
            continue
        if has_file and isinstance(item["file"], str):
            fline = item.lines["file"]
            att, found = _check_file(item["file"], shown, fline, files_dir, limit)
            problems += found
            if att:
                att.label = item.get("label") or att.file
                att.line = fline
                result.append(att)
        elif has_link and isinstance(item["link"], str):
            lline = item.lines["link"]
            found = _check_link(item["link"], shown, lline)
            problems += found
            if not found:
                url = item["link"].strip()
                result.append(Attachment(label=item.get("label") or url, link=url, line=lline))
    return result, problems


def _check_file(name: str, shown: str, line: int, files_dir: Path,
                limit: int) -> tuple[Attachment | None, list[Problem]]:
    name = name.strip()
    if name.startswith(f"{FILES_DIR}/"):
        name = name[len(FILES_DIR) + 1:]  # people often write the folder too
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or len(pure.parts) != 1:
        return None, [Problem(shown, line, f"attachment '{name}' must be a file name in tools_library/files/",
                              "put the file directly in tools_library/files/ and write only its name, "
                              "e.g. file: my-template.docx")]
    ext = pure.suffix.lower().lstrip(".")
    if ext in DANGEROUS_TYPES:
        return None, [Problem(shown, line, f"attachment '{name}': .{ext} files are not allowed "
                              "(they can run code on the reader's computer)", DANGEROUS_TYPES[ext])]
    if ext not in ALLOWED_TYPES:
        return None, [Problem(shown, line, f"attachment '{name}': file type '.{ext or '(none)'}' is not allowed",
                              "use one of: " + ", ".join(f".{e}" for e in ALLOWED_TYPES))]
    path = files_dir / name
    unsafe = repofiles.problem_of(path, f"tools_library/{FILES_DIR}/{name}")
    if unsafe or (path.exists() and not repofiles.is_real_dir(files_dir)):
        return None, [unsafe or Problem(f"tools_library/{FILES_DIR}", 1, repofiles.LINK, repofiles.LINK_FIX)]
    if not path.is_file():
        names = [p.name for p in repofiles.files(files_dir, recursive=False)]
        close = difflib.get_close_matches(name, names, 1, 0.6) or [n for n in names if n.lower() == name.lower()]
        fix = (f"did you mean '{close[0]}'? (names must match exactly, including capitals)" if close
               else "upload the file to tools_library/files/ (GitHub: Add file › Upload files) "
                    "or correct the name")
        return None, [Problem(shown, line, f"attachment '{name}' not found in tools_library/files/", fix)]
    size = path.stat().st_size
    problems = []
    if size > limit:
        problems.append(Problem(shown, line, f"attachment '{name}' is {_mb(size)}, more than the "
                                f"{_mb(limit)} limit", "make it smaller (e.g. save the PDF with reduced size, "
                                "compress the images) or publish it elsewhere and write - link: https://… "
                                "(the limit is max_attachment_mb in tools_library/config.yml)"))
    problems += _check_bytes(path, name, ext, shown, line, metadata=size <= limit)
    return Attachment(label=name, file=name, size=size), problems


def _check_bytes(path: Path, name: str, ext: str, shown: str, line: int, metadata: bool = True) -> list[Problem]:
    """The bytes must be what the extension says: a renamed .docm or .exe is refused too;
    and what the build cannot strip (comments, tracked changes, a GPS position) is
    refused (:mod:`upr.metadata`)."""
    found = _check_kind(path, name, ext, shown, line)
    if found or not metadata:  # an oversized file is not read whole: its size is the one problem
        return found
    from . import metadata as meta
    return meta.problems(repofiles.read_bytes(path, name), name, shown, line)


def _check_kind(path: Path, name: str, ext: str, shown: str, line: int) -> list[Problem]:
    with open(path, "rb") as fh:  # an ordinary file: links were refused in _check_file
        head = fh.read(8)
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return [Problem(shown, line, f"attachment '{name}' is a program, not a .{ext} file",
                        "share a PDF or Word version of the content instead")]
    if ext == "pdf" and not head.startswith(b"%PDF-"):
        return [Problem(shown, line, f"attachment '{name}' is not a PDF file (it does not start with %PDF-)",
                        "export the document again as PDF and upload that file")]
    if ext in _OFFICE_ZIP:
        try:
            with zipfile.ZipFile(path) as zf:
                too_big = archives.problem(zf)  # the central directory only: nothing is decompressed
                names = [n.lower() for n in zf.namelist()]
        except (zipfile.BadZipFile, OSError):
            return [Problem(shown, line, f"attachment '{name}' is not a valid .{ext} file",
                            f"open it and save it again as .{ext}")]
        if too_big:
            return [Problem(shown, line, f"attachment '{name}' is refused: {too_big}",
                            f"open it and save it again as .{ext}; if it really is that big, publish it "
                            "elsewhere and write - link: https://…")]
        if any(n.endswith("vbaproject.bin") or n.startswith("basic/") or "/macros/" in n for n in names):
            return [Problem(shown, line, f"attachment '{name}' contains macros (code that runs when it is opened)",
                            f"remove the macros and save it again as a plain .{ext}")]
    if ext in _TEXT:
        try:
            repofiles.read_bytes(path, name).decode("utf-8-sig")
        except UnicodeDecodeError:
            return [Problem(shown, line, f"attachment '{name}' is not UTF-8 text",
                            "save it as UTF-8 (in Excel: CSV UTF-8; in a text editor: Encoding › UTF-8)")]
    return []


def _check_link(url: str, shown: str, line: int) -> list[Problem]:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("https", "http"):
        return [Problem(shown, line, f"link '{url}' is not a web address",
                        "write the full address starting with https://")]
    host = parts.hostname or ""
    if re.search(r"\s", url) or not re.match(r"^[^.\s/]+(\.[^.\s/]+)+$", host):
        return [Problem(shown, line, f"link '{url}' is not a well-formed web address",
                        "copy the address from the browser's address bar, e.g. https://www.ohchr.org/…")]
    return []


def cross_check(content) -> list[Problem]:
    """A translation names an existing tool in another language."""
    tools = getattr(content, "tools", None) or []
    by_slug = {t.slug: t for t in tools}
    problems = []
    for tool in tools:
        if tool.translation_of is None:
            continue
        original = by_slug.get(tool.translation_of)
        settings = getattr(content, "settings", None)
        if original is None and settings is not None and repofiles.is_regular(settings.tools_dir / f"{tool.translation_of}.md"):
            continue  # the original exists but has errors: they are reported in its own file
        if original is None or original.slug == tool.slug:
            close = difflib.get_close_matches(tool.translation_of, list(by_slug), 1, 0.6)
            fix = f"did you mean '{close[0]}'?" if close else "write the file name (without .md) of a tool in tools_library/"
            problems.append(Problem(tool.path, tool.lines.get("translation_of", 1),
                                    f"translation_of: no tool named '{tool.translation_of}'", fix))
    return problems


# --- for other pages --------------------------------------------------------

def translations(content, tool: Tool) -> list[Tool]:
    """The other language versions of ``tool`` (its original and the original's translations)."""
    tools = getattr(content, "tools", None) or []
    root = tool.translation_of or tool.slug
    return [t for t in tools if t.slug != tool.slug and (t.slug == root or t.translation_of == root)]


def tools_for_stage(content, stage: str) -> list[Tool]:
    """Tools that help at ``stage`` (a key of :data:`STAGES`), sorted by title.
    Raises ValueError for an unknown stage (a programming error, not content)."""
    if stage not in STAGES:
        raise ValueError(f"unknown UPR stage {stage!r}; expected one of {', '.join(STAGES)}")
    return [t for t in (getattr(content, "tools", None) or []) if stage in t.stages]


md_escape = md_inline  # public name used by pages/tools.py


def tools_links_markdown(content, stage: str, page: str, lang: str = "en") -> str:
    """A Markdown list of the tools for ``stage``, with links relative to ``page``
    (the source path of the page being generated inside build/docs, e.g.
    ``states/nor.md``). Empty string when no tool fits. Titles are escaped and
    marked with their language when it is not the page's ``lang`` (screen readers
    switch voice); the kind of tool is in ``lang``."""
    from .i18n import t
    tools = tools_for_stage(content, stage)
    if not tools:
        return ""
    here = posixpath.dirname(page) or "."
    lines = []
    for tool in tools:
        href = posixpath.relpath(tool.page, here)
        langs = ", ".join(tool.languages)
        mark = f"{{ lang={tool.languages[0]} }}" if tool.languages[0] != lang else ""
        lines.append(f"- [{md_escape(tool.title)}]({href}){mark} — {t(kind_label(tool.kind), lang).lower()} ({langs})")
    return "\n".join(lines) + "\n"
