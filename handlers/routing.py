"""Which department of which commune a ticket goes to.

The default is taxonomy.md's table plus its keyword rules; rules are folded
(diacritics-insensitive) so "do xe" and "đỗ xe" route alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.text import fold

DEFAULT_DEPARTMENT: dict[str, str] = {
    "civil_status": "office",
    "certification": "office",
    "residence_id": "police",
    "land": "economic",
    "construction": "economic",
    "infrastructure": "economic",
    "environment": "economic",
    "urban_order": "economic",
    "business": "economic",
    "social_welfare": "culture_social",
    "health": "culture_social",
    "education": "culture_social",
    "culture": "culture_social",
    "security_order": "police",
    "officials_conduct": "office",
    "other": "office",
}


@dataclass(frozen=True)
class KeywordRule:
    category: str
    keywords: tuple[str, ...]
    department: str
    why: str


DEFAULT_RULES: tuple[KeywordRule, ...] = (
    KeywordRule(
        "social_welfare",
        ("ho ngheo", "can ngheo", "giam ngheo"),
        "economic",
        "giảm nghèo thuộc Phòng Kinh tế",
    ),
    KeywordRule(
        "urban_order",
        ("do xe", "dau xe", "can tro giao thong", "do o to", "dau o to"),
        "police",
        "đỗ xe, cản trở giao thông thuộc Công an",
    ),
    KeywordRule(
        "officials_conduct",
        ("cong an", "canh sat", "csgt", "can bo cong an"),
        "police",
        "cán bộ công an thuộc Công an",
    ),
)
QUESTION_DEPARTMENT = "service_center"
_NON_WORD = re.compile(r"[^\w]+")


def department_for(category: str, text: str, *, intent: str = "report") -> str:
    """The department key for a ticket, by taxonomy.md's default rules."""
    if intent == "procedure":
        return QUESTION_DEPARTMENT
    folded = " " + _NON_WORD.sub(" ", fold(text)) + " "
    for rule in DEFAULT_RULES:
        if rule.category == category and any(f" {k} " in folded for k in rule.keywords):
            return rule.department
    return DEFAULT_DEPARTMENT.get(category, "office")
