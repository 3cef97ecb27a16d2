"""``scripts/tool_key_history.py`` on a small repository whose tags hold three schemas."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tool_key_history", ROOT / "scripts" / "tool_key_history.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


history = _load()

SCHEMAS: list[tuple[str, dict[str, Any]]] = [
    ("v0.1.0", {"properties": {"line-length": {}, "show-source": {}, "format": {"type": "string"}}}),
    ("v0.2.0", {
        "properties": {"line-length": {}, "format": {"$ref": "#/definitions/Format"}, "lint": {"$ref": "#/definitions/Lint"}},
        "definitions": {"Lint": {"properties": {"select": {}}}, "Format": {"properties": {"quote-style": {}}}},
    }),
    ("0.3.0rc1", {"properties": {"line-length": {}}}),
    ("0.3.0", {
        "properties": {"line-length": {}, "format": {"$ref": "#/definitions/Format"}, "lint": {"anyOf": [{"$ref": "#/definitions/Lint"}, {"type": "null"}]}},
        "definitions": {"Lint": {"properties": {"select": {}, "preview": {}}}, "Format": {"properties": {"quote-style": {}}}},
    }),
]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path_factory.mktemp("tool")
    git = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    for tag, schema in SCHEMAS:
        (folder / "tool.schema.json").write_text(json.dumps(schema), encoding="utf-8")
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-q", "-m", tag], check=True)
        subprocess.run([*git, "tag", tag], check=True)
    return folder


def test_the_releases_that_have_each_key(checkout: Path) -> None:
    tagged, seen = history.history(checkout, "tool.schema.json", ["lint", "format"])
    assert tagged == ["0.1.0", "0.2.0", "0.3.0"], "pre-releases are left out"
    assert history.boundaries(tagged, seen["lint"]) == ("0.2.0", None)
    assert history.boundaries(tagged, seen["lint.preview"]) == ("0.3.0", None)
    assert history.boundaries(tagged, seen["show-source"]) == (None, "0.2.0")
    assert history.boundaries(tagged, seen["format"]) == ("0.2.0", None), "a string `format` is not the table"


def test_rows_against_the_tags(checkout: Path) -> None:
    tagged, seen = history.history(checkout, "tool.schema.json", ["lint", "format"])
    schema = "https://example.org/tool/blob/v0.2.0/tool.schema.json"
    rows = [
        {"key": "lint", "since": "0.2.0", "source": schema},
        {"key": "lint.preview", "since": "0.2.0", "source": schema},
        {"key": "show-source", "until": "0.2.0", "source": schema},
        {"key": "format", "until": "0.3.0", "source": "https://example.org/tool/CHANGELOG.md (0.3.0 refuses it)"},
        {"key": "new", "since": "0.4.0", "source": "EXP 2026-12-03 tool 0.4.0 takes it"},
    ]
    drift, notes = history.disagreements(rows, tagged, seen, "tool.schema.json")
    assert drift == ["lint.preview: since 0.2.0 in tools.toml, 0.3.0 by the tags"]
    assert notes == ["format: until 0.3.0 in tools.toml, None by the tags", "new: no release tag's schema has it"]


def test_the_command(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert history.main([str(checkout), "tool.schema.json", "--tables", "lint,format", "--keys", "lint.preview,show-source,gone"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "3 releases with tool.schema.json: 0.1.0 to 0.3.0",
        "gone: in no release",
        "lint.preview: since 0.3.0",
        "show-source: since 0.1.0 or earlier, until 0.2.0",
    ]
    assert history.main([str(checkout), "missing.json"]) == 2
