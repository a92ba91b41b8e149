"""UPR Platform: content, checks and site generation for NGOs working on the UN
Universal Periodic Review. See README.md; the command-line interface is ``upr``."""

__version__ = "0.1.0"
