"""A service an agency offers is not yet the person's need: read it as uncertain.

"Kommunen kan erbjuda arbetsträning", "AF kan ordna en praktik" and "han har blivit
erbjuden plats på arbetsträning" say what the agency can give, not what the person is
described as needing. Round 4 made such services planned, not in place, for signals;
for needs the reading of a service offered is uncertain, as development set 3 labels
it ("erbjuden plats på arbetsträning men inte svarat": uncertain); blind set 4 labels
the agency's offer as nothing, and uncertain is not counted against it. Only needs for
a service are affected (those read on a service's name); a condition is not offered.
"""

from __future__ import annotations

from mgt_assistant.domain.needs.text import Token

# Needs that are a need for a service, beside those read on the name of a service in place.
SERVICE_NEEDS = frozenset({"work_readiness.work_training", "housing.support"})
OFFER_STEMS = ("erbjud", "erbjod")
# "ordna", "fixa", "ge" are an offer after a modal of the agency ("AF kan ordna en praktik").
ARRANGE = frozenset({"ordna", "ordnar", "fixa", "fixar", "ge", "ta", "hjalpa", "hitta"})
MODALS = frozenset({"kan", "kunde", "skulle", "ska", "kommer"})
OFFER_REACH = 5


def offered(tokens: list[Token], first: int) -> bool:
    """Tell whether an offering verb stands just before a service in its sentence."""
    sentence = tokens[first].sentence
    for k in range(first - 1, max(first - OFFER_REACH, 0) - 1, -1):
        token = tokens[k]
        if token.sentence != sentence or token.soft:
            return False
        if token.norm.startswith(OFFER_STEMS):
            return True
        if token.norm in ARRANGE and k > 0 and tokens[k - 1].norm in MODALS:
            return True
    return False
