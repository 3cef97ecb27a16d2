"""Re-check ``src/pyproject_lint/data/distributions.toml`` against the package index.

For every ``[[distribution]]`` row it asks the index's simple API (JSON, one request per
name), reads the PEP 658 metadata of the newest release's wheel, and lists that wheel's files
from the zip's central directory (HTTP range requests; no whole wheel is downloaded). It
reports drift:

- import names the newest wheel has that the row lacks, and the reverse;
- ``requires`` edges whose ``Requires-Dist`` is gone, or new ones to distributions the file
  defines, or whose extra or marker changed;
- a ``since``/``until`` the named release contradicts (``--deep``: also the release just
  before it, which must be on the other side of the boundary).

It prints one line per finding and exits 1 when there is any drift. Maintainers run it by
hand (``python scripts/check_knowledge.py [--deep] [NAME ...]``); the linter never uses it
and never touches the network. Python 3.11+ (or ``tomli``), and ``packaging``.
"""

from __future__ import annotations

import argparse
import email.parser
import json
import re
import struct
import sys
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Optional

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the script targets 3.11+, tomli is the fallback
    import tomli as tomllib

DATA = Path(__file__).resolve().parent.parent / "src" / "pyproject_lint" / "data" / "distributions.toml"
SIMPLE = "https://pypi.org/simple/"
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
USER_AGENT = "pyproject-lint check_knowledge.py (maintainers' drift check)"
# The end of a wheel, fetched first: its end-of-central-directory record and, for all but
# the largest wheels, the whole central directory.
TAIL_BYTES = 64 * 1024


# -- the knowledge file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A half-open release range ``[since, until)``; either end may be open."""

    since: Optional[Version] = None
    until: Optional[Version] = None

    def holds(self, version: Version) -> bool:
        return (self.since is None or version >= self.since) and (self.until is None or version < self.until)


@dataclass(frozen=True)
class Module:
    name: str
    span: Span = Span()
    path: Optional[str] = None
    """Where the wheel keeps it, when that is not the import name's own path (vendored)."""

    @property
    def files(self) -> str:
        return self.path or self.name.replace(".", "/")


@dataclass(frozen=True)
class Edge:
    """One ``[[distribution.requires]]`` row."""

    name: str
    """Canonical name of the required distribution."""
    span: Span = Span()
    extra: Optional[str] = None
    marker: Optional[str] = None
    specifier: Optional[str] = None

    @property
    def key(self) -> tuple[str, Optional[str], Optional[str]]:
        return self.name, self.extra, self.marker


@dataclass(frozen=True)
class Row:
    name: str
    modules: tuple[Module, ...]
    requires: tuple[Edge, ...]

    @property
    def canonical(self) -> str:
        return canonicalize_name(self.name)


def _span(entry: Mapping[str, Any]) -> Span:
    since, until = entry.get("since"), entry.get("until")
    return Span(Version(since) if since else None, Version(until) if until else None)


def parse_rows(document: Mapping[str, Any]) -> list[Row]:
    """The distribution rows of a parsed ``distributions.toml``."""
    rows = []
    for entry in document.get("distribution", []):
        modules = [Module(name) for name in entry.get("modules", [])]
        modules += [Module(module["name"], _span(module), module.get("path")) for module in entry.get("module", [])]
        edges = tuple(
            Edge(
                canonicalize_name(edge["name"]),
                _span(edge),
                canonicalize_name(edge["extra"]) if edge.get("extra") else None,
                normalize_marker(edge["marker"]) if edge.get("marker") else None,
                str(SpecifierSet(edge["specifier"])) if edge.get("specifier") else None,
            )
            for edge in entry.get("requires", [])
        )
        rows.append(Row(entry["name"], tuple(modules), edges))
    return rows


# -- the index's answers -----------------------------------------------------------------------


@dataclass(frozen=True)
class IndexFile:
    filename: str
    url: str
    yanked: bool
    has_metadata: bool


@dataclass(frozen=True)
class Wheel:
    file: IndexFile
    version: Version
    pure: bool
    linux_x86_64: bool


def parse_project_page(page: Mapping[str, Any]) -> list[IndexFile]:
    """The files of a simple API JSON project page (PEP 691)."""
    files = []
    for item in page.get("files", []):
        metadata = item.get("core-metadata", item.get("data-dist-info-metadata", False))
        files.append(IndexFile(item["filename"], item["url"], bool(item.get("yanked")), bool(metadata)))
    return files


def parse_wheel(file: IndexFile) -> Optional[Wheel]:
    """``file`` as a wheel, or ``None`` for an sdist or a file name that is not a valid wheel's."""
    if not file.filename.endswith(".whl"):
        return None
    try:
        _, version, _, tags = parse_wheel_filename(file.filename)
    except (InvalidWheelFilename, InvalidVersion):
        return None
    pure = any(tag.abi == "none" and tag.platform == "any" for tag in tags)
    linux = any("linux" in tag.platform and tag.platform.endswith("x86_64") for tag in tags)
    return Wheel(file, version, pure, linux)


def wheels_by_release(files: Iterable[IndexFile]) -> dict[Version, Wheel]:
    """One wheel per release: a pure one if any, else a Linux x86-64 one, else the first.

    Yanked releases stay (a pin can still install them); a wheel that is not yanked wins.
    """
    chosen: dict[Version, Wheel] = {}
    for file in files:
        wheel = parse_wheel(file)
        if wheel is None:
            continue
        best = chosen.get(wheel.version)
        rank = (not file.yanked, wheel.pure, wheel.linux_x86_64)
        if best is None or rank > (not best.file.yanked, best.pure, best.linux_x86_64):
            chosen[wheel.version] = wheel
    return chosen


def newest(wheels: Mapping[Version, Wheel]) -> Optional[Version]:
    """The newest final release that is not yanked, else the newest such pre-release."""
    versions = sorted(version for version, wheel in wheels.items() if not wheel.file.yanked)
    finals = [version for version in versions if not version.is_prerelease]
    candidates = finals or versions
    return candidates[-1] if candidates else None


def normalize_marker(marker: str) -> str:
    return str(Marker(marker))


@dataclass(frozen=True)
class Dependency:
    """One ``Requires-Dist``: the name, the extra it belongs to, and its own marker."""

    name: str
    extra: Optional[str]
    marker: Optional[str]
    specifier: str
    line: str

    @property
    def key(self) -> tuple[str, Optional[str], Optional[str]]:
        return self.name, self.extra, self.marker


_EXTRA = re.compile(r'''extra\s*==\s*["']([^"']+)["']''')
# `packaging` writes a marker back as `A and extra == "x"` or `(A or B) and extra == "x"`.
_EXTRA_CLAUSE = re.compile(r'''\s+and\s+extra\s*==\s*"[^"]*"$|^extra\s*==\s*"[^"]*"(\s+and\s+)?''')


def parse_requires_dist(metadata: str) -> list[Dependency]:
    """The ``Requires-Dist`` lines of a core metadata file; unreadable lines are skipped."""
    message = email.parser.HeaderParser().parsestr(metadata)
    dependencies = []
    for line in message.get_all("Requires-Dist") or []:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        extra = own = None
        if requirement.marker is not None:
            text = str(requirement.marker)
            found = _EXTRA.search(text)
            if found:
                extra = canonicalize_name(found.group(1))
                text = _EXTRA_CLAUSE.sub("", text).strip()
                if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
                    text = text[1:-1]
            own = normalize_marker(text) if text else None
        dependencies.append(
            Dependency(canonicalize_name(requirement.name), extra, own, str(requirement.specifier), line.strip())
        )
    return dependencies


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


# -- a zip's file list from its tail -----------------------------------------------------------

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_CENTRAL_ENTRY = b"PK\x01\x02"


def central_directory_location(tail: bytes, total: int) -> tuple[int, int]:
    """``(offset, size)`` of the central directory, from the last ``len(tail)`` bytes of a zip."""
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise ValueError("no end-of-central-directory record in the zip's tail")
    size, offset = struct.unpack_from("<II", tail, at + 12)
    if 0xFFFFFFFF in (size, offset):
        locator = at - 20
        if locator < 0 or tail[locator:locator + 4] != _ZIP64_LOCATOR:
            raise ValueError("a ZIP64 zip without its end-of-central-directory locator")
        (record,) = struct.unpack_from("<Q", tail, locator + 8)
        start = record - (total - len(tail))
        if start < 0 or tail[start:start + 4] != _ZIP64_EOCD:
            raise ValueError("the ZIP64 end-of-central-directory record is not in the tail")
        size, offset = struct.unpack_from("<QQ", tail, start + 40)
    return offset, size


@dataclass(frozen=True)
class ZipEntry:
    name: str
    method: int
    """0: stored, 8: deflated."""
    compressed_size: int
    offset: int
    """Where the entry's local header starts."""


def central_directory_entries(directory: bytes) -> list[ZipEntry]:
    """The entries of a zip's central directory (ZIP64 sizes and offsets included)."""
    entries = []
    at = 0
    while directory.startswith(_CENTRAL_ENTRY, at):
        flags, method = struct.unpack_from("<HH", directory, at + 8)
        compressed, uncompressed = struct.unpack_from("<II", directory, at + 20)
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", directory, at + 28)
        (offset,) = struct.unpack_from("<I", directory, at + 42)
        raw = directory[at + 46:at + 46 + name_length]
        extra = directory[at + 46 + name_length:at + 46 + name_length + extra_length]
        if 0xFFFFFFFF in (compressed, uncompressed, offset):
            uncompressed, compressed, offset = _zip64_fields(extra, uncompressed, compressed, offset)
        entries.append(ZipEntry(raw.decode("utf-8" if flags & 0x800 else "cp437"), method, compressed, offset))
        at += 46 + name_length + extra_length + comment_length
    return entries


def _zip64_fields(extra: bytes, uncompressed: int, compressed: int, offset: int) -> tuple[int, int, int]:
    at = 0
    while at + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, at)
        if tag == 1:
            values = iter(struct.unpack_from(f"<{size // 8}Q", extra, at + 4))
            if uncompressed == 0xFFFFFFFF:
                uncompressed = next(values)
            if compressed == 0xFFFFFFFF:
                compressed = next(values)
            if offset == 0xFFFFFFFF:
                offset = next(values)
            break
        at += 4 + size
    return uncompressed, compressed, offset


def local_entry_data(local: bytes, entry: ZipEntry) -> bytes:
    """An entry's uncompressed content, from bytes starting at its local header."""
    if not local.startswith(b"PK\x03\x04"):
        raise ValueError(f"no local header for {entry.name}")
    name_length, extra_length = struct.unpack_from("<HH", local, 26)
    start = 30 + name_length + extra_length
    data = local[start:start + entry.compressed_size]
    if entry.method == 0:
        return data
    if entry.method == 8:
        return zlib.decompress(data, -15)
    raise ValueError(f"{entry.name} is compressed with method {entry.method}")


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def top_level_modules(names: Iterable[str]) -> set[str]:
    """Import names a wheel's files make: top-level packages (namespace ones too) and modules.

    ``.dist-info`` and ``.data`` folders, vendored-library folders (``numpy.libs``) and
    ``.pth`` files are not import names.
    """
    modules = set()
    for name in names:
        head, slash, _ = name.partition("/")
        if slash:
            if _IDENTIFIER.match(head):
                modules.add(head)
            continue
        stem = head.split(".", 1)[0]
        if head.endswith((".py", ".so", ".pyd")) and _IDENTIFIER.match(stem):
            modules.add(stem)
    return modules


def provides(names: Iterable[str], module: str) -> bool:
    """Whether the wheel's files make the (possibly dotted) import name ``module``."""
    path = module.replace(".", "/")
    for name in names:
        if name.startswith(path + "/"):
            return True
        if name.startswith(path + ".") and name.endswith((".py", ".so", ".pyd")) and "/" not in name[len(path):]:
            return True
    return False


# -- drift -------------------------------------------------------------------------------------


def module_drift(row: Row, version: Version, names: Sequence[str]) -> list[str]:
    """How the import names ``row`` gives ``version`` differ from its wheel's ``names``."""
    expected = [module for module in row.modules if module.span.holds(version)]
    findings = [
        f"modules: the wheel of {version} has no `{module.files}`"
        for module in expected
        if not provides(names, module.files)
    ]
    covered = {module.files.split("/", 1)[0].split(".", 1)[0] for module in expected}
    findings += [
        f"modules: the wheel of {version} has `{module}`, which the row lacks"
        for module in sorted(top_level_modules(names) - covered)
    ]
    return findings


EdgeKey = tuple[str, Optional[str], Optional[str]]


def requires_drift(row: Row, version: Version, dependencies: Iterable[Dependency], known: set[str]) -> list[str]:
    """How the edges ``row`` gives ``version`` differ from its ``Requires-Dist`` lines.

    Only requirements of distributions the knowledge file defines (``known``) are compared,
    each by name, extra and marker (and specifier, where the row gives one); those behind an
    extra only for the extras the row names (the rest are tests' and docs' extras).
    """
    extras = {edge.extra for edge in row.requires}
    actual = {
        dependency.key: dependency
        for dependency in dependencies
        if dependency.name in known and dependency.extra in extras | {None}
    }
    expected = {edge.key: edge for edge in row.requires if edge.span.holds(version)}
    findings = []
    for key in sorted(expected.keys() - actual.keys(), key=_key_order):
        findings.append(f"requires {_edge_label(key)}: no such Requires-Dist in {version}")
    for key in sorted(expected.keys() & actual.keys(), key=_key_order):
        wanted, found = expected[key].specifier, actual[key].specifier
        if wanted is not None and wanted != found:
            findings.append(f"requires {_edge_label(key)}: {version} asks for {found!r}, the row says {wanted!r}")
    for key in sorted(actual.keys() - expected.keys(), key=_key_order):
        findings.append(f"requires {_edge_label(key)}: new in {version}: Requires-Dist: {actual[key].line}")
    return findings


def _key_order(key: EdgeKey) -> tuple[str, str, str]:
    name, extra, marker = key
    return name, extra or "", marker or ""


def _edge_label(key: EdgeKey) -> str:
    name, extra, marker = key
    return name + (f" [extra {extra}]" if extra else "") + (f" ; {marker}" if marker else "")


def has_edge(edge: Edge, dependencies: Iterable[Dependency]) -> bool:
    return any(dependency.key == edge.key for dependency in dependencies)


def release_before(version: Version, releases: Iterable[Version]) -> Optional[Version]:
    """The newest final release older than ``version`` (``None``: there is none)."""
    older = [release for release in releases if release < version and not release.is_prerelease]
    return max(older) if older else None


# -- talking to the index ----------------------------------------------------------------------


class Index:
    """The few requests the check makes, with their answers kept for the run."""

    def __init__(self, base: str = SIMPLE, timeout: float = 60) -> None:
        self.base = base
        self.timeout = timeout
        self._metadata: dict[str, str] = {}
        self._zips: dict[str, tuple[int, bytes, list[ZipEntry]]] = {}

    def _get(self, url: str, headers: Mapping[str, str]) -> tuple[bytes, Mapping[str, str]]:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return response.read(), {key.lower(): value for key, value in response.headers.items()}

    def files(self, name: str) -> list[IndexFile]:
        body, _ = self._get(f"{self.base}{canonicalize_name(name)}/", {"Accept": SIMPLE_JSON})
        return parse_project_page(json.loads(body))

    def _zip(self, wheel: Wheel) -> tuple[int, bytes, list[ZipEntry]]:
        """Where the fetched tail starts, the tail, and the central directory's entries."""
        url = wheel.file.url.split("#", 1)[0]
        if url not in self._zips:
            tail, headers = self._get(url, {"Range": f"bytes=-{TAIL_BYTES}"})
            content_range = headers.get("content-range", "")
            total = int(content_range.rpartition("/")[2]) if "/" in content_range else len(tail)
            offset, size = central_directory_location(tail, total)
            start = offset - (total - len(tail))
            if start >= 0:
                directory = tail[start:start + size]
            else:
                directory, _ = self._get(url, {"Range": f"bytes={offset}-{offset + size - 1}"})
            self._zips[url] = (total - len(tail), tail, central_directory_entries(directory))
        return self._zips[url]

    def names(self, wheel: Wheel) -> list[str]:
        """The wheel's file names, read from its central directory with range requests."""
        return [entry.name for entry in self._zip(wheel)[2]]

    def metadata(self, wheel: Wheel) -> str:
        """The release's core metadata: PEP 658's file if the index has one, else the wheel's."""
        url = wheel.file.url.split("#", 1)[0]
        if url in self._metadata:
            return self._metadata[url]
        body = None
        if wheel.file.has_metadata:
            try:
                body, _ = self._get(url + ".metadata", {})
            except urllib.error.HTTPError as error:
                if error.code != 404:
                    raise
        if body is None:
            body = self._wheel_metadata(wheel)
        self._metadata[url] = body.decode("utf-8", "replace")
        return self._metadata[url]

    def _wheel_metadata(self, wheel: Wheel) -> bytes:
        tail_start, tail, entries = self._zip(wheel)
        found = [entry for entry in entries if re.fullmatch(r"[^/]+\.dist-info/METADATA", entry.name)]
        if len(found) != 1:
            raise LookupError(f"{wheel.file.filename} has {len(found)} .dist-info/METADATA files")
        entry = found[0]
        # A local header is 30 bytes, then the name and an extra field of at most 64 KiB.
        end = entry.offset + 30 + len(entry.name.encode()) + 0xFFFF + entry.compressed_size
        if entry.offset >= tail_start:
            local = tail[entry.offset - tail_start:]
        else:
            local, _ = self._get(wheel.file.url.split("#", 1)[0], {"Range": f"bytes={entry.offset}-{end}"})
        return local_entry_data(local, entry)


# -- the check ---------------------------------------------------------------------------------


@dataclass
class Report:
    name: str
    version: Optional[Version] = None
    drift: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_row(row: Row, known: set[str], index: Index, deep: bool) -> Report:
    report = Report(row.name)
    try:
        wheels = wheels_by_release(index.files(row.name))
    except OSError as error:
        report.notes.append(f"cannot read the index: {error}")
        return report
    version = newest(wheels)
    if version is None:
        report.notes.append("no wheel on the index: nothing to compare")
        return report
    report.version = version
    wheel = wheels[version]
    try:
        report.drift += module_drift(row, version, index.names(wheel))
    except (OSError, ValueError) as error:
        report.notes.append(f"cannot list {wheel.file.filename}: {error}")
    try:
        report.drift += requires_drift(row, version, parse_requires_dist(index.metadata(wheel)), known)
    except (OSError, LookupError) as error:
        report.notes.append(f"cannot read the metadata of {wheel.file.filename}: {error}")
    for edge in row.requires:
        _check_boundaries(report, f"requires {_edge_label(edge.key)}", edge.span, wheels, deep=deep,
                          present=partial(_wheel_has_edge, index, edge))
    for module in row.modules:
        # A vendored folder is in the wheel before the release that made it importable.
        _check_boundaries(report, f"module {module.name}", module.span, wheels, deep=deep and module.path is None,
                          present=partial(_wheel_has_module, index, module))
    return report


def _wheel_has_edge(index: Index, edge: Edge, wheel: Wheel) -> bool:
    return has_edge(edge, parse_requires_dist(index.metadata(wheel)))


def _wheel_has_module(index: Index, module: Module, wheel: Wheel) -> bool:
    return provides(index.names(wheel), module.files)


def _check_boundaries(report: Report, what: str, span: Span, wheels: Mapping[Version, Wheel], *, deep: bool,
                      present: Callable[[Wheel], bool]) -> None:
    """Check that the releases at (and, deep, just before) ``span``'s ends agree with it."""
    probes: list[tuple[Version, bool]] = []
    for boundary, inside in ((span.since, True), (span.until, False)):
        if boundary is None:
            continue
        probes.append((boundary, inside))
        before = release_before(boundary, wheels) if deep else None
        if before is not None:
            probes.append((before, not inside))
    for version, expected in probes:
        wheel = wheels.get(version)
        if wheel is None:
            report.notes.append(f"{what}: {version} has no wheel on the index, not checked")
            continue
        try:
            actual = present(wheel)
        except (OSError, LookupError, ValueError) as error:
            report.notes.append(f"{what}: cannot check {version}: {error}")
            continue
        if actual != expected:
            report.drift.append(f"{what}: {'absent from' if expected else 'present in'} {version}, "
                                f"against the row's since/until")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("names", nargs="*", help="only these distributions (default: every row)")
    parser.add_argument("--deep", action="store_true", help="also check the release before each since/until")
    parser.add_argument("--data", type=Path, default=DATA, help="the distributions file (default: %(default)s)")
    parser.add_argument("--index", default=SIMPLE, help="simple API base URL (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=4, help="requests in flight at once (default: %(default)s)")
    arguments = parser.parse_args(argv)

    rows = parse_rows(tomllib.loads(arguments.data.read_text(encoding="utf-8")))
    known = {row.canonical for row in rows}
    wanted = {canonicalize_name(name) for name in arguments.names}
    unknown = wanted - known
    if unknown:
        parser.error(f"not in {arguments.data.name}: {', '.join(sorted(unknown))}")
    rows = [row for row in rows if not wanted or row.canonical in wanted]
    index = Index(arguments.index)
    with ThreadPoolExecutor(max(1, arguments.jobs)) as pool:
        reports = list(pool.map(lambda row: check_row(row, known, index, arguments.deep), rows))
    for line in _render(reports):
        print(line)
    drifting = sum(1 for report in reports if report.drift)
    print(f"{len(reports)} distributions checked: {drifting} with drift "
          f"({sum(len(report.drift) for report in reports)} findings), "
          f"{sum(len(report.notes) for report in reports)} notes")
    return 1 if drifting else 0


def _render(reports: Iterable[Report]) -> Iterator[str]:
    for report in reports:
        label = f"{report.name} {report.version}" if report.version else report.name
        for line in report.drift:
            yield f"DRIFT {label}: {line}"
        for line in report.notes:
            yield f"note  {label}: {line}"


if __name__ == "__main__":
    sys.exit(main())
