"""The application area's forms as typed models, read through ``web.forms`` in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from mgt_assistant.domain import referral
from mgt_assistant.web.forms import FormModel, FormRead, form_of

_LIMITS = referral.TEXT_LIMITS
_CHOICE = Field("", max_length=64)


class ApplicationForm(FormModel):
    """The referrer's application form; the domain validates what the values mean."""

    kind: Literal["ansokan", "anonym"] = "ansokan"
    action: Literal["spara", "skicka", "kontrollera"] = "spara"
    person_name: str = Field("", max_length=_LIMITS["person_name"])
    personnummer: str = Field("", max_length=20)
    birth_year: str = Field("", max_length=8)
    age_band: str = _CHOICE
    gender: str = _CHOICE
    home_area: str = _CHOICE
    income_source: str = _CHOICE
    paying_party: str = _CHOICE
    time_without_work: str = _CHOICE
    education_level: str = _CHOICE
    referrer_party: str = _CHOICE
    referrer_unit: str = _CHOICE
    referrer_name: str = Field("", max_length=_LIMITS["referrer_name"])
    referrer_contact: str = Field("", max_length=_LIMITS["referrer_contact"])
    goal: str = Field("", max_length=_LIMITS["goal"])
    own_resources_tried: str = Field("", max_length=_LIMITS["own_resources_tried"])
    description: str = Field("", max_length=_LIMITS["description"])
    brings_companion: bool = False
    person_informed: bool = False
    payer_informed_and_approved: bool = False
    consent_obtained: bool = False
    # consent_<scope>_<part> fields, one set per consent scope.
    consent_fields: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _gather_consents(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            names = {
                referral.consent_field(scope, part)
                for scope in referral.CONSENT_SCOPES
                for part in ("included", "given_on", "valid_until")
            }
            data = {**data, "consent_fields": {k: v for k, v in data.items() if k in names}}
        return data

    @property
    def anonymous(self) -> bool:
        """Tell whether this is an anonymous consultation."""
        return self.kind == "anonym"

    def texts(self) -> dict[str, str]:
        """Return the fields as the domain validator reads them (a ticked box is "1")."""
        values = self.model_dump(exclude={"consent_fields", "action"})
        texts = {
            name: ("1" if value else "") if isinstance(value, bool) else str(value)
            for name, value in values.items()
        }
        return {**texts, **self.consent_fields}


def action_of(typed: Mapping[str, str]) -> Literal["spara", "skicka", "kontrollera"]:
    """Return the button pressed, also when another field could not be read."""
    action = typed.get("action", "")
    return action if action in ("skicka", "kontrollera") else "spara"  # type: ignore[return-value]


def in_form_order(errors: Mapping[str, str]) -> dict[str, str]:
    """Return the errors in the order their fields appear on the form (consent last)."""
    order = {name: index for index, name in enumerate(ApplicationForm.model_fields)}
    return dict(sorted(errors.items(), key=lambda item: order.get(item[0], len(order))))


ApplicationFormRead = Annotated[FormRead[ApplicationForm], form_of(ApplicationForm)]


class StatusForm(FormModel):
    """The team's "next step" button."""

    to: str = Field("", max_length=32)


class BookingForm(FormModel):
    """The date and time of the mapping meeting."""

    meeting_date: str = Field("", max_length=32)
    meeting_time: str = Field("", max_length=16)


class DeclineForm(FormModel):
    """The team's "ej aktuell" answer with the alternative it suggests."""

    alternative: str = Field("", max_length=_LIMITS["goal"])


class RevokeForm(FormModel):
    """Which party's consent to revoke, or "alla", and (for the team) the person's word."""

    party: str = Field("alla", max_length=16)
    reason: str = Field("", max_length=500)


StatusFormRead = Annotated[FormRead[StatusForm], form_of(StatusForm)]
BookingFormRead = Annotated[FormRead[BookingForm], form_of(BookingForm)]
DeclineFormRead = Annotated[FormRead[DeclineForm], form_of(DeclineForm)]
RevokeFormRead = Annotated[FormRead[RevokeForm], form_of(RevokeForm)]
