"""Subcommands of ``upr``: each module defines ``register(cli)`` (see :mod:`upr.cli`)."""
