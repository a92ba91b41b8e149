"""Put imported recommendations into ``states/recommendations/<iso3>.csv``: one record
per recommendation, whichever sources cover its review.

Three families of sources can cover one review (State under Review, session):

* **UHRI** (OHCHR's Universal Human Rights Index export, JSON or XLSX): report
  paragraph, text, recommending States, position, themes, affected persons, SDG
  targets, document symbol and OHCHR's annotation id;
* **OHCHR thematic list** (the ``.docx`` matrix of one review): paragraph, text,
  recommending States, position, themes, affected persons, SDGs, source of position;
* **UPR Info** database export (``.csv``): text, recommending State (one row each),
  response, action category, issues; no paragraph.

The merge rule (README, "When several sources cover one review"):

1. A record is identified by its ID ``<ISO3>-<session>-<paragraph>`` when a source
   gives the paragraph (UHRI, OHCHR list), else ``<ISO3>-<session>-u<hash of text>``.
   UHRI and OHCHR-list rows with the same paragraph are the same record.
   A UPR Info row joins the record of the same review whose text is the same
   (:func:`match_key`: case, spacing, punctuation and bracketed asides aside; for a
   paragraph that merges several texts, any one of them).
2. Each field is taken from the highest source that has a value for it, in the order
   of :data:`PRECEDENCE` (UHRI, then the OHCHR list, then UPR Info); the action
   category only from UPR Info, the annotation id only from UHRI. So the result
   does not depend on the order of imports, and importing a file again changes
   nothing.
3. Nothing is lost: a record keeps every source that holds it (``source_dataset``,
   ``;``-joined, highest first) and their rows (``source_rows``); an ID a record had
   before a source gave its paragraph stays in ``former_ids``, so an assessment that
   names it still finds it. UPR Info rows that match no paragraph record are kept as
   records of their own (with a warning).
4. Importing a family replaces, for the reviews the import covers, only what that
   family said: a record only that family held and that the new file no longer has
   is removed — unless an assessment refers to it, which stops the import.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .. import recommendations as rmod
from .. import repofiles
from ..problems import WARNING, Problem

UHRI = "UHRI"
OHCHR = "OHCHR"
UPR_INFO = "UPR Info"
FAMILIES = (UHRI, OHCHR, UPR_INFO)  # precedence, highest first

#: field -> the families that can give it, highest precedence first
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "paragraph": (UHRI, OHCHR),
    "text": (UHRI, OHCHR, UPR_INFO),
    "recommending_states": (UHRI, OHCHR, UPR_INFO),
    "response": (UHRI, OHCHR, UPR_INFO),
    "action_category": (UPR_INFO,),
    "issues": (UHRI, OHCHR, UPR_INFO),
    "affected_persons": (UHRI, OHCHR),
    "sdgs": (UHRI, OHCHR),
    "source_symbol": (UHRI, OHCHR),
    "annotation_id": (UHRI,),
}
_EMPTY = (None, "", [])

#: source_rows entries belong to a family by the kind of file they name
_ROW_FAMILY = {".json": UHRI, ".xlsx": UHRI, ".docx": OHCHR, ".csv": UPR_INFO, ".txt": UPR_INFO}


def family(dataset: str) -> str:
    """The family of one ``source_dataset`` label (``UPR Info export 2018-07-25`` -> UPR Info)."""
    for fam in FAMILIES:
        if dataset.startswith(fam):
            return fam
    return dataset


def families(rec: rmod.Recommendation) -> list[str]:
    return [family(d) for d in rec.datasets]


def rows_family(entry: str) -> str:
    name = entry.rsplit(":", 1)[0]
    return _ROW_FAMILY.get(Path(name).suffix.lower(), "")


def row_entries(rec: rmod.Recommendation) -> list[str]:
    return [e for e in rec.source_rows.split(rmod.ROWS_SEPARATOR) if e]


_BRACKETS = re.compile(r"\([^()]*\)")
_NON_WORD = re.compile(r"[\W_]+")
_PART_SPLIT = re.compile(r"\)\s*;\s*")


def match_key(text: str) -> str:
    """Text as compared across sources: :func:`~upr.recommendations.normalise_text`
    without bracketed asides (``(ICRMW)``) and without anything but letters and
    digits, so that dashes (2009-2014 / 2009–2014), quotes, final punctuation and
    spacing slips (``health care``/``healthcare``, ``oftenancy``) do not matter.
    Texts are compared only within one review, where this cannot join two
    different recommendations."""
    return _NON_WORD.sub("", _BRACKETS.sub("", rmod.normalise_text(text)))


def keys_of(rec: rmod.Recommendation) -> list[str]:
    """The match keys of a record: its whole text and, for a paragraph that merges
    several texts (``Complete … (Ukraine); Increase … (Slovakia)``), each part."""
    from .ohchr_docx import _trailing_groups
    keys = [match_key(rec.text)]
    parts = _PART_SPLIT.split(rec.text)
    if len(parts) > 1:
        for i, part in enumerate(parts):
            part = part if i == len(parts) - 1 else part + ")"
            keys.append(match_key(_trailing_groups(part)[0]))
    return [k for k in keys if k]


# --- one record, several families ---------------------------------------------------------

def _strip(rec: rmod.Recommendation, fam: str) -> rmod.Recommendation | None:
    """``rec`` without what family ``fam`` contributed (its label, rows, annotation id,
    action category); None when ``fam`` was its only source. Field values stay: a
    re-import of ``fam`` gives them again, and if it no longer does, the value of the
    same recommendation from an official source is the best there is."""
    if fam not in families(rec):
        return rec
    datasets = [d for d in rec.datasets if family(d) != fam]
    if not datasets:
        return None
    out = replace(rec, source_dataset=rmod.LIST_SEPARATOR.join(datasets),
                  source_rows=rmod.ROWS_SEPARATOR.join(e for e in row_entries(rec) if rows_family(e) != fam),
                  former_ids=list(rec.former_ids))
    if fam == UHRI:
        out.annotation_id = ""
    if fam == UPR_INFO:
        out.action_category = None
    return out


def _merge(target: rmod.Recommendation, new: rmod.Recommendation, fam: str) -> rmod.Recommendation:
    """``new`` (one row of family ``fam``) folded into ``target`` by :data:`PRECEDENCE`."""
    present = set(families(target))
    out = replace(target, former_ids=list(target.former_ids))
    for name, order in PRECEDENCE.items():
        if fam not in order:
            continue
        value = getattr(new, name)
        if value in _EMPTY:
            continue
        # replaced only when no source of the same or a higher rank has given it yet: between
        # sources the highest wins, within one import the first row does (as in each importer)
        same_or_higher = order[:order.index(fam) + 1]
        if getattr(out, name) in _EMPTY or not any(f in present for f in same_or_higher):
            setattr(out, name, list(value) if isinstance(value, list) else value)
    datasets = list(dict.fromkeys([d for d in target.datasets if family(d) != fam] + new.datasets))
    out.source_dataset = rmod.LIST_SEPARATOR.join(sorted(datasets, key=lambda d: FAMILIES.index(family(d))
                                                        if family(d) in FAMILIES else len(FAMILIES)))
    entries = list(dict.fromkeys(row_entries(target) + row_entries(new)))
    out.source_rows = rmod.ROWS_SEPARATOR.join(sorted(entries, key=_entry_order))
    _set_id(out, target.id)
    out.former_ids = sorted(set(out.former_ids) | set(new.former_ids) - {out.id})
    return out


def _entry_order(entry: str) -> tuple:
    fam = rows_family(entry)
    return (FAMILIES.index(fam) if fam in FAMILIES else len(FAMILIES), entry)


def _set_id(rec: rmod.Recommendation, previous_id: str) -> None:
    """A record that now has a paragraph takes the paragraph ID; the ID it had stays
    in ``former_ids``."""
    if rec.paragraph and not rec.id.startswith(rmod.make_id(rec.state_under_review, rec.session, rec.paragraph)):
        rec.id = rmod.make_id(rec.state_under_review, rec.session, rec.paragraph)
    if previous_id and previous_id != rec.id and previous_id not in rec.former_ids:
        rec.former_ids = sorted([*rec.former_ids, previous_id])


# --- one review ----------------------------------------------------------------------------

def merge_review(records: list[rmod.Recommendation], new: list[rmod.Recommendation], fam: str
                 ) -> tuple[list[rmod.Recommendation], list[rmod.Recommendation]]:
    """Replace family ``fam``'s part of one review's ``records`` by ``new`` (rows of ``fam``).

    Returns ``(records, removed)``: ``removed`` are records only ``fam`` held that
    ``new`` no longer has (the caller refuses the import if an assessment names one).
    The result depends on what each source says, not on the order of imports: rows
    with a paragraph join by ID, then every record without one (UPR Info) joins the
    paragraph record of the same text (:func:`_attach`)."""
    kept: list[rmod.Recommendation] = []
    dropped: list[rmod.Recommendation] = []
    for rec in records:
        stripped = _strip(rec, fam)
        if stripped is None:
            dropped.append(rec)
        else:
            kept.append(stripped)
    by_id = {r.id: r for r in kept}
    for row in new:
        if row.id in by_id:  # the same paragraph, or (no paragraph) the same text
            by_id[row.id] = _merge(by_id[row.id], row, fam)
        else:
            by_id[row.id] = replace(row, former_ids=list(row.former_ids))
    _attach(by_id)
    current_keys: dict[str, rmod.Recommendation] = {}
    for r in by_id.values():
        for k in keys_of(r):
            current_keys.setdefault(k, r)
    removed = []
    for rec in dropped:
        if rec.id in by_id or any(rec.id in r.former_ids for r in by_id.values()):
            continue
        # the same text came back under another ID (a text a newer export edited slightly)
        heir = next((current_keys[k] for k in keys_of(rec) if k in current_keys), None)
        if heir is not None and fam in families(heir):
            heir.former_ids = sorted(set(heir.former_ids) | {rec.id, *rec.former_ids} - {heir.id})
            continue
        removed.append(rec)
    return list(by_id.values()), removed


def _attach(by_id: dict[str, rmod.Recommendation]) -> None:
    """Every record without paragraph (UPR Info) joins the paragraph record of the same
    review with the same text. One text can be two paragraphs ("Ratify ICRMW", 115.8
    and 115.10) while UPR Info has one row group: its rows go to the paragraph sharing
    most recommending States (then the lowest paragraph), and every such paragraph
    takes its action category. Records that match nothing stay as they are."""
    with_paragraph = [r for r in by_id.values() if r.paragraph]
    if not with_paragraph:
        return
    keys: dict[str, list[str]] = {}
    for r in with_paragraph:
        for k in dict.fromkeys(keys_of(r)):
            keys.setdefault(k, []).append(r.id)
    for rec in sorted((r for r in by_id.values() if not r.paragraph), key=_source_order):
        candidates = [by_id[i] for i in keys.get(match_key(rec.text), [])]
        if not candidates:
            continue
        rs = set(rec.recommending_states)
        target = min(candidates, key=lambda c: (-len(rs & set(c.recommending_states)),
                                                rmod.paragraph_key(c.paragraph), c.id))
        del by_id[rec.id]
        for fam in families(rec):
            part = _only(rec, fam)
            for c in candidates:
                by_id[c.id] = _merge(by_id[c.id], part if c is target else replace(part, source_rows=""), fam)
        merged = by_id[target.id]
        merged.former_ids = sorted(set(merged.former_ids) | {rec.id, *rec.former_ids} - {merged.id})


def _source_order(rec: rmod.Recommendation) -> tuple:
    """Records in the order of their first source row (file name, then line), so that
    "the first row gives the action category" means the first in the source."""
    first = []
    for entry in row_entries(rec):
        name, _, lines = entry.rpartition(":")
        m = re.match(r"\d+", lines)
        first.append((name, int(m.group()) if m else 0))
    return (min(first) if first else ("", 0), rec.id)


def _only(rec: rmod.Recommendation, fam: str) -> rmod.Recommendation:
    """``rec`` as family ``fam`` alone gave it (its label and rows only)."""
    return replace(rec, source_dataset=rmod.LIST_SEPARATOR.join(d for d in rec.datasets if family(d) == fam),
                   source_rows=rmod.ROWS_SEPARATOR.join(e for e in row_entries(rec) if rows_family(e) == fam),
                   former_ids=[])


# --- the whole store -----------------------------------------------------------------------

def apply(current: dict[str, list[rmod.Recommendation]], new: dict[str, list[rmod.Recommendation]],
          covered: set[tuple[str, int]], fam: str) -> tuple[list[Problem], list[rmod.Recommendation]]:
    """Replace, in ``current`` (ISO3 -> records, changed in place), family ``fam``'s part
    of the ``covered`` reviews by ``new``. Returns ``(warnings, removed records)``."""
    problems: list[Problem] = []
    removed: list[rmod.Recommendation] = []
    by_review: dict[tuple[str, int], list[rmod.Recommendation]] = {}
    for iso, recs in new.items():
        for r in recs:
            by_review.setdefault((iso, r.session), []).append(r)
    for iso in sorted({iso for iso, _ in covered} | set(new)):
        old = current.get(iso, [])
        sessions = {s for i, s in covered if i == iso} | {r.session for r in new.get(iso, [])}
        out = [r for r in old if r.session not in sessions]
        for session in sorted(sessions):
            merged, gone = merge_review([r for r in old if r.session == session],
                                        by_review.get((iso, session), []), fam)
            out.extend(merged)
            removed.extend(gone)
            paragraphs = any(r.paragraph for r in merged)
            left = sum(1 for r in merged if paragraphs and not r.paragraph and families(r) == [UPR_INFO])
            if left:
                problems.append(Problem(
                    f"states/recommendations/{iso.lower()}.csv", 0,
                    f"{left} UPR Info recommendation(s) of session {session} match no text of the official "
                    "list (UHRI or OHCHR thematic list); kept as UPR Info records", "", severity=WARNING))
        current[iso] = _keep_provenance(out, {r.id: r for r in old})
    return problems, removed


def _content(rec: rmod.Recommendation) -> list[str]:
    row = rec.to_row()
    return [v for i, v in enumerate(row) if rmod.COLUMNS[i] not in ("source_dataset", "source_rows")]


def _keep_provenance(recs: list[rmod.Recommendation], before: dict[str, rmod.Recommendation]
                     ) -> list[rmod.Recommendation]:
    """A record whose data a newer export does not change keeps its ``source_dataset``
    and ``source_rows`` when only the export's name or row numbers moved, so that the
    diff of a re-import shows only what really changed."""
    out = []
    for rec in recs:
        old = before.get(rec.id)
        if old is not None and _content(rec) == _content(old) and families(rec) == families(old) \
                and [rows_family(e) for e in row_entries(rec)] == [rows_family(e) for e in row_entries(old)]:
            rec = replace(rec, source_dataset=old.source_dataset, source_rows=old.source_rows)
        out.append(rec)
    return out


def read_current(folder: Path, settings) -> tuple[dict[str, list[rmod.Recommendation]], list[Problem]]:
    """The recommendations now in the repository, by ISO3 (problems if a file is bad)."""
    current: dict[str, list[rmod.Recommendation]] = {}
    problems: list[Problem] = []
    if folder.is_dir():
        for path in repofiles.files(folder, (".csv",), recursive=False):
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
