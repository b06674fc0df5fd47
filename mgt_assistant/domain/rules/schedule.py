"""Start weeks for a draft: phases in order, care in parallel, a cap on new starts.

Nobody can start eleven things at once: the rule set caps the rows of a draft
and the new starts within one window of weeks (``PlanLimits``). A step without
room waits at most ``max_delay_weeks``; after that it becomes "nästa steg,
senare" with its reason, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from mgt_assistant.domain.rules.model import PHASES, Intervention, PlanLimits

MAPPING_WEEKS: Final = 2  # the joint mapping with the MGT before steps start
MAX_FIRST_STEP_WEEKS: Final = 8  # a försteg should not hold back the next step for long
MAX_INTERVENTION_WEEKS: Final = 12  # matching starts at the latest after this
MAX_MATCHING_WEEKS: Final = 26  # hand-over to the next step, after which efterstöd starts


@dataclass(frozen=True)
class Candidate:
    """A step the drafter may place: the intervention, why, the rule and its priority."""

    intervention: Intervention
    why: str
    rule: str
    priority: int


def _work_lane(item: Intervention) -> bool:
    return item.lane == "arbetsliv" or item.phase in ("kartlaggning", "efterstod")


def phase_weeks(candidates: Iterable[Candidate], *, straight_to_job: bool) -> dict[str, int]:
    """Return the start week of each phase of the work lane, and of parallel care."""
    by_phase: dict[str, list[int]] = {phase: [] for phase in PHASES}
    for candidate in candidates:
        item = candidate.intervention
        if _work_lane(item):
            by_phase[item.phase].append(item.weeks)
    first = MAPPING_WEEKS if by_phase["kartlaggning"] else 0
    insats = first + min(max(by_phase["forsteg"], default=0), MAX_FIRST_STEP_WEEKS)
    matching = insats + min(max(by_phase["insats"], default=0), MAX_INTERVENTION_WEEKS)
    if straight_to_job:
        matching = first  # IPS: job search from the start, no prior training [seed 004]
    after = matching + min(max(by_phase["matchning"], default=0), MAX_MATCHING_WEEKS)
    return {
        "kartlaggning": 0,
        "forsteg": first,
        "insats": insats,
        "matchning": matching,
        "efterstod": after,
        "parallel": first,
    }


def base_week(item: Intervention, weeks: dict[str, int]) -> int:
    """Return when a step would start without the cap; care starts with the first step."""
    return weeks[item.phase] if _work_lane(item) else weeks["parallel"]


# Within one round the work lane goes first: the plan leads towards work or studies.
_LANE_ROUND: Final = ("arbetsliv", "vard", "social")


def _order(candidates: list[Candidate]) -> list[int]:
    """Return placing order: mapping, round-robin over the lanes by priority, then efterstöd.

    Each lane's most important step comes before any lane's second, so care and
    social support run in parallel with the work track instead of crowding it out;
    within a round the row priority decides, then the lane.
    """
    phases = list(PHASES)

    def key(n: int) -> tuple[int, int, int]:
        item = candidates[n].intervention
        return (candidates[n].priority, phases.index(item.phase), n)

    def in_phase(phase: str) -> list[int]:
        return sorted(
            (n for n, c in enumerate(candidates) if c.intervention.phase == phase), key=key
        )

    rounds: dict[int, list[tuple[int, int, int]]] = {}
    for lane_rank, lane in enumerate(_LANE_ROUND):
        in_lane = sorted(
            (
                n
                for n, c in enumerate(candidates)
                if c.intervention.lane == lane
                and c.intervention.phase not in ("kartlaggning", "efterstod")
            ),
            key=key,
        )
        for depth, n in enumerate(in_lane):
            rounds.setdefault(depth, []).append((candidates[n].priority, lane_rank, n))
    # Efterstöd follows the hand-over: it yields its place to steps needed now.
    steps = [n for depth in sorted(rounds) for *_, n in sorted(rounds[depth])]
    return in_phase("kartlaggning") + steps + in_phase("efterstod")


def place(
    candidates: list[Candidate], weeks: dict[str, int], limits: PlanLimits
) -> tuple[list[tuple[Candidate, int]], list[tuple[Candidate, str]]]:
    """Give each step a start week within the caps; return placed steps and the overflow."""
    order = _order(candidates)
    starts: dict[int, int] = {}  # window index -> new starts in it
    placed: list[tuple[Candidate, int]] = []
    overflow: list[tuple[Candidate, str]] = []
    size = limits.window_weeks
    for n in order:
        candidate = candidates[n]
        if len(placed) >= limits.max_rows:
            overflow.append(
                (candidate, f"över taket för utkastet: högst {limits.max_rows} insatser åt gången")
            )
            continue
        base = base_week(candidate.intervention, weeks)
        start = base
        while starts.get(start // size, 0) >= limits.max_new_starts:
            start = (start // size + 1) * size
        if start - base > limits.max_delay_weeks:
            overflow.append(
                (
                    candidate,
                    f"över taket för nya kontakter: högst {limits.max_new_starts} nya "
                    f"insatser som börjar inom samma {size} veckor",
                )
            )
            continue
        starts[start // size] = starts.get(start // size, 0) + 1
        placed.append((candidate, start))
    return placed, overflow
