"""Score the needs reader against labelled sentences: domains, signals, statuses and spans.

Definitions (the same for the development and the blind set):

- domain recall: of the (sentence, domain) pairs labelled present, the share the
  reader reports present or uncertain;
- false-alarm rate: of the pairs the reader reports present, the share labelled
  anything else or not labelled at all (1 − precision);
- signal recall: of the labelled signals, the share found with the same kind and id
  (any status); signal false alarms: reported signals with no such label;
- status confusion: labelled status × read status for every labelled domain and signal;
- span exactness: of the labelled evidence spans, the share read with exactly those
  characters (and, looser, overlapping them) for the same need or signal.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgt_assistant.domain.needs.extractor import (
    SUMMARY_ORDER,
    NeedMention,
    extract_needs,
    summarise,
)
from mgt_assistant.domain.needs.lexicon import Lexicon
from mgt_assistant.domain.yaml_strict import load_file

# The statuses, most pressing first: the order ``summarise`` ranks them in.
STATUSES = tuple(status.value for status in SUMMARY_ORDER)
NONE = "—"
RANK = {status: index for index, status in enumerate(STATUSES)}
SIGNAL_KINDS = ("alert", "in_place", "diagnosis", "income")

# A reader returns needs and signals as (kind, id, status, evidence, start, end).
SignalTuple = tuple[str, str, str, str, int, int]
Reader = Callable[[str], tuple[list[NeedMention], list[SignalTuple]]]


@dataclass
class Tally:
    """Counts for one domain or signal kind."""

    expected: int = 0
    found: int = 0
    reported: int = 0
    false_alarms: int = 0

    @property
    def recall(self) -> float:
        """Share of labelled items found (1.0 when none are labelled)."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """Share of reported items not labelled (0.0 when none are reported)."""
        return self.false_alarms / self.reported if self.reported else 0.0


@dataclass
class Scores:
    """All figures for one labelled set."""

    sentences: int = 0
    domains: dict[str, Tally] = field(default_factory=dict)
    signals: dict[str, Tally] = field(default_factory=dict)
    alerts: dict[str, Tally] = field(default_factory=dict)
    need_statuses: Counter[tuple[str, str]] = field(default_factory=Counter)
    signal_statuses: Counter[tuple[str, str]] = field(default_factory=Counter)
    spans: Counter[str] = field(default_factory=Counter)


def load_set(path: Path) -> list[dict[str, Any]]:
    """Load a labelled set (list of items with text, expect and optional signals)."""
    items: list[dict[str, Any]] = load_file(path, path.name)
    return items


def expected_domains(expect: dict[str, str]) -> dict[str, str]:
    """Give one labelled status per domain, the most pressing first (as ``summarise``)."""
    domains: dict[str, str] = {}
    for need_id, status in expect.items():
        domain = need_id.split(".", 1)[0]
        if domain not in domains or RANK[status] < RANK[domains[domain]]:
            domains[domain] = status
    return domains


def _score_domains(scores: Scores, item: dict[str, Any], mentions: list[NeedMention]) -> None:
    expected = expected_domains(dict(item.get("expect") or {}))
    read = {key: value.value for key, value in summarise(mentions).items()}
    for domain in set(expected) | set(read):
        tally = scores.domains.setdefault(domain, Tally())
        label, got = expected.get(domain), read.get(domain)
        if label == "present":
            tally.expected += 1
            tally.found += got in ("present", "uncertain")
        if got == "present":
            tally.reported += 1
            tally.false_alarms += label not in ("present", "uncertain")
        if label is not None:
            scores.need_statuses[(label, got or NONE)] += 1


def _span(scores: Scores, key: str, wanted: str, spans: list[str], text: str) -> None:
    scores.spans[f"{key}_labelled"] += 1
    if wanted in spans:
        scores.spans[f"{key}_exact"] += 1
    start = text.find(wanted)
    end = start + len(wanted)
    if any(text.find(span) < end and text.find(span) + len(span) > start for span in spans if span):
        scores.spans[f"{key}_overlap"] += 1


def _score_signals(scores: Scores, item: dict[str, Any], signals: list[SignalTuple]) -> None:
    if "signals" not in item:
        return  # the first development set (issue 4) labels needs only
    labelled = [tuple(signal) for signal in item.get("signals") or []]
    read = {(kind, sid): (status, evidence) for kind, sid, status, evidence, _, _ in signals}
    wanted = {(str(s[0]), str(s[1])) for s in labelled}
    for kind, sid, status, evidence in labelled:
        tally = scores.signals.setdefault(str(kind), Tally())
        tally.expected += 1
        got = read.get((str(kind), str(sid)))
        tally.found += got is not None
        scores.signal_statuses[(str(status), got[0] if got else NONE)] += 1
        if kind == "alert":
            alert = scores.alerts.setdefault(str(sid), Tally())
            alert.expected += 1
            alert.found += got is not None
        spans = [e for k, i, _, e, _, _ in signals if (k, i) == (kind, sid)]
        _span(scores, "signal", str(evidence), spans, str(item["text"]))
    for kind, sid, _status, _evidence, _, _ in signals:
        tally = scores.signals.setdefault(kind, Tally())
        tally.reported += 1
        tally.false_alarms += (kind, sid) not in wanted
        if kind == "alert":
            alert = scores.alerts.setdefault(sid, Tally())
            alert.reported += 1
            alert.false_alarms += (kind, sid) not in wanted


def score(items: list[dict[str, Any]], reader: Reader) -> Scores:
    """Read every item and count the figures."""
    scores = Scores(sentences=len(items))
    for item in items:
        text = str(item["text"])
        mentions, signals = reader(text)
        _score_domains(scores, item, mentions)
        _score_signals(scores, item, signals)
        for need_id, wanted in dict(item.get("evidence") or {}).items():
            spans = [m.evidence for m in mentions if m.id == need_id or m.domain == need_id]
            _span(scores, "need", str(wanted), spans, text)
    return scores


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "–"


def _table(title: str, tallies: dict[str, Tally]) -> list[str]:
    lines = [f"| {title} | recall | false alarms |", "|---|---:|---:|"]
    for name in sorted(tallies):
        tally = tallies[name]
        lines.append(
            f"| {name} | {_rate(tally.found, tally.expected)} | "
            f"{_rate(tally.false_alarms, tally.reported)} |"
        )
    return lines


def _confusion(title: str, counts: Counter[tuple[str, str]]) -> list[str]:
    columns = (*STATUSES, NONE)
    lines = [f"| {title} ↓ / read → | " + " | ".join(columns) + " |"]
    lines.append("|---|" + "---:|" * len(columns))
    for label in STATUSES:
        row = [str(counts[(label, got)]) for got in columns]
        if any(cell != "0" for cell in row):
            lines.append(f"| {label} | " + " | ".join(row) + " |")
    return lines


def report(name: str, scores: Scores) -> str:
    """Format the figures of one set as Markdown."""
    spans = scores.spans
    lines = [f"### {name}: {scores.sentences} sentences", ""]
    lines += [*_table("domain", scores.domains), ""]
    lines += [*_table("signal kind", scores.signals), ""]
    if scores.alerts:
        lines += [*_table("alert", scores.alerts), ""]
    lines += [*_confusion("need status", scores.need_statuses), ""]
    if scores.signal_statuses:
        lines += [*_confusion("signal status", scores.signal_statuses), ""]
    for key in ("need", "signal"):
        labelled = spans[f"{key}_labelled"]
        if labelled:
            lines.append(
                f"- {key} spans: exact {_rate(spans[f'{key}_exact'], labelled)}, "
                f"overlapping {_rate(spans[f'{key}_overlap'], labelled)}"
            )
    return "\n".join([*lines, ""])


def needs_only(lexicon: Lexicon) -> Reader:
    """A reader of needs alone (the reader before signals existed)."""
    return lambda text: (extract_needs(text, lexicon), [])


def main(argv: list[str]) -> int:
    """Print the figures of the development and blind sets (or of the sets named)."""
    from mgt_assistant.domain.needs import load_lexicon
    from mgt_assistant.paths import DEFAULT_RULES_DIR, PROJECT_ROOT

    data = PROJECT_ROOT / "tests" / "data"
    groups = {
        "Development set (needs_eval.yaml + needs_dev.yaml)": [
            data / "needs_eval.yaml",
            data / "needs_dev.yaml",
        ],
        "Development set 3 and check sets (needs_dev2.yaml + needs_check*.yaml)": [
            data / "needs_dev2.yaml",
            data / "needs_check.yaml",
            data / "needs_check2.yaml",
            data / "needs_check3.yaml",
            data / "needs_check4.yaml",
            data / "needs_check5.yaml",
            data / "needs_check6.yaml",
            data / "needs_check7.yaml",
            data / "needs_check8.yaml",
            data / "needs_check9.yaml",
            data / "needs_check10.yaml",
            data / "needs_check11.yaml",
            data / "needs_check12.yaml",
            data / "needs_check13.yaml",
        ],
        "Blind set 1 (needs_blind.yaml, spent: measured after tuning once)": [
            data / "needs_blind.yaml"
        ],
        "Blind set 2 (needs_blind2.yaml, spent: measured twice)": [data / "needs_blind2.yaml"],
        "Blind set 3 (needs_blind3.yaml, spent: measured before and after round 3)": [
            data / "needs_blind3.yaml"
        ],
        "Blind set 4 (needs_blind4.yaml, spent: measured before and after round 4)": [
            data / "needs_blind4.yaml"
        ],
        "Blind set 5 (needs_blind5.yaml, spent: measured twice, then read in round 6)": [
            data / "needs_blind5.yaml"
        ],
        "Blind set 6 (needs_blind6.yaml, spent: measured before and after rounds 6 and 7)": [
            data / "needs_blind6.yaml"
        ],
        "Blind set 7 (needs_blind7.yaml, spent: measured before and after round 8 and with"
        " the second opinion)": [data / "needs_blind7.yaml"],
        "Training sets of the second opinion (needs_train1-15.yaml, 15 authors; the model"
        " learnt them, so its alert figures here are in-sample; since round 10 sets 1-12 are"
        " development for the word lists, 13-15 check sets)": [
            data / f"needs_train{number}.yaml" for number in range(1, 16)
        ],
        "Blind set 8 (needs_blind8.yaml, measured before round 9, after it and after"
        " training on sets 7-9, 10-12 and 13-15, and before and after round 10)": [
            data / "needs_blind8.yaml"
        ],
        "Blind set 9 (needs_blind9.yaml, a ninth author, measured before and after round 10)": [
            data / "needs_blind9.yaml"
        ],
    }
    if argv:
        groups = {Path(path).name: [Path(path)] for path in argv}
    reader = full_reader(load_lexicon(DEFAULT_RULES_DIR))
    for name, paths in groups.items():
        items = [item for path in paths for item in load_set(path)]
        print(report(name, score(items, reader)))
    return 0


def full_reader(lexicon: Lexicon) -> Reader:
    """The shipped reader: needs and signals from ``read_text``."""
    from mgt_assistant.domain.needs.signals import read_text

    def read(text: str) -> tuple[list[NeedMention], list[SignalTuple]]:
        reading = read_text(text, lexicon)
        signals: list[SignalTuple] = [
            (str(s.kind), s.id, s.status.value, s.evidence, s.start, s.end) for s in reading.signals
        ]
        return list(reading.needs), signals

    return read


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
