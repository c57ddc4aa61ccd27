"""Join codes, participant tokens and facilitator secrets: short where people type them,
long and random where only browsers hold them, and never stored in the clear."""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits nobody mistakes for another when reading them off a projector (no 0/O,
1/I/L)."""
CODE_LENGTH = 6


def new_join_code(length: int = CODE_LENGTH) -> str:
    """``K7QX3M``: short enough to type on a phone, 31**6 (about 890 million) of them."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def same_code(typed: str | None, code: str | None) -> bool:
    """Whether ``typed`` is the join code (any case, spaces and dashes ignored); True when no
    code is needed."""
    if code is None:
        return True
    if not typed:
        return False
    cleaned = "".join(c for c in typed.upper() if c not in " -")
    return hmac.compare_digest(cleaned.encode(), code.encode())


def same_secret(given: str | None, secret: str) -> bool:
    """Whether ``given`` is the facilitator's secret, compared in constant time."""
    return bool(given) and hmac.compare_digest(str(given).encode(), secret.encode())


def new_token() -> str:
    """A participant's token (kept in their browser's cookie only)."""
    return secrets.token_urlsafe(32)


def new_secret() -> str:
    """The facilitator's secret (in the facilitator's link only)."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """What the server keeps of a token: its SHA-256, which also names the session file.

    32 hex digits fit the session id's pattern; a stolen session file gives no token.
    """
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()[:32]
