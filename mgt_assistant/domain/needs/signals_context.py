"""Alerts that their sentence explains away: who strikes, who is threatened, whose custody.

The lexicon reads violence and a child at risk from words; these rules read the words around:

- **a blow to oneself**: "jag slår mig på låren", "slog mig i knät på innebandyn" (a verb
  with "mig" after "jag", or with no subject at all) is self-harm or an accident, not
  violence by someone else: told as a habit ("slår") it is an uncertain self-harm alert,
  otherwise uncertain violence, so that the sentence is still seen; "han slog mig" stays
  violence;
- **a threat against oneself**: "hotat att ta livet av sig", "hotade att tända eld på sig
  själv" is suicidal talk, no threat against someone else; held over a partner who would
  leave ("om hon lämnar honom") it is control: uncertain;
- **an assault in court**: a bare "misshandel" in a sentence about a trial or a
  sentence ("har en dom för misshandel") is most often the person's legal matter, not
  violence against them: uncertain, the team asks; "misshandel av sin fru" stays present;
  an assault the person witnessed ("vittnat vid en misshandel") is no violence to them;
- **adult custody**: "omhändertagen enligt LPT|LOB|LPO", "ambulansen omhändertog" is care
  of an adult, no child taken into care;
- **homelessness later or if**: "ingenstans att bo efter den 1:a", "om hon blir av med
  kontraktet står hon på gatan" is a question for the team (uncertain), not tonight;
- **a parent's worry**: "orolig för min dotter" (an adjective, a feeling) is no child at
  risk; "oro för barnen" (a concern stated) is.
"""

from __future__ import annotations

from mgt_assistant.domain.needs.text import Token

FIRST_PERSON = frozenset({"jag", "ja"})
ME = frozenset({"mig", "mej"})
SELF = frozenset({"sig", "sej"})
THREAT_REACH = 7
# Someone else threatened: a threat that names them is violence whatever follows.
OTHERS = frozenset({"henne", "honom", "hen", "dem", "dom", "mig", "mej", "oss", "barnen"})
ASSAULT = frozenset({"misshandel", "misshandeln"})
COURT = frozenset({"dom", "domen", "domd", "rattegang", "rattegangen", "rattsprocess", "atal"})
COURT |= frozenset({"atalad", "huvudforhandling", "huvudforhandlingen", "tingsratten"})
COURT |= frozenset({"fangelse", "inne", "misstankt", "arende"})
WITNESS = frozenset({"vittnat", "vittne", "vittnade", "vittnen"})
ADULT_CUSTODY = frozenset({"lpt", "lob", "lpo", "lvm", "lrv", "ambulans", "ambulansen"})
CUSTODY_WORDS = ("omhandert",)
WORRIED = frozenset({"orolig", "oroliga", "oroligt"})


def _sentence_norms(tokens: list[Token], at: int) -> set[str]:
    sentence = tokens[at].sentence
    return {token.norm for token in tokens if token.sentence == sentence}


def self_blow(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether violence read as "slår mig" is the speaker's own blow ("jag slår mig")."""
    if tokens[last].norm not in ME or last != first + 1:
        return False
    starts = first == 0 or tokens[first - 1].sentence != tokens[first].sentence
    return starts or tokens[first - 1].norm in FIRST_PERSON


# A blow to oneself told as a habit ("jag slår mig på låren") is self-harm to ask about; a
# past one ("slog mig i knät") is as often an accident.
HABIT_BLOWS = frozenset({"slar", "sparkar", "bankar", "klipper", "nyper"})


def own_habit_blow(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether violence read as "slår mig" is the speaker's own blow, told as a habit."""
    return tokens[first].norm in HABIT_BLOWS and self_blow(tokens, first, last)


def self_threat(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether a threat read as violence is a threat against oneself."""
    words = tokens[first : last + 1]
    if not any(token.norm.startswith("hot") for token in words):
        return False
    if any(token.norm in OTHERS for token in words):
        return False  # "hotade att slå henne"
    sentence = tokens[first].sentence
    for k in range(last + 1, min(last + THREAT_REACH, len(tokens))):
        if tokens[k].sentence != sentence or tokens[k].norm in OTHERS:
            return False  # "hotade att slå henne och sig själv"
        if tokens[k].norm in SELF and tokens[k - 1].norm != "med":  # "ta med sig barnen"
            return True  # "hotat att ta livet av sig", "tända eld på sig själv"
    return False


def assault_in_court(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether a bare "misshandel" is a legal matter ("en dom för misshandel")."""
    if first != last or tokens[first].norm not in ASSAULT:
        return False
    after = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    if after in ("av", "mot"):
        return False  # "dömd för misshandel av sin fru"
    return bool(_sentence_norms(tokens, first) & COURT)


def _witness(tokens: list[Token], at: int) -> bool:
    """Tell whether the person witnessed an assault ("vittnat vid en misshandel")."""
    return bool(_sentence_norms(tokens, at) & WITNESS)


def adult_custody(tokens: list[Token], first: int) -> bool:
    """Tell whether "omhändertagen" is custody of an adult (LPT, LOB, an ambulance)."""
    if not tokens[first].norm.startswith(CUSTODY_WORDS):
        return False
    return bool(_sentence_norms(tokens, first) & ADULT_CUSTODY)


def worried_parent(tokens: list[Token], first: int) -> bool:
    """Tell whether a child at risk was read from a person's worry ("orolig för min son")."""
    return tokens[first].norm in WORRIED


def doubtful(tokens: list[Token], sid: str, first: int, last: int) -> bool:
    """Tell whether an alert's words leave it a question for the team.

    Homelessness later or under a condition; a court case; a blow to oneself (self-harm
    the team must still see, "jag slår mig på låren"); a threat to take one's life if the
    partner leaves (control, "hotat att ta livet av sig om hon lämnar honom").
    """
    if sid == "acute_homelessness":
        return later_or_if(tokens, first, last)
    if sid != "violence":
        return False
    return (
        assault_in_court(tokens, first, last)
        or self_blow(tokens, first, last)
        or (self_threat(tokens, first, last) and _if_left(tokens, last))
    )


# Homelessness from a later date ("ingenstans att bo efter den 1:a", "från och med
# måndag"), or under a condition ("om hon blir av med kontraktet står hon på gatan"): a
# question for the team, no alert for tonight.
LATER = frozenset({"efter", "fran", "nasta"})
CONDITION = frozenset({"om", "ifall"})


def later_or_if(tokens: list[Token], first: int, last: int) -> bool:
    """Tell whether homelessness is said for a later date or under a condition."""
    sentence = tokens[first].sentence
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if after is not None and after.sentence == sentence and after.norm in LATER:
        return True
    return any(tokens[k].norm in CONDITION for k in range(first) if tokens[k].sentence == sentence)


LEAVING = frozenset({"lamnar", "lamna", "gar", "flyttar", "gor", "skiljer"})
LEAVING_REACH = 12


def _if_left(tokens: list[Token], last: int) -> bool:
    """Tell whether a threat holds if someone leaves ("om hon lämnar honom")."""
    sentence = tokens[last].sentence
    for k in range(last + 1, min(last + LEAVING_REACH, len(tokens) - 1)):
        if tokens[k].sentence != sentence:
            return False
        if tokens[k].norm in CONDITION and tokens[k + 2].norm in LEAVING:
            return True  # "om hon lämnar", "ifall du går"
    return False


def explained_away(tokens: list[Token], sid: str, first: int, last: int) -> bool:
    """Tell whether an alert's words are explained away by their sentence."""
    if sid == "violence":
        if self_threat(tokens, first, last):
            return not _if_left(tokens, last)
        return first == last and tokens[first].norm in ASSAULT and _witness(tokens, first)
    if sid == "child_at_risk":
        return adult_custody(tokens, first) or worried_parent(tokens, first)
    return False
