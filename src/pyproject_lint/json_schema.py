"""A JSON Schema (draft-07) reader that reports every violation, in the words of TOML.

fastjsonschema stops at the first violation, and at an ``anyOf``/``oneOf`` it can only say
that no alternative fits. This walks the schema over the data instead and collects every
violation: at an ``anyOf`` or ``oneOf`` it keeps the alternatives whose type fits the value
and reports what breaks the best of them, so that an unknown key deep inside ruff's
``anyOf: [LintOptions, null]`` is reported at that key, not at ``[tool.ruff.lint]``.

The schemas it reads are small next to fastjsonschema's generated code for them (ruff's:
0.14 MB against 5.7 MB of Python, which takes 2 s to compile and 30 ms to import), so a run
reads only the schemas of the tables a file has, and never compiles one.

Messages speak of TOML, not JSON: a *table*, an *array*, ``true or false``, no ``null``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


PathPart = Union[str, int]
Path = tuple[PathPart, ...]
FormatCheck = Callable[[str], bool]

#: Violations collected before the rest of a value is left unchecked.
MAX_VIOLATIONS = 50
#: Enum values listed in a message; longer enums get a did-you-mean instead.
MAX_LISTED = 8
#: Value lists longer than this (from the schema store, growing with each release) are
#: named without their length, so messages do not differ between installs.
MAX_COUNTED = 100


class Violation(Record):
    """One violation: the value at fault (for a key: its table) and what is wrong with it."""

    path: Path
    kind: str
    """The schema keyword broken (``additionalProperties`` for an unknown key)."""
    message: str
    """What is wrong, without the path: ``must be an integer``."""
    key: Optional[str] = None
    """For an unknown key, or one that is missing: its name (``path`` is its table)."""
    close: Optional[str] = None
    """For an unknown key or value: the known one closest to it (the did-you-mean)."""


def dotted(path: Path) -> str:
    """``tool.ruff.lint.select[0]``."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def _did_you_mean(word: str, choices: Iterator[str]) -> Optional[str]:
    import difflib  # only on a violation

    pool = [choice for choice in choices if isinstance(choice, str)]
    normal = {choice.lower().replace("_", "-"): choice for choice in pool}
    close = normal.get(word.lower().replace("_", "-"))
    if close is not None:
        return close
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
    return found[0] if found else None


def unknown_key(key: str, known: Iterable[str]) -> str:
    """``has an unknown key `line-lenght`; did you mean `line-length`?``"""
    return _unknown_key_violation((), key, known).message


def _unknown_key_violation(path: Path, key: str, known: Iterable[str]) -> Violation:
    close = _did_you_mean(key, iter(known))
    message = f"has an unknown key `{key}`" + (f"; did you mean `{close}`?" if close else "")
    return Violation(path, "additionalProperties", message, key, close)


def toml_value(value: Any) -> str:
    """A value as TOML writes it (short): ``"text"``, ``true``, ``3``, ``[...]``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, dict):
        return "{...}"
    return str(value)


_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "an array",
    "object": "a table",
}


def type_of(value: Any) -> str:
    """The JSON type of a TOML value (dates and times, which JSON lacks, count as strings
    to no schema: they are reported as what they are)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "date or time"


def _has_type(value: Any, name: str) -> bool:
    actual = type_of(value)
    return actual == name or (name == "number" and actual == "integer")


def _words(options: list[str]) -> str:
    options = list(dict.fromkeys(options))
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


def _found(value: Any) -> str:
    kind = type_of(value)
    return {"object": "a table", "array": "an array", "boolean": "`" + toml_value(value) + "`"}.get(kind) or (
        f"`{toml_value(value)}`" if kind in ("string", "integer", "number") else f"a {kind}"
    )


#: Formats whose meaning is a range of integers (schemars writes them for Rust's types).
_INTEGER_FORMATS = {
    "uint": (0, None), "uint8": (0, 255), "uint16": (0, 65535), "uint32": (0, 2**32 - 1), "uint64": (0, 2**64 - 1),
    "int8": (-128, 127), "int16": (-(2**15), 2**15 - 1), "int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
}
_FORMAT_WORDS = {
    "pep508": "a PEP 508 requirement",
    "pep508-identifier": "a PEP 508 name",
    "pep508-versionspec": "a version specifier such as `>=3.9`",
    "pep440": "a PEP 440 version",
    "python-identifier": "a Python identifier",
    "python-qualified-identifier": "a dotted Python name",
    "python-module-name": "a Python module name",
    "python-module-name-relaxed": "a Python module name",
    "python-entrypoint-name": "an entry point name",
    "python-entrypoint-reference": "an entry point reference such as `package.module:object`",
    "pep561-stub-name": "a stub package name (`name-stubs`)",
    "trove-classifier": "a trove classifier",
    "SPDX": "an SPDX license expression",
    "pep517-backend-reference": "a build backend reference such as `package.module:object`",
}


class Validator:
    """Walks schemas over values. ``documents`` maps each schema's ``$id`` (without a
    fragment) to the schema, for ``$ref``; an unknown reference accepts anything (the
    linter never fetches one). ``formats`` checks the named string formats; others pass."""

    def __init__(
        self, documents: Mapping[str, Any], formats: Optional[Mapping[str, FormatCheck]] = None, integer_formats: bool = True
    ) -> None:
        self.documents = documents
        self.formats = formats or {}
        self.integer_formats = integer_formats
        """Whether ``uint8`` and the like (schemars' names for Rust's integers) bound integers."""
        self._patterns: dict[str, Optional[re.Pattern[str]]] = {}
        self._resolved: dict[tuple[str, str], tuple[str, Any]] = {}

    # -- references ----------------------------------------------------------------------
    def resolve(self, base: str, ref: str) -> tuple[str, Any]:
        """The schema a ``$ref`` names, and its document's URI; ``True`` when unknown."""
        found = self._resolved.get((base, ref))
        if found is None:
            found = self._resolved[base, ref] = self._resolve(base, ref)
        return found

    def _resolve(self, base: str, ref: str) -> tuple[str, Any]:
        from urllib.parse import unquote, urljoin

        target = urljoin(base, ref) if base else ref
        uri, _, fragment = target.partition("#")
        document = self.documents.get(uri or base)
        if document is None:
            return base, True
        node: Any = document
        if fragment.startswith("/"):
            for escaped in fragment[1:].split("/"):
                part = unquote(escaped).replace("~1", "/").replace("~0", "~")
                if isinstance(node, list) and part.isdigit() and int(part) < len(node):
                    node = node[int(part)]
                elif isinstance(node, dict) and part in node:
                    node = node[part]
                else:
                    return uri or base, True
        elif fragment:
            node = _anchor(document, f"#{fragment}")
            if node is None:
                return uri or base, True
        return uri or base, node

    def _deref(self, schema: Any, base: str) -> tuple[Any, str]:
        for _ in range(32):  # a chain of references; a loop of them accepts anything
            if not isinstance(schema, dict) or "$ref" not in schema:
                return schema, base
            base, schema = self.resolve(base, schema["$ref"])
        return True, base

    # -- checking ------------------------------------------------------------------------
    def violations(self, schema: Any, value: Any, base: str = "", path: Path = ()) -> list[Violation]:
        """Every violation of ``schema`` by ``value`` (at most :data:`MAX_VIOLATIONS`)."""
        return self._check(schema, value, path, base)[:MAX_VIOLATIONS]

    def property_names(self) -> frozenset[str]:
        """Every key any table of the documents names (a key unknown in one place may be
        known in another, or in a later release of the tool)."""
        names: set[str] = set()
        stack: list[Any] = list(self.documents.values())
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                properties = node.get("properties")
                if isinstance(properties, dict):
                    names.update(properties)
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        return frozenset(names)

    def is_valid(self, schema: Any, value: Any, base: str = "") -> bool:
        return not self._check(schema, value, (), base)

    def _check(self, schema: Any, value: Any, path: Path, base: str) -> list[Violation]:
        if schema is True or schema == {}:
            return []
        if schema is False:
            return [Violation(path, "false", "is not allowed here")]
        if not isinstance(schema, dict):
            return []
        if "$ref" in schema:
            # Draft 7: beside `$ref`, other keywords are ignored.
            target, target_base = self._deref(schema, base)
            return self._check(target, value, path, target_base)
        found: list[Violation] = []
        kind = type_of(value)
        types = schema.get("type")
        if types is not None:
            names = [types] if isinstance(types, str) else list(types)
            if not any(_has_type(value, name) for name in names):
                expected = [_TYPE_WORDS[name] for name in names if name in _TYPE_WORDS]
                if not expected:  # `null` alone: TOML cannot write it
                    return [Violation(path, "type", "cannot be given in TOML: leave it out")]
                return [Violation(path, "type", f"must be {self.expectation(schema, base)}, not {_found(value)}")]
        if "const" in schema and not _equal(value, schema["const"]):
            return [Violation(path, "const", f"must be `{toml_value(schema['const'])}`")]
        if "enum" in schema and not _in_enum(value, schema["enum"]):
            return [Violation(path, "enum", self._enum_message(schema["enum"], value))]
        if kind == "object":
            found += self._check_table(schema, value, path, base)
        elif kind == "array":
            found += self._check_array(schema, value, path, base)
        elif kind == "string":
            found += self._check_string(schema, value, path)
        elif kind in ("integer", "number"):
            found += _check_number(schema, value, path, self.integer_formats)
        for part in schema.get("allOf", ()):
            found += self._check(part, value, path, base)
        if "anyOf" in schema:
            found += self._alternatives(schema["anyOf"], value, path, base, exactly_one=False)
        if "oneOf" in schema:
            found += self._alternatives(schema["oneOf"], value, path, base, exactly_one=True)
        if "not" in schema and not self._check(schema["not"], value, path, base):
            found.append(Violation(path, "not", "is not allowed here"))
        if "if" in schema:
            branch = "then" if not self._check(schema["if"], value, path, base) else "else"
            if branch in schema:
                found += self._check(schema[branch], value, path, base)
        return found

    def _check_table(self, schema: dict[str, Any], value: dict[str, Any], path: Path, base: str) -> list[Violation]:
        found: list[Violation] = []
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        additional = schema.get("additionalProperties", True)
        for key in schema.get("required", ()):
            if key not in value:
                close = _did_you_mean(key, iter(value)) if value else None
                written = f" (not `{close}`)" if close else ""
                found.append(Violation(path, "required", f"must have the key `{key}`{written}", key))
        for key, item in value.items():
            if len(found) >= MAX_VIOLATIONS:
                break
            known = False
            if key in properties:
                known = True
                found += self._check(properties[key], item, (*path, key), base)
            for pattern, subschema in patterns.items():
                compiled = self._pattern(pattern)
                if compiled is None or compiled.search(key):
                    known = True
                    found += self._check(subschema, item, (*path, key), base)
            if not known:
                if additional is False:
                    found.append(self._unknown_key(path, key, properties))
                else:
                    found += self._check(additional, item, (*path, key), base)
            if "propertyNames" in schema and self._check(schema["propertyNames"], key, (), base):
                found.append(self._bad_key(schema["propertyNames"], path, key, base))
        count = len(value)
        if "minProperties" in schema and count < schema["minProperties"]:
            least = schema["minProperties"]
            found.append(Violation(path, "minProperties", "must not be empty" if least == 1 else f"must have at least {least} keys"))
        if "maxProperties" in schema and count > schema["maxProperties"]:
            found.append(Violation(path, "maxProperties", f"must have at most {schema['maxProperties']} keys"))
        for key, needed in schema.get("dependencies", {}).items():
            if key in value:
                if isinstance(needed, list):
                    found += [Violation(path, "dependencies", f"must have `{other}` beside `{key}`", other) for other in needed if other not in value]
                else:
                    found += self._check(needed, value, path, base)
        return found

    def _unknown_key(self, path: Path, key: str, properties: Mapping[str, Any]) -> Violation:
        return _unknown_key_violation(path, key, properties)

    def _bad_key(self, names: Any, path: Path, key: str, base: str) -> Violation:
        names, _ = self._deref(names, base)
        choices = names.get("enum") if isinstance(names, dict) else None
        if choices:
            return _unknown_key_violation(path, key, choices)
        pattern = names.get("pattern") if isinstance(names, dict) else None
        rule = f" (keys must match `{pattern}`)" if pattern else ""
        return Violation(path, "propertyNames", f"has a key `{key}` that is not allowed{rule}", key)

    def _check_array(self, schema: dict[str, Any], value: list[Any], path: Path, base: str) -> list[Violation]:
        found: list[Violation] = []
        items = schema.get("items", True)
        if isinstance(items, list):
            for index, item in enumerate(value):
                subschema = items[index] if index < len(items) else schema.get("additionalItems", True)
                found += self._check(subschema, item, (*path, index), base)
        else:
            for index, item in enumerate(value):
                found += self._check(items, item, (*path, index), base)
                if len(found) >= MAX_VIOLATIONS:
                    break
        if "minItems" in schema and len(value) < schema["minItems"]:
            least = schema["minItems"]
            found.append(Violation(path, "minItems", "must not be empty" if least == 1 else f"must have at least {least} items"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            found.append(Violation(path, "maxItems", f"must have at most {schema['maxItems']} items"))
        if schema.get("uniqueItems"):
            for index, item in enumerate(value):
                if any(_equal(item, earlier) for earlier in value[:index]):
                    found.append(Violation((*path, index), "uniqueItems", f"repeats `{toml_value(item)}`"))
        if "contains" in schema and not any(not self._check(schema["contains"], item, (), base) for item in value):
            found.append(Violation(path, "contains", f"must hold {self.expectation(schema['contains'], base)}"))
        return found

    def _check_string(self, schema: dict[str, Any], value: str, path: Path) -> list[Violation]:
        found: list[Violation] = []
        if "minLength" in schema and len(value) < schema["minLength"]:
            least = schema["minLength"]
            found.append(Violation(path, "minLength", "must not be empty" if least == 1 else f"must be at least {least} characters long"))
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            found.append(Violation(path, "maxLength", f"must be at most {schema['maxLength']} characters long"))
        if "pattern" in schema:
            compiled = self._pattern(schema["pattern"])
            if compiled is not None and not compiled.search(value):
                single_line = schema["pattern"] in ("^[^\n]*$", "^[^\\n]*$")
                found.append(Violation(path, "pattern", "must be a single line" if single_line else f"must match `{schema['pattern']}`"))
        check = self.formats.get(schema.get("format", ""))
        if check is not None and not check(value):
            found.append(Violation(path, "format", f"must be {_FORMAT_WORDS.get(schema['format'], 'a valid ' + schema['format'])}"))
        return found

    def _pattern(self, pattern: str) -> Optional[re.Pattern[str]]:
        if pattern not in self._patterns:
            try:
                self._patterns[pattern] = re.compile(pattern)
            except re.error:  # an ECMA-262 pattern Python cannot read: no verdict
                self._patterns[pattern] = None
        return self._patterns[pattern]

    def _alternatives(self, options: list[Any], value: Any, path: Path, base: str, exactly_one: bool) -> list[Violation]:
        results = []
        for option in options:
            result = self._check(option, value, path, base)
            if not result and not exactly_one:
                return []  # anyOf: one that fits is enough
            results.append(result)
        passing = sum(1 for result in results if not result)
        if exactly_one and passing == 1:
            return []
        if exactly_one and passing > 1:
            return [Violation(path, "oneOf", "fits more than one of the forms allowed here; it must fit exactly one")]
        # Alternatives that fail at the value itself (its type, a constant) are not what
        # was meant when another one fails only deeper: report what breaks the closest.
        near = [result for result in results if not any(v.path == path and v.kind in _SHALLOW for v in result)]
        if near:
            best = min(near, key=lambda result: (sum(1 for v in result if v.path == path), len(result)))
            at_value = [v for v in best if v.path == path]
            if len(near) == 1 or len(at_value) < len(best) or not at_value:
                return best
            if all(v.kind == "required" for result in near for v in result):
                keys = [f"`{v.key}`" for result in near for v in result]
                return [Violation(path, "required", f"must have the key {_words(keys)}")]
        return [Violation(path, "anyOf", f"must be {self.expectation({'anyOf': options}, base)}, not {_found(value)}")]

    def _enum_message(self, options: list[Any], value: Any) -> str:
        if len(options) <= MAX_LISTED:
            return f"must be one of {', '.join(f'`{toml_value(option)}`' for option in options)}"
        close = _did_you_mean(value, iter(options)) if isinstance(value, str) else None
        hint = f"; did you mean `{toml_value(close)}`?" if close else ""
        if len(options) > MAX_COUNTED:
            return f"is not one of the values allowed here{hint}"
        return f"is not one of the {len(options)} values allowed here{hint}"

    # -- describing --------------------------------------------------------------------
    def expectation(self, schema: Any, base: str) -> str:
        """What ``schema`` admits, in words: ``a string or a table such as { file = "…" }``."""
        return _words(self._expectations(schema, base, 0) or ["something else"])

    def _expectations(self, schema: Any, base: str, depth: int) -> list[str]:
        schema, base = self._deref(schema, base)
        if not isinstance(schema, dict) or depth > 3:
            return []
        if "const" in schema:
            return [f"`{toml_value(schema['const'])}`"]
        if "enum" in schema:
            if len(schema["enum"]) <= MAX_LISTED:
                return [f"`{toml_value(option)}`" for option in schema["enum"]]
            return [_TYPE_WORDS.get(type_of(option), "something else") for option in schema["enum"]]
        options = schema.get("anyOf") or schema.get("oneOf")
        if options and "type" not in schema:
            return [word for option in options for word in self._expectations(option, base, depth + 1)]
        types = schema.get("type")
        words = []
        for name in [types] if isinstance(types, str) else list(types or []):
            if name == "object":
                words.append(self._table_example(schema, base))
            elif name == "array" and isinstance(schema.get("items"), dict):
                inner = self._expectations(schema["items"], base, depth + 1)
                words.append(f"an array of {_plural(_words(inner))}" if inner else "an array")
            elif name in _TYPE_WORDS:
                words.append(_TYPE_WORDS[name])
        return words

    def _table_example(self, schema: dict[str, Any], base: str) -> str:
        properties = schema.get("properties", {})
        required = [key for key in schema.get("required", ()) if key in properties]
        for part in schema.get("anyOf", ()):  # `name` or `email`: both are examples
            required += [key for key in (part.get("required", ()) if isinstance(part, dict) else ()) if key not in required]
        shown = (required + [key for key in properties if key not in required])[:2]
        if not shown:
            return "a table"
        pairs = ", ".join(f"{_bare(key)} = {self._placeholder(properties[key], base)}" for key in shown)
        return f"a table such as `{{ {pairs} }}`"

    def _placeholder(self, schema: Any, base: str) -> str:
        """A value of the type ``schema`` wants, to show its shape: ``"…"``, ``[...]``, ``{...}``."""
        schema, base = self._deref(schema, base)
        if not isinstance(schema, dict):
            return '"…"'
        types = schema.get("type")
        first = types if isinstance(types, str) else (types or [None])[0]
        if first is None:
            options = schema.get("anyOf") or schema.get("oneOf")
            return self._placeholder(options[0], base) if options else '"…"'
        return {"object": "{ … }", "array": "[…]", "boolean": "true", "integer": "1", "number": "1"}.get(first, '"…"')


_SHALLOW = frozenset(("type", "const", "enum"))
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _bare(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_value(key)


def _plural(words: str) -> str:
    """``strings`` for ``a string``; ``tables such as …`` for ``a table such as …``."""
    if " or " in words:
        return f"({words})"
    for singular in ("a string", "an integer", "a number", "a table", "an array"):
        if words.startswith(singular):
            return singular.split(" ", 1)[1] + "s" + words[len(singular):]
    return words


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: ``1 == True`` is false there."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    numbers = ("integer", "number")
    if (type_of(a) in numbers) != (type_of(b) in numbers):
        return False
    return bool(a == b)


def _in_enum(value: Any, options: list[Any]) -> bool:
    if isinstance(value, str):  # the common case, and ruff's 2400 rule codes: no pairwise walk
        return value in options
    return any(_equal(value, option) for option in options)


def _check_number(schema: dict[str, Any], value: Union[int, float], path: Path, integer_formats: bool) -> list[Violation]:
    found: list[Violation] = []
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    low, high = _INTEGER_FORMATS.get(schema.get("format", ""), (None, None)) if integer_formats else (None, None)
    if isinstance(value, int):
        minimum = low if minimum is None else minimum if low is None else max(minimum, low)
        maximum = high if maximum is None else maximum if high is None else min(maximum, high)
    if minimum is not None and value < minimum:
        found.append(Violation(path, "minimum", f"must be at least {minimum}"))
    if maximum is not None and value > maximum:
        found.append(Violation(path, "maximum", f"must be at most {maximum}"))
    exclusive_min, exclusive_max = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if isinstance(exclusive_min, (int, float)) and not isinstance(exclusive_min, bool) and value <= exclusive_min:
        found.append(Violation(path, "exclusiveMinimum", f"must be greater than {exclusive_min}"))
    if isinstance(exclusive_max, (int, float)) and not isinstance(exclusive_max, bool) and value >= exclusive_max:
        found.append(Violation(path, "exclusiveMaximum", f"must be less than {exclusive_max}"))
    step = schema.get("multipleOf")
    if isinstance(step, (int, float)) and step and (value / step) != int(value / step):
        found.append(Violation(path, "multipleOf", f"must be a multiple of {step}"))
    return found


def _anchor(document: Any, anchor: str) -> Any:
    """The subschema whose ``$id`` is the fragment ``anchor`` (``#name``), if any."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("$id") == anchor:
                return node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None
