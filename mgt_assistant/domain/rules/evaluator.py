"""Evaluate decision tables for a case: recommendations with why, and why not.

Tables are compiled once per rule set (see ``compiled``): the rows a case
matches come from a few bit-mask operations, indexed by need. A hit policy
picks among the matching rows of each table; after that, interventions the
person may not receive (age, income source, excluded party) are taken out and
say why. Reasons that do not depend on the case are built once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple, overload

from mgt_assistant.domain.needs.taxonomy import NeedTaxonomy
from mgt_assistant.domain.parties import PARTY_NAMES
from mgt_assistant.domain.rules.case import Case, case_inputs, need_party_map
from mgt_assistant.domain.rules.cells import Condition
from mgt_assistant.domain.rules.compiled import (
    CompiledRow,
    CompiledTable,
    RowKeys,
    input_domains,
)
from mgt_assistant.domain.rules.eligibility import check_eligibility
from mgt_assistant.domain.rules.model import (
    Eligibility,
    Intervention,
    RuleSet,
)
from mgt_assistant.domain.rules.target import limits_of
from mgt_assistant.domain.target_group import verdict

ReasonKind = Literal[
    "need", "eligibility", "consent", "priority", "no_row", "in_place", "target_group"
]


class Recommendation(NamedTuple):
    """An intervention proposed for the case, with the row that fired and what it read."""

    intervention: Intervention
    table: str
    rule: str
    priority: int
    why: str
    inputs: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]


class NotRecommended(NamedTuple):
    """A catalogue intervention that is not proposed, with the first reason."""

    intervention: Intervention
    kind: ReasonKind
    reason: str


class WhyNot(Sequence[NotRecommended]):
    """The why-not of every catalogue intervention not proposed, built when first read.

    A page, report or check that reads it pays for it once; a caller that never reads
    it (counting proposals, drafting a plan) does not. It reads the same as the tuple
    it stands for: catalogue order, equal to a tuple of the same reasons.
    """

    __slots__ = ("_build", "_items")

    def __init__(self, build: Callable[[], list[NotRecommended]]) -> None:
        self._build: Callable[[], list[NotRecommended]] | None = build
        self._items: tuple[NotRecommended, ...] | None = None

    def _all(self) -> tuple[NotRecommended, ...]:
        items = self._items
        if items is None:
            build = self._build
            items = tuple(build()) if build is not None else ()
            self._items, self._build = items, None
        return items

    @overload
    def __getitem__(self, index: int) -> NotRecommended: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[NotRecommended, ...]: ...

    def __getitem__(self, index: int | slice) -> NotRecommended | tuple[NotRecommended, ...]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[NotRecommended]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WhyNot):
            return self._all() == other._all()
        return isinstance(other, tuple | list) and self._all() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"WhyNot({self._all()!r})"

    def __reduce__(self) -> tuple[type[tuple[NotRecommended, ...]], tuple[Any, ...]]:
        # Stored or copied as the plain tuple it stands for.
        return tuple, (self._all(),)


class Evaluation(NamedTuple):
    """The full result for one case.

    ``not_recommended`` is a ``WhyNot`` (built when read) after ``explain=True``, and
    empty after ``explain=False``.
    """

    case: Case
    recommendations: tuple[Recommendation, ...]
    not_recommended: Sequence[NotRecommended]
    fired: frozenset[tuple[str, str]]


_Fired = dict[str, CompiledRow]
# Rendered need sets kept per recommender; bounded, since cases bring new combinations.
NEED_TEXT_CACHE = 4_096
# Eligibility outcomes by (intervention, age, income source), for rules without conditions.
ELIGIBILITY_CACHE = 65_536
_Beaten = dict[str, tuple[CompiledTable, CompiledRow, CompiledRow]]


class Recommender:
    """A rule set compiled for evaluation; build once, evaluate many cases."""

    def __init__(self, rule_set: RuleSet) -> None:
        self.rule_set = rule_set
        domains = input_domains(rule_set)
        self.keys = RowKeys()
        self.tables = [
            CompiledTable(t, domains, self.keys)
            for t in rule_set.tables
            if t.governance.status != "retired"
        ]
        self.rows_for: dict[str, list[tuple[CompiledTable, CompiledRow]]] = {}
        for table in self.tables:
            for row in table.rows:
                self.rows_for.setdefault(row.row.intervention, []).append((table, row))
        # Looked up for every case, so computed once here.
        taxonomy = rule_set.taxonomy
        self.labels = {need: taxonomy.label(need) for need in taxonomy.all_ids()}
        self.need_parties = need_party_map(taxonomy)
        self.limits = limits_of(rule_set)
        self.related = {i.id: _related_needs(i, taxonomy) for i in rule_set.interventions.values()}
        self.concerning = {
            need: frozenset(i for i, related in self.related.items() if need in related)
            for need in taxonomy.all_ids()
        }
        # Reasons that do not depend on the case are built once, not per case.
        self.no_need = {
            i.id: NotRecommended(
                i,
                "need",
                "behovet finns inte i ärendet ("
                + ", ".join(self.labels.get(n, n) for n in i.needs)
                + ")",
            )
            for i in rule_set.interventions.values()
        }
        self.position = {iid: n for n, iid in enumerate(rule_set.interventions)}
        self._need_texts: dict[frozenset[str], str] = {}
        self._obs: dict[tuple[str, ...], str] = {}  # " Obs: …" of each set of notes
        self.restricted = {
            i.id for i in rule_set.interventions.values() if i.eligibility != Eligibility()
        }
        self._eligible: dict[
            tuple[str, int | None, str | None], NotRecommended | tuple[str, ...]
        ] = {}
        self.default_rejections = tuple(self.no_need[iid] for iid in rule_set.interventions)
        self.excluded = {
            i.id: NotRecommended(
                i, "consent", f"personen har undantagit {PARTY_NAMES[i.party]} i sitt samtycke"
            )
            for i in rule_set.interventions.values()
            if i.party in PARTY_NAMES
        }

    def evaluate(self, case: Case, *, explain: bool = True) -> Evaluation:
        """Return recommendations and the why-not of every other catalogue intervention.

        Every recommendation carries its why, notes and (with ``explain``) the inputs
        its row read. The why-not list is built when it is first read (``WhyNot``);
        ``explain=False`` leaves out the inputs read and the why-not list, for
        replaying many cases when only the proposals matter.
        """
        values = case_inputs(case, self.need_parties)
        values["in_target_group"] = self._in_target_group(case)
        fired, beaten, selected = self._fire(values)
        recommendations: list[Recommendation] = []
        blocked: dict[str, NotRecommended] = {}
        shown: dict[str, str] = {}  # each input value is rendered once per case
        # Rows of one shape that react to the same needs read alike: rendered once per case.
        read: dict[tuple[int, int], tuple[tuple[str, str], ...]] = {}
        case_bits = self.keys.case_bits(values["need"]) if explain else None
        uncertain = {n.id for n in case.needs if n.status == "uncertain"}
        # Without exclusions or services in place, an intervention without eligibility
        # rules is never blocked and carries no notes: the common case takes no detour.
        plain = not (case.excluded_parties or case.excluded_units or case.in_place_ids)
        restricted = self.restricted
        interventions = self.rule_set.interventions
        obs = self._obs
        for row in fired.values():
            intervention = interventions[row.intervention]
            notes: tuple[str, ...] = ()
            if not plain or row.intervention in restricted:
                outcome = (
                    self._eligibility(intervention, case)
                    if plain
                    else self._blocked(case, intervention)
                )
                if isinstance(outcome, NotRecommended):
                    blocked[row.intervention] = outcome
                    continue
                notes = outcome
            if uncertain and not uncertain.isdisjoint(row.need_values):
                labels = ", ".join(
                    self.labels.get(n, n) for n in sorted(uncertain & row.need_values)
                )
                notes = (*notes, f"behovet är osäkert ({labels}) – bekräfta i mötet")
            why = row.why
            if notes:
                suffix = obs.get(notes)
                if suffix is None:
                    suffix = "".join(f" Obs: {note}." for note in notes)
                    if len(obs) < NEED_TEXT_CACHE:
                        obs[notes] = suffix
                why += suffix
            inputs: tuple[tuple[str, str], ...] = ()
            if case_bits is not None:
                key = (row.shape, case_bits & row.need_bits)
                found = read.get(key)
                if found is None:
                    found = read[key] = self._inputs_read(values, row, shown)
                inputs = found
            elif explain:
                inputs = self._inputs_read(values, row, shown)
            recommendations.append(
                Recommendation(
                    intervention,
                    row.key[0],
                    row.key[1],
                    row.priority,
                    why,
                    inputs,
                    notes,
                )
            )
        rejected: Sequence[NotRecommended] = (
            WhyNot(lambda: self._rejections(case, values, fired, beaten, blocked, shown))
            if explain
            else ()
        )
        return Evaluation(case, tuple(recommendations), rejected, frozenset(selected))

    def _in_target_group(self, case: Case) -> bool | None:
        """Return the one target-group check's verdict, without building its reasons."""
        parties = {p for need in case.active_needs for p in self.need_parties.get(need, ())}
        count = len(parties - case.excluded_parties)
        return verdict(case.age_span, count, case.own_resources_tried, self.limits)

    def _fire(self, values: Mapping[str, Any]) -> tuple[_Fired, _Beaten, set[tuple[str, str]]]:
        """Apply every table: the winning row per intervention, and rows a hit policy beat."""
        fired: _Fired = {}
        beaten: _Beaten = {}
        selected: set[tuple[str, str]] = set()
        for table in self.tables:
            matched = table.matching(values)
            if not matched:
                continue
            chosen = table.select(matched)
            for row in chosen:
                current = fired.get(row.intervention)
                if current is None or row.priority < current.priority:
                    fired[row.intervention] = row
            selected.update([row.key for row in chosen])
            if len(chosen) < len(matched):
                kept = {row.position for row in chosen}
                for row in matched:
                    if row.position not in kept:
                        beaten.setdefault(row.intervention, (table, row, chosen[0]))
        return fired, beaten, selected

    def _rejections(
        self,
        case: Case,
        values: Mapping[str, Any],
        fired: _Fired,
        beaten: _Beaten,
        blocked: Mapping[str, NotRecommended],
        shown: dict[str, str],
    ) -> list[NotRecommended]:
        """Return the why-not of every intervention not proposed, in catalogue order."""
        # Start from "need not present" for all and change only what concerns this case.
        changes: dict[int, NotRecommended | None] = {
            self.position[iid]: blocked.get(iid) for iid in fired
        }
        active = case.active_needs
        concerned: set[str] = set(beaten)
        for need in active:
            concerned |= self.concerning.get(need, frozenset())
        interventions = self.rule_set.interventions
        for iid in concerned.difference(fired):
            changes[self.position[iid]] = self._why_not(
                case, values, interventions[iid], beaten, active, shown
            )
        rejected = list(self.default_rejections)
        for position in sorted(changes, reverse=True):
            change = changes[position]
            if change is None:
                del rejected[position]
            else:
                rejected[position] = change
        return rejected

    def _blocked(self, case: Case, intervention: Intervention) -> NotRecommended | tuple[str, ...]:
        """Return why the person cannot get the intervention, or the notes to check."""
        notes: tuple[str, ...] = ()
        if intervention.id in self.restricted:
            outcome = self._eligibility(intervention, case)
            if isinstance(outcome, NotRecommended):
                return outcome
            notes = outcome
        if intervention.party in case.excluded_parties:
            return self.excluded[intervention.id]
        if (intervention.party, intervention.unit) in case.excluded_units:
            unit = self.rule_set.unit_name(intervention.party, intervention.unit)
            return NotRecommended(
                intervention, "consent", f"personen har undantagit {unit} i sitt samtycke"
            )
        if intervention.id in case.in_place_ids:
            return NotRecommended(intervention, "in_place", "pågår redan")
        return notes

    def _eligibility(
        self, intervention: Intervention, case: Case
    ) -> NotRecommended | tuple[str, ...]:
        """Return why the person is not eligible, or the notes to check.

        Without conditions a rule reads only age and income source, so its outcome is
        kept by those (the ones it reads) and built once.
        """
        rule = intervention.eligibility
        if rule.conditions:
            return self._eligibility_outcome(intervention, case)
        key = (
            intervention.id,
            case.age if rule.min_age is not None or rule.max_age is not None else None,
            case.income_source if rule.income_sources is not None else None,
        )
        outcome = self._eligible.get(key)
        if outcome is None:
            outcome = self._eligibility_outcome(intervention, case)
            if len(self._eligible) < ELIGIBILITY_CACHE:
                self._eligible[key] = outcome
        return outcome

    def _eligibility_outcome(
        self, intervention: Intervention, case: Case
    ) -> NotRecommended | tuple[str, ...]:
        result = check_eligibility(intervention, case, self.rule_set.outcomes.income_sources)
        if result.reason is not None:
            return NotRecommended(intervention, "eligibility", result.reason)
        return result.notes

    def _inputs_read(
        self, values: Mapping[str, Any], row: CompiledRow, shown: dict[str, str]
    ) -> tuple[tuple[str, str], ...]:
        read: list[tuple[str, str]] = []
        for column_id, accepted in row.reads:
            value = values[column_id]
            if column_id == "need" and value:
                # Show the needs this row reacted to, not every need of the case.
                read.append((column_id, self._needs_text(value & accepted or value)))
                continue
            text = shown.get(column_id)
            if text is None:
                text = shown[column_id] = self.describe(column_id, value)
            read.append((column_id, text))
        return tuple(read)

    def _needs_text(self, needs: frozenset[str]) -> str:
        # Rows share a few need sets: render each set once per recommender.
        text = self._need_texts.get(needs)
        if text is None:
            text = self.describe("need", needs)
            if len(self._need_texts) < NEED_TEXT_CACHE:
                self._need_texts[needs] = text
        return text

    def describe(self, column_id: str, value: Any) -> str:
        """Render one input value in Swedish."""
        if value is None:
            return "okänd"
        if column_id == "need":
            return ", ".join(self.labels.get(v, v) for v in sorted(value))
        if column_id == "income_source":
            return self.rule_set.outcomes.income_sources.get(value, str(value))
        if column_id == "referrer_party":
            return PARTY_NAMES.get(value, str(value))
        if isinstance(value, bool):
            return "ja" if value else "nej"
        return str(value)

    def _why_not(
        self,
        case: Case,
        values: Mapping[str, Any],
        intervention: Intervention,
        beaten: Mapping[str, tuple[CompiledTable, CompiledRow, CompiledRow]],
        active: frozenset[str],
        shown: dict[str, str],
    ) -> NotRecommended:
        if intervention.id in beaten:
            table, row, winner = beaten[intervention.id]
            other = self.rule_set.interventions[winner.row.intervention].name
            how = "gällde före" if table.table.hit_policy == "FIRST" else "har högre prioritet än"
            return NotRecommended(
                intervention,
                "priority",
                f"lägre prioritet än {other}: regel {winner.row.id} {how} {row.row.id}",
            )
        if self.related[intervention.id].isdisjoint(active):
            return self.no_need[intervention.id]
        blocked = self._blocked(case, intervention)
        if isinstance(blocked, NotRecommended):
            return blocked
        reason = self._no_row(values, intervention, shown)
        kind: ReasonKind = "target_group" if reason.startswith("utanför målgruppen") else "no_row"
        return NotRecommended(intervention, kind, reason)

    def _no_row(
        self, values: Mapping[str, Any], intervention: Intervention, shown: dict[str, str]
    ) -> str:
        for _table, row in self.rows_for.get(intervention.id, ()):
            for column, condition in row.cells:
                value = values[column.id]
                ok = (
                    _need_match(condition, value)
                    if column.id == "need"
                    else condition.matches(value)
                )
                if not ok and column.id == "in_target_group":
                    return (
                        f"utanför målgruppen: regel {row.row.id} gäller bara personer "
                        "inom MGT:s målgrupp"
                    )
                if not ok:
                    if column.id not in shown:
                        shown[column.id] = self.describe(column.id, value)
                    return (
                        f"ingen regel gällde: {row.row.id} kräver {column.label} "
                        f"{condition.text}; ärendet: {column.label} {shown[column.id]}"
                    )
        return "ingen regel i regeluppsättningen föreslår insatsen för detta ärende"


def _need_match(condition: Condition, needs: frozenset[str] | None) -> bool:
    if not needs:
        return condition.accepts_missing
    return condition.any_value or not condition.values.isdisjoint(needs)


def _related_needs(intervention: Intervention, taxonomy: NeedTaxonomy) -> frozenset[str]:
    """Return the case needs that concern an intervention: its needs, their domains and subs.

    A case need counts when it is an addressed need, lies within an addressed
    domain, or is the (unspecified) domain of an addressed sub-need.
    """
    related: set[str] = set()
    for need in intervention.needs:
        related |= {need, need.split(".", 1)[0]}
        domain = taxonomy.domain(need)
        if domain is not None and domain.id == need:
            related |= {sub.id for sub in domain.sub_needs}
    return frozenset(related)
