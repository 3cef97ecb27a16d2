"""The rule framework: a rule is a documented class with a code, cases and ``check``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Optional, Union

from ..diagnostics import Diagnostic, Fix, Severity
from ..spans import Span

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Target


class Valid(NamedTuple):
    """A document (and files beside it) on which the rule finds nothing."""

    text: str
    files: Mapping[str, str] = {}


class Invalid(NamedTuple):
    """A document on which the rule reports at ``at`` (``"line:col"``).

    ``fixed`` is the text after applying that diagnostic's fix (``None``: no applicable
    fix is offered). ``files`` are written beside the ``pyproject.toml``.
    """

    text: Union[str, bytes]
    at: str
    fixed: Optional[str] = None
    files: Mapping[str, str] = {}
    severity: Optional[Severity] = None
    message: Optional[str] = None
    """A part of the expected message."""


Case = Union[str, Valid]
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    enabled_by_default: ClassVar[bool] = True
    """Off by default when false: on only where a selection names it (ruff's opt-in rules)."""
    requires: ClassVar[tuple[tuple[str, ...], ...]] = ()
    """Tables that must exist for the rule to run (repo-review's ``requires``)."""
    VALID: ClassVar[Sequence[Case]] = ()
    INVALID: ClassVar[Sequence[Invalid]] = ()
    EXAMPLE_FILES: ClassVar[Mapping[str, str]] = {}
    """Files beside the documented example and its correction (most examples stand alone)."""

    def check(self, ctx: Context) -> Iterator[Diagnostic]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def diagnostic(
        self,
        span: Span,
        message: str,
        fix: Optional[Fix] = None,
        severity: Optional[Severity] = None,
        pythons: Iterable[Target] = (),
    ) -> Diagnostic:
        """A finding at ``span``; ``pythons``: the targets it is about, if not every one."""
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            start=span.start,
            end=span.end,
            fix=fix,
            pythons=tuple(dict.fromkeys(target.python for target in pythons)),
        )

    @classmethod
    def anchor(cls) -> str:
        """The rule's section in ``docs/rules.md`` (``ppl104-unknown-build-backend``)."""
        return f"{cls.code.lower()}-{cls.name}"

    @classmethod
    def documentation(cls) -> str:
        import inspect  # only for docs: inspect is slow to import

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring's ``## Section`` bodies, by title."""
        text = cls.documentation()
        heads = list(_SECTION.finditer(text))
        return {
            head.group(1).strip(): text[head.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)].strip()
            for i, head in enumerate(heads)
        }

    @classmethod
    def summary(cls) -> str:
        """The first sentence of *What it does*: up to the first full stop outside backticks
        that a new sentence follows (a capital, a backtick or a parenthesis)."""
        what = " ".join(cls.sections().get("What it does", "").split())
        in_code = False
        for index, char in enumerate(what):
            if char == "`":
                in_code = not in_code
            elif char == "." and not in_code and what[index + 1 : index + 2] == " ":
                following = what[index + 2]  # the text is stripped: a space is followed
                if following.isupper() or following in "`(":
                    return what[: index + 1]
        return what.rstrip(".") + "."

    @classmethod
    def is_fixable(cls) -> bool:
        return any(case.fixed is not None for case in cls.INVALID)
