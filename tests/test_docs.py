"""The generated rule reference and the README's rule table are up to date."""

from __future__ import annotations

import pytest

from conftest import ROOT
from pyproject_lint.docs import TABLE_END, TABLE_START, knowledge_markdown, readme_with_table, rules_markdown
from pyproject_lint.rules import ALL_RULES, find_rule
from pyproject_lint.rules.base import Rule


def test_knowledge_md_is_current() -> None:
    current = (ROOT / "docs" / "knowledge.md").read_text(encoding="utf-8")
    assert current == knowledge_markdown(), "docs/knowledge.md is stale: run `python -m pyproject_lint.docs`"


def test_rules_md_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(), "docs/rules.md is stale: run `python -m pyproject_lint.docs`"


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert TABLE_START in readme and TABLE_END in readme
    assert readme == readme_with_table(readme), "README's rule table is stale: run `python -m pyproject_lint.docs`"


def test_readme_sample_output_is_current() -> None:
    """The output shown under "Try it" is what the command above it prints."""
    import contextlib
    import io
    import os
    import re

    from pyproject_lint.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"pip install \. && pyproject-lint (\S+)", readme)
    sample = re.search(r"```text\n(.*?)```", readme, re.DOTALL)
    assert command and sample
    buffer, old_cwd = io.StringIO(), os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(buffer):
            main([command.group(1)])
    finally:
        os.chdir(old_cwd)
    assert buffer.getvalue() == sample.group(1)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_summary_is_whole_sentences(rule: type[Rule]) -> None:
    """The README table, `docs/rules.md`, SARIF and `rule --all` show it: it must not stop
    inside a code span (PPL208's did, at `{ file = . `) or in the middle of a sentence."""
    what = " ".join(rule.sections()["What it does"].split())
    summary = rule.summary()
    assert what.startswith(summary), summary
    assert summary.endswith(".") and summary.count("`") % 2 == 0 and summary.count("(") == summary.count(")"), summary
    rest = what[len(summary) :]
    assert rest == "" or (rest[0] == " " and (rest[1].isupper() or rest[1] in "`(")), rest


def test_summary_ends_at_a_sentence_not_a_dot() -> None:
    missing_file = find_rule("PPL208")
    assert missing_file is not None
    assert missing_file.summary().endswith(", and that each `license-files` pattern matches at least one file.")


def test_architecture_page_names_every_module_and_only_real_paths() -> None:
    """docs/architecture.md stays true: each module of the package is placed in it, and
    each path it names exists."""
    import re

    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "pyproject_lint"
    named = set(re.findall(r"`((?:src|docs|tests|scripts|fixtures|benchmarks)/[\w./-]+)`", page))
    named |= {f"src/pyproject_lint/{path}" for path in re.findall(r"`((?:model|rules|data)/[\w./-]+)`", page)}
    missing_paths = sorted(path for path in named if not (ROOT / path).exists())
    assert not missing_paths, f"docs/architecture.md names paths that do not exist: {missing_paths}"
    modules = {
        path.relative_to(ROOT).as_posix()
        for path in package.rglob("*.py")
        if path.name != "compiled.py" and not (path.name == "__init__.py" and path.parent.parent == package.parent)
        and path.parent.name not in ("build_system", "project", "tool")  # rule modules: docs/rules.md
    }
    unplaced = sorted(module for module in modules if module not in named and f"{module.rsplit('/', 1)[0]}/" not in named)
    assert not unplaced, f"docs/architecture.md does not place these modules: {unplaced}"
