"""The span index finds every table, key and array element, and each span holds its item's text.

Proven over every file of ``../shared/corpus`` (skipped where the corpus is absent): the text
at each span, read back as TOML, is the very value (or key) at that path.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from conftest import corpus_files
from pyproject_lint._compat import tomllib
from pyproject_lint.document import Document
from pyproject_lint.spans import SpanIndex, TomlPath

FILES = corpus_files()


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b and type(a) is type(b))


def _key_parts(key_text: str) -> tuple[str, ...]:
    parsed: Any = tomllib.loads(f"{key_text} = 0")
    parts = []
    while isinstance(parsed, dict):
        (key, parsed), = parsed.items()
        parts.append(key)
    return tuple(parts)


def check(text: str, index: SpanIndex, value: Any, path: TomlPath, problems: list[str]) -> None:
    node = index.get(path)
    if isinstance(value, dict):
        if path and node is None and index.first_descendant(path) is None:
            problems.append(f"table {path} not found")
        if node is not None and node.header is not None:
            header = text[node.header.start: node.header.end]
            is_aot = isinstance(path[-1], int)
            name_path = tuple(p for p in path if isinstance(p, str))
            assert node.key is not None
            if _key_parts(text[node.key.start: node.key.end]) != name_path:
                problems.append(f"header name of {path}: {header!r}")
            if not (header.startswith("[[" if is_aot else "[") and header.endswith("]]" if is_aot else "]")):
                problems.append(f"header of {path}: {header!r}")
        for key, item in value.items():
            check(text, index, item, (*path, key), problems)
        return
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        first = index.get((*path, 0))
        if first is not None and first.header is not None:  # an array of tables
            for i, item in enumerate(value):
                check(text, index, item, (*path, i), problems)
            return
    if node is None or node.value is None:
        problems.append(f"value {path} not found")
        return
    written = text[node.value.start: node.value.end]
    if written != written.strip() or not _same(tomllib.loads(f"v = {written}")["v"], value):
        problems.append(f"value {path}: {written[:60]!r}")
    if isinstance(path[-1], str):
        if node.key is None or node.name is None:
            problems.append(f"key {path} not found")
        else:
            parts = _key_parts(text[node.key.start: node.key.end])
            name = _key_parts(text[node.name.start: node.name.end])
            strings = tuple(p for p in path if isinstance(p, str))
            if strings[-len(parts):] != parts or name != (path[-1],):
                problems.append(f"key {path}: {text[node.key.start: node.key.end]!r}")
    if isinstance(value, list):
        for i, item in enumerate(value):
            check(text, index, item, (*path, i), problems)


def spans_problems(text: str) -> list[str]:
    document = Document.from_text(text)
    assert document.data is not None
    problems: list[str] = []
    check(document.text, document.spans, document.data, (), problems)
    return problems


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_item_of_a_corpus_file_has_its_span(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    if Document.from_text(text).data is None:
        pytest.skip("not valid TOML (an invalid example)")
    assert spans_problems(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'build-system.requires = ["a", "b"]\nbuild-system."build-backend" = \'x\'\n',
        'build-system = { requires = ["a", { b = 1 }], build-backend = "x" }\n',
        "[a.b]\nc = 1\n[x]\ny = 2\n[a.d]\ne = [1, [2, 3], {f = 4}]\n",
        "[[t]]\nn = 1\n[[t.u]]\nm = 1\n[[t]]\nn = 2\n[[t.u]]\nm = 2\n[[t.u]]\nm = 3\n",
        '[project]\r\nname = "é😀"  # comment\r\nkeywords = [\r\n  "😀", # a\r\n  "b",\r\n]\r\n',
        "a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00\nc = 07:32:00\nd = inf\ne = nan\nf = 0x1F\ng = 1_000\n",
        'a = """\nmulti\nline"""\nb = \'\'\'lit\'\'\'\nc = "esc\\"aped"\n',
        "[tool.ruff.lint]\nx = 1\n[tool.ruff.format]\ny = 1\n[tool.ruff.lint.isort]\nz = 1\n[tool.ruff.lint.extend]\nw = 1\n",
    ],
    ids=["dotted", "inline", "out-of-order", "nested-aot", "crlf-non-bmp", "datetimes-numbers", "strings", "tomlkit-rejects"],
)
def test_spans_of_forms_users_write(text: str) -> None:
    assert spans_problems(text) == []


def test_columns_count_code_points_on_non_ascii_lines() -> None:
    text = 'name = "😀é"\nbuild-backend = "x"\n'
    document = Document.from_text(text)
    node = document.spans.get(("build-backend",))
    assert node is not None and node.value is not None
    assert document.lines.position(node.value.start) == (2, 17)
    first = document.spans.get(("name",))
    assert first is not None and first.value is not None
    assert document.lines.position(first.value.end) == (1, 12)
