"""The ``coachkit`` command: a thin layer over the Python API.

Exit codes: 0 ok; 1 problems found by `questions --check`; 2 bad input or usage;
3 scoring or provider failure; 130 interrupted (Ctrl-C).

``parser`` wires each command to its handler: ``questions`` (questions, next),
``score`` (score, transcribe; ``card`` prints the card, ``unscored`` keeps an answer
that could not be scored or saved), ``history`` (history, delete, progress, export,
import), ``llm`` (config, usage, rescore). ``run.main`` runs one; ``output`` and
``loading`` hold what they share.
"""

from __future__ import annotations

from .parser import build_parser
from .run import main

__all__ = ["build_parser", "main"]
