"""Text edits that change a TOML document the way its author would have written it.

Every builder works on the original text and the span index, keeps the file's quotes,
indentation, line endings and array layout, and touches nothing beyond what it changes.
"""

from __future__ import annotations

import re
from typing import Optional

from .context import Context
from .diagnostics import Edit
from .spans import Node, Span, TomlPath

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_LITERAL_UNSAFE = re.compile(r"['\x00-\x08\x0a-\x1f\x7f]")


def string_literal(value: str, quote: str = '"') -> str:
    """``value`` as a TOML string in the given quote style when it can be written so."""
    if quote == "'" and not _LITERAL_UNSAFE.search(value):
        return f"'{value}'"
    escaped = []
    for char in value:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char in "\b\t\n\f\r":
            escaped.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def key_literal(key: str) -> str:
    return key if _BARE_KEY.match(key) else string_literal(key)


def string_content(ctx: Context, node: Node) -> Optional[Span]:
    """The span of a single-line string value's characters, when they are written literally.

    ``None`` for multi-line strings and strings with escapes, whose text is not the value.
    """
    if node.value is None:
        return None
    text = ctx.text[node.value.start: node.value.end]
    if len(text) < 2 or text[0] not in "'\"" or text.startswith(("'''", '"""')):
        return None
    inner = Span(node.value.start + 1, node.value.end - 1)
    if text[0] == '"' and "\\" in text:
        return None
    return inner


def replace_string(ctx: Context, path: TomlPath, value: str) -> Optional[Edit]:
    """Replace the string at ``path`` by ``value``, in the quote style it was written in."""
    node = ctx.node(path)
    if node is None or node.value is None:
        return None
    old = ctx.text[node.value.start: node.value.end]
    quote = "'" if old.startswith("'") else '"'
    return Edit(node.value.start, node.value.end, string_literal(value, quote))


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """The offset of the ``\\n`` (or ``\\r\\n``) ending the line of ``offset``, or the end."""
    end = text.find("\n", offset)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def indentation(text: str, offset: int) -> str:
    start = line_start(text, offset)
    match = re.match(r"[ \t]*", text[start:offset])
    return match.group(0) if match else ""


def _only_blank_between(text: str, start: int, end: int) -> bool:
    return text[start:end].strip(" \t") == ""


def _after_value(text: str, offset: int) -> tuple[int, bool]:
    """Skip blanks after a value; return the offset after a following comma and whether one was there."""
    position = offset
    while position < len(text) and text[position] in " \t":
        position += 1
    if position < len(text) and text[position] == ",":
        return position + 1, True
    return offset, False


def append_to_array(ctx: Context, array_path: TomlPath, *literals: str) -> tuple[Edit, ...]:
    """Add ``literals`` as the last elements of the array at ``array_path``, in its layout."""
    text = ctx.text
    array = ctx.node(array_path)
    if array is None or array.value is None or not literals:
        return ()
    elements = [node for node in ctx.children(array_path) if node.value is not None]
    close = array.value.end - 1
    if not elements:
        return (Edit(array.value.start + 1, array.value.start + 1, ", ".join(literals)),)
    last = elements[-1]
    assert last.value is not None
    after_comma, has_comma = _after_value(text, last.value.end)
    multiline = "\n" in text[last.value.end: close] or "\n" in text[array.value.start: elements[0].value.start]  # type: ignore[union-attr]
    if not multiline:
        joined = ", ".join(literals)
        if has_comma:
            return (Edit(after_comma, after_comma, f" {joined},"),)
        return (Edit(last.value.end, last.value.end, f", {joined}"),)
    indent = indentation(text, last.value.start)
    newline = ctx.document.newline
    lines = f",{newline}{indent}".join(literals)
    if line_end(text, last.value.end) >= close:
        # The closing bracket shares the last element's line: `"b"]`.
        separator = "," if not has_comma else ""
        at = after_comma if has_comma else last.value.end
        return (Edit(at, at, f"{separator}{newline}{indent}{lines}"),)
    end_of_line = line_end(text, last.value.end)
    edits = []
    if not has_comma:
        edits.append(Edit(last.value.end, last.value.end, ","))
    trailing = "," if has_comma else ""
    edits.append(Edit(end_of_line, end_of_line, f"{newline}{indent}{lines}{trailing}"))
    return tuple(edits)


def remove_from_array(ctx: Context, array_path: TomlPath, index: int, drop_empty: bool = False) -> tuple[Edit, ...]:
    """Remove element ``index`` of the array at ``array_path``, with its comma and own line.

    ``drop_empty``: when it is the only element, remove the whole key instead (where the
    key has its lines to itself and the array holds no comment), rather than leave
    ``key = []`` behind.
    """
    text = ctx.text
    elements = [node for node in ctx.children(array_path) if node.value is not None]
    target = next((node for node in elements if node.path[-1] == index), None)
    if target is None or target.value is None:
        return ()
    array = ctx.node(array_path)
    if drop_empty and elements == [target] and array is not None and array.value is not None:
        around = text[array.value.start: target.value.start] + text[target.value.end: array.value.end]
        whole = None if "#" in around else remove_key(ctx, array_path)
        if whole is not None:
            return (whole,)
    position = elements.index(target)
    start, end = target.value.start, target.value.end
    after_comma, has_comma = _after_value(text, end)
    own_line_start = line_start(text, start)
    rest_end = line_end(text, after_comma)
    rest = text[after_comma:rest_end].strip(" \t")
    if _only_blank_between(text, own_line_start, start) and (rest == "" or rest.startswith("#")):
        # The element has its line(s) to itself: remove them whole, comment included.
        # Without a comma of its own, the previous element's comma stays as a trailing one.
        next_line = rest_end + (2 if text.startswith("\r\n", rest_end) else 1)
        return (Edit(own_line_start, min(next_line, len(text)), ""),)
    if position + 1 < len(elements):
        following = elements[position + 1].value
        assert following is not None
        if "\n" not in text[end: following.start]:
            return (Edit(start, following.start, ""),)
        return (Edit(start, after_comma if has_comma else end, ""),)
    if position > 0:
        previous = elements[position - 1].value
        assert previous is not None
        if "\n" not in text[previous.end: start]:
            return (Edit(previous.end, end, ""),)
        return (Edit(start, after_comma if has_comma else end, ""),)
    return (Edit(start, after_comma if has_comma else end, ""),)


def remove_key(ctx: Context, path: TomlPath) -> Optional[Edit]:
    """Remove the key/value pair at ``path`` with its line(s) and its comment; ``None`` unless
    it has its lines to itself (not in an inline table, nothing else on its lines)."""
    text = ctx.text
    node = ctx.node(path)
    if node is None or node.key is None or node.value is None:
        return None
    start = line_start(text, node.key.start)
    end = line_end(text, node.value.end)
    rest = text[node.value.end: end].strip(" \t")
    if not _only_blank_between(text, start, node.key.start) or (rest and not rest.startswith("#")):
        return None
    next_line = end + (2 if text.startswith("\r\n", end) else 1)
    return Edit(start, min(next_line, len(text)), "")


def _next_line_start(text: str, offset: int) -> Optional[int]:
    newline_at = text.find("\n", offset)
    return None if newline_at == -1 else newline_at + 1


def insert_key(
    ctx: Context, table_path: TomlPath, key: str, literal: str, after: Optional[str] = None
) -> Optional[Edit]:
    """Insert ``key = literal`` into the table at ``table_path``.

    It goes on its own line after the entry ``after`` (past that entry's comment), else
    first in the table; inline tables get it inline and dotted-key tables a dotted key.
    """
    text = ctx.text
    newline = ctx.document.newline
    table = ctx.node(table_path)
    anchor = ctx.node((*table_path, after)) if after else None
    if table is not None and table.value is not None and text[table.value.start] == "{":
        # build-system = { requires = [...] }
        if anchor is not None and anchor.value is not None:
            return Edit(anchor.value.end, anchor.value.end, f", {key_literal(key)} = {literal}")
        inner = text[table.value.start + 1: table.value.end - 1]
        if inner.strip():
            at = table.value.start + 1 + len(inner) - len(inner.lstrip(" \t"))
            return Edit(at, at, f"{key_literal(key)} = {literal}, ")
        return Edit(table.value.start + 1, table.value.end - 1, f"{key_literal(key)} = {literal}")
    if table is not None and table.header is not None:
        prefix = ""
        if anchor is not None and anchor.key is not None and anchor.name is not None:
            prefix = text[anchor.key.start: anchor.name.start]
    else:
        # A table made by dotted keys (`build-system.requires = [...]`): write one more.
        first = anchor or ctx.first_descendant(table_path)
        if first is None or first.key is None or first.name is None:
            return None
        depth = len(first.path) - len(table_path)
        prefix = text[first.key.start: first.name.start]
        if depth != 1:
            return None
    entry = f"{prefix}{key_literal(key)} = {literal}"
    if anchor is not None and anchor.value is not None:
        indent = indentation(text, anchor.key.start if anchor.key else anchor.value.start)
        after_anchor = _next_line_start(text, anchor.value.end)
        if after_anchor is None:
            return Edit(len(text), len(text), f"{newline}{indent}{entry}")
        return Edit(after_anchor, after_anchor, f"{indent}{entry}{newline}")
    if table is not None and table.header is not None:
        after_header = _next_line_start(text, table.header.end)
        if after_header is None:
            return Edit(len(text), len(text), f"{newline}{entry}")
        return Edit(after_header, after_header, f"{entry}{newline}")
    first = ctx.first_descendant(table_path)
    assert first is not None and first.key is not None
    at = line_start(text, first.key.start)
    return Edit(at, at, f"{indentation(text, first.key.start)}{entry}{newline}")


def rename_key(ctx: Context, path: TomlPath, new_name: str) -> Optional[Edit]:
    node = ctx.node(path)
    if node is None or node.name is None:
        return None
    return Edit(node.name.start, node.name.end, key_literal(new_name))


def append_table(ctx: Context, name: str) -> Edit:
    """An edit adding an empty ``[name]`` table at the end of the file, after a blank line."""
    newline = ctx.document.newline
    text = ctx.text
    ending = "" if not text or text.endswith("\n") else newline
    blank = newline if text.strip() and not text.endswith(("\n\n", "\r\n\r\n")) else ""
    return Edit(len(text), len(text), f"{ending}{blank}[{name}]{newline}")
