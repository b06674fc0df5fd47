"""The access rule as an explicit table: viewer × consent state → allowed or why not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mgt_assistant.domain.access import (
    CaseFacts,
    Denial,
    Grant,
    Person,
    Viewer,
    decide,
    taking_part,
)

TODAY = date(2026, 12, 1)
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)
OWNER = 1

VIEWERS = {
    "admin": Person(Viewer.ADMIN, 9, "kommun", "socialtjanst"),
    "styrgrupp": Person(Viewer.STEERING, 8, "region", "psykiatri"),
    "remittent, egen": Person(Viewer.REFERRER, OWNER, "kommun", "socialtjanst"),
    "remittent, annan": Person(Viewer.REFERRER, 2, "region", "psykiatri"),
    "team utan part": Person(Viewer.TEAM, 3),
    "team region/psykiatri": Person(Viewer.TEAM, 4, "region", "psykiatri"),
    "team region/primärvård": Person(Viewer.TEAM, 5, "region", "primarvard"),
    "team region utan enhet": Person(Viewer.TEAM, 6, "region"),
    "team kommun/soc": Person(Viewer.TEAM, 7, "kommun", "socialtjanst"),
}

STATES = {
    "inget": (),
    "part": (Grant("region", None),),
    "enhet": (Grant("region", "psykiatri"),),
    "återkallat": (Grant("region", "psykiatri", revoked=True),),
    "utgånget": (Grant("region", "psykiatri", valid_until=YESTERDAY),),
    "ej ännu": (Grant("region", "psykiatri", given_on=TOMORROW),),
    "utom psyk": (Grant("region", None), Grant("region", "psykiatri", included=False)),
    "psyk återk": (Grant("region", None), Grant("region", "psykiatri", revoked=True)),
}

# ok = allowed; role = role never sees persons; own = another referrer's case;
# part = account without party; nej = no consent; återk = revoked; ut = expired.
POLICY = """
                        inget  part   enhet  återkallat utgånget ej ännu utom psyk      psyk återk
admin                   role   role   role   role       role     role    role           role
styrgrupp               role   role   role   role       role     role    role           role
remittent, egen         ok     ok     ok     ok         ok       ok      ok             ok
remittent, annan        own    own    own    own        own      own     own            own
team utan part          part   part   part   part       part     part    part           part
team region/psykiatri   nej    ok     ok     återk      ut       nej     nej            återk
team region/primärvård  nej    ok     nej    nej        nej      nej     ok             ok
team region utan enhet  nej    ok     nej    nej        nej      nej     ok             ok
team kommun/soc         nej    nej    nej    nej        nej      nej     nej            nej
"""
CODES = {
    "ok": None,
    "role": Denial.ROLE,
    "own": Denial.NOT_OWN,
    "part": Denial.NO_PARTY,
    "nej": Denial.NO_CONSENT,
    "återk": Denial.REVOKED,
    "ut": Denial.EXPIRED,
}


def _table() -> list[tuple[str, str, Denial | None]]:
    lines = [line for line in POLICY.strip("\n").splitlines() if line.strip()]
    rows = []
    for line in lines[1:]:
        name = next(viewer for viewer in VIEWERS if line.startswith(viewer + " "))
        cells = line[len(name) :].split()
        assert len(cells) == len(STATES), name
        rows += [(name, state, CODES[cell]) for state, cell in zip(STATES, cells, strict=True)]
    return rows


TABLE = _table()


def test_the_table_covers_every_viewer_and_state() -> None:
    assert len(TABLE) == len(VIEWERS) * len(STATES)


@pytest.mark.parametrize(("viewer", "state", "expected"), TABLE)
def test_named_case(viewer: str, state: str, expected: Denial | None) -> None:
    case = CaseFacts(referrer_user_id=OWNER, anonymous=False, grants=STATES[state])
    decision = decide(VIEWERS[viewer], case, TODAY)
    assert decision.denial is expected
    assert decision.allowed is (expected is None)
    assert (decision.message == "") is (expected is None)


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_anonymous_consultation_needs_no_consent_but_still_a_team_party(viewer: str) -> None:
    case = CaseFacts(referrer_user_id=OWNER, anonymous=True)
    expected = {
        "admin": Denial.ROLE,
        "styrgrupp": Denial.ROLE,
        "remittent, annan": Denial.NOT_OWN,
        "team utan part": Denial.NO_PARTY,
    }.get(viewer)
    assert decide(VIEWERS[viewer], case, TODAY).denial is expected


def test_consent_valid_through_its_last_day() -> None:
    grants = (Grant("af", None, valid_until=TODAY),)
    case = CaseFacts(referrer_user_id=OWNER, anonymous=False, grants=grants)
    assert decide(Person(Viewer.TEAM, 5, "af", "lokalt_kontor"), case, TODAY).allowed
    later = TODAY + timedelta(days=1)
    assert decide(Person(Viewer.TEAM, 5, "af", "lokalt_kontor"), case, later).denial is (
        Denial.EXPIRED
    )


def test_taking_part_lists_the_units_consent_lets_in() -> None:
    units = {"region": ("primarvard", "psykiatri", "habilitering"), "af": ("lokalt_kontor",)}
    grants = (
        Grant("region", None),
        Grant("region", "psykiatri", included=False),
        Grant("af", None, revoked=True),
    )
    assert taking_part(grants, units, TODAY) == {
        ("region", "primarvard"),
        ("region", "habilitering"),
    }
