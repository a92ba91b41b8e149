"""``upr build`` and ``upr serve``: generate, then run MkDocs.

``build`` = check + generate + ``mkdocs build --strict`` into ``site/``.
``serve`` = generate, then ``mkdocs serve``, regenerating whenever a file under
``states/``, ``groups/``, ``tools_library/`` or ``docs/`` changes (watchdog), so
content edits show up in the browser.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..config import settings
from ..content import load_content
from ..problems import report
from ..i18n import LANGUAGES
from ..mkconfig import write_configs
from ..site import atomic_write, generate, generate_all
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
    languages = tuple(x for x in LANGUAGES if x in args.lang) if args.lang else LANGUAGES
    out = Path(args.out).resolve() if args.out else None
    base = out if out else s.build_dir.parent
    site_dir = out / "site" if out else s.root / "site"
    from ..postbuild import start_background, wait_background
    from ..site import generators
    list(generators())  # page modules register their background work when imported
    background = start_background(content)
    contexts = generate_all(s, content, base, languages)
    t1 = time.perf_counter()
    code = build_sites(s, base, site_dir, languages)
    wait_background(background)
    t2 = time.perf_counter()
    if code:
        print("mkdocs build failed (see the messages above).", file=sys.stderr)
        return code
    from ..postbuild import postbuild
    postbuild(s, site_dir)
    t3 = time.perf_counter()
    pages = sum(len(c.written) for c in contexts)
    print(f"upr build: {pages} files generated for {', '.join(languages)} in {t1 - t0:.1f} s, "
          f"MkDocs {t2 - t1:.1f} s, post-build {t3 - t2:.1f} s -> {site_dir}", file=sys.stderr)
    return 0


def build_sites(s, base: Path, site_dir: Path, languages) -> int:
    """Run one ``mkdocs build --strict`` per language, in parallel (one process
    each: the machine has 2 cores), then put them together: English at the
    root of ``site_dir``, the others in ``site_dir/<lang>/``. Returns an exit code."""
    tmp = {lang: base / f"site-{lang}" for lang in languages}
    configs = write_configs(s.root, base, tmp)
    procs = []
    for lang in languages:
        # Not --quiet: it hides the warnings that --strict counts, and the build "passes".
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(configs[lang])]
        procs.append((lang, subprocess.Popen(cmd, cwd=s.root, env=mkdocs_env(), text=True,
                                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))
    failed = []
    for lang, proc in procs:
        output, _ = proc.communicate()
        for line in output.splitlines():
            if not line.startswith("INFO") and line.strip():
                print(f"[{lang}] {line}", file=sys.stderr)
        if proc.returncode:
            failed.append(lang)
    if failed:
        print(f"MkDocs failed for: {', '.join(failed)}", file=sys.stderr)
        return 1
    if site_dir.exists():
        shutil.rmtree(site_dir)
    os.replace(tmp[languages[0]], site_dir)
    for lang in languages[1:]:
        os.replace(tmp[lang], site_dir / lang)
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
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(preview_config(s)),
               "--dev-addr", args.dev_addr]
        return subprocess.call(cmd, cwd=s.root, env=mkdocs_env())
    finally:
        observer.stop()
        observer.join()


def preview_config(s) -> Path:
    """``build/mkdocs.preview.yml`` for ``upr serve``: ``mkdocs.yml`` with a policy that
    also allows inline scripts, because MkDocs' live reload injects one whose text changes
    on every page load (it cannot be listed by hash). Only for the local preview: the
    published site is built with ``mkdocs.yml``'s policy and checked (upr.scriptcheck)."""
    import yaml
    from ..mkconfig import read_mkdocs_yml
    from ..scriptcheck import POLICY_KEY, preview_policy
    config = read_mkdocs_yml(s.root)
    path = s.build_dir.parent / "mkdocs.preview.yml"
    overrides = {"INHERIT": str(s.root / "mkdocs.yml"), "docs_dir": str(s.build_dir),
                 "extra": {POLICY_KEY: preview_policy(str((config.get("extra") or {}).get(POLICY_KEY) or ""))}}
    if (config.get("theme") or {}).get("custom_dir"):  # resolved from the config file's folder
        overrides["theme"] = {"custom_dir": str(s.root / config["theme"]["custom_dir"])}
    atomic_write(path, yaml.safe_dump(overrides, allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path


def register(cli) -> None:
    p = cli.command("build", "check the content, generate the pages and build the site into site/")
    add_today(p)
    p.add_argument("--force", action="store_true", help="build even if the content has errors")
    p.add_argument("--out", help="build into OUT/docs… and OUT/site instead of build/ and site/ (tests, previews)")
    p.add_argument("--lang", action="append", choices=LANGUAGES,
                   help="build only this language (repeatable; default: all of en, fr, es; en first)")
    p.set_defaults(func=run_build)
    p = cli.command("serve", "preview the site with live reload; content edits are regenerated")
    add_today(p)
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    p.set_defaults(func=run_serve)
