"""`mgt-assistant needs`: the JSON contract on stdout and the exit codes."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from mgt_assistant.cli import needs as needs_cli
from mgt_assistant.cli.common import CliError
from mgt_assistant.paths import DEFAULT_RULES_DIR


def _run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdin: str,
    *,
    as_json: bool = True,
    rules: Path = DEFAULT_RULES_DIR,
) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = needs_cli.run(argparse.Namespace(json=as_json, rules=rules))
    assert code == 0
    return capsys.readouterr().out


def test_json_contract_for_the_issue_example(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Har inga skulder men bor på soffan hos kompisar och är sjukskirven för depresion\n"
    out = _run(monkeypatch, capsys, text)
    document = json.loads(out)
    assert list(document) == ["needs", "signals"]
    assert [(s["kind"], s["id"], s["evidence"]) for s in document["signals"]] == [
        ("diagnosis", "depression", "depresion")
    ]
    housing = next(n for n in document["needs"] if n["domain"] == "housing")
    assert housing == {
        "domain": "housing",
        "id": "housing.homeless",
        "label": "Saknar bostad",
        "status": "present",
        "evidence": "bor på soffan hos kompisar",
        "start": 21,
        "end": 47,
        "score": housing["score"],
    }
    assert {n["domain"]: n["status"] for n in document["needs"]} == {
        "economy": "negated",
        "housing": "present",
        "health": "present",
    }
    assert all(text[n["start"] : n["end"]] == n["evidence"] for n in document["needs"])
    assert [n["start"] for n in document["needs"]] == sorted(n["start"] for n in document["needs"])
    assert _run(monkeypatch, capsys, text) == out


def test_second_issue_example_reports_no_present_need(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Mamman har ett alkoholmissbruk. Själv har han tidigare haft ångest men mår bra nu.\n"
    statuses = [n["status"] for n in json.loads(_run(monkeypatch, capsys, text))["needs"]]
    assert statuses and "present" not in statuses


def test_plain_output_is_one_line_per_need(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(monkeypatch, capsys, "Hemlös.", as_json=False)
    assert out == "0–6\thousing.homeless\tfinns\t”Hemlös”\n"


@pytest.mark.parametrize("stdin", ["", "  \n\t", "x" * 20_001])
def test_empty_or_too_long_input_exits_2_with_one_swedish_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with pytest.raises(CliError) as error:
        needs_cli.run(argparse.Namespace(json=True, rules=DEFAULT_RULES_DIR))
    assert error.value.exit_code == 2
    assert "\n" not in error.value.message and error.value.message.startswith(("ingen", "texten"))
    assert capsys.readouterr().out == ""


def test_exactly_the_limit_is_accepted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert json.loads(_run(monkeypatch, capsys, "hemlös " * 2_857 + "x"))["needs"]


def test_a_broken_lexicon_is_one_line_naming_file_and_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "needs.yaml").write_bytes((DEFAULT_RULES_DIR / "needs.yaml").read_bytes())
    (tmp_path / "lexicon.yaml").write_text("version: 1\nversion: 2\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("Hemlös."))
    with pytest.raises(CliError) as error:
        needs_cli.run(argparse.Namespace(json=True, rules=tmp_path))
    assert error.value.message.startswith("lexicon.yaml:2: ")
    assert error.value.exit_code == 1


def test_json_signals_follow_the_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Hon är 17 år, har god man och misstänkt ADHD. Får aktivitetsersättning och vill dö.\n"
    document = json.loads(_run(monkeypatch, capsys, text))
    found = {(s["kind"], s["id"], s["status"]) for s in document["signals"]}
    assert found == {
        ("alert", "minor", "present"),
        ("in_place", "god-man", "present"),
        ("diagnosis", "adhd", "uncertain"),
        ("income", "aktivitetsersattning", "present"),
        ("alert", "suicide_risk", "present"),
    }
    for signal in document["signals"]:
        assert list(signal) == ["kind", "id", "status", "evidence", "start", "end"]
        assert text[signal["start"] : signal["end"]] == signal["evidence"]
    assert [s["start"] for s in document["signals"]] == sorted(
        s["start"] for s in document["signals"]
    )


def test_plain_output_lists_signals_in_swedish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(monkeypatch, capsys, "Sover i bilen.", as_json=False)
    assert out.splitlines() == [
        "0–13\thousing.homeless\tfinns\t”Sover i bilen”",
        "Signaler:",
        "0–13\tvarning: Akut hemlöshet (acute_homelessness)\tfinns\t”Sover i bilen”",
    ]
