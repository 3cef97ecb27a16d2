"""Rules for the ``[build-system]`` table (PEP 517/518): codes PPL1xx."""

from __future__ import annotations

from ..base import Rule
from .backend import BackendNotInRequires, DeprecatedBuildBackend, UnknownBuildBackend
from .config_mismatch import BackendConfigMismatch
from .keys import InvalidBackendPath, InvalidBuildSystemKey
from .missing import MissingBuildBackend, MissingBuildRequires, MissingBuildSystem
from .requirements import (
    BackendTooOld,
    DistutilsEraSetuptools,
    InvalidBuildRequirement,
    UnboundedBuildRequirement,
    UnnecessaryWheelRequirement,
)
from .setup_files import (
    DistutilsInSetupPy,
    InvalidSetupPy,
    SetupPyWithoutBuildSystem,
    SetupRequiresDeclared,
    UndeclaredBuildImport,
)

ALL_BUILD_SYSTEM_RULES: tuple[type[Rule], ...] = (
    MissingBuildSystem,
    MissingBuildRequires,
    MissingBuildBackend,
    BackendNotInRequires,
    UnknownBuildBackend,
    DeprecatedBuildBackend,
    UnboundedBuildRequirement,
    DistutilsEraSetuptools,
    InvalidBuildRequirement,
    InvalidBuildSystemKey,
    InvalidBackendPath,
    UnnecessaryWheelRequirement,
    BackendTooOld,
    BackendConfigMismatch,
    UndeclaredBuildImport,
    SetupRequiresDeclared,
    DistutilsInSetupPy,
    SetupPyWithoutBuildSystem,
    InvalidSetupPy,
)
