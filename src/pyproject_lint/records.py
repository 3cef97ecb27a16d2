"""``Record``: ``typing.NamedTuple`` at a fraction of its cost to define.

Defining a ``NamedTuple`` class runs ``collections.namedtuple``, which generates and compiles
a ``__new__`` for it: about a million instructions per class, and the package defines some
fifty, most of them on the start-up path of every run (measured with
``valgrind --tool=callgrind``: a fifth of a clean file's run). A ``Record`` class is a tuple
subclass made by a small metaclass from its annotations, with one shared ``__new__`` instead.
Modules import it as::

    if TYPE_CHECKING:
        from typing import NamedTuple as Record
    else:
        from .records import Record

so that type checkers see a ``NamedTuple``. At run time a record *is* a tuple, as a named
tuple is (equality, hashing, ordering, iteration, indexing, pickling), with the fields as
attributes, positional and keyword construction with defaults, ``_fields``,
``_field_defaults``, ``_replace``, ``_asdict``, ``_make`` and the same ``repr``.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

try:
    from _collections import _tuplegetter  # type: ignore[import-not-found]  # what collections.namedtuple uses, in C
except ImportError:  # pragma: no cover - other implementations

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


class _RecordType(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _RecordType:
        if tuple in bases:  # Record itself
            return super().__new__(mcs, name, bases, namespace)
        fields = tuple(namespace.get("__annotations__", {}))
        defaults = {field: namespace.pop(field) for field in fields if field in namespace}
        for index, field in enumerate(fields):
            namespace[field] = _tuplegetter(index, f"Alias for field number {index}")
        namespace["__slots__"] = ()
        namespace["_fields"] = fields
        namespace["_field_defaults"] = defaults
        namespace["__match_args__"] = fields
        return super().__new__(mcs, name, bases, namespace)


class Record(tuple, metaclass=_RecordType):  # type: ignore[type-arg]
    """A base class: annotate the fields (with defaults where wanted), as for ``NamedTuple``."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        fields = cls._fields
        if not kwargs and len(args) == len(fields):
            return tuple.__new__(cls, args)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} arguments, not {len(args)}")
        values = list(args)
        for field in fields[len(args) :]:
            if field in kwargs:
                values.append(kwargs.pop(field))
            elif field in cls._field_defaults:
                values.append(cls._field_defaults[field])
            else:
                raise TypeError(f"{cls.__name__} needs `{field}`")
        if kwargs:
            raise TypeError(f"{cls.__name__} has no field {', '.join(kwargs)}")
        return tuple.__new__(cls, values)

    @classmethod
    def _make(cls, iterable: Any) -> Any:
        return cls(*iterable)

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def __repr__(self) -> str:
        inner = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self))
        return f"{type(self).__name__}({inner})"

    def _replace(self, **changes: Any) -> Any:
        values = dict(zip(self._fields, self))
        values.update(changes)
        return type(self)(**values)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self))
