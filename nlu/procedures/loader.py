"""Reads procedure and override YAML, refusing a whole file at the first bad entry.

A half-loaded file would let the bot answer from a knowledge base nobody checked,
so every error names the file and line; PyYAML's node tree keeps the line marks
that plain ``safe_load`` throws away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from nlu.procedures.base import ProcedureBase
from nlu.procedures.schema import Procedure, ProcedureOverride
from nlu.types import CATEGORIES

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "procedures"
MAX_FILE_BYTES = 5_000_000
Model = TypeVar("Model", bound=BaseModel)
_CATEGORY_FILES = frozenset(CATEGORIES)


class ProcedureLoadError(ValueError):
    """A procedure or override file that cannot be trusted; ``errors`` lists each
    problem as ``file:line: message``."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(self.errors))


def _read_root(path: Path, key: str) -> tuple[list[Any], yaml.SequenceNode]:
    """The list under ``key`` with its node (for line numbers)."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProcedureLoadError([f"{name}: cannot read: {exc.strerror or exc}"]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ProcedureLoadError([f"{name}: file is larger than {MAX_FILE_BYTES} bytes"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProcedureLoadError([f"{name}: not UTF-8 text (byte {exc.start})"]) from exc
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"{mark.line + 1}" if mark is not None else "?"
        raise ProcedureLoadError([f"{name}:{line}: YAML error: {exc.problem}"]) from exc
    except yaml.YAMLError as exc:
        raise ProcedureLoadError([f"{name}: YAML error: {exc}"]) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ProcedureLoadError([f"{name}:1: expected a mapping with a '{key}:' list"])
    _check_duplicate_keys(name, node)
    items = data.get(key)
    item_node = next((v for k, v in node.value if k.value == key), None)
    if not isinstance(items, list) or not isinstance(item_node, yaml.SequenceNode):
        raise ProcedureLoadError([f"{name}:1: expected a '{key}:' list"])
    return items, item_node


def _check_duplicate_keys(name: str, node: yaml.Node) -> None:
    """PyYAML keeps the last of two equal keys; a silent overwrite hides a typo."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise ProcedureLoadError([f"{name}:{line}: key {key!r} appears twice"])
            seen.add(key)
            _check_duplicate_keys(name, value_node)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _check_duplicate_keys(name, child)


def _field_line(entry: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """Line of the field named by a pydantic error location, else of the entry."""
    node = entry
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            found = node.value[part] if part < len(node.value) else None
        else:
            found = None
        if found is None:
            break
        node = found
    return int(node.start_mark.line) + 1


def _validate(
    path: Path, key: str, model: type[Model], check: Callable[[Model], str | None] | None = None
) -> list[tuple[Model, int]]:
    items, seq = _read_root(path, key)
    errors: list[str] = []
    parsed: list[tuple[Model, int]] = []
    for item, entry in zip(items, seq.value, strict=True):
        start = entry.start_mark.line + 1
        if not isinstance(item, dict):
            errors.append(f"{path.name}:{start}: each entry must be a mapping")
            continue
        label = f" {item['id']}" if isinstance(item.get("id"), str) else ""
        try:
            obj = model.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "entry"
                line = _field_line(entry, tuple(err["loc"]))
                errors.append(f"{path.name}:{line}:{label} {where}: {err['msg']}")
            continue
        problem = check(obj) if check else None
        if problem:
            errors.append(f"{path.name}:{start}:{label} {problem}")
            continue
        parsed.append((obj, start))
    if errors:
        raise ProcedureLoadError(errors)
    return parsed


def _procedure_files(path: Path | None) -> list[Path]:
    root = DEFAULT_DIR if path is None else Path(path)
    if root.is_dir():
        files = sorted(p for p in root.iterdir() if p.suffix in {".yaml", ".yml"})
        if not files:
            raise ProcedureLoadError([f"{root}: no .yaml files"])
        return files
    if not root.exists():
        raise ProcedureLoadError([f"{root}: no such file or directory"])
    return [root]


def load_procedures(path: Path | str | None = None) -> ProcedureBase:
    """Load one YAML file or every ``*.yaml`` of a directory (default: the shipped
    data). A file named after a category may only hold that category's entries."""
    procedures: list[Procedure] = []
    first_seen: dict[str, str] = {}
    errors: list[str] = []
    for file in _procedure_files(None if path is None else Path(path)):
        stem = file.stem

        def same_field(proc: Procedure, stem: str = stem) -> str | None:
            if stem in _CATEGORY_FILES and proc.category != stem:
                return f"category {proc.category!r} does not belong in {stem}.yaml"
            return None

        try:
            entries = _validate(file, "procedures", Procedure, same_field)
        except ProcedureLoadError as exc:
            errors.extend(exc.errors)
            continue
        for proc, line in entries:
            where = f"{file.name}:{line}"
            if proc.id in first_seen:
                first = first_seen[proc.id]
                errors.append(f"{where}: duplicate id {proc.id!r} (first at {first})")
                continue
            first_seen[proc.id] = where
            procedures.append(proc)
    if errors:
        raise ProcedureLoadError(errors)
    return ProcedureBase(procedures)


def load_overrides(path: Path | str) -> list[dict[str, Any]]:
    """Validate an ``overrides:`` file (for ``motcua procedures import``) and return
    the entries as plain dicts, ready to store and later pass to apply_overrides."""
    entries = _validate(Path(path), "overrides", ProcedureOverride)
    return [obj.model_dump(exclude_unset=True, mode="json") for obj, _ in entries]


@lru_cache(maxsize=1)
def default_procedures() -> ProcedureBase:
    """The shipped knowledge base, loaded once per process."""
    return load_procedures()
