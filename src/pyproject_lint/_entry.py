"""The ``pyproject-lint`` executable: the CLI, started and ended the way a short process should be.

A run lasts about 50 ms, and two costs of CPython's defaults were a sixth of that:

- the cyclic garbage collector runs every 700 allocations, and importing the linter allocates
  tens of thousands of objects that all live to the end, so it walks them again and again
  for nothing (mypy raises the threshold in ``mypy.build`` for the same reason);
- at exit the interpreter tears down every module and frees every object one by one, though
  the operating system is about to take the memory back in one go.

So this module imports nothing of its own before tuning the collector, and ends the process
with ``os._exit`` once the output is flushed. ``pyproject_lint.cli.main`` stays an ordinary
function for callers in the same process (tests, ``flake8``, editors).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

#: Collect young objects every 50,000 allocations instead of 700 (a long-lived process,
#: ``pyproject-lint server``, still collects: this only makes collections rarer).
GC_THRESHOLD = (50_000, 20, 20)


def main() -> NoReturn:
    if sys.implementation.name == "cpython":
        gc.set_threshold(*GC_THRESHOLD)
    from .cli import EXIT_ERROR
    from .cli import main as run

    code = run()
    # What interpreter shutdown would still do for us: flush what was written. Files the
    # linter writes are closed (and synced), and `--jobs` workers waited for, before `run`
    # returns.
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:  # closed: by the language server, say
                stream.flush()
        except OSError:  # the reader went away (`| head`)
            code = code or EXIT_ERROR
    if sys.flags.dev_mode:  # `python -X dev`: keep shutdown, with its ResourceWarnings
        sys.exit(code)
    os._exit(code)
