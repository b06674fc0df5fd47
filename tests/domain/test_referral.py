"""The application form's server-side rules, the target-group check and the pre-check."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mgt_assistant.domain.needs import Signal
from mgt_assistant.domain.needs.extractor import NeedStatus
from mgt_assistant.domain.needs.taxonomy import load_taxonomy
from mgt_assistant.domain.precheck import acute_alerts, run_precheck
from mgt_assistant.domain.referral import age_range, parse_booking, validate_application
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.domain.target_group import check_target_group
from mgt_assistant.domain.vocabularies import Vocabularies
from tests.mentions import mention

TODAY = date(2026, 11, 23)
RULES = Path(__file__).resolve().parents[2] / "rules"
VOCABULARIES = Vocabularies.of(load_rule_set(RULES))


def _form(**fields: str) -> dict[str, str]:
    form = {
        "person_name": "Testa Testsson",
        "birth_year": "1990",
        "referrer_party": "kommun",
        "referrer_name": "Rut",
        "goal": "Arbete.",
        "own_resources_tried": "Samtal.",
        "person_informed": "1",
        "consent_obtained": "1",
        "consent_af_included": "1",
        "consent_af_given_on": "2026-11-01",
    }
    form.update(fields)
    return form


def test_a_complete_form_is_valid() -> None:
    result = validate_application(
        _form(), VOCABULARIES, anonymous=False, submitting=True, today=TODAY
    )
    assert result.errors == {}
    assert result.values["birth_year"] == 1990
    assert [c.party for c in result.consents if c.included] == ["af"]


def test_personnummer_sets_the_birth_year_and_must_agree_with_it() -> None:
    ok = validate_application(
        _form(personnummer="199001010017", birth_year=""),
        VOCABULARIES,
        anonymous=False,
        submitting=True,
        today=TODAY,
    )
    assert ok.values["personnummer"] == "19900101-0017" and ok.values["birth_year"] == 1990
    bad = validate_application(
        _form(personnummer="19900101-0017", birth_year="1991"),
        VOCABULARIES,
        anonymous=False,
        submitting=True,
        today=TODAY,
    )
    assert bad.errors == {"birth_year": "Födelseåret stämmer inte med personnumret."}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"goal": ""}, "goal", "Ange målet med ansökan."),
        ({"birth_year": ""}, "birth_year", "Ange personnummer eller födelseår."),
        (
            {"birth_year": "90"},
            "birth_year",
            "Ange födelseåret med fyra siffror, till exempel 1994.",
        ),
        ({"gender": "okänt"}, "gender", "Välj ett av alternativen i listan."),
        (
            {"consent_obtained": ""},
            "consent_obtained",
            "Samtycke måste vara inhämtat innan du skickar in.",
        ),
        (
            {"consent_af_included": ""},
            "consents",
            "Markera minst en part som personen har samtyckt till.",
        ),
        ({"consent_af_given_on": "1/11"}, "consent_af_given_on", "Skriv datumet som ÅÅÅÅ-MM-DD."),
        (
            {"consent_af_valid_until": "2026-10-01"},
            "consent_af_valid_until",
            "Samtycket kan inte gälla till ett datum före det gavs.",
        ),
        (
            {"paying_party": "", "income_source": "sjukpenning"},
            "paying_party",
            "Ange vilken part som betalar personens försörjning.",
        ),
    ],
)
def test_each_fault_has_a_swedish_message(fields: dict[str, str], field: str, message: str) -> None:
    result = validate_application(
        _form(**fields), VOCABULARIES, anonymous=False, submitting=True, today=TODAY
    )
    assert result.errors[field] == message


def test_a_draft_may_be_incomplete_but_not_malformed() -> None:
    draft = validate_application(
        _form(goal="", consent_obtained="", birth_year=""),
        VOCABULARIES,
        anonymous=False,
        submitting=False,
        today=TODAY,
    )
    assert draft.errors == {}
    bad = validate_application(
        _form(personnummer="123"), VOCABULARIES, anonymous=False, submitting=False, today=TODAY
    )
    assert set(bad.errors) == {"personnummer"}


def test_anonymous_consultation_refuses_identity_and_needs_an_age_band() -> None:
    result = validate_application(
        _form(personnummer="19121212-1212"),
        VOCABULARIES,
        anonymous=True,
        submitting=True,
        today=TODAY,
    )
    assert set(result.errors) == {"person_name", "personnummer", "birth_year", "age_band"}
    ok = validate_application(
        {
            "age_band": "25-29",
            "referrer_party": "af",
            "referrer_name": "R",
            "goal": "G",
            "own_resources_tried": "O",
        },
        VOCABULARIES,
        anonymous=True,
        submitting=True,
        today=TODAY,
    )
    assert ok.errors == {}
    assert ok.values["person_name"] is None and ok.values["consent_obtained"] is False
    assert ok.consents == []


def test_age_ranges() -> None:
    assert age_range(
        birth_date=date(1990, 12, 24), birth_year=None, age_band=None, today=TODAY
    ) == (35, 35)
    assert age_range(birth_date=None, birth_year=2010, age_band=None, today=TODAY) == (15, 16)
    assert age_range(birth_date=None, birth_year=None, age_band="60-64", today=TODAY) == (60, 64)
    assert age_range(birth_date=None, birth_year=None, age_band=None, today=TODAY) is None


def test_booking_time_is_local_and_not_in_the_past() -> None:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    when, errors = parse_booking("2026-11-30", "13:30", now=now)
    assert errors == {} and when is not None and when.utcoffset() is not None
    assert parse_booking("2026-11-01", "13:30", now=now)[1] == {
        "meeting_date": "Mötet kan inte bokas på en tid som redan har passerat."
    }
    assert set(parse_booking("", "", now=now)[1]) == {"meeting_date", "meeting_time"}


def test_target_group_is_advice_with_reasons() -> None:
    check = check_target_group(age_range=(15, 16), parties={"kommun"}, own_resources_tried=False)
    assert [c.met for c in check.criteria] == [None, False, False]
    assert not check.all_met
    check = check_target_group(
        age_range=(30, 30), parties={"af", "kommun"}, own_resources_tried=True
    )
    assert check.all_met
    assert check.criteria[1].reason == "Behoven berör 2 parter (Arbetsförmedlingen, Kommunen)."
    assert (
        check_target_group(age_range=(70, 70), parties=(), own_resources_tried=True).criteria[0].met
        is False
    )


def test_precheck_counts_present_needs_and_leaves_out_excluded_parties() -> None:
    taxonomy = load_taxonomy(RULES)
    mentions = [
        mention("economy.debt", "present", "skulder"),
        mention("economy.debt", "present", "Kronofogden"),
        mention("work_readiness.long_unemployment", "present", "arbetslös"),
        mention("health.substance_use", "historical", "tidigare missbruk"),
    ]
    result = run_precheck(mentions, taxonomy, age_range=(30, 30), own_resources_tried=True)
    assert [n.id for n in result.counted] == ["economy.debt", "work_readiness.long_unemployment"]
    assert [n.id for n in result.not_counted] == ["health.substance_use"]
    assert result.parties == {"af", "kommun"}
    assert result.target_group.all_met
    without_af = run_precheck(
        mentions,
        taxonomy,
        age_range=(30, 30),
        own_resources_tried=True,
        excluded_parties=frozenset({"af"}),
    )
    assert without_af.parties == {"kommun"}
    assert without_af.target_group.criteria[1].met is False


def _alert(kind: str, status: NeedStatus, evidence: str) -> Signal:
    return Signal("alert", kind, status, evidence, 0, len(evidence))


def test_precheck_names_acute_risks_with_their_route_before_any_meeting() -> None:
    routes = load_rule_set(RULES).alert_routes
    signals = [
        _alert("self_harm", NeedStatus.UNCERTAIN, "river upp huden"),
        _alert("suicide_risk", NeedStatus.PRESENT, "vill inte leva"),
        _alert("suicide_risk", NeedStatus.UNCERTAIN, "tog slut för gott"),
        _alert("violence", NeedStatus.HISTORICAL, "slog henne förr"),  # past: not acute now
        _alert("minor", NeedStatus.PRESENT, "17 år"),  # the age criterion tells it
        Signal("in_place", "boendestod", NeedStatus.PRESENT, "boendestöd", 0, 10),
    ]
    found = acute_alerts(signals, routes)
    assert [(a.kind, a.uncertain, a.evidence) for a in found] == [
        ("suicide_risk", False, "vill inte leva"),
        ("self_harm", True, "river upp huden"),
    ]
    assert found[0].message.startswith("Hantera akut nu, inte via MGT")
    assert "112" in found[0].route
    taxonomy = load_taxonomy(RULES)
    result = run_precheck([], taxonomy, age_range=(30, 30), own_resources_tried=True, alerts=found)
    assert result.alerts == found


def test_income_and_unit_come_from_the_rule_set_and_unknown_ids_are_refused() -> None:
    ok = validate_application(
        _form(income_source="ingen_offentlig", referrer_unit="socialtjanst"),
        VOCABULARIES,
        anonymous=False,
        submitting=True,
        today=TODAY,
    )
    assert ok.errors == {}
    assert (ok.values["income_source"], ok.values["referrer_unit"]) == (
        "ingen_offentlig",
        "socialtjanst",
    )
    # A person without public income has no paying party to name.
    assert ok.values["paying_party"] is None
    old = validate_application(
        _form(income_source="ingen", referrer_unit="psykiatri"),
        VOCABULARIES,
        anonymous=False,
        submitting=False,
        today=TODAY,
    )
    assert old.errors == {
        "income_source": "Välj en försörjning i listan.",
        # psykiatri is the region's unit, not the kommun's.
        "referrer_unit": "Välj en enhet i listan som hör till din part.",
    }
