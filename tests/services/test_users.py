"""Account management: deactivate, reactivate, change role, reset a password; each audited."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from mgt_assistant.db import users as store
from mgt_assistant.db.models import AuditEvent, AuthSession, Role, User
from mgt_assistant.services import users
from tests.conftest import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.db


def _actions(db: Session, account: User) -> list[str]:
    rows = db.exec(
        select(AuditEvent)
        .where(AuditEvent.object_type == "user", AuditEvent.object_id == str(account.id))
        .order_by(col(AuditEvent.id))
    ).all()
    return [row.action for row in rows]


def _sessions(db: Session, account: User) -> int:
    return len(db.exec(select(AuthSession).where(AuthSession.user_id == account.id)).all())


def test_deactivation_ends_sessions_and_blocks_log_in_until_reactivated(
    db: Session, make_user: UserFactory
) -> None:
    admin = make_user(Role.ADMIN)
    member = make_user(Role.MGT, party="kommun")
    store.start_session(db, member, 3600)
    assert _sessions(db, member) == 1

    users.set_active(db, by=admin, account_id=member.id or 0, active=False)
    assert _sessions(db, member) == 0
    assert store.authenticate(db, member.username, TEST_PASSWORD) is None

    users.set_active(db, by=admin, account_id=member.id or 0, active=True)
    assert store.authenticate(db, member.username, TEST_PASSWORD) is not None
    assert _actions(db, member) == ["user_deactivated", "user_reactivated"]
    last = db.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc())).first()
    assert last is not None and last.user_id == admin.id


def test_an_admin_cannot_lock_themselves_out(db: Session, make_user: UserFactory) -> None:
    admin = make_user(Role.ADMIN)
    with pytest.raises(users.UserError, match="ditt eget konto"):
        users.set_active(db, by=admin, account_id=admin.id or 0, active=False)
    with pytest.raises(users.UserError, match="ditt eget konto"):
        users.change_role(db, by=admin, account_id=admin.id or 0, role=Role.MGT)
    with pytest.raises(users.UserError, match="ditt eget konto"):
        users.reset_password(db, by=admin, account_id=admin.id or 0, password=None)
    db.refresh(admin)
    assert (admin.active, admin.role) == (True, Role.ADMIN)
    assert _actions(db, admin) == []


def test_role_change_needs_a_party_for_team_and_referrer(
    db: Session, make_user: UserFactory
) -> None:
    admin = make_user(Role.ADMIN)
    board = make_user(Role.STYRGRUPP)
    with pytest.raises(users.UserError, match="ge kontot en part"):
        users.change_role(db, by=admin, account_id=board.id or 0, role=Role.MGT)
    db.refresh(board)
    assert board.role is Role.STYRGRUPP
    member = make_user(Role.MGT, party="region")
    users.change_role(db, by=admin, account_id=member.id or 0, role=Role.REMITTENT)
    db.refresh(member)
    assert member.role is Role.REMITTENT
    assert _actions(db, member) == ["user_role_changed"]


def test_unknown_account_is_a_lookup_error(db: Session, make_user: UserFactory) -> None:
    admin = make_user(Role.ADMIN)
    with pytest.raises(LookupError):
        users.set_active(db, by=admin, account_id=999_999, active=False)


def test_reset_password_is_temporary_and_ends_sessions(db: Session, make_user: UserFactory) -> None:
    admin = make_user(Role.ADMIN)
    member = make_user(Role.MGT, party="kommun")
    store.start_session(db, member, 3600)

    password = users.reset_password(db, by=admin, account_id=member.id or 0, password=None)
    db.refresh(member)
    assert member.must_change_password
    assert _sessions(db, member) == 0
    assert store.authenticate(db, member.username, TEST_PASSWORD) is None
    assert store.authenticate(db, member.username, password) is not None
    assert _actions(db, member) == ["password_reset"]
    # The password itself is never in the log.
    assert not any(
        password in (row.object_id or "") + row.action for row in db.exec(select(AuditEvent))
    )


def test_a_typed_temporary_password_must_be_strong(db: Session, make_user: UserFactory) -> None:
    admin = make_user(Role.ADMIN)
    member = make_user(Role.MGT, party="kommun")
    with pytest.raises(users.UserError):
        users.reset_password(db, by=admin, account_id=member.id or 0, password="sommar2026")
    db.refresh(member)
    assert not member.must_change_password
    chosen = "blå-kastrull-under-bron-7"
    assert users.reset_password(db, by=admin, account_id=member.id or 0, password=chosen) == chosen


def test_generated_passwords_differ_and_pass_the_check() -> None:
    made = {users.temporary_password() for _ in range(5)}
    assert len(made) == 5
    assert all(len(p) == 19 and p.count("-") == 3 for p in made)
