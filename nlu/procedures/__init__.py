"""The procedure knowledge base: entry schema, line-aware YAML loader, local overrides,
BM25 retrieval over folded text, and the plain-Vietnamese answer card."""

from __future__ import annotations

from nlu.procedures.base import ProcedureBase
from nlu.procedures.loader import (
    ProcedureLoadError,
    default_procedures,
    load_overrides,
    load_procedures,
)
from nlu.procedures.overrides import OverrideError, apply_overrides
from nlu.procedures.render import render_answer
from nlu.procedures.retrieval import (
    MatchKind,
    ProcedureMatch,
    ambiguous_choices,
    best_procedure_id,
    by_category,
    classify_match,
    fields,
    search,
)
from nlu.procedures.schema import Procedure, ProcedureOverride

__all__ = [
    "MatchKind",
    "OverrideError",
    "Procedure",
    "ProcedureBase",
    "ProcedureLoadError",
    "ProcedureMatch",
    "ProcedureOverride",
    "ambiguous_choices",
    "apply_overrides",
    "best_procedure_id",
    "by_category",
    "classify_match",
    "default_procedures",
    "fields",
    "load_overrides",
    "load_procedures",
    "render_answer",
    "search",
]
