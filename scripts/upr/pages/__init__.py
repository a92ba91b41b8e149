"""Page generators. Each module defines ``generate(ctx: upr.site.BuildContext)`` and
writes Markdown/JSON/ICS files with ``ctx.write``; :func:`upr.site.generate` runs
them in module-name order after copying the hand-written ``docs/``."""
