"""Typed models for strict YAML: pydantic validation whose errors name ``file:line`` in Swedish.

Each rule file has a ``RuleModel`` subclass (unknown keys forbidden, no type
coercion). ``validate`` runs it over the output of ``yaml_strict`` and turns every
pydantic error into a ``RuleFileError`` at the line of the offending key or item;
this module is the one place where pydantic's English wording is translated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from mgt_assistant.domain.yaml_strict import LocatedDict, LocatedList, RuleFileError, line_at

M = TypeVar("M", bound=BaseModel)
# Error type of a check that already carries its Swedish message.
RULE = "rule"


def rule_error(message: str) -> PydanticCustomError:
    """Return a validation error whose message is shown as it is (Swedish, no key added)."""
    # Braces would be read as pydantic template fields; the message is final text.
    return PydanticCustomError(RULE, message.replace("{", "(").replace("}", ")"))


class RuleModel(BaseModel):
    """A mapping in a rule file: unknown keys refused, no coercion, the lines kept."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    _line: int = PrivateAttr(1)
    _key_lines: dict[str, int] = PrivateAttr(default_factory=dict)
    _item_lines: dict[str, list[int]] = PrivateAttr(default_factory=dict)
    _map_lines: dict[str, dict[str, int]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_lines(cls, data: Any, handler: Callable[[Any], Any]) -> Any:
        model = handler(data)
        if isinstance(data, LocatedDict) and isinstance(model, RuleModel):
            model._line, model._key_lines = data.line, data.key_lines
            lists = {k: v for k, v in data.items() if isinstance(v, LocatedList)}
            model._item_lines = {key: value.item_lines for key, value in lists.items()}
            maps = {k: v for k, v in data.items() if isinstance(v, LocatedDict)}
            model._map_lines = {key: value.key_lines for key, value in maps.items()}
        return model

    @property
    def line(self) -> int:
        """Return the line where this mapping starts."""
        return self._line

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping itself when absent."""
        return self._key_lines.get(key, self._line)

    def key_line(self, key: str, inner: str) -> int:
        """Return the line of key ``inner`` in the free-form mapping under ``key``."""
        return self._map_lines.get(key, {}).get(inner, self.line_of(key))

    def item_line(self, key: str, index: int) -> int:
        """Return the line of item ``index`` in the list under ``key``."""
        lines = self._item_lines.get(key, [])
        return lines[index] if index < len(lines) else self.line_of(key)


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "empty text")
    return value.strip()


# A non-empty text, stripped; an optional text is ``OptText = ""`` with None allowed.
Text = Annotated[str, AfterValidator(_non_empty)]


def one_of(what: str, known: Iterable[str]) -> AfterValidator:
    """Return a check that a text is one of ``known``: "okänt spår 'x' (kända: a, b)"."""
    allowed = tuple(known)

    def check(value: str) -> str:
        if value not in allowed:
            raise rule_error(f"{what} '{value}' (kända: {', '.join(allowed)})")
        return value

    return AfterValidator(check)


def _unwrap(annotation: Any) -> Any:
    """Return the model class inside ``list[X]``, ``X | None``, ``Annotated[X, ...]``."""
    while True:
        origin = get_origin(annotation)
        args = [a for a in get_args(annotation) if a is not type(None) and a is not Ellipsis]
        if origin is None or not args:
            return annotation
        annotation = args[0] if origin in (Annotated, Union, UnionType) else args[-1]


def _model_at(root: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: Any = root
    for step in path:
        if isinstance(step, str):
            fields = getattr(current, "model_fields", {})
            if step not in fields:
                return None
            current = _unwrap(fields[step].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _message(error: ErrorDetails, root: type[BaseModel]) -> str:
    """Translate one pydantic error into the rule files' Swedish wording."""
    loc = tuple(error["loc"])
    kind = error["type"]
    names = [step for step in loc if isinstance(step, str)]
    key = names[-1] if names else ""
    in_list = bool(loc) and isinstance(loc[-1], int)
    if kind == RULE:
        return error["msg"]
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        names = [f.alias or n for n, f in model.model_fields.items()] if model else []
        known = f" (tillåtna: {', '.join(names)})" if names else ""
        return f"okänd nyckel '{key}'{known}"
    if kind == "missing":
        return f"saknar fältet '{key}'"
    if not key:
        return "filen måste vara en mappning (nyckel: värde)"
    if kind in ("string_type", "empty_text"):
        return (
            f"'{key}' får bara innehålla text"
            if in_list
            else f"'{key}' måste vara en icke-tom text"
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{key}' måste vara ett heltal"
    if kind == "bool_type":
        model = _model_at(root, loc[:-1])
        field = model.model_fields.get(key) if model is not None else None
        nullable = field is not None and not field.is_required() and field.default is None
        return (
            f"'{key}' måste vara true, false eller null"
            if nullable
            else f"'{key}' måste vara true eller false"
        )
    if kind in ("list_type", "tuple_type"):
        return f"'{key}' måste vara en lista"
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        what = f"varje post i '{key}'" if in_list else f"'{key}'"
        return f"{what} måste vara en mappning (nyckel: värde)"
    if kind == "too_short":
        return f"'{key}' får inte vara tom"
    return f"'{key}' har fel värde ({error['msg']})"


def validate(model: type[M], data: Any, file: str) -> tuple[M | None, list[RuleFileError]]:
    """Validate parsed YAML against a model; return it, or None and every error at file:line."""
    try:
        return model.model_validate(data), []
    except ValidationError as failed:
        found = [
            RuleFileError(file, line_at(data, tuple(e["loc"])), _message(e, model))
            for e in failed.errors(include_url=False)
        ]
        # One error per place and message: a union can report the same fault twice.
        return None, sorted(set(found), key=lambda e: (e.line, e.message))
