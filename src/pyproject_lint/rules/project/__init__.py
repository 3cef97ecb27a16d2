"""Rules for ``[project]`` metadata and the schema of the whole file: codes PPL2xx."""

from __future__ import annotations

from ..base import Rule
from .classifiers import ClassifierPythonMismatch, DeprecatedClassifier, UnknownClassifier
from .dependency_groups import DependencyGroupProblem
from .files import MissingFile
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
    ClassifierPythonMismatch,
    InvalidDependency,
    LicenseClassifierWithExpression,
    InvalidLicenseExpression,
    DynamicConflict,
    MissingFile,
    InvalidVersion,
    DependencyGroupProblem,
)
