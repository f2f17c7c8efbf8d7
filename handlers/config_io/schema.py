"""The configuration file's shape, and reading it with line numbers for every mistake.

Each section is a list of flat mappings; a field is (name, type, required). The same
field lists drive export, so what is written is exactly what can be read back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

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


def _check_value(kind: str, value: Any) -> str | None:
    if kind == "code5" or kind == "code2":
        size = 5 if kind == "code5" else 2
        if not (isinstance(value, str) and len(value) == size and value.isdigit()):
            return f'phải là mã {size} chữ số trong ngoặc kép, ví dụ "{"0" * (size - 1)}1"'
    elif kind == "str" and not (isinstance(value, str) and value.strip()):
        return "phải là chữ, không để trống"
    elif kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return "phải là số nguyên"
    elif kind == "bool" and not isinstance(value, bool):
        return "phải là true hoặc false"
    elif kind == "float" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return "phải là số"
    elif kind == "date" and not isinstance(value, date):
        return "phải là ngày dạng YYYY-MM-DD"
    elif kind == "strlist" and not (
        isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    ):
        return "phải là danh sách chữ"
    return None


def parse(text: str) -> tuple[Config, list[str]]:
    """The file as a `Config`, plus every mistake found ("dòng N: …"); never raises."""
    config, errors = Config(), []
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return config, [f"tệp quá lớn (tối đa {MAX_BYTES // 1_000_000} MB)"]
    if "\x00" in text:
        return config, ["tệp không phải văn bản YAML (có byte nhị phân)"]
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return config, [f"{where}YAML sai cú pháp ({problem})"]
    if not isinstance(document, dict):
        return config, ["tệp phải là một bảng có các mục departments, chats, officials, rules…"]
    document.pop("__line__", None)
    if document.get("version") != VERSION:
        errors.append(f"dòng 1: thiếu hoặc sai 'version: {VERSION}'")
    province = document.get("province")
    if province is not None and _check_value("code2", province):
        errors.append(f"province {_check_value('code2', province)}")
    config.province = province if isinstance(province, str) else None
    for unknown in sorted(set(document) - {"version", "province", *SECTIONS}, key=str):
        errors.append(f"mục lạ {unknown!r}; các mục hợp lệ: {', '.join(SECTIONS)}")
    for section, fields in SECTIONS.items():
        items = document.get(section) or []
        if not isinstance(items, list):
            errors.append(f"{section} phải là một danh sách (mỗi dòng bắt đầu bằng '- ')")
            continue
        for raw in items:
            if not isinstance(raw, dict):
                errors.append(f"{section}: mỗi mục phải là một bảng khóa: giá trị")
                continue
            line = int(raw.pop("__line__", 0))
            before = len(errors)
            names = {name for name, _, _ in fields}
            for extra in sorted(set(raw) - names, key=str):
                errors.append(f"dòng {line}: {section} không có trường {extra!r}")
            for name, kind, required in fields:
                value = raw.get(name)
                if value is None:
                    if required:
                        errors.append(f"dòng {line}: {section} thiếu trường {name!r}")
                    continue
                problem = _check_value(kind, value)
                if problem:
                    errors.append(f"dòng {line}: {name} {problem}")
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
    header = "# Cấu hình Một Cửa: sửa tệp này rồi chạy `motcua config apply TỆP`.\n"
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=99)
