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


# The formats other programs read, each checked the way its consumer reads it. -------------

#: Non-ASCII text before a fixable finding on its line: rdjson counts UTF-8 bytes, the others characters.
NON_ASCII = (
    '[build-system]\nrequires = ["flit_core>=3.4"]\nbuild-backend = "flit_core.buildapi"\n\n'
    '[project]\nname = "demo"\nversion = "1"\ndescription = "x"\n'
    'dependencies = ["a; platform_release == \'ü🐍\'", "requests=>2"]\n'
)
TWO_FILES = ("a", "b")


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    """Two projects with the same findings (so fingerprints must still differ)."""
    for name in TWO_FILES:
        (tmp_path / name).mkdir()
        (tmp_path / name / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["flit_core>=3.4"]\nbuild-backend = "flit_core.buildapi"\n', encoding="utf-8"
    )
    return tmp_path


def run_on(folder: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    old = Path.cwd()
    import os

    os.chdir(folder)
    try:
        code = check(list(args), out, io.StringIO())
    finally:
        os.chdir(old)
    return code, out.getvalue()


def gitlab_keeps(report: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What GitLab keeps of a Code Quality report: each issue that its schema accepts and
    whose severity it knows, by fingerprint (``CodequalityReports#add_degradation``)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "data" / "gitlab-codeclimate.json").read_text(encoding="utf-8"))
    kept = {}
    for issue in report:
        jsonschema.validate(issue, schema)
        assert issue["severity"] in ("blocker", "critical", "major", "minor", "info")
        kept[issue["fingerprint"]] = issue
    return kept


def test_gitlab_report_is_kept_whole_with_stable_fingerprints(projects: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    code, output = run_on(projects, "--output-format", "gitlab", ".")
    report = json.loads(output)
    assert code == 1 and len(report) == 4
    assert len(gitlab_keeps(report)) == 4  # no two findings share a fingerprint
    assert {issue["location"]["path"] for issue in report} == {"a/pyproject.toml", "b/pyproject.toml"}
    ppl104 = next(i for i in report if i["check_name"] == "PPL104" and i["location"]["path"] == "a/pyproject.toml")
    assert ppl104["severity"] == "major" and ppl104["description"].startswith("PPL104: Unknown build backend")
    assert ppl104["location"]["positions"]["begin"] == {"line": 3, "column": 17}
    # A line added above the findings moves them, but they are the same findings.
    moved = projects / "a" / "pyproject.toml"
    moved.write_text("# a new first line\n" + BROKEN, encoding="utf-8")
    again = json.loads(run_on(projects, "--output-format", "gitlab", ".")[1])
    assert sorted(i["fingerprint"] for i in again) == sorted(i["fingerprint"] for i in report)
    # GitLab wants paths relative to the project, whatever the command line said.
    monkeypatch.setenv("CI_PROJECT_DIR", str(projects))
    absolute = json.loads(run_on(projects, "--output-format", "gitlab", str(projects / "a"))[1])
    assert {issue["location"]["path"] for issue in absolute} == {"a/pyproject.toml"}


def test_the_same_finding_twice_in_a_file_gets_two_fingerprints(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["cython", "cython"]\nbuild-backend = "setuptools.build_meta"\n', encoding="utf-8"
    )
    report = json.loads(run_on(tmp_path, "--output-format", "gitlab", "--select", "PPL106")[1])
    assert len(report) == 2 and len(gitlab_keeps(report)) == 2


def test_rdjson_is_valid_and_its_suggestions_are_the_fix(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "data" / "rdjson-DiagnosticResult.json").read_text(encoding="utf-8"))
    path = tmp_path / "pyproject.toml"
    path.write_text(NON_ASCII, encoding="utf-8")
    code, output = run_on(tmp_path, "--output-format", "rdjson")
    log = json.loads(output)
    jsonschema.Draft4Validator(schema).validate(log)
    assert code == 1 and log["source"]["name"] == "pyproject-lint"
    ppl204 = next(d for d in log["diagnostics"] if d["code"]["value"] == "PPL204")
    assert ppl204["severity"] == "ERROR" and ppl204["code"]["url"].endswith("#ppl204-invalid-dependency")
    [finding] = [f for f in cli_findings(tmp_path) if f["code"] == "PPL204"]
    assert ppl204["location"]["range"]["start"]["column"] == finding["column"] + len("ü🐍".encode()) - 2
    # reviewdog applies a suggestion by line and UTF-8 byte column (end exclusive).
    lines = path.read_bytes().split(b"\n")
    for diagnostic in log["diagnostics"]:
        for suggestion in diagnostic.get("suggestions", ()):
            start, end = suggestion["range"]["start"], suggestion["range"]["end"]
            assert start["line"] == end["line"]
            line = lines[start["line"] - 1]
            lines[start["line"] - 1] = line[: start["column"] - 1] + suggestion["text"].encode() + line[end["column"] - 1 :]
    fixed = b"\n".join(lines)
    check(["--fix", str(path)], io.StringIO(), io.StringIO())
    assert fixed == path.read_bytes()


def test_junit_as_junitparser_reads_it(projects: Path) -> None:
    junitparser = pytest.importorskip("junitparser", reason="junitparser reads JUnit XML (pip install junitparser)")
    code, output = run_on(projects, "--output-format", "junit", ".")
    assert code == 1
    xml = junitparser.JUnitXml.fromstring(output)
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"a/pyproject.toml", "b/pyproject.toml", "clean/pyproject.toml"}
    cases = list(suites["a/pyproject.toml"])
    assert [case.name for case in cases] == ["PPL106 unbounded-build-requirement", "PPL104 unknown-build-backend"]
    failure = cases[1].result[0]
    assert isinstance(failure, junitparser.Failure) and failure.message.startswith("Unknown build backend")
    assert failure.text.startswith("a/pyproject.toml:3:17: PPL104 ")
    [clean] = list(suites["clean/pyproject.toml"])
    assert clean.is_passed
    assert (xml.tests, xml.failures) == (5, 4)


#: How Jenkins' Warnings Next Generation plugin reads pylint's parseable output (PyLintParser).
PYLINT_PATTERN = r"(.*):(\d+): \[(\D\d*).*\] (.*)"


def test_pylint_lines_as_warnings_ng_reads_them(project: Path) -> None:
    import re

    _, output = run(project, "--output-format", "pylint")
    name = str(project / "pyproject.toml")
    matches = [re.fullmatch(PYLINT_PATTERN, line) for line in output.splitlines()]
    assert all(matches) and len(matches) == 2
    assert [(m.group(1), m.group(2)) for m in matches if m] == [(name, "2"), (name, "3")]
    assert output.splitlines()[1].startswith(f"{name}:3: [PPL104(unknown-build-backend), ] Unknown build backend")


def azure_parse(line: str) -> tuple[str, dict[str, str], str]:
    """The Azure Pipelines agent's ``Command.TryParse`` (with percent unescaping), in Python."""
    prefix = "##vso["
    start = line.index(prefix)
    close = line.index("]", start)
    info = line[start + len(prefix) : close]
    name, _, properties = info.partition(" ")

    def unescape(text: str) -> str:
        for token, replacement in ((";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D")):
            text = text.replace(replacement, token)
        return text.replace("%AZP25", "%")

    parsed = {}
    for part in filter(None, properties.split(";")):
        key, _, value = part.partition("=")
        if value:
            parsed[key] = unescape(value)
    return name, parsed, unescape(line[close + 1 :])


def test_azure_logging_commands_as_the_agent_parses_them(tmp_path: Path) -> None:
    folder = tmp_path / "odd;name]50%"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    _, output = run(folder, "--output-format", "azure")
    parsed = [azure_parse(line) for line in output.splitlines()]
    expected = cli_findings(folder)
    assert [(name, props) for name, props, _ in parsed] == [
        (
            "task.logissue",
            {
                "type": finding["severity"], "sourcepath": finding["filename"], "linenumber": str(finding["line"]),
                "columnnumber": str(finding["column"]), "code": finding["code"],
            },
        )
        for finding in expected
    ]
    assert [message for _, _, message in parsed] == [finding["message"] for finding in expected]


def test_json_lines_concise_and_grouped(projects: Path) -> None:
    _, json_output = run_on(projects, "--output-format", "json", ".")
    _, lines = run_on(projects, "--output-format", "json-lines", ".")
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(json_output)
    assert run_on(projects, "--output-format", "concise", ".") == run_on(projects, "--output-format", "text", ".")
    _, grouped = run_on(projects, "--output-format", "grouped", ".")
    assert grouped.startswith(
        "a/pyproject.toml:\n"
        "  2:13 PPL106 [warning] [*] Build requirement `setuptools` has no lower bound\n"
        "  3:17 PPL104 [error] [*] Unknown build backend"
    )
    assert "clean/pyproject.toml" not in grouped and grouped.rstrip().endswith("[*] 4 fixable with the `--fix` option.")


def test_new_formats_are_imported_only_when_chosen(project: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\nfrom pyproject_lint.cli import main\n"
        f"main(['--output-format', sys.argv[1], {str(project / 'pyproject.toml')!r}])\n"
        "sys.stderr.write(str('pyproject_lint.formats' in sys.modules))"
    )
    for output_format, imported in (("text", "False"), ("full", "False"), ("gitlab", "True")):
        done = subprocess.run([sys.executable, "-c", script, output_format], capture_output=True, text=True, check=False)
        assert done.stderr == imported, (output_format, done.stderr)
