"""JSON Schema of the ledger, generated from the record types in :mod:`newsledger.model`.

``docs/schema.json`` is this module's output (``make schema``); a test checks the two agree,
so the schema can never drift from the code.

    python -m newsledger.schema > docs/schema.json
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal, get_args, get_origin, get_type_hints

from newsledger.model import SCHEMA_VERSION, Ledger

SCHEMA_ID = "urn:newsledger:schema:ledger"


def _schema_for(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(hint)
    if hint is type(None):
        return {"type": "null"}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema_for(option, definitions) for option in get_args(hint)]}
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_for(args[0], definitions)}
        return {
            "type": "array",
            "prefixItems": [_schema_for(a, definitions) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin is dict:
        _, value_type = get_args(hint)
        return {"type": "object", "additionalProperties": _schema_for(value_type, definitions)}
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder: guards against recursion
            hints = get_type_hints(hint)
            fields = dataclasses.fields(hint)
            definitions[name] = {
                "type": "object",
                "description": (hint.__doc__ or "").strip().split("\n")[0],
                "properties": {f.name: _schema_for(hints[f.name], definitions) for f in fields},
                "required": [
                    f.name
                    for f in fields
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                ],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {hint!r}")


def ledger_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one Ledger as :meth:`Ledger.to_json` writes it."""
    definitions: dict[str, Any] = {}
    root = _schema_for(Ledger, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"newsledger Ledger (schema version {SCHEMA_VERSION})",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_json() -> str:
    return json.dumps(ledger_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
