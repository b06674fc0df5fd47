"""Lazy package exports: a public name is imported from its module when first used.

A package's ``__init__`` lists each public name and the module that defines it,
then takes its module ``__getattr__`` and ``__dir__`` from :func:`lazy_exports`,
so taking one part (a compiled rule set, the needs reader) does not load the rest.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any


def lazy_exports(
    namespace: MutableMapping[str, Any], modules: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` for the package whose globals are ``namespace``.

    ``modules`` maps each public name to the module that defines it; a name once
    imported is kept in ``namespace``, so the import runs only the first time.
    """

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(namespace["__all__"])

    return __getattr__, __dir__
