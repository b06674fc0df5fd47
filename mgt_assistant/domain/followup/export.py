"""The national follow-up export ("Uppföljning Finsam", formerly SUS) as CSV and XLSX.

Counts of participants per intervention × gender for each background variable
(age group, education, income source at start and at end, end reason, town or
countryside) [seed 002 §12: "försörjning, tid i projektet, utskriftsanledning …
kopplat till ålder, kön och utbildning" and "stad och land"; DOMAIN.md §6].
Each variable is a three-way table intervention × category × gender with all
margins; the margins intervention × gender are one set of cells shared by every
variable, so the whole file is suppressed in one call and a number hidden under
one variable cannot be read off another. The columns are documented in
``docs/followup-export.md``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from xlsxwriter import Workbook

from mgt_assistant.domain.followup.records import FollowUpError
from mgt_assistant.domain.followup.suppression import LEGEND, Figure, Relation, suppress
from mgt_assistant.domain.referral import AGE_BANDS, EDUCATION_LEVELS, GENDERS, HOME_AREAS
from mgt_assistant.domain.rules.model import Outcomes

TOTAL: Final = "totalt"
TOTAL_LABEL: Final = "Totalt"
UNKNOWN: Final = "okand"
UNKNOWN_LABEL: Final = "Okänd eller ej angiven"
# The application form's genders, and "okand" for a case where none was recorded.
EXPORT_GENDERS: Final[Mapping[str, str]] = {**GENDERS, UNKNOWN: "Okänt"}
EXPORT_VARIABLES: Final[Mapping[str, str]] = {
    "age_group": "Åldersgrupp",
    "education": "Utbildningsnivå",
    "income_start": "Försörjning vid start",
    "income_end": "Försörjning vid avslut",
    "end_reason": "Avslutsorsak",
    "home_area": "Tätort eller landsbygd",
}
# The one list of columns: (Swedish header, field of ExportRow); the count columns are one
# per gender of the application form, then the total. Documented in docs/followup-export.md.
EXPORT_COLUMNS: Final = (
    ("Period från", "period_start"),
    ("Period till", "period_end"),
    ("Insats-id", "intervention_id"),
    ("Insats", "intervention"),
    ("Bakgrundsvariabel", "variable"),
    ("Kategori-id", "category_id"),
    ("Kategori", "category"),
    *((f"Antal {label.lower()}", f"gender:{gender}") for gender, label in EXPORT_GENDERS.items()),
    ("Antal totalt", f"gender:{TOTAL}"),
)
# Excel runs text that starts with these as a formula; such cells get a leading apostrophe.
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ParticipantCount:
    """Participants of one intervention and gender in one category of one variable."""

    intervention: str
    gender: str
    variable: str
    category: str
    count: int


@dataclass(frozen=True)
class ExportRow:
    """One line of the export: one category of one variable for one intervention."""

    period_start: date
    period_end: date
    intervention_id: str
    intervention: str
    variable: str
    category_id: str
    category: str
    # Suppressed counts per gender in EXPORT_GENDERS order, then the total.
    figures: tuple[Figure, ...]


def age_group(age: int) -> str:
    """Return the age band id of an age (the bands the application form uses)."""
    for band, (_, low, high) in AGE_BANDS.items():
        if low <= age <= high:
            return band
    return UNKNOWN


def category_labels(outcomes: Outcomes) -> dict[str, dict[str, str]]:
    """Return the Swedish label of each category id, per variable, in display order."""
    incomes = dict(outcomes.income_sources)
    return {
        "age_group": {band: label for band, (label, _, _) in AGE_BANDS.items()},
        "education": {k: v for k, v in EDUCATION_LEVELS.items() if k != UNKNOWN},
        "income_start": incomes,
        "income_end": incomes,
        "end_reason": dict(outcomes.end_reasons),
        "home_area": dict(HOME_AREAS),
    }


Key = tuple[str, str, str, str]  # (variable or "*", intervention, category, gender)


def _key(variable: str, intervention: str, category: str, gender: str) -> Key:
    # The intervention × gender margins are the same cells under every variable.
    return ("*" if category == TOTAL else variable, intervention, category, gender)


def export_rows(
    outcomes: Outcomes,
    counts: Iterable[ParticipantCount],
    *,
    period_start: date,
    period_end: date,
    intervention_labels: Mapping[str, str],
) -> list[ExportRow]:
    """Return the suppressed export lines: every category, gender and margin, zeros included.

    :raise FollowUpError: on an unknown variable or gender, or when the variables do not
        count the same participants (each must add up to the same intervention × gender).
    """
    if period_end < period_start:
        raise FollowUpError("Periodens slut ligger före dess början.")
    labels = category_labels(outcomes)
    known = {v: dict.fromkeys([*labels[v], UNKNOWN]) for v in EXPORT_VARIABLES}
    interior: dict[Key, int] = {}
    for row in counts:
        if row.variable not in EXPORT_VARIABLES:
            raise FollowUpError(f"Okänd bakgrundsvariabel '{row.variable}'.")
        if row.gender not in EXPORT_GENDERS:
            raise FollowUpError(f"Okänt kön '{row.gender}'.")
        if row.count < 0 or TOTAL in (row.intervention, row.category):
            raise FollowUpError("Antalen måste vara positiva och utan färdiga totaler.")
        if row.category not in known[row.variable]:
            raise FollowUpError(f"Okänd kategori '{row.category}' för {row.variable}.")
        key = (row.variable, row.intervention, row.category, row.gender)
        interior[key] = interior.get(key, 0) + row.count
    interventions = sorted({k[1] for k in interior}, key=lambda i: intervention_labels.get(i, i))
    genders = list(EXPORT_GENDERS)
    cells, relations = _cube(interior, known, interventions, genders)
    figures = suppress(cells, relations)
    rows: list[ExportRow] = []
    for variable, variable_label in EXPORT_VARIABLES.items():
        names = {**labels[variable], UNKNOWN: UNKNOWN_LABEL}
        for intervention in (*interventions, TOTAL):
            shown = intervention_labels.get(intervention, intervention)
            for category in (*known[variable], TOTAL):
                line = tuple(
                    figures[_key(variable, intervention, category, gender)]
                    for gender in (*genders, TOTAL)
                )
                rows.append(
                    ExportRow(
                        period_start,
                        period_end,
                        intervention,
                        TOTAL_LABEL if intervention == TOTAL else shown,
                        variable_label,
                        category,
                        names.get(category, TOTAL_LABEL),
                        line,
                    )
                )
    return rows


def _cube(
    interior: Mapping[Key, int],
    categories: Mapping[str, Mapping[str, None]],
    interventions: Sequence[str],
    genders: Sequence[str],
) -> tuple[dict[Key, int], list[Relation]]:
    """Add every margin to the counts and list the sums, checking the variables agree."""
    relations: list[Relation] = []
    all_i, all_g = (*interventions, TOTAL), (*genders, TOTAL)
    for variable in EXPORT_VARIABLES:
        all_c = (*categories[variable], TOTAL)
        for i in all_i:
            for c in all_c:
                parts = tuple(_key(variable, i, c, g) for g in genders)
                relations.append(Relation(_key(variable, i, c, TOTAL), parts))
            for g in all_g:
                parts = tuple(_key(variable, i, c, g) for c in categories[variable])
                relations.append(Relation(_key(variable, i, TOTAL, g), parts))
        for c in all_c:
            for g in all_g:
                parts = tuple(_key(variable, i, c, g) for i in interventions)
                relations.append(Relation(_key(variable, TOTAL, c, g), parts))
    cells: dict[Key, int] = {}
    for variable in EXPORT_VARIABLES:
        for i in (*interventions, TOTAL):
            for c in (*categories[variable], TOTAL):
                cells.update((_key(variable, i, c, g), 0) for g in (*genders, TOTAL))
    shared: dict[str, dict[Key, int]] = {v: {} for v in EXPORT_VARIABLES}
    for (variable, i, c, g), n in interior.items():
        for key in _margins(variable, i, c, g):
            if key[0] == "*":
                shared[variable][key] = shared[variable].get(key, 0) + n
            else:
                cells[key] += n
    first, *others = EXPORT_VARIABLES
    for variable in others:
        keys = shared[first].keys() | shared[variable].keys()
        # Name the most specific cell first: an intervention and gender, not the grand total.
        for key in sorted(keys, key=lambda k: (k[1] == TOTAL, k[3] == TOTAL, k)):
            mine, theirs = shared[variable].get(key, 0), shared[first].get(key, 0)
            if mine != theirs:
                raise FollowUpError(
                    f"{EXPORT_VARIABLES[variable]} räknar {mine} deltagare för {key[1]}/{key[3]} "
                    f"men {EXPORT_VARIABLES[first].lower()} räknar {theirs}."
                )
    cells.update(shared[first])  # the variables agree, so one variable's margins serve all
    return cells, relations


def _margins(variable: str, i: str, c: str, g: str) -> list[Key]:
    """Return the cell and each margin it adds to."""
    return [_key(variable, a, b, d) for a in (i, TOTAL) for b in (c, TOTAL) for d in (g, TOTAL)]


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _values(row: ExportRow) -> list[str | int]:
    values: list[str | int] = [row.period_start.isoformat(), row.period_end.isoformat()]
    for value in (row.intervention_id, row.intervention, row.variable):
        values.append(_text(value))
    values += [_text(row.category_id), _text(row.category)]
    for figure in row.figures:
        shown = figure.shown
        values.append(figure.text if shown is None else shown)
    return values


def to_csv(rows: Iterable[ExportRow]) -> bytes:
    """Return the export as CSV bytes for Swedish Excel.

    Swedish Excel reads ``;`` as the list separator (the comma is the decimal mark
    in sv-SE) and only detects UTF-8 (å, ä, ö) when the file starts with a BOM, so
    the file is written as ``utf-8-sig`` with ``;``.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([header for header, _ in EXPORT_COLUMNS])
    writer.writerows(_values(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Iterable[ExportRow]) -> bytes:
    """Return the export as an XLSX workbook: the counts, and a sheet explaining the marks.

    Written with XlsxWriter, cell by cell with its type and no styling: the file holds
    about 7 000 cells, and a general-purpose workbook writer spent most of the
    export's time on them. Texts are never read as formulas, links or numbers.
    """
    buffer = io.BytesIO()
    workbook = Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = workbook.add_worksheet("Uppföljning")
    write_string, write_number = sheet.write_string, sheet.write_number
    for column, (header, _) in enumerate(EXPORT_COLUMNS):
        write_string(0, column, header)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(_values(row)):
            if isinstance(value, int):
                write_number(number, column, value)
            else:
                write_string(number, column, value)
    notes = workbook.add_worksheet("Förklaring")
    notes.write_string(0, 0, LEGEND)
    notes.write_string(1, 0, "Kolumnerna beskrivs i docs/followup-export.md i MGT-assistenten.")
    workbook.close()
    return buffer.getvalue()
