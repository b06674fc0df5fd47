"""one vocabulary: income sources as in outcomes.yaml, units as partners.yaml ids

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 02:20:00

Data only, no schema change. Income ids stored before outcomes.yaml was the one
list (``ingen``) or written as a label become outcomes.yaml ids. Units typed as
free text (accounts, the referrer's unit, consent per unit and its log) become
the partners.yaml id the rules' resolver finds for the row's party; what it
does not recognise is left as written and shown to the admin as
"okänd enhet – välj en". The downgrade maps ids back to the old id or the
unit's Swedish name; the exact free text typed before cannot be recovered.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from mgt_assistant.domain.rules import RuleSet, load_rule_set
from mgt_assistant.domain.vocabularies import LEGACY_INCOME_IDS, income_id, unit_id
from mgt_assistant.paths import DEFAULT_RULES_DIR

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

# (table, column holding the party, column holding the unit); party None: any party.
UNIT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("user", "party", "unit"),
    ("application", "referrer_party", "referrer_unit"),
    ("consent", "party", "unit"),
    ("consent_event", "party", "unit"),
)
# The consent scopes' unit names before 0004, so a downgrade gives back what was stored.
OLD_CONSENT_UNITS: Mapping[tuple[str, str], str] = {
    ("region", "primarvard"): "Primärvård",
    ("region", "psykiatri"): "Psykiatri",
    ("region", "habilitering"): "Habilitering",
    ("kommun", "socialtjanst"): "Socialtjänst",
    ("kommun", "utbildning_arbetsliv"): "Utbildning och arbetsliv",
}


def _rule_set() -> RuleSet:
    # The instance's own rule folder when it has one, as the app itself would load.
    return load_rule_set(Path(os.environ.get("MGT_RULES_DIR") or DEFAULT_RULES_DIR))


def _rows(table: str, *columns: str) -> Iterator[tuple[object, ...]]:
    names: list[sa.ColumnClause[object]] = [sa.column(name) for name in ("id", *columns)]
    query = sa.select(*names).select_from(sa.table(table))
    for row in op.get_bind().execute(query).all():
        yield tuple(row)


def _update(table: str, column: str, row_id: object, value: str | None) -> None:
    statement = (
        sa.update(sa.table(table, sa.column("id"), sa.column(column)))
        .where(sa.column("id") == row_id)
        .values({column: value})
    )
    op.get_bind().execute(statement)


def _map_incomes(mapping: Callable[[str], str | None]) -> None:
    for row_id, income in _rows("application", "income_source"):
        if isinstance(income, str) and income:
            mapped = mapping(income)
            if mapped is not None and mapped != income:
                _update("application", "income_source", row_id, mapped)


def upgrade() -> None:
    rule_set = _rule_set()
    incomes = rule_set.outcomes.income_sources
    _map_incomes(lambda written: income_id(written, incomes))
    unknown = 0
    for table, party_column, unit_column in UNIT_COLUMNS:
        for row_id, party, unit in _rows(table, party_column, unit_column):
            if not isinstance(unit, str) or not unit.strip():
                continue
            found = unit_id(rule_set.partners, party if isinstance(party, str) else None, unit)
            if found is None:
                unknown += 1
            elif found != unit:
                _update(table, unit_column, row_id, found)
    if unknown:
        log.warning("0004: %d enheter känns inte igen och visas som okänd enhet", unknown)


def downgrade() -> None:
    back = {new: old for old, new in LEGACY_INCOME_IDS.items()}
    _map_incomes(back.get)
    rule_set = _rule_set()
    for table, party_column, unit_column in UNIT_COLUMNS:
        consent = table.startswith("consent")
        for row_id, party, unit in _rows(table, party_column, unit_column):
            if not isinstance(party, str) or not isinstance(unit, str):
                continue
            partner = rule_set.partners.get(party)
            found = partner.unit(unit) if partner is not None else None
            if found is None:
                continue
            old = OLD_CONSENT_UNITS.get((party, unit)) if consent else None
            _update(table, unit_column, row_id, old or found.name.split(" (", 1)[0])
