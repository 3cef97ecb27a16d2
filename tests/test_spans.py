"""The span index finds every table, key and array element, and each span holds its item's text.

Proven over every file of ``../shared/corpus`` (skipped where the corpus is absent): the text
at each span, read back as TOML, is the very value (or key) at that path.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import corpus_files
from pyproject_lint._compat import tomllib
from pyproject_lint.document import Document
from pyproject_lint.engine import RuleCrashed, lint
from pyproject_lint.span_parser import index_spans, scoped_spans
from pyproject_lint.spans import Span, SpanIndex, TomlPath, first_header, respan

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


# Moving spans after an edit (what the language server does on each keystroke) ----------------

_EDITED = """\
[build-system]
requires = ["setuptools>=77.0.3", 'wheel']  # comment
build-backend = "setuptools.build_meta"

[project]
name = "demo"
version = "1.0.0"
description = \"\"\"A "multi-line"
description\"\"\"
dependencies = ["packaging>=24; python_version >= '3.9'", "attrs"]
when = 1979-05-27 07:32:00Z
count = 12_000
ratio = 1.5e3
flag = true
inline = { a = "x", b = [1, 2, { c = 'y' }] }

[[tool.demo.item]]
name = "first"

[[tool.demo.item]]
name = "second"
"""
_SOURCES = [_EDITED, *(path.read_text(encoding="utf-8") for path in FILES[:40])]


def _as_tuples(index: SpanIndex) -> dict[TomlPath, tuple[Any, ...]]:
    return {
        path: (node.order, node.header, node.key, node.name, node.value, node.is_leaf)
        for path, node in index.nodes.items()
    }


@functools.cache
def _leaves(text: str) -> list[Span]:
    return [node.value for node in Document.from_text(text).spans.nodes.values() if node.is_leaf and node.value]


@st.composite
def _edits(draw: st.DrawFn) -> tuple[str, str]:
    """A text, and that text with a few characters replaced somewhere inside a leaf value
    (often), or anywhere (sometimes)."""
    old = draw(st.sampled_from(_SOURCES))
    leaves = _leaves(old)
    if leaves and draw(st.integers(0, 9)) > 0:
        span = draw(st.sampled_from(leaves))
        start = draw(st.integers(span.start, span.end))
    else:
        start = draw(st.integers(0, len(old)))
    end = draw(st.integers(start, min(start + 3, len(old))))
    inserted = draw(st.text(alphabet="ab1.-: \"'\\#,]\n=", max_size=3))
    return old, old[:start] + inserted + old[end:]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits())
def test_moved_spans_equal_the_spans_of_a_fresh_parse(edit: tuple[str, str]) -> None:
    old, new = edit
    earlier = Document.from_text(old)
    earlier.spans  # noqa: B018 - computed, as the server's earlier lint did
    later = Document.from_text(new)
    if later.data is None:
        return
    moved = respan(earlier.spans, old, new, later.data)
    event("moved" if moved is not None else "parsed again")
    if moved is not None:
        assert _as_tuples(moved) == _as_tuples(index_spans(new))


def test_spans_are_moved_for_an_edit_inside_a_value_and_not_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = Document.from_text(_EDITED)
    earlier.spans  # noqa: B018
    typed = _EDITED.replace("build_meta", "build_meto")
    later = Document.from_text(typed)
    assert later.data is not None
    moved = respan(earlier.spans, _EDITED, typed, later.data)
    assert moved is not None and _as_tuples(moved) == _as_tuples(index_spans(typed))
    # A quote typed inside a string may end it: parse again.
    quoted = _EDITED.replace('"first"', '"fi"rst"')
    assert respan(earlier.spans, _EDITED, quoted, {}) is None
    # A comment typed after a value is outside every value: parse again.
    commented = _EDITED.replace("flag = true", "flag = true # x")
    data = Document.from_text(commented).data
    assert data is not None and respan(earlier.spans, _EDITED, commented, data) is None
    # The engine takes the earlier document's spans when it is given: no parse with tomlkit.
    def no_parse(text: str) -> SpanIndex:
        raise AssertionError("parsed again")

    monkeypatch.setattr("pyproject_lint.span_parser.index_spans", no_parse)
    result = lint(typed, previous=earlier)
    assert "PPL104" in [d.code for d in result.diagnostics]
    assert _as_tuples(result.document.spans) == _as_tuples(moved)
    with pytest.raises(RuleCrashed, match="parsed again"):
        lint(commented, previous=earlier)


# Parsing only the tables a finding is in --------------------------------------------------


def _under(index: SpanIndex, top: str) -> dict[TomlPath, tuple[Any, ...]]:
    return {
        path: (node.header, node.key, node.name, node.value, node.is_leaf)
        for path, node in index.nodes.items()
        if path[:1] == (top,)
    }


def _scoped_problems(text: str) -> tuple[list[str], int]:
    data = tomllib.loads(text)
    full = index_spans(text)
    problems, used = [], 0
    for top in data:
        scoped = scoped_spans(text, data, top)
        if scoped is None:
            continue
        used += 1
        if _under(scoped, top) != _under(full, top):
            problems.append(top)
    return problems, used


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not present")
def test_spans_from_a_partial_parse_equal_the_whole_parses_over_the_corpus() -> None:
    used = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        problems, count = _scoped_problems(text)
        assert problems == [], path.name
        used += count
    assert used > len(FILES)  # most files have several top-level tables, each parsed alone


@pytest.mark.parametrize(
    "text",
    [
        # A header-like line inside a multi-line string, and inside a multi-line array.
        '[tool.x]\ns = """\n[build-system]\nrequires = ["a"]\n"""\n[build-system]\nrequires = ["b"]\n',
        "a = [\n  [1],\n  [2]\n]\n[build-system]\nrequires = []\n",
        'a = [\n  ["build-system"]\n]\n[build-system]\nrequires = ["c"]\n',
        # Dotted keys before the first header, and a table split across the file.
        'build-system.requires = ["x"]\n[project]\nname = "n"\n[build-system.more]\nk = 1\n[project.urls]\nu = "v"\n',
        # Arrays of tables, counted per top-level key.
        '[[tool.a]]\nn = 1\n[project]\nname = "p"\n[[tool.a]]\nn = 2\n[[tool.b.c]]\nm = 3\n',
        # Quoted keys, comments and blank lines around headers, CRLF.
        '["build-system"]  # c\r\nrequires = []\r\n\r\n  [ "tool" . "x" ]\r\nk = "]"\r\n',
    ],
)
def test_spans_from_a_partial_parse_of_tricky_files(text: str) -> None:
    problems, _ = _scoped_problems(text)
    assert problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1\n", None),
        ("a = 1\n  [t]\nb = 2\n", 6),
        ('s = """\n[not]\n"""\n[t]\n', 18),
        ("a = [\n  [1],\n  [2]\n]\n[[t]]\n", 21),
        ('a = [\n["x"]\n]\n', None),
    ],
)
def test_first_header(text: str, expected: Optional[int]) -> None:
    assert first_header(text) == expected


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not present")
def test_first_header_over_the_corpus() -> None:
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        headers = [node.header.start for node in index_spans(text).nodes.values() if node.header]
        expected = text.rfind("\n", 0, min(headers)) + 1 if headers else None
        assert first_header(text) == expected, path.name


@st.composite
def _header_like(draw: st.DrawFn) -> str:
    """Table headers, most well formed, some with one piece out of place."""
    space = st.sampled_from(["", " ", "\t"])
    key = st.sampled_from(["a", "b-1", "_", '"x.y"', "'q'", '"\\""', '""', "1.2", "a b", "", "#"])
    keys = draw(st.lists(key, min_size=1, max_size=3))
    dots = [draw(space) + "." + draw(space) for _ in keys[1:]]
    name = keys[0] + "".join(dot + part for dot, part in zip(dots, keys[1:]))
    opening, closing = draw(st.sampled_from([("[", "]"), ("[[", "]]"), ("[", "]]"), ("[[", "]"), ("", "]")]))
    tail = draw(st.sampled_from(["", " # c", "#", " x", ",", "]", " # [a]"]))
    return draw(space) + opening + draw(space) + name + draw(space) + closing + draw(space) + tail


@settings(max_examples=1500)
@given(_header_like())
def test_the_header_shortcut_agrees_with_tomllib(line: str) -> None:
    from pyproject_lint.spans import _SIMPLE_HEADER, _first_key

    if _SIMPLE_HEADER.fullmatch(line) is None:
        return
    event("a header")
    parsed = tomllib.loads(line)  # the shortcut accepts only real headers
    assert len(parsed) == 1 and _first_key(line) == next(iter(parsed))
