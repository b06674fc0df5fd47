"""The need taxonomy read from ``rules/needs.yaml``: domains, sub-needs, parties."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgt_assistant.domain.parties import PARTIES
from mgt_assistant.domain.yaml_strict import LocatedDict, LocatedList, RuleFileError, load_file

CORE_DOMAINS = ("health", "housing", "economy", "work_readiness")


@dataclass(frozen=True)
class SubNeed:
    """A finer need inside a domain, such as ``economy.debt``."""

    id: str
    domain: str
    label: str
    parties: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class NeedDomain:
    """A need domain with its Swedish label, question and sub-needs."""

    id: str
    label: str
    core: bool
    parties: tuple[str, ...]
    question: str
    sub_needs: tuple[SubNeed, ...]
    line: int


@dataclass(frozen=True)
class NeedTaxonomy:
    """All need domains and sub-needs, looked up by id."""

    version: str
    domains: tuple[NeedDomain, ...]

    def domain(self, need_id: str) -> NeedDomain | None:
        """Return the domain of a domain or sub-need id, or None if unknown."""
        domain_id = need_id.split(".", 1)[0]
        return next((d for d in self.domains if d.id == domain_id), None)

    def sub_need(self, need_id: str) -> SubNeed | None:
        """Return the sub-need with this id, or None."""
        domain = self.domain(need_id)
        if domain is None:
            return None
        return next((s for s in domain.sub_needs if s.id == need_id), None)

    def is_known(self, need_id: str) -> bool:
        """Tell whether the id names a domain or a sub-need."""
        domain = self.domain(need_id)
        if domain is None:
            return False
        return need_id == domain.id or self.sub_need(need_id) is not None

    def label(self, need_id: str) -> str:
        """Return the Swedish label of a domain or sub-need id."""
        sub = self.sub_need(need_id)
        if sub is not None:
            return sub.label
        domain = self.domain(need_id)
        return domain.label if domain is not None else need_id

    def parties_for(self, need_id: str) -> tuple[str, ...]:
        """Return the parties that normally have interventions for a need."""
        sub = self.sub_need(need_id)
        if sub is not None:
            return sub.parties
        domain = self.domain(need_id)
        return domain.parties if domain is not None else ()

    def all_ids(self) -> list[str]:
        """Return every domain and sub-need id, in file order."""
        ids: list[str] = []
        for domain in self.domains:
            ids.append(domain.id)
            ids.extend(sub.id for sub in domain.sub_needs)
        return ids


def _text(data: LocatedDict, key: str, file: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleFileError(file, data.line_of(key), f"'{key}' måste vara en icke-tom text")
    return value


def _parties(data: LocatedDict, file: str, inherited: tuple[str, ...]) -> tuple[str, ...]:
    value: Any = data.get("parties")
    if value is None:
        return inherited
    if not isinstance(value, LocatedList) or not value:
        raise RuleFileError(file, data.line_of("parties"), "'parties' måste vara en lista")
    for party, line in zip(value, value.item_lines, strict=True):
        if party not in PARTIES:
            raise RuleFileError(file, line, f"okänd part '{party}' (kända: {', '.join(PARTIES)})")
    return tuple(value)


def parse_taxonomy(data: Any, file: str) -> NeedTaxonomy:
    """Turn parsed ``needs.yaml`` data into a taxonomy; raise RuleFileError on faults."""
    if not isinstance(data, LocatedDict):
        raise RuleFileError(file, 1, "filen måste vara en mappning med 'domains'")
    raw_domains = data.get("domains")
    if not isinstance(raw_domains, LocatedList):
        raise RuleFileError(file, data.line_of("domains"), "'domains' måste vara en lista")
    seen: set[str] = set()
    domains: list[NeedDomain] = []
    for raw in raw_domains:
        if not isinstance(raw, LocatedDict):
            raise RuleFileError(file, raw_domains.line, "varje behovsområde måste vara en mappning")
        domain_id = _text(raw, "id", file)
        if "." in domain_id or domain_id in seen:
            raise RuleFileError(
                file, raw.line_of("id"), f"ogiltigt eller upprepat id '{domain_id}'"
            )
        seen.add(domain_id)
        parties = _parties(raw, file, ())
        subs: list[SubNeed] = []
        raw_subs = raw.get("sub_needs") or LocatedList()
        for sub in raw_subs:
            sub_id = _text(sub, "id", file)
            if not sub_id.startswith(domain_id + ".") or sub_id in seen:
                raise RuleFileError(
                    file, sub.line_of("id"), f"delbehovet '{sub_id}' måste börja med '{domain_id}.'"
                )
            seen.add(sub_id)
            subs.append(
                SubNeed(
                    id=sub_id,
                    domain=domain_id,
                    label=_text(sub, "label", file),
                    parties=_parties(sub, file, parties),
                    line=sub.line,
                )
            )
        domains.append(
            NeedDomain(
                id=domain_id,
                label=_text(raw, "label", file),
                core=bool(raw.get("core", False)),
                parties=parties,
                question=_text(raw, "question", file),
                sub_needs=tuple(subs),
                line=raw.line,
            )
        )
    missing = [core for core in CORE_DOMAINS if core not in seen]
    if missing:
        raise RuleFileError(file, 1, f"kärnområden saknas: {', '.join(missing)}")
    return NeedTaxonomy(version=str(data.get("version", "")), domains=tuple(domains))


def load_taxonomy(rules_dir: Path) -> NeedTaxonomy:
    """Load ``needs.yaml`` from a rules folder."""
    path = rules_dir / "needs.yaml"
    return parse_taxonomy(load_file(path, "needs.yaml"), "needs.yaml")
