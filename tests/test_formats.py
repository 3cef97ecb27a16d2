"""Output formats for CI: full, sarif (validated against the official schema), github; colour."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from pyproject_lint.cli import check
from pyproject_lint.document import BOM

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
BROKEN = (
    '[build-system]\nrequires = ["setuptools"]\n'
    'build-backend = "setuptools.build_meto"  # naïve, commas, colons: kept\n'
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(folder: Path, *args: str, stdout: io.StringIO | None = None) -> tuple[int, str]:
    out = stdout or io.StringIO()
    code = check([*args, str(folder / "pyproject.toml")], out, io.StringIO())
    return code, out.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def cli_findings(folder: Path) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = json.loads(run(folder, "--output-format", "json")[1])
    return findings


def test_full_shows_the_source_line_a_caret_and_the_fix(project: Path) -> None:
    code, output = run(project, "--output-format", "full")
    assert code == 1
    lines = output.splitlines()
    at = lines.index(next(line for line in lines if " PPL104 " in line))
    assert lines[at + 1 : at + 5] == [
        "  |",
        '3 | build-backend = "setuptools.build_meto"  # naïve, commas, colons: kept',
        "  |                 " + "^" * len('"setuptools.build_meto"'),
        "  = help: Replace with `setuptools.build_meta`",
    ]
    assert lines[-2].startswith("Found 2 problems")


def test_github_workflow_commands(project: Path) -> None:
    _, output = run(project, "--output-format", "github")
    name = str(project / "pyproject.toml").replace(":", "%3A").replace(",", "%2C")
    assert output.splitlines() == [
        f"::warning file={name},line=2,col=13,endLine=2,endColumn=25,title=PPL106::"
        "PPL106 Build requirement `setuptools` has no lower bound",
        f"::error file={name},line=3,col=17,endLine=3,endColumn=40,title=PPL104::"
        "PPL104 Unknown build backend `setuptools.build_meto`: front ends fail with `Cannot import build backend`; "
        "did you mean `setuptools.build_meta`?",
    ]


def test_github_escapes_what_would_end_a_command() -> None:
    from pyproject_lint.output import _github_escape

    assert _github_escape("50% a\nb\r") == "50%25 a%0Ab%0D"
    assert _github_escape("a:b,c", property_value=True) == "a%3Ab%2Cc"


def sarif(folder: Path, *args: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(run(folder, "--output-format", "sarif", *args)[1])
    return log


def validate_sarif(log: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_is_valid_and_places_findings_as_the_cli_does(project: Path) -> None:
    log = sarif(project, "--unsafe-fixes")
    validate_sarif(log)
    [run_] = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["columnKind"] == "unicodeCodePoints"
    places = [
        (
            result["ruleId"],
            result["level"],
            result["locations"][0]["physicalLocation"]["region"],
            rules[result["ruleIndex"]]["id"],
        )
        for result in run_["results"]
    ]
    assert places == [
        (
            finding["code"],
            finding["severity"],
            {
                "startLine": finding["line"], "startColumn": finding["column"],
                "endLine": finding["end_line"], "endColumn": finding["end_column"],
            },
            finding["code"],
        )
        for finding in cli_findings(project)
    ]
    ppl104 = next(result for result in run_["results"] if result["ruleId"] == "PPL104")
    [replacement] = ppl104["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"]["text"] == '"setuptools.build_meta"'
    help_text = rules[ppl104["ruleIndex"]]["help"]["markdown"]
    assert "## Why is this bad?" in help_text


def test_sarif_of_a_bom_fix_and_of_a_clean_file_are_valid(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(BOM.encode() + b'[build-system]\nrequires = ["flit_core>=3.4"]\nbuild-backend = "flit_core.buildapi"\n')
    log = sarif(tmp_path)
    validate_sarif(log)
    assert [result["ruleId"] for result in log["runs"][0]["results"]] == ["PPL004"]
    (tmp_path / "pyproject.toml").write_text('[build-system]\nrequires = ["flit_core>=3.4"]\nbuild-backend = "flit_core.buildapi"\n', encoding="utf-8")
    clean = sarif(tmp_path)
    validate_sarif(clean)
    assert clean["runs"][0]["results"] == []


def test_colour_on_a_terminal_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in run(project, stdout=Terminal())[1]
    assert "\x1b[" not in run(project)[1]  # not a terminal
    assert "\x1b[" not in run(project, "--output-format", "github", stdout=Terminal())[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(project, stdout=Terminal())[1]
    assert (ROOT / "README.md").read_text(encoding="utf-8").count("NO_COLOR") >= 1
