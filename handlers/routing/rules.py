"""Routing rules and how they decide: the most specific matching rule wins; ties and loops
between communes are refused when rules are loaded, never discovered at run time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from handlers.errors import UserError
from nlu.text import fold

ASK_CITIZEN = "ask_citizen"
QUESTION_DEPARTMENT = "service_center"
FALLBACK_DEPARTMENT = "office"
_NON_WORD = re.compile(r"[^\w]+")


def folded_words(text: str) -> str:
    """Lower-case, diacritics-free words padded with spaces, so "Đỗ xe" finds " do xe "."""
    return " " + " ".join(_NON_WORD.sub(" ", fold(text)).split()) + " "


@dataclass(frozen=True)
class Rule:
    """A routing rule; a condition left ``None`` (or no keywords) matches anything."""

    department: str
    intent: str | None = None
    category: str | None = None
    province: str | None = None
    commune: str | None = None
    keywords: tuple[str, ...] = ()
    min_confidence: float | None = None
    target_commune: str | None = None
    note: str = ""

    folded: tuple[str, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        words = tuple(dict.fromkeys(" ".join(w.lower().split()) for w in self.keywords))
        object.__setattr__(self, "keywords", tuple(w for w in words if w))
        object.__setattr__(self, "folded", tuple(folded_words(w).strip() for w in self.keywords))

    @property
    def specificity(self) -> tuple[int, int]:
        """(place level, other conditions): a commune's own rule beats a province's and both
        beat the shipped defaults; then the rule with more conditions wins."""
        place = 2 if self.commune else 1 if self.province else 0
        others = sum(
            (
                self.intent is not None,
                self.category is not None,
                bool(self.keywords),
                self.min_confidence is not None,
            )
        )
        return place, others

    def overlaps(self, other: Rule) -> bool:
        """Whether some message could satisfy both rules' fixed conditions."""
        pairs = (
            (self.intent, other.intent),
            (self.category, other.category),
            (self.province, other.province),
            (self.commune, other.commune),
        )
        return all(a is None or b is None or a == b for a, b in pairs)

    def describe(self) -> str:
        parts = [
            f"{name}={value}"
            for name, value in (
                ("intent", self.intent),
                ("category", self.category),
                ("province", self.province),
                ("commune", self.commune),
            )
            if value is not None
        ]
        if self.keywords:
            parts.append("keywords=" + "|".join(self.keywords))
        if self.min_confidence is not None:
            parts.append(f"confidence>={self.min_confidence:g}")
        target = self.department + (f"@{self.target_commune}" if self.target_commune else "")
        return f"{' '.join(parts) or '(mọi tin)'} → {target}"


@dataclass(frozen=True)
class Facts:
    """What routing looks at for one message."""

    intent: str
    category: str
    text: str
    commune: str
    province: str | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Verdict:
    """One rule's answer for a message: matched or the first reason it did not."""

    position: int
    rule: Rule
    matched: bool
    reason: str


@dataclass(frozen=True)
class Decision:
    """Where a ticket goes: ``department`` of ``commune``, or ``ask`` the citizen first."""

    department: str
    commune: str
    rule: Rule | None
    explanation: str
    considered: list[Verdict] = field(default_factory=list)

    @property
    def ask(self) -> bool:
        return self.department == ASK_CITIZEN


def rule_problems(rule: Rule) -> list[str]:
    """What is wrong with one rule on its own (an unknown intent or category never matches)."""
    from nlu.types import CATEGORIES, INTENTS

    problems = []
    if rule.intent is not None and rule.intent not in INTENTS:
        problems.append(f"ý định {rule.intent!r} không có; chọn: {', '.join(INTENTS)}")
    if rule.category is not None and rule.category not in CATEGORIES:
        problems.append(f"lĩnh vực {rule.category!r} không có; chọn: {', '.join(CATEGORIES)}")
    if rule.min_confidence is not None and not 0 <= rule.min_confidence <= 1:
        problems.append("độ tin cậy tối thiểu phải từ 0 đến 1")
    return problems


def check_rules(rules: Sequence[Rule], labels: Sequence[str] | None = None) -> None:
    """Refuse ties (same specificity, could both match, different targets) and loops
    (rules sending tickets from commune to commune and back). ``labels`` name the rules in
    the message (default "luật N"; a file says "dòng N")."""
    names = list(labels) if labels is not None else [f"luật {i + 1}" for i in range(len(rules))]
    problems = [f"{names[i]}: {p}" for i, r in enumerate(rules) for p in rule_problems(r)]
    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            same_target = (a.department, a.target_commune) == (b.department, b.target_commune)
            if a.specificity == b.specificity and a.overlaps(b) and not same_target:
                problems.append(
                    f"{names[i]} ({a.describe()}) và {names[j]} ({b.describe()}) ngang nhau: "
                    "thêm điều kiện cho một luật để phân biệt"
                )
    edges = {
        (r.commune or "*", r.target_commune)
        for r in rules
        if r.target_commune is not None and r.target_commune != r.commune
    }
    for source, target in edges:
        if source != "*" and any(t == source and s in (target, "*") for s, t in edges):
            problems.append(f"vòng lặp chuyển xã: {source} → {target} → {source}")
            break
    if problems:
        raise UserError("Luật phân luồng không hợp lệ: " + "; ".join(problems) + ".")


def evaluate(rules: Sequence[Rule], facts: Facts) -> Decision:
    """The most specific matching rule. A rule naming another commune is final: it names the
    department there, so one look at the rules explains where a ticket went."""
    considered = [Verdict(i + 1, r, *_match(r, facts)) for i, r in enumerate(rules)]
    matching = [v for v in considered if v.matched]
    if not matching:
        why = "không luật nào khớp"
        return Decision(FALLBACK_DEPARTMENT, facts.commune, None, why, considered)
    best = max(matching, key=lambda v: v.rule.specificity)
    rule = best.rule
    why = f"luật {best.position}: {rule.describe()} ({best.reason})"
    if rule.note:
        why += f" — {rule.note}"
    return Decision(rule.department, rule.target_commune or facts.commune, rule, why, considered)


def _match(rule: Rule, facts: Facts) -> tuple[bool, str]:
    for name, wanted, actual in (
        ("intent", rule.intent, facts.intent),
        ("category", rule.category, facts.category),
        ("province", rule.province, facts.province),
        ("commune", rule.commune, facts.commune),
    ):
        if wanted is not None and wanted != actual:
            return False, f"{name} là {actual}, luật cần {wanted}"
    if rule.min_confidence is not None:
        if facts.confidence is None or facts.confidence < rule.min_confidence:
            return False, f"độ tin cậy {facts.confidence or 0:.2f} < {rule.min_confidence:g}"
    if rule.keywords:
        text = folded_words(facts.text)
        found = [k for k, f in zip(rule.keywords, rule.folded, strict=True) if f" {f} " in text]
        if not found:
            return False, "không có từ khóa nào"
        return True, f"có từ khóa “{found[0]}”"
    return True, "khớp mọi điều kiện"
