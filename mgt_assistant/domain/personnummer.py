"""Swedish personal identity numbers: format, date and Luhn check digit.

Accepts ``ÅÅMMDD-NNNN``, ``ÅÅMMDD+NNNN`` (a person of 100 or more),
``ÅÅÅÅMMDD-NNNN`` and the same without separator. A samordningsnummer (day + 60)
is accepted too. The normal form stored is ``ÅÅÅÅMMDD-NNNN``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(?P<century>\d{2})?(?P<yymmdd>\d{6})(?P<sep>[-+]?)(?P<tail>\d{4})$")
# A personnummer in free text; ten digits need a separator, or every phone number would do.
_IN_TEXT = re.compile(r"(?<!\d)(?:\d{8}[-+ ]?\d{4}|\d{6}[-+ ]\d{4})(?!\d)")


class PersonnummerError(ValueError):
    """The text is not a valid personnummer; the message is Swedish, for the form."""


@dataclass(frozen=True)
class Personnummer:
    """A checked personnummer and the birth date it encodes."""

    normalized: str
    birth_date: date
    coordination_number: bool

    def age_on(self, day: date) -> int:
        """Return the person's age in whole years on a day."""
        return age_on(self.birth_date, day)


def age_on(birth: date, day: date) -> int:
    """Return the age in whole years on ``day`` of someone born on ``birth``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def luhn_valid(digits: str) -> bool:
    """Tell whether a string of digits ends with a correct Luhn check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _century(yy: int, separator: str, today: date) -> int:
    year = today.year - today.year % 100 + yy
    if year > today.year:
        year -= 100
    if separator == "+":
        year -= 100
    return year - year % 100


def parse_personnummer(text: str, today: date) -> Personnummer:
    """Check a personnummer and return it in normal form.

    :raise PersonnummerError: when the format, the date or the check digit is wrong.
    """
    match = _PATTERN.match(text.strip().replace(" ", ""))
    if match is None:
        raise PersonnummerError("Skriv personnumret som ÅÅÅÅMMDD-NNNN.")
    yymmdd, tail, separator = match["yymmdd"], match["tail"], match["sep"]
    if not luhn_valid(yymmdd + tail):
        raise PersonnummerError("Kontrollsiffran stämmer inte. Kontrollera personnumret.")
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if match["century"] is not None:
        year = int(match["century"]) * 100 + yy
    else:
        year = _century(yy, separator, today) + yy
    coordination = day > 60
    try:
        birth = date(year, month, day - 60 if coordination else day)
    except ValueError:
        raise PersonnummerError("Personnumret innehåller inget giltigt datum.") from None
    if birth > today or year < today.year - 130:
        raise PersonnummerError("Personnumret innehåller inget giltigt datum.")
    return Personnummer(
        normalized=f"{year:04d}{yymmdd[2:]}-{tail}",
        birth_date=birth,
        coordination_number=coordination,
    )


def contains_personnummer(text: str, today: date) -> bool:
    """Tell whether free text contains something that checks out as a personnummer."""
    for found in _IN_TEXT.findall(text):
        try:
            parse_personnummer(found.replace(" ", ""), today)
        except PersonnummerError:
            continue
        return True
    return False
