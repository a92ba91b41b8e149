"""Languages of the public site: English, French, Spanish.

Each language is generated from the same loaded content into its own tree and
built by MkDocs as its own site (``/``, ``/fr/``, ``/es/``), so that Material's
interface, ``<html lang>``, search and navigation are in that language.

* Interface words of the generated pages: gettext catalogs, one per language
  (``locale/<lang>/LC_MESSAGES/messages.po``), looked up with :func:`gettext`
  (``t(msgid, lang)`` in the page modules). The English text is the msgid; a
  missing or fuzzy translation shows the English text.
* Dates and numbers: Babel (CLDR), e.g. ``format_range(start, end, "fr")`` ->
  ``20–31 janvier 2025``. English uses the en_GB locale, the UN's own style
  ("20–31 January 2025").
* State names: the UN's official short names in each language from
  ``states/<iso3>.md`` (``names.fr.short`` …), see :func:`state_name`.
"""
from __future__ import annotations

import datetime as dt

import io
import re
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "fr", "es")
LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}

#: Where the translation catalogs live (``locale/<lang>/LC_MESSAGES/messages.po``, gettext
#: format, managed with Babel: ``make messages-extract messages-update messages-compile``), and
#: where their compiled form (``.mo``) is written: under the git-ignored ``build/``.
CATALOG_DIR = "locale"
COMPILED_DIR = "build/locale"
DOMAIN = "messages"
_DEFAULT_ROOT = Path(__file__).resolve().parents[2]  # the checkout this package runs from
_root: Path | None = None
_loaded: dict[str, Translations | NullTranslations] = {}
_read_at: dict[str, int] = {}  # lang -> mtime of the .po when it was compiled and read


def N_(msgid: str) -> str:
    """Marks an English interface string for extraction (``make messages-extract``) where it is
    defined; it is translated later, where it is shown, with :func:`gettext`."""
    return msgid


def NP_(context: str, msgid: str) -> str:
    """Like :func:`N_`, for a text translated in a ``context`` (``msgctxt`` in the catalogs)."""
    return msgid


def use_catalogs(root: Path | None) -> None:
    """Translate with the catalogs of ``root`` (a repository: ``root/locale``). A root without
    catalogs (a test fixture) uses the catalogs of the checkout this package runs from."""
    global _root
    root = Path(root) if root is not None else None
    if root != _root:
        _root = root
        _loaded.clear()
    for lang in list(_loaded):  # a catalog changed since it was read (make site after editing a .po)
        po = po_path(lang)
        if po.is_file() and po.stat().st_mtime_ns != _read_at.get(lang):
            del _loaded[lang]


def catalog_root(root: Path | None = None) -> Path:
    root = Path(root) if root is not None else (_root or _DEFAULT_ROOT)
    return root if (root / CATALOG_DIR).is_dir() else _DEFAULT_ROOT


def po_path(lang: str, root: Path | None = None) -> Path:
    return catalog_root(root) / CATALOG_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str, root: Path | None = None) -> Path:
    return catalog_root(root) / COMPILED_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def compile_catalog(lang: str, root: Path | None = None) -> Path | None:
    """Compile ``locale/<lang>/LC_MESSAGES/messages.po`` into ``build/locale/…/messages.mo``
    (once per run and language: a few milliseconds, and never a stale ``.mo``); fuzzy entries
    are left out (they show in English, like a missing translation). Returns the ``.mo`` path, or None when there is no catalog.
    A catalog that cannot be read raises ValueError naming ``file:line``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    from .atomic import atomic_write
    po, mo = po_path(lang, root), mo_path(lang, root)
    if not po.is_file():
        return None
    try:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, abort_invalid=True)
    except PoFileError as exc:  # Babel counts lines from 0: "… on 6" is line 7
        where = re.sub(r"^(.*) on (\d+)$", lambda m: f"{int(m.group(2)) + 1}: {m.group(1)}", str(exc))
        raise ValueError(f"{po}:{where} — write the entry as the ones around it: msgid \"English\" "
                         f"on one line, msgstr \"translation\" on the next") from exc
    from .catalogs import placeholder_problem
    for message in catalog:  # a translation that lost a {name} would break the page: English instead
        if message.id and isinstance(message.string, str) and placeholder_problem(message.id, message.string):
            message.string = ""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    if not mo.is_file() or mo.read_bytes() != buf.getvalue():
        atomic_write(mo, buf.getvalue())
    return mo


def translations(lang: str) -> Translations | NullTranslations:
    """The compiled catalog of ``lang`` (compiled first if needed); English has none."""
    if lang not in _loaded:
        po = po_path(lang)
        _read_at[lang] = po.stat().st_mtime_ns if po.is_file() else 0
        mo = compile_catalog(lang) if lang != LANGUAGES[0] else None
        if mo is None:
            _loaded[lang] = NullTranslations()
        else:
            with mo.open("rb") as fh:
                _loaded[lang] = Translations(fh, domain=DOMAIN)
    return _loaded[lang]


def gettext(lang: str, msgid: str) -> str:
    """``msgid`` (English) in ``lang``; English when the catalog has no (or only a fuzzy)
    translation."""
    return translations(lang).gettext(msgid) if msgid else msgid


def pgettext(lang: str, context: str, msgid: str) -> str:
    """Like :func:`gettext`, for an English text translated differently in ``context``
    (``msgctxt`` in the catalog)."""
    return translations(lang).pgettext(context, msgid)


def t(msgid: str, lang: str) -> str:
    """Interface string ``msgid`` (English) in ``lang``: :func:`gettext` with the arguments in
    the order some page modules use."""
    return gettext(lang, msgid)


def tr_lang(lang: str, msgid: str, **values) -> str:
    """``msgid`` (English) in ``lang``, with its ``{name}`` places filled in from ``values``
    (a translation may leave a place out, as gettext allows: French and Spanish often name the
    State under Review without its name, which would need an article)."""
    text = gettext(lang, msgid)
    return text.format(**values) if values else text


#: The titles of mkdocs.yml's navigation (translated by upr.mkconfig).
NAV_TITLES = (N_("Home"), N_("States"), N_("Calendar"), N_("Country groups"), N_("Recommendations"),
              N_("Tools library"), N_("News"), N_("Recent changes"), N_("About"), N_("Contribute"))


def locale(lang: str) -> str:
    return LOCALES.get(lang, "en_GB")


def format_day(day: dt.date, lang: str = "en") -> str:
    """``20 January 2025`` / ``20 janvier 2025`` / ``20 de enero de 2025``."""
    return format_date(day, "long", locale=locale(lang))


_DAY_MONTH = {"en": "d MMMM", "fr": "d MMMM", "es": "d 'de' MMMM"}
_MONTH_YEAR = {"en": "LLLL y", "fr": "LLLL y", "es": "LLLL 'de' y"}


def format_month(day: dt.date, lang: str = "en") -> str:
    """``January 2025`` / ``janvier 2025`` / ``enero de 2025`` (month precision)."""
    return format_date(day, _MONTH_YEAR.get(lang, "LLLL y"), locale=locale(lang))


def format_range(start: dt.date, end: dt.date, lang: str = "en") -> str:
    """A date range, inclusive, in the language's own style, with full month names
    (CLDR's interval formats abbreviate them): ``20–31 January 2025``,
    ``4 November – 2 December 2024``, ``20–31 de enero de 2025``."""
    if start == end:
        return format_day(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_day(end, lang)}"
    if start.year == end.year:
        head = format_date(start, _DAY_MONTH.get(lang, "d MMMM"), locale=locale(lang))
        return f"{head} – {format_day(end, lang)}"
    return f"{format_day(start, lang)} – {format_day(end, lang)}"


def format_number(value: int | float, lang: str = "en") -> str:
    """``61,014`` / ``61 014`` / ``61.014``."""
    return format_decimal(value, locale=locale(lang))


def state_name(state, lang: str = "en", form: str = "short") -> str:
    """The UN name of a State in ``lang`` (``form`` short or formal), English when missing.

    ``state`` is a :class:`upr.states.State` (its ``names`` dict: lang -> {short, formal}).
    """
    names = getattr(state, "names", {}) or {}
    for code in (lang, "en"):
        value = (names.get(code) or {}).get(form)
        if value:
            return value
    return getattr(state, "iso3", "")


def topic(label: str, lang: str) -> str:
    """A tool topic's label (English, as in upr.tools.TOPICS, marked there for the catalogs) in
    ``lang``; English when missing. The coding stays UPR Info's; only its labels are translated."""
    return gettext(lang, label)
