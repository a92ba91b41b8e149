"""Repeats by meaning: which earlier recommendations a recommendation asks again (issue 15, item 3).

A recommendation is compared with every recommendation the same State under Review
received in an EARLIER cycle. The score is the cosine similarity of the two texts'
TF-IDF vectors of character n-grams (scikit-learn: ``char_wb`` 3–5-grams, that is
3–5 letters inside words, lower-cased; sublinear term frequency; IDF fitted on the
texts being compared — for repeats, all the recommendations of that State under
Review, every cycle). Character n-grams see that "ratify", "ratifying" and
"ratification" are close; the IDF makes words every recommendation to that State
shares ("Optional Protocol to the Convention") weigh less than what tells them apart
("against Torture", "on the Rights of the Child").

Scores are rounded to 2 decimals, and a pair is a repeat when the rounded score is at
least :data:`THRESHOLD`; texts equal once normalised (:func:`upr.recommendations.normalise_text`)
score 1 and are marked ``same_text``. Output is deterministic: the same texts give the same
scores (the computation depends only on one State's texts, so the per-State cache in
``build/cache/similarity/`` gives the same bytes as a fresh run), and ties are broken by ID.

How the threshold was chosen, and what it is worth: ``tests/fixtures/similarity/README.md``
(a hand-labelled sample of 275 pairs from the real data; ``tests/test_similarity.py``
recomputes precision and recall from it).

Why scikit-learn and not rapidfuzz (measured on that sample, see the README there):
TF-IDF of character n-grams separates same-ask pairs best (ROC AUC 0.88 against 0.84 for
rapidfuzz's ``token_set_ratio``, 0.85 for word n-grams), and one sparse matrix product per
State compares all its pairs at once, where rapidfuzz's ``cdist`` took about 14 µs a pair
(50 million pairs at full scale).

Speed: scikit-learn's ``char_wb`` analyzer is pure Python, so the n-grams are made once
per distinct WORD (``char_wb`` n-grams never cross words) and a text's counts are the sum
of its words' counts: one sparse product, the same numbers as ``TfidfVectorizer(analyzer=
"char_wb")`` (checked in the tests).

Reuse (other pages, an NGO's own recommendations): :func:`similar` matches any texts
against a list of recommendations; :func:`repeats` gives every recommendation's earlier
matches for a corpus (and the later ones: "asked again").
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .recommendations import Recommendation, normalise_text

#: A pair is a repeat from this rounded score on (chosen on the labelled sample).
THRESHOLD = 0.45
#: At most this many earlier matches per earlier cycle are kept for one recommendation
#: (the closest; the follow-up table links each of them).
PER_CYCLE = 2
NGRAMS = (3, 5)
CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Match:
    """An earlier (or later) recommendation close to another one."""

    id: str
    cycle: int
    session: int
    score: float
    same_text: bool = False


def _words(text: str) -> list[str]:
    # what sklearn's char_wb analyzer splits on (after lower-casing): white space
    return text.lower().split()


def ngram_counts(texts: Sequence[str]):
    """Counts of character n-grams (``scipy.sparse`` CSR, one row per text, columns in
    the n-grams' alphabetical order): the same as ``CountVectorizer(analyzer="char_wb",
    ngram_range=NGRAMS)``, made once per distinct word."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import CountVectorizer

    words = CountVectorizer(analyzer=_words)
    try:
        per_word = words.fit_transform(texts)
    except ValueError:  # no words at all (empty texts)
        return csr_matrix((len(texts), 1))
    grams = CountVectorizer(analyzer="char_wb", ngram_range=NGRAMS, lowercase=False)
    counts = csr_matrix(per_word @ grams.fit_transform(words.get_feature_names_out()), dtype="float64")
    counts.sort_indices()
    return counts


def tfidf(counts):
    """L2-normalised TF-IDF rows of :func:`ngram_counts` rows, IDF fitted on those rows.
    Columns no row uses do not change the result, so rows cut from the counts of a larger
    set of texts give the same numbers as the counts of these texts alone."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True).fit_transform(counts)


def vectorise(texts: Sequence[str]):
    """TF-IDF rows (L2-normalised, ``scipy.sparse`` CSR) of ``texts``, IDF fitted on them."""
    return tfidf(ngram_counts(texts))


def score_matrix(a: Sequence[str], b: Sequence[str] | None = None):
    """Dense ``len(a) × len(b)`` array of rounded scores, IDF fitted on ``a + b``
    (``b`` None: ``a`` against itself, IDF fitted on ``a``); pairs with equal
    normalised texts score exactly 1."""
    import numpy as np

    if b is None:
        rows = vectorise(list(a))
        scores = np.round((rows @ rows.T).toarray(), 2)
        b = a
    else:
        rows = vectorise(list(a) + list(b))
        scores = np.round((rows[: len(a)] @ rows[len(a):].T).toarray(), 2)
    norm_b: dict[str, list[int]] = {}
    for j, text in enumerate(b):
        norm_b.setdefault(normalise_text(text), []).append(j)
    for i, text in enumerate(a):
        for j in norm_b.get(normalise_text(text), ()):
            scores[i, j] = 1.0
    return scores


def similar(texts: Sequence[str], candidates: Sequence[Recommendation], threshold: float = THRESHOLD,
            limit: int | None = None) -> list[list[tuple[Recommendation, float]]]:
    """For each of ``texts`` (an NGO's own recommendations, say), the ``candidates`` (a
    State's Working Group recommendations) scoring at least ``threshold``, closest first,
    ties by ID; at most ``limit`` each. The IDF is fitted on ``texts`` and the candidates
    together, so pass the whole set of candidates you care about (one State's review)."""
    if not texts:
        return []
    cands = list(candidates)
    if not cands:
        return [[] for _ in texts]
    scores = score_matrix(texts, [c.text for c in cands])
    out = []
    for i in range(len(texts)):
        hits = sorted(((cands[j], float(scores[i, j])) for j in range(len(cands)) if scores[i, j] >= threshold),
                      key=lambda pair: (-pair[1], pair[0].id))
        out.append(hits[:limit] if limit else hits)
    return out


def earlier_matches(recs: Sequence[Recommendation], threshold: float = THRESHOLD,
                    per_cycle: int = PER_CYCLE, counts=None) -> dict[str, list[Match]]:
    """One State under Review's recommendations (every cycle) -> for each ID, its closest
    recommendations of earlier cycles scoring at least ``threshold``: at most
    ``per_cycle`` per earlier cycle, latest cycle first, then closest first, then by ID.
    IDs without a match are left out. ``counts``: the :func:`ngram_counts` rows of
    ``recs`` sorted by ID, if already made (:func:`repeats` makes them for all States at once)."""
    import numpy as np

    recs = sorted(recs, key=lambda r: r.id)
    if len({r.cycle for r in recs}) < 2:
        return {}
    rows = tfidf(counts if counts is not None else ngram_counts([r.text for r in recs]))
    cycle = np.array([r.cycle for r in recs])
    # only the block that can hold a repeat: later cycles' rows against earlier cycles' rows
    later, earlier = np.flatnonzero(cycle > cycle.min()), np.flatnonzero(cycle < cycle.max())
    scores = np.round((rows[later] @ rows[earlier].T).toarray(), 2)
    norm = [normalise_text(r.text) for r in recs]
    same = _same([norm[i] for i in later], [norm[j] for j in earlier])
    hits = (cycle[earlier][None, :] < cycle[later][:, None]) & ((scores >= threshold) | same)
    out: dict[str, list[Match]] = {}
    for a in np.flatnonzero(hits.any(axis=1)):
        found: dict[int, list[Match]] = {}
        for b in np.flatnonzero(hits[a]):
            other = recs[earlier[b]]
            found.setdefault(other.cycle, []).append(
                Match(other.id, other.cycle, other.session, 1.0 if same[a, b] else float(scores[a, b]),
                      bool(same[a, b])))
        out[recs[later[a]].id] = [m for c in sorted(found, reverse=True)
                                  for m in sorted(found[c], key=lambda m: (-m.score, m.id))[:per_cycle]]
    return out


def _same(a: list[str], b: list[str]):
    """Boolean matrix: normalised text ``a[i]`` equals ``b[j]``."""
    import numpy as np

    codes = {t: k for k, t in enumerate(sorted(set(a) | set(b)))}
    return np.array([codes[t] for t in a])[:, None] == np.array([codes[t] for t in b])[None, :]


@dataclass
class Repeats:
    """Every recommendation's earlier matches (``earlier[id]``) and, the other way round,
    the later recommendations that match it (``later[id]``: "asked again")."""

    earlier: dict[str, list[Match]] = field(default_factory=dict)
    later: dict[str, list[Match]] = field(default_factory=dict)
    seconds: float = 0.0
    computed: int = 0   # States computed in this run
    cached: int = 0     # States read from build/cache/similarity

    def add(self, rec_by_id: dict[str, Recommendation], matches: dict[str, list[Match]]) -> None:
        for rid, found in matches.items():
            self.earlier[rid] = found
            rec = rec_by_id[rid]
            for m in found:
                self.later.setdefault(m.id, []).append(Match(rid, rec.cycle, rec.session, m.score, m.same_text))

    def finish(self) -> None:
        """Sort ``later``: earliest cycle first, then closest first, then by ID."""
        for found in self.later.values():
            found.sort(key=lambda m: (m.cycle, -m.score, m.id))


def _digest(recs: Iterable[Recommendation], threshold: float, per_cycle: int) -> str:
    h = hashlib.sha1(Path(__file__).read_bytes())
    h.update(json.dumps([CACHE_FORMAT, threshold, per_cycle, list(NGRAMS)]).encode())
    for r in sorted(recs, key=lambda r: r.id):
        h.update(f"\0{r.id}\0{r.cycle}\0{r.session}\0{r.text}".encode("utf-8"))
    return h.hexdigest()[:20]


def repeats(corpus, cache_dir: Path | None = None, threshold: float = THRESHOLD,
            per_cycle: int = PER_CYCLE) -> Repeats:
    """:func:`earlier_matches` for every State under Review of ``corpus``
    (:class:`upr.recommendations.Corpus`). With ``cache_dir``, each State's result is kept
    there under the hash of its texts (and of this module's code), and reused."""
    import time
    started = time.perf_counter()
    result = Repeats()
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[str, list[Recommendation], Path | None]] = []
    for iso3, recs in sorted(corpus.by_state.items()):
        path = cache_dir / f"{iso3.lower()}-{_digest(recs, threshold, per_cycle)}.json" if cache_dir else None
        try:
            cached = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (FileNotFoundError, ValueError):
            cached = None
        if cached is None:
            todo.append((iso3, sorted(recs, key=lambda r: r.id), path))
            continue
        result.cached += 1
        result.add({r.id: r for r in recs}, {rid: [Match(*m) for m in found] for rid, found in cached.items()})
    # the n-grams of all States to compute at once: scikit-learn's analyzer is the slow part
    counts = ngram_counts([r.text for _, recs, _ in todo for r in recs]) if todo else None
    start = 0
    for iso3, recs, path in todo:
        matches = earlier_matches(recs, threshold, per_cycle, counts[start:start + len(recs)])
        start += len(recs)
        result.computed += 1
        result.add({r.id: r for r in recs}, matches)
        if path is not None:
            from .atomic import atomic_write
            for old in path.parent.glob(f"{iso3.lower()}-*.json"):
                old.unlink(missing_ok=True)
            data = {rid: [[m.id, m.cycle, m.session, m.score, m.same_text] for m in found]
                    for rid, found in sorted(matches.items())}
            atomic_write(path, json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    result.finish()
    result.seconds = time.perf_counter() - started
    return result


_MEMO: dict[int, tuple[object, Repeats]] = {}


def for_content(content) -> Repeats:
    """:func:`repeats` of the loaded content's recommendations, computed once per load
    (cached in ``build/cache/similarity/``). Page generators share it."""
    corpus = content.kinds.get("recommendations")
    if corpus is None:
        return Repeats()
    memo = _MEMO.get(id(corpus))
    if memo is not None and memo[0] is corpus:
        return memo[1]
    found = repeats(corpus, content.settings.build_dir.parent / "cache" / "similarity")
    _MEMO.clear()
    _MEMO[id(corpus)] = (corpus, found)
    return found
