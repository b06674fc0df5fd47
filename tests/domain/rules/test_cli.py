"""`rules check|test|explain` and the `recommend --json` contract."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mgt_assistant.cli import main
from mgt_assistant.paths import PROJECT_ROOT
from tests.domain.rules.conftest import line_of, replace_in

DONE_MEANS_CASE = (
    # Work-track rows need a work or studies need since issue 9.
    '{"needs":["housing","health","work_readiness"],"age":30,"referrer":{"party":"kommun"},'
    '"consent":{"excluded_parties":["af"]}}'
)


def run(
    argv: list[str],
    stdin: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_done_means_command_through_the_installed_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mgt_assistant", "recommend", "--json"],
        input=DONE_MEANS_CASE,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    plan = document["plan"]
    assert plan["owner"] == {"party": "kommun", "unit": None, "role": "remittent"}
    care = [r for r in plan["rows"] if r["lane"] == "vard" and r["party"] == "region"]
    work = [r for r in plan["rows"] if r["lane"] == "arbetsliv" and r["phase"] != "efterstod"]
    assert care and work and {r["start_week"] for r in care} & {r["start_week"] for r in work}
    assert all(r["party"] != "af" for r in document["recommendations"] + plan["rows"])


def test_recommend_json_follows_the_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = json.dumps(
        {
            "text": "fri text om situationen",
            "needs": ["housing", "economy.debt"],
            "age": 34,
            "referrer": {"party": "kommun", "unit": "socialtjanst"},
            "income_source": "ekonomiskt_bistand",
            "consent": {"excluded_parties": ["af"]},
            "own_resources_tried": True,
        }
    )
    code, out, err = run(["recommend", "--json"], case, monkeypatch, capsys)
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document) == [
        "rule_set",
        "alerts",
        "needs",
        "eligibility",
        "recommendations",
        "not_recommended",
        "in_place",
        "later",
        "plan",
    ]
    assert set(document["rule_set"]) == {"version", "hash"}
    assert document["needs"][1] == {
        "id": "economy.debt",
        "domain": "economy",
        "status": "present",
        "evidence": "",
    }
    assert set(document["eligibility"]) == {"in_target_group", "reasons"}
    assert document["recommendations"][0].keys() == {"intervention", "party", "unit", "rule", "why"}
    eko = next(r for r in document["recommendations"] if r["rule"] == "EKO-01")
    assert (eko["intervention"], eko["party"]) == ("budget-skuldradgivning", "kommun")
    assert document["not_recommended"][0].keys() == {"intervention", "reason"}
    assert document["plan"]["owner"] == {
        "party": "kommun",
        "unit": "socialtjanst",
        "role": "remittent",
    }
    assert document["plan"]["rows"][0].keys() == {
        "intervention",
        "party",
        "unit",
        "lane",
        "phase",
        "start_week",
        "weeks",
        "why",
    }


def test_same_input_gives_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(["recommend", "--json"], DONE_MEANS_CASE, monkeypatch, capsys)
    second = run(["recommend", "--json"], DONE_MEANS_CASE, monkeypatch, capsys)
    assert first == second


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("{not json", "mgt-assistant: ogiltig JSON på rad 1: Expecting property name"),
        ('{"age": 30.5}', "mgt-assistant: 'age' måste vara ett heltal"),
        ('{"age": "30"}', "mgt-assistant: 'age' måste vara ett heltal"),
        ('{"needs": ["boende"]}', "mgt-assistant: okänt behov 'boende'"),
        (
            '{"consent": {"excluded_parties": ["skolan"]}}',
            "mgt-assistant: okänd part 'skolan' i consent.excluded_parties",
        ),
        (
            '{"referrer": {"party": "kommun", "unit": "skolan"}}',
            "mgt-assistant: okänd enhet 'skolan' hos Kommunen",
        ),
        ("[]", "mgt-assistant: ärendet måste vara ett JSON-objekt"),
        ('{"alder": 3}', "mgt-assistant: okänt fält 'alder'"),
    ],
)
def test_bad_input_exits_2_with_one_swedish_line(
    stdin: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["recommend", "--json"], stdin, monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(message)


def test_rules_check_passes_on_the_shipped_rules(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(["rules", "check"], "", monkeypatch, capsys)
    assert code == 0
    assert "0 fel, 0 varningar" in out.splitlines()[-1]


@pytest.mark.parametrize(
    ("file", "old", "new", "needle"),
    [
        (
            "recommendations/boende.yaml",
            "label: Boende\n",
            "label: Boende\nlabel: Annat\n",
            "label: Annat",
        ),
        (
            "recommendations/boende.yaml",
            "intervention: bostad-forst,",
            "intervention: bostad,",
            "intervention: bostad,",
        ),
        ("recommendations/studier.yaml", "age: 20..64", "age: 18..64", "id: STU-02"),
    ],
    ids=["duplicate-key", "unknown-intervention", "unique-overlap"],
)
def test_rules_check_exits_1_naming_file_and_line(
    rules_copy: Path,
    file: str,
    old: str,
    new: str,
    needle: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    replace_in(rules_copy / file, old, new)
    line = line_of(rules_copy / file, needle)
    code, out, err = run(["rules", "check", str(rules_copy)], "", monkeypatch, capsys)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{file}:{line}: ")
    assert "kan inte användas" in err


def test_rules_test_passes_with_full_row_coverage(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(["rules", "test"], "", monkeypatch, capsys)
    assert code == 0
    assert out.splitlines()[-1].endswith("radtäckning 60/60 (100 %)")


def test_rules_test_fails_on_a_broken_scenario(
    rules_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(
        rules_copy / "tests" / "scenarier.yaml",
        "recommended: [komvux, sfi,",
        "recommended: [kaa, sfi,",
    )
    code, out, _err = run(["rules", "test", str(rules_copy)], "", monkeypatch, capsys)
    assert code == 1
    assert "kaa föreslogs inte: inte behörig: personen är 35 år, insatsen gäller 16–19 år" in out


def test_broken_rules_refuse_to_recommend(
    rules_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(rules_copy / "partners.yaml", "  - id: fk\n", "  - id: fk\n  - id: fk\n")
    code, out, err = run(
        ["recommend", "--json", "--rules", str(rules_copy)], "{}", monkeypatch, capsys
    )
    assert (code, out) == (1, "")
    assert err.startswith("mgt-assistant: regeluppsättningen har fel: partners.yaml:")


def test_explain_gives_why_and_why_not_in_swedish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(["rules", "explain"], DONE_MEANS_CASE, monkeypatch, capsys)
    assert code == 0
    assert "Inom MGT:s målgrupp: okänt" in out
    assert (
        "  + Boendestöd (Kommunen, Socialtjänsten (ekonomiskt bistånd, missbruk, boende)) "
        "– regel BOE-03 i boende" in out
    )
    assert "      läste: behov=Boende" in out
    assert (
        "  - SIUS – särskilt introduktions- och uppföljningsstöd: personen har undantagit "
        "Arbetsförmedlingen i sitt samtycke" in out
    )


def test_recommend_reads_units_by_name_services_in_place_and_consent_per_unit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = json.dumps(
        {
            "needs": ["health.severe_mental", "health.mental", "work_readiness.long_unemployment"],
            "age": 40,
            "referrer": {"party": "kommun", "unit": "socialtjänst"},
            "services_in_place": [{"id": "god-man", "evidence": "har god man"}],
            "consent": {"excluded_units": ["region.psykiatri"]},
            "own_resources_tried": True,
            "date": "2026-09-01",
        }
    )
    code, out, err = run(["recommend", "--json"], case, monkeypatch, capsys)
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["plan"]["owner"]["unit"] == "socialtjanst"
    assert document["in_place"] == [
        {
            "intervention": "god-man",
            "party": "kommun",
            "unit": "overformyndare",
            "evidence": "har god man",
        }
    ]
    units = {(r["party"], r["unit"]) for r in document["plan"]["rows"]}
    assert ("region", "primarvard") in units and ("region", "psykiatri") not in units
    reasons = {n["intervention"]: n["reason"] for n in document["not_recommended"]}
    assert reasons["psykiatri-oppenvard"].startswith("personen har undantagit Vuxenpsykiatrin")
    assert reasons["supported-employment"].startswith("alternativ till ips")
    assert all(item.keys() == {"intervention", "why"} for item in document["later"])


def test_recommend_puts_a_suicide_alert_first_and_a_minor_gets_minor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = json.dumps(
        {
            "needs": ["health.mental", "work_readiness"],
            "age": 17,
            "alerts": [{"kind": "suicide_risk", "evidence": "har tankar på att dö"}],
            "diagnoses": [{"id": "depression", "evidence": "har depression"}],
        }
    )
    code, out, err = run(["recommend", "--json"], case, monkeypatch, capsys)
    assert code == 0, err
    alerts = json.loads(out)["alerts"]
    assert [a["kind"] for a in alerts] == ["suicide_risk", "minor"]
    assert alerts[0].keys() == {"kind", "message", "route", "evidence"}
    assert alerts[0]["evidence"] == "har tankar på att dö"


def test_recommend_refuses_an_unknown_unit_in_swedish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = json.dumps({"referrer": {"party": "kommun", "unit": "bageriet"}})
    code, _out, err = run(["recommend", "--json"], case, monkeypatch, capsys)
    assert code == 2
    assert "okänd enhet 'bageriet' hos Kommunen" in err
