"""Shared fixtures. The site is built for real (generate + ``mkdocs build --strict``)
once per test session, with a fixed ``--today``, into ``tests/.output/``, from a
fixture content root (:func:`site_root`), never from the repository's own
``states/``, ``groups/``, ``tools_library/`` or ``docs/`` pages: a valid
contribution must never turn a test red (issue 14, item 1)."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"          # byte-exact copies of the real failure cases (inputs and expected.md)
SITE_FIXTURE = ROOT / "tests" / "fixtures" / "site"  # the hand-written content of the fixture site (README.md there)
CALENDAR_FIXTURE = ROOT / "tests" / "fixtures" / "calendar" / "sessions.yml"
#: What a fixture root takes from the repository: code and configuration, never content.
SITE_CODE = ("mkdocs.yml", "overrides", "docs/javascripts", "docs/stylesheets")
#: The live content folders no test may read (tests/test_fixture_isolation.py checks it).
LIVE_CONTENT = ("states", "groups", "tools_library", "docs", "news")
OUTPUT = ROOT / "tests" / ".output"
TODAY = dt.date(2026, 11, 30)             # the date the fixture site is built "on"
CHROMIUM = os.environ.get("UPR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class LiveContentRead(RuntimeError):
    """A test (or code it runs in the test process) read the repository's live content."""


#: Every live-content path a test touched (the guard raises, this also catches a raise
#: that the code under test swallowed); checked when the session ends.
LIVE_READS: list[str] = []
_LIVE = tuple(str(ROOT / d) for d in LIVE_CONTENT)
_CODE = tuple(str(ROOT / d) for d in SITE_CODE if d.startswith("docs/"))


def _under(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == f or path.startswith(f + os.sep) for f in folders)


def _live_content_guard(event: str, args: tuple) -> None:
    """Audit hook (PEP 578): opening or listing anything in the live content folders
    (:data:`LIVE_CONTENT`, except the code in :data:`SITE_CODE`) from the test process
    fails the test. Subprocesses (``run_upr``) get their root from ``UPR_ROOT`` and
    their cwd; tests/test_fixture_isolation.py checks those statically."""
    if not _GUARD["on"] or event not in ("open", "os.listdir", "os.scandir") or not args:
        return
    path = args[0]
    if not isinstance(path, (str, bytes, os.PathLike)):
        return
    path = os.fsdecode(path)
    if not os.path.isabs(path) and event == "open" and (len(args) < 2 or args[1] is None):
        return  # os.open: a relative name may be relative to a dir_fd (shutil.rmtree) we cannot see
    full = os.path.abspath(path)
    if _under(full, _LIVE) and not _under(full, _CODE):
        rel = os.path.relpath(full, ROOT)
        LIVE_READS.append(rel)
        raise LiveContentRead(f"a test read the live content file {rel}: tests use fixtures (the site_root fixture "
                              "or files under tests/fixtures/), never states/, groups/, tools_library/ or docs/")


_GUARD = {"on": False}


def pytest_sessionstart(session):
    _GUARD["on"] = True
    sys.addaudithook(_live_content_guard)  # an audit hook cannot be removed: _GUARD turns it off


def pytest_sessionfinish(session, exitstatus):
    _GUARD["on"] = False  # pytest's own clean-up of old temporary folders follows
    if LIVE_READS:
        print("\nTests read live content (see tests/fixtures/site/README.md):\n  " + "\n  ".join(sorted(set(LIVE_READS))))
        session.exitstatus = 1


def source_data() -> Path:
    """The real source data, kept in the repository (``sources/``)."""
    path = ROOT / "sources"
    if not path.is_dir():
        pytest.fail(f"real source data not found at {path}: it is part of the repository (git checkout sources/)")
    return path


def run_upr(*args: str, cwd: Path = ROOT, check: bool = False, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI (``python -m upr``) and capture its output."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1")
    full_env.update(env or {})
    result = subprocess.run([sys.executable, "-m", "upr", *args], cwd=cwd, env=full_env,
                            capture_output=True, text=True)
    if check and result.returncode:
        raise AssertionError(f"upr {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def real_sources() -> list[Path]:
    """The real recommendation sources in ``sources/`` that ``upr import recommendations``
    reads: the UPR Info 2018 export and Slovenia's OHCHR thematic lists."""
    src = source_data()
    return sorted((src / "upr-info-database-export-2018__maxarvid_data-studio").glob("*.csv")) + sorted(
        (src / "ohchr-thematic-lists__Tony33344_slovenia-human-rights-tracker").glob("*.docx"))


def _git(root: Path, *args: str, when: str = "2026-11-01T10:00:00+00:00", name: str = "Fixture Author") -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL="fixture@example.org", GIT_COMMITTER_NAME=name,
               GIT_COMMITTER_EMAIL="fixture@example.org", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=root,
                   env=env, check=True, capture_output=True)


def make_site_root(root: Path, recommendations: Path | None = None) -> Path:
    """A complete content root for the site, built from fixtures only:

    * code and configuration from the repository (:data:`SITE_CODE`);
    * hand-written content (groups, tools, pages, news, assessments) from
      ``tests/fixtures/site/``, the calendar from ``tests/fixtures/calendar/``;
    * the State files and the recommendations as ``upr import`` makes them from
      ``sources/`` (raw, checksummed data: not live content);
    * ``.github/CODEOWNERS`` written by ``upr codeowners`` from the fixture groups;
    * a git history of seven commits with fixed authors and dates (pages show
      "last updated" and contributors, the changes feed lists commits).

    ``recommendations``: a ``states/recommendations`` folder imported already (copied)."""
    root.mkdir(parents=True, exist_ok=True)
    for rel in SITE_CODE:
        src, dst = ROOT / rel, root / rel
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dst)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Site configuration", when="2026-10-01T09:00:00+00:00")
    env = {"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(source_data())}
    (root / "states").mkdir()
    shutil.copy(CALENDAR_FIXTURE, root / "states" / "sessions.yml")
    run_upr("import", "states", "--from", str(source_data()), cwd=root, env=env, check=True)
    _git(root, "add", "states")
    _git(root, "commit", "-qm", "States and calendar", when="2026-10-02T09:00:00+00:00", name="Amina Diallo")
    if recommendations is not None:
        shutil.copytree(recommendations, root / "states" / "recommendations")
    else:
        run_upr("import", "recommendations", *map(str, real_sources()), cwd=root, env=env, check=True)
    _git(root, "add", "states")
    _git(root, "commit", "-qm", "Import the recommendations", when="2026-10-03T09:00:00+00:00", name="Lukas Novak")
    steps = [("groups", "Country groups", "José Pérez"), ("tools_library", "Tools library", "Amina Diallo"),
             ("docs", "Site pages and news", "Lukas Novak"), ("states", "NGO assessments", "José Pérez")]
    for day, (folder, message, name) in enumerate(steps, 4):
        shutil.copytree(SITE_FIXTURE / folder, root / folder, dirs_exist_ok=True)
        if folder == "groups":  # the review of a group's folder goes to its contacts (made, never copied)
            run_upr("codeowners", cwd=root, env=env, check=True)
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", message, when=f"2026-10-{day:02d}T09:00:00+00:00", name=name)
    return root


@pytest.fixture(scope="session")
def site_root(tmp_path_factory, real_import) -> Path:
    """The fixture content root the site is built from (:func:`make_site_root`).
    Tests read it, never change it: copy it to change it."""
    return make_site_root(tmp_path_factory.mktemp("site") / "root", real_import / "states" / "recommendations")


def copy_site_root(site_root: Path, dest: Path) -> Path:
    """A copy of the fixture root (without its git history) that a test may change."""
    shutil.copytree(site_root, dest, ignore=shutil.ignore_patterns(".git"))
    return dest


@pytest.fixture(scope="session")
def built_site(site_root) -> Path:
    """The real site, built once from the fixture content root. Returns ``site/``."""
    # One folder per test run, so that two runs at once never delete each other's build.
    out = OUTPUT / f"real-{os.getpid()}"
    if out.exists():
        shutil.rmtree(out)
    run_upr("build", "--today", TODAY.isoformat(), "--out", str(out), cwd=site_root, check=True,
            env={"UPR_ROOT": str(site_root), "UPR_SOURCE_DATA": str(source_data())})
    yield out / "site"
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on a free loopback port; yields the base URL."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))

    class Quiet(http.server.ThreadingHTTPServer):
        pass

    http.server.SimpleHTTPRequestHandler.log_message = lambda *a, **k: None
    server = Quiet(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def index(site_root):
    """The name index of the fixture root's States (upr.names), as every importer uses it."""
    from upr import names
    from upr.config import settings
    return names.default_index(settings(site_root))


def text_of(page: Path) -> str:
    """The visible text of a built HTML page: no scripts or styles, tags as spaces,
    entities decoded (a no-break space becomes a space), whitespace collapsed."""
    import html
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)).replace("\xa0", " "))


@pytest.fixture(scope="session")
def real_import(tmp_path_factory) -> Path:
    """A fixture root with every real source of ``sources/`` imported (the UPR Info 2018
    export and Slovenia's OHCHR lists: today's 59,162 recommendations), no State files
    (names resolve from ``sources/``). Never the repository's own ``states/``."""
    root = tmp_path_factory.mktemp("real-import")
    (root / "states" / "recommendations").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: fixture\n")
    result = run_upr("import", "recommendations", *map(str, real_sources()),
                     env={"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(source_data())})
    assert result.returncode == 0, result.stdout
    return root
