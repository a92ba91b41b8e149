"""Put imported recommendations into ``states/recommendations/<iso3>.csv``.

An import replaces, for each review (State under Review, session) it covers, the
rows that came from the same family of sources (``UPR Info …`` or ``OHCHR …``) and
keeps every other row: importing the UPR Info export does not touch the OHCHR
lists, a newer export changes only what changed, and an identical re-import writes
nothing (files are compared byte for byte before an atomic write). A recommendation
whose data is unchanged keeps its ``source_dataset``/``source_rows`` (the export
where it was first seen), so a diff shows only real changes.

When both families cover one review (Slovenia, session 20), OHCHR's list is the
record: it has the report paragraphs and the official merge of identical texts.
A UPR Info row whose text matches an OHCHR recommendation (:func:`match_key`; for
a merged OHCHR paragraph, any of its parts) is absorbed into it: the OHCHR row takes
UPR Info's action category (OHCHR has none) and lists the UPR Info lines in
``source_rows``. UPR Info rows that match nothing are kept as they are, with their
own ``source_dataset``, so nothing is lost; the import prints how many.
Because absorbed rows are no longer in the file, re-importing the OHCHR list
carries the action category and UPR Info lines over from the previous version of
the same ID, so the result does not depend on the order of imports.
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import recommendations as rmod
from ..problems import WARNING, Problem

OHCHR = "OHCHR"
UPR_INFO = "UPR Info"

_PART_SPLIT = re.compile(r"\)\s*;\s*")


def family(dataset: str) -> str:
    if dataset.startswith(OHCHR):
        return OHCHR
    if dataset.startswith(UPR_INFO):
        return UPR_INFO
    return dataset


_BRACKETS = re.compile(r"\([^()]*\)")
_NON_WORD = re.compile(r"[\W_]+")


def match_key(text: str) -> str:
    """Text as compared across sources: :func:`~upr.recommendations.normalise_text`
    without bracketed asides (``(ICRMW)``) and without anything but letters and
    digits, so that dashes (2009-2014 / 2009–2014), quotes, final punctuation and
    spacing slips (``health care``/``healthcare``, ``oftenancy``) do not matter.
    Texts are compared only within one review, where this cannot join two
    different recommendations."""
    return _NON_WORD.sub("", _BRACKETS.sub("", rmod.normalise_text(text)))


def _ohchr_keys(rec: rmod.Recommendation) -> list[str]:
    from .ohchr_docx import _trailing_groups
    keys = [match_key(rec.text)]
    parts = _PART_SPLIT.split(rec.text)
    if len(parts) > 1:
        for i, part in enumerate(parts):
            part = part if i == len(parts) - 1 else part + ")"
            keys.append(match_key(_trailing_groups(part)[0]))
    return keys


def _own_rows(rec: rmod.Recommendation) -> str:
    return " ".join(p for p in rec.source_rows.split() if p.lower().split(":")[0].endswith(".docx"))


def _other_rows(rec: rmod.Recommendation) -> str:
    return " ".join(p for p in rec.source_rows.split() if not p.lower().split(":")[0].endswith(".docx"))


def apply(current: dict[str, list[rmod.Recommendation]], new: dict[str, list[rmod.Recommendation]],
          covered: set[tuple[str, int]], fam: str) -> list[Problem]:
    """Replace, in ``current`` (ISO3 -> recommendations, changed in place), the rows of
    family ``fam`` for the ``covered`` reviews by ``new``, then combine families.
    Returns warnings (unmatched UPR Info rows in a review OHCHR covers)."""
    problems: list[Problem] = []
    states = {iso for iso, _ in covered} | set(new)
    for iso in sorted(states):
        old = current.get(iso, [])
        previous = {r.id: r for r in old if family(r.source_dataset) == OHCHR}
        replaced = {r.id: r for r in old if family(r.source_dataset) == fam and (iso, r.session) in covered}
        kept = [r for r in old if r.id not in replaced]
        recs = kept + new.get(iso, [])
        before = {r.id: (_content(r), r.source_dataset, r.source_rows) for r in old}
        current[iso] = [_keep_provenance(r, before.get(r.id)) for r in combine(recs, previous)]
        leftover: dict[int, int] = {}
        ohchr_sessions = {r.session for r in current[iso] if family(r.source_dataset) == OHCHR}
        for r in current[iso]:
            if family(r.source_dataset) == UPR_INFO and r.session in ohchr_sessions:
                leftover[r.session] = leftover.get(r.session, 0) + 1
        for session, n in sorted(leftover.items()):
            problems.append(Problem(
                f"states/recommendations/{iso.lower()}.csv", 0,
                f"{n} UPR Info recommendation(s) of session {session} match no text of the OHCHR list; "
                "kept as UPR Info rows", "", severity=WARNING))
    return problems


def _content(rec: rmod.Recommendation) -> list[str]:
    row = rec.to_row()
    return row[:12] + [row[13]]


def _keep_provenance(rec: rmod.Recommendation, old: tuple | None) -> rmod.Recommendation:
    """A recommendation whose data a newer export does not change keeps its
    ``source_dataset`` and ``source_rows``, so that the diff of a re-import shows
    only what really changed (rows shift between exports)."""
    if old is not None and _content(rec) == old[0]:
        rec.source_dataset, rec.source_rows = old[1], old[2]
    return rec


def combine(recs: list[rmod.Recommendation], previous: dict[str, rmod.Recommendation]
            ) -> list[rmod.Recommendation]:
    """Absorb UPR Info rows into the OHCHR rows of the same session (module docstring)."""
    ohchr_by_session: dict[int, list[rmod.Recommendation]] = {}
    for r in recs:
        if family(r.source_dataset) == OHCHR:
            ohchr_by_session.setdefault(r.session, []).append(r)
    if not ohchr_by_session:
        return recs
    upr_sessions = {r.session for r in recs if family(r.source_dataset) == UPR_INFO}
    out: list[rmod.Recommendation] = []
    lookup: dict[int, dict[str, list[rmod.Recommendation]]] = {}
    for session, rows in ohchr_by_session.items():
        table: dict[str, list[rmod.Recommendation]] = {}
        for r in rows:
            if session in upr_sessions:  # enrichment is recomputed from the UPR Info rows
                r.action_category = None
                r.source_rows = _own_rows(r)
            elif r.id in previous and r.action_category is None:  # carried over (absorbed earlier)
                prev = previous[r.id]
                r.action_category = prev.action_category
                extra = _other_rows(prev)
                r.source_rows = " ".join(p for p in (_own_rows(r), extra) if p)
            for key in _ohchr_keys(r):
                if r not in table.setdefault(key, []):
                    table[key].append(r)
        lookup[session] = table
    for r in recs:
        if family(r.source_dataset) == UPR_INFO and r.session in lookup:
            candidates = lookup[r.session].get(match_key(r.text), [])
            # one text can be two paragraphs ("Ratify ICRMW", 115.8 and 115.10) while UPR
            # Info merged it into one row group: the lines go to the paragraph sharing
            # most recommending States; every such paragraph gets the action category
            rs = set(r.recommending_states)
            target = max(candidates, key=lambda c: len(rs & set(c.recommending_states)), default=None)
            for c in candidates:
                if c.action_category is None:
                    c.action_category = r.action_category
            if target is not None:
                if target.action_category is None:
                    target.action_category = r.action_category
                target.source_rows = " ".join(p for p in (target.source_rows, r.source_rows) if p)
                continue
        out.append(r)
    return out


def read_current(folder: Path, settings) -> tuple[dict[str, list[rmod.Recommendation]], list[Problem]]:
    """The recommendations now in the repository, by ISO3 (problems if a file is bad)."""
    current: dict[str, list[rmod.Recommendation]] = {}
    problems: list[Problem] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.csv")):
            recs, p = rmod.read_csv(path, settings.rel(path))
            current[path.stem.upper()] = recs
            problems.extend(p)
    return current, problems


def planned_writes(folder: Path, current: dict[str, list[rmod.Recommendation]], states: set[str]
                   ) -> dict[Path, bytes]:
    """The files whose bytes would change: {path: new bytes}."""
    writes: dict[Path, bytes] = {}
    for iso in sorted(states):
        path = rmod.file_for(folder, iso)
        data = rmod.dump_csv(current.get(iso, []))
        if not path.exists() or path.read_bytes() != data:
            writes[path] = data
    return writes
