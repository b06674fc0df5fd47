"""The closed lists the rule set owns: income sources (outcomes.yaml) and units (partners.yaml).

Forms, accounts, demo data and the migration take their choices from here, so an
id the rules do not know can neither be offered nor stored. Units are stored by
id and shown by their Swedish name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mgt_assistant.domain.rules.model import Partner, RuleSet
from mgt_assistant.domain.rules.units import fold, resolve_any_unit, resolve_unit

# Income ids stored before outcomes.yaml became the one list, and what they are now.
LEGACY_INCOME_IDS: Mapping[str, str] = {"ingen": "ingen_offentlig"}
UNKNOWN_UNIT = "okänd enhet – välj en"


@dataclass(frozen=True)
class Vocabularies:
    """Income sources (id → label) and each party's units (party → unit id → name)."""

    income_sources: Mapping[str, str]
    units: Mapping[str, Mapping[str, str]]

    @classmethod
    def of(cls, rule_set: RuleSet) -> Vocabularies:
        """Take the lists from outcomes.yaml and partners.yaml as loaded."""
        return cls(
            income_sources=dict(rule_set.outcomes.income_sources),
            units={
                partner.id: {unit.id: unit.name for unit in partner.units}
                for partner in rule_set.partners.values()
            },
        )

    def unit_name(self, party: str | None, unit: str | None) -> str | None:
        """Return a unit's Swedish name; a value not in the list is returned as stored."""
        if not unit:
            return None
        return self.units.get(party or "", {}).get(unit, unit)

    def knows_unit(self, party: str | None, unit: str | None) -> bool:
        """Tell whether ``unit`` is an id of one of ``party``'s units."""
        return unit is not None and unit in self.units.get(party or "", {})


def income_id(written: str, income_sources: Mapping[str, str]) -> str | None:
    """Return the outcomes.yaml id for a stored or typed income source, or None.

    Accepts the id, an id stored before the one list (``ingen``), or the label.
    """
    if written in income_sources:
        return written
    legacy = LEGACY_INCOME_IDS.get(written)
    if legacy is not None and legacy in income_sources:
        return legacy
    key = fold(written)
    return next(
        (id_ for id_, label in income_sources.items() if key in (fold(id_), fold(label))),
        None,
    )


def unit_id(partners: Mapping[str, Partner], party: str | None, written: str) -> str | None:
    """Return the id of the unit written as id or Swedish name (å/ä/ö or not), or None.

    With a party the unit must be one of its own; without one the name must be unique.
    """
    if not written.strip():
        return None
    if party:
        partner = partners.get(party)
        unit = resolve_unit(partner, written) if partner is not None else None
        return unit.id if unit is not None else None
    found = resolve_any_unit(partners, written)
    return found[1].id if found is not None else None
