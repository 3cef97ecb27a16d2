"""The rule framework: a rule is a documented class with a code, cases and ``check``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Optional, Union

from ..diagnostics import Applicability, Diagnostic, Fix, Severity
from ..spans import Span

if TYPE_CHECKING:
    from typing import NamedTuple as Record

    from ..context import Context
    from ..model import Target
else:
    from ..records import Record


def document(text: str) -> str:
    """The text a case stands for: a text that starts with a newline is an indented block.

    Cases are written as triple-quoted blocks indented with the code around them (Fixit's
    convention): the first newline is dropped and the common indentation removed. Other
    texts are taken as they are. Done when a case is read, never when a rule is imported.
    """
    if not text.startswith("\n"):
        return text
    import textwrap  # only for tests and docs: rules are imported on every run

    return textwrap.dedent(text[1:])


class ExpectedFix(Record):
    """The fix a case expects: how ``--fix`` may apply it, and its title."""

    applicability: Applicability
    title: str


def safe(title: str) -> ExpectedFix:
    """A fix ``--fix`` applies."""
    return ExpectedFix(Applicability.SAFE, title)


def unsafe(title: str) -> ExpectedFix:
    """A fix ``--fix`` applies only with ``--unsafe-fixes``."""
    return ExpectedFix(Applicability.UNSAFE, title)


def display_only(title: str) -> ExpectedFix:
    """A fix that is shown and never applied (it has no edits)."""
    return ExpectedFix(Applicability.DISPLAY_ONLY, title)


class Valid:
    """A document (and files beside it) on which the rule finds nothing.

    ``VALID`` lists may hold a bare text instead. Texts and files are read with
    :func:`document`.
    """

    __slots__ = ("_files", "_text")

    def __init__(self, text: str, files: Optional[Mapping[str, str]] = None) -> None:
        self._text = text
        self._files = files

    @property
    def text(self) -> str:
        return document(self._text)

    @property
    def files(self) -> dict[str, str]:
        return {name: document(content) for name, content in (self._files or {}).items()}


class Finding:
    """One finding a case expects.

    ``at`` is its start and end (``"3:17-3:34"``, 1-based lines and columns, the end
    exclusive, as the CLI reports); ``message`` a part of its message; ``severity`` its
    severity, ``None`` for the rule's; ``fix`` its fix, ``None`` for none; ``fixed`` the
    document after applying that fix alone (given exactly when the fix has edits).
    """

    __slots__ = ("_fixed", "at", "fix", "message", "severity")

    def __init__(
        self,
        at: str,
        message: str,
        *,
        severity: Optional[Severity] = None,
        fix: Optional[ExpectedFix] = None,
        fixed: Optional[str] = None,
    ) -> None:
        self.at = at
        self.message = message
        self.severity = severity
        self.fix = fix
        self._fixed = fixed

    @property
    def fixed(self) -> Optional[str]:
        return None if self._fixed is None else document(self._fixed)


class Invalid:
    """A document on which the rule reports exactly the findings the case lists.

    The case's own arguments describe its first finding (see :class:`Finding`); ``also``
    lists the others, in document order. ``files`` are written beside the
    ``pyproject.toml``. Texts, fixed texts and files are read with :func:`document`; a
    ``bytes`` text is linted as it is.
    """

    __slots__ = ("_files", "_fixed", "_text", "also", "at", "fix", "message", "severity")

    def __init__(
        self,
        text: Union[str, bytes],
        *,
        at: str,
        message: str,
        severity: Optional[Severity] = None,
        fix: Optional[ExpectedFix] = None,
        fixed: Optional[str] = None,
        files: Optional[Mapping[str, str]] = None,
        also: Sequence[Finding] = (),
    ) -> None:
        # The first finding's fields are kept as they are, not as a Finding: every rule
        # module builds its cases when it is imported, on every run.
        self._text = text
        self.at = at
        self.message = message
        self.severity = severity
        self.fix = fix
        self._fixed = fixed
        self._files = files
        self.also = also

    @property
    def text(self) -> Union[str, bytes]:
        return self._text if isinstance(self._text, bytes) else document(self._text)

    @property
    def files(self) -> dict[str, str]:
        return {name: document(content) for name, content in (self._files or {}).items()}

    @property
    def findings(self) -> tuple[Finding, ...]:
        first = Finding(self.at, self.message, severity=self.severity, fix=self.fix, fixed=self._fixed)
        return (first, *self.also)


Case = Union[str, Valid]
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    enabled_by_default: ClassVar[bool] = True
    """Off by default when false: on only where a selection names it (ruff's opt-in rules)."""
    needs_tables: ClassVar[tuple[tuple[str, ...], ...]] = ()
    """Tables that must exist for the rule to run (repo-review calls it ``requires``)."""
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
    def valid_cases(cls) -> list[Valid]:
        return [case if isinstance(case, Valid) else Valid(case) for case in cls.VALID]

    @classmethod
    def is_fixable(cls) -> bool:
        """Whether some case shows a fix that ``--fix`` can apply (ruff's "sometimes")."""
        return any(
            finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY
            for case in cls.INVALID
            for finding in case.findings
        )
