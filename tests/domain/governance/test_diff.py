"""Semantic diff: exact Swedish lines for the common changes, generic lines for new fields."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from mgt_assistant.domain.governance import (
    NO_DIFFERENCES,
    RuleSetDiff,
    diff_from_document,
    diff_rule_sets,
    diff_text,
    to_json,
)
from mgt_assistant.domain.rules import RuleSet, load_rule_set
from mgt_assistant.domain.rules.model import Row

BOE_05 = """\
    then: {intervention: budget-skuldradgivning, priority: 2}
    why: Hyresskuld – budget- och skuldrådgivning för en plan för skulden."""
BOE_05_AND_NEW_ROW = """\
    then: {intervention: budget-skuldradgivning, priority: 3}
    why: Hyresskuld – budget- och skuldrådgivning.
  - id: BOE-06
    when: {need: = housing.insecure, age: ">= 18"}
    then: {intervention: boendestod, priority: 3}
    why: Osäkert boende – boendestöd."""
HAL_02 = """\
  - id: HAL-02
    when: {need: = health.mental}
    then: {intervention: kbt, priority: 2}
    why: Psykisk ohälsa som depression eller ångest – KBT har stöd i forskningen.
"""
AGE_COLUMN = """\
  - id: need
    type: need
    missing: no_match
rows:"""


def lines(diff: RuleSetDiff) -> list[tuple[str, str]]:
    return [(section.id, change.text) for section in diff.sections for change in section.changes]


def test_identical_rule_sets_have_no_differences(baseline: RuleSet) -> None:
    diff = diff_rule_sets(baseline, baseline)
    assert diff.empty and diff.count == 0
    assert diff_text(diff).splitlines()[1] == NO_DIFFERENCES


def test_comments_layout_and_value_order_are_not_differences(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    folder = make_candidate(
        (
            "recommendations/halsa.yaml",
            "  - id: HAL-02\n",
            "  # En ny kommentar.\n  - id: HAL-02\n",
        ),
        (
            "recommendations/boende.yaml",
            'need: "in [housing.homeless, housing.insecure]"',
            'need: "in [housing.insecure, housing.homeless]"',
        ),
    )
    candidate = load_rule_set(folder)
    diff = diff_rule_sets(baseline, candidate)
    assert candidate.hash != baseline.hash
    assert diff.empty
    assert "Inga skillnader i innebörd" in diff_text(diff)


def test_row_bound_and_catalogue_entry_in_words(baseline: RuleSet, candidate: RuleSet) -> None:
    diff = diff_rule_sets(baseline, candidate)
    assert lines(diff) == [
        ("catalogue", "boendestod: lägsta ålder 18 → 20"),
        ("table:arbetsliv", "ARB-04: ålder 16–29 → 16–34"),
    ]
    change = diff.sections[1].changes[0]
    assert (change.kind, change.where, change.before, change.after) == (
        "changed",
        "arbetsliv/ARB-04/age",
        "16–29",
        "16–34",
    )
    assert diff.sections[0].changes[0].where == "catalogue/boendestod/eligibility/min_age"
    assert diff_text(diff).splitlines()[1:] == [
        "",
        "Insatskatalogen",
        "  boendestod: lägsta ålder 18 → 20",
        "",
        "Tabell Huvudspår mot arbete eller studier (högst ett väljs, se alternativgruppen "
        "huvudspar_arbete) (arbetsliv)",
        "  ARB-04: ålder 16–29 → 16–34",
        "",
        "2 ändringar",
    ]


def test_rows_policy_columns_lexicon_limits_and_parties(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    boende = "recommendations/boende.yaml"
    folder = make_candidate(
        (boende, "hit_policy: COLLECT", "hit_policy: FIRST"),
        (boende, 'version: "1.0"', 'version: "1.1"'),
        (boende, AGE_COLUMN, AGE_COLUMN.replace("rows:", "  - id: age\n    type: integer\nrows:")),
        (boende, BOE_05, BOE_05_AND_NEW_ROW),
        ("recommendations/halsa.yaml", HAL_02, ""),
        (
            "lexicon.yaml",
            '[vräkning, vräkningshot, avhysning, "risk',
            '[vräkning, vräkningshot, "risk',
        ),
        (
            "lexicon.yaml",
            'hyresskuld, hyresskulder, "obetald',
            'hyresskuld, hyresskulder, hyresrestskuld, "obetald',
        ),
        ("ruleset.yaml", "max_age: 64", "max_age: 65"),
        ("ruleset.yaml", "min_parties: 2", "min_parties: 3"),
        ("ruleset.yaml", 'version: "2026.11-1"', 'version: "2026.12-1"'),
        ("interventions.yaml", "name: Boendestöd\n", "name: Boendestöd i hemmet\n"),
        ("partners.yaml", "name: Arbetsförmedlingen, lokalt kontor", "name: Af, lokalt kontor"),
    )
    diff = diff_rule_sets(baseline, load_rule_set(folder))
    eviction = "Risk för vräkning eller hyresskuld (housing.eviction_risk)"
    assert lines(diff) == [
        ("ruleset", "version 2026.11-1 → 2026.12-1"),
        ("ruleset", "målgrupp: ålder 16–64 → 16–65"),
        ("ruleset", "målgrupp: behov hos minst 2 → 3 parter"),
        ("lexicon", f"{eviction}: nytt ord ”hyresrestskuld”"),
        ("lexicon", f"{eviction}: borttaget ord ”avhysning”"),
        (
            "partners",
            "Arbetsförmedlingen (af): enhet lokalt_kontor namn "
            "Arbetsförmedlingen, lokalt kontor → Af, lokalt kontor",
        ),
        ("catalogue", "boendestod: namn Boendestöd → Boendestöd i hemmet"),
        (
            "table:boende",
            "träffpolicy: alla rader som matchar ger förslag (COLLECT) → "
            "bara den första raden som matchar, uppifrån, ger förslag (FIRST)",
        ),
        ("table:boende", "ny kolumn ålder (age)"),
        ("table:boende", "tabellen: version 1.0 → 1.1"),
        (
            "table:boende",
            "ny rad BOE-06: behov housing.insecure, ålder minst 18 → boendestod (prioritet 3)",
        ),
        ("table:boende", "BOE-05: prioritet 2 → 3"),
        (
            "table:boende",
            "BOE-05: motiveringen ändrad till ”Hyresskuld – budget- och skuldrådgivning.”",
        ),
        ("table:halsa", "rad HAL-02 borttagen (var: behov health.mental → kbt (prioritet 2))"),
    ]


def test_tables_added_and_removed(baseline: RuleSet, make_candidate: Callable[..., Path]) -> None:
    folder = make_candidate()
    (folder / "recommendations" / "studier.yaml").rename(folder / "recommendations" / "x.yaml")
    moved = load_rule_set(folder)
    # A table in another file means the same: only the file list differs.
    assert lines(diff_rule_sets(baseline, moved)) == [
        ("files", "ny fil recommendations/x.yaml"),
        ("files", "filen recommendations/studier.yaml borttagen"),
    ]
    old = dataclasses.replace(baseline, tables=baseline.tables[:-1])
    diff = diff_rule_sets(old, baseline)
    added = diff.sections[0]
    assert added.id == f"table:{baseline.tables[-1].id}"
    assert added.changes[0].text.startswith("ny tabell (")
    assert [c.kind for c in added.changes] == ["added"] * (1 + len(baseline.tables[-1].rows))
    removed = diff_rule_sets(baseline, old).sections[0]
    assert removed.changes[0].text == f"tabellen borttagen ({len(baseline.tables[-1].rows)} rader)"


@dataclasses.dataclass(frozen=True)
class RowWithReview(Row):
    """A row as a later model may have it, with a field this package does not know."""

    reviewed: bool = False


@dataclasses.dataclass(frozen=True)
class Limits:
    """Ruleset limits as a later model may have them."""

    max_interventions: int


@dataclasses.dataclass(frozen=True)
class RuleSetWithLimits(RuleSet):
    """A rule set with a field this package does not know."""

    limits: Limits = Limits(8)


def _with_row(rule_set: RuleSet, reviewed: bool) -> RuleSet:
    table = rule_set.tables[0]
    first = RowWithReview(**{**dataclasses.asdict(table.rows[0]), "reviewed": reviewed})
    first = dataclasses.replace(first, conditions=table.rows[0].conditions)
    tables = (dataclasses.replace(table, rows=(first, *table.rows[1:])), *rule_set.tables[1:])
    return dataclasses.replace(rule_set, tables=tables)


def test_fields_unknown_to_the_diff_still_show_as_changed(baseline: RuleSet) -> None:
    row_id = baseline.tables[0].rows[0].id
    diff = diff_rule_sets(_with_row(baseline, False), _with_row(baseline, True))
    assert lines(diff) == [(f"table:{baseline.tables[0].id}", f"{row_id}: reviewed nej → ja")]
    fields = {f.name: getattr(baseline, f.name) for f in dataclasses.fields(RuleSet)}
    old = RuleSetWithLimits(**fields, limits=Limits(8))
    new = RuleSetWithLimits(**fields, limits=Limits(10))
    assert lines(diff_rule_sets(old, new)) == [
        ("ruleset", "regeluppsättningen: gränser max_interventions 8 → 10")
    ]


def test_json_form_carries_every_change(baseline: RuleSet, candidate: RuleSet) -> None:
    data = json.loads(to_json(diff_rule_sets(baseline, candidate)))
    assert data["empty"] is False and data["count"] == 2
    assert data["new_hash"] == candidate.hash
    change = data["sections"][1]["changes"][0]
    assert change == {
        "kind": "changed",
        "where": "arbetsliv/ARB-04/age",
        "before": "16–29",
        "after": "16–34",
        "text": "ARB-04: ålder 16–29 → 16–34",
    }


def test_needs_eligibility_columns_and_scenarios(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    folder = make_candidate(
        (
            "interventions.yaml",
            "phase: kartlaggning\n    needs: [health.sick_leave]\n    eligibility:\n"
            "      income_sources: [sjukpenning, rehabiliteringsersattning]",
            "phase: kartlaggning\n    needs: [health.sick_leave]\n    eligibility:\n"
            "      income_sources: [sjukpenning]",
        ),
        ("needs.yaml", "label: Hälsa\n", "label: Hälsa och vård\n"),
        ("tests/scenarier.yaml", "      age: 27\n", "      age: 28\n"),
        ("recommendations/boende.yaml", "missing: no_match", "missing: match"),
    )
    scenario = "Psykos och missbruk, lång arbetslöshet – IPS före SE, SIP med samtycke"
    assert lines(diff_rule_sets(baseline, load_rule_set(folder))) == [
        ("needs", "behovsområdet health: benämning Hälsa → Hälsa och vård"),
        (
            "catalogue",
            "fk-avstamningsmote: försörjning rehabiliteringsersattning, sjukpenning → sjukpenning",
        ),
        ("table:boende", "kolumnen behov: okänt värde ger ingen träff → träff"),
        ("scenarios", f"scenariot ”{scenario}”: ärende age 27 → 28"),
    ]


def test_diff_survives_its_json_form(baseline: RuleSet, candidate: RuleSet) -> None:
    diff = diff_rule_sets(baseline, candidate)
    assert diff_from_document(json.loads(to_json(diff))) == diff


CHILD_ALERT = """\
  - kind: child_at_risk
    label: Barn som far illa
    message: "Hantera akut nu, inte via MGT: anmäl oro för barnet till socialtjänsten."
    route: "Socialtjänsten (barn och unga), efter kontorstid socialjouren; vid fara 112."
    acute_interventions: []
    source: "Offentlig: socialtjänstlagen (2025:400), anmälningsskyldighet vid oro för barn"
"""
STUDY_GROUP = """\
  - id: studievag
    label: Studieväg
    order: [komvux, folkhogskola]
"""
KAR_04 = """\
    why: Behov av både vård och socialt stöd – en SIP ska upprättas när personen samtycker.
  - id: KAR-04
    always: true
    then: {intervention: mgt-kartlaggning, priority: 2}
    why: Varje ärende börjar med MGT:s kartläggning, vad som än är känt.
"""


def test_plan_limits_alerts_and_alternatives_in_words(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    winter = (
        '    winter_message: "Vinter: risk för liv och hälsa – ordna akutboende redan i dag."\n'
    )
    folder = make_candidate(
        ("ruleset.yaml", "max_rows: 7", "max_rows: 6"),
        ("ruleset.yaml", "max_new_starts: 3", "max_new_starts: 2"),
        ("ruleset.yaml", "window_weeks: 4", "window_weeks: 6"),
        ("ruleset.yaml", "max_delay_weeks: 8", "max_delay_weeks: 10"),
        ("ruleset.yaml", winter, ""),
        ("ruleset.yaml", "[akutboende]", "[akutboende, stod-vid-ansokan]"),
        (
            "ruleset.yaml",
            'route: "Psykiatrisk akutmottagning eller 1177; vid fara för liv 112."',
            'route: "Psykiatrisk akutmottagning; vid fara för liv 112."',
        ),
        (
            "interventions.yaml",
            "order: [kbt, act-grupp, mindfulness-grupp]",
            "order: [act-grupp, kbt, mindfulness-grupp]",
        ),
        ("interventions.yaml", STUDY_GROUP, STUDY_GROUP.replace("Studieväg", "Studiespår")),
    )
    assert lines(diff_rule_sets(baseline, load_rule_set(folder))) == [
        ("ruleset", "planutkast: högst 7 insatser → 6"),
        ("ruleset", "planutkast: högst 3 nya insatser som börjar samtidigt → 2"),
        ("ruleset", "planutkast: nya insatser räknas per 4 veckor → 6"),
        ("ruleset", "planutkast: en insats skjuts upp högst 8 veckor → 10"),
        (
            "alerts",
            "larmet self_harm: vägen ändrad till "
            "”Psykiatrisk akutmottagning; vid fara för liv 112.”",
        ),
        ("alerts", "larmet acute_homelessness: vintermeddelandet borttaget"),
        (
            "alerts",
            "larmet acute_homelessness: akuta steg akutboende → akutboende, stod-vid-ansokan",
        ),
        (
            "alternatives",
            "alternativgruppen psykologisk_behandling: kbt före act-grupp före mindfulness-grupp "
            "→ act-grupp före kbt före mindfulness-grupp",
        ),
        ("alternatives", "alternativgruppen studievag: benämning Studieväg → Studiespår"),
    ]


def test_alerts_and_groups_added_removed_and_reordered(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    moved = load_rule_set(
        make_candidate(
            ("ruleset.yaml", CHILD_ALERT, ""),
            ("ruleset.yaml", 'skollagen 29 kap. 9 §"\n', 'skollagen 29 kap. 9 §"\n' + CHILD_ALERT),
        )
    )
    assert lines(diff_rule_sets(baseline, moved)) == [
        (
            "alerts",
            "larmens ordning suicide_risk, self_harm, acute_homelessness, violence, "
            "child_at_risk, minor → suicide_risk, self_harm, acute_homelessness, violence, "
            "minor, child_at_risk",
        ),
    ]
    # Every alert kind must have a route in a loadable rule set; a model without one still diffs.
    routes = {k: v for k, v in baseline.alert_routes.items() if k != "child_at_risk"}
    groups = tuple(g for g in baseline.alternatives if g.id != "studievag")
    fewer = dataclasses.replace(baseline, alert_routes=routes, alternatives=groups)
    assert lines(diff_rule_sets(baseline, fewer)) == [
        ("alerts", "larmet child_at_risk (Barn som far illa) borttaget"),
        ("alternatives", "alternativgruppen studievag (Studieväg) borttagen"),
    ]
    assert lines(diff_rule_sets(fewer, baseline)) == [
        (
            "alerts",
            "nytt larm child_at_risk (Barn som far illa; väg: Socialtjänsten (barn och unga), "
            "efter kontorstid socialjouren; vid fara 112.; akuta steg: inga)",
        ),
        ("alternatives", "ny alternativgrupp studievag (Studieväg: komvux före folkhogskola)"),
    ]


def test_a_row_for_every_case_says_always(
    baseline: RuleSet, make_candidate: Callable[..., Path]
) -> None:
    sip = KAR_04.splitlines(keepends=True)[0]
    folder = make_candidate(("recommendations/kartlaggning.yaml", sip, KAR_04))
    with_row = load_rule_set(folder)
    assert lines(diff_rule_sets(baseline, with_row)) == [
        (
            "table:kartlaggning",
            "ny rad KAR-04: alla ärenden (always: true) → mgt-kartlaggning (prioritet 2)",
        )
    ]
    table = next(t for t in with_row.tables if t.id == "kartlaggning")
    row = next(r for r in table.rows if r.id == "KAR-01")
    tables = tuple(
        dataclasses.replace(
            t, rows=tuple(dataclasses.replace(r, always=True) if r is row else r for r in t.rows)
        )
        if t is table
        else t
        for t in with_row.tables
    )
    marked = dataclasses.replace(with_row, tables=tables)
    assert lines(diff_rule_sets(with_row, marked)) == [
        ("table:kartlaggning", "KAR-01: markerad att gälla alla ärenden (always: true)")
    ]
    assert lines(diff_rule_sets(marked, with_row)) == [
        (
            "table:kartlaggning",
            "KAR-01: inte längre markerad att gälla alla ärenden (always: false)",
        )
    ]
