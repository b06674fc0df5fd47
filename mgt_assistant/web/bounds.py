"""Every integer a route takes stays inside what the database can store.

One app-wide dependency, run before the route's own parameters are read: it
looks up which path, query and form parameters the matched route declares as
``int`` and refuses a value outside PostgreSQL's ``integer`` (2**31 - 1) with a
Swedish 422. Without it 2**63 reaches the query and SQLite raises OverflowError,
PostgreSQL a DataError; ``errors.ErrorBoundary`` still turns those into 422 for
any integer this check cannot see (one converted by hand from a text field).
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Any, Literal, Union, get_args, get_origin

from fastapi import HTTPException, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel

INT_MAX = 2**31 - 1
# Ids and version numbers in a path start at 1; query and form numbers may be 0 or negative.
PATH_RANGE = (1, INT_MAX)
VALUE_RANGE = (-INT_MAX, INT_MAX)
# Longer than this cannot be in range; checked before int() so 10**5000 costs nothing.
MAX_DIGITS = len(str(INT_MAX))
Place = Literal["path", "query", "form"]


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_int(arg) for arg in get_args(annotation))
    return False


def _integer_names(param: Any) -> Iterator[str]:
    annotation = param.field_info.annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        # A query or form model (``Annotated[Model, Query()]``): its fields are the parameters.
        for name, info in annotation.model_fields.items():
            if _is_int(info.annotation):
                yield info.alias or name
    elif _is_int(annotation):
        yield param.alias


def _walk(dependant: Dependant) -> Iterator[tuple[Place, str]]:
    places: tuple[tuple[Place, list[Any]], ...] = (
        ("path", dependant.path_params),
        ("query", dependant.query_params),
        ("form", dependant.body_params),
    )
    for place, params in places:
        for param in params:
            for name in _integer_names(param):
                yield place, name
    for sub in dependant.dependencies:
        yield from _walk(sub)


def integer_parameters(route: APIRoute) -> frozenset[tuple[Place, str]]:
    """Return where the route takes integers: (path|query|form, name).

    Walked per request (a few dozen fields): APIRoute is not hashable, and a cache
    keyed by id() could be fooled by a route of a discarded app.
    """
    return frozenset(_walk(route.dependant))


def in_range(text: str, low: int, high: int) -> bool:
    """Tell whether ``text`` is an integer within [low, high]; other text is left to FastAPI."""
    digits = text.strip().removeprefix("-").removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        # Not a plain integer: FastAPI's own validation answers 422 for it.
        return True
    if len(digits.lstrip("0")) > MAX_DIGITS:
        return False
    return low <= int(text) <= high


async def bounded_integers(request: Request) -> None:
    """Refuse an integer parameter the database cannot hold.

    :raise 422: with the Swedish message about numbers.
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    wanted = integer_parameters(route)
    if not wanted:
        return
    form_values: dict[str, list[str]] = {}
    if any(place == "form" for place, _ in wanted) and "form" in request.headers.get(
        "content-type", ""
    ):
        form = await request.form()
        for key, value in form.multi_items():
            if isinstance(value, str):
                form_values.setdefault(key, []).append(value)
    for place, name in wanted:
        if place == "path":
            values = [str(request.path_params.get(name, ""))]
            low, high = PATH_RANGE
        elif place == "query":
            values = request.query_params.getlist(name)
            low, high = VALUE_RANGE
        else:
            values = form_values.get(name, [])
            low, high = VALUE_RANGE
        if not all(in_range(value, low, high) for value in values if value != ""):
            raise HTTPException(status_code=422, detail="number")
