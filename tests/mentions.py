"""Need mentions for tests that feed the pre-check or a case without running the reader."""

from __future__ import annotations

from mgt_assistant.domain.needs import NeedMention, NeedStatus, Signal, SignalKind


def mention(need_id: str, status: str, evidence: str) -> NeedMention:
    """Return the reader's own mention type for ``need_id`` said with ``evidence``."""
    return NeedMention(
        domain=need_id.split(".", 1)[0],
        id=need_id,
        label=need_id,
        status=NeedStatus(status),
        evidence=evidence,
        start=0,
        end=len(evidence),
        score=1.0,
    )


def signal(kind: SignalKind, signal_id: str, status: str, evidence: str) -> Signal:
    """Return the reader's own signal type for ``signal_id`` said with ``evidence``."""
    return Signal(kind, signal_id, NeedStatus(status), evidence, 0, len(evidence))
