"""Shared fixtures. The site is built for real (generate + ``mkdocs build --strict``)
once per test session, with a fixed ``--today``, into ``tests/.output/``."""
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
OUTPUT = ROOT / "tests" / ".output"
TODAY = dt.date(2026, 11, 30)             # the date the fixture site is built "on"
CHROMIUM = os.environ.get("UPR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


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


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built once from the repository's content. Returns ``site/``."""
    # One folder per test run, so that two runs at once never delete each other's build.
    out = OUTPUT / f"real-{os.getpid()}"
    if out.exists():
        shutil.rmtree(out)
    run_upr("build", "--today", TODAY.isoformat(), "--out", str(out), check=True)
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
def index():
    """The name index of the repository's States (upr.names), as every importer uses it."""
    from upr import names
    from upr.config import settings
    return names.default_index(settings(ROOT))


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
    src = source_data()
    files = sorted((src / "upr-info-database-export-2018__maxarvid_data-studio").glob("*.csv")) + sorted(
        (src / "ohchr-thematic-lists__Tony33344_slovenia-human-rights-tracker").glob("*.docx"))
    result = run_upr("import", "recommendations", *map(str, files),
                     env={"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(src)})
    assert result.returncode == 0, result.stdout
    return root
