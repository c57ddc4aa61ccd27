"""Allow ``python -m readiness``."""

from __future__ import annotations

from readiness.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
