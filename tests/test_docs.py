"""Documentation cannot drift from the code: every command of the CLI is in the README."""
from __future__ import annotations

import argparse

from conftest import ROOT
from upr.cli import build_parser


def _commands(parser: argparse.ArgumentParser, prefix: str = "upr") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _commands(sub, f"{prefix} {name}")
                found += nested or [f"{prefix} {name}"]
    return found


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(build_parser())
    assert "upr import recommendations" in commands and "upr check" in commands
    missing = [c for c in commands if c not in readme]
    assert missing == [], f"add these commands to README.md's command table: {missing}"


def test_readme_shows_the_two_commands_and_ci_calls_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
