"""`mgt-assistant needs --json` and `recommend` reading needs from text."""

from __future__ import annotations

import io
import json

import pytest

from mgt_assistant.cli import main


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_needs_json_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Har inga skulder men bor på soffan hos kompisar och är sjukskirven för depresion"
    code, out, _ = _run(monkeypatch, capsys, ["needs", "--json"], text + "\n")
    assert code == 0
    needs = json.loads(out)["needs"]
    statuses = {n["domain"]: n["status"] for n in needs if n["status"] != "negated"}
    assert statuses == {"housing": "present", "health": "present"}
    assert [n["domain"] for n in needs if n["status"] == "negated"] == ["economy"]
    assert all(text[n["start"] : n["end"]] == n["evidence"] for n in needs)
    again = _run(monkeypatch, capsys, ["needs", "--json"], text + "\n")[1]
    assert again == out


@pytest.mark.parametrize("stdin", ["", "   \n", "x" * 20_001])
def test_needs_refuses_empty_or_long_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str
) -> None:
    code, out, err = _run(monkeypatch, capsys, ["needs", "--json"], stdin)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("mgt-assistant: ")


def test_recommend_uses_needs_found_in_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = {"text": "Har skulder hos Kronofogden. Inget missbruk.", "age": 40}
    code, out, _ = _run(monkeypatch, capsys, ["recommend", "--json"], json.dumps(case))
    assert code == 0
    needs = {n["id"]: n["status"] for n in json.loads(out)["needs"]}
    assert needs["economy.debt"] == "present"
    assert needs.get("health.substance_use") == "negated"
    interventions = [r["intervention"] for r in json.loads(out)["recommendations"]]
    assert "budget-skuldradgivning" in interventions


def test_needs_json_carries_signals_beside_the_needs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Har tankar på att ta livet av sig. Har boendestöd och får försörjningsstöd."
    code, out, _ = _run(monkeypatch, capsys, ["needs", "--json"], text + "\n")
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["needs", "signals"]
    signals = [(s["kind"], s["id"], s["status"], s["evidence"]) for s in document["signals"]]
    assert signals == [
        ("alert", "suicide_risk", "present", "ta livet av sig"),
        ("in_place", "boendestod", "present", "boendestöd"),
        # Försörjningsstöd is the income source, not also the catalogue service (round 4).
        ("income", "ekonomiskt_bistand", "present", "försörjningsstöd"),
    ]
    assert all(text[s["start"] : s["end"]] == s["evidence"] for s in document["signals"])


@pytest.mark.parametrize(
    "text",
    [
        "Hon har tankar på att ta livet av sig. Har redan daglig verksamhet och god man.",
        "Han är 17 år, har sovit i bilen och har inga pengar. Går hos psykiatrin.",
        "Har boendestöd och får försörjningsstöd, vill jobba men orkar bara ett par timmar.",
    ],
)
def test_recommend_reads_text_with_the_needs_reader(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    needs_code, needs_out, _ = _run(monkeypatch, capsys, ["needs", "--json"], text + "\n")
    rec_code, rec_out, _ = _run(
        monkeypatch, capsys, ["recommend", "--json"], json.dumps({"text": text})
    )
    assert needs_code == rec_code == 0
    read, recommended = json.loads(needs_out), json.loads(rec_out)
    # Needs: one entry per need id; the reader's active mention is the one that counts.
    read_needs = {n["id"] for n in read["needs"]}
    assert {n["id"] for n in recommended["needs"]} == read_needs
    present = [s for s in read["signals"] if s["status"] == "present"]
    alerts = {(s["id"], s["evidence"]) for s in present if s["kind"] == "alert"}
    # The draft orders alerts by the rule set's urgency, the reader by position.
    assert {(a["kind"], a["evidence"]) for a in recommended["alerts"]} == alerts
    in_place = {(s["id"], s["evidence"]) for s in present if s["kind"] == "in_place"}
    assert in_place, "the text names a service the person already has"
    assert {(i["intervention"], i["evidence"]) for i in recommended["in_place"]} == in_place
