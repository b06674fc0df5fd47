"""Needs and alerts as the full reader gives them, for the tests of its judgement."""

from __future__ import annotations

from mgt_assistant.domain.needs import Lexicon, read_text

ACUTE = ("suicide_risk", "self_harm")


def alerts(text: str, lexicon: Lexicon, *, second_opinion: bool = True) -> list[tuple[str, ...]]:
    """Return (id, status, evidence) of every alert read; each evidence is the text's own."""
    found: list[tuple[str, ...]] = []
    for signal in read_text(text, lexicon, second_opinion=second_opinion).signals:
        assert text[signal.start : signal.end] == signal.evidence
        if signal.kind == "alert":
            found.append((signal.id, signal.status.value, signal.evidence))
    return found


def of_kind(
    text: str, lexicon: Lexicon, alert: str, *, second_opinion: bool = True
) -> list[tuple[str, str]]:
    """Return (status, evidence) of every alert of one kind read."""
    read = alerts(text, lexicon, second_opinion=second_opinion)
    return [(status, evidence) for sid, status, evidence in read if sid == alert]


def acute(
    text: str, lexicon: Lexicon, *, second_opinion: bool = True
) -> dict[str, tuple[str, str]]:
    """Return suicidal talk and self-harm by kind: (status, evidence), the last read of each."""
    read = alerts(text, lexicon, second_opinion=second_opinion)
    return {sid: (status, evidence) for sid, status, evidence in read if sid in ACUTE}


def need_statuses(text: str, lexicon: Lexicon, domain: str | None = None) -> dict[str, str]:
    """Map each need read (of ``domain``, or all) to its status; each evidence is the text's own."""
    found: dict[str, str] = {}
    for need in read_text(text, lexicon).needs:
        assert text[need.start : need.end] == need.evidence
        if domain is None or need.domain == domain:
            found[need.id] = need.status.value
    return found
