"""Limits that keep every reader of the content fast and standing (issue 13, class 5).

A pull request can carry a file made to hang or crash whatever reads it. ``upr check``
refuses such input with ``file:line`` before the build hands it to a parser that would
choke on it (the YAML limits are in :mod:`upr.yamlio`: aliases, nesting; the zip limits
of attachments in :mod:`upr.archives`). This content kind reads every content text file
(``.md``, ``.yml``, ``.yaml``, ``.csv`` under ``states/``, ``groups/``,
``tools_library/`` but not its ``files/``, and ``docs/``), never through a symbolic link,
and reports:

* characters that are not text (:mod:`upr.characters`), CSV tables and ``docs/`` pages
  included, which no other kind reads character by character, and in the name of any
  file or folder (attachments too);
* a line longer than :data:`MAX_LINE` characters (a Markdown paragraph can span many
  lines; imported recommendation rows are under 1,200);
* in Markdown, what Python-Markdown (MkDocs) takes super-linear time or a
  RecursionError on, measured with ``upr bench --long-lines``: more than
  :data:`MAX_BRACKETS` ``[`` or :data:`MAX_ANGLES` ``<`` on one line (2,000 ``[a][``
  took 6 s, 100 KB of ``[`` did not finish), a run of more than :data:`MAX_RUN`
  ``*``, ``_``, `````, ``~`` (2,000 ``*`` around a word: RecursionError), more than
  :data:`MAX_NESTING` quotes or list markers opening one line (``1. 1. 1. …``:
  RecursionError), and an indentation deeper than :data:`MAX_INDENT` columns (nested
  ``??? note`` blocks: 500 levels took 5 s, 2,000 more than 30 s);
* the front matter of hand-written ``docs/`` pages, which no other kind reads but
  MkDocs does: the same strict reader (:mod:`upr.yamlio`) refuses an alias bomb or a deep
  nesting there.

Every rule runs in time linear in the file (the figures are in ``upr bench --long-lines``).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .characters import first_forbidden, has_forbidden, problems_in
from .characters import name as name_of
from .problems import Problem

MAX_LINE = 20_000
MAX_VALUE = 10_000  # a YAML text value (titles and names become headings and menu entries)
MAX_BRACKETS = 300
MAX_ANGLES = 500
MAX_RUN = 200
MAX_NESTING = 32
MAX_INDENT = 256

CONTENT_DIRS = ("states", "groups", "tools_library", "docs")
SUFFIXES = (".md", ".yml", ".yaml", ".csv")
ATTACHMENTS = ("tools_library", "files")  # the uploader's own files, published as they are

_CONTAINER = re.compile(r"[ \t]{0,3}(?:>|[-+*](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))[ \t]?")


def name_problems(settings) -> list[Problem]:
    """A file or folder name (attachments included) that holds a character that is not text,
    a line break or a tab: names become addresses, sitemap entries and lines of generated
    files (a folder ``svn-48\\n`` would have written a line ``/ @handle`` into CODEOWNERS:
    the whole repository). A right-to-left override makes ``report‮fdp.exe`` look like
    ``reportexe.pdf``."""
    problems = []
    for top in CONTENT_DIRS:
        folder = settings.root / top
        if not folder.is_dir() or folder.is_symlink():
            continue
        for here, dirs, names in os.walk(folder):
            for name in sorted(dirs + names):
                bad = next((ch for ch in name if ch in "\n\t"), None) or (first_forbidden(name) if
                                                                         has_forbidden(name) else None)
                if bad:
                    ch = bad
                    shown = settings.rel(Path(here) / name).replace(ch, "?")
                    problems.append(Problem(shown, 0, f"the name holds {name_of(ch)}",
                                            "rename it with letters, digits, hyphens and dots only"))
    return problems


def files(root: Path):
    """Content text files under :data:`CONTENT_DIRS`, sorted; a symbolic link is never
    followed (another check reports it)."""
    for top in CONTENT_DIRS:
        folder = root / top
        if not folder.is_dir() or folder.is_symlink():
            continue
        found = []
        for here, dirs, names in os.walk(folder):  # followlinks=False: linked folders are not entered
            if Path(here).relative_to(root).parts[:2] == ATTACHMENTS:
                dirs[:] = []
                continue
            for file_name in names:
                path = Path(here) / file_name
                if path.suffix in SUFFIXES and not path.is_symlink() and path.is_file():
                    found.append(path)
        yield from sorted(found)


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _nesting(line: str) -> int:
    """How many quotes and list markers open the line (``> > - 1. text``: 4)."""
    count, pos = 0, 0
    while count <= MAX_NESTING:
        m = _CONTAINER.match(line, pos)
        if not m or m.end() == pos:
            break
        count, pos = count + 1, m.end()
    return count


def value_problem(value: str) -> tuple[str, str] | None:
    """``(what is wrong, what to do)`` for a YAML text value that page generators would
    hand to Markdown (titles, names, organisations …), or None: the line rules of
    :func:`line_problems` apply to it as a whole (a folded value spans many short lines)."""
    if len(value) > MAX_VALUE:
        return (f"this value is {len(value):,} characters long (at most {MAX_VALUE:,})",
                "shorten it; a long text belongs below the front matter, in the Markdown")
    return _density(value, "in this value")


def _density(line: str, where: str = "on one line") -> tuple[str, str] | None:
    if line.count("[") > MAX_BRACKETS:
        return (f"{line.count('['):,} '[' {where} (at most {MAX_BRACKETS})",
                "split the text, or show the brackets in a code block")
    if line.count("<") > MAX_ANGLES:
        return f"{line.count('<'):,} '<' {where} (at most {MAX_ANGLES})", "split the text"
    return None


def line_problems(text: str, shown: str, kind: str, first_line: int = 1) -> list[Problem]:
    """The limits above for each line of ``text`` (file line ``first_line`` onwards).
    ``kind``: ``"md"`` (every rule), ``"csv"`` (length, brackets), else length only."""
    problems = []
    for i, line in enumerate(text.split("\n")):
        found = None
        if len(line) > MAX_LINE:
            found = (f"this line is {len(line):,} characters long (at most {MAX_LINE:,})",
                     "break it into several lines: a paragraph may span many lines (a blank line starts a new one)")
        elif kind in ("md", "csv"):
            found = _density(line)
        if found is None and kind == "md":
            found = _markdown_problem(line)
        if found:
            problems.append(Problem(shown, first_line + i, *found))
    return problems


def _markdown_problem(line: str) -> tuple[str, str] | None:
    run = next((ch for ch in "*_`~" if ch * (MAX_RUN + 1) in line), None)
    if run:
        return f"more than {MAX_RUN} '{run}' in a row", "shorten the run: emphasis, code and rules need a few"
    if _indent(line) > MAX_INDENT:
        return (f"this line is indented by more than {MAX_INDENT} columns",
                "indent less: nested lists, quotes and notes need a few levels")
    if _nesting(line) > MAX_NESTING:
        return (f"more than {MAX_NESTING} quotes or list markers open this line",
                "nest quotes and lists a few levels at most")
    return None


def load(settings, content=None) -> tuple[None, list[Problem]]:
    """Check every content text file (see the module docstring). Returns ``(None, problems)``."""
    from .yamlio import YamlSyntaxError, parse_front_matter, read_text
    problems: list[Problem] = name_problems(settings)
    news = settings.docs_dir / "news" / "posts"  # upr.news reads these
    for path in files(settings.root):
        shown = settings.rel(path)
        try:
            text = read_text(path, shown)
        except YamlSyntaxError:
            continue  # not UTF-8: the kind that owns the file says so
        problems += problems_in(text, shown)
        problems += line_problems(text, shown, path.suffix.lstrip("."))
        if path.suffix == ".md" and settings.docs_dir in path.parents and news not in path.parents \
                and text.startswith("---\n"):
            problems += parse_front_matter(text, shown).problems
    return None, problems
