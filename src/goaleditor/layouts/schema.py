"""A small JSON Schema validator: the subset ``resources/layouts/layout.schema.json`` uses.

Keywords: ``type``, ``properties``, ``required``, ``additionalProperties``, ``items``,
``enum``, ``const``, ``pattern``, ``minimum``, ``maximum``, ``minLength``, ``minItems``,
``oneOf`` and local ``$ref`` (``#/$defs/name``); descriptive keywords are ignored and
any other keyword is refused, so the schema cannot silently say more than is checked.
Messages are Chinese and name the place as a path (``rows[3].cells[1].span``).
"""

from __future__ import annotations

import re
from typing import Any

#: Keywords that only describe; the validator skips them.
_DESCRIPTIVE = {"$schema", "$id", "$defs", "title", "description", "default", "examples"}
_CHECKED = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "minItems",
    "oneOf",
    "$ref",
}

_TYPE_NAMES = {
    "object": "对象（{…}）",
    "array": "列表（[…]）",
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "null": "null",
}


class SchemaError(Exception):
    """The schema itself uses something this validator does not check."""


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    raise SchemaError(f"unknown type {name!r}")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Validator:
    def __init__(self, schema: dict):
        self.root = schema
        self._check_keywords(schema)

    def _check_keywords(self, schema: Any) -> None:
        if isinstance(schema, dict):
            unknown = set(schema) - _CHECKED - _DESCRIPTIVE
            if unknown:
                raise SchemaError(f"keywords not supported: {sorted(unknown)}")
            for key, sub in schema.items():
                if key in ("properties", "$defs"):
                    for item in sub.values():
                        self._check_keywords(item)
                elif key in ("items", "additionalProperties"):
                    self._check_keywords(sub)
                elif key == "oneOf":
                    for item in sub:
                        self._check_keywords(item)

    def _resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise SchemaError(f"only local references: {ref}")
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            schema = target
        return schema

    def errors(
        self, value: Any, schema: dict | None = None, path: str = ""
    ) -> list[tuple[str, str]]:
        """(path, Chinese message) for every place *value* breaks *schema*; [] when valid."""
        schema = self._resolve(self.root if schema is None else schema)
        if "oneOf" in schema:
            return self._one_of(value, schema["oneOf"], path)
        if "const" in schema and value != schema["const"]:
            return [(path, f"应为 {_shown(schema['const'])}，而不是 {_shown(value)}")]
        if "enum" in schema and value not in schema["enum"]:
            allowed = "、".join(_shown(v) for v in schema["enum"])
            return [(path, f"是 {_shown(value)}，应为 {allowed} 之一")]
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(value, t) for t in types):
                wanted = "或".join(_TYPE_NAMES[t] for t in types)
                return [(path, f"应为{wanted}")]
        if isinstance(value, str):
            return self._string(value, schema, path)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self._number(value, schema, path)
        if isinstance(value, list):
            return self._array(value, schema, path)
        if isinstance(value, dict):
            return self._object(value, schema, path)
        return []

    def _one_of(self, value: Any, branches: list, path: str) -> list[tuple[str, str]]:
        results = [self.errors(value, branch, path) for branch in branches]
        passing = [r for r in results if not r]
        if len(passing) == 1:
            return []
        if len(passing) > 1:
            return [(path, "同时符合几种写法，含义不明确")]
        if isinstance(value, dict):
            # An object names its branch by the keys it has (``cells``, ``group`` …):
            # report that branch's own errors, not a vague "none matched".
            named = [
                r
                for branch, r in zip(branches, results, strict=True)
                if (required := self._resolve(branch).get("required"))
                and all(key in value for key in required)
            ]
            if len(named) == 1:
                return named[0]
        # A value of the type one branch wants is meant for that branch.
        typed = [
            r
            for branch, r in zip(branches, results, strict=True)
            if "type" in (b := self._resolve(branch)) and any(_is_type(value, t) for t in _types(b))
        ]
        if len(typed) == 1:
            return typed[0]
        # Otherwise the branch whose errors reach deepest is the one the author meant.
        best = max(results, key=lambda r: max(len(p) for p, _ in r))
        if all(p == path for p, _ in best):
            kinds = _branch_kinds(self, branches)
            return [(path, f"写法不对，应为{kinds}")]
        return best

    def _string(self, value: str, schema: dict, path: str) -> list[tuple[str, str]]:
        if len(value) < schema.get("minLength", 0):
            return [(path, "不能为空")]
        pattern = schema.get("pattern")
        if pattern and not re.search(pattern, value):
            return [(path, f"是 {_shown(value)}，格式不对（应符合 {pattern}）")]
        return []

    def _number(self, value: float, schema: dict, path: str) -> list[tuple[str, str]]:
        if "minimum" in schema and value < schema["minimum"]:
            return [(path, f"是 {value}，不能小于 {schema['minimum']}")]
        if "maximum" in schema and value > schema["maximum"]:
            return [(path, f"是 {value}，不能大于 {schema['maximum']}")]
        return []

    def _array(self, value: list, schema: dict, path: str) -> list[tuple[str, str]]:
        if len(value) < schema.get("minItems", 0):
            return [(path, f"至少应有 {schema['minItems']} 项")]
        errors: list[tuple[str, str]] = []
        if "items" in schema:
            for i, item in enumerate(value):
                errors += self.errors(item, schema["items"], join(path, i))
        return errors

    def _object(self, value: dict, schema: dict, path: str) -> list[tuple[str, str]]:
        errors: list[tuple[str, str]] = []
        for key in schema.get("required", []):
            if key not in value:
                errors.append((join(path, key), "缺少这一项"))
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                errors += self.errors(item, properties[key], join(path, key))
            elif extra is False:
                errors.append((join(path, key), "是未知的项（拼写有误？）"))
            elif isinstance(extra, dict):
                errors += self.errors(item, extra, join(path, key))
        return errors


def _types(schema: dict) -> list[str]:
    types = schema.get("type", [])
    return types if isinstance(types, list) else [types]


def _branch_kinds(validator: Validator, branches: list) -> str:
    names = []
    for branch in branches:
        branch = validator._resolve(branch)
        if "enum" in branch:
            names += [_shown(v) for v in branch["enum"]]
        elif "const" in branch:
            names.append(_shown(branch["const"]))
        else:
            names.append("或".join(_TYPE_NAMES.get(t, t) for t in _types(branch)) or "规定的值")
    return "、".join(dict.fromkeys(names)) + " 之一"
