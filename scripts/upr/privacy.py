"""What is private, the check that keeps it out of public text, and a scanner that
proves no private value reached the output.

Some contributors are human rights defenders at risk (issues 8 and 13). Values are
private when they are:

* identifying fields (:data:`IDENTIFYING_KEYS`) of an entry (contact, member, speaker …)
  that carries ``confidential: true`` (or ``private: true``);
* personal contact details: fields named ``email``, ``phone``, ``mobile`` … (see
  :data:`PRIVATE_KEYS`), wherever they appear, unless the field name starts with
  ``public_`` (``public_email: info@example.org`` is an organisation's published address);
* the narrative and title of a whole file marked ``confidential: true`` (an assessment,
  a page or a news post that is not to be published): its plain sentences are looked for.

A marker that is not exactly ``false`` counts as confidential (``confidential: yes`` is
confidential *and* an error to fix): a typo never publishes. Schemas mark private fields
with the JSON Schema annotation ``"x-private": true``; use :data:`EMAIL`, :data:`PHONE`,
:data:`CONFIDENTIAL` or :func:`private` so the notion lives in this one place.

A private value stays private wherever else it is written: ``upr check`` (:func:`load`,
a content kind) reports every public mention of it — a public field, the text of a
page, a file name — as an error at that place, and refuses private values too short
to be recognised. Values are recognised by :mod:`upr.privatetext` (whole words, any
encoding; the rule is in SECURITY.md).

The scan (:func:`scan`) reads every output byte: text files, gzip files (sitemap.xml.gz,
Pagefind's index) and zip containers (DOCX, XLSX, ODS …) member by member, and the
names of every file and member. :func:`postbuild_step` runs it after every ``upr build``
and fails the build, naming the output file and the *source* ``path:line`` of the value —
never the value itself, since build logs are public.
"""
from __future__ import annotations

import io
import os
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import archives, repofiles
from .config import Settings
from .privatetext import Matcher, normalize, searchable
from .problems import Problem
from .yamlio import LineDict, LineList, YamlSyntaxError, load_yaml, parse_front_matter, read_text

# Field names that hold personal contact details (compared lower-case, '-' read as '_').
PRIVATE_KEYS = frozenset({
    "email", "e_mail", "mail", "personal_email", "phone", "telephone", "tel", "mobile",
    "cell", "whatsapp", "signal", "telegram", "home_address", "personal_address",
})
# Fields of a ``confidential: true`` entry that identify it (its role or language do not).
IDENTIFYING_KEYS = frozenset({
    "name", "full_name", "person", "organisation", "organization", "acronym", "website", "url",
    "github", "channel", "contact", "address", "twitter", "facebook", "social",
})
PUBLIC_PREFIX = "public_"
MARKERS = ("confidential", "private")

# Schema fragments every kind's schema uses for private fields.
EMAIL = {
    "type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "x-private": True,
    "description": "personal e-mail address; private: never published on the site, feeds or exports "
                   "(for an address meant to be published use public_email)",
    "examples": ["name@example.org"],
}
PHONE = {
    "type": "string", "pattern": r"^\+?[0-9][0-9 ().-]{5,}$", "x-private": True,
    "description": "personal phone number in international form; private: never published",
    "examples": ["+41 22 555 01 23"],
}
CONFIDENTIAL = {
    "type": "boolean",
    "description": "true keeps this whole entry off the website, feeds and exports "
                   "(for organisations or people at risk)",
    "examples": [True],
}


def private(schema: dict) -> dict:
    """Return ``schema`` marked private (``"x-private": true``): its values are never published."""
    return {**schema, "x-private": True}


def is_private_key(key: Any) -> bool:
    """True for a field name that holds personal contact details (``email``, ``phone`` …)."""
    if not isinstance(key, str):
        return False
    k = key.strip().lower().replace("-", "_")
    if k.startswith(PUBLIC_PREFIX):
        return False
    return k in PRIVATE_KEYS or k.startswith(("personal_", "private_"))


def marked(node: Any) -> bool:
    """True when a mapping carries ``confidential`` or ``private`` with any value but
    ``false``: ``confidential: yes``, ``"true"`` or an empty value count as confidential
    (``upr check`` asks to write ``true``), so a typo never publishes."""
    return isinstance(node, dict) and any(k in node and node[k] is not False for k in MARKERS)


def is_confidential(node: Any) -> bool:
    """True for a mapping marked ``confidential: true`` (or ``private: true``, its synonym);
    see :func:`marked`."""
    return marked(node)


def is_public_key(key: Any) -> bool:
    return isinstance(key, str) and key.strip().lower().startswith(PUBLIC_PREFIX)


_MARKER_LINE = re.compile(r"""^["']?(?:confidential|private)["']?[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$""", re.M)


def _marker_lines_say_confidential(text: str) -> bool:
    """For text that cannot be parsed: a top-level marker line whose value is not false."""
    return any(m.group(1).strip("\"'").lower() != "false" for m in _MARKER_LINE.finditer(text))


def text_is_confidential(text: str, suffix: str = ".md") -> bool:
    """True when a whole file (its text) is marked confidential: a top-level marker in
    the front matter of a Markdown file or in a YAML file. Front matter that cannot be
    parsed counts as confidential when a top-level marker line says anything but false."""
    if suffix == ".md":
        if not text.startswith("---"):
            return False
        doc = parse_front_matter(text, "x")
        if doc.meta:
            return marked(doc.meta)
        head = text.split("\n---", 1)[0]
        return _marker_lines_say_confidential(head)
    try:
        data, _ = load_yaml(text, "x")
    except YamlSyntaxError:
        return _marker_lines_say_confidential(text)
    return marked(data)


# --- finding private values in content ---------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """Where a value was written (shown instead of the value)."""

    path: str
    line: int
    field: str

    def format(self) -> str:
        return f"{self.path}:{self.line} ({self.field})"


PRIVATE, PUBLIC, NEUTRAL = "private", "public", "neutral"
SENTENCE = "text of a confidential file"


def classify(data: Any, path: str, schema: dict | None = None) -> Iterator[tuple[str, Source, str]]:
    """``(string, source, kind)`` for every string of YAML data (LineDict/LineList);
    ``kind`` is :data:`PRIVATE` (an ``x-private`` field of ``schema``, a
    :data:`PRIVATE_KEYS` field, or an :data:`IDENTIFYING_KEYS` field of a confidential
    mapping), :data:`NEUTRAL` (another field of a confidential mapping, like ``role``)
    or :data:`PUBLIC`."""
    def walk(node, sub, secret, line, fieldname):  # secret: True private, False public, None neutral
        sub = sub if isinstance(sub, dict) else {}
        if isinstance(node, dict):
            confidential = is_confidential(node)
            props = sub.get("properties", {})
            for key, value in node.items():
                key_line = node.lines.get(key, line) if isinstance(node, LineDict) else line
                child = props.get(key, {}) if isinstance(props, dict) else {}
                identifying = isinstance(key, str) and key.lower() in IDENTIFYING_KEYS
                if (secret is True or is_private_key(key) or bool(child.get("x-private"))
                        or (confidential and identifying)):
                    key_secret = True
                elif confidential or secret is None:
                    key_secret = None  # a confidential entry's role, language …: neither private nor public
                else:
                    key_secret = False
                name = f"{fieldname}.{key}" if fieldname else str(key)
                yield from walk(value, child, key_secret, key_line, name)
        elif isinstance(node, list):
            items = sub.get("items", {})
            for i, value in enumerate(node):
                item_line = node.lines[i] if isinstance(node, LineList) and i < len(node.lines) else line
                yield from walk(value, items, secret, item_line, f"{fieldname}[{i + 1}]")
        elif isinstance(node, str):
            value = node.strip()
            if value:
                kind = NEUTRAL if secret is None else PRIVATE if secret else PUBLIC
                yield value, Source(path, line, fieldname), kind

    yield from walk(data, schema or {}, False, getattr(data, "line", 1) or 1, "")


def split_values(data: Any, path: str, schema: dict | None = None
                 ) -> tuple[dict[str, Source], set[str]]:
    """Split YAML data's strings into private and public (see :func:`classify`).

    Returns ``(private, public)``: ``private`` maps each private string to its
    :class:`Source`; ``public`` is the set of the public strings (neutral ones, such
    as a confidential entry's ``role``, are in neither).
    """
    private_values: dict[str, Source] = {}
    public: set[str] = set()
    for value, src, kind in classify(data, path, schema):
        if kind == PRIVATE:
            private_values.setdefault(value, src)
        elif kind == PUBLIC:
            public.add(value)
    return private_values, public


_BIG_YAML = 2_000_000  # bytes: imported data tables, not hand-written contact lists
_PLAIN = re.compile(r"[A-Za-zÀ-ÿ0-9][^*_`\[\]<>#|\\&\n]{29,}")


def body_sentences(body: str, first_line: int, limit: int = 8) -> list[tuple[str, int]]:
    """Up to ``limit`` runs of 30+ plain characters (no Markdown markup, which the
    rendered HTML would change) from a Markdown body, with their file lines: enough to
    recognise a confidential text if a page ever shows it."""
    found = []
    for i, line in enumerate(body.split("\n")):
        for m in _PLAIN.finditer(line):
            text = m.group(0).strip()[:80].strip()
            if len(text) >= 30:
                found.append((text, first_line + i))
                break
        if len(found) >= limit:
            break
    return found


_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def _title_values(meta: Any, body: str, body_line: int, shown: str) -> list[tuple[str, Source]]:
    """The title of a confidential file (front matter ``title`` or its first ``# ``
    heading), when it is specific enough to be recognised (two words, 12 letters)."""
    out = []
    title = meta.get("title") if isinstance(meta, dict) else None
    if isinstance(title, str):
        out.append((title.strip(), Source(shown, getattr(meta, "lines", {}).get("title", 1), "title")))
    m = _HEADING.search(body)
    if m:
        out.append((m.group(1), Source(shown, body_line + body.count("\n", 0, m.start()), "title")))
    return [(v, s) for v, s in out if len(normalize(v).split()) >= 2 and len(normalize(v).replace(" ", "")) >= 12]


# Kinds that are always published: a top-level marker is refused there (refuse_confidential),
# so it does not make the file's fields private (one mistake, one message).
ALWAYS_PUBLISHED = re.compile(r"^(?:states/[^/]+\.md|groups/[^/]+/index\.md|tools_library/[^/]+\.md)$")


@dataclass
class FileValues:
    """What one content file holds: private values, public strings (with their
    sources), whether the whole file is confidential, and its public Markdown body."""

    path: str
    private: dict[str, Source] = field(default_factory=dict)
    public: list[tuple[str, Source]] = field(default_factory=list)
    confidential: bool = False
    body: str = ""
    body_line: int = 1
    markers: list[tuple[Any, int]] = field(default_factory=list)  # top-level marker values (Markdown)


def values_of_text(text: str, shown: str, suffix: str) -> FileValues:
    """The private values and public strings of one content file's text (``.md``,
    ``.yml``, ``.yaml``). Never raises: text that cannot be parsed gives what could
    be read (its problems are reported by the kind that owns the file)."""
    out = FileValues(shown)
    if suffix == ".md":
        if text.startswith("---"):
            doc = parse_front_matter(text, shown)
            data, body, body_line = doc.meta, doc.body, doc.body_line
        else:
            data, body, body_line = LineDict(), text, 1
        out.confidential = text_is_confidential(text, ".md") and not ALWAYS_PUBLISHED.match(shown)
        if isinstance(data, LineDict):
            out.markers = [(data[k], data.lines.get(k, 1)) for k in MARKERS if k in data]
        if out.confidential:
            for value, line in body_sentences(body, body_line):
                out.private.setdefault(value, Source(shown, line, SENTENCE))
            for value, src in _title_values(data, body, body_line, shown):
                out.private.setdefault(value, src)
        else:
            out.body, out.body_line = body, body_line
    else:
        if len(text) > _BIG_YAML:
            return out
        try:
            data, _ = load_yaml(text, shown)
        except YamlSyntaxError:
            out.confidential = _marker_lines_say_confidential(text)
            return out
        out.confidential = marked(data)
    if ALWAYS_PUBLISHED.match(shown) and isinstance(data, dict) and marked(data):
        data = LineDict((k, v) for k, v in data.items() if k not in MARKERS)  # refused, not private
    for value, src, kind in classify(data, shown):
        if kind == PRIVATE:
            out.private.setdefault(value, src)
        elif kind == PUBLIC and not out.confidential:
            out.public.append((value, src))
    return out


def content_files(settings: Settings, docs: bool = True) -> Iterator[Path]:
    """Every hand-written Markdown/YAML content file (states/, groups/, tools_library/
    and, with ``docs``, docs/), never through a link (:mod:`upr.repofiles`)."""
    folders = [settings.states_dir, settings.groups_dir, settings.tools_dir]
    if docs:
        folders.append(settings.docs_dir)
    for folder in folders:
        yield from repofiles.files(folder, (".md", ".yml", ".yaml"))


def read_values(settings: Settings) -> list[FileValues]:
    """:func:`values_of_text` of every content file that can be read."""
    out = []
    for path in content_files(settings):
        shown = settings.rel(path)
        try:
            text = read_text(path, shown)
        except YamlSyntaxError:
            continue  # not UTF-8 or a link: reported by the kind that owns the file
        out.append(values_of_text(text, shown, ".md" if path.suffix == ".md" else ".yml"))
    return out


def collect(settings: Settings, content: Any = None,
            files: list[FileValues] | None = None) -> dict[str, Source]:
    """All private values of the repository's content, mapped to where they were written.

    A value stays private even where it is also written publicly (that public mention
    is an error of ``upr check``). With ``content``, :func:`upr.groups.private_values`
    is added (the groups' own rules).
    """
    found: dict[str, Source] = {}
    files = files if files is not None else read_values(settings)
    for values in files:
        for value, src in values.private.items():
            found.setdefault(value, src)
    # A confidential file's sentences and title are recognised by a heuristic: one that a
    # published page also says (a list of public member names, a stock phrase) is public.
    text = {v: v for v, s in found.items() if s.field in (SENTENCE, "title")}
    if text:
        matcher = Matcher(text)
        for values in files:
            for public_text in [v for v, _ in values.public] + values.body.split("\n"):
                for value in matcher.find(public_text) if public_text.strip() else []:
                    found.pop(value, None)
    if content is not None:  # never hide a bug here: a missed private value is a leak
        from . import groups
        for value in groups.private_values(content):
            found.setdefault(value, Source("groups/", 0, "confidential entry"))
    return found


# --- confidential pages of docs/ ---------------------------------------------------------------

def _base_name(rel: str) -> str:
    """``about.fr.md`` -> ``about.md``: the page all language versions belong to."""
    from .i18n import LANGUAGES
    for lang in LANGUAGES:
        if rel.endswith(f".{lang}.md"):
            return rel[: -len(f".{lang}.md")] + ".md"
    return rel


def hidden_pages(settings: Settings) -> set[str]:
    """docs/-relative names (English form, ``news/posts/x.md``) of the hand-written pages
    kept off the site: one language version marked confidential hides every version
    (a translation says the same thing)."""
    hidden = set()
    for path in repofiles.files(settings.docs_dir, (".md",)):
        rel = path.relative_to(settings.docs_dir).as_posix()
        try:
            text = read_text(path, settings.rel(path))
        except YamlSyntaxError:
            continue
        if text_is_confidential(text, ".md"):
            hidden.add(_base_name(rel))
    return hidden


def is_hidden_page(settings: Settings, rel: str, hidden: set[str] | None = None) -> bool:
    """True when the docs/-relative page ``rel`` (any language version) is kept off the site."""
    return _base_name(rel) in (hidden if hidden is not None else hidden_pages(settings))


# --- upr check: public mentions, short values, markers, links to hidden pages ------------------

MENTION_FIX = ("remove it here; if it may be published after all, remove confidential: true (or the private "
               "field) where it is written — see SECURITY.md")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?[^)]*\)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M)


def _mention_problems(files: list[FileValues], matcher: Matcher, settings: Settings) -> list[Problem]:
    problems = []

    def report(where_path: str, line: int, what: str, found: list[Source]) -> None:
        for src in found:
            if src.path == where_path and src.line == line:
                continue
            problems.append(Problem(where_path, line, f"{what} names a private value (written at "
                                    f"{src.format()}): it would be published here", MENTION_FIX))

    for fv in files:
        for value, src in fv.public:
            report(src.path, src.line, f"the public field '{src.field}'", matcher.find(value))
        if fv.body:
            lines = fv.body.split("\n")
            found_lines = [set(matcher.find(line)) if line.strip() else set() for line in lines]
            for i, line in enumerate(lines):
                report(fv.path, fv.body_line + i, "this text", sorted(found_lines[i], key=lambda s: s.format()))
                if i + 1 < len(lines) and line.strip() and lines[i + 1].strip():
                    both = set(matcher.find(line + " " + lines[i + 1])) - found_lines[i] - found_lines[i + 1]
                    report(fv.path, fv.body_line + i, "this text (with the next line)",
                           sorted(both, key=lambda s: s.format()))
    # File names become page addresses and download names.
    hidden = hidden_pages(settings)
    for name in repofiles.CONTENT_DIRS:
        for path in repofiles.files(settings.root / name):
            rel = path.relative_to(settings.root).as_posix()
            if name == "docs" and is_hidden_page(settings, path.relative_to(settings.docs_dir).as_posix(), hidden):
                continue
            for src in matcher.find(rel.split("/", 1)[1]):
                if src.path != rel:
                    problems.append(Problem(rel, 1, f"the file name names a private value (written at "
                                            f"{src.format()}): it would be published in the page address",
                                            "rename the file without it"))
    return problems


def _short_value_problems(files: list[FileValues]) -> list[Problem]:
    problems = []
    for fv in files:
        for value, src in fv.private.items():
            if not searchable(value):
                problems.append(Problem(src.path, src.line, f"the private value of '{src.field}' is too short "
                                        "to be kept off the site reliably (it has fewer than 3 letters or "
                                        "digits, so it cannot be told apart from ordinary words)",
                                        "write it in full (the whole name), or leave the field out"))
    return problems


def _marker_problems(files: list[FileValues]) -> list[Problem]:
    """A marker in a docs page that is not true or false (other kinds have schemas)."""
    problems = []
    for fv in files:
        if not fv.path.startswith("docs/"):
            continue
        for value, line in fv.markers:
            if not isinstance(value, bool):
                shown = "nothing" if value is None else f"'{value}'"
                problems.append(Problem(fv.path, line, f"confidential/private is {shown}, not true or false "
                                        "(the page is kept off the site until this is fixed)",
                                        "write confidential: true to keep the page off the site, or delete "
                                        "the line to publish it"))
    return problems


def _hidden_link_problems(settings: Settings, files: list[FileValues]) -> list[Problem]:
    """Links from published pages of docs/, and nav entries of mkdocs.yml, to hidden pages."""
    import posixpath
    hidden = hidden_pages(settings)
    if not hidden:
        return []
    problems = []
    for fv in files:
        if not fv.path.startswith("docs/") or not fv.body:
            continue
        here = posixpath.dirname(fv.path[len("docs/"):])
        for m in _MD_LINK.finditer(fv.body):
            target = (m.group(1) or m.group(2) or "").split("#")[0].split("?")[0]
            if not target.endswith(".md") or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue
            rel = posixpath.normpath(posixpath.join(here, target))
            if _base_name(rel) in hidden:
                line = fv.body_line + fv.body.count("\n", 0, m.start())
                problems.append(Problem(fv.path, line, f"links to {target}, a page marked confidential "
                                        "(it is not published: the link would be broken)",
                                        "remove the link, or publish the page"))
    mkdocs = settings.root / "mkdocs.yml"
    if repofiles.is_regular(mkdocs):
        for n, line in enumerate(read_text(mkdocs, "mkdocs.yml").split("\n"), start=1):
            m = re.match(r"^\s*-\s*(?:[^:]+:\s*)?([^\s:#]+\.md)\s*$", line)
            if m and _base_name(m.group(1)) in hidden:
                problems.append(Problem("mkdocs.yml", n, f"the menu (nav) lists {m.group(1)}, a page marked "
                                        "confidential (it is not published)", "remove this line from nav"))
    return problems


def load(settings: Settings, content=None) -> tuple[dict[str, Source], list[Problem]]:
    """``upr check``: every public mention of a private value (a public field, a page's
    text, a file name), private values too short to recognise, docs pages whose marker
    is not true or false, and links or menu entries to pages kept off the site.
    Returns the private values (with their sources) and the problems."""
    files = read_values(settings)
    values = collect(settings, files=files)
    matcher = Matcher(values)
    problems = (_mention_problems(files, matcher, settings) + _short_value_problems(files)
                + _marker_problems(files) + _hidden_link_problems(settings, files))
    return values, problems


def refuse_confidential(meta: Any, shown: str, what: str, instead: str) -> list[Problem]:
    """For kinds that are always published (a State, a country group, a tool): a
    top-level ``confidential``/``private`` line is refused with ``path:line``
    (``what``: "a State page"; ``instead``: what to do)."""
    if not isinstance(meta, dict):
        return []
    return [Problem(shown, getattr(meta, "lines", {}).get(k, 1),
                    f"{k}: {what} is always published, so it cannot be marked {k}",
                    instead) for k in MARKERS if k in meta]


def without_marker_noise(problems: list[Problem]) -> list[Problem]:
    """``problems`` without the schema's generic "unknown field 'confidential'" (the kind
    reports :func:`refuse_confidential` instead: one mistake, one message)."""
    generic = {f"unknown field '{k}'" for k in MARKERS}
    return [p for p in problems if p.message not in generic]


# --- scanning output ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Leak:
    """A private value found in an output file (``member`` names a file inside a
    zip/gzip, or ``(file name)`` when the value is in the file's name)."""

    file: str
    member: str
    source: Source

    def format(self) -> str:
        where = self.file + (f" [{self.member}]" if self.member else "")
        return f"{where}: contains the private value written at {self.source.format()}"


FILE_NAME = "(file name)"


def _members(name: str, raw: bytes, depth: int = 0, where: str = "") -> Iterator[tuple[str, bytes]]:
    """``(member name, bytes)`` of a file, opening zip containers and gzip files."""
    if depth < 3 and raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                archives.check(zf, where + (f" [{name}]" if name else ""))  # before anything is decompressed
                for info in zf.infolist():
                    if not info.is_dir():
                        inner = f"{name}/{info.filename}" if name else info.filename
                        yield from _members(inner, archives.read_member(zf, info), depth + 1, where)
            return
        except zipfile.BadZipFile:
            pass
    if depth < 3 and raw[:2] == b"\x1f\x8b":
        try:
            yield from _members(name + "(gunzipped)" if name else "(gunzipped)", archives.gunzip(raw, where), depth + 1, where)
            return
        except (OSError, EOFError):
            pass
    yield name, raw


def _texts(raw: bytes) -> Iterator[str]:
    """The text of some bytes: as UTF-8, and as UTF-16 when they look like UTF-16 (a
    value can be stored so in binary formats: every other byte of Latin text is NUL)."""
    yield raw.decode("utf-8", errors="replace")
    if b"\x00" in raw[:65536]:
        even, odd = raw[0:65536:2], raw[1:65536:2]
        for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
            if zeros and zeros.count(0) > len(zeros) // 4:
                yield raw[: len(raw) // 2 * 2].decode(enc, errors="replace")


def _walk_output(out: Path) -> Iterator[Path]:
    for top, dirs, names in os.walk(out, followlinks=False):
        dirs.sort()
        for n in sorted(names):
            yield Path(top) / n


_SCAN: dict = {}  # the matchers of the scan in progress (inherited by forked workers)
PARALLEL_BYTES = 64_000_000  # below this a second process costs more than it saves


def _scan_file(job: tuple[str, str]) -> list[Leak]:
    """The leaks of one output file (``job``: its path and its name as shown)."""
    path, shown = Path(job[0]), job[1]
    matcher, extras = _SCAN["matcher"], _SCAN["extras"]
    use = next((m for name, m in extras.items() if name in shown.split("/")[:-1]), matcher)
    leaks: list[Leak] = []
    seen: set[tuple[str, Source]] = set()

    def add(member: str, found: list[Source]) -> None:
        for src in found:
            if (member, src) not in seen:
                seen.add((member, src))
                leaks.append(Leak(shown, member, src))

    add(FILE_NAME, use.find(shown))
    for member, raw in _members("", path.read_bytes(), where=shown):
        if member:
            add(FILE_NAME, use.find(member))
        # An Office part keeps its text in elements (attributes are structure: r="A1");
        # its links are in the .rels parts, read with their attributes.
        attributes = not (member.endswith(".xml") and "/" in member)
        for text in _texts(raw):
            add(member, use.find(text, attributes))
    return leaks


def scan(out_dirs: Iterable[Path], values: dict[str, Source],
         extra: dict[str, dict[str, Source]] | None = None) -> list[Leak]:
    """Look for every private value in every file (and file name) under ``out_dirs``.

    Returns one :class:`Leak` per (file, member, value). Reads every byte of every
    file (binary files too: a value can hide in a PDF's or an image's metadata).
    ``extra`` maps a folder name (``changes``) to more values looked for only in files
    under a folder of that name (the history pages: values removed from the content).
    A large site is read by two processes (the machine's two cores).
    """
    matcher = Matcher(values)
    extras = {name: Matcher({**values, **more}) for name, more in (extra or {}).items()}
    if not matcher and not any(extras.values()):
        return []
    jobs = []
    for out in out_dirs:
        out = Path(out)
        for path in _walk_output(out):
            if not path.is_symlink() and path.is_file():
                jobs.append((str(path), path.relative_to(out).as_posix()))
    _SCAN.update(matcher=matcher, extras=extras)
    total = sum(os.path.getsize(p) for p, _ in jobs)
    workers = min(2, os.cpu_count() or 1)
    if total > PARALLEL_BYTES and workers > 1:
        import multiprocessing
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            context = None
        if context is not None:
            big_first = sorted(jobs, key=lambda job: -os.path.getsize(job[0]))
            with context.Pool(workers) as pool:
                found = pool.map(_scan_file, big_first, chunksize=8)
            order = {job: i for i, job in enumerate(jobs)}
            return [leak for _, leaks in sorted(zip(big_first, found), key=lambda x: order[x[0]])
                    for leak in leaks]
    return [leak for job in jobs for leak in _scan_file(job)]


class PrivateDataLeak(SystemExit):
    """The build wrote a private value: the CLI exits non-zero with this message."""


def postbuild_step(settings: Settings, site_dir: Path) -> None:
    """Fail the build if any private value of the content is in ``site_dir`` (and, in
    the Recent changes pages and feeds, any value that was ever private in the history).

    Raises :class:`PrivateDataLeak` naming each output file and the source ``path:line``.
    """
    from .gitinfo import historical_private
    started = time.perf_counter()
    values = collect(settings)
    past = historical_private(settings.root).values
    leaks = scan([site_dir], values, {"changes": past})
    print(f"upr build: privacy scan of every output file for {len(values)} private value(s) "
          f"(and {len(past)} from the history in Recent changes) in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    if leaks:
        lines = "\n".join(leak.format() for leak in leaks[:50])
        raise PrivateDataLeak(
            f"upr build: private data found in the built site ({len(leaks)} place(s)); "
            f"the site must not be published:\n{lines}\n"
            "Fix the page generator that wrote it, or mark the entry confidential: true.")
