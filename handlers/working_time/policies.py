"""Default SLA policies per category and priority, and the overrides that replace them.

Two clocks per ticket, as in Hanoi's rules for iHanoi feedback: a deadline to
accept (claim) it and a deadline to resolve it. The defaults are the proposal
of sla-reference.md; provinces, communes and departments change them with
`motcua sla set`, stored by the lead and passed in here as `SlaOverride` rows.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from handlers.working_time.calendar import WorkCalendar
from handlers.working_time.duration import Duration, parse_duration
from handlers.working_time.texts import ERR_PRIORITY

logger = logging.getLogger(__name__)

PRIORITIES: tuple[str, ...] = ("normal", "urgent", "complex")
# Procedure questions the knowledge base cannot answer are a pseudo-category.
PROCEDURE_QUESTION = "procedure_question"
PROCEDURE_QUESTION_DEPARTMENT = "service_center"
FALLBACK_CATEGORY = "other"


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    claim: Duration
    resolve: Duration


# category: (claim, resolve, urgent claim, urgent resolve, complex resolve)
# Urgent claim is 4 working hours everywhere (issue [sla]); where the
# reference lists an urgent path (hazards, outbreaks, unsafe structures) the
# hazard must also be made safe within 8 working hours. security_order is
# "immediate": 30 clock minutes, since police posts are staffed around the
# clock. Complex cases get twice the resolve time, as the statutory clocks
# roughly do (Luật Tố cáo: 30 days, +30 when complex).
_TABLE: dict[str, tuple[str, str, str, str, str]] = {
    "security_order": ("4wh", "3wd", "30m", "8wh", "6wd"),
    "infrastructure": ("8wh", "5wd", "4wh", "8wh", "10wd"),
    "environment": ("8wh", "5wd", "4wh", "8wh", "10wd"),
    "urban_order": ("8wh", "3wd", "4wh", "3wd", "6wd"),
    "construction": ("8wh", "10wd", "4wh", "8wh", "20wd"),
    "land": ("8wh", "15wd", "4wh", "15wd", "30wd"),
    "business": ("8wh", "7wd", "4wh", "7wd", "14wd"),
    "social_welfare": ("8wh", "7wd", "4wh", "7wd", "14wd"),
    "health": ("8wh", "7wd", "4wh", "8wh", "14wd"),
    "education": ("8wh", "7wd", "4wh", "7wd", "14wd"),
    "culture": ("8wh", "7wd", "4wh", "7wd", "14wd"),
    "civil_status": ("8wh", "5wd", "4wh", "5wd", "10wd"),
    "certification": ("8wh", "5wd", "4wh", "5wd", "10wd"),
    "residence_id": ("8wh", "5wd", "4wh", "5wd", "10wd"),
    "officials_conduct": ("8wh", "10wd", "4wh", "10wd", "20wd"),
    "other": ("8wh", "10wd", "4wh", "10wd", "20wd"),
    # No separate claim clock: the service centre answers within one working day.
    PROCEDURE_QUESTION: ("1wd", "1wd", "1wd", "1wd", "1wd"),
}


def _build_defaults() -> dict[tuple[str, str], SlaPolicy]:
    policies: dict[tuple[str, str], SlaPolicy] = {}
    for category, (claim, resolve, u_claim, u_resolve, c_resolve) in _TABLE.items():
        policies[(category, "normal")] = SlaPolicy(parse_duration(claim), parse_duration(resolve))
        policies[(category, "urgent")] = SlaPolicy(
            parse_duration(u_claim), parse_duration(u_resolve)
        )
        policies[(category, "complex")] = SlaPolicy(
            parse_duration(claim), parse_duration(c_resolve)
        )
    return policies


DEFAULT_POLICIES: dict[tuple[str, str], SlaPolicy] = _build_defaults()
KNOWN_CATEGORIES: frozenset[str] = frozenset(_TABLE)


@dataclass(frozen=True, slots=True)
class SlaScope:
    """Where a ticket lives (or where an override applies); None means "any"."""

    province: str | None = None
    commune: str | None = None
    department: str | None = None

    @property
    def level(self) -> int:
        """0 nationwide, 1 province, 2 commune, 3 department: higher is more specific."""
        if self.department is not None:
            return 3
        if self.commune is not None:
            return 2
        return 1 if self.province is not None else 0

    def covers(self, ticket: SlaScope) -> bool:
        return all(
            mine is None or mine == theirs
            for mine, theirs in (
                (self.province, ticket.province),
                (self.commune, ticket.commune),
                (self.department, ticket.department),
            )
        )


@dataclass(frozen=True, slots=True)
class SlaOverride:
    """One `motcua sla set` row; either clock may be left to less specific rows."""

    scope: SlaScope
    category: str | None = None
    priority: str | None = None
    claim: Duration | None = None
    resolve: Duration | None = None

    def rank(self) -> tuple[int, int, int]:
        return (self.scope.level, self.category is not None, self.priority is not None)


def _check_priority(priority: str) -> None:
    if priority not in PRIORITIES:
        raise ValueError(ERR_PRIORITY.format(priority=priority, allowed=", ".join(PRIORITIES)))


def policy_for(
    category: str,
    priority: str,
    overrides: Sequence[SlaOverride] | None = None,
    *,
    scope: SlaScope | None = None,
) -> SlaPolicy:
    """The policy for a ticket: most specific override wins, clock by clock.

    Specificity: department > commune > province > nationwide row > default;
    at the same level a row naming the category beats one that does not, and
    one naming the priority beats one that does not. An override row applies
    only when every scope field it names equals the ticket's `scope`.
    Unknown categories fall back to "other" so that a new label never blocks
    ticket creation.
    """
    _check_priority(priority)
    if category not in KNOWN_CATEGORIES:
        logger.warning("unknown SLA category %r, using %r", category, FALLBACK_CATEGORY)
        category = FALLBACK_CATEGORY
    base = DEFAULT_POLICIES[(category, priority)]
    where = scope or SlaScope()
    applicable = sorted(
        (
            row
            for row in overrides or ()
            if row.scope.covers(where)
            and row.category in (None, category)
            and row.priority in (None, priority)
        ),
        key=SlaOverride.rank,
        reverse=True,
    )
    claim = next((row.claim for row in applicable if row.claim is not None), base.claim)
    resolve = next((row.resolve for row in applicable if row.resolve is not None), base.resolve)
    return SlaPolicy(claim=claim, resolve=resolve)


def compute_deadlines(
    created_at: datetime,
    category: str,
    priority: str,
    calendar: WorkCalendar,
    overrides: Sequence[SlaOverride] | None = None,
    *,
    scope: SlaScope | None = None,
) -> tuple[datetime, datetime]:
    """(claim_due, resolve_due) in aware UTC; recompute on transfer or extension."""
    policy = policy_for(category, priority, overrides, scope=scope)
    return policy.claim.add_to(created_at, calendar), policy.resolve.add_to(created_at, calendar)
