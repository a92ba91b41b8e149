"""What to write instead, found in the data (issue 14): messages that know the answer give it.

* :func:`closest`: the nearest allowed value (``womens-right`` -> ``womens-rights``);
* :func:`state_code`: the ISO 3166 alpha-3 code for what someone wrote in place of it
  (``Haiti`` -> ``HTI``, ``tunisie`` -> ``TUN``, ``hti`` -> ``HTI``), through the one State
  name index (:mod:`upr.names`, built from ``states/*.md``);
* :func:`with_state_codes`: adds that code to the schema's "has the wrong form" problems
  about a State code, so the message says ``write state: HTI (Haiti)``.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import replace

from .names import name_key
from .problems import Problem


def closest(value: str, choices, cutoff: float = 0.6) -> str | None:
    """The allowed value nearest to ``value`` (ignoring case), or None."""
    choices = [str(c) for c in choices]
    by_fold = {c.casefold(): c for c in choices}
    folded = str(value).casefold()
    if folded in by_fold:
        return by_fold[folded]
    found = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=cutoff)
    if found:
        return by_fold[found[0]]
    acronyms = {_initials(c): c for c in choices if " " in c}  # WEOG -> Western European and Others Group
    return acronyms.get(folded.replace(" ", "")) if len(folded) > 1 else None


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.casefold().split() if w not in {"and", "of", "the", "et", "de", "y"})


def state_code(states, value) -> str | None:
    """ISO3 of the State ``value`` names (a code in the wrong case, a UN name in en/fr/es,
    an alias, or a spelling one or two letters off); None if nothing fits."""
    if not isinstance(value, str) or not value.strip() or not states:
        return None
    if value.strip().upper() in states:
        return value.strip().upper()
    index = getattr(states, "index", None)
    if index is None:
        return None
    code = index.resolve(value)
    if code:
        return code
    near = difflib.get_close_matches(name_key(value), list(index.keys), n=1, cutoff=0.85)
    return index.keys[near[0]] if near else None


_WRONG_CODE = re.compile(r"^(?P<field>(?:.*\.)?states?(?:\[\d+\])?) has the wrong form: '(?P<value>.*)'$")


def with_state_codes(problems: list[Problem], states) -> list[Problem]:
    """Problems about a State code written another way get the code to write."""
    out = []
    for p in problems:
        m = _WRONG_CODE.match(p.message)
        code = state_code(states, m.group("value")) if m else None
        if code:
            key = m.group("field").split(".")[-1]
            key = "-" if "[" in key else f"{key}:"
            p = replace(p, fix=f"write {key} {code} ({states.name(code)}): the State's ISO 3166 alpha-3 code "
                               "in capitals")
        out.append(p)
    return out
