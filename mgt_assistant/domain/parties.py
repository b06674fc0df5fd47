"""The Finsam parties: a closed vocabulary fixed by law 2003:1210, plus a private provider."""

from typing import Final

FINSAM_PARTIES: Final = ("af", "fk", "region", "kommun")
PARTIES: Final = (*FINSAM_PARTIES, "privat")

PARTY_NAMES: Final = {
    "af": "Arbetsförmedlingen",
    "fk": "Försäkringskassan",
    "region": "Regionen (hälso- och sjukvård)",
    "kommun": "Kommunen",
    "privat": "Privat vårdgivare",
}
