"""``upr build`` and ``upr serve``: generate, then run MkDocs.

``build`` = check + generate + ``mkdocs build --strict`` into ``site/``.
``serve`` = generate, then ``mkdocs serve``, regenerating whenever a file under
``states/``, ``groups/``, ``tools_library/`` or ``docs/`` changes (watchdog), so
content edits show up in the browser.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..config import settings
from ..content import load_content
from ..problems import report
from ..site import generate
from .generate import add_today


def mkdocs_env() -> dict:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # silence the MkDocs 2.0 banner (PLATFORM.md)
    return env


def run_build(args) -> int:
    s = settings(today=args.today)
    t0 = time.perf_counter()
    content = load_content(s)
    errors, _ = report(content.problems, out=sys.stderr)
    if errors and not args.force:
        print(f"{errors} error(s) in the content: fix them (see above).", file=sys.stderr)
        return 1
    out = Path(args.out).resolve() if args.out else None
    docs_dir = out / "docs" if out else s.build_dir
    site_dir = out / "site" if out else s.root / "site"
    ctx = generate(s, content, docs_dir)
    t1 = time.perf_counter()
    config = s.root / "mkdocs.yml"
    if out:
        # Same configuration, other folders: MkDocs resolves docs_dir from the config file.
        config = out / "mkdocs.yml"
        config.write_text(f"INHERIT: {s.root / 'mkdocs.yml'}\ndocs_dir: {docs_dir}\nsite_dir: {site_dir}\n",
                          encoding="utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
           "--config-file", str(config), "--site-dir", str(site_dir)]
    result = subprocess.run(cmd, cwd=s.root, env=mkdocs_env())
    t2 = time.perf_counter()
    if result.returncode:
        print("mkdocs build failed (see the messages above).", file=sys.stderr)
        return result.returncode
    from ..postbuild import postbuild
    postbuild(s, site_dir)
    t3 = time.perf_counter()
    print(f"upr build: {len(ctx.written)} pages generated in {t1 - t0:.1f} s, "
          f"MkDocs {t2 - t1:.1f} s, post-build {t3 - t2:.1f} s -> {site_dir}", file=sys.stderr)
    return 0


def run_serve(args) -> int:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    s = settings(today=args.today)
    lock = threading.Lock()

    def regenerate():
        with lock:
            content = load_content(s)
            report(content.problems, out=sys.stderr)
            generate(s, content)

    regenerate()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.is_directory or "/.git/" in event.src_path or event.src_path.endswith(".tmp"):
                return
            try:
                regenerate()
            except Exception as exc:  # keep serving; show the problem
                print(f"upr serve: could not regenerate: {exc}", file=sys.stderr)

    observer = Observer()
    for folder in (s.states_dir, s.groups_dir, s.tools_dir, s.docs_dir):
        if folder.is_dir():
            observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    try:
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(s.root / "mkdocs.yml"),
               "--dev-addr", args.dev_addr]
        return subprocess.call(cmd, cwd=s.root, env=mkdocs_env())
    finally:
        observer.stop()
        observer.join()


def register(cli) -> None:
    p = cli.command("build", "check the content, generate the pages and build the site into site/")
    add_today(p)
    p.add_argument("--force", action="store_true", help="build even if the content has errors")
    p.add_argument("--out", help="build into OUT/docs and OUT/site instead of build/docs and site/ (tests, previews)")
    p.set_defaults(func=run_build)
    p = cli.command("serve", "preview the site with live reload; content edits are regenerated")
    add_today(p)
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    p.set_defaults(func=run_serve)
