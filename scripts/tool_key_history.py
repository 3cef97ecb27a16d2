"""Re-check the ``[[key]]`` rows of ``src/pyproject_lint/data/tools.toml`` against a tool's history.

ruff and uv keep the JSON schema of their settings in their repository (``ruff.schema.json``,
``uv.schema.json``), regenerated with every change and checked by their CI, so the schema at
a release tag says which keys that release knows. This reads it at every release tag of a
local clone and prints, for each key, the first release that has it and the first that no
longer does:

    python scripts/tool_key_history.py ~/src/ruff ruff.schema.json --tool ruff --tables lint,format,analyze

With ``--tool``, it compares the rows of that tool with what the tags say and exits 1 on any
disagreement with a row whose source is the schema at a tag; a row sourced otherwise (ruff
0.5.0 refuses ``tab-size``, which its schema lists until 0.6.9) gets a note to check by hand.
``--keys`` limits the listing.
Maintainers run it by hand; the linter never does. Python 3.11+ (or ``tomli``), ``packaging``, git.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Optional

from packaging.version import InvalidVersion, Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the script targets 3.11+, tomli is the fallback
    import tomli as tomllib

DATA = Path(__file__).resolve().parent.parent / "src" / "pyproject_lint" / "data" / "tools.toml"


def releases(checkout: Path) -> list[tuple[Version, str]]:
    """The release tags (``0.4.0``, ``v0.0.292``; no pre-releases), oldest first."""
    tags = subprocess.run(["git", "-C", str(checkout), "tag"], capture_output=True, text=True, check=True).stdout.split()
    found = []
    for tag in tags:
        try:
            version = Version(tag.removeprefix("v"))
        except InvalidVersion:
            continue
        if not version.is_prerelease:
            found.append((version, tag))
    return sorted(found)


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    for _ in range(20):
        if not isinstance(node, dict) or "$ref" not in node:
            return node
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        node = document.get("definitions", document.get("$defs", {})).get(name, {})
    return node


def properties(document: Mapping[str, Any], node: Any) -> dict[str, Any]:
    """A table's keys, through ``$ref`` and ``anyOf``/``oneOf``/``allOf`` (ruff's ``lint`` is
    ``anyOf: [LintOptions, null]``)."""
    node = _resolve(document, node)
    if not isinstance(node, dict):
        return {}
    found = dict(node.get("properties", {}))
    for keyword in ("anyOf", "oneOf", "allOf"):
        for option in node.get(keyword, []):
            found.update(properties(document, option))
    return found


def keys(document: Mapping[str, Any], tables: Iterable[str]) -> set[str]:
    """The top-level keys, and the keys of ``tables`` as ``table.key``. A key of ``tables``
    counts only where it is a table (ruff's ``format`` named the output format before 0.0.291)."""
    top = properties(document, document)
    found = set(top) - set(tables)
    for table in tables:
        inner = properties(document, top[table]) if table in top else {}
        if inner:
            found.add(table)
            found.update(f"{table}.{key}" for key in inner)
    return found


def history(checkout: Path, schema: str, tables: Iterable[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The releases whose tag has ``schema``, and for each key the releases that have it."""
    tables = list(tables)
    tagged: list[str] = []
    seen: dict[str, list[str]] = {}
    for version, tag in releases(checkout):
        shown = subprocess.run(["git", "-C", str(checkout), "show", f"{tag}:{schema}"], capture_output=True, text=True, check=False)
        if shown.returncode != 0:
            continue
        tagged.append(str(version))
        for key in keys(json.loads(shown.stdout), tables):
            seen.setdefault(key, []).append(str(version))
    return tagged, seen


def boundaries(tagged: list[str], having: list[str]) -> tuple[Optional[str], Optional[str]]:
    """``(since, until)``: the first release with the key (``None``: the oldest schema has it)
    and the first release after the last that has it (``None``: the newest still has it)."""
    first, last = tagged.index(having[0]), tagged.index(having[-1])
    return (tagged[first] if first else None), (tagged[last + 1] if last + 1 < len(tagged) else None)


def disagreements(
    rows: Iterable[Mapping[str, Any]], tagged: list[str], seen: Mapping[str, list[str]], schema: str
) -> tuple[list[str], list[str]]:
    """What the tags say against each row's ``since`` and ``until``: the drift of rows whose
    source is the schema at a tag, and notes on the others (a changelog, a release that was
    run: the schema may lag behind what the release does, or the clone behind the row)."""
    drift: list[str] = []
    notes: list[str] = []
    for row in rows:
        from_tags = row["source"].split(" ", 1)[0].endswith(f"/{schema}")
        said = drift if from_tags else notes
        having = seen.get(row["key"])
        if not having:
            said.append(f"{row['key']}: no release tag's schema has it")
            continue
        since, until = boundaries(tagged, having)
        if "since" in row and Version(row["since"]) != Version(since or tagged[0]):
            said.append(f"{row['key']}: since {row['since']} in tools.toml, {since} by the tags")
        if "until" in row and (until is None or Version(row["until"]) != Version(until)):
            said.append(f"{row['key']}: until {row['until']} in tools.toml, {until} by the tags")
    return drift, notes


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkout", type=Path, help="a clone of the tool's repository, with its tags")
    parser.add_argument("schema", help="the schema's path in it: ruff.schema.json, uv.schema.json")
    parser.add_argument("--tables", default="", help="tables whose keys to list too, comma-separated: lint,format")
    parser.add_argument("--keys", default="", help="only these keys, comma-separated")
    parser.add_argument("--tool", help="compare with the [[key]] rows of this tool in tools.toml")
    args = parser.parse_args(argv)
    tagged, seen = history(args.checkout, args.schema, [t for t in args.tables.split(",") if t])
    if not tagged:
        print(f"no release tag of {args.checkout} has {args.schema}", file=sys.stderr)
        return 2
    print(f"{len(tagged)} releases with {args.schema}: {tagged[0]} to {tagged[-1]}")
    wanted = {k for k in args.keys.split(",") if k}
    for key in sorted(wanted or seen):
        if key not in seen:
            print(f"{key}: in no release")
            continue
        since, until = boundaries(tagged, seen[key])
        print(f"{key}: since {since or f'{tagged[0]} or earlier'}" + (f", until {until}" if until else ""))
    if args.tool is None:
        return 0
    rows = [row for row in tomllib.loads(DATA.read_text(encoding="utf-8")).get("key", []) if row["tool"] == args.tool]
    drift, notes = disagreements(rows, tagged, seen, args.schema)
    for problem in drift:
        print(f"DRIFT {problem}")
    for note in notes:
        print(f"NOTE {note} (the row's source is not the schema: check it by hand)")
    print(f"{len(rows)} rows of {args.tool} checked: {len(drift)} drift, {len(notes)} notes")
    return 1 if drift else 0


if __name__ == "__main__":
    sys.exit(main())
