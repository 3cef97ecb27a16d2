"""[tool.*] schemas: the walk agrees with jsonschema, the cache, degrading without a plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_files, lint_case
from pyproject_lint import tool_schemas
from pyproject_lint._compat import tomllib
from pyproject_lint.diagnostics import Severity
from pyproject_lint.engine import lint
from pyproject_lint.json_schema import Validator
from pyproject_lint.tool_schemas import ToolSchema, catalog

COVERED = ["ruff", "uv", "mypy", "pytest", "cibuildwheel", "poetry", "hatch", "setuptools", "black", "ty", "tox", "pdm"]


def jsonschema_verdict(schema: ToolSchema, value: Any) -> bool:
    """jsonschema's answer (draft 7, formats not asserted), with the same documents.

    One difference is deliberate: JSON Schema counts ``0.0`` as an integer, but in TOML
    ``0.0`` is a float, and the tools reading these tables refuse it where they want an
    integer (ruff: "invalid type: floating point `0`, expected usize"), so the walk does too.
    """
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    registry: Registry[Any] = Registry().with_resources(
        (uri, Resource.from_contents(document, default_specification=DRAFT7)) for uri, document in schema.documents.items()
    )
    checker = jsonschema.Draft7Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, instance: isinstance(instance, int) and not isinstance(instance, bool)
    )
    toml_validator = jsonschema.validators.extend(jsonschema.Draft7Validator, type_checker=checker)
    return bool(toml_validator(schema.root, registry=registry).is_valid(value))


def ours(schema: ToolSchema, value: Any) -> bool:
    # Formats (and the integer ranges of schemars' formats) are left out on both sides.
    return Validator(schema.documents, {}, integer_formats=False).is_valid(schema.root, value, schema.base)


def test_the_walk_agrees_with_jsonschema_on_every_tool_table_of_the_corpus() -> None:
    checked = 0
    for path in corpus_files("real") + corpus_files("validate-pyproject"):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        tools = data.get("tool")
        for tool, table in (tools.items() if isinstance(tools, dict) else ()):
            schema = catalog().get(tool)
            if schema is None or _has_dates(table):
                continue  # JSON has no dates: jsonschema has no answer for them
            assert ours(schema, table) == jsonschema_verdict(schema, table), (path.name, tool)
            checked += 1
    assert checked > 100 or not corpus_files("real")


def _has_dates(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_dates(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_dates(item) for item in value)
    return not isinstance(value, (str, int, float, bool))


def _keys(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        found.update(key for key in node.get("properties", {}) if isinstance(key, str))
        for item in node.values():
            _keys(item, found)
    elif isinstance(node, list):
        for item in node:
            _keys(item, found)


@pytest.mark.parametrize("tool", COVERED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_walk_agrees_with_jsonschema_on_generated_tables(tool: str, data: st.DataObject) -> None:
    schema = catalog().get(tool)
    assert schema is not None
    names: set[str] = set()
    _keys(schema.documents, names)
    keys = st.sampled_from(sorted(names)) | st.text(max_size=4)
    scalars = st.none() | st.booleans() | st.integers(-3, 300) | st.floats(allow_nan=False, width=32) | st.text(max_size=6)
    values = st.recursive(
        scalars.filter(lambda v: v is not None),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=8,
    )
    table = data.draw(st.dictionaries(keys, values, max_size=4))
    assert ours(schema, table) == jsonschema_verdict(schema, table)


def test_an_unknown_key_deep_in_an_any_of_is_reported_at_that_key(tmp_path: Path) -> None:
    text = '[tool.ruff.lint.isort]\nknown-first-party = ["demo"]\nforce-sort-withn-sections = true\n'
    result = lint_case(text, tmp_path, select=("PPL300",))
    [finding] = result.diagnostics
    assert result.position(finding.start) == (3, 1) and finding.severity is Severity.ERROR
    assert finding.message.endswith("`tool.ruff.lint.isort` has an unknown key `force-sort-withn-sections`; did you mean `force-sort-within-sections`?")


def test_positions_on_a_bom_crlf_and_non_ascii_file(tmp_path: Path) -> None:
    text = '\ufeff[project]\r\nname = "demo"\r\ndescription = "Ünïcödé 🐍"\r\n[tool.ruff]\r\nsrc = ["ü"] ; line-lenght = 1\r\n'
    text = text.replace(" ; ", "\r\n")
    result = lint(text.encode("utf-8"), tmp_path / "pyproject.toml")
    [finding] = [d for d in result.diagnostics if d.code == "PPL300"]
    assert result.position(finding.start) == (6, 1)
    assert result.document.text[finding.start:finding.end] == "line-lenght"
    # mypy reads "yes" as true, and "maybe" as nothing (`Not a boolean: maybe`)
    text = '[tool.mypy]\r\n# ünï 🐍\r\nstrict = "maybe"  # ä\r\n'
    result = lint(text.encode("utf-8"), tmp_path / "pyproject.toml")
    [finding] = [d for d in result.diagnostics if d.code == "PPL300"]
    assert result.position(finding.start) == (3, 10) and result.document.text[finding.start:finding.end] == '"maybe"'


def test_a_local_schema_file(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "mine.json").write_text('{"type": "object", "properties": {"one": {"type": "integer"}}, "additionalProperties": false}', encoding="utf-8")
    text = '[tool.mine]\none = "1"\n[tool.pyproject-lint]\ntool-schemas = { mine = "schemas/mine.json", other = "missing.json" }\n[tool.other]\nx = 1\n'
    result = lint_case(text, tmp_path, select=("PPL300", "PPL003"))
    assert [(result.position(d.start), d.message) for d in result.diagnostics] == [
        ((2, 7), 'not allowed by the schema of `[tool.mine]` (what mine does with it was not measured): `tool.mine.one` must be an integer, not `"1"`'),
        ((5, 1), "`[tool.other]` not checked: its schema `missing.json` cannot be read (FileNotFoundError: [Errno 2] No such file or directory: '"
         + str(tmp_path / "missing.json") + "')"),
    ]


def run(code: str, cache: Path, extra_path: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYPROJECT_LINT_CACHE_DIR": str(cache)}
    if extra_path:
        env["PYTHONPATH"] = extra_path + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False)


LINT = """if True:
    import sys
    from pyproject_lint.engine import lint
    result = lint(sys.argv[1] if len(sys.argv) > 1 else '[tool.ruff]\\nline-lenght = 1\\n[tool.mypy]\\nstrictt = true\\n')
    for d in result.diagnostics:
        if d.code == "PPL300":
            print(d.severity.value, d.message)
    print("plugins loaded:", "validate_pyproject.plugins" in sys.modules)
"""


def test_each_tool_is_cached_apart_and_a_warm_run_loads_no_plugin(tmp_path: Path) -> None:
    first, second = run(LINT, tmp_path), run(LINT, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "plugins loaded: True" in first.stdout and "plugins loaded: False" in second.stdout
    assert first.stdout.replace("True", "False") == second.stdout and second.stdout.count("error ruff refuses") == 1
    [folder] = [p for p in tmp_path.iterdir() if p.name.startswith(tool_schemas.PREFIX)]
    files = sorted(p.name for p in folder.iterdir())
    assert "index.marshal" in files and len(files) > 20
    for file in files:
        if file != "index.marshal":
            (folder / file).write_bytes(b"damaged")
    third = run(LINT, tmp_path)
    assert third.stdout.replace("True", "False") == second.stdout, third.stderr


def test_a_file_without_tool_tables_reads_no_tool_schema(tmp_path: Path) -> None:
    code = """if True:
        import sys
        from pyproject_lint.engine import lint
        lint('[project]\\nname = "x"\\nversion = "1"\\n')
        print(sorted(m for m in sys.modules if m.startswith(("pyproject_lint.tool", "pyproject_lint.json_schema"))))
    """
    assert run(code, tmp_path).stdout.strip() == "[]"


def test_a_broken_plugin_leaves_its_tables_unchecked_with_one_warning(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "validate_pyproject_schema_store"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise RuntimeError('broken on purpose')\n", encoding="utf-8")
    result = run(LINT, tmp_path / "cache", str(tmp_path / "shadow"))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    [warning, loaded] = result.stdout.splitlines()
    assert warning.startswith("warning `[tool.ruff]` not checked: the plugin `validate_pyproject_schema_store.schema:")
    assert "RuntimeError: broken on purpose" in warning and loaded == "plugins loaded: True"


def test_a_missing_plugin_leaves_its_tables_unchecked_with_one_warning(tmp_path: Path) -> None:
    code = "import sys; sys.modules['validate_pyproject_schema_store'] = None\n" + LINT
    result = run(code, tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.splitlines()[0] == (
        "warning `[tool.ruff]` not checked: validate-pyproject-schema-store (SchemaStore's schemas of tool tables) is not installed"
    )
