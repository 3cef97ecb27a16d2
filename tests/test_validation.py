"""The schema validator: names mapped to TOML paths, every error collected, compiled once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyproject_lint import validation as schema
from pyproject_lint.config import SelectionLayer, Settings
from pyproject_lint.engine import lint
from pyproject_lint.validation import TEXT_REPLACEMENTS, schema_errors, toml_path

BAD = '[project]\nname = "x"\nversion = 1\nauthor = "A"\nauthors = [{ name = "A" }, { mail = "b" }]\n'


def test_names_with_dots_and_indices_map_to_paths() -> None:
    data = {"tool": {"zope.interface": {"a": [{"b": 1}]}}, "project": {"authors": [{}]}}
    assert toml_path("data.tool.zope.interface.a[0].b", data) == ("tool", "zope.interface", "a", 0, "b")
    assert toml_path("`project.authors[0]`", data) == ("project", "authors", 0)
    assert toml_path("data.project.missing.deeper", data) == ("project",)
    assert toml_path("data", data) == ()


def test_every_error_is_collected_at_original_indices() -> None:
    # authors[0] is taken out of the copy after its error; authors[1]'s is still reported as [1].
    data = {"project": {"name": "x", "version": 1, "author": "A", "authors": [{"mail": "a"}, {"name": "B", "x": 1}]}}
    found = {(error.path, error.key) for error in schema_errors(data)}
    assert found == {
        (("project", "version"), None),
        (("project",), "author"),
        (("project", "authors", 0), None),
        (("project", "authors", 1), "x"),
    }


def run_lint(folder: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    (folder / "pyproject.toml").write_text(BAD, encoding="utf-8")
    env = {**os.environ, "PYPROJECT_LINT_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "pyproject_lint", "--select", "PPL200"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_the_compiled_validator_is_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, second = run_lint(tmp_path, cache), run_lint(tmp_path, cache)
    assert first.stdout == second.stdout and first.stdout.count("PPL200") == 3
    [compiled] = [p.name for p in cache.iterdir()]
    assert compiled.startswith("_pyproject_lint_validator_")


def test_an_unwritable_cache_still_validates(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = run_lint(tmp_path, blocker / "cache")
    assert result.stdout.count("PPL200") == 3 and result.stderr == ""


def test_old_validators_are_removed_when_a_new_one_is_compiled(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    now = time.time()
    for age in range(12):  # validators of other environments, compiled 0 to 11 days ago
        old = cache / f"{schema.PREFIX}{age:016x}"
        old.mkdir(parents=True)
        (old / "__init__.py").write_text("", encoding="utf-8")
        os.utime(old, (now - age * 86400, now - age * 86400))
    for name, age in ((".compiling-killed", 7200), (".compiling-running", 60), (".removing-killed", 7200)):
        (cache / name).mkdir()
        os.utime(cache / name, (now - age, now - age))
    result = run_lint(tmp_path, cache)
    assert result.stdout.count("PPL200") == 3 and result.stderr == ""
    left = sorted(path.name for path in cache.iterdir())
    [compiled] = [name for name in left if name.startswith(schema.PREFIX) and not name.startswith(f"{schema.PREFIX}0000")]
    assert left == sorted([".compiling-running", compiled, *(f"{schema.PREFIX}{age:016x}" for age in range(schema.KEPT))])


def test_a_damaged_validator_is_compiled_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run_lint(tmp_path, cache)
    [folder] = cache.iterdir()
    (folder / "formats.py").write_text("raise RuntimeError('damaged')\n", encoding="utf-8")
    second = run_lint(tmp_path, cache)
    assert (second.stdout, second.stderr) == (first.stdout, "")
    assert "damaged" not in (folder / "formats.py").read_text(encoding="utf-8")


def test_a_package_that_fails_to_load_leaves_none_of_its_modules_behind(tmp_path: Path) -> None:
    folder = tmp_path / "half_loaded"
    folder.mkdir()
    (folder / "__init__.py").write_text("from . import good, bad\n", encoding="utf-8")
    (folder / "good.py").write_text("", encoding="utf-8")
    (folder / "bad.py").write_text("raise RuntimeError('damaged')\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="damaged"):
        schema._import_package("half_loaded", folder)
    assert [name for name in sys.modules if name.startswith("half_loaded")] == []


def test_the_validator_imports_packaging_logging_json_only_when_needed(tmp_path: Path) -> None:
    # Every replacement applies to the generated source (else upstream changed the text),
    # and the format checks still work through the deferred modules.
    script = """if True:
        import sys
        from pyproject_lint.validation import schema_errors, validator
        before = set(sys.modules)  # what pyproject-lint itself imported (inspect, on 3.13: packaging)
        validator()
        for name in ("packaging.requirements", "logging", "json", "inspect", "decimal", "textwrap"):
            assert name in before or name not in sys.modules, f"{name} imported with the validator"
        errors = schema_errors({"project": {"name": "x", "version": "1", "dependencies": ["a=1"], "license": "MIT or"}})
        assert {error.path for error in errors} == {("project", "dependencies", 0), ("project", "license")}, errors
        assert "packaging.requirements" in sys.modules
    """
    env = {**os.environ, "PYPROJECT_LINT_CACHE_DIR": str(tmp_path)}
    compiling = "from pyproject_lint.validation import validator; validator()"  # imports validate-pyproject
    subprocess.run([sys.executable, "-c", compiling], env=env, check=True, timeout=120)
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=120)
    [compiled] = tmp_path.iterdir()
    sources = [path.read_text(encoding="utf-8") for path in compiled.glob("*.py")]
    for new in TEXT_REPLACEMENTS.values():
        assert any(new in source for source in sources), new


def test_the_pep508_formats_answer_as_validate_pyprojects() -> None:
    from validate_pyproject import formats as theirs

    from pyproject_lint.validation import format_functions

    ours = format_functions()
    for raw in ("a>=1", 'a; python_version < "3.11"', "a=1", "a>=1;", "a @ https://x/y.whl", "a (>=1)", ""):
        assert ours["pep508"](raw) == theirs.pep508(raw), raw
    for raw in (">=3.9", ">=3.9,<4", ">=3.8.*", "=3.9", "3.9", ">=3.9; os_name == 'nt'", ""):
        assert ours["pep508-versionspec"](raw) == theirs.pep508_versionspec(raw), raw
    versions = ("1.0", " 1.0 ", "v1.0", "1.0.post1.dev2+local.7", "1!2.0rc1", "1.0-", "01.2", "1..0", "", "1.0 x", "ß")
    for raw in versions:
        assert ours["pep440"](raw) == theirs.pep440(raw), raw


@given(st.text(alphabet="0123456789.!+-_ abcdeilnoprstuvwxyzV\t\n", max_size=20))
def test_the_pep440_format_answers_as_validate_pyprojects(raw: str) -> None:
    from validate_pyproject import formats as theirs

    from pyproject_lint.validation import _pep440

    assert _pep440(raw) == theirs.pep440(raw)


def test_a_date_where_the_schema_has_no_place_for_it() -> None:
    # validate-pyproject 0.27's own command fails here with a TypeError: it shows the
    # offending value as JSON, which has no dates.
    text = '[project]\nname = "demo"\nversion = "1.0"\nwhen = 1979-05-27 07:32:00Z\nday = 1979-05-27\n'
    result = lint(text, settings=Settings(selection=SelectionLayer(select=("PPL200",))))
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("PPL200", "`project` has an unknown key `when`"),
        ("PPL200", "`project` has an unknown key `day`"),
    ]


def test_the_decimal_stand_in() -> None:
    script = """if True:
        import sys
        from pyproject_lint._deferred import Decimal
        assert not isinstance(1.5, (int, Decimal)) and isinstance(1, (float, Decimal, int))
        assert "decimal" not in sys.modules
        made = Decimal("1.10")
        import decimal
        assert type(made) is decimal.Decimal and isinstance(made, Decimal) and not isinstance(1.1, Decimal)
    """
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
