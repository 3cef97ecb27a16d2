"""Write a fixed file so that it is never left half-written, and never over a newer version.

The new content goes to a temporary file in the same folder, which then replaces the
target in one step (``os.replace``). The target's permission bits are kept; a symlink is
followed and its target replaced, so the link stays a link. Nothing is written when the
content would not parse, or when the file on disk is no longer what was read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .document import BOM, Document


class WriteError(Exception):
    """The file was not written (it is unchanged): reported as one line, exit code 2."""


def write_fixed(path: Path, expected: bytes, fixed: Document) -> None:
    """Replace the file at ``path``, which must still hold ``expected``, with ``fixed``: the
    fixed text as linted, whose parse (``fixed.data``) shows that it is valid TOML."""
    if fixed.data is None:
        reason = fixed.syntax_error.message if fixed.syntax_error else "not TOML"
        raise WriteError(f"{path}: the fixed file would not parse ({reason}); not written (please report this)")
    content = ((BOM if fixed.bom else "") + fixed.text).encode("utf-8")
    target = Path(os.path.realpath(path))
    try:
        current = target.read_bytes()
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as error:
        raise WriteError(f"{path}: {error.strerror or error}") from None
    if current != expected:
        raise WriteError(f"{path}: changed on disk while being fixed; not written")
    if not os.access(target, os.W_OK):
        raise WriteError(f"{path}: Permission denied")
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        # Root may write anything, but a file nobody may write is read-only on purpose
        # (a version control checkout, a generated file); replacing it would undo that.
        raise WriteError(f"{path}: read-only file; not written")
    import tempfile  # only when writing: it imports random, shutil, bz2 and lzma

    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise WriteError(f"{path}: {error.strerror or error}; not written") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
