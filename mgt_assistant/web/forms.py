"""How routes read form fields: one set of aliases for every area."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request

Revision = Annotated[int, Form()]
# A form text; optional ones take a default in the route's signature.
FormText = Annotated[str, Form()]


async def read_form(request: Request) -> dict[str, str]:
    """Return the posted form's text fields (files are ignored)."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


FormDep = Annotated[dict[str, str], Depends(read_form)]
