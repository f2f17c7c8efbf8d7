"""The configuration file's shape, and reading it with line numbers for every mistake.

Each section is a list of flat mappings; a field is (name, type, required). The same
field lists drive export, so what is written is exactly what can be read back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from handlers import texts

VERSION = 1
MAX_BYTES = 20_000_000
Field = tuple[str, str, bool]  # name, kind, required

SECTIONS: dict[str, tuple[Field, ...]] = {
    "departments": (
        ("commune", "code5", True),
        ("key", "str", True),
        ("name", "str", True),
        ("external", "bool", False),
    ),
    "chats": (
        ("commune", "code5", True),
        ("department", "str", True),
        ("channel", "str", False),
        ("chat_id", "int", True),
        ("thread_id", "int", False),
        ("title", "str", False),
    ),
    "officials": (
        ("telegram_id", "int", True),
        ("name", "str", True),
        ("commune", "code5", True),
        ("department", "str", False),
        ("role", "str", False),
        ("active", "bool", False),
    ),
    "rules": (
        ("intent", "str", False),
        ("category", "str", False),
        ("province", "code2", False),
        ("commune", "code5", False),
        ("keywords", "strlist", False),
        ("min_confidence", "float", False),
        ("department", "str", True),
        ("target_commune", "code5", False),
        ("note", "str", False),
    ),
    "sla_policies": (
        ("province", "code2", False),
        ("commune", "code5", False),
        ("department", "str", False),
        ("category", "str", False),
        ("priority", "str", False),
        ("claim", "str", False),
        ("resolve", "str", False),
    ),
    "calendar_exceptions": (
        ("day", "date", True),
        ("working", "bool", True),
        ("note", "str", False),
    ),
}
DEFAULTS: dict[str, Any] = {
    "external": False,
    "channel": "telegram",
    "title": "",
    "role": "officer",
    "active": True,
    "keywords": [],
    "note": "",
}
KEYS: dict[str, tuple[str, ...]] = {
    "departments": ("commune", "key"),
    "chats": ("commune", "department"),
    "officials": ("telegram_id", "commune", "department"),
    "sla_policies": ("province", "commune", "department", "category", "priority"),
    "calendar_exceptions": ("day",),
}
Item = dict[str, Any]


@dataclass
class Config:
    """A parsed file: sections of normalised items, and each item's line in the file."""

    province: str | None = None
    sections: dict[str, list[Item]] = field(default_factory=lambda: {s: [] for s in SECTIONS})
    lines: dict[str, list[int]] = field(default_factory=lambda: {s: [] for s in SECTIONS})


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping so that errors can point into the file."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def normalise(section: str, raw: dict[str, Any]) -> Item:
    """Fill defaults in field order, so a file and the database compare equal when alike."""
    return {name: raw.get(name, DEFAULTS.get(name)) for name, _, _ in SECTIONS[section]}


def at(line: int, problem: str) -> str:
    """A mistake with the file line it is on."""
    return str(texts.CONFIG_AT_LINE).format(line=line, problem=problem)


def _check_value(kind: str, value: Any) -> str | None:
    if kind == "code5" or kind == "code2":
        size = 5 if kind == "code5" else 2
        if not (isinstance(value, str) and len(value) == size and value.isdigit()):
            return texts.CONFIG_WANT_CODE.format(size=size, example="0" * (size - 1) + "1")
    elif kind == "str" and not (isinstance(value, str) and value.strip()):
        return texts.CONFIG_WANT_TEXT
    elif kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return texts.CONFIG_WANT_INT
    elif kind == "bool" and not isinstance(value, bool):
        return texts.CONFIG_WANT_BOOL
    elif kind == "float" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return texts.CONFIG_WANT_NUMBER
    elif kind == "date" and not isinstance(value, date):
        return texts.CONFIG_WANT_DATE
    elif kind == "strlist" and not (
        isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    ):
        return texts.CONFIG_WANT_WORDS
    return None


def parse(text: str) -> tuple[Config, list[str]]:
    """The file as a `Config`, plus every mistake found ("dòng N: …"); never raises."""
    config, errors = Config(), []
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return config, [texts.CONFIG_TOO_BIG.format(mb=MAX_BYTES // 1_000_000)]
    if "\x00" in text:
        return config, [texts.CONFIG_BINARY]
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        message = texts.CONFIG_SYNTAX.format(problem=getattr(exc, "problem", None) or str(exc))
        if mark is not None:
            message = at(mark.line + 1, message)
        return config, [message]
    if not isinstance(document, dict):
        return config, [texts.CONFIG_NOT_MAPPING]
    document.pop("__line__", None)
    if document.get("version") != VERSION:
        errors.append(texts.CONFIG_VERSION.format(version=VERSION))
    province = document.get("province")
    if province is not None and _check_value("code2", province):
        errors.append(f"province {_check_value('code2', province)}")
    config.province = province if isinstance(province, str) else None
    for unknown in sorted(set(document) - {"version", "province", *SECTIONS}, key=str):
        errors.append(
            texts.CONFIG_UNKNOWN_SECTION.format(name=unknown, choices=", ".join(SECTIONS))
        )
    for section, fields in SECTIONS.items():
        items = document.get(section) or []
        if not isinstance(items, list):
            errors.append(texts.CONFIG_NOT_LIST.format(section=section))
            continue
        for raw in items:
            if not isinstance(raw, dict):
                errors.append(texts.CONFIG_NOT_ITEM.format(section=section))
                continue
            line = int(raw.pop("__line__", 0))
            before = len(errors)
            names = {name for name, _, _ in fields}
            for extra in sorted(set(raw) - names, key=str):
                errors.append(
                    at(line, texts.CONFIG_UNKNOWN_FIELD.format(section=section, name=extra))
                )
            for name, kind, required in fields:
                value = raw.get(name)
                if value is None:
                    if required:
                        errors.append(
                            at(line, texts.CONFIG_MISSING_FIELD.format(section=section, name=name))
                        )
                    continue
                problem = _check_value(kind, value)
                if problem:
                    errors.append(
                        at(line, texts.CONFIG_BAD_VALUE.format(name=name, problem=problem))
                    )
            if len(errors) == before:
                config.sections[section].append(normalise(section, raw))
                config.lines[section].append(line)
    return config, errors


def item_key(section: str, item: Item) -> tuple[Any, ...]:
    return tuple(item[name] for name in KEYS[section])


def dump(province: str | None, sections: dict[str, list[Item]]) -> str:
    """The YAML text; empty optional fields are left out so the file stays short."""
    document: dict[str, Any] = {"version": VERSION, "province": province}
    for section, items in sections.items():
        document[section] = [
            {k: v for k, v in item.items() if v is not None and v != DEFAULTS.get(k, object())}
            for item in items
        ]
    return texts.CONFIG_HEADER + yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, width=99
    )
