"""The translation catalogs of the interface (``locale/<lang>/LC_MESSAGES/messages.po``).

* :func:`extract_python` is the Babel extraction method of ``babel.cfg`` for the code: it reads
  it with :mod:`ast`, so it also finds the texts inside f-strings (``f"# {_t('Codes', lang)}"``),
  which Babel's own Python extractor does not read before Python 3.12; :func:`extract_jinja`
  reads the page templates (``_("…")``, ``_f("…")``).
* :func:`problems` lists what a catalog lacks: a text of the code with no translation, a
  translation marked fuzzy, or one whose ``{name}`` places differ from the English text (neither
  is used: the page shows English; the build never fails on a translation).

``make messages-extract`` writes ``locale/messages.pot``; ``make messages-update`` merges it into
each language's ``.po``; ``make messages-compile`` (and every ``upr build``/``upr generate``)
compiles them into ``build/locale/`` (git-ignored).
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

#: Functions whose arguments are interface texts, and where the text (and context) is:
#: name -> (position of the msgid, position of the msgctxt or None).
KEYWORDS = {
    "N_": (0, None), "NP_": (1, 0),           # markers where a text is defined
    "t": (0, None), "_t": (0, None), "tr": (0, None),  # t(msgid, lang)
    "tr_lang": (1, None), "gettext": (1, None),                            # gettext(lang, msgid)
    "pgettext": (2, 1),                                                    # pgettext(lang, ctx, msgid)
}
LANGUAGES = ("fr", "es")


def _name(func) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract_python(fileobj, keywords, comment_tags, options):
    """Babel extraction method (``babel.cfg``): yields ``(line, funcname, message, comments)``;
    ``message`` is ``(context, msgid)`` for a text with a context (Babel's form for pgettext)."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in KEYWORDS:
            continue
        at, ctx_at = KEYWORDS[name]
        if len(node.args) <= at:
            continue
        msgid = _literal(node.args[at])
        if not msgid:
            continue  # a variable: its texts are marked with N_ where they are defined
        if ctx_at is None:
            yield node.lineno, "gettext", msgid, []
        else:
            context = _literal(node.args[ctx_at])
            if context:
                yield node.lineno, "pgettext", (context, msgid), []


def extract_jinja(fileobj, keywords, comment_tags, options):
    """Babel extraction method for the page templates (``templates/pages/*.md.j2``): the
    texts of ``_("…")``, ``_f("…", …)`` and ``_p("context", "…")`` (see :mod:`upr.templating`)."""
    from jinja2 import nodes

    from .templating import environment
    tree = environment().parse(fileobj.read().decode("utf-8"))
    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Name) and node.node.name in ("_", "_f") and node.args \
                and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
            yield node.lineno, "gettext", node.args[0].value, []
        elif isinstance(node.node, nodes.Name) and node.node.name == "_p" and len(node.args) == 2 \
                and all(isinstance(a, nodes.Const) and isinstance(a.value, str) for a in node.args):
            yield node.lineno, "pgettext", (node.args[0].value, node.args[1].value), []


def extract(root: Path) -> dict[tuple[str | None, str], int]:
    """Every interface text of the code under ``root/scripts/upr`` (Python and page
    templates): (context, msgid) -> line."""
    out: dict[tuple[str | None, str], int] = {}
    package = root / "scripts" / "upr"
    sources = [(p, extract_python) for p in sorted(package.rglob("*.py"))]
    sources += [(p, extract_jinja) for p in sorted((package / "templates" / "pages").rglob("*.j2"))]
    for path, method in sources:
        with path.open("rb") as fh:
            for line, func, message, _ in method(fh, None, None, None):
                key = tuple(message) if func == "pgettext" else (None, message)
                out.setdefault(key, line)
    return out


def problems(po: Path, wanted) -> list[str]:
    """``file:line: what is wrong — what to write`` for each text of ``wanted`` ((context, msgid)
    pairs) that ``po`` lacks, leaves empty or marks fuzzy."""
    from babel.messages.pofile import read_po
    with po.open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for context, msgid in sorted(wanted, key=lambda k: (k[0] or "", k[1])):
        message = catalog.get(msgid, context=context)
        where = f"{po}:{message.lineno}" if message is not None and message.lineno else str(po)
        if message is None or not message.string:
            out.append(f"{where}: no translation for {msgid!r}"
                       + (f" (context {context!r})" if context else "")
                       + " — write it in the msgstr line under this msgid (run `make messages-update` "
                         "first if the msgid is not in the file)")
        elif message.fuzzy:
            out.append(f"{where}: the translation of {msgid!r} is marked fuzzy (not used) — check it, "
                       "then delete the '#, fuzzy' line above it")
        elif (wrong := placeholder_problem(msgid, message.string)):
            out.append(f"{where}: the translation of {msgid!r} {wrong} (not used: the page shows English)")
    return out


def fields(text: str) -> set[str] | None:
    """The ``{name}`` places of a text (``str.format``); None when its braces are broken."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def placeholder_problem(msgid: str, msgstr: str) -> str:
    """'' when ``msgstr`` uses only ``{name}`` places of ``msgid``; else what to fix.

    A translation may leave a place out, as GNU gettext allows for named places (a French
    sentence names "l'État examiné" where English writes the State's name, which in French
    would need an article); a place the English text does not have would break the page."""
    want, have = fields(msgid), fields(msgstr)
    if want is None or (have is not None and have <= want):
        return ""
    keep = ", ".join("{" + n + "}" for n in sorted(want)) or "no {…}"
    if have is None:
        return f"has a {{ or }} without its pair — write {keep} exactly as in the English text"
    extra = ", ".join("{" + n + "}" for n in sorted(have - want))
    if not want:
        return f"has {extra}, which the English text does not have — remove it"
    return f"has {extra}, which the English text does not have — use only {keep}"
