"""Finds the procedure a citizen asks about, and says how sure the match is.

The bot needs three outcomes, not a ranking: one card (clear), a one-tap
choice between close candidates (ambiguous), or a person (none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from nlu.procedures.base import ProcedureBase
from nlu.procedures.loader import default_procedures
from nlu.procedures.schema import Procedure
from nlu.procedures.texts import CATEGORY_LABELS
from nlu.procedures.tokens import query_terms
from nlu.types import CATEGORIES

MatchKind = Literal["clear", "ambiguous", "none"]

CATEGORY_BOOST = 1.3
# A name word the question does not use (weighted by rarity) costs up to this
# share of the score: "khai sinh" should prefer "Đăng ký khai sinh" over
# "Đăng ký lại khai sinh" and "... có yếu tố nước ngoài".
NAME_MISMATCH_PENALTY = 0.3
RERANK_DEPTH = 10
# The question is about something the knowledge base does not hold when the
# best entry scores low or lacks most of the question's rare words.
MIN_SCORE = 4.0
MIN_COVERAGE = 0.2
WEAK_COVERAGE = 0.4
WEAK_SCORE = 10.0
# A runner-up within CLOSE_RATIO of the best makes the question ambiguous; once
# the citizen is asked to choose, candidates within CHOICE_RATIO are offered.
CLOSE_RATIO = 0.85
CHOICE_RATIO = 0.75
MAX_CHOICES = 3


@dataclass(frozen=True)
class ProcedureMatch:
    """A candidate with its BM25 score (category boost included) and the share of
    the question's rare words it contains."""

    procedure: Procedure
    score: float
    coverage: float


def search(
    text: str,
    *,
    category: str | None = None,
    limit: int = 3,
    base: ProcedureBase | None = None,
) -> list[ProcedureMatch]:
    """Best candidates first; empty when no word of ``text`` is known."""
    kb = default_procedures() if base is None else base
    if not isinstance(text, str) or limit <= 0 or len(kb) == 0:
        return []
    words, terms = query_terms(text)
    if not words:
        return []
    index = kb.index
    scores = index.scores(terms)
    if category is not None:
        scores[kb.category_numbers(category)] *= CATEGORY_BOOST
    depth = min(RERANK_DEPTH, len(kb))
    top = np.argpartition(-scores, depth - 1)[:depth]
    asked = set(words)
    reranked: list[tuple[float, int]] = []
    for number in (int(n) for n in top if scores[n] > 0.0):
        penalty = 1.0 - NAME_MISMATCH_PENALTY * _missing(kb, number, asked)
        reranked.append((float(scores[number]) * penalty, number))
    reranked.sort(key=lambda item: (-item[0], item[1]))
    return [
        ProcedureMatch(kb.at(number), score, index.coverage(words, number))
        for score, number in reranked[:limit]
    ]


def _missing(kb: ProcedureBase, number: int, asked: set[str]) -> float:
    """Rarity-weighted share of the entry's name words absent from the question."""
    name = kb.name_words[number]
    total = sum(kb.index.idf(word) for word in name)
    if total <= 0.0:
        return 0.0
    return sum(kb.index.idf(word) for word in name if word not in asked) / total


def classify_match(matches: list[ProcedureMatch]) -> MatchKind:
    """``clear``: show one card; ``ambiguous``: offer ambiguous_choices(); ``none``: a person."""
    if not matches:
        return "none"
    top = matches[0]
    if top.score < MIN_SCORE or top.coverage < MIN_COVERAGE:
        return "none"
    if top.coverage < WEAK_COVERAGE and top.score < WEAK_SCORE:
        return "none"
    close = len(matches) > 1 and matches[1].score >= top.score * CLOSE_RATIO
    return "ambiguous" if close else "clear"


def ambiguous_choices(matches: list[ProcedureMatch]) -> list[ProcedureMatch]:
    """The best match and the runners-up close enough to offer beside it (≤ 3)."""
    if not matches:
        return []
    top = matches[0].score
    close = [m for m in matches if m.score >= top * CHOICE_RATIO]
    return close[:MAX_CHOICES]


def best_procedure_id(
    text: str, category: str | None = None, *, base: ProcedureBase | None = None
) -> str | None:
    """Id of the best match (also when a close runner-up exists), None when the
    knowledge base has no confident answer; this is ``procedure_id`` of the NLU."""
    matches = search(text, category=category, limit=MAX_CHOICES, base=base)
    if classify_match(matches) == "none":
        return None
    return matches[0].procedure.id


def fields(base: ProcedureBase | None = None) -> list[tuple[str, str]]:
    """(category, Vietnamese label) of every field that has procedures, taxonomy order."""
    kb = default_procedures() if base is None else base
    present = {proc.category for proc in kb}
    return [(cat, CATEGORY_LABELS[cat]) for cat in CATEGORIES if cat in present]


def by_category(category: str, base: ProcedureBase | None = None) -> list[Procedure]:
    """Procedures of one field, in knowledge-base order (for browsing buttons)."""
    kb = default_procedures() if base is None else base
    return kb.by_category(category)
