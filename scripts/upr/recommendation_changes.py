"""What a change of ``states/recommendations/*.csv`` does, per review, in words.

``upr diffsummary`` (a pull request's run summary, and the body of the weekly UHRI
import's pull request) says "14 new recommendations to Togo, session 54" or
"3 responses changed for Slovenia, session 48 (noted -> supported)" instead of
"+14 −0 lines in tgo.csv". A *review* is one State under Review at one Working
Group session.

Rows are matched by ``id`` between the old and the new file, read by column name
(so a column added or dropped by a newer importer is compared as empty, not as a
shifted row). Follow-up assessments cite IDs, so an ID that goes away is said
precisely: a new row that lists it in ``former_ids`` is "a new ID (the old one still
works)"; a row that stays and lists it there absorbed it ("merged"); a removed and
an added row of one review with the same text but no ``former_ids`` link are "a new
ID" whose citations must change. What changed in a matched row is put in one of:
response, text, other details (named with :data:`FIELD_WORDS`).

For 193 States the lines are capped (:func:`lines`, ``limit``): the first reviews in
State-name order, then one line "and N more reviews …" with the totals of the rest.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from .mdtext import md_inline
from .recommendations import normalise_text

#: Column -> words in "N recommendations with other details changed (themes, SDG targets)".
FIELD_WORDS: dict[str, str] = {
    "state_under_review": "State under Review", "cycle": "cycle", "session": "session", "paragraph": "paragraph",
    "recommending_states": "recommending States", "action_category": "action category", "issues": "themes",
    "affected_persons": "affected persons", "sdgs": "SDG targets", "source_dataset": "source",
    "source_symbol": "source", "source_rows": "source", "annotation_id": "OHCHR annotation id",
    "former_ids": "former IDs",
}
_COMPARED_APART = {"id", "text", "response", "former_ids"}  # former_ids: said as new IDs and merges
_ID_SESSION = re.compile(r"^[A-Za-z]{3}-(\d+)-")


@dataclass
class ReviewChange:
    """The changes to one review's recommendations (State under Review, session)."""

    iso3: str
    session: str
    added: int = 0
    removed: int = 0
    new_id: int = 0                 # removed under one ID and added under another (same recommendation)
    new_id_kept: int = 0            # ... of which the new row keeps the old ID in former_ids
    merged: int = 0                 # removed, its ID now a former ID of a row that stayed
    texts: int = 0
    responses: Counter = field(default_factory=Counter)  # (old, new) -> how many
    details: int = 0
    fields: set = field(default_factory=set)             # words from FIELD_WORDS

    @property
    def key(self) -> tuple:
        return (self.iso3, int(self.session) if self.session.isdigit() else 10 ** 6, self.session)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.new_id or self.merged or self.texts or self.responses
                    or self.details)


def read_rows(data: bytes | None) -> dict[str, dict[str, str]] | None:
    """``id -> row`` of one CSV file (``{}`` for no file); None when the file has no
    ``id`` column (not in the recommendations layout: counted by lines instead)."""
    if data is None:
        return {}
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig", errors="replace"), newline=""))
    if not reader.fieldnames or "id" not in reader.fieldnames:
        return None
    rows: dict[str, dict[str, str]] = {}
    for row in reader:
        rid = (row.get("id") or "").strip()
        if rid and rid not in rows:
            rows[rid] = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
    return rows


def _session(row: dict[str, str], rid: str) -> str:
    if row.get("session", "").isdigit():
        return row["session"]
    m = _ID_SESSION.match(rid)
    return m.group(1) if m else row.get("session", "") or "?"


def compare(iso3: str, old: bytes | None, new: bytes | None) -> list[ReviewChange] | None:
    """The changes between two versions of one State's file (None for a file missing
    on that side), one :class:`ReviewChange` per review that changed; None when either
    side is not in the recommendations layout."""
    before, after = read_rows(old), read_rows(new)
    if before is None or after is None:
        return None
    reviews: dict[str, ReviewChange] = {}

    def review(row, rid) -> ReviewChange:
        session = _session(row, rid)
        sur = (row.get("state_under_review") or iso3).upper()
        return reviews.setdefault(f"{sur}\0{session}", ReviewChange(sur, session))

    removed = [rid for rid in before if rid not in after]
    added = [rid for rid in after if rid not in before]
    former = {old_id: rid for rid, row in after.items()
              for old_id in filter(None, (x.strip() for x in row.get("former_ids", "").split(";")))}
    paired: set[str] = set()

    def renamed(old_id: str, rid: str, kept: bool) -> None:
        old_row, row = before[old_id], after[rid]
        change = review(row, rid)
        change.new_id += 1
        change.new_id_kept += kept
        if old_row.get("response", "") != row.get("response", ""):
            change.responses[(old_row.get("response", ""), row.get("response", ""))] += 1
        paired.update((old_id, rid))

    for rid in removed:
        target = former.get(rid)
        if target in before:          # absorbed by a recommendation that stays (another source's record)
            review(before[rid], rid).merged += 1
            paired.add(rid)
        elif target is not None and target not in paired:  # the same one under a new ID that remembers it
            renamed(rid, target, True)
        elif target is not None:      # a second old ID of that new row: merged into it
            review(after[target], target).merged += 1
            paired.add(rid)
    # a removed and an added row of one review with the same text: the ID changed, nothing remembers it
    waiting: dict[tuple, list[str]] = {}
    for rid in removed:
        if rid not in paired:
            row = before[rid]
            waiting.setdefault((_session(row, rid), normalise_text(row.get("text", ""))), []).append(rid)
    for rid in added:
        if rid in paired:
            continue
        row = after[rid]
        match = waiting.get((_session(row, rid), normalise_text(row.get("text", ""))))
        if match:
            renamed(match.pop(0), rid, False)
        else:
            review(row, rid).added += 1
    for left in waiting.values():
        for rid in left:
            review(before[rid], rid).removed += 1
    for rid, row in after.items():
        old_row = before.get(rid)
        if old_row is None:
            continue
        change = review(row, rid)
        if old_row.get("response", "") != row.get("response", ""):
            change.responses[(old_row.get("response", ""), row.get("response", ""))] += 1
        if normalise_text(old_row.get("text", "")) != normalise_text(row.get("text", "")):
            change.texts += 1
        differ = {FIELD_WORDS.get(col, col.replace("_", " ")) for col in (set(old_row) | set(row)) - _COMPARED_APART
                  if old_row.get(col, "") != row.get(col, "")}
        if differ:
            change.details += 1
            change.fields |= differ
    return sorted((c for c in reviews.values() if c), key=lambda c: c.key)


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _transitions(responses: Counter) -> str:
    shown = [(n, md_inline(old or "no response"), md_inline(new or "no response"))
             for (old, new), n in sorted(responses.items(), key=lambda kv: (-kv[1], kv[0]))]
    if len(shown) == 1:
        return f"{shown[0][1]} -> {shown[0][2]}"
    return ", ".join(f"{n:,} {old} -> {new}" for n, old, new in shown)


def _parts(c: ReviewChange) -> list[tuple[str, str, str]]:
    """``(words before the review, preposition, words after)`` per kind of change."""
    parts = []
    if c.added:
        parts.append((_n(c.added, "new recommendation", "new recommendations"), "to", ""))
    if c.removed:
        parts.append((_n(c.removed, "recommendation", "recommendations") + " removed", "for", ""))
    if c.responses:
        parts.append((_n(sum(c.responses.values()), "response", "responses") + " changed", "for",
                      f" ({_transitions(c.responses)})"))
    if c.texts:
        parts.append((_n(c.texts, "recommendation text", "recommendation texts") + " changed", "for", ""))
    if c.new_id:
        lost = c.new_id - c.new_id_kept
        why = ("the old ID still works" if not lost else
               "same text: follow-up that cites the old ID must cite the new one" if lost == c.new_id else
               f"{lost:,} of them same text, old ID not kept: follow-up that cites it must cite the new one")
        parts.append((_n(c.new_id, "recommendation", "recommendations") + " with a new ID", "for", f" ({why})"))
    if c.merged:
        parts.append((_n(c.merged, "recommendation", "recommendations") + " merged into the same recommendation "
                      "from another source", "for", " (the old ID still works)"))
    if c.details:
        parts.append((_n(c.details, "recommendation", "recommendations") + " with other details changed", "for",
                      f" ({', '.join(sorted(c.fields))})"))
    return parts


def sentence(c: ReviewChange, name: str) -> str:
    """One review's changes: ``14 new recommendations to Togo, session 54``; several
    kinds: ``Slovenia, session 48: 2 recommendations removed, 3 responses changed (…)``."""
    parts = _parts(c)
    where = f"{md_inline(name)}, session {md_inline(c.session)}"
    if len(parts) == 1:
        before, prep, after = parts[0]
        return f"{before} {prep} {where}{after}"
    return f"{where}: " + ", ".join(before + after for before, _, after in parts)


def totals(changes: list[ReviewChange]) -> str:
    """``1,234 new recommendations, 5 recommendations removed, …`` over several reviews."""
    added = sum(c.added for c in changes)
    words = [_n(added, "new recommendation", "new recommendations") if added else ""]
    for attr, one, many, verb in (("removed", "recommendation", "recommendations", " removed"),
                                  ("texts", "recommendation text", "recommendation texts", " changed"),
                                  ("new_id", "recommendation", "recommendations", " with a new ID"),
                                  ("merged", "recommendation", "recommendations", " merged"),
                                  ("details", "recommendation", "recommendations", " with other details changed")):
        n = sum(getattr(c, attr) for c in changes)
        words.append(_n(n, one, many) + verb if n else "")
    responses = sum(sum(c.responses.values()) for c in changes)
    words.insert(2, _n(responses, "response", "responses") + " changed" if responses else "")
    return ", ".join(w for w in words if w)


def lines(changes: list[ReviewChange], names: dict[str, str], limit: int = 40) -> list[str]:
    """The bullet lines for a pull request: a total when more than one review changed,
    one line per review in State-name order, at most ``limit`` of them, then "and N
    more reviews …" with the totals of the rest."""
    def name(iso3: str) -> str:
        return names.get(iso3) or iso3

    ordered = sorted(changes, key=lambda c: (name(c.iso3).casefold(), c.key))
    out = []
    if len(ordered) > 1:
        states = len({c.iso3 for c in ordered})
        out.append(f"In all: {totals(ordered)}, in {_n(len(ordered), 'review', 'reviews')} of "
                   f"{_n(states, 'State under Review', 'States under Review')}")
    shown = ordered if len(ordered) <= limit else ordered[:limit]
    out += [sentence(c, name(c.iso3)) for c in shown]
    rest = ordered[len(shown):]
    if rest:
        states = len({c.iso3 for c in rest})
        out.append(f"and {_n(len(rest), 'more review', 'more reviews')} "
                   f"({_n(states, 'State under Review', 'States under Review')}, from "
                   f"{md_inline(name(rest[0].iso3))} to {md_inline(name(rest[-1].iso3))}): {totals(rest)}")
    return out
