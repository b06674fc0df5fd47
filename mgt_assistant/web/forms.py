"""How routes read forms: one typed model per form, built from the posted data in one place.

A form model is a pydantic model whose fields are the form's fields. ``read_form``
cleans every text (``clean_text``: NFC, no control or bidi-override characters),
builds the model, and turns pydantic's complaints into one Swedish message per
field. What was typed is kept (``FormRead.typed``) so a page shown again after
an error keeps it. ``FormText`` stays for routes with one or two plain fields.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Form, Request
from pydantic import BaseModel, ConfigDict, ValidationError

from mgt_assistant.domain.clean_text import clean_text

Revision = Annotated[int, Form()]
# A form text; optional ones take a default in the route's signature.
FormText = Annotated[str, Form()]
# The most a password field reads; the strength check refuses a long one in Swedish.
PASSWORD_FIELD_MAX = 1000
FormPassword = Annotated[str, Form(max_length=PASSWORD_FIELD_MAX)]


class FormModel(BaseModel):
    """A form's fields: texts are cleaned before they get here; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


M = TypeVar("M", bound=FormModel)


def _swedish(error: Mapping[str, Any]) -> str:
    """Return the Swedish message for one pydantic error."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "string_too_long":
        return f"Texten får vara högst {context.get('max_length')} tecken."
    if kind == "missing":
        return "Fyll i fältet."
    if kind in ("literal_error", "enum"):
        return "Välj ett av alternativen i listan."
    if kind.startswith("int"):
        return "Ange ett heltal."
    if kind.startswith("bool"):
        return "Kryssa i rutan eller lämna den tom."
    return "Värdet kan inte läsas."


@dataclass(frozen=True)
class FormRead(Generic[M]):
    """A form as read: the model (None when a field could not be read), errors, what was typed."""

    model: M | None
    typed: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Tell whether every field could be read."""
        return self.model is not None and not self.errors


def parse_form(model: type[M], data: Mapping[str, str]) -> FormRead[M]:
    """Build ``model`` from form texts; each field that cannot be read gets a Swedish message."""
    typed = {name: clean_text(value) for name, value in data.items()}
    try:
        return FormRead(model.model_validate(typed), typed)
    except ValidationError as failure:
        errors: dict[str, str] = {}
        for error in failure.errors():
            name = str(error["loc"][0]) if error.get("loc") else "form"
            errors.setdefault(name, _swedish(error))
        return FormRead(None, typed, errors)


def form_reader(
    model: type[M],
) -> Callable[[Request], Coroutine[Any, Any, FormRead[M]]]:
    """Build the dependency that reads the posted form as ``model`` (files are ignored)."""

    async def read(request: Request) -> FormRead[M]:
        posted = await request.form()
        return parse_form(
            model, {key: value for key, value in posted.items() if isinstance(value, str)}
        )

    return read


def form_of(model: type[M]) -> Any:
    """Return ``Depends`` for a route parameter annotated ``FormRead[Model]``."""
    return Depends(form_reader(model))


async def read_form(request: Request) -> dict[str, str]:
    """Return the posted form's cleaned text fields (for the meeting routes' free forms)."""
    form = await request.form()
    return {key: clean_text(value) for key, value in form.items() if isinstance(value, str)}


FormDep = Annotated[dict[str, str], Depends(read_form)]
