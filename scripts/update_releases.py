"""Regenerate the release snapshot in ``src/pyproject_lint/data/releases/`` from the package index.

For each distribution in ``INDEX`` (or each ``--only NAME``) it asks the index's simple API
once (``https://pypi.org/simple/NAME/`` in its PEP 691 JSON form), writes ``NAME.txt``, and
prints what changed against the file it replaces: new and removed releases, and changes of
``Requires-Python``, sdist, yanked or wheel coverage. A full run also sets ``INDEX``'s date.

To list a distribution, add a line ``NAME  REASON`` to ``INDEX`` and run with ``--only NAME``.
Run it from a checkout with pyproject-lint installed (``pip install -e .``): it reads the
modelled Pythons and the file format from ``pyproject_lint.releases``. Stdlib and
``packaging`` only. ``docs/releases.md`` describes the data.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from pyproject_lint.releases import (
    NONE,
    PLATFORMS,
    PYTHONS,
    Release,
    Releases,
    format_minors,
    parse_releases,
    python_admits,
    read_index,
    read_sdist_failures,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "pyproject_lint" / "data" / "releases"
DOCS = ROOT / "docs" / "releases.md"
DOCS_START, DOCS_END = "<!-- releases:start -->", "<!-- releases:end -->"
SIMPLE_API = "https://pypi.org/simple/{name}/"
ACCEPT = "application/vnd.pypi.simple.v1+json"
#: The archive formats pip takes for an sdist (``pip._internal.utils.filetypes``).
SDIST_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma")
MINOR_NUMBERS = {python: int(python.split(".")[1]) for python in PYTHONS}


# -- reading the index's file list ----------------------------------------------------------


def tag_pythons(interpreter: str, abi: str) -> frozenset[str]:
    """The modelled CPython minors a wheel tag's interpreter and ABI install on.

    ``cp311-cp311`` (or ``cp311-none``) is 3.11 only; ``cp38-abi3`` is every CPython from
    3.8; ``py3-none`` and ``py36-none`` are every Python 3 (from 3.6). Free-threaded
    (``cp313t``, ``abi3t``) and debug builds, PyPy, GraalPy and Python 2 tags give nothing.
    """
    if interpreter.startswith("cp3") and interpreter[3:].isdigit():
        minor = int(interpreter[3:])
        if abi == "abi3":
            return frozenset(python for python, number in MINOR_NUMBERS.items() if number >= minor)
        if abi in (interpreter, f"{interpreter}m", "none"):
            return frozenset(python for python, number in MINOR_NUMBERS.items() if number == minor)
        return frozenset()
    if interpreter.startswith("py3") and (interpreter == "py3" or interpreter[3:].isdigit()) and abi == "none":
        minor = int(interpreter[3:] or 0)
        return frozenset(python for python, number in MINOR_NUMBERS.items() if number >= minor)
    return frozenset()


def platform_families(platform: str) -> tuple[str, ...]:
    """The platform families (:data:`PLATFORMS`) a wheel's platform tag is for."""
    if platform == "any":
        return PLATFORMS
    if platform.startswith(("manylinux", "musllinux", "linux")):
        return ("linux",)
    if platform.startswith("macosx"):
        return ("macos",)
    if platform.startswith("win"):
        return ("windows",)
    return ()  # iOS, Android, Emscripten: not modelled


def wheel_pythons(filename: str, requires_python: Optional[str]) -> dict[str, frozenset[str]]:
    """Per platform family, the modelled CPython minors a wheel installs on: its tags,
    bounded by its ``Requires-Python`` (pip skips a file whose ``Requires-Python`` excludes
    the running Python). Raises ``InvalidWheelFilename``."""
    _, _, _, tags = parse_wheel_filename(filename)
    found: dict[str, set[str]] = {platform: set() for platform in PLATFORMS}
    for tag in tags:
        families = platform_families(tag.platform)
        for python in tag_pythons(tag.interpreter, tag.abi):
            if python_admits(requires_python, python):
                for family in families:
                    found[family].add(python)
    return {platform: frozenset(pythons) for platform, pythons in found.items()}


def sdist_version(filename: str, name: str) -> Optional[str]:
    """The version in an sdist's file name, found as pip finds it: after the first ``-``
    whose prefix is the project's name in any spelling. ``None`` for other files."""
    suffix = next((suffix for suffix in SDIST_SUFFIXES if filename.lower().endswith(suffix)), None)
    if suffix is None:
        return None
    stem = filename[: -len(suffix)]
    for index, character in enumerate(stem):
        if character == "-" and canonicalize_name(stem[:index]) == name:
            return stem[index + 1 :]
    return None


class _Row:
    """What the files of one version say, while they are read."""

    def __init__(self) -> None:
        self.sdist_requires_python: list[Optional[str]] = []
        self.wheel_requires_python: list[Optional[str]] = []
        self.yanked: list[bool] = []
        self.wheels: dict[str, set[str]] = {platform: set() for platform in PLATFORMS}

    def release(self, version: Version) -> Release:
        # pip reads Requires-Python per file; the files of one release agree in practice
        # (``notes`` reports any that do not), and the sdist's is the one a build meets.
        requires_python = (self.sdist_requires_python or self.wheel_requires_python)[0]
        return Release(
            str(version),
            requires_python,
            bool(self.sdist_requires_python),
            all(self.yanked),  # one file left unyanked is still installable
            tuple(format_minors(frozenset(self.wheels[platform])) for platform in PLATFORMS),
        )


def release_table(name: str, files: Iterable[Mapping[str, Any]], notes: Optional[list[str]] = None) -> Releases:
    """The releases of ``name`` that have an sdist or a wheel among ``files`` (the simple
    API's ``files`` list), oldest first. What was skipped, and why, goes to ``notes``."""
    notes = notes if notes is not None else []
    rows: dict[Version, _Row] = {}
    skipped: Counter[str] = Counter()
    for file in files:
        filename = file["filename"]
        requires_python = "".join((file.get("requires-python") or "").split()) or None
        is_wheel = filename.endswith(".whl")
        try:
            if is_wheel:
                _, version, _, _ = parse_wheel_filename(filename)
                pythons = wheel_pythons(filename, requires_python)
            else:
                text = sdist_version(filename, name)
                if text is None:
                    skipped["neither an sdist nor a wheel (.egg, .exe, .msi, ...)"] += 1
                    continue
                version = Version(text)
        except (InvalidWheelFilename, InvalidVersion):
            skipped["not a valid wheel name or PEP 440 version (pip ignores them too)"] += 1
            continue
        row = rows.setdefault(version, _Row())
        row.yanked.append(bool(file.get("yanked")))
        if is_wheel:
            row.wheel_requires_python.append(requires_python)
            for platform in PLATFORMS:
                row.wheels[platform].update(pythons[platform])
        else:
            row.sdist_requires_python.append(requires_python)
    for reason, count in sorted(skipped.items()):
        notes.append(f"skipped {count} files: {reason}")
    for version, row in rows.items():
        if len(set(row.sdist_requires_python + row.wheel_requires_python)) > 1:
            notes.append(f"{version}: its files disagree on Requires-Python; the sdist's (else the first wheel's) is kept")
        if len(set(row.yanked)) > 1:
            notes.append(f"{version}: only some of its files are yanked; kept as not yanked")
    return Releases(name, "", tuple(row.release(version) for version, row in sorted(rows.items())))


# -- writing --------------------------------------------------------------------------------


def release_line(release: Release) -> str:
    flags = ("s" if release.has_sdist else "") + ("y" if release.yanked else "")
    wheels = (format_minors(release.wheel_pythons(platform)) for platform in PLATFORMS)
    return " ".join((release.version_text, release.requires_python or NONE, flags or NONE, *wheels))


def render(table: Releases, fetched: str, serial: str) -> str:
    header = (
        f"# {table.name}: every release the package index serves a file for, oldest first.\n"
        f"# fetched {fetched} from {SIMPLE_API.format(name=table.name)} (serial {serial}) by scripts/update_releases.py\n"
        "# version requires-python flags(s: has an sdist, y: yanked) CPython-wheels(linux macos windows)\n"
    )
    return header + "".join(release_line(release) + "\n" for release in table.releases)


def describe(release: Release) -> str:
    wheels = ", ".join(f"{platform} {format_minors(release.wheel_pythons(platform))}" for platform in PLATFORMS)
    return (
        f"requires-python {release.requires_python or 'any'}; "
        f"{'sdist' if release.has_sdist else 'no sdist'}{'; yanked' if release.yanked else ''}; wheels: {wheels}"
    )


def changes(old: Optional[Releases], new: Releases) -> list[str]:
    """What a reader of the data would notice between ``old`` and ``new``, a line each."""
    before = {release.version_text: release for release in old.releases} if old else {}
    after = {release.version_text: release for release in new.releases}
    lines = [f"  + {version}: {describe(release)}" for version, release in after.items() if version not in before]
    lines += [f"  - {version}: no longer served by the index" for version in before if version not in after]
    for version, release in after.items():
        previous = before.get(version)
        if previous is None:
            continue
        differences = []
        if previous.requires_python != release.requires_python:
            differences.append(f"requires-python {previous.requires_python or 'any'} -> {release.requires_python or 'any'}")
        if previous.has_sdist != release.has_sdist:
            differences.append("sdist added" if release.has_sdist else "sdist removed")
        if previous.yanked != release.yanked:
            differences.append("yanked" if release.yanked else "no longer yanked")
        for platform in PLATFORMS:
            gained = release.wheel_pythons(platform) - previous.wheel_pythons(platform)
            lost = previous.wheel_pythons(platform) - release.wheel_pythons(platform)
            if gained:
                differences.append(f"{platform} wheels +{format_minors(gained)}")
            if lost:
                differences.append(f"{platform} wheels -{format_minors(lost)}")
        if differences:
            lines.append(f"  ~ {version}: {'; '.join(differences)}")
    return lines


def docs_section(data: Path) -> str:
    """The part of ``docs/releases.md`` that shows the snapshot: its date, the listed
    distributions with their reasons, and the sdist rows."""
    settings, reasons = read_index((data / "INDEX").read_text(encoding="utf-8"))
    lines = [
        DOCS_START,
        f"Snapshot of **{settings['date']}**: {len(reasons)} distributions, CPython {PYTHONS[0]} to {PYTHONS[-1]}.",
        "",
        "| distribution | releases | newest | its CPython wheels (Linux) | why it is listed |",
        "|---|---|---|---|---|",
    ]
    for name, reason in sorted(reasons.items()):
        table = parse_releases(name, (data / f"{name}.txt").read_text(encoding="utf-8"))
        newest = next((r for r in reversed(table.releases) if not r.version.is_prerelease and not r.yanked), table.releases[-1])
        wheels = format_minors(newest.wheel_pythons("linux"))
        lines.append(f"| {name} | {len(table.releases)} | {newest.version_text} | {wheels} | {reason} |")
    lines += [
        "",
        "Sdists known not to build (`sdist-failures.txt`; the first matching row answers):",
        "",
        "| distribution | releases | CPython | why | source |",
        "|---|---|---|---|---|",
    ]
    for name, rows in read_sdist_failures((data / "sdist-failures.txt").read_text(encoding="utf-8")).items():
        for versions, pythons, failure in rows:
            lines.append(f"| {name} | `{versions}` | `{pythons}` | {failure.reason} | {failure.source} |")
    return "\n".join([*lines, DOCS_END])


def write_docs(data: Path, docs: Path) -> bool:
    """Put :func:`docs_section` into ``docs``; whether it changed."""
    text = docs.read_text(encoding="utf-8")
    start, end = text.index(DOCS_START), text.index(DOCS_END) + len(DOCS_END)
    new = text[:start] + docs_section(data) + text[end:]
    if new == text:
        return False
    docs.write_text(new, encoding="utf-8")
    return True


# -- the index ------------------------------------------------------------------------------


def fetch(name: str) -> dict[str, Any]:
    """The simple API's JSON page for ``name``: one request."""
    request = urllib.request.Request(
        SIMPLE_API.format(name=name), headers={"Accept": ACCEPT, "User-Agent": "pyproject-lint-update-releases"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        page: dict[str, Any] = json.load(response)
    return page


def check_page(name: str, page: Mapping[str, Any]) -> None:
    version = str(page.get("meta", {}).get("api-version", ""))
    if not version.startswith("1."):
        raise ValueError(f"simple API version {version or '(none)'}; this script reads 1.x")
    if canonicalize_name(str(page.get("name", ""))) != name:
        raise ValueError(f"the page is for {page.get('name')!r}")


def set_index_date(text: str, date: str) -> str:
    """``INDEX`` with its ``date:`` and ``pythons:`` settings made current."""
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("date:"):
            lines[number] = f"date: {date}\n"
        elif line.startswith("pythons:"):
            lines[number] = f"pythons: {' '.join(PYTHONS)}\n"
    return "".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", metavar="NAME", help="update only this distribution (repeatable)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the snapshot's folder (default: {DATA.relative_to(ROOT)})")
    parser.add_argument(
        "--responses", type=Path, metavar="DIR", help="read DIR/NAME.json (saved simple API pages) instead of asking the index"
    )
    parser.add_argument("--docs", action="store_true", help="only rewrite docs/releases.md from the data (after editing sdist-failures.txt)")
    args = parser.parse_args(argv)
    if args.docs:
        print(f"{DOCS.relative_to(ROOT)} {'rewritten' if write_docs(args.data, DOCS) else 'unchanged'}")
        return 0
    index_path = args.data / "INDEX"
    index_text = index_path.read_text(encoding="utf-8")
    settings, reasons = read_index(index_text)
    names = [canonicalize_name(name) for name in args.only] if args.only else list(reasons)
    unknown = [name for name in names if name not in reasons]
    if unknown:
        parser.error(f"not in {index_path}: {', '.join(unknown)} (add a line with the reason first)")
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    failed = []
    for name in names:
        try:
            if args.responses:
                page = json.loads((args.responses / f"{name}.json").read_text(encoding="utf-8"))
            else:
                page = fetch(name)
            check_page(name, page)
        except (OSError, ValueError, urllib.error.URLError) as error:
            print(f"{name}: not updated: {error}", file=sys.stderr)
            failed.append(name)
            continue
        notes: list[str] = []
        table = release_table(name, page.get("files", []), notes)
        target = args.data / f"{name}.txt"
        old = parse_releases(name, target.read_text(encoding="utf-8")) if target.exists() else None
        found = changes(old, table)
        print(f"{name}: {len(table.releases)} releases; {len(found) if old else 'new'}{' changes' if old else ''}")
        for line in [*found, *(f"  note: {note}" for note in notes)]:
            print(line)
        serial = str(page.get("meta", {}).get("_last-serial", "?"))
        target.write_text(render(table, today, serial), encoding="utf-8")
    if not args.only and not failed:
        index_path.write_text(set_index_date(index_text, today), encoding="utf-8")
    if args.data == DATA and write_docs(args.data, DOCS):
        print(f"{DOCS.relative_to(ROOT)} rewritten")
    stray = sorted(path.name for path in args.data.glob("*.txt") if path.stem not in reasons and path.name != "sdist-failures.txt")
    if stray:
        print(f"not in INDEX (delete them?): {', '.join(stray)}", file=sys.stderr)
    if settings.get("pythons", "").split() != list(PYTHONS) and args.only:
        print("INDEX was written for other Pythons than pyproject_lint.releases.PYTHONS: run without --only", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
