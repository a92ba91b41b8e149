"""``upr export``: download-style files of the recommendations and their follow-up.

    upr export recommendations [--state SVN] [--format csv|xlsx|json] [--out FILE]
    upr export matrix --state SVN --cycle 4 [--out FILE]

``recommendations`` writes one State's (or, without ``--state``, the whole corpus's)
recommendations with the current NGO assessment; ``matrix`` writes the OHCHR
thematic-list layout as Word (Recommendation | Position | Themes |
Assessment/comments on level of implementation), the 4th column filled from the
public assessments. Confidential assessments are never exported. The same files
are on the site under ``exports/recommendations/`` (see :mod:`upr.exports`).
"""
from __future__ import annotations

import sys
from pathlib import Path

from .. import exports
from ..config import settings
from ..content import load_content
from ..followup import FollowUp
from ..site import atomic_write


def of_cycle(corpus, iso3: str, cycle: int, command: str) -> list:
    """The recommendations to ``iso3`` in ``cycle``; none (said on stderr, with the cycles
    that have data) when the platform has none."""
    recs = [r for r in corpus.by_state[iso3] if r.cycle == cycle]
    if not recs:
        cycles = sorted({r.cycle for r in corpus.by_state[iso3]})
        print(f"{command}: {iso3} has no recommendations in cycle {cycle}; "
              f"cycles with data: {', '.join(map(str, cycles))}", file=sys.stderr)
    return recs


def run(args) -> int:
    s = settings()
    content = load_content(s)
    corpus = content.kinds.get("recommendations")
    fu = content.kinds.get("followup")
    fu = fu.public if fu is not None else FollowUp()
    if corpus is None or not corpus.count:
        print("upr export: no recommendations imported (states/recommendations/ is empty); "
              "run  upr import recommendations  first", file=sys.stderr)
        return 1
    iso3 = args.state.upper() if args.state else None
    if iso3 and iso3 not in corpus.by_state:
        print(f"upr export: no recommendations for '{args.state}'; write the ISO 3166 alpha-3 code of a "
              f"State under Review, e.g. SVN (known: {len(corpus.by_state)} States)", file=sys.stderr)
        return 2
    if args.what == "matrix":
        if not iso3 or args.cycle is None:
            print("upr export matrix: give --state and --cycle, e.g. upr export matrix --state SVN --cycle 4",
                  file=sys.stderr)
            return 2
        recs = of_cycle(corpus, iso3, args.cycle, "upr export matrix")
        if not recs:
            return 2
        states = content.kinds.get("states")
        name = states.name(iso3) if states is not None and hasattr(states, "name") else iso3
        data = exports.matrix_docx(recs, fu, name, args.cycle,
                                   states.name if states is not None and hasattr(states, "name") else str)
        default = f"{iso3.lower()}-cycle-{args.cycle}-matrix.docx"
    else:
        recs = corpus.by_state[iso3] if iso3 else list(corpus)
        if args.cycle is not None:
            recs = [r for r in recs if r.cycle == args.cycle]
        fmt = args.format
        data = {"csv": exports.to_csv, "json": exports.to_json, "xlsx": exports.to_xlsx}[fmt](recs, fu)
        default = f"{iso3.lower() if iso3 else 'all'}{f'-cycle-{args.cycle}' if args.cycle else ''}.{fmt}"
    out = Path(args.out or default)
    atomic_write(out, data)  # never half a file over an earlier export (issue 8)
    print(f"upr export: wrote {out} ({len(recs)} recommendations, {len(data):,} bytes)", file=sys.stderr)
    return 0


def register(cli) -> None:
    p = cli.command("export", "write recommendations with NGO assessments as CSV/XLSX/JSON, "
                              "or a State's cycle as the OHCHR matrix (.docx)")
    p.add_argument("what", choices=("recommendations", "matrix"),
                   help="recommendations (a table) or matrix (OHCHR thematic-list layout, Word)")
    p.add_argument("--state", help="ISO3 code of the State under Review, e.g. SVN (default: all States)")
    p.add_argument("--cycle", type=int, help="only this UPR cycle (1-4); required for matrix")
    p.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv",
                   help="file format of 'recommendations' (default csv)")
    p.add_argument("--out", help="file to write (default: <iso3>[-cycle-N].<format> in the current folder)")
    p.set_defaults(func=run)
