"""PPL300 and the release of a tool the project runs: each place the version is read from,
keys a release does not know yet or no longer knows, and keys newer than the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest
from packaging.version import Version

from conftest import lint_case
from pyproject_lint._compat import tomllib
from pyproject_lint.context import Context
from pyproject_lint.data import load
from pyproject_lint.diagnostics import Severity
from pyproject_lint.json_schema import Validator
from pyproject_lint.tool_schemas import ToolSchema, catalog
from pyproject_lint.tool_versions import ToolVersions

LINT_TOO_NEW = "ruff refuses to start: ruff 0.0.291 ({}) does not know `tool.ruff.lint`, new in ruff 0.0.292"
RUFF_LINT = '[tool.ruff]\nline-length = 100\n[tool.ruff.lint]\nselect = ["E"]\npreview = true\n'


def findings(text: str, folder: Path, files: Optional[dict[str, str]] = None) -> list[tuple[tuple[int, int], Severity, str]]:
    result = lint_case(text, folder, files, select=("PPL300",))
    return [(result.position(d.start), d.severity, d.message) for d in result.diagnostics]


def lock(*packages: tuple[str, str]) -> str:
    """A uv.lock as uv writes it."""
    entries = "".join(
        f'\n[[package]]\nname = "{name}"\nversion = "{version}"\nsource = {{ registry = "https://pypi.org/simple" }}\n'
        f'wheels = [\n    {{ url = "https://example.org/{name}-{version}.whl", hash = "sha256:00" }},\n]\n'
        for name, version in packages
    )
    return f'version = 1\nrevision = 3\nrequires-python = ">=3.9"\n{entries}'


@pytest.mark.parametrize(
    ("prefix", "where"),
    [
        ('[dependency-groups]\ndev = ["pytest", {include-group = "lint"}]\nlint = ["Ruff == 0.0.291"]\n', "pinned in `dependency-groups.lint`"),
        ('[project]\nname = "demo"\nversion = "1"\n[project.optional-dependencies]\nlint = ["ruff==0.0.291"]\n',
         "pinned in `project.optional-dependencies.lint`"),
        ('[tool.uv]\ndev-dependencies = ["ruff===0.0.291"]\n', "pinned in `tool.uv.dev-dependencies`"),
    ],
    ids=["dependency-groups", "optional-dependencies", "uv-dev-dependencies"],
)
def test_a_pin_names_the_release(prefix: str, where: str, tmp_path: Path) -> None:
    lines = prefix.count("\n")
    assert findings(prefix + RUFF_LINT, tmp_path) == [((lines + 3, 1), Severity.ERROR, LINT_TOO_NEW.format(where))]


@pytest.mark.parametrize(
    ("required", "where"),
    [('"0.0.291"', 'required by `tool.ruff.required-version = "0.0.291"`'), ('"==0.0.291"', 'required by `tool.ruff.required-version = "==0.0.291"`')],
)
def test_required_version_that_pins(required: str, where: str, tmp_path: Path) -> None:
    text = RUFF_LINT.replace("line-length = 100", f"required-version = {required}")
    assert findings(text, tmp_path) == [((3, 1), Severity.ERROR, LINT_TOO_NEW.format(where))]


def test_a_floor_of_required_version_gives_a_warning(tmp_path: Path) -> None:
    text = RUFF_LINT.replace("line-length = 100", 'required-version = ">=0.1.0, <1"')
    assert findings(text, tmp_path) == [
        ((5, 1), Severity.WARNING, 'ruff refuses to start: ruff 0.1.0 (the lowest `tool.ruff.required-version = ">=0.1.0, <1"` '
         "admits) does not know `tool.ruff.lint.preview`, new in ruff 0.1.1"),
    ]
    assert findings(RUFF_LINT.replace("line-length = 100", 'required-version = ">=0.1.1"'), tmp_path) == []


def test_uv_lock_beside_the_file(tmp_path: Path) -> None:
    files = {"uv.lock": lock(("pytest", "9.2.0"), ("ruff", "0.0.291"))}
    assert findings(RUFF_LINT, tmp_path, files) == [((3, 1), Severity.ERROR, LINT_TOO_NEW.format("locked in `uv.lock`"))]
    crlf = {"uv.lock": lock(("ruff", "0.1.0")).replace("\n", "\r\n")}
    assert [message for _, _, message in findings(RUFF_LINT, tmp_path, crlf)] == [
        "ruff refuses to start: ruff 0.1.0 (locked in `uv.lock`) does not know `tool.ruff.lint.preview`, new in ruff 0.1.1"
    ]


def test_which_source_wins(tmp_path: Path) -> None:
    files = {"uv.lock": lock(("ruff", "0.17.6"))}
    pinned = '[dependency-groups]\ndev = ["ruff==0.0.291"]\n' + RUFF_LINT
    assert [m for _, _, m in findings(pinned, tmp_path, files)] == [LINT_TOO_NEW.format("pinned in `dependency-groups.dev`")]
    required = RUFF_LINT.replace("line-length = 100", 'required-version = "0.0.291"')
    assert [m for _, _, m in findings(required, tmp_path, files)] == [
        LINT_TOO_NEW.format('required by `tool.ruff.required-version = "0.0.291"`')
    ]
    floor = RUFF_LINT.replace("line-length = 100", 'required-version = ">=0.0.200"')
    assert findings(floor, tmp_path, files) == [], "the lock's 0.17.6 is a better answer than the floor"


def test_pins_that_disagree_or_are_not_exact_name_no_release(tmp_path: Path) -> None:
    for group in ('["ruff==0.0.291", "ruff==0.17.6"]', '["ruff>=0.0.291"]', '["ruff==0.0.*"]', '["ruff==0.0.291,<1"]'):
        assert findings(f"[dependency-groups]\ndev = {group}\n" + RUFF_LINT, tmp_path) == [], group


def test_a_removed_key_is_judged_by_the_release(tmp_path: Path) -> None:
    old = findings('[tool.ruff]\nrequired-version = "0.4.10"\ntab-size = 4\n', tmp_path)
    assert old == [], "ruff 0.4.10 still takes tab-size"
    assert findings('[tool.ruff]\nrequired-version = "0.5.0"\ntab-size = 4\n', tmp_path) == [
        ((3, 1), Severity.ERROR, 'ruff refuses to start: ruff 0.5.0 (required by `tool.ruff.required-version = "0.5.0"`) '
         "no longer knows `tool.ruff.tab-size`, removed in ruff 0.5.0"),
    ]
    assert findings("[tool.ruff]\ntab-size = 4\n", tmp_path) == [
        ((2, 1), Severity.WARNING, "ruff refuses to start unless its version knows the key (the schema, "
         f"{catalog().source('ruff')}, does not; ruff removed it in 0.5.0): `tool.ruff` has an unknown key `tab-size`"),
    ]


def test_a_key_unknown_to_the_schema_and_a_release_newer_than_it(tmp_path: Path) -> None:
    source = catalog().source("ruff")
    described = load().snapshots.get(("validate-pyproject-schema-store", source.rpartition(" ")[2]))
    if described is None:
        pytest.skip(f"{source}: a snapshot tools.toml does not describe")
    schema_release = described.schemas["ruff"]
    text = '[tool.ruff]\nline-lenght = 100\n'
    # Without a release, or with the schema's own: a near miss is a typo (an error).
    assert [s for _, s, _ in findings(text, tmp_path)] == [Severity.ERROR]
    assert [s for _, s, _ in findings(f'[dependency-groups]\ndev = ["ruff=={schema_release}"]\n' + text, tmp_path)] == [Severity.ERROR]
    newer = findings('[dependency-groups]\ndev = ["ruff==99.0"]\n' + text, tmp_path)
    assert newer == [
        ((4, 1), Severity.WARNING, "ruff refuses to start unless ruff 99.0 (pinned in `dependency-groups.dev`) knows the key: "
         f"the schema ({source}) is ruff {schema_release}'s: `tool.ruff` has an unknown key `line-lenght`; did you mean `line-length`?"),
    ]


def test_uv_warns_and_drops_its_table(tmp_path: Path) -> None:
    text = '[tool.uv]\nrequired-version = ">=0.4.0"\ndev-dependencies = ["pytest"]\n[[tool.uv.index]]\nurl = "https://example.org"\n'
    assert findings(text, tmp_path) == [
        ((2, 1), Severity.WARNING, 'uv warns and ignores every setting in `[tool.uv]`: uv 0.4.0 (the lowest `tool.uv.required-version = '
         '">=0.4.0"` admits) does not know `tool.uv.required-version`, new in uv 0.5.14'),
        ((4, 1), Severity.WARNING, 'uv warns and ignores every setting in `[tool.uv]`: uv 0.4.0 (the lowest `tool.uv.required-version = '
         '">=0.4.0"` admits) does not know `tool.uv.index`, new in uv 0.4.23'),
    ]


def test_uv_lock_is_read_only_for_a_tool_that_needs_a_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = Context.read_beside

    def spy(self: Context, relative: str) -> Optional[str]:
        read.append(relative)
        return original(self, relative)

    monkeypatch.setattr(Context, "read_beside", spy)
    files = {"uv.lock": lock(("ruff", "0.0.291"))}
    for text in ('[project]\nname = "demo"\nversion = "1"\n', "[tool.mypy]\nstrict = true\n", '[tool.ruff]\nrequired-version = "0.17.6"\n'):
        read.clear()
        lint_case(text, tmp_path, files)
        assert "uv.lock" not in read, text
    lint_case("[tool.ruff]\nline-length = 100\n", tmp_path, files)
    assert read.count("uv.lock") == 1


def test_only_the_locked_entries_asked_about_are_parsed_and_they_agree_with_a_full_parse(tmp_path: Path) -> None:
    text = lock(("ruff", "0.4.0"), ("black", "26.5.2.dev21+ge34bb1b"), ("uv", "0.13.0"), ("ruff", "0.5.0"))
    text += '\n[[package]]\nname = "mypy"\nversion = "2.4.1"\n\n[package.optional-dependencies]\nfaster = [{ name = "orjson" }]\n'
    data = tomllib.loads(text)
    (tmp_path / "uv.lock").write_text(text, encoding="utf-8")
    versions = ToolVersions(Context(lint_case("[tool.ruff]\n", tmp_path).document, tmp_path))
    for name in ("ruff", "black", "uv", "mypy", "orjson"):
        assert versions.locked(name) == {p["version"] for p in data["package"] if p["name"] == name}, name
    assert versions.of(load().tools["ruff"]) is None, "two locked releases: none is the one"
    (tmp_path / "uv.lock").write_text('[[package]]\nname = "ruff"\nversion = "0.4.0"\n', encoding="utf-8")
    assert ToolVersions(Context(lint_case("[tool.ruff]\n", tmp_path).document, tmp_path)).locked("ruff") == {"0.4.0"}


def _knows(schema: ToolSchema, table: str, key: str) -> bool:
    parts = key.split(".")
    value: dict[str, Any] = {}
    inner = value
    for part in parts[:-1]:
        inner[part] = inner = {}
    inner[parts[-1]] = {}
    validator = Validator(schema.documents, {})
    return not any(
        v.kind == "additionalProperties" and v.key == parts[-1] and [*v.path[2:]] == parts[:-1]
        for v in validator.violations(schema.root, value, schema.base, ("tool", table))
    )


def test_the_key_rows_agree_with_the_schemas_of_the_snapshot() -> None:
    knowledge = load()
    checked = 0
    for table, keys in knowledge.tool_keys.items():
        schema = catalog().get(table)
        assert schema is not None, table
        snapshot = knowledge.snapshots.get(("validate-pyproject-schema-store", schema.source.rpartition(" ")[2]))
        if snapshot is None:
            continue
        described = snapshot.schemas[table]
        for key in keys:
            since, until = key.releases
            if until is not None and Version(until) <= Version(described):
                assert not _knows(schema, table, key.key), f"{table}.{key.key} is still in the schema"
            elif since is not None and Version(since) <= Version(described):
                assert _knows(schema, table, key.key), f"{table}.{key.key} is not in the schema"
            checked += 1
    assert checked >= 30 or not checked
