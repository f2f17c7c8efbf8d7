"""Rules kept in the database (the ``routingrule`` table), and routing a new ticket."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.routing.defaults import DEFAULT_RULES
from handlers.routing.rules import ASK_CITIZEN, Decision, Facts, Rule, check_rules, evaluate
from storage.models import Commune, Department, RoutingRule

log = logging.getLogger(__name__)


def rule_from_row(row: RoutingRule) -> Rule:
    return Rule(
        department=row.department_key,
        intent=row.intent,
        category=row.category,
        province=row.province_code,
        commune=row.commune_code,
        keywords=tuple(row.keywords or ()),
        min_confidence=row.min_confidence,
        target_commune=row.target_commune_code,
        note=row.note,
    )


def row_from_rule(rule: Rule, position: int) -> RoutingRule:
    return RoutingRule(
        position=position,
        intent=rule.intent,
        category=rule.category,
        province_code=rule.province,
        commune_code=rule.commune,
        keywords=list(rule.keywords),
        min_confidence=rule.min_confidence,
        department_key=rule.department,
        target_commune_code=rule.target_commune,
        note=rule.note,
    )


async def load_rules(session: AsyncSession) -> list[Rule]:
    """The rules in force, in order; the defaults while admins have stored none."""
    rows = (await session.exec(select(RoutingRule).order_by(col(RoutingRule.position)))).all()
    return [rule_from_row(r) for r in rows] if rows else list(DEFAULT_RULES)


async def save_rules(session: AsyncSession, rules: Iterable[Rule]) -> list[Rule]:
    """Replace the stored rules, after checking them (nothing is written when they clash)."""
    wanted = list(rules)
    check_rules(wanted)
    await session.exec(delete(RoutingRule))
    for position, rule in enumerate(wanted, start=1):
        session.add(row_from_rule(rule, position))
    await session.flush()
    return wanted


async def route(
    session: AsyncSession,
    *,
    intent: str,
    category: str,
    text: str,
    commune_code: str,
    confidence: float | None = None,
    allow_ask: bool = True,
) -> Decision:
    """Where a new ticket goes, with the explanation shown by ``motcua rules test``.

    ``allow_ask=False`` is for callers that must place the ticket now (the citizen was
    already asked): "ask the citizen" rules are then left out.
    """
    commune = await session.get(Commune, commune_code)
    facts = Facts(
        intent=intent,
        category=category,
        text=text,
        commune=commune_code,
        province=commune.province_code if commune else None,
        confidence=confidence,
    )
    rules = await load_rules(session)
    if not allow_ask:
        rules = [r for r in rules if r.department != ASK_CITIZEN]
    decision = evaluate(rules, facts)
    if decision.ask or await _exists(session, decision.commune, decision.department):
        return decision
    # A rule for a department this commune does not have must not lose the ticket.
    fallback = evaluate(DEFAULT_RULES, facts)
    log.warning("routing: %s has no department %r", decision.commune, decision.department)
    why = texts.ROUTE_MISSING_DEPARTMENT.format(
        why=decision.explanation,
        commune=decision.commune,
        department=decision.department,
        fallback=fallback.explanation,
    )
    return replace(fallback, explanation=why, considered=decision.considered)


async def _exists(session: AsyncSession, commune_code: str, key: str) -> bool:
    found = await session.exec(
        select(Department.id).where(Department.commune_code == commune_code, Department.key == key)
    )
    return found.first() is not None
