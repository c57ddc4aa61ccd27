"""Understanding typed replies: read a reply as a person means it (see :mod:`.reading`).

Not imported at start-up: a front end imports it on the first typed reply. Standard library
and :mod:`readiness.model`/:mod:`readiness.kinds` only.
"""

from __future__ import annotations

from readiness.understanding.reading import Reading, understand

__all__ = ["Reading", "understand"]
