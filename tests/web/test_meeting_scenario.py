"""A meeting becomes a golden scenario; a decision keeps the case facts the rules saw."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from mgt_assistant.db.models import PlanVersion, Role, User
from mgt_assistant.domain.governance import read_stored_cases
from mgt_assistant.domain.rules import load_rule_set, run_scenarios
from mgt_assistant.paths import DEFAULT_RULES_DIR
from tests.conftest import csrf_token
from tests.meeting_factory import named_meeting

pytestmark = pytest.mark.db

HX = {"HX-Request": "true"}


def _post(client: TestClient, path: str, **data: str) -> int:
    response = client.post(path, data=data, headers={**HX, "X-CSRF-Token": csrf_token(client)})
    return response.status_code


def test_a_meeting_downloads_as_an_anonymised_scenario_that_passes(
    client: TestClient, logged_in: Callable[..., User], db: Session, tmp_path: Path
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    assert (
        _post(client, path + "/meddelanden", speaker="individen", text="Jag är deprimerad.") == 200
    )
    _post(client, path + "/forslag")
    response = client.get(path + "/testfall")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        f'attachment; filename="testfall-mote-{meeting.id}.yaml"'
    )
    text = response.text
    # Nothing that names the person or the referrer, and nothing in their own words.
    for personal in ("Test Påhittad", "Sara Holm", "deprimerad"):
        assert personal not in text
    (scenario,) = yaml.safe_load(text)["scenarios"]
    assert scenario["expect"]["recommended"]
    assert any(need["id"].startswith("health") for need in scenario["case"]["needs"])
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "tests" / "fran_mote.yaml").write_text(text, encoding="utf-8")
    report = run_scenarios(load_rule_set(rules))
    mine = [r for r in report.results if r.scenario.file == "tests/fran_mote.yaml"]
    assert len(mine) == 1 and mine[0].passed, mine[0].failures


def test_a_decision_stores_the_case_facts_the_rules_saw(
    client: TestClient, logged_in: Callable[..., User], db: Session
) -> None:
    user = logged_in(Role.MGT, party="kommun")
    meeting = named_meeting(db, user)
    path = f"/moten/{meeting.id}"
    _post(client, path + "/meddelanden", speaker="individen", text="Jag har skulder.")
    _post(client, path + "/forslag")
    status = _post(
        client,
        path + "/beslut",
        revision="2",
        decision_date="2026-01-05",
        attendees_af="Lena Berg",
        person_took_part="true",
        person_agrees="true",
    )
    assert status == 200
    (version,) = db.exec(select(PlanVersion)).all()
    facts = version.snapshot["case_facts"]
    assert [n["id"] for n in facts["needs"]] == ["economy.debt"]
    assert facts["referrer"]["party"] == "kommun" and "name" not in facts["referrer"]
    assert facts["consent"]["given"] is True
    # The stored facts are valid replay input (read_stored_cases refuses names and text).
    (case,) = read_stored_cases([json.dumps({"id": "x", "facts": facts})])
    assert case.facts == facts
