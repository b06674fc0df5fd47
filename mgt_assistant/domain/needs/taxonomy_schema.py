"""Typed shape of ``rules/needs.yaml``; ``taxonomy`` builds the taxonomy once the shape holds."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.yaml_models import RuleModel, Text, one_of

Party = Annotated[Text, one_of("okänd part", PARTIES)]


class SubNeedSpec(RuleModel):
    """A sub-need in needs.yaml; without ``parties`` it has its domain's."""

    id: Text
    label: Text
    parties: Annotated[list[Party], Field(min_length=1)] | None = None


class DomainSpec(RuleModel):
    """A need domain in needs.yaml."""

    id: Text
    label: Text
    core: bool = False
    parties: Annotated[list[Party], Field(min_length=1)] | None = None
    question: Text
    sub_needs: list[SubNeedSpec] = Field(default_factory=list)


class NeedsFile(RuleModel):
    """needs.yaml: the need domains and their sub-needs."""

    version: Text | None = None
    domains: list[DomainSpec]
