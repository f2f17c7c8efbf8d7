"""The rules that ship: taxonomy.md's table, its three keyword rules, and procedure
questions to the service centre. In force while admins have stored no rules."""

from __future__ import annotations

from handlers.routing.rules import FALLBACK_DEPARTMENT, QUESTION_DEPARTMENT, Facts, Rule, evaluate

# taxonomy.md's table: department key → the categories it receives
_TABLE: dict[str, tuple[str, ...]] = {
    "office": ("civil_status", "certification", "officials_conduct", "other"),
    "economic": (
        "land",
        "construction",
        "infrastructure",
        "environment",
        "urban_order",
        "business",
    ),
    "culture_social": ("social_welfare", "health", "education", "culture"),
    "police": ("residence_id", "security_order"),
}
DEFAULT_DEPARTMENT: dict[str, str] = {c: d for d, cs in _TABLE.items() for c in cs}


def _default_rules() -> tuple[Rule, ...]:
    rules = [Rule(FALLBACK_DEPARTMENT, note="mặc định")]
    rules.append(Rule(QUESTION_DEPARTMENT, intent="procedure", note="hỏi thủ tục"))
    for category, department in DEFAULT_DEPARTMENT.items():
        rules.append(Rule(department, intent="report", category=category, note="taxonomy.md"))
    rules += [
        Rule(
            "economic",
            intent="report",
            category="social_welfare",
            keywords=("hộ nghèo", "cận nghèo", "giảm nghèo"),
            note="giảm nghèo thuộc Phòng Kinh tế",
        ),
        Rule(
            "police",
            intent="report",
            category="urban_order",
            keywords=("đỗ xe", "đậu xe", "cản trở giao thông", "đỗ ô tô", "đậu ô tô"),
            note="đỗ xe, cản trở giao thông thuộc Công an",
        ),
        Rule(
            "police",
            intent="report",
            category="officials_conduct",
            keywords=("công an", "cảnh sát", "csgt", "cán bộ công an"),
            note="cán bộ công an thuộc Công an",
        ),
    ]
    return tuple(rules)


DEFAULT_RULES: tuple[Rule, ...] = _default_rules()


_WITH_KEYWORDS = frozenset(r.category for r in DEFAULT_RULES if r.keywords)


def department_for(category: str, text: str, *, intent: str = "report") -> str:
    """The shipped defaults alone, without a database (kept for synchronous callers).

    `motcua nlu predict` calls this for every message: the table answers at once for the
    categories that have no keyword rule; the others go through the rule evaluation.
    """
    if intent == "report" and category not in _WITH_KEYWORDS and category in DEFAULT_DEPARTMENT:
        return DEFAULT_DEPARTMENT[category]
    facts = Facts(intent=intent, category=category, text=text, commune="")
    return evaluate(DEFAULT_RULES, facts).department
