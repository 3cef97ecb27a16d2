"""validate-pyproject's own examples: every invalid one gets an error at the field it names.

``../shared/corpus/validate-pyproject/invalid-examples`` pairs each file with the error text
validate-pyproject gives; ``examples`` holds valid files. A ``test_config.json`` beside
examples asks validate-pyproject for extra tool schemas: those cases are exceptions, listed
with their reasons.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import pytest

from conftest import CORPUS
from pyproject_lint.diagnostics import Severity
from pyproject_lint.engine import LintResult, lint
from pyproject_lint.schema import toml_path

SUITE = CORPUS / "validate-pyproject"
INVALID = sorted((SUITE / "invalid-examples").rglob("*.toml")) if SUITE.is_dir() else []
VALID = sorted((SUITE / "examples").rglob("*.toml")) if SUITE.is_dir() else []

_NO_NETWORK = "needs a tool schema that validate-pyproject downloads (schemastore); pyproject-lint never uses the network"
_LOCAL_SCHEMA = "needs a JSON schema file for a made-up tool; pyproject-lint has no option to load one"
_PEP_808 = "validate-pyproject 0.27 accepts it too: PEP 808 lets list and table fields be partially dynamic"
#: Invalid examples that pyproject-lint does not report, by path below invalid-examples/.
EXCEPTIONS = {
    "cibuildwheel/overrides-noaction.toml": _NO_NETWORK,
    "cibuildwheel/overrides-noselect.toml": _NO_NETWORK,
    "cibuildwheel/unknown-option.toml": _NO_NETWORK,
    "poetry/poetry-bad-multiline.toml": _NO_NETWORK,
    "ruff/badcode.toml": _NO_NETWORK,
    "ruff/unknown.toml": _NO_NETWORK,
    "store/cibw-overrides-noaction.toml": _NO_NETWORK,
    "store/cibw-overrides-noselect.toml": _NO_NETWORK,
    "store/cibw-unknown-option.toml": _NO_NETWORK,
    "store/ruff-badcode.toml": _NO_NETWORK,
    "store/ruff-unknown.toml": _NO_NETWORK,
    "localtool/fail1.toml": _LOCAL_SCHEMA,
    "localtool/fail2.toml": _LOCAL_SCHEMA,
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


def errors_at_field(result: LintResult, field: Optional[str]) -> list[str]:
    """Error findings within the written span of ``field`` (or of its table, when missing)."""
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
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
    result = lint(path.read_bytes())  # a file without its project folder around it
    found = errors_at_field(result, named_field(expected_text(path)))
    if relative(path) in EXCEPTIONS:
        assert not found, f"listed as an exception, but now found: remove it from EXCEPTIONS ({found})"
        pytest.skip(EXCEPTIONS[relative(path)])
    assert found, [f"{result.position(d.start)} {d.code} {d.message}" for d in result.diagnostics]


@pytest.mark.skipif(not VALID, reason="../shared/corpus/validate-pyproject is not present")
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.relative_to(SUITE).as_posix())
def test_valid_example_has_no_error(path: Path) -> None:
    result = lint(path.read_bytes())
    assert [
        f"{result.position(d.start)} {d.code} {d.message}" for d in result.diagnostics if d.severity is Severity.ERROR
    ] == []


def test_field_names_are_read_from_error_texts() -> None:
    assert named_field("`project.authors[0]` must not contain {'author'} properties") == "project.authors[0]"
    assert named_field("dependency-groups` must not contain {'a b'} properties") == "dependency-groups"
    assert named_field("must be array") is None
