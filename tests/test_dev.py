"""``python -m pyproject_lint.dev new-rule`` on a copy of the repository: it writes exactly the
files it names, its rule is discovered, the tests name what is left to fill in, and it
refuses what it cannot do in one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def snapshot(root: Path) -> dict[Path, bytes]:
    return {
        path.relative_to(root): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def dev(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pyproject_lint.dev", *args, "--root", str(root)],
        capture_output=True, text=True, check=False, cwd=root,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    for name in ("src", "fixtures", "docs"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "README.md", root / "README.md")
    return root


@pytest.fixture(scope="module")
def added(copy: Path) -> tuple[subprocess.CompletedProcess[str], dict[Path, bytes], dict[Path, bytes]]:
    before = snapshot(copy)
    done = dev(copy, "new-rule", "PPL199", "demo-rule", "build_system")
    return done, before, snapshot(copy)


def test_new_rule_writes_exactly_the_files_it_names(
    added: tuple[subprocess.CompletedProcess[str], dict[Path, bytes], dict[Path, bytes]],
) -> None:
    done, before, after = added
    assert done.returncode == 0, done.stderr
    said: dict[str, set[str]] = {"created": set(), "updated": set()}
    for line in done.stdout.splitlines()[:-1]:  # the last line says what to do next
        label, _, path = line.partition(" ")
        said[label].add(path)
    created = {str(path) for path in after.keys() - before.keys()}
    updated = {str(path) for path in before.keys() & after.keys() if before[path] != after[path]}
    assert created == said["created"] == {
        "src/pyproject_lint/rules/build_system/demo_rule.py",
        "fixtures/PPL199/pyproject.toml",
        "fixtures/PPL199/expected.txt",
    }
    assert updated == said["updated"] == {"docs/rules.md", "README.md"}
    assert not before.keys() - after.keys()


def test_the_new_rule_is_discovered_and_its_tests_say_what_to_fill_in(copy: Path, added: object) -> None:
    probe = (
        "from pyproject_lint.rules import RULES_BY_CODE\n"
        "rule = RULES_BY_CODE['PPL199']\n"
        "print(rule.__module__, rule.name, rule.severity.value)\n"
    )
    env = {"PYTHONPATH": str(copy / "src"), "PATH": ""}
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    assert found.stdout.split() == ["pyproject_lint.rules.build_system.demo_rule", "demo-rule", "error"], found.stderr
    assert "## PPL199 demo-rule" in (copy / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "[PPL199](docs/rules.md#ppl199-demo-rule)" in (copy / "README.md").read_text(encoding="utf-8")
    # The repository's own tests, run against the copy, fail on the skeleton and say why.
    tests = copy / "tests"
    shutil.copytree(ROOT / "tests", tests, ignore=shutil.ignore_patterns("__pycache__", "realworld", "editors"))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_rule_cases.py", "-k", "PPL199"],
        capture_output=True, text=True, cwd=copy, env={**env, "PYTHONPATH": f"{copy / 'src'}:{tests}"}, check=False,
    )
    assert run.returncode == 1, run.stdout
    assert "PPL199: fill in what `new-rule` left" in run.stdout
    assert "TODO(new-rule): what the rule checks" in run.stdout
    assert "FAILED tests/test_rule_cases.py::test_invalid_case[PPL199-0]" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new-rule", "PPL199", "other-name", "build_system"), "PPL199 is taken: pyproject_lint.rules.build_system.demo_rule.DemoRule"),
        (("new-rule", "PPL198", "demo-rule", "build_system"), "the name demo-rule is taken"),
        (("new-rule", "PPL198", "backend-too-old", "build_system"), "the name backend-too-old is taken"),
        (("new-rule", "PPL19", "x", "build_system"), "bad code 'PPL19'"),
        (("new-rule", "PPL298", "x", "build_system"), "PPL298 is not a build_system code"),
        (("new-rule", "PPL198", "x", "builds"), "unknown family 'builds'"),
        (("new-rule", "PPL198", "Not_Kebab", "build_system"), "bad name 'Not_Kebab'"),
        (("new-rule", "PPL198", "x", "build_system", "--module", "nowhere"), "does not exist"),
    ],
)
def test_refuses_in_one_line(copy: Path, added: object, args: tuple[str, ...], message: str) -> None:
    before = snapshot(copy)
    done = dev(copy, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert snapshot(copy) == before


def test_module_option_adds_the_class_to_an_existing_module(copy: Path, added: object) -> None:
    done = dev(copy, "new-rule", "PPL198", "second-demo", "build_system", "--module", "demo_rule")
    assert done.returncode == 0, done.stderr
    assert "updated src/pyproject_lint/rules/build_system/demo_rule.py" in done.stdout
    text = (copy / "src" / "pyproject_lint" / "rules" / "build_system" / "demo_rule.py").read_text(encoding="utf-8")
    assert text.count("class DemoRule(Rule)") == 1 and text.count("class SecondDemo(Rule)") == 1
    assert text.count("from ..base import") == 1  # nothing imported twice
    compile(text, "demo_rule.py", "exec")


def test_not_a_checkout(tmp_path: Path) -> None:
    done = dev(tmp_path, "new-rule", "PPL198", "x", "build_system")
    assert done.returncode == 2 and "is not a pyproject-lint checkout" in done.stderr


def test_a_lint_run_never_imports_it() -> None:
    probe = "import sys; from pyproject_lint.cli import main; main(['-']); print('pyproject_lint.dev' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], input="", capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
