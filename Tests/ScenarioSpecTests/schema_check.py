#!/usr/bin/env python3
"""Check scenario files against schema/scenario.schema.json.

Used by SchemaAgreementTests.swift (and by hand) to prove that the JSON
Schema and the Swift validator agree. Test helper only: never part of the
product.

    python3 schema_check.py SCHEMA FILE... [--json]

Each file is checked twice:
  1. as written, against the schema (a file with `extends` may omit what its
     base gives: the schema relaxes its required keys);
  2. when it has `extends`, the base chain is loaded and merged exactly as
     docs/scenario-format.md says (this file's values override the base's:
     mappings merge key by key, lists and scalars replace) and the merged
     document must pass the schema as a complete scenario. Errors in the
     merged document are located in whichever file holds the offending value.

YAML is read with the YAML 1.2 core schema, as Yams reads it: dates stay
strings (no timestamp type), only true/false are booleans, `1e3` is a
number; duplicate keys are errors. NaN and infinities are turned into
strings so that the schema rejects them wherever a number is expected (JSON
has no such numbers).

Output: one line per problem, `FILE:LINE:COL: error: MESSAGE`, then a
summary; with --json, one JSON object per file:
{"file": ..., "valid": true/false, "errors": [...]}.
Exit status: 0 all valid, 1 some invalid, 2 usage error, 3 a needed Python
module is missing (the message starts with "SKIP:").
"""

import json
import math
import os
import re
import sys

try:
    import yaml
    import jsonschema
except ImportError as exc:  # the Swift test skips on exit status 3
    print(f"SKIP: python module missing ({exc.name}); install PyYAML and jsonschema", file=sys.stderr)
    sys.exit(3)


class ScenarioError(Exception):
    def __init__(self, file, line, column, message):
        super().__init__(message)
        self.file, self.line, self.column, self.message = file, line, column, message

    def __str__(self):
        return f"{self.file}:{self.line}:{self.column}: error: {self.message}"


def _not_finite(value):
    # A string no number pattern of the schema accepts.
    return f"{value} (not a finite number)"


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema resolvers and no timestamps."""


Yaml12Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]
for _tag, _regex, _first in _RESOLVERS:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regex), _first)


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float(loader, node):
    text = loader.construct_scalar(node)
    lowered = text.lower()
    if lowered.endswith(".inf") or lowered == ".nan":
        return _not_finite(text)
    value = float(text)
    return value if math.isfinite(value) else _not_finite(text)


def _construct_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            mark = key_node.start_mark
            raise ScenarioError(loader.name, mark.line + 1, mark.column + 1, f"duplicate key '{key}'")
        result[key] = loader.construct_object(value_node, deep=True)
    return result


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class Document:
    """One file: its data and a way to find the line of a value by path."""

    def __init__(self, path):
        self.path = path
        self.node = None
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if path.endswith(".json"):
            self.data = self._load_json(text)
        else:
            self.data = self._load_yaml(text)

    def _load_json(self, text):
        def pairs(items):
            result = {}
            for key, value in items:
                if key in result:
                    raise ScenarioError(self.path, 1, 1, f"duplicate key '{key}'")
                result[key] = value
            return result

        try:
            return json.loads(text, object_pairs_hook=pairs, parse_constant=_not_finite)
        except json.JSONDecodeError as exc:
            raise ScenarioError(self.path, exc.lineno, exc.colno, exc.msg)

    def _load_yaml(self, text):
        loader = Yaml12Loader(text)
        loader.name = self.path
        try:
            self.node = loader.get_single_node()
            if self.node is None:
                raise ScenarioError(self.path, 1, 1, "the file is empty")
            return loader.construct_document(self.node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise ScenarioError(self.path, line, column, f"{exc.problem or exc.context}")
        finally:
            loader.dispose()

    def has(self, path):
        value = self.data
        for part in path:
            if isinstance(value, dict) and isinstance(part, str) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
                value = value[part]
            else:
                return False
        return True

    def location(self, path):
        """Line and column of the value at `path`, or of its deepest existing ancestor."""
        node = self.node
        if node is None:
            return 1, 1
        for part in path:
            found = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        found = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                found = node.value[part]
            if found is None:
                break
            node = found
        return node.start_mark.line + 1, node.start_mark.column + 1


def merge(base, override):
    """docs/scenario-format.md: mappings merge key by key, lists and scalars replace."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    return override


def load_chain(path):
    """The file and its bases, the file first."""
    chain, seen = [], []
    current, origin = path, None
    while True:
        real = os.path.realpath(current)
        if real in seen:
            doc = chain[-1]
            line, column = doc.location(["extends"])
            raise ScenarioError(doc.path, line, column, f"extends forms a cycle through '{current}'")
        seen.append(real)
        try:
            doc = Document(current)
        except OSError as exc:
            if origin is None:
                raise ScenarioError(current, 1, 1, f"cannot read the file: {exc.strerror}")
            line, column = origin.location(["extends"])
            raise ScenarioError(origin.path, line, column, f"cannot read the base scenario '{current}': {exc.strerror}")
        chain.append(doc)
        if not isinstance(doc.data, dict):
            break
        base = doc.data.get("extends")
        if not isinstance(base, str):
            break  # a non-string extends is reported by the schema
        current, origin = os.path.normpath(os.path.join(os.path.dirname(current), base)), doc
    return chain


def _message(error, expected):
    if error.validator == "pattern":  # the regular expressions say nothing to a reader
        return f"{error.instance!r} is not written as expected" + (f": {expected}" if expected else "")
    return error.message


def describe(error):
    path = "/".join(str(part) for part in error.absolute_path)
    expected = error.schema.get("description") if isinstance(error.schema, dict) else None
    message = _message(error, expected)
    # anyOf / oneOf: follow the alternative that matched the value's type
    # and got deepest into it, and say why it failed.
    closest = error
    while closest.context:
        candidates = [e for e in closest.context if e.validator != "type"]
        if not candidates:
            break
        closest = max(candidates, key=lambda e: len(e.absolute_path))
    if closest is not error:
        inner = "/".join(str(part) for part in closest.absolute_path)
        detail = _message(closest, None)
        message = f"{error.instance!r} is not valid" + (f" ({inner}: {detail})" if inner != path else f" ({detail})")
        if expected:
            message += f"; expected {expected[0].lower()}{expected[1:]}"
    return f"{path or '(top level)'}: {message}"


def check(validator, path):
    """All errors of one file, as ScenarioError values."""
    try:
        chain = load_chain(path)
    except ScenarioError as exc:
        return [exc]
    errors = []
    own = chain[0]
    for error in sorted(validator.iter_errors(own.data), key=lambda e: list(map(str, e.absolute_path))):
        line, column = own.location(list(error.absolute_path))
        errors.append(ScenarioError(own.path, line, column, describe(error)))
    if len(chain) > 1 and not errors:
        merged = {}
        for doc in reversed(chain):
            if not isinstance(doc.data, dict):
                line, column = doc.location([])
                return [ScenarioError(doc.path, line, column, "a scenario must be a mapping")]
            merged = merge(merged, doc.data)
        merged.pop("extends", None)
        for error in sorted(validator.iter_errors(merged), key=lambda e: list(map(str, e.absolute_path))):
            where = list(error.absolute_path)
            holder = next((doc for doc in chain if doc.has(where)), chain[-1])
            line, column = holder.location(where)
            errors.append(ScenarioError(holder.path, line, column, "after extends: " + describe(error)))
    return errors


def main(argv):
    args = [a for a in argv if a != "--json"]
    as_json = len(args) != len(argv)
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    invalid = 0
    for path in args[1:]:
        errors = check(validator, path)
        invalid += bool(errors)
        if as_json:
            print(json.dumps({"file": path, "valid": not errors, "errors": [str(e) for e in errors]}, sort_keys=True))
        else:
            for error in errors:
                print(error)
    if not as_json:
        print(f"{len(args) - 1 - invalid} valid, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
