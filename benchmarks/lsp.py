"""The language server's latency: ``didChange`` sent to ``publishDiagnostics`` received.

Starts ``pyproject-lint server`` (the one installed beside this interpreter), opens a
300-line ``pyproject.toml`` and edits it many times, waiting for each edit's diagnostics
before the next, with a pause longer than the server's coalescing interval between them,
as typing would. Three kinds of edit, in turn:

- clean: a version number changes; nothing to report, so nothing to locate;
- a finding, typed inside a value: the version changes and the backend is misspelled, so
  the server locates the finding (moving the spans of its previous lint);
- a finding, typed outside any value: a comment line comes or goes as well, so the spans
  are computed anew (a tomlkit parse of the whole file).

Prints median, min and max per kind, as the editor's client sees them (JSON included).
Asserts nothing. Needs ``pyproject-lint[lsp]``.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
BACKEND = 'build-backend = "setuptools.build_meta"'
TYPO = 'build-backend = "setuptools.build_meto"'
KINDS = ("clean", "finding, in a value", "finding, elsewhere")


def three_hundred_lines() -> str:
    """A realistic, clean ``pyproject.toml`` of 300 lines (build-system, project, tools)."""
    lines = [
        "[build-system]",
        'requires = ["setuptools>=77.0.3", "setuptools-scm>=8"]',
        BACKEND,
        "",
        "[project]",
        'name = "benchmark-project"',
        'version = "1.0.0"',
        'description = "A project whose pyproject.toml is 300 lines long"',
        'readme = "README.md"',
        'requires-python = ">=3.9"',
        'license = "MIT"',
        'authors = [{ name = "Someone", email = "someone@example.org" }]',
        "classifiers = [",
        '    "Development Status :: 5 - Production/Stable",',
        '    "Programming Language :: Python :: 3",',
        *(f'    "Programming Language :: Python :: 3.{minor}",' for minor in range(9, 14)),
        "]",
        "dependencies = [",
        *(f'    "package-{i}>={i % 7}.{i % 5}; python_version >= \'3.{9 + i % 4}\'",' for i in range(60)),
        "]",
        "",
        "[project.optional-dependencies]",
        *(f'extra-{i} = ["extra-package-{i}>=1.{i}", "other-{i}~=2.{i}"]' for i in range(40)),
        "",
        "[project.scripts]",
        *(f'tool-{i} = "benchmark_project.cli:main_{i}"' for i in range(20)),
        "",
        "[tool.ruff]",
        "line-length = 100",
        "",
        "[tool.ruff.lint]",
        "select = [",
        *(f'    "R{i:03}",' for i in range(40)),
        "]",
        "",
        "[tool.pytest.ini_options]",
        'addopts = "-ra"',
        "markers = [",
        *(f'    "marker{i}: what marker {i} means",' for i in range(30)),
        "]",
    ]
    while len(lines) < 300:
        lines.append(f"# padding comment {len(lines)}")
    return "\n".join(lines[:300]) + "\n"


async def measure(server: list[str], text: str, edits: int, pause: float) -> dict[str, list[float]]:
    client = LanguageClient("pyproject-lint-benchmark", "1")
    arrived: asyncio.Queue[tuple[float, types.PublishDiagnosticsParams]] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), params))

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "README.md").write_text("# benchmark\n", encoding="utf-8")
        uri = from_fs_path(str(Path(folder) / "pyproject.toml"))
        await client.start_io(*server)
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
        client.initialized(types.InitializedParams())
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=1, text=text)
            )
        )
        await arrived.get()
        times: dict[str, list[float]] = {kind: [] for kind in KINDS}
        commented = False
        for version in range(2, edits + 2):
            kind = KINDS[version % len(KINDS)]
            with_finding = kind != "clean"
            edited = text.replace('version = "1.0.0"', f'version = "1.0.{version}"')
            if with_finding:
                edited = edited.replace(BACKEND, TYPO)
            if kind == KINDS[2]:
                commented = not commented  # the line comes or goes: outside every value
            if commented:
                edited = edited.replace("[project]\n", "[project]\n# a comment line\n")
            await asyncio.sleep(pause)
            sent = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
                )
            )
            received, params = await arrived.get()
            assert params.version == version and bool(params.diagnostics) == with_finding, params
            times[kind].append(received - sent)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()  # type: ignore[no-untyped-call]
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--pause", type=float, default=0.08, help="seconds between edits (default 0.08)")
    parser.add_argument("--file", type=Path, help="edit this file instead of the generated 300-line one")
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8") if args.file else three_hundred_lines()
    if BACKEND not in text:
        parser.error(f"the file must contain `{BACKEND}` and `version = \"1.0.0\"` for the edits")
    installed = shutil.which("pyproject-lint", path=str(Path(sys.executable).parent))
    server = [installed, "server"] if installed else [sys.executable, "-m", "pyproject_lint", "server"]
    print(f"Python {sys.version.split()[0]}; server: {' '.join(server)}")
    print(f"{text.count(chr(10))} lines, {args.edits} edits, {args.pause * 1000:.0f} ms apart\n")
    times = asyncio.run(measure(server, text, args.edits, args.pause))
    everything = [t for kind in times.values() for t in kind]
    for label, values in (*times.items(), ("all edits", everything)):
        median = statistics.median(values)
        print(
            f"didChange -> publishDiagnostics, {label:<20} median {median * 1000:6.2f} ms   "
            f"min {min(values) * 1000:6.2f}   max {max(values) * 1000:6.2f}   ({len(values)} edits)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
