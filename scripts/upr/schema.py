"""Validation of content against JSON Schemas, with messages people can act on.

Each kind of file (State, session calendar, group, tool, assessment …) has one
JSON Schema (draft 2020-12) defined in its domain module. Every property carries a
``description`` (shown in CONTRIBUTING and in error messages) and, where useful,
``examples`` (used to say what to write instead; a list field's examples are lists,
e.g. ``[["en"]]``, or come from its items' fields, and the advice shows the list form:
the key on its own line, ``- item`` under it). jsonschema finds the errors;
this module turns each into a :class:`~upr.problems.Problem` with the file line
of the offending key, using the line numbers kept by :mod:`upr.yamlio`.
"""
from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from .problems import Problem
from .suggest import closest
from .yamlio import LineDict, LineList

_validators: dict[int, Draft202012Validator] = {}


def _validator(schema: dict) -> Draft202012Validator:
    key = id(schema)
    if key not in _validators:
        Draft202012Validator.check_schema(schema)
        _validators[key] = Draft202012Validator(schema)
    return _validators[key]


def line_of(data: Any, path: list, default: int = 0) -> int:
    """Best file line for a JSON path (list of keys/indices) into LineDict/LineList data."""
    line = getattr(data, "line", 0) or default
    node = data
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.lines[part] if part < len(node.lines) else line
            node = node[part]
        else:
            break
    return line


def _subschema(schema: dict, path: list) -> dict:
    """The schema of the field at ``path``. A list item without its own description
    or examples takes its list's (so messages about ``languages[1]`` can still say
    what to write)."""
    node = schema
    for part in path:
        if not isinstance(node, dict):
            return {}
        if isinstance(part, int):
            items = node.get("items", {})
            if isinstance(items, dict):
                inherited = {k: node[k] for k in ("description",) if k in node and k not in items}
                if "examples" in node and "examples" not in items and isinstance(node["examples"], list) \
                        and node["examples"] and isinstance(node["examples"][0], list) and node["examples"][0]:
                    inherited["examples"] = [node["examples"][0][0]]
                items = {**items, **inherited}
            node = items
        else:
            node = node.get("properties", {}).get(part, {})
    return node if isinstance(node, dict) else {}


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a group of fields"
    return str(value)


def _example(sub: dict) -> str:
    examples = sub.get("examples")
    if examples:
        ex = examples[0]
        return f'"{ex}"' if isinstance(ex, str) else str(ex)
    return ""


def _item_example(sub: dict) -> Any:
    """An example item for the list field ``sub``: the first item of the list's own example,
    else the items' example or first allowed value, else a group of the items' required
    fields with their examples (None when there is nothing to show)."""
    examples = sub.get("examples")
    if examples and isinstance(examples[0], list) and examples[0]:
        return examples[0][0]
    items = sub.get("items")
    if not isinstance(items, dict):
        return None
    if items.get("examples"):
        return items["examples"][0]
    if items.get("enum"):
        return items["enum"][0]
    props = items.get("properties", {})
    keys = items.get("required") or list(props)[:1]
    example = {k: props[k]["examples"][0] for k in keys if props.get(k, {}).get("examples")}
    return example or None


def _list_form(key: str, sub: dict) -> str:
    """How to write the list field ``key``, in words on one line: the key alone on its line,
    then an item under it (never  key: "- …", which is a text, not a list)."""
    item = _item_example(sub)
    text = f"{key}:  and under it, indented by two spaces, a line  - "
    if not isinstance(item, dict) or not item:
        return text + (_example({"examples": [item]}) if item is not None else "…")
    (first, value), *more = item.items()
    text += f"{first}: {_example({'examples': [value]})}"
    if more:
        text += (f"  with, lined up under {first}, {'the lines' if len(more) > 1 else 'a line'}  "
                 + "  and  ".join(f"{k}: {_example({'examples': [v]})}" for k, v in more))
    return text


def _field_name(path: list) -> str:
    parts = []
    for part in path:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else (("." if parts else "") + str(part)))
    return "".join(parts) or "the file"


def _unknown_field(key: str, properties: dict, where: str) -> tuple[str, str]:
    """(message, fix) for a field the schema does not know, with the nearest allowed name."""
    allowed = ", ".join(sorted(properties))
    meant = closest(str(key), list(properties), cutoff=0.75)
    fix = (f"did you mean {meant}? (allowed fields are: {allowed})" if meant
           else f"check the spelling; allowed fields are: {allowed}")
    return (f"unknown field '{key}'" + (f" in {where}" if where else ""), fix)


def _message(err, schema: dict) -> tuple[str, str, list]:
    """(message, fix, path of the field) for one jsonschema error."""
    path = list(err.absolute_path)
    sub = _subschema(schema, path)
    name = _field_name(path)
    desc = sub.get("description", "")
    example = _example(sub)
    kind = err.validator
    if kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        msub = _subschema(schema, path + [missing])
        line = _list_form(missing, msub) if msub.get("type") == "array" else f"{missing}: {_example(msub) or '…'}"
        where = f" in {name}" if path else ""
        return (f"required field '{missing}' is missing{where}",
                f"add a line  {line}" + (f"  ({msub['description']})" if msub.get("description") else ""),
                path)
    if kind == "additionalProperties":  # one problem per unknown key: see validate()
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})), key=str)
        key = extra[0] if extra else ""
        return _unknown_field(key, err.schema.get("properties", {}), name if path else "") + \
            (path + ([key] if key else []),)
    if kind == "enum":
        choices = ", ".join(str(c) for c in err.validator_value)
        hint = ""
        if isinstance(err.instance, bool):
            hint = " (a bare yes/no/true/false is read as a yes-or-no value: put the value in quotes)"
        meant = closest(str(err.instance), err.validator_value) \
            if isinstance(err.instance, (str, int)) and not isinstance(err.instance, bool) else None
        fix = (f"did you mean {meant}? Write it exactly so" if meant
               else "write one of the allowed values exactly as listed")
        return (f"{name} must be one of: {choices}; got {_show(err.instance)}{hint}", fix, path)
    if kind == "const":
        return (f"{name} must be {_show(err.validator_value)}, got {_show(err.instance)}", "", path)
    if kind == "type":
        want = err.validator_value
        want = want if isinstance(want, str) else " or ".join(want)
        words = {"string": "a text", "integer": "a whole number", "array": "a list (one '- item' per line)",
                 "object": "a group of 'key: value' lines", "boolean": "true or false", "null": "empty"}
        want_text = words.get(want, want)
        hint = ""
        if isinstance(err.instance, bool) and want == "string":
            hint = "; a bare yes/no/true/false is read as a yes-or-no value: put it in quotes"
        if want == "array" and not name.endswith("]"):
            fix = f"write {want_text}, e.g. a line  {_list_form(name.split('.')[-1], sub)}"
        else:
            fix = f"write {want_text}" + (f", e.g. {name.split('.')[-1]}: {example}" if example else "") + hint
        if want == "string" and isinstance(err.instance, (int, float)) and not isinstance(err.instance, bool):
            key = name.split(".")[-1]
            # what the person typed, in quotes (an unquoted 012 stays the text '012' already)
            fix = f'put the value in quotes: {"-" if key.endswith("]") else key + ":"} "{err.instance}"'
        return (f"{name} must be {want_text}, got {_show(err.instance)}", fix, path)
    if kind == "pattern":
        # Never show a regular expression to people: say what the field is instead.
        fix = desc or "see the template in CONTRIBUTING.md for the form of this value"
        if example:
            fix += f" (e.g. {example})"
        return (f"{name} has the wrong form: {_show(err.instance)}", fix, path)
    if kind == "format":
        return (f"{name} is not a valid {err.validator_value}: {_show(err.instance)}",
                f"write it as {example}" if example else desc, path)
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return (f"{name} is out of range: {err.message}", desc, path)
    if kind in ("minItems", "maxItems", "minLength", "maxLength", "uniqueItems"):
        return (f"{name}: {err.message}", desc, path)
    return (f"{name}: {err.message}", desc, path)


def validate(data: Any, schema: dict, path: str) -> list[Problem]:
    """Validate ``data`` (from :mod:`upr.yamlio`) against ``schema``; return one
    Problem per error, each with the line of the field concerned."""
    problems = []
    for err in sorted(_validator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        if err.validator in ("anyOf", "oneOf", "allOf") and err.context:
            err = min(err.context, key=lambda e: len(list(e.schema_path)))
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            # every unknown key on its own line, not only the first one
            properties = err.schema.get("properties", {})
            where = _field_name(list(err.absolute_path)) if list(err.absolute_path) else ""
            for key in sorted(set(err.instance) - set(properties), key=str):
                message, fix = _unknown_field(key, properties, where)
                problems.append(Problem(path, line_of(data, list(err.absolute_path) + [key], 1), message, fix))
            continue
        message, fix, field_path = _message(err, schema)
        problems.append(Problem(path, line_of(data, field_path, 1), message, fix))
    return problems


def describe(schema: dict) -> list[tuple[str, bool, str, str]]:
    """Rows ``(field, required, description, example)`` for documentation and templates."""
    rows = []
    required = set(schema.get("required", []))
    for key, sub in schema.get("properties", {}).items():
        rows.append((key, key in required, sub.get("description", ""), _example(sub)))
    return rows
