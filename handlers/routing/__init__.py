"""Routing: which department of which commune a ticket goes to, and why — rules as data
(defaults from taxonomy.md), most specific match wins, ties and loops refused at load."""

from handlers.routing.defaults import DEFAULT_DEPARTMENT, DEFAULT_RULES, department_for
from handlers.routing.rules import (
    ASK_CITIZEN,
    FALLBACK_DEPARTMENT,
    QUESTION_DEPARTMENT,
    Decision,
    Facts,
    Rule,
    Verdict,
    check_rules,
    evaluate,
    folded_words,
)
from handlers.routing.store import load_rules, route, row_from_rule, rule_from_row, save_rules

__all__ = [
    "ASK_CITIZEN",
    "DEFAULT_DEPARTMENT",
    "DEFAULT_RULES",
    "FALLBACK_DEPARTMENT",
    "QUESTION_DEPARTMENT",
    "Decision",
    "Facts",
    "Rule",
    "Verdict",
    "check_rules",
    "department_for",
    "evaluate",
    "folded_words",
    "load_rules",
    "route",
    "row_from_rule",
    "rule_from_row",
    "save_rules",
]
