"""The JSON Schemas of every file kind, and plain-language schema errors."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..problems import Problem, error

# file kind -> schema file name (without .schema.json)
KINDS = (
    "brand",
    "objectives",
    "budget",
    "persona",
    "competitor",
    "channels",
    "pillars",
    "campaigns",
    "people",
    "playbook",
    "post",
    "card-template",
)


def schema_text(kind: str) -> str:
    return (
        resources.files("socialplan")
        .joinpath("schemas", f"{kind}.schema.json")
        .read_text(encoding="utf-8")
    )


@cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def fast_validator(kind: str) -> Callable[[Any], Any]:
    """A compiled validator for the common case: a valid document.

    jsonschema interprets the schema on every call (about 135 µs a post);
    fastjsonschema compiles it to Python once. It knows drafts up to 7, and our
    schemas use only keywords that mean the same in draft 7 and 2020-12 (a
    test checks this), so we compile them as draft 7. jsonschema stays the
    reference: it checks the schemas themselves and explains every failure.
    """
    draft7 = {**schema(kind), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(draft7)


def check(kind: str, data: Any, rel: str) -> list[Problem]:
    """Every schema problem of `data` as a located `Problem`."""
    try:
        fast_validator(kind)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # explain it with the reference validator below
    checker = validator(kind)
    problems: dict[tuple[str, str], Problem] = {}
    for err in sorted(checker.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        # jsonschema reports `required` once per missing key, we explain all at once: dedupe.
        for problem in _explain(err, rel, kind):
            problems.setdefault((problem.code, problem.message), problem)
    return list(problems.values())


def _where(err: ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
    return path.lstrip(".") or "the file"


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


_WANTED = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
}


def _explain(err: ValidationError, rel: str, kind_name: str) -> list[Problem]:
    pointer = tuple(err.absolute_path)
    where = _where(err)
    kind = err.validator
    # jsonschema types these as "maybe unset"; on a reported error they are set.
    instance: Any = err.instance
    expected: Any = err.validator_value
    subschema: dict[str, Any] = err.schema if isinstance(err.schema, dict) else {}
    hint = str(subschema.get("description", ""))
    if kind == "required":
        missing = [name for name in expected if name not in instance]
        why = ""
        if any(p in ("if", "then", "allOf") for p in err.schema_path):
            why = " (needed once a post is in review or approved)"
        return [
            error(
                "schema-required",
                rel,
                f"`{name}` is missing in {where}{why}",
                _property_hint(err, name) or f"add `{name}:`",
                pointer=pointer,
            )
            for name in missing
        ]
    if kind == "additionalProperties":
        allowed = sorted(subschema.get("properties", {}))
        extras = [k for k in instance if k not in subschema.get("properties", {})]
        problems = []
        for name in extras:
            close = difflib.get_close_matches(name, allowed, n=1)
            problems.append(
                error(
                    "schema-unknown-key",
                    rel,
                    f"unknown key `{name}` in {where}",
                    f"did you mean `{close[0]}`?"
                    if close
                    else "allowed keys here: " + ", ".join(allowed),
                    pointer=(*pointer, name),
                    on_key=True,
                )
            )
        return problems
    if kind == "type":
        wanted = expected
        names = [_WANTED.get(t, str(t)) for t in (wanted if isinstance(wanted, list) else [wanted])]
        message = f"{where} should be {' or '.join(names)}, not {_type_name(instance)}"
        if "string" in wanted and isinstance(instance, dict) and len(instance) == 1:
            # The classic YAML trap: `- Do this: then that` is read as a mapping.
            hint = "the text contains `: `, so YAML read it as a key; put the whole text in quotes"
    elif kind == "enum":
        options = ", ".join(f"`{o}`" for o in expected)
        message = f"`{instance}` is not allowed for {where}; choose one of {options}"
    elif kind == "const":
        message = f"{where} must be `{expected}`"
    elif kind == "pattern":
        message = f"`{instance}` is not in the expected form for {where}"
    elif kind == "format":
        message = f"`{instance}` is not a valid {expected} for {where}"
    elif kind in ("minItems", "minLength") and not instance:
        message = f"{where} is empty"
    elif kind == "propertyNames":
        message = f"{where}: {err.message}"
    else:
        message = f"{where}: {err.message}"
    if not hint:
        hint = (
            "pick one of the values listed"
            if kind == "enum"
            else f"see schemas/{kind_name}.schema.json for what this key takes"
        )
    return [error(f"schema-{_slug(str(kind))}", rel, message, hint, pointer=pointer)]


def _property_hint(err: ValidationError, name: str) -> str:
    props = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
    described = props.get(name, {}).get("description", "") if isinstance(props, dict) else ""
    return f"add `{name}:` — {described}" if described else ""


def _slug(name: str) -> str:
    out = []
    for char in name:
        if char.isupper():
            out.append("-")
        out.append(char.lower())
    return "".join(out)


def check_all_schemas() -> None:
    """Raise if a shipped schema is itself invalid (used by the tests)."""
    for kind in KINDS:
        jsonschema.validators.validator_for(schema(kind)).check_schema(schema(kind))
