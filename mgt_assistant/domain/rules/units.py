"""Find a party's unit from what people write: its id or its Swedish name, å/ä/ö or not.

partners.yaml is the one list of units; accounts, applications and the CLI
pick from it. A unit matches by id, by its name (whole, or before the
parenthesis), or by one of its ``aliases``, compared without case or diacritics.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from mgt_assistant.domain.rules.model import Partner, Unit


def fold(text: str) -> str:
    """Return text lower-cased, without diacritics, with _ and runs of space as one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


def unit_keys(unit: Unit) -> frozenset[str]:
    """Return every folded way of writing a unit."""
    names = {unit.id, unit.name, unit.name.split(" (", 1)[0], *unit.aliases}
    return frozenset(fold(name) for name in names)


def resolve_unit(partner: Partner, written: str) -> Unit | None:
    """Return the partner's unit written as id, name or alias, or None."""
    key = fold(written)
    return next((unit for unit in partner.units if key in unit_keys(unit)), None)


def resolve_any_unit(partners: Mapping[str, Partner], written: str) -> tuple[str, Unit] | None:
    """Return (party, unit) for ``party.unit`` or for a unit name only one party has."""
    if "." in written:
        party, _, rest = written.partition(".")
        partner = partners.get(party.strip())
        found = resolve_unit(partner, rest) if partner is not None else None
        return (partner.id, found) if partner is not None and found is not None else None
    hits = [
        (partner.id, unit)
        for partner in partners.values()
        if (unit := resolve_unit(partner, written)) is not None
    ]
    return hits[0] if len(hits) == 1 else None
