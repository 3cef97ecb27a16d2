"""The stdlib TOML reader, or its backport on Python < 3.11."""

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 by tox
    import tomli as tomllib

__all__ = ["tomllib"]
