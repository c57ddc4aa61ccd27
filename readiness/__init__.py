"""readiness: an innovation readiness assessment for children's services.

The public API (:mod:`readiness.api`) is reachable from here, loaded on first use so that
``import readiness`` stays cheap::

    import readiness

    result = readiness.score("quick", "answers.yaml")
    print(readiness.render(result, "md"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = (
    "ScoredFile",
    "aggregate",
    "compare",
    "load_bank",
    "render",
    "score",
    "score_files",
    "validate_bank",
)
__all__ = ["__version__", *_API]

if TYPE_CHECKING:  # the names as mypy and editors see them
    from readiness.api import ScoredFile as ScoredFile
    from readiness.api import aggregate as aggregate
    from readiness.api import compare as compare
    from readiness.api import load_bank as load_bank
    from readiness.api import render as render
    from readiness.api import score as score
    from readiness.api import score_files as score_files
    from readiness.api import validate_bank as validate_bank


def __getattr__(name: str) -> Any:
    """PEP 562: load :mod:`readiness.api` when one of its names is first used."""
    if name in _API:
        import importlib

        return getattr(importlib.import_module("readiness.api"), name)
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
