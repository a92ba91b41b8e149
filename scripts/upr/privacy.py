"""What is private, and a scanner that proves no private value reached the output.

Some contributors are human rights defenders at risk (issue 8). Two kinds of values
are private and must never reach the built site, its search index, sitemap, ICS
feeds, CSV/JSON/XLSX/DOCX exports:

* every value of an entry (contact, member, speaker …) that carries
  ``confidential: true`` (or ``private: true``), and the narrative of a whole file so
  marked (an assessment that is not ready: its plain sentences are looked for);
* personal contact details: fields named ``email``, ``phone``, ``mobile`` … (see
  :data:`PRIVATE_KEYS`), wherever they appear, unless the field name starts with
  ``public_`` (``public_email: info@example.org`` is an organisation's published address).

Schemas mark private fields with the JSON Schema annotation ``"x-private": true``
(jsonschema ignores unknown ``x-`` keywords); use :data:`EMAIL`, :data:`PHONE`,
:data:`CONFIDENTIAL` or :func:`private` so the notion lives in this one place.

The scan (:func:`scan`) reads every output byte: text files, gzip files (sitemap.xml.gz)
and zip containers (DOCX, XLSX, ODS …) member by member, looking for each private value
as written, HTML/XML-escaped, JSON-escaped, URL-encoded, and with phone separators
removed, case-insensitively. :func:`postbuild_step` runs it after every ``upr build`` and
fails the build, naming the output file and the *source* ``path:line`` of the value —
never the value itself, since build logs are public.
"""
from __future__ import annotations

import gzip
import html
import io
import json
import re
import sys
import time
import urllib.parse
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .config import Settings
from .yamlio import LineDict, LineList, read_document, read_yaml_file

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
MIN_LENGTH = 5  # shorter strings ("LDH", "Ana") would match ordinary words of the site

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


def is_confidential(node: Any) -> bool:
    """True for a mapping marked ``confidential: true`` (or ``private: true``, its synonym)."""
    return isinstance(node, dict) and (node.get("confidential") is True or node.get("private") is True)


def is_public_key(key: Any) -> bool:
    return isinstance(key, str) and key.strip().lower().startswith(PUBLIC_PREFIX)


# --- finding private values in content ---------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """Where a private value was written (shown instead of the value)."""

    path: str
    line: int
    field: str

    def format(self) -> str:
        return f"{self.path}:{self.line} ({self.field})"


def split_values(data: Any, path: str, schema: dict | None = None
                 ) -> tuple[dict[str, Source], set[str]]:
    """Walk YAML data (LineDict/LineList) and split its strings into private and public.

    Returns ``(private, public)``: ``private`` maps each private string to its
    :class:`Source`; ``public`` is the set of all other strings. A string is private
    when its field is marked ``x-private`` in ``schema``, is a :data:`PRIVATE_KEYS`
    field, or is an :data:`IDENTIFYING_KEYS` field of a mapping with ``confidential: true``
    (other fields of such an entry, like ``role``, are neither private nor public).
    """
    private: dict[str, Source] = {}
    public: set[str] = set()

    def walk(node, sub, secret, line, field):
        sub = sub if isinstance(sub, dict) else {}
        if isinstance(node, dict):
            confidential = is_confidential(node)
            props = sub.get("properties", {})
            for key, value in node.items():
                key_line = node.lines.get(key, line) if isinstance(node, LineDict) else line
                child = props.get(key, {}) if isinstance(props, dict) else {}
                identifying = isinstance(key, str) and key.lower() in IDENTIFYING_KEYS
                key_secret = (secret or is_private_key(key) or bool(child.get("x-private"))
                              or (confidential and identifying))
                if is_public_key(key) and not (secret or confidential):
                    key_secret = False
                if confidential and not key_secret:
                    continue  # a confidential entry's role, language …: neither private nor public
                walk(value, child, key_secret, key_line, f"{field}.{key}" if field else str(key))
        elif isinstance(node, list):
            items = sub.get("items", {})
            for i, value in enumerate(node):
                item_line = node.lines[i] if isinstance(node, LineList) and i < len(node.lines) else line
                walk(value, items, secret, item_line, f"{field}[{i + 1}]")
        elif isinstance(node, str):
            value = node.strip()
            if not value:
                return
            if secret:
                private.setdefault(value, Source(path, line, field))
            else:
                public.add(value)

    walk(data, schema or {}, False, getattr(data, "line", 1) or 1, "")
    return private, public


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


def content_files(settings: Settings) -> Iterator[Path]:
    """Every hand-written Markdown/YAML content file (states/, groups/, tools_library/)."""
    for folder in (settings.states_dir, settings.groups_dir, settings.tools_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".md", ".yml", ".yaml") and path.is_file():
                yield path


def collect(settings: Settings, content: Any = None) -> dict[str, Source]:
    """All private values of the repository's content, mapped to where they were written.

    Values also published elsewhere (a public member's name that is also a confidential
    contact's employer) and values shorter than :data:`MIN_LENGTH` are left out. With
    ``content``, :func:`upr.groups.private_values` is added (the groups' own rules).
    """
    private: dict[str, Source] = {}
    public: set[str] = set()
    for path in content_files(settings):
        shown = settings.rel(path)
        if path.suffix == ".md":
            doc = read_document(path, shown)
            data = doc.meta
            if is_confidential(data):
                for value, line in body_sentences(doc.body, doc.body_line):
                    private.setdefault(value, Source(shown, line, "text of a confidential file"))
        elif path.stat().st_size <= _BIG_YAML:
            data, _ = read_yaml_file(path, shown)
        else:
            continue
        p, q = split_values(data, shown)
        for value, src in p.items():
            private.setdefault(value, src)
        public |= q
    if content is not None:  # never hide a bug here: a missed private value is a leak
        from . import groups
        for value in groups.private_values(content):
            private.setdefault(value, Source("groups/", 0, "confidential entry"))
    return {v: s for v, s in private.items() if len(v) >= MIN_LENGTH and v not in public}


# --- scanning output ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Leak:
    """A private value found in an output file (``member`` names a file inside a zip/gzip)."""

    file: str
    member: str
    source: Source

    def format(self) -> str:
        where = self.file + (f" [{self.member}]" if self.member else "")
        return f"{where}: contains the private value written at {self.source.format()}"


def variants(value: str) -> set[str]:
    """The forms a value can take in output: as written, HTML/XML-escaped, JSON-escaped,
    URL-encoded, without phone separators. Lower-cased (the scan ignores case)."""
    forms = {value, html.escape(value), html.escape(value, quote=False),
             value.replace("'", "&#39;"), html.escape(value).replace("&#x27;", "&#39;"),
             json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
             urllib.parse.quote(value), urllib.parse.quote_plus(value),
             value.replace("@", "&#64;")}
    if re.fullmatch(r"[+0-9 ().-]{6,}", value):
        forms.add(re.sub(r"[ ().-]", "", value))
    return {f.lower() for f in forms if len(f) >= MIN_LENGTH}


def _members(name: str, raw: bytes, depth: int = 0) -> Iterator[tuple[str, bytes]]:
    """``(member name, bytes)`` of a file, opening zip containers and gzip files."""
    if depth < 3 and raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                for info in zf.infolist():
                    if not info.is_dir():
                        inner = f"{name}/{info.filename}" if name else info.filename
                        yield from _members(inner, zf.read(info), depth + 1)
            return
        except zipfile.BadZipFile:
            pass
    if depth < 3 and raw[:2] == b"\x1f\x8b":
        try:
            yield from _members(name + "(gunzipped)" if name else "(gunzipped)", gzip.decompress(raw), depth + 1)
            return
        except (OSError, EOFError):
            pass
    yield name, raw


def scan(out_dirs: Iterable[Path], values: dict[str, Source]) -> list[Leak]:
    """Look for every private value in every file under ``out_dirs``.

    Returns one :class:`Leak` per (file, member, value). Reads every byte of every
    file (binary files too: a value can hide in a PDF's or an image's metadata).
    """
    table: dict[str, Source] = {}
    for value, src in values.items():
        for form in variants(value):
            table.setdefault(form, src)
    if not table:
        return []
    pattern = re.compile("|".join(re.escape(f) for f in sorted(table, key=len, reverse=True)))
    leaks: list[Leak] = []
    for out in out_dirs:
        out = Path(out)
        for path in sorted(out.rglob("*")):
            if not path.is_file():
                continue
            shown = path.relative_to(out).as_posix()
            for member, raw in _members("", path.read_bytes()):
                text = raw.decode("utf-8", errors="replace").lower()
                seen = set()
                for match in pattern.finditer(text):
                    src = table[match.group(0)]
                    if src not in seen:
                        seen.add(src)
                        leaks.append(Leak(shown, member, src))
    return leaks


class PrivateDataLeak(SystemExit):
    """The build wrote a private value: the CLI exits non-zero with this message."""


def postbuild_step(settings: Settings, site_dir: Path) -> None:
    """Fail the build if any private value of the content is in ``site_dir``.

    Raises :class:`PrivateDataLeak` naming each output file and the source ``path:line``.
    """
    started = time.perf_counter()
    values = collect(settings)
    leaks = scan([site_dir], values)
    print(f"upr build: privacy scan of every output file for {len(values)} private value(s) "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if leaks:
        lines = "\n".join(leak.format() for leak in leaks[:50])
        raise PrivateDataLeak(
            f"upr build: private data found in the built site ({len(leaks)} place(s)); "
            f"the site must not be published:\n{lines}\n"
            "Fix the page generator that wrote it, or mark the entry confidential: true.")
