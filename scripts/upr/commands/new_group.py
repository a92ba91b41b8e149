"""``upr new group --state XXX --session N``: create a country group from the template."""
from __future__ import annotations

import string
import sys
from importlib import resources

from ..config import settings
from ..content import load_content
from ..groups import SESSIONS_PER_CYCLE, _session_states, cycle_of, session_of
from ..site import atomic_write


def _state_name(content, iso3: str) -> str:
    states = getattr(content, "states", None) or {}
    state = states.get(iso3) if isinstance(states, dict) else None
    try:
        return state.names["en"]["short"]
    except (AttributeError, KeyError, TypeError):
        return iso3


def plan(content, iso3: str, session: int) -> tuple[bool, list[str]]:
    """(projected, errors) for a new group: the State must be reviewed in the session,
    or in the session 14 earlier when the session's States are not yet published."""
    errors = []
    states = getattr(content, "states", None)
    if isinstance(states, dict) and states and iso3 not in states:
        errors.append(f"{iso3} is not a known State: use the ISO 3166 alpha-3 code, e.g. TGO")
    calendar = getattr(content, "sessions", None)
    if calendar is None or not getattr(calendar, "sessions", None):
        errors.append("the session calendar (states/sessions.yml) is not available, so the session cannot be checked")
        return False, errors
    current = _session_states(session_of(calendar, session))
    if current:
        if iso3 not in current:
            errors.append(f"{iso3} is not reviewed in session {session}; its States are: {', '.join(current)}")
        return False, errors
    earlier = _session_states(session_of(calendar, session - SESSIONS_PER_CYCLE))
    if iso3 in earlier:
        return True, errors
    if earlier:
        errors.append(f"session {session} has no published States, and {iso3} was not reviewed in session "
                      f"{session - SESSIONS_PER_CYCLE} (the projection): choose one of {', '.join(earlier)}")
    else:
        errors.append(f"session {session} is not in the calendar")
    return False, errors


def run(args) -> int:
    s = settings()
    iso3 = args.state.strip().upper()
    content = load_content(s)
    projected, errors = plan(content, iso3, args.session)
    folder = s.groups_dir / f"{iso3.lower()}-{args.session}"
    if folder.exists():
        errors.append(f"{s.rel(folder)} already exists: edit its index.md instead (nothing was overwritten)")
    if errors:
        for e in errors:
            print(f"upr new group: {e}", file=sys.stderr)
        return 1
    values = {"state": iso3, "session": args.session, "cycle": cycle_of(args.session),
              "state_name": _state_name(content, iso3),
              "projected_line": ("# The session's States are not yet published: this follows the projected list.\n"
                                 "projected: true\n") if projected else ""}
    templates = resources.files("upr") / "templates" / "group"
    names = ["index.md"] + (["submission.md"] if args.with_submission else [])
    for name in names:
        text = string.Template(templates.joinpath(name).read_text(encoding="utf-8")).substitute(values)
        atomic_write(folder / name, text.encode("utf-8"))
        print(f"created {s.rel(folder / name)}", file=sys.stderr)
    print("Next: replace the example organisation, then run `upr check`. (.github/CODEOWNERS follows the "
          "group by itself: a workflow proposes it after the merge.)", file=sys.stderr)
    return 0


def register(cli) -> None:
    p = cli.command("group", "create a country group for a State under Review in a session", group="new")
    p.add_argument("--state", required=True, help="ISO 3166 alpha-3 code of the State under Review, e.g. TGO")
    p.add_argument("--session", required=True, type=int, help="Working Group session number, e.g. 54")
    p.add_argument("--with-submission", action="store_true", help="also create a submission.md draft from the template")
    p.set_defaults(func=run)
