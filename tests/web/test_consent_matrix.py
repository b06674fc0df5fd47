"""Consent per unit, enforced on every route and list: the matrix of issue 13.

Cases differ only in the person's consent for the kommun (none, the whole party, one
unit, revoked, expired; for the party and for the unit), plus one consented to the
region's psychiatry only and an anonymous consultation. Viewers are every role and a
team member of several (party, unit) pairs. The expected verdict is written out below
as a table, not derived from the code under test. Every page, list, htmx part, print and
action is asked; a viewer outside consent must get 403 or 404 and never the person's name.

The data is built once per backend; one client walks every viewer × case × route and
the test lists all mismatches at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, delete, select

from mgt_assistant.db import meetings as store
from mgt_assistant.db import users
from mgt_assistant.db.models import (
    Application,
    AuditEvent,
    Consent,
    Meeting,
    Role,
    User,
)
from mgt_assistant.domain.meeting.commands import Propose
from mgt_assistant.domain.meeting.versions import Decision
from mgt_assistant.services import applications as cases
from mgt_assistant.services import decisions
from mgt_assistant.services import meetings as actions
from tests.application_factory import shipped_lexicon, submitted_application
from tests.conftest import BACKENDS, TEST_PASSWORD, UserFactory, csrf_token, log_in
from tests.meeting_factory import meeting_core

pytestmark = pytest.mark.db
# ~800 requests: run on the first configured backend only. The one place the backends
# could differ, the list filter in SQL, is compared with the domain rule on every backend
# by tests/db/test_access_sql.py.
ONE_BACKEND = pytest.mark.parametrize("database_url", BACKENDS[:1], indirect=True)

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)
LONG_AGO = TODAY - timedelta(days=200)
REVOKED_AT = datetime.now(UTC) - timedelta(days=1)

# --- The cases: the person's consent rows (party, unit, valid_until, revoked) ----------
# Every named case also consents to Arbetsförmedlingen, so an Af member is the control
# who sees every named case whatever happens to the kommun's consent.
Row = tuple[str, str | None, date | None, bool]
AF: Row = ("af", None, None, False)
CASES: dict[str, tuple[Row, ...]] = {
    "none": (),
    "party": (AF, ("kommun", None, None, False)),
    "unit": (AF, ("kommun", "socialtjanst", None, False)),
    "unit_revoked": (AF, ("kommun", "socialtjanst", None, True)),
    "party_revoked": (AF, ("kommun", None, None, True)),
    "unit_expired": (AF, ("kommun", "socialtjanst", YESTERDAY, False)),
    "party_expired": (AF, ("kommun", None, YESTERDAY, False)),
    # A unit's own revoked row wins over the party's consent.
    "party_unit_revoked": (
        AF,
        ("kommun", None, None, False),
        ("kommun", "socialtjanst", None, True),
    ),
    "psykiatri": (AF, ("region", "psykiatri", None, False)),
    "anonymous": (),
}
CASE_ORDER = tuple(CASES)

# --- The viewers: role, party, unit -----------------------------------------------------
VIEWERS: dict[str, tuple[Role, str | None, str | None]] = {
    "admin": (Role.ADMIN, None, None),
    "styrgrupp": (Role.STYRGRUPP, None, None),
    "owner": (Role.REMITTENT, "kommun", "socialtjanst"),  # referred every case
    "other_referrer": (Role.REMITTENT, "kommun", "socialtjanst"),
    "team_no_party": (Role.MGT, None, None),
    "kommun_socialtjanst": (Role.MGT, "kommun", "socialtjanst"),
    "kommun_aldreomsorg": (Role.MGT, "kommun", "aldreomsorg"),
    "kommun_no_unit": (Role.MGT, "kommun", None),
    "region_primarvard": (Role.MGT, "region", "primarvard"),
    "region_psykiatri": (Role.MGT, "region", "psykiatri"),
    "af": (Role.MGT, "af", None),
}

# --- The policy: may this viewer see this case? (Y = yes, . = no) ----------------------
# Columns in CASE_ORDER: none party unit unit_revoked party_revoked unit_expired
#                        party_expired party_unit_revoked psykiatri anonymous
POLICY_TABLE = """
admin                . . . . . . . . . .
styrgrupp            . . . . . . . . . .
owner                Y Y Y Y Y Y Y Y Y Y
other_referrer       . . . . . . . . . .
team_no_party        . . . . . . . . . .
kommun_socialtjanst  . Y Y . . . . . . Y
kommun_aldreomsorg   . Y . . . . . Y . Y
kommun_no_unit       . Y . . . . . Y . Y
region_primarvard    . . . . . . . . . Y
region_psykiatri     . . . . . . . . Y Y
af                   . Y Y Y Y Y Y Y Y Y
"""


def _policy() -> dict[tuple[str, str], bool]:
    table: dict[tuple[str, str], bool] = {}
    for line in POLICY_TABLE.strip().splitlines():
        viewer, *marks = line.split()
        assert len(marks) == len(CASE_ORDER), line
        for case, mark in zip(CASE_ORDER, marks, strict=True):
            table[(viewer, case)] = mark == "Y"
    assert {v for v, _ in table} == set(VIEWERS)
    return table


POLICY = _policy()

# --- The routes: which roles reach them at all (consent decides the rest) ---------------
M, R = Role.MGT, Role.REMITTENT
CASE_READERS = frozenset({M, R})
TEAM = frozenset({M})


@dataclass(frozen=True)
class Route:
    """One URL of a case; ``names`` says whether its page shows the person's name."""

    template: str
    roles: frozenset[Role]
    names: bool = False


# The pages that show a case; each is asked for every viewer and every case.
MAIN_ROUTES = (
    Route("/ansokningar/{a}", CASE_READERS, names=True),
    Route("/moten/{m}", TEAM, names=True),
    Route("/moten/{m}/utskrift", CASE_READERS),
)
# Every other read of a case: its htmx parts, versions and follow-up forms. They share
# the access check with the pages above, so each viewer asks them for one case it may
# see and one it may not (the first of each in CASE_ORDER).
PART_ROUTES = (
    Route("/moten/{m}/andringar?revision=-1", TEAM),
    *(
        Route(f"/moten/{{m}}/delar/{name}?revision=-1", TEAM)
        for name in ("akut", "samtal", "behov", "plan", "versioner", "beslut", "chatt", "poll")
    ),
    Route("/moten/{m}/versioner/1", TEAM),
    Route("/uppfoljning/arenden/{a}/avsluta", CASE_READERS),
    Route("/uppfoljning/arenden/{a}/skattning", CASE_READERS),
)
# Every change to a meeting or case, with a form that passes validation, so only the
# access rule can refuse it.
POST_ROUTES: tuple[tuple[str, dict[str, str]], ...] = (
    ("/moten/{m}/forslag", {}),
    ("/moten/{m}/angra", {"revision": "{r}"}),
    ("/moten/{m}/fraga", {"intervention_id": "ips", "question": "varfor"}),
    ("/moten/{m}/behov", {"need_id": "housing", "revision": "{r}"}),
    ("/moten/{m}/behov/ej-aktuellt", {"need_id": "housing", "revision": "{r}"}),
    ("/moten/{m}/behov/granska", {"need_id": "housing", "review": "confirmed", "revision": "{r}"}),
    (
        "/moten/{m}/behov/uppgift",
        {"kind": "alert", "signal_id": "x", "review": "confirmed", "revision": "{r}"},
    ),
    ("/moten/{m}/akut/hanterat", {"revision": "{r}"}),
    ("/moten/{m}/mal", {"revision": "{r}", "goal": "Ett jobb"}),
    ("/moten/{m}/plan", {"intervention_id": "ips", "revision": "{r}"}),
    (
        "/moten/{m}/plan/{i}",
        {
            "revision": "{r}",
            "unit": "af/lokalt_kontor",
            "start_week": "0",
            "weeks": "4",
            "status": "foreslagen",
        },
    ),
    ("/moten/{m}/plan/{i}/ta-bort", {"revision": "{r}"}),
    ("/moten/{m}/meddelanden", {"text": "Hej", "speaker": "remittent"}),
    ("/moten/{m}/beslut", {"revision": "{r}", "decision_date": TODAY.isoformat()}),
    ("/ansokningar/{a}/status", {"to": "uppfoljning"}),
    ("/ansokningar/{a}/boka", {"meeting_date": TODAY.isoformat(), "meeting_time": "10:00"}),
    ("/ansokningar/{a}/ej-aktuell", {"alternative": "Annat"}),
    ("/ansokningar/{a}/samtycke/aterkalla", {"party": "af"}),
)
# Each list, who reaches it, and how a row links to a case.
LISTS = (
    ("/ansokningar", CASE_READERS, 'href="/ansokningar/{a}"'),
    ("/moten", TEAM, 'href="/moten/{m}"'),
    ("/uppfoljning/att-folja-upp", CASE_READERS, 'href="/uppfoljning/arenden/{a}/avsluta"'),
)


@dataclass(frozen=True)
class Built:
    """One case: its application, meeting, a plan row and the person's name."""

    application_id: int
    meeting_id: int
    row: str
    name: str


def _name(case: str) -> str:
    return f"Hemlig {case.replace('_', '').capitalize()}son"


def _build(db: Session, make_user: UserFactory) -> tuple[dict[str, User], dict[str, Built]]:
    viewers = {
        key: users.create_user(
            db,
            username=f"matris.{key.replace('_', '')}",
            password=TEST_PASSWORD,
            role=role,
            display_name=f"Konto {key}",
            party=party,
            unit=unit,
        )
        for key, (role, party, unit) in VIEWERS.items()
    }
    owner, booker = viewers["owner"], make_user(Role.MGT, party="af")
    core = meeting_core()
    built: dict[str, Built] = {}
    for case, rows in CASES.items():
        anonymous = case == "anonymous"
        options = {"anonymous": True} if anonymous else {"person_name": _name(case)}
        application = submitted_application(db, owner, consent_keys=("af",), **options)
        assert application.id is not None
        # Every party takes part while the plan is drafted and decided ...
        _set_consents(
            db,
            application.id,
            [] if anonymous else [(p, None, None, False) for p in ("af", "kommun", "region")],
        )
        cases.book_meeting(
            db,
            application=application,
            scheduled_at=datetime.now(UTC) + timedelta(days=1),
            lexicon=shipped_lexicon(),
            by=booker,
        )
        meeting = db.exec(select(Meeting).where(Meeting.application_id == application.id)).one()
        actions.command(
            db,
            meeting=meeting,
            application=application,
            action=Propose(),
            revision=None,
            by=booker,
            core=core,
        )
        db.refresh(meeting)
        decisions.save_decision(
            db,
            meeting=meeting,
            application=application,
            decision=Decision(TODAY, {"af": "Anna"}, True, True, None, None, None),
            revision=meeting.revision,
            by=booker,
            rule_set=core.rule_set,
        )
        plan = store.plan_of(db, meeting.id or 0)
        assert plan, "the proposal put no row in the plan"
        # ... then the person's consent becomes what the case is about.
        if not anonymous:
            _set_consents(db, application.id, list(rows))
        built[case] = Built(application.id, meeting.id or 0, plan[0].intervention_id, _name(case))
    db.commit()
    return viewers, built


def _set_consents(db: Session, application_id: int, rows: list[Row]) -> None:
    db.exec(delete(Consent).where(col(Consent.application_id) == application_id))
    for party, unit, until, revoked in rows:
        db.add(
            Consent(
                application_id=application_id,
                party=party,
                unit=unit,
                given_on=LONG_AGO,
                valid_until=until,
                revoked_at=REVOKED_AT if revoked else None,
            )
        )
    db.commit()


def _url(template: str, built: Built, revision: int = 0) -> str:
    return (
        template.replace("{a}", str(built.application_id))
        .replace("{m}", str(built.meeting_id))
        .replace("{i}", built.row)
        .replace("{r}", str(revision))
    )


@ONE_BACKEND
def test_every_route_and_list_follows_the_consent_policy(
    client: TestClient, db: Session, make_user: UserFactory
) -> None:
    viewers, built = _build(db, make_user)
    revisions = {case: _revision(db, b) for case, b in built.items()}
    mismatches: list[str] = []
    denied_meetings: set[tuple[int, int]] = set()
    parts_seen: set[Role] = set()

    def ask(key: str, user: User, case: str, route: Route) -> None:
        b = built[case]
        url = _url(route.template, b)
        response = client.get(url)
        leaked = b.name in response.text
        if POLICY[(key, case)] and user.role in route.roles:
            if response.status_code != 200 or (route.names and case != "anonymous" and not leaked):
                mismatches.append(f"{key} {case} GET {url}: {response.status_code}, expected 200")
        elif response.status_code not in (403, 404) or leaked:
            mismatches.append(f"{key} {case} GET {url}: {_said(response.status_code, leaked)}")
        elif route.template == "/moten/{m}" and user.role is Role.MGT:
            denied_meetings.add((user.id or 0, b.meeting_id))

    def change(key: str, case: str, token: str) -> None:
        # Every change is refused to a viewer outside consent, and changes nothing.
        b = built[case]
        for template, form in POST_ROUTES:
            url = _url(template, b)
            data = {k: _url(v, b, revisions[case][0]) for k, v in form.items()}
            response = client.post(url, data={**data, "csrf_token": token})
            leaked = b.name in response.text
            if response.status_code not in (403, 404) or leaked:
                mismatches.append(f"{key} {case} POST {url}: {_said(response.status_code, leaked)}")

    def lists(key: str, user: User) -> None:
        # Lists hold exactly the cases the policy lets the viewer see, and no other name.
        for path, roles, link in LISTS:
            response = client.get(path)
            shown = {case for case, b in built.items() if _url(link, b) in response.text}
            expected = (
                {case for case in CASES if POLICY[(key, case)]} if user.role in roles else set()
            )
            named = {case for case, b in built.items() if b.name in response.text}
            if shown != expected or not named <= expected:
                mismatches.append(
                    f"{key} list {path} ({response.status_code}): rows {sorted(shown)}, "
                    f"names {sorted(named)}, expected {sorted(expected)}"
                )

    for key, user in viewers.items():
        client.cookies.clear()
        log_in(client, user)
        lists(key, user)
        for case in CASES:
            for route in MAIN_ROUTES:
                ask(key, user, case, route)
        if user.role not in CASE_READERS:
            # Refused by role on every route (tests/web/test_authorization.py walks them all).
            continue
        seen = [case for case in CASE_ORDER if POLICY[(key, case)]]
        unseen = [case for case in CASE_ORDER if not POLICY[(key, case)]]
        # A part a viewer may see renders the whole meeting: asked once per role.
        once = seen[:1] if seen and user.role not in parts_seen else []
        parts_seen.update({user.role} if once else set())
        for case in once + unseen[:1]:
            for route in PART_ROUTES:
                ask(key, user, case, route)
        if unseen:
            change(key, unseen[0], csrf_token(client))
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)
    # Nothing a refused viewer sent changed a meeting or a case.
    assert {case: _revision(db, b) for case, b in built.items()} == revisions
    # Every refusal to open a meeting is in the audit log as a denial (ids only).
    logged = {
        (event.user_id, int(event.object_id or 0))
        for event in db.exec(
            select(AuditEvent).where(
                AuditEvent.action == "access_denied", AuditEvent.object_type == "meeting"
            )
        ).all()
    }
    assert denied_meetings and denied_meetings <= logged
    # So is every refusal to open a case page, whether by consent or by owner.
    refused_cases = {
        (event.user_id, int(event.object_id or 0))
        for event in db.exec(
            select(AuditEvent).where(
                AuditEvent.action == "access_denied", AuditEvent.object_type == "application"
            )
        ).all()
    }
    expected_cases = {
        (viewers[key].id, built[case].application_id)
        for (key, case), sees in POLICY.items()
        if not sees and viewers[key].role in CASE_READERS
    }
    assert expected_cases <= refused_cases, expected_cases - refused_cases
    names = [b.name for b in built.values()]
    for event in db.exec(select(AuditEvent)).all():
        text = f"{event.action} {event.object_type} {event.object_id}"
        assert not any(name in text for name in names)


def _said(status: int, leaked: bool) -> str:
    return f"{status}{' NAME LEAKED' if leaked else ''}, expected 403/404"


def _revision(db: Session, built: Built) -> tuple[int, str]:
    meeting = db.get(Meeting, built.meeting_id)
    application = db.get(Application, built.application_id)
    assert meeting is not None and application is not None
    db.refresh(meeting)
    db.refresh(application)
    return meeting.revision, str(application.status)
