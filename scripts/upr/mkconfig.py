"""The MkDocs configuration of each language's site.

``mkdocs.yml`` is the English site and stays portable (any Material-compatible
builder can render ``build/docs`` with it). For a build of all languages,
:func:`write_configs` writes ``build/mkdocs.<lang>.yml`` files that ``INHERIT``
``mkdocs.yml`` and change only the language-specific settings: ``docs_dir``,
``site_dir``, ``site_url``, ``theme.language``, translated nav titles and the
language switcher (``extra.alternate``).
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import i18n
from .i18n import N_
from .site import docs_dir_for


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may carry tags such as ``!ENV`` or ``!!python/name:``."""


_PYTHON_NAME = "tag:yaml.org,2002:python/name:"


class PythonName(str):
    """A ``!!python/name:module.function`` value of mkdocs.yml (e.g. ``toc.slugify``), kept so
    that the per-language configs write it back (INHERIT replaces the extension list)."""


def _tagged(loader, tag, node):
    return PythonName(tag[len(_PYTHON_NAME):]) if tag.startswith(_PYTHON_NAME) else None


_AnyTagLoader.add_multi_constructor("", _tagged)


class _ConfigDumper(yaml.SafeDumper):
    """Writes the per-language configs; a :class:`PythonName` goes back as its tag."""


_ConfigDumper.add_representer(PythonName, lambda dumper, data: dumper.represent_scalar(_PYTHON_NAME + data, ""))


#: mkdocs.yml's copyright line, marked for the catalogs (a changed line shows in English until
#: ``make messages-extract messages-update`` and a translation bring it in).
COPYRIGHT = N_("Data from UPR Info, OHCHR and mledoze/countries (ODbL) — see About.")


def read_mkdocs_yml(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}


def repo_url(root: Path) -> str:
    """``repo_url`` of mkdocs.yml without a trailing slash ('' when unset or no file)."""
    if not (root / "mkdocs.yml").is_file():
        return ""
    return str(read_mkdocs_yml(root).get("repo_url") or "").rstrip("/")


def site_path(site_url: str) -> str:
    """The path part of site_url, e.g. ``/upr-platform/`` (``/`` when none)."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def _translate_nav(nav, lang: str):
    out = []
    for item in nav or []:
        if isinstance(item, dict):
            (title, target), = item.items()
            out.append({i18n.t(title, lang): _translate_nav(target, lang) if isinstance(target, list) else target})
        else:
            out.append(item)
    return out


def write_configs(root: Path, base: Path, site_dirs: dict[str, Path]) -> dict[str, Path]:
    """Write ``base/mkdocs.<lang>.yml`` for every language; return lang -> config path."""
    config = read_mkdocs_yml(root)
    site_url = config.get("site_url", "")
    prefix = site_path(site_url)
    paths = {}
    for lang, site_dir in site_dirs.items():
        # link: absolute (for <link rel="alternate">, 404 pages); rel: the other
        # site's root relative to this one's (for the switcher, overrides/partials).
        alternate = [{"name": i18n.NATIVE_NAMES[other],
                      "link": prefix if other == "en" else f"{prefix}{other}/", "lang": other,
                      "rel": _root_to_root(lang, other)}
                     for other in i18n.LANGUAGES]
        overrides = {
            "INHERIT": str(root / "mkdocs.yml"),
            "docs_dir": str(docs_dir_for(base, lang)),
            "site_dir": str(site_dir),
            # custom_dir is resolved from the config file's folder: make it absolute
            "theme": {"language": lang, **({"custom_dir": str(root / config["theme"]["custom_dir"])}
                                         if (config.get("theme") or {}).get("custom_dir") else {})},
            "copyright": i18n.gettext(lang, config.get("copyright", "")),
            "extra": {"alternate": alternate},
        }
        if lang != "en":
            overrides["site_url"] = (site_url.rstrip("/") + f"/{lang}/") if site_url else ""
            overrides["nav"] = _translate_nav(config.get("nav"), lang)
            overrides["plugins"] = _plugins_for(config.get("plugins", []), lang)
            overrides["markdown_extensions"] = _extensions_for(config.get("markdown_extensions", []), lang)
        path = base / f"mkdocs.{lang}.yml"
        path.write_text(yaml.dump(overrides, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths[lang] = path
    return paths


def _root_to_root(here: str, there: str) -> str:
    """``fr/`` from the English root, ``../`` from the French root to the English
    one, ``../es/`` from French to Spanish, ``""`` to itself."""
    if here == there:
        return ""
    up = "" if here == "en" else "../"
    return up + ("" if there == "en" else f"{there}/")


def _plugins_for(plugins: list, lang: str) -> list:
    """Search in the page's language (stemming); other plugins unchanged."""
    out = []
    for plugin in plugins:
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            opts = dict(plugin["search"] or {}) if isinstance(plugin, dict) else {}
            opts["lang"] = lang
            out.append({"search": opts})
        else:
            out.append(plugin)
    return out


def _extensions_for(extensions: list, lang: str) -> list:
    """The same Markdown extensions (INHERIT replaces the whole list), with the
    title of the heading permalinks ("Permanent link") in ``lang``."""
    out = []
    for ext in extensions:
        if ext == "toc" or (isinstance(ext, dict) and "toc" in ext):
            opts = dict(ext["toc"] or {}) if isinstance(ext, dict) else {}
            opts["permalink_title"] = i18n.t("Permanent link", lang)
            out.append({"toc": opts})
        else:
            out.append(ext)
    return out
