"""Checking a configuration file against the database, showing what would change, applying it.

Nothing is written unless the whole file is valid; the caller's session is the one
transaction. The file describes the complete state of its scope: chats and SLA rows it
leaves out are removed, officials it leaves out are deactivated (their history stays),
departments are never deleted (tickets point at them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.config_io.export import communes_in, export_sections, rule_in_scope, rule_item
from handlers.config_io.schema import KEYS, Config, Item, at, item_key, parse
from handlers.directory import COMMUNE_WIDE_ROLES, OFFICIAL_ROLES
from handlers.errors import UserError
from handlers.routing import ASK_CITIZEN, Rule, check_rules, load_rules, save_rules
from handlers.working_time import PRIORITIES, parse_duration
from storage.models import (
    CalendarException,
    ChatBinding,
    Commune,
    Department,
    Official,
    SlaPolicyOverride,
)


@dataclass
class Plan:
    """A valid file and the differences from the database, one line each (+ - ~)."""

    config: Config
    current: dict[str, list[Item]]
    changes: list[str] = field(default_factory=list)


def _rule(item: Item) -> Rule:
    return Rule(
        department=item["department"],
        intent=item["intent"],
        category=item["category"],
        province=item["province"],
        commune=item["commune"],
        keywords=tuple(item["keywords"] or ()),
        min_confidence=item["min_confidence"],
        target_commune=item["target_commune"],
        note=item["note"] or "",
    )


def _show(item: Item) -> str:
    return ", ".join(f"{k}={v}" for k, v in item.items() if v not in (None, "", []))


async def _validate(session: AsyncSession, config: Config) -> list[str]:
    errors: list[str] = []
    scope = await communes_in(session, config.province)
    known = await communes_in(session, None) if config.province else scope
    rows = (await session.exec(select(Department.commune_code, Department.key))).all()
    departments = {(c, k) for c, k in rows} | {
        (d["commune"], d["key"]) for d in config.sections["departments"]
    }
    keys = {k for _, k in departments}

    def place(line: int, code: str | None) -> None:
        if code is None:
            return
        if code not in known:
            errors.append(at(line, texts.CONFIG_NO_COMMUNE.format(code=code)))
        elif code not in scope:
            errors.append(
                at(line, texts.CONFIG_OUT_OF_PROVINCE.format(code=code, province=config.province))
            )

    for section, items in config.sections.items():
        seen: dict[tuple[Any, ...], int] = {}
        for item, line in zip(items, config.lines[section], strict=True):
            place(line, item.get("commune"))
            if section in KEYS:
                key = item_key(section, item)
                if key in seen:
                    errors.append(at(line, texts.CONFIG_DUPLICATE.format(first=seen[key])))
                seen.setdefault(key, line)
    for section in ("chats", "officials"):
        for item, line in zip(config.sections[section], config.lines[section], strict=True):
            dept = item["department"]
            if dept is not None and (item["commune"], dept) not in departments:
                problem = texts.CONFIG_NO_DEPARTMENT_HERE.format(
                    commune=item["commune"], department=dept
                )
                errors.append(at(line, problem))
    for item, line in zip(config.sections["officials"], config.lines["officials"], strict=True):
        if item["role"] not in OFFICIAL_ROLES:
            errors.append(at(line, texts.CONFIG_BAD_ROLE.format(role=item["role"])))
        elif item["department"] is None and item["role"] not in COMMUNE_WIDE_ROLES:
            errors.append(at(line, texts.CONFIG_ROLE_NEEDS_DEPARTMENT.format(role=item["role"])))
    rules, labels = [], []
    for item, line in zip(config.sections["rules"], config.lines["rules"], strict=True):
        place(line, item["target_commune"])
        if item["department"] not in keys | {ASK_CITIZEN}:
            errors.append(
                at(line, texts.CONFIG_NO_DEPARTMENT.format(department=item["department"]))
            )
        rules.append(_rule(item))
        labels.append(texts.CONFIG_LINE.format(line=line))
    try:
        check_rules(rules, labels)
    except UserError as exc:
        errors.append(str(exc))
    for item, line in zip(
        config.sections["sla_policies"], config.lines["sla_policies"], strict=True
    ):
        if item["priority"] is not None and item["priority"] not in PRIORITIES:
            errors.append(at(line, texts.CONFIG_BAD_PRIORITY.format(priority=item["priority"])))
        if item["claim"] is None and item["resolve"] is None:
            errors.append(at(line, texts.CONFIG_NO_CLOCK))
        for clock in ("claim", "resolve"):
            if item[clock] is not None:
                try:
                    parse_duration(item[clock])
                except ValueError as exc:
                    errors.append(at(line, f"{clock} {exc}"))
    return errors


async def _provinces(session: AsyncSession) -> set[str]:
    return set((await session.exec(select(Commune.province_code).distinct())).all())


def _diff(section: str, current: list[Item], wanted: list[Item]) -> list[str]:
    if section == "rules":
        if current == wanted:
            return []
        gone = [f"- rules: {_rule(r).describe()}" for r in current if r not in wanted]
        new = [f"+ rules: {_rule(r).describe()}" for r in wanted if r not in current]
        return gone + new or [texts.DIFF_REORDERED]
    before = {item_key(section, i): i for i in current}
    after = {item_key(section, i): i for i in wanted}
    lines = [f"+ {section}: {_show(i)}" for k, i in after.items() if k not in before]
    lines += [
        f"~ {section}: {_show(i)} " + texts.DIFF_BEFORE.format(before=_show(before[k]))
        for k, i in after.items()
        if k in before and before[k] != i
    ]
    if section == "officials":
        lines += [
            f"- officials: {_show(i)} {texts.DIFF_DEACTIVATED}"
            for k, i in before.items()
            if k not in after and i["active"]
        ]
    elif section != "departments":
        lines += [f"- {section}: {_show(i)}" for k, i in before.items() if k not in after]
    return lines


async def plan_config(session: AsyncSession, text: str) -> Plan:
    """Read and check the file; a `UserError` lists every mistake with its line."""
    config, errors = parse(text)
    if config.province is None or config.province in await _provinces(session):
        errors += await _validate(session, config)  # the items that were well formed
    else:
        errors.append(texts.CONFIG_NO_PROVINCE.format(code=config.province))
    if errors:
        raise UserError(texts.CONFIG_INVALID.format(errors="\n  ".join(errors)))
    plan = Plan(config, await export_sections(session, config.province))
    for section, wanted in config.sections.items():
        plan.changes += _diff(section, plan.current[section], wanted)
    return plan


async def apply_plan(session: AsyncSession, plan: Plan) -> None:
    """Make the database match the file, in the caller's transaction."""
    if not plan.changes:
        return
    wanted = plan.config.sections
    departments: dict[tuple[str, str], Department] = {
        (d.commune_code, d.key): d for d in (await session.exec(select(Department))).all()
    }
    for item in wanted["departments"]:
        dept = departments.get((item["commune"], item["key"])) or Department(
            commune_code=item["commune"], key=item["key"], name=item["name"]
        )
        if dept.id is None or (dept.name, dept.is_external) != (item["name"], item["external"]):
            dept.name, dept.is_external = item["name"], item["external"]
            session.add(dept)
            departments[(dept.commune_code, dept.key)] = dept
    await session.flush()  # once: a country's file has 16,000 departments
    scope = await communes_in(session, plan.config.province)
    by_id = {d.id: d for d in departments.values() if d.commune_code in scope}
    chats = {(c["commune"], c["department"]): c for c in wanted["chats"]}
    for binding in (await session.exec(select(ChatBinding))).all():
        owner = by_id.get(binding.department_id)
        if owner is not None and (owner.commune_code, owner.key) not in chats:
            await session.delete(binding)
    await session.flush()
    bound = {b.department_id: b for b in (await session.exec(select(ChatBinding))).all()}
    for (commune, key), item in chats.items():
        dept_id = departments[(commune, key)].id
        assert dept_id is not None
        binding = bound.get(dept_id) or ChatBinding(department_id=dept_id, chat_id=0, bound_by=0)
        binding.channel, binding.chat_id = item["channel"], item["chat_id"]
        binding.thread_id, binding.title = item["thread_id"], item["title"]
        session.add(binding)
    officials = {item_key("officials", o): o for o in wanted["officials"]}
    existing = (await session.exec(select(Official))).all()
    for official in existing:
        if official.commune_code not in scope:
            continue
        unit = by_id.get(official.department_id) if official.department_id else None
        key = (official.telegram_id, official.commune_code, unit.key if unit else None)
        found: Item | None = officials.pop(key, None)
        if found is None:
            official.active = False
        else:
            official.name, official.role, official.active = (
                found["name"],
                found["role"],
                found["active"],
            )
        session.add(official)
    for (telegram_id, commune, key), item in officials.items():
        dept_id = departments[(commune, key)].id if key else None
        session.add(
            Official(
                telegram_id=telegram_id,
                name=item["name"],
                commune_code=commune,
                department_id=dept_id,
                role=item["role"],
                active=item["active"],
            )
        )
    await _apply_rules(session, plan, scope)
    await _apply_sla(session, plan, scope)
    await session.flush()


async def _apply_rules(session: AsyncSession, plan: Plan, scope: set[str]) -> None:
    if plan.current["rules"] == plan.config.sections["rules"]:
        return
    province = plan.config.province
    kept = [
        r for r in await load_rules(session) if not rule_in_scope(rule_item(r), province, scope)
    ]
    await save_rules(session, [*map(_rule, plan.config.sections["rules"]), *kept])


async def _apply_sla(session: AsyncSession, plan: Plan, scope: set[str]) -> None:
    province = plan.config.province
    for row in (await session.exec(select(SlaPolicyOverride))).all():
        place = {"commune": row.commune_code, "province": row.province_code}
        if rule_in_scope(place, province, scope):
            await session.delete(row)
    for item in plan.config.sections["sla_policies"]:
        session.add(
            SlaPolicyOverride(
                province_code=item["province"],
                commune_code=item["commune"],
                department_key=item["department"],
                category=item["category"],
                priority=item["priority"],
                claim=item["claim"],
                resolve=item["resolve"],
            )
        )
    days = {d["day"]: d for d in plan.config.sections["calendar_exceptions"]}
    for exception in (await session.exec(select(CalendarException))).all():
        wanted: Item | None = days.pop(exception.day, None)
        if wanted is None:
            await session.delete(exception)
        else:
            exception.working, exception.note = wanted["working"], wanted["note"]
            session.add(exception)
    for day, item in days.items():
        session.add(CalendarException(day=day, working=item["working"], note=item["note"]))
