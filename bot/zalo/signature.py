"""Zalo's webhook signature: SHA-256 of app id + raw body + timestamp + OA secret key."""

from __future__ import annotations

import hashlib
import hmac
import json

HEADER = "X-ZEvent-Signature"


def sign(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """The header value Zalo sends (``mac=<hex>``); the emulator signs with it too."""
    digest = hashlib.sha256(
        app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode()
    ).hexdigest()
    return f"mac={digest}"


def body_timestamp(raw_body: bytes) -> str:
    """The ``timestamp`` field of the body, as sent (a string of epoch milliseconds)."""
    try:
        data = json.loads(raw_body)
    except (ValueError, UnicodeDecodeError):
        return ""
    if not isinstance(data, dict):
        return ""
    value = data.get("timestamp", "")
    return value if isinstance(value, str) else str(value)


def verify(app_id: str, oa_secret_key: str, raw_body: bytes, header: str | None) -> bool:
    """Constant-time check; without a configured key nothing is accepted."""
    if not header or not app_id or not oa_secret_key:
        return False
    expected = sign(app_id, raw_body, body_timestamp(raw_body), oa_secret_key)
    return hmac.compare_digest(header.strip().encode(), expected.encode())
