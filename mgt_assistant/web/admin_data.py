"""Data protection for administrators: gallring, the register extract, and erasing one case.

Every action here is the admin's alone and is logged: gallring and erasure with
their counts (``data_removal``), each register extract per case. A personnummer
is only ever posted, never put in a URL. Erasing asks twice: the case is shown,
and the admin types its number again to confirm.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field
from starlette.responses import Response

from mgt_assistant.db.models import DataRemoval
from mgt_assistant.domain import swedish_time
from mgt_assistant.domain.retention import CATEGORY_LABELS, RetentionPolicy
from mgt_assistant.services import register_extract, retention
from mgt_assistant.web.deps import Admin, SessionDep, SettingsDep
from mgt_assistant.web.flash import redirect
from mgt_assistant.web.forms import FormModel, FormRead, form_of
from mgt_assistant.web.rendering import View, render

router = APIRouter(prefix="/administration/dataskydd")
PAGE = "/administration/dataskydd"
MAX_CASE_NUMBER = 2**31 - 1
# Swedish names of the stored columns an extract shows; others are shown by their own name.
FIELD_LABELS = {
    "id": "Nummer",
    "status": "Status",
    "anonymous": "Anonym konsultation",
    "person_name": "Namn",
    "personnummer": "Personnummer",
    "birth_year": "Födelseår",
    "age_band": "Åldersgrupp",
    "gender": "Kön",
    "home_area": "Boendeort",
    "income_source": "Försörjning",
    "paying_party": "Part som betalar försörjningen",
    "time_without_work": "Tid utan arbete",
    "education_level": "Utbildning",
    "referrer": "Remittent (konto)",
    "referrer_party": "Remitterande part",
    "referrer_unit": "Remitterande enhet",
    "referrer_name": "Remittentens namn",
    "referrer_contact": "Remittentens kontaktuppgift",
    "goal": "Mål",
    "own_resources_tried": "Egna resurser som prövats",
    "description": "Beskrivning",
    "brings_companion": "Tar med någon",
    "person_informed": "Personen är informerad",
    "payer_informed_and_approved": "Försörjande part informerad och har godkänt",
    "consent_obtained": "Samtycke finns",
    "alternative_suggestion": "Förslag på annat stöd",
    "created_at": "Skapad",
    "submitted_at": "Inskickad",
    "updated_at": "Senast ändrad",
    "anonymised_at": "Avidentifierad",
    "application_id": "Ärende",
    "meeting_id": "Möte",
    "party": "Part",
    "unit": "Enhet",
    "included": "Får medverka",
    "given_on": "Givet",
    "valid_until": "Gäller till",
    "revoked_at": "Återkallat",
    "at": "Tid",
    "user": "Av (konto)",
    "author": "Skrivet av (konto)",
    "action": "Händelse",
    "note": "Anteckning",
    "speaker": "Talare",
    "text": "Text",
    "evidence": "Citat",
    "need_id": "Behov",
    "label": "Benämning",
    "intervention_id": "Insats",
    "summary": "Sammanfattning",
    "snapshot": "Planen som den beslutades",
    "decision_date": "Beslutsdag",
    "end_date": "Slutdag",
    "end_reason": "Avslutsorsak",
    "months": "Månader efter avslut",
    "result": "Resultat",
    "score": "Poäng",
    "object_type": "Gäller",
    "object_id": "Objektets nummer",
}


class DataForm(FormModel):
    """The fields of this page's forms (each form posts the ones it has)."""

    arende: str = Field("", max_length=20)
    personnummer: str = Field("", max_length=20)
    format: str = Field("html", max_length=8)
    kontroll: str = Field("", max_length=20)
    statistik: str = Field("behall", max_length=8)
    bekrafta: str = Field("", max_length=4)


DataFormRead = Annotated[FormRead[DataForm], form_of(DataForm)]


@dataclass(frozen=True)
class RemovalRow:
    """One gallring run or erasure, in words (counts only)."""

    at: str
    kind: str
    by: str
    deleted: int
    anonymised: int


@dataclass(frozen=True)
class DataProtectionView(View):
    """Gallring due today, the latest runs, and the forms for an extract and an erasure."""

    today: str
    periods: list[tuple[str, int]]
    counts: list[tuple[str, int]]
    reasons: list[tuple[str, int]]
    removals: list[RemovalRow]
    form: dict[str, str]
    errors: dict[str, str]


@dataclass(frozen=True)
class ConfirmErasureView(View):
    """The case an admin asked to erase, shown before it is erased."""

    application_id: int
    status: str
    person: str
    created: str
    has_figures: bool
    errors: dict[str, str]


@dataclass(frozen=True)
class ExtractSectionView:
    """One section of the printable extract: its heading and its rows as (label, text) pairs."""

    label: str
    rows: list[list[tuple[str, str]]]


@dataclass(frozen=True)
class ExtractCaseView:
    """One case of the printable extract."""

    application_id: int
    sections: list[ExtractSectionView]


@dataclass(frozen=True)
class ExtractView(View):
    """The register extract as a printable page."""

    made_at: str
    asked_for: str
    cases: list[ExtractCaseView]


def _periods(policy: RetentionPolicy) -> list[tuple[str, int]]:
    return [
        ("Utkast som inte ändrats", policy.draft_days),
        ("Ärende som inte var aktuellt för MGT", policy.not_relevant_days),
        ("Efter att samtycket återkallats helt", policy.revoked_days),
        ("Avslutat ärende efter uppföljningen vid 12 månader", policy.closed_after_follow_up_days),
        ("Avslutat ärende som aldrig följdes upp (längst)", policy.closed_max_days),
    ]


def _removal_row(removal: DataRemoval, username: str | None) -> RemovalRow:
    return RemovalRow(
        swedish_time.format_datetime(removal.at),
        "Gallring" if removal.kind == "gallring" else "Radering av ett ärende",
        username or "kommandoraden",
        removal.cases_deleted,
        removal.cases_anonymised,
    )


def _page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    policy = settings.retention_policy
    today = swedish_time.today()
    report = retention.plan_gallring(session, policy=policy, today=today)
    view = DataProtectionView(
        "Dataskydd",
        swedish_time.format_date(today),
        _periods(policy),
        [(label, report.counts.get(key, 0)) for key, label in CATEGORY_LABELS.items()],
        sorted(report.reasons.items()),
        [_removal_row(r, name) for r, name in retention.removals(session)],
        {k: v for k, v in (form or {}).items() if k in {"arende"}},
        errors or {},
    )
    return render(request, "admin_data/index.html", view, status_code=422 if errors else 200)


def _case_number(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned.isdigit() or len(cleaned) > 10 or not 1 <= int(cleaned) <= MAX_CASE_NUMBER:
        return None
    return int(cleaned)


@router.get("")
def data_protection_page(
    request: Request, session: SessionDep, settings: SettingsDep, user: Admin
) -> Response:
    """Show what gallring would remove today, the latest runs, and the forms."""
    return _page(request, session, settings)


@router.post("/gallra")
def carry_out_gallring(
    request: Request, session: SessionDep, settings: SettingsDep, user: Admin, form: DataFormRead
) -> Response:
    """Carry out gallring now, after the admin ticked that they have read the counts."""
    if form.model is None or form.model.bekrafta != "ja":
        errors = {"bekrafta": "Kryssa i att du har läst antalen innan du gallrar."}
        return _page(request, session, settings, errors=errors)
    report = retention.run_gallring(
        session, policy=settings.retention_policy, today=swedish_time.today(), by=user
    )
    deleted = report.counts.get("cases_deleted", 0)
    anonymised = report.counts.get("cases_anonymised", 0)
    return redirect(
        request,
        PAGE,
        f"Gallringen är utförd: {deleted} ärenden raderade, {anonymised} avidentifierade.",
    )


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def _printable(extract: register_extract.RegisterExtract) -> list[ExtractCaseView]:
    return [
        ExtractCaseView(
            case.application_id,
            [
                ExtractSectionView(
                    section.label,
                    [
                        [
                            (FIELD_LABELS.get(name, name), _text(value))
                            for name, value in row.items()
                        ]
                        for row in section.rows
                    ],
                )
                for section in case.sections
            ],
        )
        for case in extract.cases
    ]


@router.post("/registerutdrag")
def take_register_extract(
    request: Request, session: SessionDep, settings: SettingsDep, user: Admin, form: DataFormRead
) -> Response:
    """Return everything stored about one person, as a printable page or a JSON file."""
    data = form.model
    if data is None:
        return _page(request, session, settings, form.typed, {"arende": "Kontrollera fälten."})
    case_number = _case_number(data.arende) if data.arende.strip() else None
    if data.arende.strip() and case_number is None:
        errors = {"arende": "Ärendenumret ska vara ett heltal."}
        return _page(request, session, settings, form.typed, errors)
    try:
        extract = register_extract.register_extract(
            session,
            by=user,
            personnummer=data.personnummer or None,
            application_id=case_number,
            today=swedish_time.today(),
        )
    except register_extract.ExtractError as error:
        return _page(request, session, settings, form.typed, {"utdrag": str(error)})
    private = {"Cache-Control": "no-store"}
    if data.format == "json":
        body = json.dumps(extract.to_json(), ensure_ascii=False, indent=2)
        stamp = swedish_time.local(extract.made_at).strftime("%Y%m%d-%H%M%S")
        private["Content-Disposition"] = f'attachment; filename="registerutdrag-{stamp}.json"'
        return Response(body, media_type="application/json; charset=utf-8", headers=private)
    view = ExtractView(
        "Registerutdrag",
        swedish_time.format_datetime(extract.made_at),
        extract.asked_for,
        _printable(extract),
    )
    return render(request, "admin_data/extract.html", view, headers=private)


def _confirm(
    request: Request,
    session: SessionDep,
    application_id: int,
    errors: dict[str, str] | None = None,
) -> Response:
    application = retention.erasable(session, application_id)
    person = (
        "Anonym konsultation"
        if application.anonymous
        else " ".join(p for p in (application.person_name, application.personnummer) if p) or "–"
    )
    view = ConfirmErasureView(
        "Radera ärende",
        application_id,
        application.status.value,
        person,
        swedish_time.format_date(application.created_at),
        retention.has_decided_plan(session, application_id),
        errors or {},
    )
    return render(
        request,
        "admin_data/confirm_erasure.html",
        view,
        status_code=422 if errors else 200,
        headers={"Cache-Control": "no-store"},
    )


@router.post("/radera")
def erase_case(
    request: Request, session: SessionDep, settings: SettingsDep, user: Admin, form: DataFormRead
) -> Response:
    """Show the case to erase; erase it once the admin has typed its number again."""
    data = form.model
    case_number = _case_number(data.arende) if data is not None else None
    if data is None or case_number is None:
        errors = {"radera_arende": "Ange ärendets nummer, ett heltal."}
        return _page(request, session, settings, form.typed, errors)
    try:
        if data.bekrafta != "ja":
            return _confirm(request, session, case_number)
        if _case_number(data.kontroll) != case_number:
            errors = {"kontroll": f"Skriv {case_number} för att bekräfta raderingen."}
            return _confirm(request, session, case_number, errors)
        counts = retention.erase_case(
            session,
            application_id=case_number,
            by=user,
            keep_statistics=data.statistik != "radera",
        )
    except retention.RetentionError as error:
        return _page(request, session, settings, form.typed, {"radera_arende": str(error)})
    done = "avidentifierat" if counts.get("cases_anonymised") else "raderat"
    return redirect(request, PAGE, f"Ärende {case_number} är {done}.")
