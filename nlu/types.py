"""The NLU's results, as the rest of Một Cửa sees them (a stable contract)."""

from __future__ import annotations

from dataclasses import dataclass, field

INTENTS: tuple[str, ...] = ("report", "procedure", "status", "smalltalk", "out_of_scope")
CATEGORIES: tuple[str, ...] = (
    "civil_status",
    "certification",
    "residence_id",
    "land",
    "construction",
    "infrastructure",
    "environment",
    "urban_order",
    "business",
    "social_welfare",
    "health",
    "education",
    "culture",
    "security_order",
    "officials_conduct",
    "other",
)
NO_CATEGORY = "none"


@dataclass(frozen=True)
class Entity:
    """A span found in the text: ``kind`` is e.g. ``phone``, ``ticket_code``, ``place``."""

    kind: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Prediction:
    """What a message means. ``confidence`` is the calibrated probability of the
    (intent, category) pair; ``top_categories`` is sorted, best first."""

    intent: str
    category: str
    confidence: float
    intent_confidence: float
    top_categories: tuple[tuple[str, float], ...] = ()
    entities: tuple[Entity, ...] = ()
    ward_code: str | None = None
    ward_candidates: tuple[str, ...] = field(default=())
    backend: str = "builtin"
