"""What the release snapshot costs the run that needs it: reading the index of names, one
distribution's releases, and the first question asked of them.

Run it with the interpreter that has pyproject-lint installed (``python benchmarks/releases.py``).
In-process figures are the best of many cold repetitions (the module's caches emptied each
time, the file system's left warm); the whole-process figures come from
``benchmarks/run.py``'s interleaved timing. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import row, timed_together

from pyproject_lint import releases


def cold() -> None:
    """Forget everything the module read or worked out."""
    releases._LOADED.clear()
    releases.listed.cache_clear()
    releases._sdist_failures.cache_clear()
    releases._MINORS.clear()
    releases._MINORS[releases.NONE] = frozenset()
    releases._ADMITS.clear()
    releases._SIMPLE.clear()


def best(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` cold runs of ``action``, in milliseconds."""
    times = []
    for _ in range(repeat):
        cold()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def first_question(name: str, specifier: str) -> Callable[[], object]:
    def ask() -> object:
        table = releases.releases(name)
        assert table is not None
        admitted = table.admitted(specifier)
        return [release.wheel_pythons("linux") for release in admitted] + [
            release.supports_python("3.12") for release in admitted
        ]

    return ask


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; snapshot of {releases.snapshot_date()}, {len(releases.listed())} distributions")
    size = sum(path.stat().st_size for path in releases.DATA.iterdir())
    print(f"data: {size / 1000:.0f} kB in {len(list(releases.DATA.iterdir()))} files\n")

    print(f"in process, best of {args.repeat} cold runs:")
    print(f"  is_listed('numpy'), first call (reads INDEX)        {best(lambda: releases.is_listed('numpy'), args.repeat):7.3f} ms")
    for name in ("numpy", "setuptools"):
        count = len(releases.releases(name).releases)  # type: ignore[union-attr]
        load = best(lambda name=name: releases.releases(name), args.repeat)  # type: ignore[misc]
        print(f"  releases({name!r}) ({count} releases), with INDEX    {load:7.3f} ms")
    ask = best(first_question("numpy", "<1.20"), args.repeat)
    print(f"  numpy: load, admitted('<1.20'), wheels and Requires-Python of each  {ask:7.3f} ms")
    every = best(lambda: [releases.releases(name) for name in releases.listed()], max(5, args.repeat // 20))
    print(f"  every distribution                                  {every:7.3f} ms")
    failure = best(lambda: releases.sdist_fails("numpy", "1.19.5", "3.12"), args.repeat)
    print(f"  sdist_fails('numpy', '1.19.5', '3.12'), first call   {failure:7.3f} ms")

    # Installed packages have their bytecode cached; a PYTHONDONTWRITEBYTECODE left in the
    # environment would time compiling the module instead of loading it.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"\nwhole processes, interleaved, {args.runs} runs each (bytecode cached):")
    base = "import pyproject_lint.cli"  # what a run has imported before any rule asks
    commands = {
        "base": [sys.executable, "-c", base],
        "numpy": [sys.executable, "-c", f"{base}; from pyproject_lint import releases; releases.releases('numpy').admitted('<1.20')"],
    }
    times = timed_together(commands, args.runs)
    floor = row("python -c 'import pyproject_lint.cli'", times["base"])
    loaded = row("... and numpy's releases, admitted('<1.20')", times["numpy"])
    print(f"  difference: {(loaded - floor) * 1000:.2f} ms (medians)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
