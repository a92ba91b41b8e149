"""State name resolution: any spelling used by a UPR source -> ISO 3166 alpha-3.

Every importer resolves State names through :class:`NameIndex`, so that one State
never becomes two (case 16: ``Côte d’Ivoire``, ``Cote d'Ivoire``, ``CÔTE D'IVOIRE``)
and two States never become one (``Niger``/``Nigeria``, ``Dominica``/``Dominican
Republic``, ``Republic of Korea``/``DPR Korea``, ``Sudan``/``South Sudan``).

Matching is an *exact* lookup of a normalised key (:func:`name_key`): HTML entities
decoded, Unicode NFC, apostrophes folded to ``'``, hyphens and all whitespace (including newlines inside a
CSV field) collapsed to one space, case folded, diacritics dropped. There is no
fuzzy matching: a spelling that is not a name or an alias of a State is unknown,
and the fix is to add it to ``aliases`` in ``states/<iso3>.md``. Diacritics are
ignored for matching only; display names keep them.

The spellings come from the State files (``states/*.md``): the English, French and
Spanish short and formal names (UNTERM), the aliases, and the ISO alpha-3 code.
"""
from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable

from . import repofiles
from .problems import Problem

SUR = "State under Review"
RS = "recommending State"

# Typographic apostrophes and look-alikes people paste from Word or PDFs.
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018`\u00b4\u02bc\u2032\u201b"})
# Hyphen, non-breaking hyphen, en dash: "Timor-Leste" = "Timor Leste".
_HYPHENS = re.compile(r"[-\u2010\u2011\u2013]")
# UNTERM writes articles after the short name ("Norvège (la)", "Bahamas (the)") and
# before the formal name ("the Kingdom of Norway", "la République …", "el Reino …").
_TRAILING_ARTICLE = re.compile(r"\s*\((the|la|le|les|l'|el|los|las)\)\s*$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(the|la|le|les|el|los|las)\s+|^l'", re.IGNORECASE)


def clean(name: str) -> str:
    """The name as people should see it in a message: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def name_key(name: str) -> str:
    """Normalised matching key of a State name (see module docstring).

    >>> name_key("  Côte d’Ivoire\\n") == name_key("COTE D'IVOIRE")
    True
    """
    # HTML entities: UPR Info exports and OHCHR-derived text keep them ("&amp;", "&#39;").
    text = unicodedata.normalize("NFC", html.unescape(name or "")).translate(_APOSTROPHES)
    text = _HYPHENS.sub(" ", text)
    text = " ".join(text.split()).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_article(name: str) -> str:
    """Drop the article UNTERM writes after a short name: ``"Norvège (la)"`` ->
    ``"Norvège"``, ``"Bahamas (The)"`` -> ``"Bahamas"``. Other brackets stay
    (``"Bolivia (Plurinational State of)"``), and so does a leading article, which
    can be part of a short name (``"El Salvador"``)."""
    return _TRAILING_ARTICLE.sub("", clean(name)).strip()


def strip_leading_article(name: str) -> str:
    """Drop the article before a formal name: ``"the Kingdom of Norway"`` ->
    ``"Kingdom of Norway"``, ``"la République …"`` -> ``"République …"``."""
    return _LEADING_ARTICLE.sub("", clean(name), count=1).strip()


def _get(obj: Any, attr: str, default=None):
    if isinstance(obj, dict):
        return obj.get(attr, default)
    return getattr(obj, attr, default)


class NameIndex:
    """Exact lookup of normalised State names.

    ``keys`` maps :func:`name_key` -> ISO3; ``observers`` is the set of ISO3 codes of
    observer States (Holy See VAT, State of Palestine PSE); ``ambiguous`` maps a key
    that two States claim -> their ISO3 codes (such a key never resolves: the State
    files must be fixed, which ``upr check`` reports).
    """

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.observers: set[str] = set()
        self.ambiguous: dict[str, set[str]] = {}
        self.display: dict[str, str] = {}

    def add(self, iso3: str, spelling: str) -> None:
        """Add one spelling of the State ``iso3`` (upper-case alpha-3)."""
        key = name_key(spelling)
        if not key:
            return
        if key in self.ambiguous:
            self.ambiguous[key].add(iso3)
            return
        other = self.keys.get(key)
        if other is None:
            self.keys[key] = iso3
        elif other != iso3:
            del self.keys[key]
            self.ambiguous[key] = {other, iso3}

    @classmethod
    def from_states(cls, states: Iterable[Any] | dict[str, Any]) -> "NameIndex":
        """Build the index from State models (``upr.states.State``) or dicts with the
        same fields: ``iso3``, ``un_status``, ``names`` ({lang: {short, formal}}),
        ``aliases`` (list of str)."""
        index = cls()
        items = states.values() if isinstance(states, dict) else states
        for state in items:
            iso3 = str(_get(state, "iso3")).upper()
            if _get(state, "un_status") == "observer":
                index.observers.add(iso3)
            spellings = [iso3]
            names = _get(state, "names") or {}
            for lang_names in names.values():
                lang_names = lang_names or {}
                short, formal = lang_names.get("short"), lang_names.get("formal")
                if isinstance(short, str) and short:
                    spellings += [short, strip_article(short)]
                if isinstance(formal, str) and formal:
                    spellings += [formal, strip_leading_article(formal)]
            spellings += [a for a in (_get(state, "aliases") or []) if isinstance(a, str)]
            english = (names.get("en") or {}).get("short") if isinstance(names, dict) else None
            index.display[iso3] = strip_article(english) if english else iso3
            for spelling in spellings:
                index.add(iso3, spelling)
        return index

    def resolve(self, name: str) -> str | None:
        """ISO3 of the State spelled ``name``, or None if unknown (or ambiguous).

        An article (``"Niger (the)"``, ``"the Gambia"``) is ignored if the name with
        it is not known."""
        return self.keys.get(self._key(name))

    def _key(self, name: str) -> str:
        key = name_key(name)
        if key in self.keys or key in self.ambiguous:
            return key
        key = name_key(strip_article(name))
        if key in self.keys or key in self.ambiguous:
            return key
        return name_key(strip_leading_article(strip_article(name)))

    def resolve_or_problem(self, name: str, path: str, line: int,
                           role: str = RS) -> tuple[str | None, Problem | None]:
        """Resolve ``name`` found at ``path:line`` in the role ``"recommending State"``
        or ``"State under Review"``.

        Returns ``(iso3, None)`` or ``(None, Problem)``: unknown names, names two
        States claim, and observer States given as State under Review are problems.
        """
        shown = clean(name)
        if not shown:
            return None, Problem(path, line, f"the {role} is empty",
                                 "write the State's name, e.g. Norway")
        key = self._key(name)
        if key in self.ambiguous:
            codes = ", ".join(sorted(self.ambiguous[key]))
            return None, Problem(
                path, line, f"'{shown}' is a name of more than one State ({codes})",
                "fix the names and aliases of these States in states/<iso3>.md so that each spelling belongs to one State")
        iso3 = self.keys.get(key)
        if iso3 is None:
            return None, Problem(
                path, line, f"unknown State '{shown}'",
                "add the spelling to 'aliases' in states/<iso3>.md if it is a known State")
        if role == SUR and iso3 in self.observers:
            return None, Problem(
                path, line, f"'{shown}' cannot be a State under review",
                "the Holy See and the State of Palestine are observer States: "
                "they make recommendations but are not reviewed")
        return iso3, None

    def __len__(self) -> int:
        return len(self.keys)


_cache: dict[Path, NameIndex] = {}


def default_index(settings) -> NameIndex:
    """The index of the repository's States (``states/*.md``), built once per
    States folder. A folder without State files (a fresh checkout, a test's
    temporary root) gets the index of the records ``upr import states`` would
    write, from ``settings.source_data``. Raises ValueError if the State files
    have errors that leave no States (run ``upr check``)."""
    folder = Path(settings.states_dir).resolve()
    if folder not in _cache:
        if not repofiles.files(folder, (".md",), recursive=False):
            from .commands.import_states import build_records
            records, _ = build_records(Path(settings.source_data))
            _cache[folder] = NameIndex.from_states(records)
            return _cache[folder]
        from . import states as states_module
        states, problems = states_module.load(settings, None)
        if not states:
            details = "; ".join(p.format() for p in problems[:3])
            raise ValueError(f"no States could be read from {folder} ({details}); "
                             "run `upr import states` or `upr check`")
        _cache[folder] = NameIndex.from_states(states)
    return _cache[folder]
