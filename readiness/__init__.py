"""readiness: an innovation readiness assessment for children's services."""

from __future__ import annotations

__version__ = "0.1.0"
