"""Ticket codes citizens can read aloud on the phone: ``PA-4829-1375``.

Digits only (Vietnamese speakers read digits unambiguously, letters like F/J/W/Z not), random
so that codes reveal no volumes, and the last digit is a Damm check digit: every single
misheard digit and every swap of two neighbours is caught before a lookup happens.
"""

from __future__ import annotations

import re
import secrets

PREFIXES = {"report": "PA", "question": "HD"}
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
_CODE_IN_TEXT = re.compile(r"\b(PA|HD)[\s\-.]*(\d{4})[\s\-.]*(\d{4})\b", re.IGNORECASE)


def damm_digit(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def new_code(kind: str = "report") -> str:
    body = "".join(secrets.choice("0123456789") for _ in range(7))
    digits = body + str(damm_digit(body))
    return f"{PREFIXES.get(kind, 'PA')}-{digits[:4]}-{digits[4:]}"


def find_code(text: str) -> str | None:
    """The first well-formed code in a message, normalised (``pa 48291375`` → ``PA-4829-1375``)."""
    for match in _CODE_IN_TEXT.finditer(text):
        digits = match.group(2) + match.group(3)
        if damm_digit(digits) == 0:
            return f"{match.group(1).upper()}-{digits[:4]}-{digits[4:]}"
    return None
