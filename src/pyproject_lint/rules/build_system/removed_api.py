"""setup.py using something a build requirement's current release no longer has."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic, Fix, Severity
from ...fixes import build_requirements_at, rewrite_requirement
from ...model import BUILD_SYSTEM, REQUIRES
from ...pep508 import add_upper_bound
from ..base import Invalid, Rule, unsafe

if TYPE_CHECKING:
    from ...context import Context


class RemovedBuildApi(Rule):
    """
    ## What it does
    Checks for a `setup.py` that uses an attribute (a method it calls) which the release of
    a build requirement the build installs no longer has: `self.cython_sources(...)` in a
    `build_ext` command, with a `Cython` requirement that admits Cython 3. The knowledge
    lists each such removal with its source.

    ## Why is this bad?
    Isolated builds install the newest release the requirement admits, and the build fails
    inside `setup.py`: PyYAML 5.4.1 and 6.0 fail on every Python with `AttributeError:
    'build_ext' object has no attribute 'cython_sources'` since Cython 3.0.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=66.1", "Cython"]
    build-backend = "setuptools.build_meta"
    ```

    with a `setup.py` whose `build_ext` calls `self.cython_sources(...)`. Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=66.1", "Cython<3.0.0"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Unsafe: the fix caps the requirement below the release that removed the attribute,
    which keeps old releases in the build; moving `setup.py` off the removed API is the
    lasting fix.

    ## References
    - [PyYAML: Cython 3 breaks the build](https://github.com/yaml/pyyaml/issues/601)
    - `docs/knowledge.md` in this repository: the removals, with their sources
    """

    code = "PPL125"
    name = "removed-build-api"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    EXAMPLE_FILES = {
        "setup.py": "from setuptools import setup\nfrom Cython.Distutils import build_ext\n\n"
        "class BuildExt(build_ext):\n    def run(self):\n        self.cython_sources([], None)\n\n"
        "setup(cmdclass={'build_ext': BuildExt})\n"
    }
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=66.1", "Cython<3"]
        build-backend = "setuptools.build_meta"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=66.1", "Cython"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from setuptools import setup
                from Cython.Distutils import build_ext

                class BuildExt(build_ext):
                    def run(self):
                        self.cython_sources([], None)

                setup(cmdclass={'build_ext': BuildExt})
                """,
            },
            at="2:33-2:41",
            message="which Cython 3.0.0 and later no longer have",
            fix=unsafe("Require `Cython<3.0.0`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=66.1", "Cython<3.0.0"]
            build-backend = "setuptools.build_meta"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        for removed in model.removed_attributes:
            attribute, presence = removed.attribute, removed.presence
            everywhere = len(removed.targets) == len(model.target_list)
            where = "" if everywhere else f", on {model.describe(removed.targets)}"
            message = (
                f"`setup.py` uses `{attribute.name}`, which {presence.display} {attribute.until} and later no longer "
                f"have, and the build installs them{where}: it fails with `{attribute.error}`"
            )
            fix = None
            if presence.direct and presence.root is not None:
                raw = dict(model.requirements)[presence.root].raw
                new = add_upper_bound(raw, attribute.until)
                edit = rewrite_requirement(ctx, (*REQUIRES, presence.root), new) if new else None
                fix = Fix.unsafe(f"Require `{presence.display}<{attribute.until}`", edit) if edit else None
            at = ctx.locate((*REQUIRES, presence.root)) if presence.root is not None else build_requirements_at(ctx)
            yield self.diagnostic(at, message, fix, pythons=() if everywhere else removed.targets)
