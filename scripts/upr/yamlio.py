"""Strict reading of the YAML and front matter that people write by hand.

PyYAML follows YAML 1.1, which turns values that matter here into something else
(see HACKING.md and tests/cases/ 01, 02, 07, 08):

* ``NO`` (Norway), ``no`` (Norwegian), ``yes``, ``on``, ``off`` become booleans;
* ``012`` (an M49 code) becomes 10, ``115.10`` (a paragraph number) becomes 115.1,
  ``12:30`` becomes 750, unquoted dates become ``datetime.date``;
* a duplicate key silently wins.

:class:`StrictLoader` resolves only ``true``/``false``, ``null``/``~``/empty and plain
decimal integers without a leading zero. Everything else stays the string the
person typed. Duplicate keys are reported with both line numbers. Every mapping
is a :class:`LineDict` that remembers the file line of each key, so that validation
errors can name ``path:line``.

Files are read as UTF-8 (a BOM is dropped; CRLF and CR become LF). A file that is
not UTF-8 is an error naming the first bad line, never mojibake.

Hostile input (issue 13) is refused with ``path:line`` before it can hang or crash
anything that reads the data:

* aliases (``*name``): a "billion laughs" file of a few hundred bytes expands into
  10^9 values for every check that walks the data. Content never needs them: write
  the value out. Found from the parser's events, before any node is built;
* nesting deeper than :data:`MAX_DEPTH` (hand-written content needs 5): 100,000
  ``[`` crashed the C composer (a segmentation fault), 1,000 raised RecursionError;
* characters that are not text (:mod:`upr.characters`), in the file or written as
  escapes in quoted values (``"\r"``, ``"\v"``, ``"\u2028"``): each is reported,
  and replaced by a space in the data handed on, so nothing downstream sees it;
* a text value over :data:`upr.limits.MAX_VALUE` characters, or with more brackets than
  Markdown can handle (:func:`upr.limits.value_problem`): titles and names become headings;
* a value that looks like a spreadsheet formula (``=HYPERLINK(…)``, case 38) is a
  warning (:func:`upr.spreadsheet.formula`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import repofiles
from . import characters
from .limits import value_problem
from .problems import Problem
from .spreadsheet import formula_warning

try:  # the C scanner/parser is 6-12x faster (PLATFORM.md); constructor stays Python
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader


class LineDict(dict):
    """A dict that also knows the 1-based file line of each key (``.lines[key]``)
    and of the mapping itself (``.line``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.line: int = 0


class LineList(list):
    """A list that knows the 1-based file line of each item (``.lines[i]``)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []
        self.line: int = 0


MAX_DEPTH = 20  # levels of lists and mappings; hand-written content uses 5 at most

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(~|null|Null|NULL|)$")


class StrictLoader(_BaseLoader):
    """YAML loader that keeps what people typed (see module docstring).

    ``line_offset`` is added to every line number (front matter starts at file line 2).
    Duplicate keys do not stop loading: they are collected in ``self.problems``.
    """

    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream, path: str = "<string>", line_offset: int = 0):
        super().__init__(stream)
        self.path = path
        self.line_offset = line_offset
        self.problems: list[Problem] = []
        self._checked: set[tuple[int, str]] = set()  # (node, check) reported once

    def _line(self, node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def construct_scalar(self, node):
        """The scalar's text; a character that is not text (only an escape such as
        ``"\\r"`` can still hold one: the file's own were blanked before parsing) is
        reported once and replaced by a space."""
        value = super().construct_scalar(node)
        if isinstance(value, str) and characters.has_forbidden(value):
            if (id(node), "characters") not in self._checked:
                self._checked.add((id(node), "characters"))
                ch = characters.first_forbidden(value)
                self.problems.append(Problem(
                    self.path, self._line(node), f"{characters.name(ch)} is not allowed (written as an escape "
                    "in this quoted value)", characters.fix(ch, escape=True), col=node.start_mark.column + 1))
            value = characters.blank(value)
        if isinstance(value, str) and len(value) > 256:
            found = value_problem(value)
            if found and (id(node), "limits") not in self._checked:
                self._checked.add((id(node), "limits"))
                self.problems.append(Problem(self.path, self._line(node), *found, col=node.start_mark.column + 1))
        return value

    def _formula(self, value, node, what: str) -> None:
        if isinstance(value, str) and value[:1] in "=+-@\t":
            warning = formula_warning(value, self.path, self._line(node), what)
            if warning:
                self.problems.append(warning)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark)
        self.flatten_mapping(node)
        result = LineDict()
        result.line = self._line(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "found an unhashable key", key_node.start_mark)
            line = self._line(key_node)
            if key in result:
                self.problems.append(Problem(
                    self.path, line,
                    f"duplicate key '{key}' (first defined on line {result.lines[key]})",
                    "keep one of the two lines and delete the other; "
                    "to keep a history, use a list"))
                continue  # the first value stays: never let a later line silently win
            result[key] = self.construct_object(value_node, deep=deep)
            result.lines[key] = line
            self._formula(result[key], value_node, str(key))
        return result

    def construct_yaml_map(self, node):
        data = LineDict()
        yield data
        built = self.construct_mapping(node)
        data.update(built)
        data.lines = built.lines
        data.line = built.line

    def construct_yaml_seq(self, node):
        data = LineList()
        yield data
        data.line = self._line(node)
        for child in node.value:
            data.append(self.construct_object(child, deep=True))
            data.lines.append(self._line(child))
            self._formula(data[-1], child, "this item")

    def construct_yaml_int(self, node):
        return int(self.construct_scalar(node))

    def construct_yaml_bool(self, node):
        return self.construct_scalar(node).lower() == "true"


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
StrictLoader.add_constructor("tag:yaml.org,2002:seq", StrictLoader.construct_yaml_seq)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:bool", StrictLoader.construct_yaml_bool)
# Explicit tags people might copy from elsewhere (!!float, !!timestamp) stay strings.
StrictLoader.add_constructor("tag:yaml.org,2002:float", yaml.SafeLoader.construct_scalar)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])


class YamlSyntaxError(Exception):
    """The text is not valid YAML. ``problem`` names path, line, column and a fix."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


_DASH_NO_SPACE = re.compile(r"^(?P<indent>\s*)-(?P<value>[^\s\-#][^#]*?)\s*$")
_LIST_ITEM = re.compile(r"^\s*-(\s|$)")
_NO_SPACE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s/:][^#]*?)\s*$")


def _syntax_problem(exc: yaml.YAMLError, path: str, text: str, line_offset: int) -> Problem:
    """The YAML error in plain words, on the line of the mistake (which is often above
    the line where the parser gave up): a tab is named a tab, ``cycle:1`` is shown with
    its missing space, an unclosed quote points at where it opens."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + 1 + line_offset) if mark else 0
    col = (mark.column + 1) if mark else 0
    what = getattr(exc, "problem", None) or str(exc)
    fix = "check the indentation and quoting of this line"
    lines = text.split("\n")

    def src(i: int) -> str:
        return lines[i] if 0 <= i < len(lines) else ""

    if mark is not None:
        # a tab in the indentation of the line (or the one above): YAML indents with spaces only
        for i in (mark.line, mark.line - 1):
            lead = src(i)[:len(src(i)) - len(src(i).lstrip(" \t"))]
            if "\t" in lead or ("tab" in what and "\t" in src(i)):
                return Problem(path, i + 1 + line_offset,
                               "this line is indented with a tab character; YAML allows only spaces",
                               "replace the tab with spaces, as many as on the lines around it",
                               col=src(i).index("\t") + 1)
        # 'key:value' without its space, on this line or just above it
        if "could not find expected ':'" in what or "expected <block end>" in what \
                or "mapping values are not allowed" in what:
            for i in range(mark.line, max(-1, mark.line - 4), -1):
                m = _NO_SPACE.match(src(i))
                if m:
                    return Problem(path, i + 1 + line_offset,
                                   f"'{m.group('key')}:{m.group('value')}' has no space after the colon",
                                   f"write {m.group('key')}: {m.group('value')}  (a space after the colon)",
                                   col=len(m.group("indent")) + len(m.group("key")) + 2)
        # '-value' without its space: a list item the parser reads as text, and gives up a line later
        if "could not find expected ':'" in what or "expected <block end>" in what:
            for i in range(mark.line, max(-1, mark.line - 4), -1):
                m = _DASH_NO_SPACE.match(src(i))
                if m and any(_LIST_ITEM.match(src(j)) for j in (i - 1, i + 1)):
                    return Problem(path, i + 1 + line_offset,
                                   f"the list item '-{m.group('value')}' has no space after the dash",
                                   f"write - {m.group('value')}  (a space after the dash, like the items "
                                   "around it)", col=len(m.group("indent")) + 1)
        above = src(mark.line - 1)
        if "could not find expected ':'" in what and above.strip() and not re.search(r":(\s|$)", above) \
                and not above.lstrip().startswith(("-", "#")):
            return Problem(path, mark.line + line_offset, "this line has no colon: each field is 'key: value'",
                           "add the colon and a space after the field's name, e.g. title: My title "
                           "(or, if this continues the value above, put the whole value in quotes)",
                           col=len(above) - len(above.lstrip()) + 1)
        context = getattr(exc, "context", None) or ""
        start = getattr(exc, "context_mark", None)
        if "quoted scalar" in context and start is not None:
            quote = src(start.line)[start.column:start.column + 1] or '"'
            return Problem(path, start.line + 1 + line_offset,
                           f"the value that starts with {quote} on this line has no closing {quote}",
                           f"add the closing {quote} at the end of the value", col=start.column + 1)
    current = src(mark.line) if mark is not None else ""
    if "mapping values are not allowed" in what and ":" in current:
        key, _, value = current.partition(":")
        if ":" not in value:  # the key's own colon: the line is indented more than its neighbours
            return Problem(path, line, "this line is indented differently from the line above it",
                           "line it up with the other fields (the same number of spaces at the start)",
                           col=len(current) - len(current.lstrip()) + 1)
        value = value.strip().replace('"', '\\"')
        fix = (f'a value that contains ": " must be quoted, e.g. '
               f'{key.strip()}: "{value}"')
    elif "found character '\\t'" in what:
        fix = "replace the tab at the start of the line with spaces"
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        fix = "each line must be 'key: value' at the same indentation as the lines around it; quote values that contain ':' or '#'"
    return Problem(path, line, f"not valid YAML ({what})", fix, col=col)


def _structure_problem(text: str, path: str, line_offset: int) -> Problem | None:
    """An alias, or nesting deeper than :data:`MAX_DEPTH`, from the parser's events.
    libyaml's parser keeps its own stack (it does not recurse), and we stop at the first
    problem, so this is linear and bounded whatever the file holds. Raises yaml.YAMLError."""
    loader = _BaseLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(path, event.start_mark.line + 1 + line_offset,
                                   f"lists and fields are nested more than {MAX_DEPTH} levels deep",
                                   "write the data flatter: a content file needs a few levels at most",
                                   col=event.start_mark.column + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                return Problem(path, event.start_mark.line + 1 + line_offset,
                               f"YAML alias '*{event.anchor}' is not allowed",
                               "write the value out in full where it is needed (aliases can make a small file "
                               "expand into billions of values)", col=event.start_mark.column + 1)
    finally:
        loader.dispose()
    return None


def load_yaml(text: str, path: str = "<string>", line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse ``text`` with :class:`StrictLoader`.

    Returns ``(data, problems)``: ``data`` is made of LineDict/LineList/str/int/bool/None;
    ``problems`` lists duplicate keys, characters that are not text (replaced by a space
    in ``data``) and values that look like spreadsheet formulas (warnings). Raises
    :class:`YamlSyntaxError` on invalid YAML, an alias or too deep a nesting (see the
    module docstring).
    """
    found = characters.problems_in(text, path, 1 + line_offset)
    text = characters.blank(text)  # U+2028 would also be a line break to the parser: lines stay the file's
    try:
        structure = _structure_problem(text, path, line_offset)
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(_syntax_problem(exc, path, text, line_offset)) from None
    if structure is not None:
        raise YamlSyntaxError(structure)
    loader = StrictLoader(text, path=path, line_offset=line_offset)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(_syntax_problem(exc, path, text, line_offset)) from None
    finally:
        loader.dispose()
    return data, found + loader.problems


def read_text(path: Path | str, display: str | None = None) -> str:
    """Read a hand-written text file as UTF-8: drop a BOM, turn CRLF/CR into LF.

    Raises :class:`YamlSyntaxError` (a Problem naming the first line that is not UTF-8).
    """
    shown = display or str(path)
    try:  # never through a symbolic link (issue 13): repofiles refuses them with the problem to show
        raw = repofiles.read_bytes(path, shown)
    except repofiles.UnsafeFile as exc:
        raise YamlSyntaxError(exc.problem) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlSyntaxError(Problem(
            shown, line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02X})",
            "save the file as UTF-8 (in GitHub's web editor this is automatic; "
            "in Word or Excel choose 'UTF-8')")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FENCE = re.compile(r"^---[ \t]*$")


@dataclass
class Document:
    """A Markdown file with YAML front matter.

    ``meta`` is a LineDict (file lines), ``body`` the Markdown after the closing
    ``---``, ``body_line`` the file line where the body starts.
    """

    path: str
    meta: LineDict
    body: str
    body_line: int
    problems: list[Problem] = field(default_factory=list)


def parse_front_matter(text: str, path: str) -> Document:
    """Split and parse front matter delimited by ``---`` lines (file line 1 is the
    opening ``---``). Never raises: problems are collected in ``Document.problems``.

    We split ourselves rather than with python-frontmatter, which silently drops
    front matter that is not a mapping and crashes on a ``content:`` key.
    """
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return Document(path, LineDict(), text, 1, [Problem(
            path, 1, "the file does not start with front matter",
            "the first line must be --- , then the fields (key: value), then --- again")])
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return Document(path, LineDict(), "", len(lines), [Problem(
            path, 1, "the front matter opened on line 1 is never closed",
            "add a line with only --- after the last field")])
    fm_text = "\n".join(lines[1:end])
    body, body_problems = _body("\n".join(lines[end + 1:]), path, end + 2)
    try:
        meta, problems = load_yaml(fm_text, path=path, line_offset=1)
    except YamlSyntaxError as exc:
        return Document(path, LineDict(), body, end + 2, [exc.problem] + body_problems)
    if meta is None:
        meta = LineDict()
    if not isinstance(meta, LineDict):
        return Document(path, LineDict(), body, end + 2, problems + [Problem(
            path, 2, "the front matter must be a list of 'key: value' lines",
            "write one field per line, e.g. title: My title")] + body_problems)
    return Document(path, meta, body, end + 2, problems + body_problems)


def _body(body: str, path: str, first_line: int) -> tuple[str, list[Problem]]:
    """The Markdown body with characters that are not text reported and blanked (a
    space each: lines and columns stay right), and a warning when it begins like a
    spreadsheet formula (an assessment's text is a cell of the Excel export)."""
    problems = characters.problems_in(body, path, first_line)
    body = characters.blank(body)
    stripped = body.lstrip("\n")
    if stripped[:1] in ("=", "+", "-", "@"):
        warning = formula_warning(stripped.split("\n", 1)[0], path, first_line + len(body) - len(stripped),
                                  "the text")
        if warning:
            problems.append(warning)
    return body, problems


def read_document(path: Path | str, display: str | None = None) -> Document:
    """Read a Markdown file with front matter (see :func:`parse_front_matter`)."""
    shown = display or str(path)
    try:
        text = read_text(path, shown)
    except YamlSyntaxError as exc:
        return Document(shown, LineDict(), "", 1, [exc.problem])
    return parse_front_matter(text, shown)


def read_yaml_file(path: Path | str, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read a YAML data file strictly. Returns ``(data, problems)``; on a syntax or
    encoding error ``data`` is None and the problem is in the list."""
    shown = display or str(path)
    try:
        text = read_text(path, shown)
        return load_yaml(text, path=shown)
    except YamlSyntaxError as exc:
        return None, [exc.problem]


class _QuotingDumper(yaml.SafeDumper):
    """Dumper that writes lists indented under their key (the way people write them)."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump_yaml(data: Any) -> str:
    """Serialise plain data to block-style YAML.

    SafeDumper quotes every string that YAML 1.1 would read as something else
    (``'NO'``, ``'012'``, ``'115.10'``), so files we write read back unchanged with
    both PyYAML's loader and :class:`StrictLoader`.
    """
    return yaml.dump(_plain(data), Dumper=_QuotingDumper, allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=100)


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_plain(v) for v in data]
    return data
