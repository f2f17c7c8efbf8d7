"""Phone numbers and ticket/dossier codes in a citizen's message.

A citizen who quotes "PA-0123" wants that ticket, and a phone number is how an official
calls back; both are found by pattern, not learnt, because their shape is fixed.
Offsets refer to the text given (callers pass ``normalize.clean(text)``).
"""

from __future__ import annotations

import re

from nlu.types import Entity

# Our own tickets ("PA-0123", "PA-4829-1375", "PA-2025-00777") and dossier codes of other
# systems ("HD-…", "HS-…"): 2–4 letters, a dash, digit groups.
_LETTER_CODE = re.compile(r"(?<![\w-])([A-Za-z]{2,4}-\d{3,}(?:-\d{2,})*)(?![\w-])")
# The national public-service portal prints dossier codes as date-sequence: "250901-0007",
# sometimes behind an office prefix ("H29.32-250901-0007").
_PORTAL_CODE = re.compile(r"(?<![\w-])((?:[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*-)?\d{6}-\d{4})(?![\w-])")

_SEP = r"[ .\-]?"
# Mobile: 0 or +84/84, then 3/5/7/8/9 and eight more digits, optionally grouped.
_MOBILE = re.compile(
    r"(?<![\w+])((?:\+84|84|0)" + _SEP + r"[35789](?:" + _SEP + r"\d){8})(?![\w])"
)
# Landline: 02x(x) area code plus subscriber number, eleven digits with the 0.
_LANDLINE = re.compile(
    r"(?<![\w+])(\(?(?:\+84|84|0)\)?" + _SEP + r"\(?2(?:[ .\-)]{0,2}\d){9})(?![\w])"
)


# No citizen quotes more; a pasted phone book must not cost seconds (overlap checks are
# quadratic in the number found).
MAX_ENTITIES = 50


def _digits(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return "0" + digits[2:] if digits.startswith("84") else digits


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def find_entities(text: str) -> tuple[Entity, ...]:
    """Ticket codes first (their digits must not read as a phone), then phone numbers.

    Values are canonical: codes upper case, phones as ten or eleven digits starting with 0.
    At most ``MAX_ENTITIES`` are returned.
    """
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_LETTER_CODE, _PORTAL_CODE):
        for match in pattern.finditer(text):
            if len(found) >= MAX_ENTITIES:
                break
            start, end = match.span(1)
            if not _overlaps(start, end, taken):
                found.append(Entity("ticket_code", match.group(1).upper(), start, end))
                taken.append((start, end))
    for pattern in (_MOBILE, _LANDLINE):
        for match in pattern.finditer(text):
            if len(found) >= MAX_ENTITIES:
                break
            start, end = match.span(1)
            if not _overlaps(start, end, taken):
                found.append(Entity("phone", _digits(match.group(1)), start, end))
                taken.append((start, end))
    return tuple(sorted(found, key=lambda entity: entity.start))
