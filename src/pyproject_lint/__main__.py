import os
import sys

# `python -m pyproject_lint` puts the current folder first on sys.path, where a project's own
# `packaging/` or `tomlkit/` would be imported (and run) in place of the linter's
# dependencies. As pip does in its own __main__, take that entry out before importing them.
try:
    here = os.getcwd()
except OSError:  # the current folder was deleted
    here = ""
if sys.path and sys.path[0] in ("", here):
    del sys.path[0]

from ._entry import main

main()
