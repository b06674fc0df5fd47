"""Follow-up pages: results with suppression, downloads, ending a plan, a follow-up, reminders."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session

from mgt_assistant.db.models import Application, ApplicationStatus, Role, User
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.rules import load_rule_set
from mgt_assistant.paths import DEFAULT_RULES_DIR
from mgt_assistant.services import followup as service
from tests.conftest import UserFactory, csrf_token
from tests.followup_factory import decided_case, ended
from tests.html import parse

pytestmark = pytest.mark.db
PERIOD = {"fran": "2025-01-01", "till": "2025-12-31"}


def _cases(db: Session, referrer: User) -> None:
    for number in range(9):
        ended(
            db,
            referrer,
            end_reason="arbete_med_stod" if number < 6 else "ater_remittent",
            end_date=date(2025, 3, 3),
            interventions={"mac": "fullfoljd"},
        )
    for _ in range(3):
        ended(
            db,
            referrer,
            end_reason="studier",
            end_date=date(2025, 3, 4),
            interventions={"redo": "fullfoljd"},
        )


def _target_rows(markup: str) -> dict[str, list[str]]:
    table = parse(markup).find("table", id="maltabell")
    assert table is not None
    return {
        row.find_all("th")[0].text: [cell.text for cell in row.find_all("td")]
        for row in table.find_all("tr")[1:]
    }


def test_steering_group_sees_targets_and_hidden_small_counts(
    client: TestClient, db: Session, make_user: UserFactory, logged_in: Callable[..., User]
) -> None:
    _cases(db, make_user(Role.REMITTENT))
    logged_in(Role.STYRGRUPP)
    response = client.get("/uppfoljning", params=PERIOD)
    assert response.status_code == 200
    rows = _target_rows(response.text)
    # 3 early ends show "< 5"; 9 would give them away as 12 − 9, so it is hidden too ("x").
    assert rows["Avslut i förtid eller åter till remittent"][:3] == ["< 5", "12", "< 5"]
    assert rows["Arbete eller studier"][:3] == ["x", "12", "x"]
    page = parse(response.text)
    cells = [td.text for td in page.find_all("td")]
    assert "< 5" in cells
    assert "Test Påhittad" not in response.text
    canvases = page.find_all("canvas")
    assert len(canvases) == 2 and all(c.attrs.get("data-chart") for c in canvases)


def test_bad_period_gets_a_swedish_message(
    client: TestClient, logged_in: Callable[..., User]
) -> None:
    logged_in(Role.STYRGRUPP)
    response = client.get("/uppfoljning", params={"fran": "2025-13-01"})
    assert response.status_code == 400
    assert "Skriv periodens början som ÅÅÅÅ-MM-DD." in response.text
    backwards = client.get("/uppfoljning", params={"fran": "2025-05-01", "till": "2025-01-01"})
    assert "Periodens slut ligger före dess början." in backwards.text


def test_export_downloads_csv_and_xlsx(
    client: TestClient, db: Session, make_user: UserFactory, logged_in: Callable[..., User]
) -> None:
    _cases(db, make_user(Role.REMITTENT))
    logged_in(Role.STYRGRUPP)
    csv_file = client.get("/uppfoljning/export.csv", params=PERIOD)
    assert csv_file.status_code == 200
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert "uppfoljning-finsam-2025-01-01-2025-12-31.csv" in csv_file.headers["content-disposition"]
    assert csv_file.content.startswith("\ufeffPeriod från;".encode())
    xlsx = client.get("/uppfoljning/export.xlsx", params=PERIOD)
    sheet = load_workbook(io.BytesIO(xlsx.content))["Uppföljning"]
    assert sheet.cell(1, 1).value == "Period från"
    assert client.get("/uppfoljning/export.pdf", params=PERIOD).status_code == 404


def test_team_ends_a_plan_and_records_the_six_month_follow_up(
    client: TestClient, db: Session, logged_in: Callable[..., User]
) -> None:
    team = logged_in(Role.MGT, party="kommun")
    today = swedish_time.today()
    application = decided_case(db, team, date(today.year - 1, 1, 5))
    form = client.get(f"/uppfoljning/arenden/{application.id}/avsluta")
    assert form.status_code == 200
    radios = parse(form.text).find_all("input", type="radio")
    interventions = sorted({r.attrs["name"] or "" for r in radios})
    assert interventions
    token = csrf_token(client)
    refused = client.post(
        f"/uppfoljning/arenden/{application.id}/avsluta",
        data={"csrf_token": token, "end_date": today.isoformat(), "income_source": "lon"},
    )
    assert refused.status_code == 400
    assert "Välj en avslutsorsak i listan." in refused.text
    end = date(today.year - 1, 6, 1)
    data = {
        "csrf_token": token,
        "end_date": end.isoformat(),
        "end_reason": "arbete_utan_stod",
        "income_source": "lon",
        **dict.fromkeys(interventions, "fullfoljd"),
    }
    done = client.post(f"/uppfoljning/arenden/{application.id}/avsluta", data=data)
    assert done.status_code == 303
    db.expire_all()
    saved = db.get(Application, application.id)
    assert saved is not None and saved.status is ApplicationStatus.FOLLOW_UP
    due = client.get("/uppfoljning/att-folja-upp")
    links = [a.attrs.get("href") for a in parse(due.text).find_all("a")]
    assert f"/uppfoljning/arenden/{application.id}/6-manader" in links
    reminder = client.get("/uppfoljning/paminnelse")
    assert reminder.status_code == 200 and "försenad" in reminder.text
    answer = client.post(
        f"/uppfoljning/arenden/{application.id}/6-manader",
        data={
            "csrf_token": token,
            "result": "work",
            "income_source": "lon",
            "answered_on": date(today.year - 1, 12, 1).isoformat(),
        },
    )
    assert answer.status_code == 303
    found = service.results(
        db,
        rule_set=load_rule_set(DEFAULT_RULES_DIR),
        chosen=service.ResultFilter(date(today.year - 1, 1, 1), today),
    )
    assert found.follow_ups.cell("6", "work").count == 1


def test_another_referrer_cannot_end_a_plan(
    client: TestClient, db: Session, make_user: UserFactory, logged_in: Callable[..., User]
) -> None:
    team = make_user(Role.MGT, party="kommun")
    application = decided_case(db, team, date(2026, 1, 5))
    logged_in(Role.REMITTENT, party="af")
    assert client.get(f"/uppfoljning/arenden/{application.id}/avsluta").status_code == 404
    assert client.get("/uppfoljning/paminnelse").status_code == 204


def test_own_rating_form_shows_the_change_per_person(
    client: TestClient, db: Session, logged_in: Callable[..., User]
) -> None:
    referrer = logged_in(Role.REMITTENT)
    record = ended(db, referrer, end_reason="studier", end_date=date(2025, 3, 1), interventions={})
    path = f"/uppfoljning/arenden/{record.application_id}/skattning"
    token = csrf_token(client)
    wrong = client.post(path, data={"csrf_token": token, "occasion": "start", "halsa": "0"})
    assert wrong.status_code == 400 and "heltal från 1 till 10" in wrong.text
    for occasion, score in (("start", "3"), ("avslut", "7")):
        saved = client.post(path, data={"csrf_token": token, "occasion": occasion, "halsa": score})
        assert saved.status_code == 303
    table = parse(client.get(path).text).find("table")
    assert table is not None
    health = next(r for r in table.find_all("tr") if "Hur mår du" in r.text)
    assert [td.text for td in health.find_all("td")] == ["3", "–", "7", "+4"]
