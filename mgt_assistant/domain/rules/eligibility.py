"""Eligibility of one person for one intervention: age, income source, conditions.

The outcome is three-valued: not eligible (with the reason), eligible, or
eligible as far as is known, with notes on what the team must check. Unknown
facts are never taken as a no.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.rules.case import Case
from mgt_assistant.domain.rules.model import Intervention

_SICK_INCOME: Final = frozenset({"sjukpenning", "rehabiliteringsersattning"})
# Long-term benefits from Fk that are not sick leave: no rehab coordinator, no avstämningsmöte.
_NOT_SICK_LEAVE: Final = frozenset({"aktivitetsersattning", "sjukersattning"})
_AF_INCOME: Final = frozenset({"a_kassa", "aktivitetsstod", "etableringsersattning"})
_NPF_DIAGNOSES: Final = frozenset({"adhd", "autism", "npf"})


def _sick_leave(case: Case) -> bool | None:
    if case.income_source in _SICK_INCOME:
        return True
    if case.income_source in _NOT_SICK_LEAVE:
        return False
    if "health.sick_leave" in case.active_needs:
        return True
    return None


def _no_known_npf(case: Case) -> bool | None:
    return case.known_diagnosis_ids.isdisjoint(_NPF_DIAGNOSES)


def _registered_jobseeker(case: Case) -> bool | None:
    if case.income_source in _AF_INCOME:
        return True
    return None


def _unknowable(_case: Case) -> bool | None:
    return None


@dataclass(frozen=True)
class ConditionSpec:
    """One condition of the closed vocabulary: its Swedish text and how to check it."""

    label: str
    check: Callable[[Case], bool | None]
    unmet: str = ""


# Rule files name conditions by id; the id is looked up here, never dispatched by name.
CONDITIONS: Final[Mapping[str, ConditionSpec]] = {
    "sick_leave": ConditionSpec(
        "personen är sjukskriven",
        _sick_leave,
        "personen har aktivitets- eller sjukersättning, som inte är sjukskrivning",
    ),
    "no_known_npf_diagnosis": ConditionSpec(
        "ingen neuropsykiatrisk diagnos är känd",
        _no_known_npf,
        "diagnosen är redan känd – ingen ny utredning",
    ),
    "registered_jobseeker": ConditionSpec(
        "personen är inskriven som arbetssökande på Arbetsförmedlingen", _registered_jobseeker
    ),
    "lss_decision": ConditionSpec("personen har beslut om insats enligt LSS", _unknowable),
    "disability_code": ConditionSpec(
        "Arbetsförmedlingen har registrerat en funktionsnedsättning som påverkar arbetsförmågan",
        _unknowable,
    ),
}


@dataclass(frozen=True)
class EligibilityResult:
    """Why a person is not eligible (or None), and what the team must still check."""

    reason: str | None
    notes: tuple[str, ...]


def _age_text(intervention: Intervention) -> str:
    rule = intervention.eligibility
    if rule.min_age is not None and rule.max_age is not None:
        return f"{rule.min_age}–{rule.max_age} år"
    if rule.min_age is not None:
        return f"från {rule.min_age} år"
    return f"till och med {rule.max_age} år"


def check_eligibility(
    intervention: Intervention, case: Case, income_labels: Mapping[str, str]
) -> EligibilityResult:
    """Check age, income source and conditions of one intervention for one case."""
    rule = intervention.eligibility
    notes: list[str] = []
    if rule.min_age is not None or rule.max_age is not None:
        if case.age is None:
            notes.append(f"ålder okänd – insatsen gäller {_age_text(intervention)}")
        elif (rule.min_age is not None and case.age < rule.min_age) or (
            rule.max_age is not None and case.age > rule.max_age
        ):
            span = _age_text(intervention)
            return EligibilityResult(
                f"inte behörig: personen är {case.age} år, insatsen gäller {span}", ()
            )
    if rule.income_sources is not None:
        wanted = ", ".join(income_labels.get(s, s) for s in sorted(rule.income_sources))
        if case.income_source is None:
            notes.append(f"försörjning okänd – insatsen kräver {wanted}")
        elif case.income_source not in rule.income_sources:
            have = income_labels.get(case.income_source, case.income_source)
            return EligibilityResult(
                f"inte behörig: försörjningen är {have}, insatsen kräver {wanted}", ()
            )
    for condition in rule.conditions:
        spec = CONDITIONS[condition]
        met = spec.check(case)
        if met is None:
            notes.append(f"kontrollera att {spec.label}")
        elif not met:
            return EligibilityResult(
                f"inte aktuell: {spec.unmet or 'villkoret är inte uppfyllt'}", ()
            )
    return EligibilityResult(None, tuple(notes))
