"""pyproject-lint: a static linter for ``pyproject.toml``."""

__version__ = "0.1.0"
