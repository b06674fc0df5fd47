"""The application to the MGT as a form: closed vocabularies and server-side validation.

``validate_application`` turns the typed strings into clean values plus a Swedish
message per faulty field. Saving a draft checks formats only; submitting also
checks what the process requires (goal, own efforts, checklist, consent).
An anonymous consultation refuses every identifying field. Income sources and
units are not listed here: they come from the rule set (outcomes.yaml and
partners.yaml are the one list of each) through ``Vocabularies``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from mgt_assistant.domain.parties import FINSAM_PARTIES, PARTY_NAMES
from mgt_assistant.domain.personnummer import (
    PersonnummerError,
    age_on,
    contains_personnummer,
    parse_personnummer,
)
from mgt_assistant.domain.vocabularies import Vocabularies

GENDERS = {"kvinna": "Kvinna", "man": "Man", "annat": "Annat", "vill_ej_uppge": "Vill inte uppge"}
HOME_AREAS = {"tatort": "Tätort", "landsbygd": "Landsbygd"}
# Income that no authority pays (outcomes.yaml ids): no paying party to inform.
PRIVATE_INCOME = frozenset({"ingen_offentlig", "lon"})
PAYING_PARTIES = {
    **{party: PARTY_NAMES[party] for party in FINSAM_PARTIES},
    "annan": "Annan (till exempel a-kassa eller CSN)",
    "ingen": "Ingen",
}
TIME_WITHOUT_WORK = {
    "arbetar": "Arbetar nu",
    "under_6_man": "Under 6 månader",
    "6_12_man": "6–12 månader",
    "1_2_ar": "1–2 år",
    "over_2_ar": "Mer än 2 år",
    "aldrig": "Har aldrig arbetat",
    "okant": "Vet inte",
}
EDUCATION_LEVELS = {
    "ej_grundskola": "Ej fullständig grundskola",
    "grundskola": "Grundskola",
    "ej_gymnasium": "Ej fullständig gymnasieskola",
    "gymnasium": "Gymnasieskola",
    "eftergymnasial": "Eftergymnasial utbildning",
    "okand": "Okänd",
}
# Age bands for anonymous consultations: (label, lowest age, highest age).
AGE_BANDS: dict[str, tuple[str, int, int]] = {
    "under-16": ("Under 16 år", 0, 15),
    "16-19": ("16–19 år", 16, 19),
    "20-24": ("20–24 år", 20, 24),
    "25-29": ("25–29 år", 25, 29),
    "30-39": ("30–39 år", 30, 39),
    "40-49": ("40–49 år", 40, 49),
    "50-59": ("50–59 år", 50, 59),
    "60-64": ("60–64 år", 60, 64),
    "65+": ("65 år eller äldre", 65, 120),
}
TEXT_LIMITS = {
    "person_name": 200,
    "referrer_name": 200,
    "referrer_contact": 200,
    "goal": 4000,
    "own_resources_tried": 4000,
    "description": 20000,
}
CHOICES: dict[str, Mapping[str, object]] = {
    "gender": GENDERS,
    "home_area": HOME_AREAS,
    "paying_party": PAYING_PARTIES,
    "time_without_work": TIME_WITHOUT_WORK,
    "education_level": EDUCATION_LEVELS,
    "age_band": AGE_BANDS,
}
CHECKBOXES = ("brings_companion", "person_informed", "payer_informed_and_approved")
FREE_TEXTS = ("goal", "own_resources_tried", "description")


@dataclass(frozen=True)
class ConsentScope:
    """A party, or a unit of it, that the person can include in or exclude from consent."""

    key: str
    party: str
    unit: str | None
    label: str


# Units are partners.yaml ids; tests/domain/test_vocabularies.py keeps them in that list.
CONSENT_SCOPES = (
    ConsentScope("af", "af", None, "Arbetsförmedlingen"),
    ConsentScope("fk", "fk", None, "Försäkringskassan"),
    ConsentScope("region_primarvard", "region", "primarvard", "Regionen – primärvård"),
    ConsentScope("region_psykiatri", "region", "psykiatri", "Regionen – psykiatri"),
    ConsentScope("region_habilitering", "region", "habilitering", "Regionen – habilitering"),
    ConsentScope("kommun_socialtjanst", "kommun", "socialtjanst", "Kommunen – socialtjänst"),
    ConsentScope(
        "kommun_utbildning",
        "kommun",
        "utbildning_arbetsliv",
        "Kommunen – utbildning och arbetsliv",
    ),
    ConsentScope("privat", "privat", None, "Privat vårdgivare"),
)


@dataclass(frozen=True)
class ConsentChoice:
    """What the person decided for one consent scope."""

    party: str
    unit: str | None
    included: bool
    given_on: date | None
    valid_until: date | None


@dataclass
class ValidatedApplication:
    """Clean values for the Application row, the consent choices, and the field errors."""

    values: dict[str, Any] = field(default_factory=dict)
    consents: list[ConsentChoice] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Tell whether no field has an error."""
        return not self.errors


def consent_field(scope: ConsentScope, part: str) -> str:
    """Return the form field name of one part (included, given_on, valid_until) of a scope."""
    return f"consent_{scope.key}_{part}"


def age_range(
    *, birth_date: date | None, birth_year: int | None, age_band: str | None, today: date
) -> tuple[int, int] | None:
    """Return the person's possible age (lowest, highest) from what is known."""
    if birth_date is not None:
        age = age_on(birth_date, today)
        return (age, age)
    if birth_year is not None:
        return (max(today.year - birth_year - 1, 0), max(today.year - birth_year, 0))
    if age_band in AGE_BANDS:
        _label, low, high = AGE_BANDS[age_band]
        return (low, high)
    return None


def _text(raw: Mapping[str, str], name: str) -> str:
    return raw.get(name, "").strip()


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ValueError("Skriv datumet som ÅÅÅÅ-MM-DD.") from None


class _Validator:
    def __init__(
        self,
        raw: Mapping[str, str],
        vocabularies: Vocabularies,
        *,
        anonymous: bool,
        submitting: bool,
        today: date,
    ):
        self.raw, self.vocabularies = raw, vocabularies
        self.anonymous, self.submitting, self.today = anonymous, submitting, today
        self.result = ValidatedApplication()

    def error(self, name: str, message: str) -> None:
        self.result.errors.setdefault(name, message)

    def required(self, name: str, message: str) -> None:
        if self.submitting and not self.result.values.get(name):
            self.error(name, message)

    def run(self) -> ValidatedApplication:
        values = self.result.values
        values["anonymous"] = self.anonymous
        for name, limit in TEXT_LIMITS.items():
            text = _text(self.raw, name)
            if len(text) > limit:
                self.error(name, f"Texten får vara högst {limit} tecken.")
            values[name] = text or None
        for name in FREE_TEXTS:
            values[name] = values[name] or ""
        for name, choices in CHOICES.items():
            value = _text(self.raw, name)
            if value and value not in choices:
                self.error(name, "Välj ett av alternativen i listan.")
            values[name] = value or None
        income = _text(self.raw, "income_source")
        if income and income not in self.vocabularies.income_sources:
            self.error("income_source", "Välj en försörjning i listan.")
        values["income_source"] = income or None
        for name in CHECKBOXES:
            values[name] = bool(self.raw.get(name))
        values["consent_obtained"] = bool(self.raw.get("consent_obtained"))
        self.referrer()
        self.identity_anonymous() if self.anonymous else self.identity()
        self.required("goal", "Ange målet med ansökan.")
        self.required("own_resources_tried", "Beskriv vad din organisation redan har prövat.")
        if self.submitting and values["income_source"] not in (None, *PRIVATE_INCOME):
            self.required("paying_party", "Ange vilken part som betalar personens försörjning.")
        if not self.anonymous:
            self.checklist()
            self.consents()
        else:
            for name in ("person_informed", "payer_informed_and_approved", "consent_obtained"):
                values[name] = False
        return self.result

    def referrer(self) -> None:
        party = _text(self.raw, "referrer_party")
        if party not in FINSAM_PARTIES:
            self.error("referrer_party", "Välj vilken part du arbetar för.")
        self.result.values["referrer_party"] = party
        unit = _text(self.raw, "referrer_unit")
        if unit and not self.vocabularies.knows_unit(party, unit):
            self.error("referrer_unit", "Välj en enhet i listan som hör till din part.")
        self.result.values["referrer_unit"] = unit or None
        if not self.result.values["referrer_name"]:
            self.error("referrer_name", "Ange ditt namn.")
        self.result.values["referrer_name"] = self.result.values["referrer_name"] or ""

    def identity(self) -> None:
        values = self.result.values
        values["age_band"] = None
        values["birth_date"] = None
        self.required("person_name", "Ange personens namn.")
        number = _text(self.raw, "personnummer")
        values["personnummer"] = None
        if number:
            try:
                parsed = parse_personnummer(number, self.today)
            except PersonnummerError as error:
                self.error("personnummer", str(error))
            else:
                values["personnummer"] = parsed.normalized
                values["birth_date"] = parsed.birth_date
        year_text = _text(self.raw, "birth_year")
        values["birth_year"] = None
        if year_text:
            if not (
                year_text.isdigit() and self.today.year - 120 <= int(year_text) <= self.today.year
            ):
                self.error("birth_year", "Ange födelseåret med fyra siffror, till exempel 1994.")
            else:
                values["birth_year"] = int(year_text)
        birth_date = values["birth_date"]
        if birth_date is not None:
            if values["birth_year"] not in (None, birth_date.year):
                self.error("birth_year", "Födelseåret stämmer inte med personnumret.")
            values["birth_year"] = birth_date.year
        elif self.submitting and not number and values["birth_year"] is None:
            self.error("birth_year", "Ange personnummer eller födelseår.")

    def identity_anonymous(self) -> None:
        values = self.result.values
        refusals = {
            "person_name": "En anonym konsultation får inte innehålla namn. Ta bort namnet.",
            "personnummer": "En anonym konsultation får inte innehålla personnummer. Ta bort det.",
            "birth_year": "Ange bara åldersintervall i en anonym konsultation, inte födelseår.",
        }
        for name, message in refusals.items():
            if _text(self.raw, name):
                self.error(name, message)
            values[name] = None
        values["birth_date"] = None
        self.required("age_band", "Välj ett åldersintervall.")
        for name in FREE_TEXTS:
            if contains_personnummer(values[name], self.today):
                self.error(
                    name,
                    "Texten innehåller ett personnummer. Ta bort det: konsultationen är anonym.",
                )

    def checklist(self) -> None:
        values = self.result.values
        if not self.submitting:
            return
        if not values["person_informed"]:
            self.error("person_informed", "Informera personen om MGT innan du skickar in.")
        payer = values["paying_party"]
        if (
            payer in FINSAM_PARTIES
            and payer != values["referrer_party"]
            and not values["payer_informed_and_approved"]
        ):
            self.error(
                "payer_informed_and_approved",
                f"{PARTY_NAMES[payer]} betalar försörjningen och måste vara informerad "
                "och ha godkänt ansökan.",
            )
        if not values["consent_obtained"]:
            self.error("consent_obtained", "Samtycke måste vara inhämtat innan du skickar in.")

    def consents(self) -> None:
        for scope in CONSENT_SCOPES:
            included = bool(self.raw.get(consent_field(scope, "included")))
            dates: dict[str, date | None] = {}
            for part in ("given_on", "valid_until"):
                name = consent_field(scope, part)
                try:
                    dates[part] = _date(_text(self.raw, name))
                except ValueError as error:
                    self.error(name, str(error))
                    dates[part] = None
            given_on, valid_until = dates["given_on"], dates["valid_until"]
            self.consent_dates(scope, included, given_on, valid_until)
            self.result.consents.append(
                ConsentChoice(scope.party, scope.unit, included, given_on, valid_until)
            )
        if (
            self.submitting
            and self.result.values["consent_obtained"]
            and not any(choice.included for choice in self.result.consents)
        ):
            self.error("consents", "Markera minst en part som personen har samtyckt till.")

    def consent_dates(
        self, scope: ConsentScope, included: bool, given_on: date | None, valid_until: date | None
    ) -> None:
        given_name = consent_field(scope, "given_on")
        until_name = consent_field(scope, "valid_until")
        if given_on is not None and given_on > self.today:
            self.error(given_name, "Datumet kan inte vara i framtiden.")
        if included and given_on is None and self.submitting:
            self.error(given_name, "Ange datum då samtycket gavs.")
        if valid_until is not None and given_on is not None and valid_until < given_on:
            self.error(until_name, "Samtycket kan inte gälla till ett datum före det gavs.")
        elif included and valid_until is not None and valid_until < self.today:
            self.error(until_name, "Samtycket har redan gått ut.")


def validate_application(
    raw: Mapping[str, str],
    vocabularies: Vocabularies,
    *,
    anonymous: bool,
    submitting: bool,
    today: date,
) -> ValidatedApplication:
    """Validate the typed form; ``submitting`` adds what the process requires."""
    return _Validator(
        raw, vocabularies, anonymous=anonymous, submitting=submitting, today=today
    ).run()


def stored_age_range(
    *, personnummer: str | None, birth_year: int | None, age_band: str | None, today: date
) -> tuple[int, int] | None:
    """Return the possible age of a saved application's person."""
    birth_date = None
    if personnummer:
        try:
            birth_date = parse_personnummer(personnummer, today).birth_date
        except PersonnummerError:
            birth_date = None
    return age_range(birth_date=birth_date, birth_year=birth_year, age_band=age_band, today=today)


def parse_booking(
    date_text: str, time_text: str, *, now: datetime
) -> tuple[datetime | None, dict[str, str]]:
    """Read a meeting's local date and time; return the aware time or Swedish field errors."""
    errors: dict[str, str] = {}
    day: date | None = None
    clock: time | None = None
    try:
        day = date.fromisoformat(date_text.strip()) if date_text.strip() else None
    except ValueError:
        errors["meeting_date"] = "Skriv datumet som ÅÅÅÅ-MM-DD."
    if day is None:
        errors.setdefault("meeting_date", "Ange datum för mötet.")
    try:
        clock = time.fromisoformat(time_text.strip()) if time_text.strip() else None
    except ValueError:
        errors["meeting_time"] = "Skriv tiden som TT:MM, till exempel 13:30."
    if clock is None:
        errors.setdefault("meeting_time", "Ange tid för mötet.")
    if day is None or clock is None:
        return None, errors
    when = datetime.combine(day, clock, tzinfo=now.tzinfo)
    if when < now:
        return None, {"meeting_date": "Mötet kan inte bokas på en tid som redan har passerat."}
    return when, {}
