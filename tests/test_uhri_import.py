"""The weekly UHRI import, run the way the workflow runs it (.github/workflows/uhri-import.yml):

``upr fetch uhri`` from a real HTTP server on 127.0.0.1, then
``.github/scripts/uhri_import.py prepare`` in one clone (the read-only job) and
``publish`` in a fresh clone of main (the job with the write token), pushing to a
bare repository that stands for GitHub, with a fake ``gh`` on PATH that records
its arguments. Proves: one branch and one pull request, opened once and then
updated; main never pushed to; no change -> no pull request; a failed import ->
nothing changed and the problems in the run summary; someone else's commits on the
branch are never overwritten.

The importer is called as a subprocess. The last test runs the real UHRI importer
on the real-layout fixture (tests/uhri_fixture.py). The others use ``STAND_IN``,
which plays ``upr import recommendations x.json`` on a tiny export (keeps its UPR
recommendations, writes them with the real CSV writer; can fail half-way or drop a
row on demand) and hands every other subcommand (``diffsummary``, ``check``) to the
real ``upr``: they test the script's git and pull-request logic, not the importer."""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, run_upr
from upr.recommendations import Recommendation, dump_csv

SCRIPT = ROOT / ".github" / "scripts" / "uhri_import.py"
BOT = "41898282+github-actions[bot]@users.noreply.github.com"

STAND_IN = '''#!{python}
import json, os, re, sys
args = sys.argv[1:]
if args[:2] != ["import", "recommendations"]:
    os.execv(sys.executable, [sys.executable, "-m", "upr", *args])
if os.environ.get("STAND_IN_FAIL"):
    with open("states/recommendations/tgo.csv", "a", encoding="utf-8") as fh:
        fh.write("half a row written before a crash\\n")   # the script must put this back
    print("export-full-en.json: annotation 3: Countries: 'Atlantis' is not a State under Review "
          "— add the spelling to aliases in states/<iso3>.md")
    print("upr import: 1 error(s); nothing was written.")
    sys.exit(1)
from upr.recommendations import Recommendation, dump_csv, read_csv
from pathlib import Path
path = Path("states/recommendations/tgo.csv")
rows = {{r.id: r for r in read_csv(path, str(path))[0]}}
for item in json.load(open(args[2], encoding="utf-8")):
    if item["Body"] != "- UPR" or item["AnnotationType"] != "- Recommendations":
        continue
    session = int(item["UprSession"][0])
    paragraph, text = re.match(r"(\\d+(?:\\.\\d+)+)\\s+(.*?)\\s*(?:\\([^)]*\\)\\s*)*;?$", item["Text"]).groups()
    rec = Recommendation(id=f"TGO-{{session}}-{{paragraph}}", state_under_review="TGO", cycle=4, session=session,
                         paragraph=paragraph, text=text, recommending_states=["TLS"],
                         response=item["UprPositions"][0].lower(), source_dataset="UHRI export",
                         source_symbol=item["Symbol"])
    rows[rec.id] = rec
rows.pop(os.environ.get("STAND_IN_DROP", ""), None)  # OHCHR no longer lists it under that ID
path.write_bytes(dump_csv(list(rows.values())))
print(f"upr import: {{len(rows)}} recommendations for 1 State(s)")
'''

REAL_UPR = '''#!{python}
import os, sys
os.execv(sys.executable, [sys.executable, "-m", "upr", *sys.argv[1:]])
'''

FAKE_GH = '''#!{python}
import json, os, sys
args = sys.argv[1:]
entry = {{"args": args}}
if "--body-file" in args:
    entry["body"] = open(args[args.index("--body-file") + 1], encoding="utf-8").read()
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(entry) + "\\n")
if args[:2] == ["pr", "list"]:
    print(os.environ.get("GH_OPEN_PRS", "[]"))
elif args[:2] == ["pr", "create"]:
    print("https://github.com/upr-platform/upr-platform/pull/31")
'''


def annotation(n: int, session: int = 54, position: str = "Supported", body: str = "- UPR",
               kind: str = "- Recommendations") -> dict:
    return {"AnnotationId": f"00000000-0000-4000-8000-{n:012d}", "AnnotationType": kind, "Body": body,
            "Countries": ["Togo"], "Symbol": f"A/HRC/{session + 3}/9", "UprSession": [str(session)],
            "Text": f"120.{n} Strengthen the independence of the judiciary, measure {n} (Timor-Leste);",
            "UprPositions": [position], "UprRecommendingCountry": ["Timor-Leste"], "Themes": [], "Sdgs": []}


def export(changed_positions: int = 0) -> bytes:
    items = [annotation(n, position="Noted" if n <= changed_positions else "Supported") for n in range(1, 15)]
    items += [annotation(90, body="- CRC", kind="- Recommendations"), annotation(91, kind="- Concerns/Observations")]
    return json.dumps(items, indent=1).encode("utf-8")


def git(cwd: Path, *args: str, name: str = "Test", email: str = "test@example.org") -> str:
    return subprocess.run(["git", "-c", f"user.name={name}", "-c", f"user.email={email}", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout.strip()


class World:
    """GitHub (a bare repository), the runner's checkouts, a fake gh, the stand-in importer."""

    def __init__(self, tmp: Path, seed_content=None, real_upr: bool = False):
        self.tmp = tmp
        self.origin = tmp / "origin.git"
        git(tmp, "init", "--quiet", "--bare", "--initial-branch=main", str(self.origin))
        seed = tmp / "seed"
        git(tmp, "clone", "--quiet", str(self.origin), str(seed))
        (seed / "scripts" / "upr").mkdir(parents=True)
        (seed / "scripts" / "upr" / "README").write_text("stand-in for the package folder\n")
        self.bin = tmp / "bin"
        self.bin.mkdir()
        for name, text in (("upr", REAL_UPR if real_upr else STAND_IN), ("gh", FAKE_GH)):
            (self.bin / name).write_text(text.format(python=sys.executable), encoding="utf-8")
            (self.bin / name).chmod(0o755)
        self.log = tmp / "gh.log"
        self.runs = 0
        if seed_content:
            seed_content(seed)
            self.push(seed, "base")
            return
        (seed / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
        (seed / "states" / "recommendations").mkdir(parents=True)
        (seed / "states" / "tgo.md").write_text(
            "---\niso3: TGO\nnames:\n  en:\n    short: Togo\n    formal: the Togolese Republic\n---\n", encoding="utf-8")
        old = [Recommendation(id=f"TGO-40-110.{i}", state_under_review="TGO", cycle=3, session=40,
                              paragraph=f"110.{i}", text=f"Abolish the death penalty, step {i}",
                              recommending_states=["FRA"], response="supported") for i in range(1, 6)]
        (seed / "states" / "recommendations" / "tgo.csv").write_bytes(dump_csv(old))
        (seed / "states" / "followup" / "tgo").mkdir(parents=True)
        (seed / "states" / "followup" / "tgo" / "2025-10-01-death-penalty.md").write_text(
            '---\nrecommendations:\n  - TGO-40-110.1\nstatus: not implemented\ndate: "2025-10-01"\n'
            "assessed_by: Test coalition\nsources:\n  - A/HRC/40/1\n---\n\nNo bill was tabled.\n", encoding="utf-8")
        self.push(seed, "base")

    def push(self, seed: Path, message: str) -> None:
        git(seed, "add", "-A")
        git(seed, "commit", "--quiet", "-m", message)
        git(seed, "push", "--quiet", "origin", "main")
        self.main_sha = git(seed, "rev-parse", "HEAD")

    def env(self, **extra: str) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_", "GIT_"))}
        env.update(PATH=f"{self.bin}:{os.environ['PATH']}", PYTHONPATH=str(ROOT / "scripts"), GH_LOG=str(self.log),
                   GITHUB_SERVER_URL="https://github.com", GITHUB_REPOSITORY="upr-platform/upr-platform",
                   GITHUB_RUN_ID="4242", NO_MKDOCS_2_WARNING="1", UPR_SOURCE_DATA=str(ROOT / "sources"))
        env.update(extra)
        return env

    def checkout(self, name: str) -> Path:
        path = self.tmp / name
        git(self.tmp, "clone", "--quiet", str(self.origin), str(path))
        return path

    def step(self, cwd: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, str, str]:
        """Run one step of the script with its own summary and output files (as Actions does)."""
        self.runs += 1
        summary, output = self.tmp / f"summary-{self.runs}.md", self.tmp / f"output-{self.runs}.txt"
        summary.touch()
        output.touch()
        result = subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True,
                                env=self.env(GITHUB_STEP_SUMMARY=str(summary), GITHUB_OUTPUT=str(output), **env))
        return result, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")

    def week(self, export_file: Path, **env: str):
        """One run of the workflow after the download: job "import", then job "pull-request"."""
        job1 = self.checkout(f"import-{self.runs}")
        change = self.tmp / f"change-{self.runs}"
        report = export_file.with_name(export_file.name + ".report.json")
        extra = ["--download-report", str(report)] if report.exists() else []
        prepared = self.step(job1, "prepare", "--export", str(export_file), "--out", str(change), *extra, **env)
        if "changed=true" not in prepared[2]:
            return prepared, None, job1
        job2 = self.checkout(f"pull-request-{self.runs}")
        git(job2, "checkout", "--quiet", "--detach", git(job1, "rev-parse", "HEAD"))  # ref: github.sha
        published = self.step(job2, "publish", "--change", str(change), **env)
        return prepared, published, job1

    def gh_calls(self) -> list[dict]:
        if not self.log.exists():
            return []
        calls = [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]
        self.log.unlink()
        return calls

    def remote(self, ref: str) -> str:
        return subprocess.run(["git", "rev-parse", "--verify", "--quiet", ref], cwd=self.origin,
                              capture_output=True, text=True).stdout.strip()

    def remote_file(self, ref: str, path: str) -> str:
        return git(self.origin, "show", f"{ref}:{path}")


@pytest.fixture
def world(tmp_path) -> World:
    return World(tmp_path)


@pytest.fixture(scope="module")
def server():
    """Serves whatever bytes the test puts in ``files`` (path -> body) on 127.0.0.1."""
    files: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", files
    srv.shutdown()
    srv.server_close()


def download(world: World, server, body: bytes, name: str) -> tuple[Path, Path]:
    """``upr fetch uhri`` as the workflow's first step runs it."""
    base, files = server
    files[f"/{name}"] = body
    out, report = world.tmp / "runner" / name, world.tmp / "runner" / f"{name}.report.json"
    result = run_upr("fetch", "uhri", "--url", f"{base}/{name}", "--out", str(out), "--report", str(report),
                     "--min-upr", "10", "--summary", str(world.tmp / "fetch-summary.md"), cwd=world.tmp)
    assert result.returncode == 0, result.stderr
    return out, report


def test_first_week_opens_one_pull_request_then_updates_it(world, server):
    export_file, report = download(world, server, export(), "week1.json")
    (prepared, summary1, output1), (published, summary2, _), job1 = world.week(export_file)
    assert prepared.returncode == 0, prepared.stdout + prepared.stderr
    assert output1 == "changed=true\n"
    assert "- 14 new recommendations to Togo, session 54" in summary1
    assert published.returncode == 0, published.stdout + published.stderr
    calls = world.gh_calls()
    assert [c["args"][:2] for c in calls] == [["pr", "list"], ["label", "create"], ["pr", "create"]]
    assert calls[0]["args"] == ["pr", "list", "--head", "data/uhri-import", "--base", "main", "--state", "open",
                                "--json", "number,url", "--limit", "5"]
    create = calls[2]
    assert create["args"][:8] == ["pr", "create", "--base", "main", "--head", "data/uhri-import", "--title",
                                  "Recommendations: weekly import of the UHRI export"]
    assert create["args"][-2:] == ["--label", "data import"]
    assert "- 14 new recommendations to Togo, session 54" in create["body"]
    assert "[run](https://github.com/upr-platform/upr-platform/actions/runs/4242)" in create["body"]
    assert "(0.0 MB, 16 annotations, 14 of them UPR recommendations)" in create["body"]
    assert "finds problems this change brings" not in create["body"]
    assert "Opened pull request https://github.com/upr-platform/upr-platform/pull/31; pushed to " \
           "`data/uhri-import`. Main is unchanged until a maintainer merges it." in summary2
    # GitHub's main is untouched; the branch is one commit by the workflow on top of it
    assert world.remote("main") == world.main_sha
    branch = "refs/heads/data/uhri-import"
    assert git(world.origin, "rev-parse", f"{branch}~1") == world.main_sha
    assert git(world.origin, "log", "-1", "--format=%ce|%s", branch) == \
        f"{BOT}|Recommendations: weekly import of the UHRI export"
    csv = world.remote_file(branch, "states/recommendations/tgo.csv")
    assert csv.count("TGO-54-120.") == 14 and csv.count("TGO-40-110.") == 5

    # week 2: OHCHR changed three positions; the SAME pull request (#31) is updated, never a second one
    export_file, _ = download(world, server, export(changed_positions=3), "week2.json")
    (prepared, _, _), (published, summary, _), _ = world.week(
        export_file, GH_OPEN_PRS=json.dumps([{"number": 31, "url": "https://github.com/x/y/pull/31"}]))
    assert published.returncode == 0, published.stdout + published.stderr
    calls = world.gh_calls()
    assert [c["args"][:3] for c in calls] == [["pr", "list", "--head"], ["pr", "edit", "31"]]
    assert calls[1]["args"][3:6] == ["--title", "Recommendations: weekly import of the UHRI export", "--body-file"]
    # compared with main (not with last week's branch): still 14 new, 3 of them noted
    assert "- 14 new recommendations to Togo, session 54" in calls[1]["body"]
    assert "Updated pull request #31 (https://github.com/x/y/pull/31); pushed to `data/uhri-import`." in summary
    assert git(world.origin, "rev-parse", f"{branch}~1") == world.main_sha  # rebuilt from main, not stacked
    assert world.remote_file(branch, "states/recommendations/tgo.csv").count(",noted,") == 3
    assert world.remote("main") == world.main_sha


def test_a_change_that_breaks_an_assessment_link_says_so_in_the_pull_request(world, server):
    """Checks do not start by themselves on a pull request opened by a workflow: the import
    job runs upr check before and after, and the body names the problems the change brings
    (and only those: this skeleton repository has errors of its own on main)."""
    export_file, _ = download(world, server, export(), "week1.json")
    (prepared, summary, _), (published, _, _), _ = world.week(export_file, STAND_IN_DROP="TGO-40-110.1")
    assert prepared.returncode == 0 and published.returncode == 0, prepared.stdout + published.stdout
    body = [c for c in world.gh_calls() if c["args"][:2] == ["pr", "create"]][0]["body"]
    for text in (body, summary):
        assert "### ⚠ `upr check` finds problems this change brings\n\nMerged as it is, this change would stop " \
               "the site's build (1 error(s) that main does not have)." in text
        assert "states/followup/tgo/2025-10-01-death-penalty.md:3: recommendation 'TGO-40-110.1' does not exist" in text
        assert "required field 'iso2' is missing" not in text  # main's own problems are not this change's
    assert "- Togo, session 40: 1 recommendation removed" not in body
    assert "- 1 recommendation removed for Togo, session 40" in body


def test_no_change_means_no_pull_request(world, server):
    export_file, _ = download(world, server, export(), "same.json")
    # main already has what the export gives
    seed = world.checkout("maintainer")
    subprocess.run([str(world.bin / "upr"), "import", "recommendations", str(export_file)], cwd=seed,
                   env=world.env(), check=True, capture_output=True)
    git(seed, "commit", "--quiet", "-am", "imported by hand")
    git(seed, "push", "--quiet", "origin", "main")
    main = world.remote("main")
    (prepared, summary, output), published, job1 = world.week(export_file)
    assert prepared.returncode == 0 and published is None
    assert output == "changed=false\n"
    assert summary.startswith("## UHRI import: no change\n\nThe UHRI export gives exactly the recommendations "
                              "main already has: no change, so no pull request.")
    assert world.gh_calls() == [] and world.remote("refs/heads/data/uhri-import") == ""
    assert world.remote("main") == main
    # and publish without a patch does nothing either
    empty = world.tmp / "empty"
    empty.mkdir()
    result, summary, _ = world.step(world.checkout("job2"), "publish", "--change", str(empty))
    assert result.returncode == 0 and summary.startswith("## UHRI import: no change")
    assert world.gh_calls() == []


def test_an_import_with_problems_changes_nothing_and_says_why(world, server):
    export_file, _ = download(world, server, export(), "bad.json")
    (prepared, summary, output), published, job1 = world.week(export_file, STAND_IN_FAIL="1")
    assert prepared.returncode == 1 and published is None and output == ""
    assert summary.startswith("## UHRI import: the import found problems\n\nThe UHRI export was downloaded whole, "
                              "but `upr import recommendations` refused it (exit 1). **Nothing was imported and "
                              "the repository is unchanged** (no branch, no pull request).")
    assert "export-full-en.json: annotation 3: Countries: 'Atlantis' is not a State under Review" in summary
    assert git(job1, "status", "--porcelain") == ""  # the half-written file was put back
    assert world.gh_calls() == [] and world.remote("refs/heads/data/uhri-import") == ""


def test_someone_elses_commits_on_the_branch_are_not_overwritten(world, server):
    export_file, _ = download(world, server, export(), "week1.json")
    world.week(export_file)
    world.gh_calls()
    human = world.checkout("maintainer")
    git(human, "checkout", "--quiet", "data/uhri-import")
    (human / "states" / "recommendations" / "tgo.csv").write_text("fixed by hand\n", encoding="utf-8")
    git(human, "commit", "--quiet", "-am", "Correct a row by hand", name="Ana", email="ana@example.org")
    git(human, "push", "--quiet", "origin", "data/uhri-import")
    tip = world.remote("refs/heads/data/uhri-import")
    export_file, _ = download(world, server, export(changed_positions=2), "week2.json")
    (prepared, _, _), (published, summary, _), _ = world.week(export_file)
    assert prepared.returncode == 0 and published.returncode == 1
    assert "## UHRI import: not published\n\nThe branch `data/uhri-import` has commits the workflow did not " \
           "make, and this run does not overwrite them:" in summary
    assert "ana@example.org Ana" in summary
    assert world.remote("refs/heads/data/uhri-import") == tip
    assert [c["args"][:2] for c in world.gh_calls()] == []


def test_a_failed_download_never_reaches_the_import(world, server):
    """The workflow's first step fails and writes the reason; the steps after it do not run."""
    base, files = server
    files["/cut.json"] = export()[:500]
    summary = world.tmp / "summary.md"
    result = run_upr("fetch", "uhri", "--url", f"{base}/cut.json", "--out", str(world.tmp / "x.json"),
                     "--min-upr", "10", "--retries", "0", "--summary", str(summary), cwd=world.tmp)
    assert result.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert "the file ends in the middle of the JSON, after 1 complete annotations" in text
    assert "**Nothing was imported and the repository is unchanged**" in text
    assert not (world.tmp / "x.json").exists()


def test_the_real_importer_end_to_end(tmp_path, server):
    """The UHRI importer for real, on the fixture in the documented JSON layout (Slovenia's
    real lists of sessions 34 and 48 as UHRI annotations, other bodies, the quirks), into a
    repository whose 193 State files ``upr import states`` wrote from sources/: the pull
    request says what the import adds in words; merged, a second run with the same export
    finds no change; OHCHR changing three positions gives "3 responses changed"; an unknown
    State name is refused by the importer and said in the run summary, with nothing changed."""
    import copy
    import uhri_fixture
    from upr import benchdata, names
    from upr.config import Settings

    def seed(root: Path) -> None:
        uhri_fixture.make_root(root)
        run_upr("import", "states", cwd=root, check=True,
                env={"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(ROOT / "sources")})

    (tmp_path / "w").mkdir()
    world = World(tmp_path / "w", seed_content=seed, real_upr=True)
    os.environ.setdefault("UPR_SOURCE_DATA", str(ROOT / "sources"))
    index = names.default_index(Settings(world.tmp / "seed"))
    found = uhri_fixture.annotations(lambda n: index.resolve(n) is not None)
    as_html = [dict(copy.deepcopy(a), text=f"<p>{a['text']}</p>") for a in found]
    week1 = benchdata.write_json(as_html, tmp_path / "week1.json").read_bytes()

    export_file, _ = download(world, server, week1, "real-week1.json")
    (prepared, summary, _), (published, _, _), _ = world.week(export_file)
    assert prepared.returncode == 0, summary + prepared.stdout + prepared.stderr
    assert published.returncode == 0, published.stdout + published.stderr
    (create,) = [c for c in world.gh_calls() if c["args"][:2] == ["pr", "create"]]
    said = [line[2:] for line in create["body"].splitlines() if line.startswith("- ")]
    assert said == [  # uhri_fixture.EXPECTED, in words, in State-name order
        "In all: 474 new recommendations, in 5 reviews of 4 States under Review",
        "3 new recommendations to Greece, session 53",
        "215 new recommendations to Slovenia, session 34",
        "254 new recommendations to Slovenia, session 48",
        "1 new recommendation to South Sudan, session 26",
        "1 new recommendation to Timor-Leste, session 40",
    ]
    assert "finds problems this change brings" not in create["body"]
    branch = "refs/heads/data/uhri-import"
    assert world.remote_file(branch, "states/recommendations/svn.csv").count("\nSVN-48-") == 254
    assert world.remote("main") == world.main_sha

    # a maintainer merges the pull request; the same export next week changes nothing
    maintainer = world.checkout("maintainer")
    git(maintainer, "fetch", "--quiet", "origin", "data/uhri-import")
    git(maintainer, "merge", "--quiet", "--ff-only", "FETCH_HEAD")
    git(maintainer, "push", "--quiet", "origin", "main")
    (prepared, summary, output), published, _ = world.week(export_file)
    assert (prepared.returncode, output, published) == (0, "changed=false\n", None), summary
    assert summary.startswith("## UHRI import: no change")
    assert world.gh_calls() == []

    # OHCHR corrects three positions of session 48
    noted48 = [a for a in as_html if a["session"] and "48" in a["session"][0] and a["position"] == ["Noted"]]
    for a in noted48[:3]:
        a["position"] = ["Supported"]
    week3 = benchdata.write_json(as_html, tmp_path / "week3.json").read_bytes()
    export_file, _ = download(world, server, week3, "real-week3.json")
    (prepared, summary, _), (published, _, _), _ = world.week(export_file)
    assert published.returncode == 0, summary + published.stdout
    (create,) = [c for c in world.gh_calls() if c["args"][:2] == ["pr", "create"]]
    assert [line[2:] for line in create["body"].splitlines() if line.startswith("- ")] == [
        "3 responses changed for Slovenia, session 48 (noted -> supported)"]

    # an export the importer refuses: nothing changes, the run summary carries its problems
    as_html[7]["countries"] = ["Atlantis"]
    week4 = benchdata.write_json(as_html, tmp_path / "week4.json").read_bytes()
    export_file, _ = download(world, server, week4, "real-week4.json")
    (prepared, summary, output), published, job1 = world.week(export_file)
    assert (prepared.returncode, output, published) == (1, "", None)
    assert summary.startswith("## UHRI import: the import found problems\n\nThe UHRI export was downloaded whole, "
                              "but `upr import recommendations` refused it (exit 1).")
    assert "real-week4.json:8: Countries: unknown State 'Atlantis' — add the spelling to 'aliases' in " \
           "states/<iso3>.md if it is a known State" in summary
    assert git(job1, "status", "--porcelain") == ""
    assert world.gh_calls() == []
