"""The command line as users run it: a subprocess, real files, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS as SHARED_CORPUS
from conftest import ROOT

CORPUS = SHARED_CORPUS / "real"

BROKEN = '[build-system]\nrequires = ["setuptools", "wheel"]\nbuild-backend = "setuptools.build_meto"\n'
CLEAN = '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n'


def run(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pyproject_lint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_default_path_text_output_and_exit_code(project: Path) -> None:
    result = run(cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "pyproject.toml:2:13: PPL106 [warning] [*] Build requirement `setuptools` has no lower bound" in lines
    assert any(line.startswith("pyproject.toml:3:17: PPL104 [error] [*] Unknown build backend") for line in lines)
    assert lines[-2].startswith("Found 2 problems (1 error, 1 warning).")
    assert result.stderr == ""


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(CLEAN, encoding="utf-8")
    result = run("check", "pyproject.toml", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "All checks passed!")


def test_json_output(project: Path) -> None:
    result = run("--output-format", "json", cwd=project)
    data = json.loads(result.stdout)
    first = next(d for d in data if d["code"] == "PPL104")
    assert {k: first[k] for k in ("filename", "line", "column", "end_line", "end_column", "name", "severity")} == {
        "filename": "pyproject.toml",
        "line": 3,
        "column": 17,
        "end_line": 3,
        "end_column": 40,
        "name": "unknown-build-backend",
        "severity": "error",
    }
    assert first["fix"] == {
        "title": "Replace with `setuptools.build_meta`",
        "applicability": "safe",
        "edits": [{"content": '"setuptools.build_meta"', "line": 3, "column": 17, "end_line": 3, "end_column": 40}],
    }


def test_select_ignore_extend_select_by_code_prefix_and_name(project: Path) -> None:
    def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
        return sorted({d["code"] for d in json.loads(result.stdout)})

    assert codes(run("--output-format=json", "--select", "PPL104", cwd=project)) == ["PPL104"]
    assert codes(run("--output-format=json", "--ignore", "PPL104", cwd=project)) == ["PPL106"]
    assert codes(run("--output-format=json", "--ignore", "PPL1", cwd=project)) == []
    assert codes(run("--output-format=json", "--select", "unknown-build-backend", "--extend-select", "PPL106", cwd=project)) == [
        "PPL104",
        "PPL106",
    ]
    result = run("--select", "PPL9", cwd=project)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "matches no rule" in result.stderr


def test_file_config_and_noqa(tmp_path: Path) -> None:
    text = BROKEN.replace('"wheel"]', '"wheel"]  # noqa: PPL106') + '\n[tool.pyproject-lint]\nignore = ["PPL104"]\n'
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert json.loads(run("--output-format=json", cwd=tmp_path).stdout) == []
    isolated = {d["code"] for d in json.loads(run("--output-format=json", "--isolated", cwd=tmp_path).stdout)}
    assert isolated == {"PPL104"}  # --isolated skips the table; noqa still applies


def test_noqa_inside_a_string_is_not_a_comment(tmp_path: Path) -> None:
    text = '[build-system]\nrequires = ["setuptools # noqa"]\nbuild-backend = "setuptools.build_meta"\n'
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert "PPL108" in run(cwd=tmp_path).stdout


def test_exit_zero_statistics_version(project: Path) -> None:
    result = run("--exit-zero", "--statistics", cwd=project)
    assert result.returncode == 0
    assert "1\tPPL104\t[*] unknown-build-backend" in result.stdout
    version = run("--version", cwd=project)
    assert version.returncode == 0 and version.stdout.startswith("pyproject-lint ")


def test_rule_command_prints_documentation(tmp_path: Path) -> None:
    result = run("rule", "PPL104", cwd=tmp_path)
    assert result.returncode == 0 and "## Why is this bad?" in result.stdout
    assert run("rule", "unknown-build-backend", cwd=tmp_path).stdout == result.stdout
    missing = run("rule", "PPL999", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.strip() == "pyproject-lint: error: no rule `PPL999`"


def test_directory_is_searched_skipping_environments(tmp_path: Path) -> None:
    for folder in ("a", "b/c", ".venv/lib", "node_modules/x", ".git"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    data = json.loads(run("--output-format=json", "--select=PPL104", ".", cwd=tmp_path).stdout)
    assert [Path(d["filename"]).as_posix() for d in data] == ["a/pyproject.toml", "b/c/pyproject.toml"]


def test_directory_search_honours_gitignore_exclude_and_any_virtualenv(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folders = ("a", "generated/x", "packages/p/out", "packages/p/src", "env", "legacy/old", "tox", "nested/.nox")
    for folder in folders:
        (repo / folder).mkdir(parents=True)
        (repo / folder / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("generated/\n# a comment\n", encoding="utf-8")
    (repo / "packages" / "p" / ".gitignore").write_text("out\n", encoding="utf-8")
    (repo / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    # A .gitignore above the repository's root is not the repository's.
    (tmp_path / ".gitignore").write_text("a/\n", encoding="utf-8")

    def found(*args: str, cwd: Path = repo) -> list[str]:
        data = json.loads(run("--output-format=json", "--select=PPL104", *args, cwd=cwd).stdout)
        return [Path(d["filename"]).as_posix() for d in data]

    assert found(".") == ["a/pyproject.toml", "legacy/old/pyproject.toml", "packages/p/src/pyproject.toml", "tox/pyproject.toml"]
    assert found(".", "--exclude", "legacy,tox/") == ["a/pyproject.toml", "packages/p/src/pyproject.toml"]
    # From a subfolder, the repository's .gitignore files still apply.
    assert found(".", cwd=repo / "packages") == ["p/src/pyproject.toml"]
    # Outside a repository, no .gitignore above the folder counts.
    (repo / ".git").rmdir()
    (tmp_path / "plain" / "a").mkdir(parents=True)
    (tmp_path / "plain" / "a" / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    assert found(".", cwd=tmp_path / "plain") == ["a/pyproject.toml"]
    # A file named on the command line is linted whatever ignores it.
    assert found("generated/x/pyproject.toml") == ["generated/x/pyproject.toml"]


def test_stdin(tmp_path: Path) -> None:
    result = run("-", "--stdin-filename", "sub/pyproject.toml", "--select=PPL104", cwd=tmp_path, stdin=BROKEN)
    assert result.stdout.startswith("sub/pyproject.toml:3:17: PPL104")


def test_missing_path_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run("missing.toml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "pyproject-lint: error: missing.toml: no such file or directory\n")
    assert result.stdout == ""


def test_bad_paths_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").mkdir()
    result = run("pyproject.toml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "pyproject-lint: error: pyproject.toml: is a directory, not a file\n")
    os.mkfifo(tmp_path / "fifo.toml")
    result = run("fifo.toml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "pyproject-lint: error: fifo.toml: not a regular file\n")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    result = run("loop.toml", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    target = tmp_path / "pyproject.toml"
    target.write_text(CLEAN, encoding="utf-8")
    target.chmod(0)
    result = run(cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("pyproject-lint: error: pyproject.toml: Permission denied")


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", None), (b"# only a comment\n", None), (b"\x00\x01\x02binary\xff", "PPL002"), (b"[a\n", "PPL001")],
    ids=["empty", "comments", "binary", "syntax"],
)
def test_odd_files_give_a_diagnostic_not_a_traceback(tmp_path: Path, content: bytes, code: object) -> None:
    (tmp_path / "pyproject.toml").write_bytes(content)
    result = run("--output-format=json", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert [d["code"] for d in json.loads(result.stdout)] == ([code] if code else [])


def test_own_pyproject_is_clean() -> None:
    result = run(str(ROOT / "pyproject.toml"), cwd=ROOT)
    assert (result.returncode, result.stdout.strip()) == (0, "All checks passed!")


def test_server_without_pygls_is_one_line_error() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None\n"
        "from pyproject_lint.cli import main; sys.exit(main(['server']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("pyproject-lint: error: the language server needs pygls")
    assert done.stderr.rstrip().endswith("pip install 'pyproject-lint[lsp]'")
    assert done.stderr.count("\n") == 1


def test_a_file_that_could_not_be_read_is_not_called_passed(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(CLEAN, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.toml")
    result = run("pyproject.toml", "fifo.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "pyproject-lint: error: fifo.toml: not a regular file\n"
    assert "All checks passed!" not in result.stdout


def _many_projects(root: Path, count: int) -> list[str]:
    names = []
    for number in range(count):
        folder = root / f"p{number:02}"
        folder.mkdir()
        backend = "setuptools.build_meto" if number % 3 == 0 else "setuptools.build_meta"
        requirement = "setuptools" if number % 2 else "setuptools>=77"
        (folder / "pyproject.toml").write_text(
            f'[build-system]\nrequires = ["{requirement}"]\nbuild-backend = "{backend}"\n', encoding="utf-8"
        )
        names.append(f"p{number:02}/pyproject.toml")
    return names


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "full"])
def test_jobs_give_the_same_output_as_one_process(tmp_path: Path, output_format: str) -> None:
    names = _many_projects(tmp_path, 40)
    os.mkfifo(tmp_path / "fifo.toml")  # not a regular file: an error, reported in its place
    names.insert(7, "fifo.toml")
    one = run("--jobs", "1", "--output-format", output_format, *names, cwd=tmp_path)
    two = run("--jobs", "2", "--output-format", output_format, *names, cwd=tmp_path)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 2 and one.stdout.count("PPL104") >= 14
    assert one.stderr == "pyproject-lint: error: fifo.toml: not a regular file\n"


def test_jobs_fix_and_diff_give_the_same_result_as_one_process(tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        names = _many_projects(folder, 30)
        diff = run("--jobs", jobs, "--diff", *names, cwd=folder)
        fixed = run("--jobs", jobs, "--fix", *names, cwd=folder)
        contents = [(folder / name).read_text(encoding="utf-8") for name in names]
        if jobs == "1":
            expected = (diff.stdout, diff.stderr, fixed.stdout, fixed.stderr, contents)
    assert (diff.stdout, diff.stderr, fixed.stdout, fixed.stderr, contents) == expected
    assert "Found" in fixed.stdout and all("build_meta" in text for text in contents)


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = run("--jobs", "0", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "pyproject-lint: error: --jobs must be 1 or more\n")


def test_importing_the_cli_imports_no_plugin_host_nor_schema_machinery() -> None:
    script = (
        "import sys, pyproject_lint.cli\n"
        "heavy = ('flake8', 'pygls', 'lsprotocol', 'fastjsonschema', 'validate_pyproject', 'tomlkit')\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in heavy))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_clean_run_imports_neither_tomlkit_nor_validate_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(CLEAN, encoding="utf-8")
    script = (
        "import sys\nfrom pyproject_lint.cli import main\ncode = main(['pyproject.toml'])\n"
        "heavy = ('flake8', 'pygls', 'tomlkit', 'validate_pyproject', 'fastjsonschema', 'multiprocessing')\n"
        "print(code, sorted(name for name in sys.modules if name.split('.')[0] in heavy))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "0 []"


@pytest.mark.skipif(not (CORPUS / "astral-sh__uv__test_ecosystem_black_pyproject.toml").is_file(), reason="no corpus")
def test_validate_pyprojects_own_log_messages_stay_off_standard_error(tmp_path: Path) -> None:
    result = run("--exit-zero", str(CORPUS / "astral-sh__uv__test_ecosystem_black_pyproject.toml"), cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""


def test_jobs_when_fork_fails(tmp_path: Path) -> None:
    names = _many_projects(tmp_path, 20)
    script = (
        "import os, sys\n"
        "def refuse():\n    raise BlockingIOError(11, 'Resource temporarily unavailable')\n"
        "os.fork = refuse\n"
        "from pyproject_lint.cli import main\n"
        f"sys.exit(main(['--jobs', '3', *{names!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False)
    expected = run("--jobs", "1", *names, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (expected.returncode, expected.stdout, expected.stderr)


#: Without PYTHONUNBUFFERED (set on some CI machines): output then waits in a buffer.
BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def _noisy_project(root: Path, count: int = 3000) -> Path:
    """A project with one finding per build requirement (not PEP 508): hundreds of KB of output."""
    names = ", ".join(f'"pkg{number}=1"' for number in range(count))
    path = root / "pyproject.toml"
    path.write_text(f'[build-system]\nrequires = ["setuptools>=77", {names}]\nbuild-backend = "setuptools.build_meta"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("flags", [(), ("-X", "dev")], ids=["fast-exit", "dev-mode"])
def test_output_larger_than_a_pipe_arrives_whole(tmp_path: Path, flags: tuple[str, ...]) -> None:
    # The executable ends with os._exit, which skips the interpreter's own flushing.
    _noisy_project(tmp_path)
    expected = subprocess.run(  # main() in a process that ends the ordinary way
        [sys.executable, "-c", "import sys\nfrom pyproject_lint.cli import main\nsys.exit(main(['--output-format', 'json', 'pyproject.toml']))"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    done = subprocess.run(
        [sys.executable, *flags, "-m", "pyproject_lint", "--output-format", "json", "pyproject.toml"],
        capture_output=True, text=True, cwd=tmp_path, check=False, env=BUFFERED,
    )
    assert len(expected.stdout) > 500_000
    assert (done.returncode, done.stdout, done.stderr) == (1, expected.stdout, "")
    assert len(json.loads(done.stdout)) == 3000


def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path: Path) -> None:
    _noisy_project(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-m", "pyproject_lint", "pyproject.toml"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=BUFFERED,
    ) as process:  # `pyproject-lint | head -1`
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith(b"pyproject.toml:2:")
        process.stdout.close()
        error = process.stderr.read()
        code = process.wait(timeout=60)
    assert (code, error) == (2, b"")


# ruff's options ---------------------------------------------------------------------------


def test_output_file_and_environment_variables(project: Path) -> None:
    result = run("--output-format", "json", "-o", "reports/lint.json", cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert {d["code"] for d in json.loads((project / "reports" / "lint.json").read_text(encoding="utf-8"))} == {
        "PPL104", "PPL106",
    }
    env = {**os.environ, "PYPROJECT_LINT_OUTPUT_FORMAT": "pylint", "PYPROJECT_LINT_OUTPUT_FILE": "out.txt"}
    done = subprocess.run([sys.executable, "-m", "pyproject_lint"], cwd=project, env=env, capture_output=True, text=True, check=False)
    assert done.stdout == "" and "[PPL104(unknown-build-backend), ]" in (project / "out.txt").read_text(encoding="utf-8")
    env["PYPROJECT_LINT_OUTPUT_FORMAT"] = "xml"
    done = subprocess.run([sys.executable, "-m", "pyproject_lint"], cwd=project, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "unknown output format `xml`" in done.stderr


@pytest.mark.parametrize("args", [["--output-format", "yaml"], ["--no-such-option"], ["--jobs", "x"], ["--add-noqa", "--fix"]])
def test_usage_errors_are_one_line(project: Path, args: list[str]) -> None:
    result = run(*args, cwd=project)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("pyproject-lint: error: "), result.stderr


def test_statistics_prints_only_the_table(tmp_path: Path) -> None:
    project = tmp_path
    (project / "pyproject.toml").write_text(BROKEN.replace('"wheel"', '"cython"'), encoding="utf-8")
    result = run("--statistics", cwd=project)
    assert result.returncode == 1
    # One row per rule, though only one of the two PPL106 findings has a safe fix.
    assert result.stdout.splitlines() == ["2\tPPL106\t[*] unbounded-build-requirement", "1\tPPL104\t[*] unknown-build-backend"]
    rows = json.loads(run("--statistics", "--output-format", "json", cwd=project).stdout)
    assert {row["code"]: row["count"] for row in rows} == {"PPL104": 1, "PPL106": 2}


def test_fix_only_show_fixes_and_exit_non_zero_on_fix(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    result = run("--fix-only", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "Fixed 3 problems.\n")
    (tmp_path / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    result = run("--fix", "--show-fixes", "--exit-non-zero-on-fix", "--ignore", "PPL106", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-4:] == [
        "Fixed 2 problems:",
        "- pyproject.toml:",
        "    1 × PPL104 (unknown-build-backend)",
        "    1 × PPL111 (unnecessary-wheel-requirement)",
    ]
    assert run("--fix", "--exit-non-zero-on-fix", "--ignore", "PPL106", cwd=tmp_path).returncode == 0  # nothing changed
    assert run("--fix-only", "--exit-non-zero-on-fix", cwd=tmp_path).returncode == 1  # PPL106's fix, now
    assert run("--fix-only", "--exit-non-zero-on-fix", cwd=tmp_path).returncode == 0


def test_add_noqa_then_ignore_noqa(tmp_path: Path) -> None:
    text = '[build-system]\nrequires = [\n  "setuptools",  # noqa: PPL111\n  "wheel",\n]\nbuild-backend = "setuptools.build_meto"\n'
    text += '\n[project]\nname = "demo"\nversion = "1"\ndescription = """a\nmulti-line description"""\n'
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("--add-noqa", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "Added 2 noqa directives.\n")
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == (
        '[build-system]\nrequires = [\n  "setuptools",  # noqa: PPL106, PPL111\n  "wheel",\n]\n'
        'build-backend = "setuptools.build_meto"  # noqa: PPL104\n'
        '\n[project]\nname = "demo"\nversion = "1"\ndescription = """a\nmulti-line description"""\n'
    )
    # What remains: the `PPL111` that was there before suppresses nothing (PPL111 reports
    # only beside a known backend), and PPL005 says so.
    assert [d["code"] for d in json.loads(run("--output-format", "json", cwd=tmp_path).stdout)] == ["PPL005"]
    assert run("--add-noqa", cwd=tmp_path).stderr == "Added 0 noqa directives.\n"
    assert {d["code"] for d in json.loads(run("--ignore-noqa", "--output-format", "json", cwd=tmp_path).stdout)} == {
        "PPL104", "PPL106",
    }


def test_shared_configuration_is_inherited_and_per_file_ignores_apply(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        CLEAN + '\n[tool.pyproject-lint]\nignore = ["PPL111"]\nper-file-ignores = { "legacy/**" = ["PPL1"] }\n'
        'exclude = ["generated/"]\n',
        encoding="utf-8",
    )
    for folder in ("packages/a", "legacy/b", "generated/c"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "pyproject.toml").write_text(BROKEN, encoding="utf-8")

    def codes(*args: str, cwd: Path = tmp_path) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for d in json.loads(run("--output-format", "json", *args, cwd=cwd).stdout):
            found.setdefault(Path(d["filename"]).as_posix(), []).append(d["code"])
        return found

    # legacy: PPL1 off; generated: excluded
    assert codes(".") == {"packages/a/pyproject.toml": ["PPL106", "PPL104"]}
    # Named on the command line (as pre-commit does): linted, unless --force-exclude.
    assert "generated/c/pyproject.toml" in codes("generated/c/pyproject.toml")
    assert codes("--force-exclude", "generated/c/pyproject.toml") == {}
    # The subproject's own table applies on top of the inherited one; --isolated drops both.
    (tmp_path / "packages" / "a" / "pyproject.toml").write_text(BROKEN + '\n[tool.pyproject-lint]\nignore = ["PPL104"]\n', encoding="utf-8")
    assert codes("packages/a/pyproject.toml")["packages/a/pyproject.toml"] == ["PPL106"]
    assert len(codes("--isolated", "legacy/b/pyproject.toml")["legacy/b/pyproject.toml"]) == 2
    # A pyproject-lint.toml wins over the pyproject.toml beside it; --config names one instead.
    (tmp_path / "pyproject-lint.toml").write_text('select = ["PPL104"]\n', encoding="utf-8")
    assert codes("legacy/b/pyproject.toml") == {"legacy/b/pyproject.toml": ["PPL104"]}
    (tmp_path / "shared.toml").write_text('ignore = ["PPL104"]\n', encoding="utf-8")
    assert codes("--config", "shared.toml", "legacy/b/pyproject.toml")["legacy/b/pyproject.toml"] == ["PPL106"]
    (tmp_path / "bad.toml").write_text('ignroe = ["PPL104"]\n', encoding="utf-8")
    bad = run("--config", "bad.toml", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Unknown setting `ignroe`" in bad.stderr
