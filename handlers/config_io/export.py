"""The database's configuration as the sections of a file, for one province or all.

Rules, SLA policies and calendar exceptions that name no place belong to every scope, so a
province's file carries them too.
"""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.config_io.schema import SECTIONS, Item, dump, normalise
from handlers.errors import UserError
from handlers.routing import Rule, load_rules
from storage.models import (
    CalendarException,
    ChatBinding,
    Commune,
    Department,
    Official,
    SlaPolicyOverride,
)


async def communes_in(session: AsyncSession, province: str | None) -> set[str]:
    query = select(Commune.code)
    if province is not None:
        query = query.where(Commune.province_code == province)
    codes = set((await session.exec(query)).all())
    if province is not None and not codes:
        raise UserError(texts.NO_SUCH_PROVINCE.format(code=province))
    return codes


def rule_item(rule: Rule) -> Item:
    return normalise(
        "rules",
        {
            "intent": rule.intent,
            "category": rule.category,
            "province": rule.province,
            "commune": rule.commune,
            "keywords": list(rule.keywords),
            "min_confidence": rule.min_confidence,
            "department": rule.department,
            "target_commune": rule.target_commune,
            "note": rule.note,
        },
    )


def rule_in_scope(item: Item, province: str | None, communes: set[str]) -> bool:
    if province is None:
        return True
    if item["commune"] is not None:
        return item["commune"] in communes
    return item["province"] in (None, province)


async def export_sections(session: AsyncSession, province: str | None) -> dict[str, list[Item]]:
    """Every section, sorted so that the same database always gives the same file."""
    communes = await communes_in(session, province)
    departments = (
        await session.exec(select(Department).order_by(Department.commune_code, Department.key))
    ).all()
    departments = [d for d in departments if d.commune_code in communes]
    by_id = {d.id: d for d in departments}
    sections: dict[str, list[Item]] = {s: [] for s in SECTIONS}
    sections["departments"] = [
        normalise(
            "departments",
            {"commune": d.commune_code, "key": d.key, "name": d.name, "external": d.is_external},
        )
        for d in departments
    ]
    chats = (await session.exec(select(ChatBinding))).all()
    sections["chats"] = sorted(
        (
            normalise(
                "chats",
                {
                    "commune": by_id[b.department_id].commune_code,
                    "department": by_id[b.department_id].key,
                    "channel": b.channel,
                    "chat_id": b.chat_id,
                    "thread_id": b.thread_id,
                    "title": b.title,
                },
            )
            for b in chats
            if b.department_id in by_id
        ),
        key=lambda i: (i["commune"], i["department"]),
    )
    officials = (
        await session.exec(select(Official).where(col(Official.commune_code).in_(communes)))
    ).all()
    sections["officials"] = sorted(
        (
            normalise(
                "officials",
                {
                    "telegram_id": o.telegram_id,
                    "name": o.name,
                    "commune": o.commune_code,
                    "department": by_id[o.department_id].key if o.department_id else None,
                    "role": o.role,
                    "active": o.active,
                },
            )
            for o in officials
            if o.department_id is None or o.department_id in by_id
        ),
        key=lambda i: (i["commune"], i["department"] or "", i["telegram_id"]),
    )
    rules = [rule_item(r) for r in await load_rules(session)]
    sections["rules"] = [r for r in rules if rule_in_scope(r, province, communes)]
    policies = (await session.exec(select(SlaPolicyOverride))).all()
    sections["sla_policies"] = sorted(
        (
            normalise(
                "sla_policies",
                {
                    "province": p.province_code,
                    "commune": p.commune_code,
                    "department": p.department_key,
                    "category": p.category,
                    "priority": p.priority,
                    "claim": p.claim,
                    "resolve": p.resolve,
                },
            )
            for p in policies
            if rule_in_scope(
                {"commune": p.commune_code, "province": p.province_code}, province, communes
            )
        ),
        key=lambda i: tuple(str(v or "") for v in i.values()),
    )
    days = (
        await session.exec(select(CalendarException).order_by(col(CalendarException.day)))
    ).all()
    sections["calendar_exceptions"] = [
        normalise("calendar_exceptions", {"day": d.day, "working": d.working, "note": d.note})
        for d in days
    ]
    return sections


async def export_config(session: AsyncSession, province: str | None = None) -> str:
    """The YAML file for ``motcua config export``."""
    return dump(province, await export_sections(session, province))
