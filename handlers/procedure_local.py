"""A province's and a commune's own procedure details, stored in the database and merged
into the shipped knowledge base for the citizen's commune."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.errors import UserError
from nlu.procedures import OverrideError, ProcedureBase, apply_overrides, default_procedures
from nlu.procedures import ProcedureOverride as OverrideSpec
from storage.clock import utcnow
from storage.models import Commune, ProcedureOverride

log = logging.getLogger(__name__)


async def stored_overrides(
    session: AsyncSession, commune_code: str | None
) -> list[dict[str, Any]]:
    """The raw overrides that concern one commune (its province's and its own)."""
    if not commune_code:
        return []
    commune = await session.get(Commune, commune_code)
    if commune is None:
        return []
    rows = (
        await session.exec(
            select(ProcedureOverride)
            .where(
                or_(
                    (col(ProcedureOverride.scope) == "province")
                    & (col(ProcedureOverride.code) == commune.province_code),
                    (col(ProcedureOverride.scope) == "commune")
                    & (col(ProcedureOverride.code) == commune_code),
                )
            )
            .order_by(col(ProcedureOverride.id))
        )
    ).all()
    return [dict(row.data) for row in rows]


@lru_cache(maxsize=256)
def _merged(frozen: str) -> ProcedureBase:
    return apply_overrides(default_procedures(), json.loads(frozen))


def merged_base(overrides: Sequence[Mapping[str, Any]]) -> ProcedureBase:
    """The shipped base with ``overrides`` applied (cached: communes share few variants)."""
    if not overrides:
        return default_procedures()
    return _merged(json.dumps(list(overrides), sort_keys=True, ensure_ascii=False))


async def local_base(session: AsyncSession, commune_code: str | None) -> ProcedureBase:
    """What the bot answers from for a citizen of ``commune_code``.

    A stored override that no longer fits (say, a procedure id dropped from the data) must
    not silence the bot: it is logged and the shipped answers are used instead.
    """
    overrides = await stored_overrides(session, commune_code)
    try:
        return merged_base(overrides)
    except OverrideError:
        log.exception("stored procedure overrides for %s do not apply", commune_code)
        return default_procedures()


def check_override(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate one override against the schema and the knowledge base; UserError if wrong."""
    try:
        spec = OverrideSpec.model_validate(dict(data))
        apply_overrides(default_procedures(), [spec.model_dump(exclude_unset=True, mode="json")])
    except (ValueError, OverrideError) as exc:
        raise UserError(f"Chi tiết thủ tục không hợp lệ: {exc}") from exc
    if spec.code is None:
        raise UserError("Thiếu mã xã/phường (--commune) hoặc mã tỉnh (--province).")
    return spec.model_dump(exclude_unset=True, mode="json")


async def save_override(session: AsyncSession, data: Mapping[str, Any]) -> ProcedureOverride:
    """Add an override, or merge its fields into the stored one with the same target."""
    clean = check_override(data)
    scope = str(clean.get("scope", "commune"))
    code = str(clean["code"])
    procedure_id = clean.get("procedure_id")
    if scope == "province":
        known = (await session.exec(select(Commune).where(Commune.province_code == code))).first()
    else:
        known = await session.get(Commune, code)
    if known is None:
        raise UserError(f"Không có {'tỉnh' if scope == 'province' else 'xã/phường'} mã {code!r}.")
    query = select(ProcedureOverride).where(
        ProcedureOverride.scope == scope, ProcedureOverride.code == code
    )
    if clean.get("procedure") is not None:
        # A whole local procedure: importing it again replaces the earlier version.
        added = clean["procedure"].get("id")
        rows = (await session.exec(query)).all()
        row = next((r for r in rows if (r.data.get("procedure") or {}).get("id") == added), None)
        if row is not None:
            row.data = clean
            row.updated_at = utcnow()
            session.add(row)
            await session.flush()
            return row
    elif procedure_id is None:
        query = query.where(col(ProcedureOverride.procedure_id).is_(None))
        row = (await session.exec(query)).first()
    else:
        row = (
            await session.exec(query.where(ProcedureOverride.procedure_id == procedure_id))
        ).first()
    if row is None:
        row = ProcedureOverride(scope=scope, code=code, procedure_id=procedure_id, data=clean)
    else:
        merged = {**row.data, **clean}
        row.data = check_override(merged)
        row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    return row


async def all_overrides(session: AsyncSession) -> list[ProcedureOverride]:
    rows = await session.exec(select(ProcedureOverride).order_by(col(ProcedureOverride.id)))
    return list(rows.all())
