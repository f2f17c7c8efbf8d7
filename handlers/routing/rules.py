"""Routing rules and how they decide: the most specific matching rule wins; ties and loops
between communes are refused when rules are loaded, never discovered at run time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from handlers import texts
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
        return f"{' '.join(parts) or texts.RULE_ANY_MESSAGE} → {target}"


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
        problems.append(
            texts.RULE_BAD_INTENT.format(value=rule.intent, choices=", ".join(INTENTS))
        )
    if rule.category is not None and rule.category not in CATEGORIES:
        problems.append(
            texts.RULE_BAD_CATEGORY.format(value=rule.category, choices=", ".join(CATEGORIES))
        )
    if rule.min_confidence is not None and not 0 <= rule.min_confidence <= 1:
        problems.append(texts.RULE_BAD_CONFIDENCE)
    return problems


def check_rules(rules: Sequence[Rule], labels: Sequence[str] | None = None) -> None:
    """Refuse ties (same specificity, could both match, different targets) and loops
    (rules sending tickets from commune to commune and back). ``labels`` name the rules in
    the message (default "luật N"; a file says "dòng N")."""
    names = (
        list(labels)
        if labels is not None
        else [texts.RULE_NAME.format(n=i + 1) for i in range(len(rules))]
    )
    problems = [f"{names[i]}: {p}" for i, r in enumerate(rules) for p in rule_problems(r)]
    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            same_target = (a.department, a.target_commune) == (b.department, b.target_commune)
            if a.specificity == b.specificity and a.overlaps(b) and not same_target:
                problems.append(
                    texts.RULE_TIE.format(
                        a=names[i], a_rule=a.describe(), b=names[j], b_rule=b.describe()
                    )
                )
    edges = {
        (r.commune or "*", r.target_commune)
        for r in rules
        if r.target_commune is not None and r.target_commune != r.commune
    }
    for source, target in edges:
        if source != "*" and any(t == source and s in (target, "*") for s, t in edges):
            problems.append(texts.RULE_LOOP.format(source=source, target=target))
            break
    if problems:
        raise UserError(texts.RULES_INVALID.format(problems="; ".join(problems)))


def evaluate(rules: Sequence[Rule], facts: Facts) -> Decision:
    """The most specific matching rule. A rule naming another commune is final: it names the
    department there, so one look at the rules explains where a ticket went."""
    considered = [Verdict(i + 1, r, *_match(r, facts)) for i, r in enumerate(rules)]
    matching = [v for v in considered if v.matched]
    if not matching:
        why = texts.ROUTE_NO_MATCH
        return Decision(FALLBACK_DEPARTMENT, facts.commune, None, why, considered)
    best = max(matching, key=lambda v: v.rule.specificity)
    rule = best.rule
    why = texts.ROUTE_WINNER.format(n=best.position, rule=rule.describe(), reason=best.reason)
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
            return False, texts.ROUTE_MISMATCH.format(name=name, actual=actual, wanted=wanted)
    if rule.min_confidence is not None:
        if facts.confidence is None or facts.confidence < rule.min_confidence:
            return False, texts.ROUTE_LOW_CONFIDENCE.format(
                actual=facts.confidence or 0.0, wanted=rule.min_confidence
            )
    if rule.keywords:
        text = folded_words(facts.text)
        found = [k for k, f in zip(rule.keywords, rule.folded, strict=True) if f" {f} " in text]
        if not found:
            return False, texts.ROUTE_NO_KEYWORD
        return True, texts.ROUTE_KEYWORD.format(keyword=found[0])
    return True, texts.ROUTE_ALL_MATCH
