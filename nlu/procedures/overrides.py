"""Merges a province's and a commune's local details into the shipped procedures.

Pure functions: the lead keeps overrides in the database and calls these per
commune, so nothing here reads or writes state. Province details are applied
first and the commune's last, so the desk that serves the citizen has the final word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from nlu.procedures.base import ProcedureBase
from nlu.procedures.schema import Procedure, ProcedureOverride

# Override field → procedure field it replaces.
_REPLACED = {
    "desk_address": "desk_address",
    "opening_hours": "opening_hours",
    "phone": "phone",
    "fee_vnd": "fee_vnd",
    "fee_note": "fee_note",
    "processing_time_days": "processing_time_days",
    "working_days": "working_days",
    "documents": "documents",
    "online_url": "online_url",
}
# A value the locality publishes itself is no longer uncertain.
_SETTLES = {
    "fee_vnd": ("fee_vnd", "fee_note"),
    "fee_note": ("fee_note",),
    "processing_time_days": ("processing_time_days",),
    "working_days": ("working_days",),
    "documents": ("documents",),
    "online_url": ("online_url", "online"),
}


class OverrideError(ValueError):
    """An override that does not fit the knowledge base (bad field, unknown id)."""


def parse_overrides(overrides: Sequence[Mapping[str, Any]]) -> list[ProcedureOverride]:
    """Validate raw override dicts, in the order they must be applied."""
    parsed: list[ProcedureOverride] = []
    for number, raw in enumerate(overrides, start=1):
        try:
            parsed.append(ProcedureOverride.model_validate(dict(raw)))
        except (ValidationError, TypeError, ValueError) as exc:
            raise OverrideError(f"override {number}: {exc}") from exc
    rank = {"province": 0, "commune": 1}
    return sorted(parsed, key=lambda o: (rank[o.scope], o.procedure_id is not None))


def _merge(proc: Procedure, override: ProcedureOverride) -> Procedure:
    update: dict[str, Any] = {}
    settled: set[str] = set()
    for field in override.model_fields_set & set(_REPLACED):
        update[_REPLACED[field]] = getattr(override, field)
        settled.update(_SETTLES.get(field, ()))
    if override.online_url is not None:
        update["online"] = True
    if override.notes:
        update["local_notes"] = proc.local_notes + override.notes
    if settled:
        update["uncertain"] = tuple(f for f in proc.uncertain if f not in settled)
    if not update:
        return proc
    merged = proc.model_dump()
    merged.update(update)
    try:
        return Procedure.model_validate(merged)
    except ValidationError as exc:
        raise OverrideError(f"override for {proc.id!r} makes an invalid entry: {exc}") from exc


def apply_to_procedure(proc: Procedure, overrides: Sequence[Mapping[str, Any]]) -> Procedure:
    """``proc`` with the overrides that concern it (its own and the general ones)."""
    for override in parse_overrides(overrides):
        if override.procedure is None and override.procedure_id in (None, proc.id):
            proc = _merge(proc, override)
    return proc


def apply_overrides(base: ProcedureBase, overrides: Sequence[Mapping[str, Any]]) -> ProcedureBase:
    """A new base with local details merged in and local procedures added;
    ``base`` itself is left untouched."""
    parsed = parse_overrides(overrides)
    procedures = {proc.id: proc for proc in base}
    adds = any(override.procedure is not None for override in parsed)
    for override in parsed:
        if override.procedure is None:
            continue
        try:
            added = Procedure.model_validate(override.procedure)
        except ValidationError as exc:
            raise OverrideError(f"local procedure is invalid: {exc}") from exc
        if added.id in procedures:
            raise OverrideError(
                f"procedure {added.id!r} already exists; override its fields instead"
            )
        procedures[added.id] = added
    for override in parsed:
        if override.procedure is not None:
            continue
        if override.procedure_id is None:
            procedures = {pid: _merge(p, override) for pid, p in procedures.items()}
        elif override.procedure_id in procedures:
            pid = override.procedure_id
            procedures[pid] = _merge(procedures[pid], override)
        else:
            raise OverrideError(f"unknown procedure id {override.procedure_id!r}")
    # Overrides never touch the searchable text, so without additions the index is reused.
    if adds:
        return ProcedureBase(procedures.values())
    return base.with_entries_of(procedures.values())
