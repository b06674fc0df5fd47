"""Password strength: a length floor, a list of common passwords, and zxcvbn's estimate.

zxcvbn (Dropbox's estimator, maintained on PyPI) knows English words, names and the
most common passwords; the Swedish words that people build passwords from (seasons,
months, "lösenord", places, the partner agencies) are given to it as extra dictionary
words, so "Sommar2026!" counts as weak as "Summer2026!" does.
"""

from __future__ import annotations

from collections.abc import Iterable

from zxcvbn import zxcvbn

from mgt_assistant.domain.swedish_time import month_names, weekday_names

MIN_LENGTH = 10
MAX_LENGTH = 256
# zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline attacks".
MIN_SCORE = 3
SWEDISH_WORDS = [
    "lösenord",
    "losenord",
    "hemligt",
    "hemlig",
    "välkommen",
    "valkommen",
    "sommar",
    "vinter",
    "hösten",
    "host",
    "våren",
    "varen",
    "midsommar",
    "jul",
    "sverige",
    "svensk",
    "stockholm",
    "göteborg",
    "malmö",
    "uppsala",
    "västerås",
    "örebro",
    "fotboll",
    "hockey",
    "kanelbulle",
    "kärlek",
    "karlek",
    "mamma",
    "pappa",
    "kommun",
    "region",
    "arbetsförmedlingen",
    "arbetsformedlingen",
    "försäkringskassan",
    "forsakringskassan",
    "finsam",
    "mgt",
    "samordning",
]
# The months and weekdays, from babel's Swedish locale data (as every date the app shows).
SWEDISH_WORDS += [*month_names(), *weekday_names()]


def password_problem(password: str, personal: Iterable[str] = ()) -> str | None:
    """Return a Swedish reason why ``password`` is too weak, or None when it will do.

    ``personal`` holds the user's own words (username, name), which must not carry it.
    """
    if len(password) < MIN_LENGTH:
        return f"Lösenordet måste ha minst {MIN_LENGTH} tecken."
    if len(password) > MAX_LENGTH:
        return f"Lösenordet får ha högst {MAX_LENGTH} tecken."
    words = [word.lower() for word in personal]
    words += [part for word in words for part in word.replace(".", " ").split()]
    result = zxcvbn(password[:100], user_inputs=[*words, *SWEDISH_WORDS])
    if int(result["score"]) >= MIN_SCORE:
        return None
    return (
        "Lösenordet är för lätt att gissa (vanligt lösenord, ord och årtal eller ditt namn). "
        "Välj en fras av tre eller fler ovanliga ord, gärna med skiljetecken."
    )
