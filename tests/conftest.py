"""Shared test helpers: the corpus beside the repository, and linting one case."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Optional, Union

from pyproject_lint.config import SelectionLayer, Settings
from pyproject_lint.engine import LintResult, lint

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files(*parts: str) -> list[Path]:
    """Every ``*.toml`` below ``../shared/corpus/<parts>``; empty when the corpus is absent."""
    folder = CORPUS.joinpath(*parts)
    return sorted(folder.rglob("*.toml")) if folder.is_dir() else []


def lint_case(
    text: Union[str, bytes],
    folder: Path,
    files: Optional[Mapping[str, str]] = None,
    select: Optional[tuple[str, ...]] = None,
) -> LintResult:
    """Lint ``text`` as ``folder/pyproject.toml``, with ``files`` written beside it."""
    for name, content in (files or {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    settings = Settings(selection=SelectionLayer(select=select))
    return lint(text, folder / "pyproject.toml", settings)
