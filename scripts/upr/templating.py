"""Jinja2 templates of the generated pages (``scripts/upr/templates/pages/*.md.j2``).

A page module computes a plain object (a dataclass of strings, numbers and lists) and
:func:`render` puts it into the page's template, so that a designer can change the order
or the wording around the values by editing the template alone.

Escaping is on by default: every ``{{ value }}`` is written through
:func:`upr.mdtext.md_inline` (HTML escaped, Markdown specials backslashed), the escaper
every page generator uses, so a value from content can never become markup. The
exceptions are explicit:

* ``{{ value|attr }}`` for a value inside an HTML attribute or a link target
  (``html.escape`` with quotes, no Markdown backslashes, which would break a URL);
* ``{{ _("English text") }}`` the interface text in the page's language (from the
  catalogs, :mod:`upr.i18n`; it may hold Markdown, such as a link), and
  ``{{ _f("… {n} …", n=value) }}`` the same with values filled in, each escaped as above,
  and ``{{ _p("context", "English") }}`` a text translated differently in that context
  (``msgctxt``);
* values the page module built as Markdown with its own escaping, passed as
  :class:`markupsafe.Markup` (``trusted()``): a section written by another module, the
  State's notes (checked by ``upr check``: no raw HTML, no unsafe link).
"""
from __future__ import annotations

import functools
import html
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import i18n
from .mdtext import md_inline

TEMPLATES = Path(__file__).parent / "templates" / "pages"


def trusted(markdown: str) -> Markup:
    """Markdown a page module already escaped (or that ``upr check`` checked)."""
    return Markup(markdown)


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(md_inline(value))


def _attr(value) -> Markup:
    return Markup(html.escape(str(value), quote=True))


@functools.lru_cache(maxsize=None)
def environment(directory: Path | None = None) -> Environment:
    """The Jinja2 environment of the templates in ``directory`` (default :data:`TEMPLATES`)."""
    env = Environment(loader=FileSystemLoader(directory or TEMPLATES), autoescape=True, finalize=_finalize,
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["attr"] = _attr
    return env


def render(name: str, lang: str, **values) -> str:
    """The template ``name`` with ``values``, in language ``lang`` (``_()`` in the template)."""
    template = environment(TEMPLATES).get_template(name)

    def _f(msgid: str, **fill) -> Markup:
        return Markup(i18n.gettext(lang, msgid).format(**{k: _finalize(v) for k, v in fill.items()}))

    return template.render(_=lambda msgid: Markup(i18n.gettext(lang, msgid)),
                           _p=lambda context, msgid: Markup(i18n.pgettext(lang, context, msgid)), _f=_f, lang=lang,
                           **values)
