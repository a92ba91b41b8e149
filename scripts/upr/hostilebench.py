"""``upr bench --hostile-input``: how long each check takes on input made to be slow (issue 13).

Figures, not tests (tests assert that a check finishes and says the right thing; see
``tests/test_hostile_input.py``). Everything runs on text made here, never on the content:

1. every check that reads a Markdown body, a YAML value, a CSV cell or a title, on a
   100 KB line of each of :data:`TOKENS` repeated (the characters that make regular
   expressions and parsers backtrack: ``<a ``, ``[``, ``<!--``, `````, ``%`` …), with
   the slowest token of each check. A check whose time grows with the square of the line
   takes minutes here; a linear one, well under a second;
2. YAML that would expand or recurse (a billion laughs, 100,000 nested brackets) and a
   zip bomb (20 MB of zeros in a .docx), from the moment they are read to the problem;
3. Python-Markdown with the site's extensions (what MkDocs runs) on lines at the limits
   of :mod:`upr.limits`, which is what those limits are set from.
"""
from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path

N = 100_000
TOKENS = ["a", " ", "<a ", "<a", "<a href='", "<!--", "</", "<", "<https:", "<script", "[", "[a](", "![", "[^",
          "[[", "[a][", "`", "``", "`a", "*a", "**a", "_a", "\\", "%", "a@", "a.", "+1 ", "1 ", "{", "{:", "&#",
          "- ", "> ", "1. ", "# ", "|", "=", "@", "'", '"', ":", "on", " on=", "javascript:", "http://a."]


def _timed(fn) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def _line(token: str) -> str:
    return (token * (N // len(token) + 1))[:N]


def checks(folder: Path) -> dict:
    """Name -> function(line) for every check that reads contributed text."""
    from . import characters, limits, mdtext, privacy, safety, spreadsheet, submission, tools, yamlio
    from . import calendar as ics
    from .atomic import atomic_write
    from .recommendations import COLUMNS, read_csv

    def front_matter(line):
        value = line.replace("\\", "/").replace('"', "'")
        doc = yamlio.parse_front_matter(f'---\ntitle: "{value}"\n---\n\nText.\n', "x.md")
        safety.check_data(doc.meta, "x.md", [])

    def draft(line):
        path = folder / "submission.md"
        atomic_write(path, ("---\ntitle: A title\nstate: TGO\n---\n\n## Coalition\n\n- X\n\n## Intro\n\n1. "
                            + line + "\n\n## Recommendations\n\n2. Do.\n").encode("utf-8"))
        parsed = submission.parse(path, "x.md")
        submission._check_footnotes(parsed)
        [submission.plain(b.text) for b in parsed.blocks]

    def table(line):
        path = folder / "svn.csv"
        cell = line.replace('"', '""')
        row = f'SVN-48-140.7,SVN,4,48,140.7,"{cell}",NOR,supported,,,,,fixture,,fixture'
        atomic_write(path, (",".join(COLUMNS) + "\n" + row + "," * (len(COLUMNS) - 15) + "\n").encode("utf-8"))
        read_csv(path, "svn.csv")

    def feed(line):
        import datetime as dt
        event = ics.Event("x@upr-platform", line, dt.date(2026, 1, 5), dt.date(2026, 1, 6), description=line)
        ics.to_ics([event], line, dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))

    body = "Intro.\n\n{}\n\nEnd.\n"
    return {
        "safety.check_markdown (Markdown body)": lambda s: safety.check_markdown(body.format(s), "x.md", 5),
        "safety.check_markdown (heading)": lambda s: safety.check_markdown("# " + s + "\n", "x.md", 5),
        "yamlio + safety.check_data (YAML title)": front_matter,
        "limits.line_problems (Markdown)": lambda s: limits.line_problems(body.format(s), "x.md", "md"),
        "characters.problems_in": lambda s: characters.problems_in(s, "x.md"),
        "privacy.body_sentences": lambda s: privacy.body_sentences(body.format(s), 5),
        "tools._check_body": lambda s: tools._check_body(body.format(s), 5, "x.md"),
        "submission (parse, footnotes, plain)": draft,
        "recommendations.read_csv (CSV cell)": table,
        "mdtext.md_inline (titles in pages)": mdtext.md_inline,
        "spreadsheet.csv_row / formula": lambda s: (spreadsheet.csv_row([s, s]), spreadsheet.formula(s)),
        "calendar.to_ics (summary, description)": feed,
    }


def long_lines(out) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, check in checks(Path(tmp)).items():
            times = sorted(((_timed(lambda: check(_line(tok))), tok) for tok in TOKENS), reverse=True)
            worst, token = times[0]
            print(f"  {name}: slowest {worst:.2f} s CPU on {token!r} × {N // len(token):,}, "
                  f"all {len(TOKENS)} lines {sum(t for t, _ in times):.1f} s", file=out)


def _bomb_bytes(megabytes: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/document.xml", "w") as fh:
            for _ in range(megabytes):
                fh.write(b"\0" * 1024 * 1024)
    return buf.getvalue()


def bombs(out) -> None:
    from . import archives, yamlio
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{k}: &{k} [{','.join(['*' + p] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi"))
    for name, text in (("billion laughs (10^9 values)", laughs),
                       ("100,000 nested [", "a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
                       ("100,000 nested '- '", "- " * 100_000 + "x\n")):
        def load():
            try:
                yamlio.load_yaml(text, "x.yml")
            except yamlio.YamlSyntaxError:
                pass
        print(f"  {name}: refused in {_timed(load) * 1000:.1f} ms CPU", file=out)
    raw = _bomb_bytes(20)
    found = []
    seconds = _timed(lambda: found.append(archives.problem(zipfile.ZipFile(io.BytesIO(raw)))))
    print(f"  zip bomb, {len(raw) // 1024} KB holding 20 MB: refused in {seconds * 1000:.1f} ms CPU ({found[0]})",
          file=out)


def renderer(out) -> None:
    import markdown

    from . import limits
    ext = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
           "pymdownx.details", "pymdownx.superfences"]
    cases = [(f"{limits.MAX_BRACKETS} '[a]['", "[a][" * limits.MAX_BRACKETS),
             (f"{limits.MAX_BRACKETS} '!['", "![" * limits.MAX_BRACKETS),
             (f"{limits.MAX_ANGLES} '<a '", "<a " * limits.MAX_ANGLES),
             (f"{limits.MAX_RUN} '*' around a word", "*" * limits.MAX_RUN + "a" + "*" * limits.MAX_RUN),
             (f"{limits.MAX_NESTING} '1. '", "1. " * limits.MAX_NESTING + "x"),
             (f"{limits.MAX_INDENT // 4} nested '??? note'",
              "".join("    " * i + "??? note\n" for i in range(limits.MAX_INDENT // 4))),
             (f"a {limits.MAX_LINE:,}-character line of prose", ("word " * limits.MAX_LINE)[:limits.MAX_LINE])]
    for name, text in cases:
        seconds = _timed(lambda: markdown.Markdown(extensions=ext).convert(text))
        print(f"  Python-Markdown, {name}: {seconds:.2f} s CPU", file=out)


def run(out) -> None:
    print(f"hostile input (CPU seconds; each line is {N:,} characters):", file=out)
    long_lines(out)
    bombs(out)
    renderer(out)
