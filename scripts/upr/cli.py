"""The ``upr`` command line: one entry point, with subcommands found in
:mod:`upr.commands` (each module there has ``register(cli)``).

Groups of subcommands: ``upr fetch …``, ``upr import …``, ``upr new …``, ``upr submission …``, ``upr report …``.
Run ``upr --help`` or ``upr <command> --help``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import pkgutil
import sys

from . import __version__, commands
from .archives import ArchiveTooBig

GROUPS = {
    "fetch": "download source data (the UHRI export) and check that it arrived whole",
    "import": "import data from a source (UPR Info export, OHCHR lists, reference tables)",
    "new": "create a new content file from a template",
    "submission": "check or export a country group's joint submission",
    "report": "write an advocacy document: the CSO mid-term report or a lobby briefing (Word, Excel)",
}


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD") from None


class CLI:
    """Builds the argparse tree. ``command(name, help, group=None)`` returns a parser
    whose ``func`` default is set by the caller with ``parser.set_defaults(func=...)``."""

    def __init__(self):
        self.parser = argparse.ArgumentParser(
            prog="upr", description="UPR Platform: check content, import UPR data, build the site.")
        self.parser.add_argument("--version", action="version", version=f"upr {__version__}")
        self.sub = self.parser.add_subparsers(dest="command", metavar="COMMAND")
        self.groups: dict[str, argparse._SubParsersAction] = {}

    def command(self, name: str, help: str, group: str | None = None) -> argparse.ArgumentParser:
        if group is None:
            return self.sub.add_parser(name, help=help, description=help)
        if group not in self.groups:
            gp = self.sub.add_parser(group, help=GROUPS[group], description=GROUPS[group])
            self.groups[group] = gp.add_subparsers(dest="subcommand", metavar="WHAT")
            gp.set_defaults(func=lambda args, gp=gp: gp.print_help() or 2)
        return self.groups[group].add_parser(name, help=help, description=help)


def build_parser() -> argparse.ArgumentParser:
    cli = CLI()
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(cli)
    return cli.parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except FileNotFoundError as exc:
        print(f"upr: {exc}", file=sys.stderr)
        return 2
    except ArchiveTooBig as exc:  # a zip bomb met outside upr check (a forced build): refused, not read
        print(f"upr: refused to read {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
