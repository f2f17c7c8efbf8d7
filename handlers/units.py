"""Loading the 2025 administrative units (3,321 communes) from ``vietnamadminunits``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.departments import DEPARTMENT_KEYS, default_department_names
from storage.models import Commune, Department

KINDS = {"Phường": "phuong", "Xã": "xa", "Đặc khu": "dac_khu"}


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    kind: str
    province_code: str
    province_name: str


@dataclass
class SyncReport:
    communes_added: int = 0
    communes_updated: int = 0
    departments_added: int = 0
    total: int = 0


def official_units(province_code: str | None = None) -> list[UnitRow]:
    """The official list as shipped by the package (no network: it is a bundled SQLite file)."""
    from vietnamadminunits.database import get_data

    rows = get_data(["provinceCode", "province", "wardCode", "ward", "wardType"])
    units = [
        UnitRow(
            code=row["wardCode"],
            name=row["ward"],
            kind=KINDS[row["wardType"]],
            province_code=row["provinceCode"],
            province_name=row["province"],
        )
        for row in rows
        if province_code is None or row["provinceCode"] == province_code
    ]
    return sorted(units, key=lambda unit: unit.code)


async def sync_units(
    session: AsyncSession,
    units: list[UnitRow],
    *,
    progress: Callable[[int], None] | None = None,
) -> SyncReport:
    """Insert missing communes and their departments; refresh official names.

    Department names that exist are left alone: they may have been edited by an admin.
    """
    report = SyncReport(total=len(units))
    existing = {c.code: c for c in (await session.exec(select(Commune))).all()}
    keys_by_commune: dict[str, set[str]] = {}
    for code, key in (await session.exec(select(Department.commune_code, Department.key))).all():
        keys_by_commune.setdefault(code, set()).add(key)

    for unit in units:
        commune = existing.get(unit.code)
        if commune is None:
            session.add(
                Commune(
                    code=unit.code,
                    name=unit.name,
                    kind=unit.kind,
                    province_code=unit.province_code,
                    province_name=unit.province_name,
                )
            )
            report.communes_added += 1
        elif (commune.name, commune.kind, commune.province_name) != (
            unit.name,
            unit.kind,
            unit.province_name,
        ):
            commune.name, commune.kind = unit.name, unit.kind
            commune.province_name = unit.province_name
            session.add(commune)
            report.communes_updated += 1
        if progress is not None:
            progress(1)
    await session.flush()

    for unit in units:
        have = keys_by_commune.get(unit.code, set())
        names = default_department_names(unit.kind, unit.province_code, unit.code)
        for key in DEPARTMENT_KEYS:
            if key not in have:
                session.add(Department(commune_code=unit.code, key=key, name=names[key]))
                report.departments_added += 1
    await session.flush()
    return report
