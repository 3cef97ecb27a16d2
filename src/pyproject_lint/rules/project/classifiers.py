"""PPL201 to PPL203: trove classifiers that PyPI does not know, has replaced, or that contradict ``requires-python``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ... import edits
from ...diagnostics import Diagnostic, Fix, Severity
from ...pep508 import admits_series
from ..base import Invalid, Rule, safe, unsafe

if TYPE_CHECKING:
    from ...context import Context

CLASSIFIERS = ("project", "classifiers")
REQUIRES_PYTHON = ("project", "requires-python")


def _entries(ctx: Context) -> Iterator[tuple[int, str]]:
    value = ctx.get(CLASSIFIERS)
    if isinstance(value, list):
        yield from ((index, entry) for index, entry in enumerate(value) if isinstance(entry, str))


class UnknownClassifier(Rule):
    """
    ## What it does
    Checks that every entry of `[project].classifiers` is a trove classifier that PyPI
    knows (the list in the `trove-classifiers` package). `Private :: ` classifiers are
    left alone.

    ## Why is this bad?
    PyPI refuses to upload the package (`400 Invalid value for classifiers`), and
    hatchling refuses to build it (an error with hatchling, a warning otherwise). Most
    unknown classifiers are misspellings.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    classifiers = ["Programing Language :: Python :: 3.12"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    classifiers = ["Programming Language :: Python :: 3.12"]
    ```

    ## Fix safety
    When one known classifier is close, the fix replaces the entry with it. It is unsafe:
    the closest spelling may not be the classifier meant.

    ## References
    - [PyPI classifiers](https://pypi.org/classifiers/)
    - [trove-classifiers](https://github.com/pypa/trove-classifiers)
    """

    code = "PPL201"
    name = "unknown-classifier"
    severity = Severity.WARNING
    needs_tables = (("project",),)
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        classifiers = ["Programming Language :: Python :: 3.12", "Private :: Do Not Upload"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = 'x'
            version = '1'
            classifiers = [
                'Programing Language :: Python :: 3.12',
            ]
            """,
            at="5:5-5:44",
            message="Unknown classifier `Programing Language :: Python :: 3.12`",
            severity=Severity.WARNING,
            fix=unsafe("Replace with `Programming Language :: Python :: 3.12`"),
            fixed="""
            [project]
            name = 'x'
            version = '1'
            classifiers = [
                'Programming Language :: Python :: 3.12',
            ]
            """,
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            classifiers = ["Made Up :: Nothing Like It"]
            """,
            at="4:16-4:44",
            message="Unknown classifier `Made Up :: Nothing Like It`: PyPI refuses the upload",
            severity=Severity.WARNING,
        ),
        Invalid(  # hatchling refuses to build it: an error
            """
            [build-system]
            requires = ["hatchling>=1.27"]
            build-backend = "hatchling.build"

            [project]
            name = "x"
            version = "1"
            classifiers = ["Made Up :: Nothing Like It"]
            """,
            at="8:16-8:44",
            message="Unknown classifier `Made Up :: Nothing Like It`: hatchling refuses to build and PyPI to upload",
            severity=Severity.ERROR,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        import trove_classifiers

        backend = ctx.model.effective_backend
        refuses = backend is not None and backend.refuses_unknown_classifiers
        refusal = "PyPI refuses the upload"
        if backend is not None and refuses:
            refusal = f"{backend.distribution} refuses to build and PyPI to upload"
        for index, entry in _entries(ctx):
            if entry in trove_classifiers.classifiers or entry in trove_classifiers.deprecated_classifiers:
                continue
            if entry.startswith("Private ::"):
                continue
            import difflib  # only unknown classifiers get here

            close = difflib.get_close_matches(entry, sorted(trove_classifiers.classifiers), n=1, cutoff=0.9)
            edit = edits.replace_string(ctx, (*CLASSIFIERS, index), close[0]) if close else None
            hint = f"; did you mean `{close[0]}`?" if close else ""
            yield self.diagnostic(
                ctx.locate((*CLASSIFIERS, index)),
                f"Unknown classifier `{entry}`: {refusal}{hint}",
                Fix.unsafe(f"Replace with `{close[0]}`", edit) if edit else None,
                Severity.ERROR if refuses else None,
            )


class DeprecatedClassifier(Rule):
    """
    ## What it does
    Checks for deprecated trove classifiers in `[project].classifiers`.

    ## Why is this bad?
    PyPI refuses to upload a package with a deprecated classifier, and tells which
    classifier replaces it, if any.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    classifiers = ["Natural Language :: Ukranian"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    classifiers = ["Natural Language :: Ukrainian"]
    ```

    ## Fix safety
    Where `trove-classifiers` names exactly one replacement, the fix puts it in place: safe,
    it is the same classifier renamed. Where there is none, the fix removes the entry (and
    the `classifiers` key with the last one): unsafe, as the information it gave is lost.

    ## References
    - [trove-classifiers: deprecated classifiers](https://github.com/pypa/trove-classifiers/blob/main/src/trove_classifiers/__init__.py)
    """

    code = "PPL202"
    name = "deprecated-classifier"
    severity = Severity.WARNING
    needs_tables = (("project",),)
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        classifiers = ["Natural Language :: Ukrainian"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            classifiers = ["Natural Language :: Ukranian"]
            """,
            at="4:16-4:46",
            message="Classifier `Natural Language :: Ukranian` is deprecated",
            fix=safe("Replace with `Natural Language :: Ukrainian`"),
            fixed="""
            [project]
            name = "x"
            version = "1"
            classifiers = ["Natural Language :: Ukrainian"]
            """,
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            classifiers = [
                "Topic :: Software Development",
                "License :: OSI Approved :: Intel Open Source License",
            ]
            """,
            at="6:5-6:59",
            message="Classifier `License :: OSI Approved :: Intel Open Source License` is deprecated",
            fix=unsafe("Remove it"),
            fixed="""
            [project]
            name = "x"
            version = "1"
            classifiers = [
                "Topic :: Software Development",
            ]
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        import trove_classifiers

        for index, entry in _entries(ctx):
            replacements = trove_classifiers.deprecated_classifiers.get(entry)
            if replacements is None:
                continue
            if len(replacements) == 1:
                edit = edits.replace_string(ctx, (*CLASSIFIERS, index), replacements[0])
                fix = Fix.safe(f"Replace with `{replacements[0]}`", edit) if edit else None
                instead = f"; use `{replacements[0]}`"
            elif not replacements:
                fix = Fix.unsafe("Remove it", *edits.remove_from_array(ctx, CLASSIFIERS, index, drop_empty=True))
                instead = " and has no replacement"
            else:
                fix = None
                instead = "; use one of " + ", ".join(f"`{r}`" for r in replacements)
            yield self.diagnostic(
                ctx.locate((*CLASSIFIERS, index)),
                f"Classifier `{entry}` is deprecated: PyPI refuses the upload{instead}",
                fix,
            )


class ClassifierPythonMismatch(Rule):
    """
    ## What it does
    Checks that each Python version a classifier names is one that `requires-python`
    admits. A list of classifiers that is merely incomplete (`requires-python = ">=3.9"`
    beside classifiers for 3.11 and 3.12 only) is not reported: classifiers are a claim of
    what was tested, not a range.

    ## Why is this bad?
    `requires-python` is what installers obey; classifiers are what people and PyPI's
    search read. A classifier for a Python that `requires-python` excludes is wrong in
    one of the two places: users of that Python get an older release or none.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.10"
    classifiers = [
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.10",
    ]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.10"
    classifiers = ["Programming Language :: Python :: 3.10"]
    ```

    ## Fix safety
    No fix: whether the classifier or `requires-python` is wrong is the author's call.

    ## References
    - [Python Packaging User Guide: `requires-python`](https://packaging.python.org/en/latest/specifications/pyproject-toml/#requires-python)
    - [PyPI classifiers](https://pypi.org/classifiers/)
    """

    code = "PPL203"
    name = "classifier-python-mismatch"
    severity = Severity.WARNING
    needs_tables = (("project",),)
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        requires-python = ">=3.9"
        classifiers = ["Programming Language :: Python :: 3", "Programming Language :: Python :: 3.9", "Programming Language :: Python :: 3 :: Only"]
        """,
        # A later floor inside the series still admits the series.
        """
        [project]
        name = "x"
        version = "1"
        requires-python = ">=3.8.1,!=3.9.*"
        classifiers = ["Programming Language :: Python :: 3.8"]
        """,
        # No requires-python: nothing to disagree with.
        """
        [project]
        name = "x"
        version = "1"
        classifiers = ["Programming Language :: Python :: 2.7"]
        """,
        # Incomplete, not contradictory.
        """
        [project]
        name = "x"
        version = "1"
        requires-python = ">=3.8"
        classifiers = ["Programming Language :: Python :: 3.10", "Programming Language :: Python :: 3.11"]
        """,
        """
        [project]
        name = "x"
        version = "1"
        requires-python = ">=2.7"
        classifiers = ["Programming Language :: Python :: 3 :: Only"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            requires-python = ">=3.10"
            classifiers = [
                "Programming Language :: Python :: 3.9",
                "Programming Language :: Python :: 3.10",
            ]
            """,
            at="6:5-6:44",
            message='`requires-python = ">=3.10"` excludes Python 3.9',
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            requires-python = ">=3.8,!=3.9.*"
            classifiers = ["Programming Language :: Python :: 3.9"]
            """,
            at="5:16-5:55",
            message='`requires-python = ">=3.8,!=3.9.*"` excludes Python 3.9, which this classifier names',
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            requires-python = ">=3"
            classifiers = ["Programming Language :: Python :: 2"]
            """,
            at="5:16-5:53",
            message='`requires-python = ">=3"` excludes Python 2, which this classifier names',
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        specifier = ctx.get(REQUIRES_PYTHON)
        if not isinstance(specifier, str):
            return
        for position, major, minor, _ in ctx.model.python_classifiers:
            admitted = admits_series(specifier, major, minor)
            if admitted is None:
                return  # not a valid specifier: PPL200 reports it
            if not admitted:
                series = f"{major}.{minor}" if minor is not None else str(major)
                yield self.diagnostic(
                    ctx.locate((*CLASSIFIERS, position)),
                    f"`requires-python = \"{specifier}\"` excludes Python {series}, which this classifier names",
                )
