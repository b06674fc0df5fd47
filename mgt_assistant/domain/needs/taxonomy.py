"""The need taxonomy read from ``rules/needs.yaml``: domains, sub-needs, parties."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgt_assistant.domain.yaml_located import RuleFileError

if TYPE_CHECKING:
    from mgt_assistant.domain.needs.taxonomy_schema import DomainSpec, NeedsFile

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


def _domain(spec: DomainSpec, seen: set[str], file: str) -> NeedDomain:
    if "." in spec.id or spec.id in seen:
        raise RuleFileError(file, spec.line_of("id"), f"ogiltigt eller upprepat id '{spec.id}'")
    seen.add(spec.id)
    parties = tuple(spec.parties or ())
    subs: list[SubNeed] = []
    for sub in spec.sub_needs:
        if not sub.id.startswith(spec.id + ".") or sub.id in seen:
            raise RuleFileError(
                file, sub.line_of("id"), f"delbehovet '{sub.id}' måste börja med '{spec.id}.'"
            )
        seen.add(sub.id)
        inherited = tuple(sub.parties) if sub.parties is not None else parties
        subs.append(SubNeed(sub.id, spec.id, sub.label, inherited, sub.line))
    return NeedDomain(
        spec.id, spec.label, spec.core, parties, spec.question, tuple(subs), spec.line
    )


def parse_taxonomy(data: Any, file: str) -> NeedTaxonomy:
    """Turn parsed ``needs.yaml`` data into a taxonomy; raise the first RuleFileError."""
    # The typed models (pydantic) load only when a file is read, not when a taxonomy is used.
    from mgt_assistant.domain.needs.taxonomy_schema import NeedsFile
    from mgt_assistant.domain.yaml_models import validate

    spec, errors = validate(NeedsFile, data, file)
    if spec is None:
        raise errors[0]
    return taxonomy_from_spec(spec, file)


def taxonomy_from_spec(spec: NeedsFile, file: str) -> NeedTaxonomy:
    """Build the taxonomy from a valid ``needs.yaml`` model; raise RuleFileError on bad ids."""
    seen: set[str] = set()
    domains = [_domain(domain, seen, file) for domain in spec.domains]
    missing = [core for core in CORE_DOMAINS if core not in seen]
    if missing:
        raise RuleFileError(file, 1, f"kärnområden saknas: {', '.join(missing)}")
    return NeedTaxonomy(version=spec.version or "", domains=tuple(domains))


def load_taxonomy(rules_dir: Path) -> NeedTaxonomy:
    """Load ``needs.yaml`` from a rules folder."""
    from mgt_assistant.domain.yaml_strict import load_file

    path = rules_dir / "needs.yaml"
    return parse_taxonomy(load_file(path, "needs.yaml"), "needs.yaml")
