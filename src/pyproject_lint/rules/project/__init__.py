"""Rules for ``[project]`` metadata and the schema of the whole file: codes PPL2xx."""

from __future__ import annotations

from ..base import Rule
from .classifiers import DeprecatedClassifier, UnknownClassifier
from .metadata import (
    DynamicConflict,
    InvalidDependency,
    InvalidLicenseExpression,
    InvalidVersion,
    LicenseClassifierWithExpression,
)
from .schema import SchemaViolation

ALL_PROJECT_RULES: tuple[type[Rule], ...] = (
    SchemaViolation,
    UnknownClassifier,
    DeprecatedClassifier,
    InvalidDependency,
    LicenseClassifierWithExpression,
    InvalidLicenseExpression,
    DynamicConflict,
    InvalidVersion,
)
