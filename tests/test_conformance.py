"""validate-pyproject's own examples: every invalid one gets a finding at the field it names.

``../shared/corpus/validate-pyproject/invalid-examples`` pairs each file with the error text
validate-pyproject gives; ``examples`` holds valid files. A ``test_config.json`` beside
examples asks validate-pyproject for tool schemas: SchemaStore's are installed (the
validate-pyproject-schema-store plugin); a local schema file is named the way a project
would, in ``[tool.pyproject-lint] tool-schemas``.

A finding is an error, or a PPL300 warning: in a ``[tool.*]`` table the severity is what
the tool does (cibuildwheel accepts an override without options, so that is a warning).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

import pytest

from conftest import CORPUS
from pyproject_lint.diagnostics import Severity
from pyproject_lint.engine import LintResult, lint
from pyproject_lint.validation import toml_path

SUITE = CORPUS / "validate-pyproject"
INVALID = sorted((SUITE / "invalid-examples").rglob("*.toml")) if SUITE.is_dir() else []
VALID = sorted((SUITE / "examples").rglob("*.toml")) if SUITE.is_dir() else []

_PEP_808 = "validate-pyproject 0.27 accepts it too: PEP 808 lets list and table fields be partially dynamic"
#: Invalid examples that pyproject-lint does not report, by path below invalid-examples/.
EXCEPTIONS = {
    "pdm/redefining-as-dynamic/pyproject.toml": _PEP_808,
    "pep621/dynamic/static_entry_points_listed_as_dynamic.toml": _PEP_808,
}
#: The field an error text names: the first name that ends in a backtick.
_FIELD = re.compile(r"([A-Za-z][\w.\-\[\]]*)`")


def expected_text(path: Path) -> str:
    beside = path.with_name(path.name.replace(".toml", ".errors.txt"))
    return (beside if beside.is_file() else path.with_name("errors.txt")).read_text(encoding="utf-8")


def named_field(text: str) -> Optional[str]:
    match = _FIELD.search(text)
    return match.group(1) if match else None


def with_local_schemas(path: Path) -> bytes:
    """The file, with ``[tool.pyproject-lint] tool-schemas`` naming the local schema files
    its ``test_config.json`` gives validate-pyproject (paths from that repository's root)."""
    source = path.read_bytes()
    config = path.parent / "test_config.json"
    tools = json.loads(config.read_text(encoding="utf-8")).get("tools", {}) if config.is_file() else {}
    local = {
        name: (SUITE / reference.removeprefix("tests/")).as_posix()
        for name, reference in tools.items() if not reference.startswith("https://")
    }
    if not local:
        return source
    table = ", ".join(f'{name} = "{reference}"' for name, reference in local.items())
    return source + f"\n[tool.pyproject-lint]\ntool-schemas = {{ {table} }}\n".encode()


def errors_at_field(result: LintResult, field: Optional[str]) -> list[str]:
    """Findings within the written span of ``field`` (or of its table, when missing): errors,
    and PPL300's warnings (the tool's own verdict)."""
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR or d.code == "PPL300"]
    if field is None:
        return [d.code for d in errors]
    assert result.document.data is not None
    path = toml_path(field, result.document.data)
    spans = result.document.spans
    # From its key or header to the end of the last thing written inside it.
    inside = [span for p, node in spans.nodes.items() if p[: len(path)] == path for span in (node.value, node.key, node.header) if span]
    start = spans.locate_key(path).start
    end = max([spans.locate(path).end, *(span.end for span in inside)])
    return [d.code for d in errors if start <= d.start <= end]


def relative(path: Path) -> str:
    return path.relative_to(SUITE / "invalid-examples").as_posix()


@pytest.mark.skipif(not INVALID, reason="../shared/corpus/validate-pyproject is not present")
@pytest.mark.parametrize("path", INVALID, ids=relative)
def test_invalid_example_has_an_error_at_its_field(path: Path) -> None:
    result = lint(with_local_schemas(path))  # a file without its project folder around it
    found = errors_at_field(result, named_field(expected_text(path)))
    if relative(path) in EXCEPTIONS:
        assert not found, f"listed as an exception, but now found: remove it from EXCEPTIONS ({found})"
        pytest.skip(EXCEPTIONS[relative(path)])
    assert found, [f"{result.position(d.start)} {d.code} {d.message}" for d in result.diagnostics]


@pytest.mark.skipif(not VALID, reason="../shared/corpus/validate-pyproject is not present")
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.relative_to(SUITE).as_posix())
def test_valid_example_has_no_error(path: Path) -> None:
    result = lint(with_local_schemas(path))
    assert [
        f"{result.position(d.start)} {d.code} {d.message}" for d in result.diagnostics if d.severity is Severity.ERROR
    ] == []


def test_field_names_are_read_from_error_texts() -> None:
    assert named_field("`project.authors[0]` must not contain {'author'} properties") == "project.authors[0]"
    assert named_field("dependency-groups` must not contain {'a b'} properties") == "dependency-groups"
    assert named_field("must be array") is None
