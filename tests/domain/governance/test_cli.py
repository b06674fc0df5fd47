"""`mgt-assistant rules diff` and `rules replay` through the real command line parser."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mgt_assistant.cli import main
from mgt_assistant.domain.governance import case_facts
from mgt_assistant.domain.rules import RuleSet, read_case
from mgt_assistant.paths import DEFAULT_RULES_DIR
from tests.domain.governance.conftest import CATALOGUE_EDIT, ROW_EDIT


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def candidate_dir(make_candidate: Callable[..., Path]) -> Path:
    return make_candidate(ROW_EDIT, CATALOGUE_EDIT)


def test_diff_prints_the_changed_rows_in_words(
    candidate_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["rules", "diff", str(DEFAULT_RULES_DIR), str(candidate_dir)], capsys)
    assert (code, err) == (0, "")
    assert "  ARB-04: ålder 16–29 → 16–34" in out.splitlines()
    assert "  boendestod: lägsta ålder 18 → 20" in out.splitlines()
    assert out.splitlines()[-1] == "2 ändringar"
    argv = ["rules", "diff", "--exit-code", str(DEFAULT_RULES_DIR), str(candidate_dir)]
    assert run(argv, capsys)[0] == 1


def test_diff_of_identical_folders(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rules", "diff", "--exit-code", str(DEFAULT_RULES_DIR), str(DEFAULT_RULES_DIR)]
    code, out, _ = run(argv, capsys)
    assert code == 0 and out.splitlines()[-1] == "Inga skillnader"


def test_diff_json(candidate_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["rules", "diff", "--json", str(DEFAULT_RULES_DIR), str(candidate_dir)], capsys
    )
    data = json.loads(out)
    assert code == 0 and data["count"] == 2
    assert [s["id"] for s in data["sections"]] == ["catalogue", "table:arbetsliv"]


def test_diff_of_a_broken_folder_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, broken)
    (broken / "ruleset.yaml").write_text("version: [\n", encoding="utf-8")
    code, _, err = run(["rules", "diff", str(DEFAULT_RULES_DIR), str(broken)], capsys)
    assert code == 1
    assert "den nya regelkatalogen" in err and "ruleset.yaml" in err


def test_replay_over_a_cases_file(
    baseline: RuleSet,
    candidate_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    young = read_case(baseline, {"needs": ["housing"], "age": 19, "referrer": {"party": "kommun"}})
    older = read_case(baseline, {"needs": ["housing"], "age": 40})
    lines = [
        json.dumps({"id": f"f{n}", "facts": case_facts(c)}) for n, c in enumerate([young, older])
    ]
    cases = tmp_path / "fall.jsonl"
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["rules", "replay", "--candidate", str(candidate_dir), "--cases", str(cases)]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert "2 av 2 ärenden jämförda" in out
    assert "  boendestod (Boendestöd): +0 / −1 ärenden" in out
    assert "    faller bort i ärende f0: 19 år; remitterad av Kommunen; behov: Boende" in out
    assert "  Kommunen: 1 av 1 planer ändras; faller bort: boendestod 1" in out
    code, out, _ = run([*argv, "--json"], capsys)
    data = json.loads(out)
    assert (data["changed_plans"], data["interventions"][0]["removed"]) == (1, 1)
    assert data["scenarios_passed"] == len(data["scenarios"])


def test_replay_with_a_bad_cases_file(
    candidate_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = tmp_path / "fall.jsonl"
    cases.write_text('{"id": "a", "facts": {"text": "Kalle"}}\n', encoding="utf-8")
    argv = ["rules", "replay", "--candidate", str(candidate_dir), "--cases", str(cases)]
    code, _, err = run(argv, capsys)
    assert code == 2 and "fall.jsonl:1: fältet 'text' (fritext) får inte sparas" in err


def test_replay_without_cases_uses_synthetic_ones(
    candidate_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["rules", "replay", "--candidate", str(candidate_dir)], capsys)
    assert code == 0 and "1000 syntetiska ärenden" in out and "1000 av 1000" in out


def test_diff_prints_plan_limits_and_alternatives(
    make_candidate: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_candidate(
        ("ruleset.yaml", "max_rows: 7", "max_rows: 6"),
        (
            "interventions.yaml",
            "order: [komvux, folkhogskola]",
            "order: [folkhogskola, komvux]",
        ),
    )
    code, out, _ = run(["rules", "diff", str(DEFAULT_RULES_DIR), str(folder)], capsys)
    assert code == 0 and out.splitlines()[1:] == [
        "",
        "Regeluppsättningen",
        "  planutkast: högst 7 insatser → 6",
        "",
        "Alternativgrupper (alternatives: i interventions.yaml)",
        "  alternativgruppen studievag: komvux före folkhogskola → folkhogskola före komvux",
        "",
        "2 ändringar",
    ]


def test_replay_reads_alerts_and_services_in_place_from_stored_facts(
    baseline: RuleSet,
    make_candidate: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = make_candidate(
        ("ruleset.yaml", "acute_interventions: [akutboende]", "acute_interventions: []")
    )
    homeless = {"needs": ["housing.homeless"], "age": 30, "alerts": ["acute_homelessness"]}
    handled = homeless | {"alerts_handled": ["acute_homelessness"]}
    cases = tmp_path / "fall.jsonl"
    cases.write_text(
        "\n".join(json.dumps({"id": n, "facts": f}) for n, f in [("a", homeless), ("b", handled)]),
        encoding="utf-8",
    )
    argv = ["rules", "replay", "--candidate", str(folder), "--cases", str(cases)]
    code, out, _ = run(argv, capsys)
    assert code == 0
    # Only the case with the alert still open drafted akutboende; the handled one did not.
    shown = out.splitlines()
    start = shown.index("  akutboende (Akutboende via socialtjänsten): +0 / −1 ärenden")
    assert shown[start + 1 : start + 5] == [
        "    faller bort i ärende a: 30 år; behov: Saknar bostad; larm: Akut hemlöshet",
        "      före: akutboende",
        "      efter: inga insatser",
        "      orsak – nuvarande regler: Akut: akut hemlöshet – Socialtjänsten i dag, efter "
        "kontorstid socialjouren (akutboende/nödbistånd).",
    ]
